"""Reading a food diary: plain phrases and ``(food, amount)`` pairs to SR28 foods and grams.

How a phrase is read (``DiaryReader.entry``):

1. The amount is read by ``parse_amount`` (in ``cramps.food_diary``): a count, a size, a unit, then
   the food ("1 1/2 cups cooked spinach", "a medium banana", "30g almonds"), or the food
   first ("almonds, 30 g").
2. A phrase whose unit is mg, mcg (µg) or IU and whose words name a nutrient
   ("magnesium citrate 200 mg", "vitamin D3 1000 IU") is a supplement: the amount is of
   the nutrient itself, as a Supplement Facts label gives it (IU of vitamin D: 40 IU =
   1 µg).
3. The food: an SR28 id, NDB number or exact description is that food. Otherwise the
   words are looked up (plurals folded, word order ignored) in the curated diary names
   (``tools/curated/diary_foods.csv``: about 200 everyday foods, each the form a
   dietitian would code: "black beans" are cooked beans, "salmon" cooked salmon). Words
   naming a cut ("sliced", "chopped" ...) or a neutral word ("fresh", "organic") are set
   aside for this; a word of state ("cooked", "raw", "dry") must agree with the curated
   food's name. Failing that, the food search (:meth:`~cramps.food_table.FoodTable.search`)
   is asked, and of the foods whose names hold every word, the first whose main name
   (before the first comma) is among the words, then that shares most words with the
   curated food of another state ("raw oysters": the raw form of the curated oysters),
   then that is an everyday food (:mod:`cramps.servings`) is taken: "cooked spinach" is
   "Spinach, cooked, boiled, drained", not "Malabar spinach". The other candidates are
   kept as ``alternatives``.
4. The grams: a mass unit is exact (1 oz = 28.349523125 g, 1 lb = 453.59237 g), but
   "oz" of a drink (a USDA beverage, a milk or a juice) is the fluid ounce: "8 oz orange
   juice" is a cup of it. A "glass" or "mug" is a cup. A cup,
   tbsp or tsp uses the food's own SR28 measure of that name (the one with the cut
   the phrase names, else the plainest), scaled; with none, or for mL, L and fl oz, the
   food's density from its SR28 measure by volume (FDA labelling equivalents: 1 cup =
   240 mL, 1 tbsp = 15 mL, 1 tsp = 5 mL, 1 fl oz = 30 mL). "slice" uses its slice
   measure; a size ("a large apple") the measure of that size; a bare count ("2 eggs")
   the medium measure, or the food's own piece (a large egg), or its first measure by
   the piece. A food named without an amount ("banana") is one serving
   (:attr:`~cramps.foods.Food.serving`).

Anything that cannot be read raises :class:`~cramps.DiaryError` (or
:class:`~cramps.UnknownTermError` for a food that cannot be found, with suggestions),
naming the entry and what would be right.
"""

from __future__ import annotations

import csv
import io
import os
from collections.abc import Callable, Iterable, Mapping
from typing import TYPE_CHECKING, Final, TextIO

from cramps._fields import number, shown
from cramps.amount import Amount, Unit
from cramps.errors import DiaryError, UnknownTermError
from cramps.food_diary import (
    DIARY_NUTRIENTS,
    MASS_UNITS,
    SUPPLEMENT_UNITS,
    VOLUME_UNITS,
    Diary,
    DiaryEntry,
    ParsedAmount,
    SkippedRow,
    SupplementEntry,
    parse_amount,
)
from cramps.food_search import stem
from cramps.foods import NUTRIENT_UNITS, Food, word_set
from cramps.servings import density, measures, volume_unit
from cramps.text import fold

if TYPE_CHECKING:
    from cramps.knowledge import KnowledgeBase

__all__ = ["DiaryItem", "DiaryReader"]

#: What :func:`cramps.food_diary` takes for one entry: a phrase, or a ``(food, amount)`` pair
#: (amount in grams, or a measure such as ``"1 cup"``), or an entry already read.
DiaryItem = str | tuple[str, float | str] | DiaryEntry | SupplementEntry

#: Words that say how a food was cut; they choose among its measures ("1 cup, sliced").
CUT_WORDS: Final = word_set(
    "sliced chopped diced cubed cube chunk mashed shredded grated halves halved pieces crushed ground packed"
    " pureed slivered whole quartered"
)
#: Nouns that count or hold a food rather than name it ("6 spears of asparagus", "1 can
#: sardines", "a tilapia fillet"); set aside like cut words, they choose the measure.
MEASURE_NOUNS: Final = word_set(
    "spear ear fillet filet can stalk clove leaf strip wedge patty link floret sprig head bunch bar stick scoop meat"
)
#: Cut words folded to one spelling, so that "cubed" finds the measure "1 cup, cubes".
_CUT_SPELLING: Final = {
    "cubed": "cube", "cubes": "cube", "chunks": "chunk", "halved": "halves", "slivered": "sliver", "sliced": "slice",
    "macaroni": "elbow",
}  # fmt: skip
#: Words that say how a food was cooked; "cooked lentils" are the curated lentils, which
#: are cooked (and "raw carrots" the curated carrots, which are raw).
_COOKING_WORDS: Final = word_set("cooked boiled baked roast roasted steamed broiled grilled stewed prepared")
#: Words that say what state a food is in, checked against the curated food's name.
_STATE_WORDS: Final = _COOKING_WORDS | word_set("raw dry dried uncooked")
#: Measure words that make a measure less plain than another (unless the phrase asks).
_UNUSUAL_MEASURES: Final = word_set("packed mashed pureed balls heaping melted whipped")
#: Words that say nothing about which food is meant.
NEUTRAL_WORDS: Final = word_set("fresh organic plain ripe some my the of homemade")
#: Words that name no food at all.
VAGUE_WORDS: Final = word_set(
    "food foods stuff thing things something meal meals snack snacks dish bowl plate serving leftovers"
)
#: Words of a supplement's form that are not the nutrient ("magnesium citrate").
_SUPPLEMENT_FORMS: Final = word_set("""citrate oxide glycinate bisglycinate carbonate chloride gluconate lactate
    aspartate malate
    threonate taurate orotate sulfate supplement supplements tablet tablets pill pills capsule
    capsules softgel softgels chewable gummy gummies d3 d2 cholecalciferol ergocalciferol
    cyanocobalamin methylcobalamin hydroxocobalamin hcl mononitrate elemental liquid drops""")
_IU_PER_UG_VITAMIN_D: Final = 40.0
_MAX_CSV_BYTES: Final = 5_000_000


def _words(text: str) -> list[str]:
    """The folded words of ``text``, each in the singular form the food search uses."""
    return [stem(word) for word in fold(text).split()]


def _fmt(value: float) -> str:
    return f"{value:.4g}" if value < 1000 else f"{value:,.0f}"


class DiaryReader:
    """Reads diary entries for one knowledge base (made once, on its first diary)."""

    __slots__ = ("_by_set", "_kb", "_names", "_pieces")

    def __init__(self, kb: KnowledgeBase) -> None:
        from cramps._loader import packaged_data, read_json
        from cramps.catalogue import DIARY_FOODS_FILE

        self._kb = kb
        raw = read_json(packaged_data() / DIARY_FOODS_FILE)
        names: Mapping[str, str] = raw["names"]
        self._names = {
            " ".join(word for word in _words(name) if word not in NEUTRAL_WORDS): food_id
            for name, food_id in names.items()
        }
        self._by_set = {frozenset(key.split()): food_id for key, food_id in self._names.items()}
        self._pieces: Mapping[str, str] = raw.get("pieces", {})

    # --- whole diaries

    def diary(self, entries: Iterable[DiaryItem], days: float) -> Diary:
        """A :class:`~cramps.food_diary.Diary` of ``entries`` over ``days`` days."""
        if isinstance(entries, (str, bytes)):
            raise TypeError("entries must be a list of phrases or (food, amount) pairs, not one str")
        if not isinstance(entries, Iterable):
            raise TypeError(f"entries must be a list of phrases or (food, amount) pairs, not {type(entries).__name__}")
        foods: list[DiaryEntry] = []
        supplements: list[SupplementEntry] = []
        for item in entries:
            read = self.entry(item)
            (supplements if isinstance(read, SupplementEntry) else foods).append(read)  # type: ignore[arg-type]
        return Diary(entries=foods, supplements=supplements, days=days)

    def read_csv(self, source: str | os.PathLike[str] | TextIO, days: float | None, strict: bool) -> Diary:
        """A diary from CSV text with the columns ``food`` and ``amount`` and an optional
        ``date``: a path, or an open text file. With ``strict`` (the default) a bad row
        rejects the whole file, naming the row's line; otherwise bad rows are returned in
        :attr:`~cramps.Diary.skipped`."""
        text = _read_text(source)
        rows = csv.DictReader(io.StringIO(text))
        header = [fold(name) for name in rows.fieldnames or ()]
        if "food" not in header or "amount" not in header:
            raise DiaryError(f"a diary CSV needs the columns food and amount (and may have date); found {header}")
        rows.fieldnames = header
        foods: list[DiaryEntry] = []
        supplements: list[SupplementEntry] = []
        skipped: list[SkippedRow] = []
        dates: set[str] = set()
        for row in rows:
            line = rows.line_num
            food, amount = (row.get("food") or "").strip(), (row.get("amount") or "").strip()
            day = (row.get("date") or "").strip() or None
            text = f"{food},{amount}" + (f",{day}" if day else "")
            try:
                if None in row:
                    raise DiaryError("the row has more cells than the header", line=line)
                if not food:
                    raise DiaryError("the food cell is empty; name a food or write a phrase in it", line=line)
                item: DiaryItem = food if not amount else (food, _number_or_text(amount))
                read = self.entry(item, line=line, day=day)
            except (DiaryError, UnknownTermError) as error:
                if strict:
                    if isinstance(error, DiaryError) and error.line is None:
                        raise DiaryError(error.reason, entry=error.entry, line=line) from error
                    if isinstance(error, UnknownTermError):
                        raise DiaryError(str(error), entry=text, line=line) from error
                    raise
                skipped.append(SkippedRow(line=line, text=text, error=str(error)))
                continue
            if day is not None:
                dates.add(day)
            (supplements if isinstance(read, SupplementEntry) else foods).append(read)  # type: ignore[arg-type]
        if days is None:
            days = float(len(dates)) if dates else 1.0
        return Diary(entries=foods, supplements=supplements, days=days, skipped=skipped)

    # --- one entry

    def entry(self, item: object, *, line: int | None = None, day: str | None = None) -> DiaryEntry | SupplementEntry:
        """One entry read: a phrase, a ``(food, amount)`` pair, or a record as it is."""
        if isinstance(item, (DiaryEntry, SupplementEntry)):
            return item
        if isinstance(item, str):
            return self._phrase(parse_amount(_checked(item)), item, line, day)
        if isinstance(item, tuple) and len(item) == 2:
            food, amount = item
            if not isinstance(food, str):
                raise TypeError(f"the food of a (food, amount) pair must be a str, not {type(food).__name__}")
            _checked(food)
            if isinstance(amount, bool) or not isinstance(amount, (int, float, str)):
                raise TypeError(
                    f"the amount of {food!r} must be grams or a measure such as '1 cup', not {shown(amount)}"
                )
            if isinstance(amount, (int, float)):
                # checked before the text is written: an int beyond float range (10**400)
                # has no grams, and one of 5,000 digits no text either
                grams = number(amount)
                text = f"{food}, {amount if grams is not None else shown(amount)}"
                if grams is None or grams <= 0:
                    raise DiaryError(
                        f"grams must be a finite number above 0, got {shown(amount)}", entry=text, line=line
                    )
                found, alternatives = self.food(food)
                return DiaryEntry(
                    food=found,
                    grams=grams,
                    text=text,
                    measure=f"{_fmt(grams)} g as given",
                    alternatives=alternatives,
                    day=day,
                    line=line,
                )
            text = f"{food}, {amount}"
            parsed = parse_amount(f"{_checked(amount)} x")
            if parsed.food != "x":
                raise DiaryError(
                    f"cannot read the amount {amount!r}; write grams (30) or a measure ('1 cup', '2 tbsp', '3 oz')",
                    entry=text,
                    line=line,
                )
            return self._phrase(
                ParsedAmount(count=parsed.count, unit=parsed.unit, size=parsed.size, food=food), text, line, day
            )
        raise TypeError(f"a diary entry must be a phrase or a (food, amount) pair, not {type(item).__name__}")

    def _phrase(
        self, parsed: ParsedAmount, text: str, line: int | None, day: str | None
    ) -> DiaryEntry | SupplementEntry:
        if parsed.unit in SUPPLEMENT_UNITS:
            return self._supplement(parsed, text, line, day)
        candidates = self.candidates(parsed.food)
        first_error: DiaryError | None = None
        position = 0
        while position < min(len(candidates), 8):
            food = candidates[position]
            position += 1
            try:
                grams, measure = self.grams(food, parsed)
            except DiaryError as error:
                first_error = first_error or error
                if len(candidates) == 1:
                    # a curated food without the measure asked for: its kin in the search may have it
                    candidates = candidates + self._kin(parsed.food, food, parsed.unit)
                continue
            others = tuple(other for other in candidates if other is not food)[:4]
            return DiaryEntry(
                food=food, grams=grams, text=text, measure=measure, alternatives=others, day=day, line=line
            )
        assert first_error is not None
        raise DiaryError(first_error.reason, entry=text, line=line) from first_error

    def _supplement(self, parsed: ParsedAmount, text: str, line: int | None, day: str | None) -> SupplementEntry:
        words = [
            {"d3": "d", "d2": "d"}.get(word, word)
            for word in fold(parsed.food).split()
            if word in ("d3", "d2") or word not in _SUPPLEMENT_FORMS
        ]
        try:
            nutrient = self._kb.nutrient(" ".join(words)).id if words else ""
        except UnknownTermError:
            nutrient = ""
        if nutrient not in DIARY_NUTRIENTS:
            known = ", ".join(DIARY_NUTRIENTS)
            raise DiaryError(
                f"an amount in {parsed.unit} is read as a supplement, but {parsed.food!r} names no nutrient"
                f" cramps follows ({known}); give a food's amount in g, oz or a household measure",
                entry=text,
                line=line,
            )
        count = 1.0 if parsed.count is None else parsed.count
        if parsed.unit == "iu":
            if nutrient != "vitamin-d":
                raise DiaryError(
                    f"IU are converted only for vitamin D (40 IU = 1 µg); give {nutrient} in mg or mcg",
                    entry=text,
                    line=line,
                )
            amount = Amount(value=count / _IU_PER_UG_VITAMIN_D, unit=Unit.UG)
        else:
            amount = Amount(value=count, unit=Unit.MG if parsed.unit == "mg" else Unit.UG)
        amount = amount.to(NUTRIENT_UNITS[nutrient])
        return SupplementEntry(nutrient=nutrient, amount=amount, text=text, day=day, line=line)

    # --- the food

    def food(self, text: str) -> tuple[Food, tuple[Food, ...]]:
        """The food ``text`` names, and the alternatives considered (see the module)."""
        candidates = self.candidates(text)
        return candidates[0], tuple(candidates[1:5])

    def candidates(self, text: str) -> list[Food]:
        """The foods ``text`` may name, best first: a curated or exact food alone, else the
        search's matches in the order of the module's rule (at least one, else
        :class:`~cramps.UnknownTermError`)."""
        catalogue = self._kb.catalogue
        words = _words(text)
        kept = [word for word in words if word not in NEUTRAL_WORDS]
        if not kept or all(word in VAGUE_WORDS for word in kept):
            raise UnknownTermError(text, "food", (), hint="name the food itself, e.g. '1 cup cooked oatmeal'")
        uncut = [word for word in kept if word not in CUT_WORDS and word not in MEASURE_NOUNS]
        if "fresh" in words:
            uncut = [*uncut, "raw"]
        keys = (uncut,) if "fresh" in words else (kept, uncut)
        for key in keys:
            food_id = self._names.get(" ".join(key)) or self._by_set.get(frozenset(key))
            if food_id is not None:
                return [catalogue.food(food_id)]
        hint: set[str] = set()  # the curated food's name, when only its state differs
        for key in keys:
            plain = [word for word in key if word not in _STATE_WORDS]
            food_id = (self._names.get(" ".join(plain)) or self._by_set.get(frozenset(plain))) if plain else None
            if food_id is None:
                continue
            found = catalogue.food(food_id)
            name = set(_words(found.name))
            # "cooked lentils" are the curated lentils if those are cooked, "dry oats" if dry
            allowed = name | (_COOKING_WORDS if name & _COOKING_WORDS else set())
            allowed |= {"dry"} if "dried" in name else set()
            if {word for word in key if word not in plain} <= allowed:
                return [found]
            hint = name - _STATE_WORDS
        try:
            return [catalogue.food(text)]
        except UnknownTermError:
            pass
        content = [word for word in uncut if word not in ("roast",)] or kept
        hits = catalogue.search(" ".join(content), limit=40)
        wanted = set(content)
        matching = []
        for position, food in enumerate(hits):
            name_words = set(_words(food.name))
            if not wanted <= name_words:
                continue
            head = set(_words(food.name.split(",")[0]))
            kin = -len(hint & name_words)  # "raw oysters": the raw form of the curated oyster
            matching.append((not head <= wanted, kin, not self._everyday(food), position, food))
        if not matching:
            suggestions = tuple(dict.fromkeys(food.name for food in hits[:3]))
            advice = "write the food as USDA names it, or by its NDB number"
            raise UnknownTermError(text, "food", suggestions, hint=advice)
        matching.sort(key=lambda item: item[:4])
        return [item[4] for item in matching]

    def _kin(self, text: str, food: Food, unit: str | None) -> list[Food]:
        """Foods of the search for ``text`` other than ``food`` (for a measure it lacks),
        everyday foods first, and for slices those sold sliced."""
        try:
            hits = self._kb.catalogue.search(" ".join(w for w in _words(text) if w not in CUT_WORDS), limit=40)
        except ValueError:
            return []
        wanted = {w for w in _words(text) if w not in CUT_WORDS and w not in NEUTRAL_WORDS}
        kin = [hit for hit in hits if hit.id != food.id and wanted <= set(_words(hit.name))]
        kin.sort(key=lambda hit: (not self._everyday(hit), unit == "slice" and "sliced" not in _words(hit.name)))
        return kin

    def _everyday(self, food: Food) -> bool:
        if food.source.ndb_number is None:
            return True
        try:
            return self._kb.catalogue.table.everyday_reason(food) is None
        except LookupError:
            return True

    # --- the grams

    def grams(self, food: Food, parsed: ParsedAmount) -> tuple[float, str]:
        """The grams ``parsed`` means of ``food``, and how they were found (see the module)."""
        count = 1.0 if parsed.count is None else parsed.count
        unit = parsed.unit
        if unit == "oz" and _is_drink(food):
            unit = "fl oz"  # "8 oz orange juice" is a cup of it
        if unit is not None and unit in MASS_UNITS:
            grams = count * MASS_UNITS[unit]
            return grams, f"{_fmt(count)} {unit} = {_fmt(grams)} g"
        found = measures([(portion.description, portion.grams) for portion in food.portions])
        phrase = set(_words(parsed.food))
        cuts = {_CUT_SPELLING.get(word, word) for word in phrase & CUT_WORDS}
        # words of the phrase that are not in the food's name may name a measure ("cherry")
        cuts |= phrase - set(_words(food.name)) - NEUTRAL_WORDS - _COOKING_WORDS - {"raw"}
        cuts = {_CUT_SPELLING.get(word, word) for word in cuts}
        if unit is not None and unit in VOLUME_UNITS:
            return self._volume(food, found, count, unit, cuts)
        if unit == "slice":
            slices = [m for m in found if "slice" in _words(m[0])]
            if not slices:
                raise DiaryError(f"SR28 gives no slice of {food.name!r}; {_measures_hint(found)}")
            chosen = _by_cut(slices, cuts, parsed.size)
            return _scaled(count, chosen)
        if unit == "piece" or parsed.count is not None or parsed.size is not None:
            return self._pieces_of(food, found, count, parsed.size, cuts, phrase)
        if food.serving is not None:
            measure = f", about {food.serving.measure}" if food.serving.measure else ""
            return food.serving.grams, f"one serving ({food.serving.category}) = {_fmt(food.serving.grams)} g{measure}"
        return self._pieces_of(food, found, count, None, cuts, phrase)

    def _volume(
        self, food: Food, found: list[tuple[str, float, float]], count: float, unit: str, cuts: set[str]
    ) -> tuple[float, str]:
        same = [m for m in found if _volume_name(m[0]) == unit]
        if same and unit not in ("ml", "l"):
            return _scaled(count, _by_cut(same, cuts, None))
        ml = count * VOLUME_UNITS[unit]
        by_volume = [m for m in found if _volume_name(m[0]) is not None]
        if cuts:
            by_volume = [m for m in by_volume if cuts & set(_words(m[0]))] or by_volume
        grams_per_ml = density(by_volume, ml)
        if grams_per_ml is None:
            raise DiaryError(
                f"SR28 gives no measure by volume for {food.name!r}, so {unit} cannot be weighed;"
                f" {_measures_hint(found)}"
            )
        grams = ml * grams_per_ml
        return grams, f"{_fmt(count)} {unit} = {_fmt(ml)} mL at {grams_per_ml:.3g} g/mL (SR28 measures by volume)"

    def _pieces_of(
        self,
        food: Food,
        found: list[tuple[str, float, float]],
        count: float,
        size: str | None,
        cuts: set[str],
        phrase: set[str],
    ) -> tuple[float, str]:
        pieces = [m for m in found if _volume_name(m[0]) is None and not _is_mass(m[0])]
        if size is not None:
            sized = [m for m in pieces if _size_of(m[0]) == size]
            if not sized:
                raise DiaryError(f"SR28 gives no {size} {food.name!r}; {_measures_hint(found)}")
            return _scaled(count, _by_cut(sized, cuts, None))
        specific = [m for m in pieces if cuts & _measure_words(m[0])]
        chosen_from = specific or pieces
        own = self._pieces.get(food.id)
        heads = phrase & set(_words(food.name))
        steps: list[Callable[[tuple[str, float, float]], bool]] = [
            lambda m: own is not None and _size_of(m[0]) == own,
            lambda m: " ".join(_words(m[0].split("(")[0])) in heads,
            lambda m: _size_of(m[0]) == "medium",
            lambda m: bool(heads & _measure_words(m[0])),
            lambda m: _size_of(m[0]) is None and "nlea" not in m[0].lower(),
        ]
        for step in steps:
            chosen = [m for m in chosen_from if step(m)]
            if chosen:
                return _scaled(count, chosen[0])
        if specific:
            return _scaled(count, specific[0])
        if pieces:
            return _scaled(count, pieces[0])
        raise DiaryError(f"SR28 gives no piece of {food.name!r} to count; {_measures_hint(found)}")


def _checked(text: str) -> str:
    from cramps.text import require_text

    try:
        return require_text(text, "a diary entry")
    except ValueError as error:
        raise DiaryError(str(error), entry=text[:80]) from error


def _number_or_text(amount: str) -> float | str:
    try:
        value = float(amount)
    except ValueError:
        return amount
    return value


def _read_text(source: str | os.PathLike[str] | TextIO) -> str:
    if not isinstance(source, (str, os.PathLike)) and callable(getattr(source, "read", None)):
        text = source.read(_MAX_CSV_BYTES + 1)
        if not isinstance(text, str):
            raise TypeError("a diary CSV file must be opened in text mode (open(path, encoding='utf-8'))")
    elif isinstance(source, (str, os.PathLike)):
        path = os.fspath(source)
        if "\x00" in path:
            raise DiaryError(f"cannot read the diary CSV {shown(path)}: a path cannot hold a NUL character")
        try:
            size = os.path.getsize(path)
            if size > _MAX_CSV_BYTES:
                raise DiaryError(f"{path} is {size:,} bytes; a diary CSV may have at most {_MAX_CSV_BYTES:,}")
            with open(path, encoding="utf-8-sig", newline="") as handle:
                text = handle.read()
        except OSError as error:  # no such file, a folder, a name too long ...
            raise DiaryError(
                f"cannot read the diary CSV {shown(path)}: {error.strerror or error}; give the path of a CSV file"
            ) from error
    else:
        raise TypeError(f"a diary CSV must be a path or an open text file, not {type(source).__name__}")
    if len(text) > _MAX_CSV_BYTES:
        raise DiaryError(f"a diary CSV may have at most {_MAX_CSV_BYTES:,} characters")
    return text


def _volume_name(measure: str) -> str | None:
    found = volume_unit(measure)
    if found is None:
        return None
    return {"cups": "cup", "tablespoon": "tbsp", "tablespoons": "tbsp", "teaspoon": "tsp", "teaspoons": "tsp"}.get(
        found, found
    )


#: Words of a drink's name: for a drink, "oz" means fluid ounces.
_DRINK_WORDS: Final = word_set("juice milk soymilk drink beverage kefir buttermilk lemonade nectar smoothie")
_DRINK_GROUPS: Final = frozenset(
    {"Dairy and Egg Products", "Fruits and Fruit Juices", "Vegetables and Vegetable Products",
     "Legumes and Legume Products", "Nut and Seed Products"}
)  # fmt: skip


def _is_drink(food: Food) -> bool:
    """Whether a food is drunk: a USDA beverage, or a milk or juice of the groups that hold
    them (not a powder, a dry or undiluted form, or a cheese)."""
    words = set(_words(food.name))
    if words & {"powder", "dry", "dried", "undiluted", "cheese"}:
        return False
    return food.group == "Beverages" or (food.group in _DRINK_GROUPS and bool(words & _DRINK_WORDS))


def _is_mass(measure: str) -> bool:
    head = fold(measure).split()[:1]
    return bool(head) and head[0] in ("oz", "lb", "g", "kg")


def _size_of(measure: str) -> str | None:
    """The size a measure names before any parenthesis ("medium", "potato large" ...)."""
    words = fold(measure.split("(")[0]).split()
    for position, word in enumerate(words):
        if word in ("large", "small") and position > 0 and words[position - 1] == "extra":
            return f"extra {word}"
        if word in ("small", "medium", "large", "jumbo"):
            return word
    return None


def _measure_words(measure: str) -> set[str]:
    words = set(_words(measure))
    return words | {_CUT_SPELLING.get(word, word) for word in words}


def _by_cut(found: list[tuple[str, float, float]], cuts: set[str], size: str | None) -> tuple[str, float, float]:
    """The measure naming the phrase's cut or another of its words (or its size), else
    the plainest: no unusual word ("packed", "mashed" ...), then the fewest words."""
    for measure in found:
        if (cuts and cuts & _measure_words(measure[0])) or (size and size in fold(measure[0]).split()):
            return measure

    def plainness(measure: tuple[str, float, float]) -> tuple[bool, int, int]:
        words = fold(measure[0].replace("not packed", "").split("(")[0]).split()
        return (bool(_UNUSUAL_MEASURES & set(words)), len(words), found.index(measure))

    return min(found, key=plainness)


def _scaled(count: float, measure: tuple[str, float, float]) -> tuple[float, str]:
    name, amount, grams = measure
    total = count * grams / amount
    each = grams / amount
    return total, f"{_fmt(count)} x {_fmt(each)} g (SR28: {_fmt(amount)} {name} = {_fmt(grams)} g) = {_fmt(total)} g"


def _measures_hint(found: list[tuple[str, float, float]]) -> str:
    listed = "; ".join(f"{_fmt(amount)} {name}" for name, amount, _ in found[:6])
    return f"its measures are {listed}, or give grams" if listed else "give the amount in grams or ounces"
