"""Reading plain language: what a piece of text says about symptoms, red flags and factors.

:meth:`cramps.KnowledgeBase.read` turns text such as ``"my calf is hot and swollen, no
chest pain"`` into a :class:`Reading`: the symptom, red-flag and factor ids the text names
as present, those it names as absent, and the parts of it in which nothing was read.
:func:`cramps.triage` reads free text the same way. The reader is deterministic (the same
text always gives the same reading) and knows only the words of the knowledge base: every
symptom name and alias, every red-flag name, alias and sign, and every factor name and
alias, so that new aliases in the data are read without a change of code.

The algorithm, step by step:

1. **Sentences and parts.** The text is cut into sentences at ``. ; : ! ?`` and line
   breaks, and before the words *but*, *however*, *although* and *though*; each sentence is
   cut again at commas into *parts*. A part is the unit in which a phrase can match, in
   which a negation reaches (step 6), and which is reported when nothing in it is read
   (step 7).
2. **Words.** Each part is folded with ``cramps.text.fold`` (case, accents and
   punctuation removed) and split into words. Contractions are spelled out so that
   ``can't``, ``cannot`` and ``cant`` all read as *can not*, ``don't`` as *do not*,
   ``won't`` as *will not*, ``isn't`` as *is not* (and so on).
3. **Stems.** Each word is reduced by a light stemmer: a few irregular forms
   (*swollen* -> *swell*, *feet* -> *foot*, *calves* -> *calf*, *warmth* -> *warm*,
   *lost* -> *loss*), then the endings *-ness*, *-s*, *-ing* and *-ed* (undoubling *runn*
   to *run*), *-ly*, a final *-e*, and a final *-y* turned into *-i*; so *swelling*, *swells*
   and *swollen* share a stem, as do *toes* and *toe*, *cramps* and *cramping*, *numbness*
   and *numb*. A stem the vocabulary does not know, of four letters or more, that is one
   letter away (inserted, deleted, changed or two swapped) from exactly one stem the
   vocabulary knows is read as that stem: *swolen* as *swollen*, *neeldes* as *needles*.
4. **Filler words** (``FILLER``: *my, the, a, I, have, is, am, in, of, and, or, after,
   when ...*) carry no meaning for the reader and are dropped, from the text and from the
   phrases alike.
5. **Phrases.** Each phrase of the vocabulary is reduced in the same way to its set of
   content stems. A phrase matches a part when each of its stems is found among the part's
   words, all within a window of ``3 + 2 * n`` words (``n``, the number of stems), so word
   order does not matter: *swollen calf* matches *my calf is hot and swollen*. Matches are
   taken one at a time, best first: phrases that contain a negation word (so that *can't
   feel my toes* is read as numbness, not as a negated *feel*), then phrases with more
   stems, then the tightest span of words, then the leftmost, then the longer phrase, then
   alphabetical order. A word a match uses is consumed for what that phrase names: no
   later phrase naming the same symptom, flag or factor can use it (*numb toes* is one
   match, not also *numb*), but a phrase naming something else can (*a leg cramp during
   my run* is both a leg cramp and an exercise cramp). A phrase may match more than once.
6. **Negation** (after NegEx: Chapman et al., *J Biomed Inform* 2001;34:301-10). A negation
   word that no match consumed (``NEGATIONS``: *no, not, without, never, denies ...*)
   negates each match that starts after it in the same part, up to the word *and*. A
   negated match is read as absent (a negated sign or context of a red flag marks that
   flag absent); a thing read both as present and as absent is present. A negated general
   word for medicines (*not on any medicines*, *no tablets*) reads every medication factor
   as absent.
7. **Unrecognised.** Each part with at least one content word in which nothing was read is
   reported, as written, in :attr:`cramps.Reading.unrecognised`.

A text that is a code prefixed with its system (``"ICD-10-CM:K74.60"``, ``"HP:0003394"``;
see ``cramps.codes.split_code()``) is not cut into words: it is read as the symptoms,
factors and red flags that carry that code in that system, or, when none does, reported
whole as unrecognised.

Negation stops at commas and at *and* on purpose: a negation read too far would drop a
red flag (*not sure why, my calf is swollen*), while one read too short only keeps a
finding the person did not have. Triage never lets an absent finding cancel a present one.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from typing import TYPE_CHECKING

import attrs

from cramps import _fields
from cramps._cache import Answers
from cramps.codes import Code, CodeSystem, split_code
from cramps.factors import Factor, FactorKind
from cramps.symptoms import Symptom
from cramps.text import fold

if TYPE_CHECKING:
    from cramps.red_flags import RedFlag

__all__ = ["FILLER", "NEGATIONS", "Reader", "Reading", "stem", "words"]

#: How many texts a reader keeps the readings of.
READINGS = 1024

#: Words dropped before matching, from the text and from the phrases alike.
_FILLER_TEXT = """
    a an the my mine me i im we our us you your he she his her it its this that these those there here
    have has had having is am are was were be been being do does did done get gets got getting
    in on at of and or to for from with by about into as if so then than
    some any very really quite just also too bit lot lots much
    after since when whenever while during
    will would should could shall may might must
    m s ve ll d re
"""
FILLER = frozenset(_FILLER_TEXT.split())
#: Negation words: each negates the matches after it in the same part (see the module docs).
NEGATIONS = frozenset({"no", "not", "without", "never", "deny", "denies", "denied", "nor", "neither", "none"})
#: Words that end a negation's reach within a part.
_SCOPE_ENDS = frozenset({"and"})
#: General words for medicines: negated, they read every medication factor as absent.
_MEDICINE_WORDS = ("medicine", "medicines", "medication", "medications", "tablets", "pills", "drugs", "prescriptions")
_SENTENCES = re.compile(r"[.;:!?\n\r]+|\b(?:but|however|although|though)\b", re.IGNORECASE)
_IRREGULAR = {
    "swollen": "swell",
    "feet": "foot",
    "calves": "calf",
    "teeth": "tooth",
    "warmth": "warm",
    "worse": "wors",
    "lying": "lie",
    "woke": "wak",
    "woken": "wak",
    "awoken": "wak",
    "awake": "wak",
    "wakes": "wak",
    "began": "begin",
    "begun": "begin",
    "started": "start",
    "round": "around",
    "nite": "night",
    "nightly": "nightly",
    "lost": "loss",
}
#: Contractions written without an apostrophe, spelled out.
_JOINED = {
    "cannot": ("can", "not"),
    "cant": ("can", "not"),
    "dont": ("do", "not"),
    "doesnt": ("does", "not"),
    "didnt": ("did", "not"),
    "isnt": ("is", "not"),
    "arent": ("are", "not"),
    "wasnt": ("was", "not"),
    "werent": ("were", "not"),
    "havent": ("have", "not"),
    "hasnt": ("has", "not"),
    "hadnt": ("had", "not"),
    "wont": ("will", "not"),
    "couldnt": ("could", "not"),
    "wouldnt": ("would", "not"),
}
#: The first half of a contraction folded apart (``don't`` -> ``don t``).
_BEFORE_T = {"can": "can", "won": "will", "don": "do", "ain": "is", "shan": "shall"}

_Target = tuple[str, str]  # (kind, id): kind is symptom, flag, sign, factor or medicines


def stem(word: str) -> str:
    """The stem of one folded word (see step 3 of the module docs)."""
    if word in _IRREGULAR:
        return _IRREGULAR[word]
    if len(word) > 5 and word.endswith("ness"):
        word = word[:-4]
    if len(word) > 3 and word.endswith("s") and not word.endswith(("ss", "us", "is")):
        word = word[:-1]
    if len(word) > 5 and word.endswith("ing"):
        word = _undouble(word[:-3])
    elif len(word) > 4 and word.endswith("ed"):
        word = _undouble(word[:-2])
    if len(word) > 6 and word.endswith("ly"):
        word = word[:-2]
    if len(word) > 3 and word.endswith("e"):
        word = word[:-1]
    if len(word) > 3 and word.endswith("y"):
        word = word[:-1] + "i"
    return word


def _undouble(word: str) -> str:
    """``runn`` -> ``run``, ``stopp`` -> ``stop`` (but ``swell`` stays)."""
    if len(word) > 2 and word[-1] == word[-2] and word[-1] not in "aeiouls":
        return word[:-1]
    return word


def words(text: str) -> list[str]:
    """The folded words of ``text`` with contractions spelled out (step 2)."""
    out: list[str] = []
    for word in fold(text).split():
        if word == "t" and out and out[-1].endswith("n"):
            before = out.pop()
            out.extend((_BEFORE_T.get(before, before[:-1]), "not"))
        elif word in _JOINED:
            out.extend(_JOINED[word])
        else:
            out.append(word)
    return out


def _content(phrase: str) -> frozenset[str]:
    return frozenset(stem(word) for word in words(phrase) if word not in FILLER)


@attrs.frozen(kw_only=True)
class Reading:
    """What one piece of text says, as read by :meth:`cramps.KnowledgeBase.read`.

    ``symptoms``, ``flags`` and ``factors`` are the symptom, red-flag and factor ids read
    as present (the narrowest symptom: a leg cramp is not also listed as a muscle
    cramp); ``signs`` the red-flag signs and contexts read as present (folded); the
    ``absent_`` fields the ids read as negated (*no calf swelling*; *not on any medicines* names every
    medication factor); ``unrecognised`` the parts of the text, as written, in which
    nothing was read. Every tuple is sorted.
    """

    text: str = attrs.field(validator=_fields.text)
    symptoms: tuple[str, ...] = attrs.field(default=(), converter=_fields.to_tuple, validator=_fields.slugs)
    flags: tuple[str, ...] = attrs.field(default=(), converter=_fields.to_tuple, validator=_fields.slugs)
    signs: tuple[str, ...] = attrs.field(default=(), converter=_fields.to_tuple, validator=_fields.texts)
    factors: tuple[str, ...] = attrs.field(default=(), converter=_fields.to_tuple, validator=_fields.slugs)
    absent_symptoms: tuple[str, ...] = attrs.field(default=(), converter=_fields.to_tuple, validator=_fields.slugs)
    absent_flags: tuple[str, ...] = attrs.field(default=(), converter=_fields.to_tuple, validator=_fields.slugs)
    absent_factors: tuple[str, ...] = attrs.field(default=(), converter=_fields.to_tuple, validator=_fields.slugs)
    unrecognised: tuple[str, ...] = attrs.field(default=(), converter=_fields.to_tuple, validator=_fields.texts)

    @property
    def read_anything(self) -> bool:
        """Whether anything at all was read, present or absent."""
        present = (self.symptoms, self.flags, self.signs, self.factors)
        return any((*present, self.absent_symptoms, self.absent_flags, self.absent_factors))


@attrs.frozen
class _Phrase:
    text: str  # folded
    stems: frozenset[str]
    targets: tuple[_Target, ...]
    target_set: frozenset[_Target]
    order: tuple[int, int, int, str]


@attrs.define
class _Word:
    stem: str
    raw: str
    used: set[_Target]


class Reader:
    """Reads text against a knowledge base's vocabulary (see the module docs).

    Built from the symptoms, factors and red flags whose names, aliases and signs make the
    vocabulary, and ``broader``: each symptom id's broader symptoms (as
    :meth:`cramps.KnowledgeBase.broader_symptoms` gives them; a leg cramp is read as the
    leg cramp, not also as a muscle cramp). Immutable once built, so one reader serves
    every thread.
    """

    __slots__ = ("_broader", "_by_code", "_by_stem", "_medications", "_readings", "_stems")

    def __init__(
        self,
        symptoms: Iterable[Symptom],
        factors: Iterable[Factor],
        flags: Iterable[RedFlag],
        *,
        broader: Mapping[str, frozenset[str]],
    ) -> None:
        symptoms, factors, flags = tuple(symptoms), tuple(factors), tuple(flags)  # each read twice
        self._readings = Answers(READINGS)
        found: dict[str, list[_Target]] = {}

        def add(phrase: str, target: _Target) -> None:
            targets = found.setdefault(fold(phrase), [])
            if target not in targets:
                targets.append(target)

        for symptom in symptoms:
            for label in (symptom.id, symptom.name, *symptom.aliases):
                add(label, ("symptom", symptom.id))
        self._broader = broader
        medications = []
        for factor in factors:
            if factor.kind is FactorKind.MEDICATION:
                medications.append(factor.id)
            for label in (factor.id, factor.name, *factor.aliases):
                add(label, ("factor", factor.id))
        for flag in flags:
            for label in (flag.id, flag.name, *flag.aliases):
                add(label, ("flag", flag.id))
            for sign in (*flag.signs, *flag.contexts):
                add(sign, ("sign", fold(sign)))
                add(sign, ("sign-of", flag.id))
        for word in _MEDICINE_WORDS:
            add(word, ("medicines", "*"))
        by_code: dict[tuple[CodeSystem, str], list[_Target]] = {}
        for kind, records in (("symptom", symptoms), ("factor", factors), ("flag", flags)):
            for record in records:
                for code in getattr(record, "codes", ()):
                    if isinstance(code, Code):
                        by_code.setdefault((code.system, fold(code.code)), []).append((kind, record.id))
        self._by_code = {key: tuple(value) for key, value in by_code.items()}
        by_stem: dict[str, list[_Phrase]] = {}
        for text, targets in found.items():
            stems = _content(text)
            if not stems:
                continue
            order = (-bool(stems & NEGATIONS), -len(stems), -len(text), text)
            by_stem.setdefault(min(stems), []).append(_Phrase(text, stems, tuple(targets), frozenset(targets), order))
        self._by_stem = {key: tuple(value) for key, value in by_stem.items()}
        self._medications = tuple(sorted(medications))
        self._stems = frozenset(stem for phrases in self._by_stem.values() for p in phrases for stem in p.stems)

    def read(self, text: str) -> Reading:
        """What ``text`` says: see the module docs for the algorithm. The readings of the
        last ``READINGS`` (1,024) texts read are kept."""
        found: Reading | None = self._readings.lookup(text)
        if found is None:
            found = self._read(text)
            self._readings.keep(text, found)
        return found

    def clear(self) -> None:
        """Forget the readings kept."""
        self._readings.clear()

    def _read(self, text: str) -> Reading:
        system, code = split_code(text)
        if system is not None:
            return self._read_code(text, self._by_code.get((system, fold(code)), ()))
        present: dict[str, set[str]] = {kind: set() for kind in ("symptom", "flag", "sign", "factor")}
        absent: dict[str, set[str]] = {kind: set() for kind in ("symptom", "flag", "factor")}
        unrecognised: list[str] = []
        for sentence in _SENTENCES.split(text):
            self._read_sentence(sentence, present, absent, unrecognised)
        for kind, ids in absent.items():
            ids -= present[kind]
        implied = {parent for symptom_id in present["symptom"] for parent in self._broader.get(symptom_id, ())}
        present["symptom"] -= implied  # a leg cramp is a muscle cramp: keep the narrowest
        return Reading(
            text=text,
            symptoms=sorted(present["symptom"]),
            flags=sorted(present["flag"]),
            signs=sorted(present["sign"]),
            factors=sorted(present["factor"]),
            absent_symptoms=sorted(absent["symptom"]),
            absent_flags=sorted(absent["flag"]),
            absent_factors=sorted(absent["factor"]),
            unrecognised=unrecognised,
        )

    def _read_code(self, text: str, targets: Iterable[_Target]) -> Reading:
        """The reading of a system-prefixed code: what carries it, else the text unread."""
        found: dict[str, list[str]] = {"symptom": [], "factor": [], "flag": []}
        for kind, ident in targets:
            found[kind].append(ident)
        implied = {parent for symptom_id in found["symptom"] for parent in self._broader.get(symptom_id, ())}
        symptoms = sorted(set(found["symptom"]) - implied)
        if not any(found.values()):
            return Reading(text=text, unrecognised=[text.strip()])
        return Reading(text=text, symptoms=symptoms, flags=sorted(found["flag"]), factors=sorted(found["factor"]))

    def _read_sentence(
        self, sentence: str, present: dict[str, set[str]], absent: dict[str, set[str]], unrecognised: list[str]
    ) -> None:
        for part in sentence.split(","):
            part = part.strip(" \t-()[]'\"")
            tokens = [_Word(self._known(word), word, set()) for word in words(part)]
            stems = {token.stem for token in tokens if token.raw not in FILLER}
            candidates = sorted(
                (phrase for key in stems for phrase in self._by_stem.get(key, ()) if phrase.stems <= stems),
                key=lambda phrase: phrase.order,
            )
            matches: list[tuple[int, _Phrase]] = []
            while True:  # the best match left: negation words first, most stems, tightest span, leftmost
                best: tuple[tuple[int, int, int, int, int, str], _Phrase, tuple[int, ...]] | None = None
                for phrase in candidates:
                    found = _find(phrase, tokens)
                    if found is not None:
                        cue, size, length, text = phrase.order
                        key = (cue, size, max(found) - min(found), min(found), length, text)
                        if best is None or key < best[0]:
                            best = (key, phrase, found)
                if best is None:
                    break
                _, phrase, found = best
                for position in found:
                    tokens[position].used.update(phrase.targets)
                matches.append((min(found), phrase))
                candidates = [c for c in candidates if c.stems <= {t.stem for t in tokens if not t.used & c.target_set}]
            cues = [i for i, token in enumerate(tokens) if token.raw in NEGATIONS and not any(token.used)]
            for start, phrase in matches:
                negated = any(_negates(tokens, cue, start) for cue in cues)
                for kind, ident in phrase.targets:
                    if kind == "medicines":
                        if negated:
                            absent["factor"].update(self._medications)
                    elif kind == "sign-of":  # a negated sign or context: its flags are absent
                        if negated:
                            absent["flag"].add(ident)
                    elif not negated:
                        present[kind].add(ident)
                    elif kind in absent:
                        absent[kind].add(ident)
            if not matches and any(t.raw not in FILLER and t.raw not in NEGATIONS for t in tokens):
                unrecognised.append(part)

    def _known(self, word: str) -> str:
        """The stem of ``word``, or the one vocabulary stem a letter away from it (a typo)."""
        key = stem(word)
        if key in self._stems or len(key) < 4 or word in FILLER or word in NEGATIONS or key.isdigit():
            return key
        near = sorted(known for known in self._stems if len(known) >= 4 and _one_edit(key, known))
        return near[0] if len(near) == 1 else key


def _one_edit(a: str, b: str) -> bool:
    """Whether ``a`` and ``b`` differ by one inserted, deleted, changed or swapped letter."""
    if abs(len(a) - len(b)) > 1 or a == b:
        return False
    if len(a) == len(b):
        diff = [i for i in range(len(a)) if a[i] != b[i]]
        if len(diff) == 1:
            return True
        return len(diff) == 2 and diff[1] == diff[0] + 1 and a[diff[0]] == b[diff[1]] and a[diff[1]] == b[diff[0]]
    short, long = (a, b) if len(a) < len(b) else (b, a)
    i = 0
    while i < len(short) and short[i] == long[i]:
        i += 1
    return short[i:] == long[i + 1 :]


def _find(phrase: _Phrase, tokens: list[_Word]) -> tuple[int, ...] | None:
    """The positions of unused words that match ``phrase`` in the narrowest span (the
    leftmost of equal spans), or ``None`` when no span fits the window."""
    wanted = phrase.stems
    places = [
        (i, t.stem)
        for i, t in enumerate(tokens)
        if t.stem in wanted and t.raw not in FILLER and not t.used & phrase.target_set
    ]
    window = 3 + 2 * len(wanted)
    best: tuple[int, ...] | None = None
    last: dict[str, int] = {}
    for position, key in places:  # the tightest span ending at each word: the latest place of each stem
        last[key] = position
        if len(last) == len(wanted):
            first = min(last.values())
            span = position - first + 1
            if span <= window and (best is None or span < max(best) - min(best) + 1):
                best = tuple(sorted(last.values()))
    return best


def _negates(tokens: list[_Word], cue: int, start: int) -> bool:
    """Whether the negation word at ``cue`` reaches the match starting at ``start``."""
    if start <= cue:
        return False
    return not any(token.raw in _SCOPE_ENDS for token in tokens[cue + 1 : start])
