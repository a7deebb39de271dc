"""A food diary: what a person ate, as SR28 foods and grams, and the intake it gives.

The records here are pure: :class:`DiaryEntry` (a food and its grams, with the words as
written and how the grams were found), :class:`SupplementEntry` (a nutrient taken as a
supplement, with its amount), :class:`Diary` (the entries over ``days`` days) and
:class:`Intake` (one nutrient's daily mean). :func:`parse_amount` reads the amount of a
diary phrase ("1 1/2 cups", "a medium", "30g", "200 mg"); :func:`cramps.food_diary` resolves
whole phrases to foods (:mod:`cramps.diary_reader`).

A value SR28 does not give is not a zero: :meth:`Diary.intake` adds what is known and
reports in :attr:`Intake.missing_grams` how many grams a day of the diary lacked a value.
"""

from __future__ import annotations

import math
import re
import unicodedata
from collections.abc import Iterable, Iterator, Mapping
from typing import Final

import attrs

from cramps import _fields
from cramps.amount import Amount, readable_amount
from cramps.errors import DiaryError
from cramps.foods import NUTRIENT_UNITS, Food
from cramps.guidance import DISCLAIMER

__all__ = [
    "DIARY_NUTRIENTS",
    "MASS_UNITS",
    "SUPPLEMENT_UNITS",
    "VOLUME_UNITS",
    "Diary",
    "DiaryEntry",
    "Intake",
    "ParsedAmount",
    "SkippedRow",
    "SupplementEntry",
    "nutrient_key",
    "parse_amount",
]

#: The nutrients a diary gives the intake of: every food-table nutrient but energy and water.
DIARY_NUTRIENTS: Final = tuple(name for name in NUTRIENT_UNITS if name not in ("energy", "water"))
#: Grams in one of each mass unit (the avoirdupois ounce and pound are exact by definition).
MASS_UNITS: Final[Mapping[str, float]] = {"g": 1.0, "kg": 1000.0, "oz": 28.349523125, "lb": 453.59237}
#: mL in one of each volume unit: the FDA labelling equivalents of 21 CFR 101.9(b)(5)(viii)
#: for the household measures (1 cup = 240 mL, 1 tbsp = 15 mL, 1 tsp = 5 mL, 1 fl oz = 30 mL).
VOLUME_UNITS: Final[Mapping[str, float]] = {
    "ml": 1.0,
    "l": 1000.0,
    "cup": 240.0,
    "tbsp": 15.0,
    "tsp": 5.0,
    "fl oz": 30.0,
}
#: Units that mark a supplement ("magnesium citrate 200 mg"): the amount is of the nutrient.
SUPPLEMENT_UNITS: Final = ("mg", "mcg", "iu")
_SIZES: Final = ("extra large", "extra small", "small", "medium", "large", "jumbo")

#: Every spelling of a unit, folded, and the unit it means.
_UNIT_WORDS: Final[Mapping[str, str]] = {
    **dict.fromkeys(("g", "gr", "gm", "gms", "gram", "grams", "gramme", "grammes"), "g"),
    **dict.fromkeys(("kg", "kgs", "kilo", "kilos", "kilogram", "kilograms"), "kg"),
    **dict.fromkeys(("oz", "ozs", "ounce", "ounces"), "oz"),
    **dict.fromkeys(("lb", "lbs", "pound", "pounds"), "lb"),
    **dict.fromkeys(("ml", "mls", "milliliter", "milliliters", "millilitre", "millilitres", "cc"), "ml"),
    **dict.fromkeys(("l", "liter", "liters", "litre", "litres"), "l"),
    **dict.fromkeys(("cup", "cups", "c", "glass", "glasses", "mug", "mugs"), "cup"),
    **dict.fromkeys(("tbsp", "tbsps", "tbs", "tbl", "tablespoon", "tablespoons", "tblsp"), "tbsp"),
    **dict.fromkeys(("tsp", "tsps", "teaspoon", "teaspoons"), "tsp"),
    **dict.fromkeys(("floz", "fl oz", "fluid ounce", "fluid ounces", "fl ounce", "fl ounces"), "fl oz"),
    **dict.fromkeys(("slice", "slices"), "slice"),
    **dict.fromkeys(("piece", "pieces", "each", "whole", "item", "items"), "piece"),
    **dict.fromkeys(("mg", "milligram", "milligrams"), "mg"),
    **dict.fromkeys(("mcg", "µg", "μg", "ug", "microgram", "micrograms"), "mcg"),
    **dict.fromkeys(("iu", "ius"), "iu"),
}
_NUMBER_WORDS: Final[Mapping[str, float]] = {
    "a": 1.0,
    "an": 1.0,
    "one": 1.0,
    "two": 2.0,
    "three": 3.0,
    "four": 4.0,
    "five": 5.0,
    "six": 6.0,
    "seven": 7.0,
    "eight": 8.0,
    "nine": 9.0,
    "ten": 10.0,
    "eleven": 11.0,
    "twelve": 12.0,
    "half": 0.5,
    "quarter": 0.25,
    "third": 1 / 3,
}
_NUMBER = r"(?:\d+\s+\d+/\d+|\d+/\d+|\d+(?:\.\d+)?|\.\d+)"
_LEADING = re.compile(rf"^(?P<number>{_NUMBER})\s*(?P<rest>.*)$")
_TRAILING = re.compile(rf"^(?P<rest>.*?)[\s,]+(?P<number>{_NUMBER})\s*(?P<unit>[a-zµμ .]*)$")
_GLUED = re.compile(r"(\d)([a-zµμ])")
_MAX_COUNT = 10_000.0


@attrs.frozen(kw_only=True)
class ParsedAmount:
    """The amount of a diary phrase as written: ``count`` (``None`` when no number was
    given), ``unit`` (a key of :data:`MASS_UNITS`, :data:`VOLUME_UNITS`, ``"slice"``,
    ``"piece"`` or a supplement unit; ``None`` when none was given), ``size`` ("small",
    "medium", "large" ...) and ``food``: the rest of the phrase, the food's name."""

    count: float | None
    unit: str | None
    size: str | None
    food: str


def _normalise(text: str) -> str:
    text = unicodedata.normalize("NFKC", text).replace("\u2044", "/").lower()
    text = re.sub(r"(\d)\s*/\s*(\d)", r"\1/\2", text)
    text = re.sub(r"(\d)\s+(\d/\d)", r"\1 \2", text)
    text = re.sub(r"(\d)(\d/\d)", r"\1 \2", text)  # "1½" became "11/2"
    text = _GLUED.sub(r"\1 \2", text)
    return " ".join(text.replace("-", " ").split())


def _number(text: str, entry: str) -> float:
    """The number ``text`` writes (digits, a fraction, or a whole and a fraction), as a
    float: digits of any length read as ``float`` reads them (more than a float holds is
    infinite, refused by the caller), never as an ``int``, which refuses 4,300 digits."""
    total = 0.0
    for part in text.split():
        if "/" in part:
            numerator, denominator = part.split("/")
            below = float(denominator)
            if below == 0:
                raise DiaryError("a fraction cannot have 0 below the line; write e.g. '1/2 cup'", entry=entry)
            total += float(numerator) / below
        else:
            total += float(part)
    return total


def _unit_at(words: list[str]) -> tuple[str | None, int]:
    """The unit the words start with (two-word spellings first) and how many words it takes."""
    if len(words) >= 2 and f"{words[0]} {words[1]}" in _UNIT_WORDS:
        return _UNIT_WORDS[f"{words[0]} {words[1]}"], 2
    if words and words[0].rstrip(".") in _UNIT_WORDS:
        return _UNIT_WORDS[words[0].rstrip(".")], 1
    return None, 0


def _size_at(words: list[str]) -> tuple[str | None, int]:
    if len(words) >= 2 and f"{words[0]} {words[1]}" in _SIZES:
        return f"{words[0]} {words[1]}", 2
    if words and words[0] in _SIZES:
        return words[0], 1
    return None, 0


def _count_words(words: list[str]) -> tuple[float | None, int]:
    """A count written in words at the start: "a", "one", "half a", "one and a half"."""
    if not words or words[0] not in _NUMBER_WORDS:
        return None, 0
    value, used = _NUMBER_WORDS[words[0]], 1
    if words[0] in ("a", "an") and len(words) > 1 and words[1] in ("half", "quarter", "third"):
        return _NUMBER_WORDS[words[1]], 2
    if words[0] in ("half", "quarter", "third") and len(words) > 1 and words[1] in ("a", "an", "of"):
        used = 2
        if words[1] == "of" and len(words) > 2 and words[2] in ("a", "an", "the"):
            used = 3
    if len(words) > used + 2 and words[used] == "and" and words[used + 1] in ("a", "an"):
        fraction = _NUMBER_WORDS.get(words[used + 2])
        if fraction is not None and fraction < 1:
            value, used = value + fraction, used + 3
    return value, used


def parse_amount(text: str) -> ParsedAmount:
    """Read the amount of a diary phrase: a count (digits, fractions such as "1/2" or
    "1 1/2" or "½", or words such as "a", "one", "half a"), then a size ("medium") and a
    unit ("cup", "tbsp", "oz", "g" ...) and an optional "of", then the food; or the food
    first and the amount after it ("almonds 30 g", "magnesium citrate, 200 mg").

    Raises :class:`DiaryError` for a count that is zero, negative or not finite, and for
    a phrase with no food named.
    """
    stripped = unicodedata.normalize("NFKC", text).strip().lower()
    if re.match(r"^[-\u2212]\s*\d", stripped) or re.match(r"^[-+]?(nan|inf|infinity)\b", stripped):
        raise DiaryError("the amount must be a finite number above 0, e.g. '1 cup' or '30 g'", entry=text)
    normal = _normalise(text)
    count: float | None = None
    unit: str | None = None
    size: str | None = None
    rest = normal
    leading = _LEADING.match(normal)
    if leading and not leading.group("rest").startswith("%"):
        count = _number(leading.group("number"), text)
        rest = leading.group("rest")
    else:
        words = normal.split()
        counted, used = _count_words(words)
        if counted is not None and len(words) > used:
            count, rest = counted, " ".join(words[used:])
        else:
            trailing = _TRAILING.match(normal)
            if trailing and trailing.group("rest").strip():
                tail_unit, taken = _unit_at(trailing.group("unit").split())
                if taken == len(trailing.group("unit").split()):
                    count = _number(trailing.group("number"), text)
                    unit = tail_unit
                    rest = trailing.group("rest")
    words = rest.split()
    if unit is None:
        size, used = _size_at(words)
        words = words[used:]
        unit, used = _unit_at(words)
        words = words[used:]
        if size is None:
            size, used = _size_at(words)
            words = words[used:]
    if words and words[0] == "of":
        words = words[1:]
    food = " ".join(words).strip(" ,.;:")
    if count is not None and (not math.isfinite(count) or count <= 0 or count > _MAX_COUNT):
        limit = f"{_MAX_COUNT:,.0f}"
        raise DiaryError(f"the amount must be a number above 0 and at most {limit}, got {count:g}", entry=text)
    if not any(ch.isalpha() for ch in food):
        raise DiaryError("no food is named; write the food after its amount, e.g. '1 cup cooked spinach'", entry=text)
    return ParsedAmount(count=count, unit=unit, size=size, food=food)


def nutrient_key(name: str) -> str:
    """The food-table id of a nutrient name written plainly ("Vitamin D" -> "vitamin-d",
    "B12" -> "vitamin-b12"); the text as given when it is no such name."""
    key = "-".join(re.sub(r"[^a-z0-9 ]+", " ", name.lower()).split())
    key = {"b12": "vitamin-b12", "b1": "thiamin", "thiamine": "thiamin", "vitamin-b1": "thiamin"}.get(key, key)
    return {"mg": "magnesium", "k": "potassium", "ca": "calcium", "na": "sodium"}.get(key, key)


@attrs.frozen(kw_only=True)
class DiaryEntry:
    """One food of a diary: the SR28 ``food``, the ``grams`` eaten, the ``text`` as
    written, ``measure``: how the grams were found ("1 medium (7" to 7-7/8" long) =
    118 g"), ``alternatives``: the other foods the words could mean, best first, ``day``
    (the CSV's date, if any) and ``line`` (the CSV line, if any)."""

    food: Food
    grams: float
    text: str
    measure: str
    alternatives: tuple[Food, ...] = attrs.field(default=(), converter=_fields.to_tuple)
    day: str | None = None
    line: int | None = None

    def __attrs_post_init__(self) -> None:
        if isinstance(self.grams, bool) or not isinstance(self.grams, (int, float)):
            raise TypeError(f"grams must be a number, not {type(self.grams).__name__}")
        grams = _fields.finite_float(self.grams)  # None for NaN, an infinity or an int beyond float range
        if grams is None or grams <= 0:
            raise DiaryError(f"grams must be a finite number above 0, got {_fields.shown(self.grams)}", entry=self.text)

    def amount_of(self, nutrient: str) -> Amount | None:
        """The amount of ``nutrient`` (a food-table id) in this entry, or ``None`` when
        SR28 gives no value for the food."""
        per_100g = self.food.nutrients.get(nutrient)
        return None if per_100g is None else per_100g.scaled(self.grams / 100.0)

    def __str__(self) -> str:
        return f"{self.text} -> {self.food.name}, {self.grams:g} g ({self.measure})"


@attrs.frozen(kw_only=True)
class SupplementEntry:
    """A nutrient taken as a supplement: ``nutrient`` (food-table id), ``amount`` (in the
    food-table unit: the label's amount of the nutrient itself, as Supplement Facts give
    it, not the weight of the salt), the ``text`` as written, ``day`` and ``line``."""

    nutrient: str
    amount: Amount
    text: str
    day: str | None = None
    line: int | None = None

    def __str__(self) -> str:
        return f"{self.text} -> supplement, {self.amount} {self.nutrient}"


@attrs.frozen(kw_only=True)
class SkippedRow:
    """A CSV row left out by ``strict=False``: its ``line``, its ``text`` and the ``error``."""

    line: int
    text: str
    error: str


@attrs.frozen(kw_only=True)
class Intake(Amount):
    """One nutrient's daily mean over a diary: an :class:`~cramps.Amount` (``value``,
    ``unit``) that also says where it came from: ``food`` and ``supplements`` (daily
    means), ``grams`` of food a day, ``missing_grams``: the grams a day whose food has no
    SR28 value for the nutrient (counted as unknown, never as zero), and ``days``."""

    nutrient: str
    food: Amount
    supplements: Amount
    grams: float
    missing_grams: float
    days: float

    @property
    def amount(self) -> Amount:
        """The intake as a plain :class:`~cramps.Amount`."""
        return Amount(value=self.value, unit=self.unit)

    @property
    def complete(self) -> bool:
        """Whether every food of the diary has a value for the nutrient."""
        return self.missing_grams == 0

    def __str__(self) -> str:
        text = f"{readable_amount(self)} a day"
        if self.missing_grams:
            text += f" (no SR28 value for {self.missing_grams:.0f} g a day of the food eaten)"
        return text


def _total(values: Iterable[float]) -> float:
    """The exact sum of ``values`` (``math.fsum``), infinite where it is beyond the range
    of a float (``fsum`` raises ``OverflowError`` there)."""
    try:
        return math.fsum(values)
    except OverflowError:
        return math.inf


def _days(value: object) -> float:
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        raise TypeError(f"days must be a number, not {type(value).__name__}")
    days = _fields.finite_float(value)  # None for NaN, an infinity or an int beyond float range
    if days is None or days <= 0 or days > 366:
        raise ValueError(f"days must be a number above 0 and at most 366, got {_fields.shown(value)}")
    return days


@attrs.frozen(kw_only=True)
class Diary:
    """What a person ate over ``days`` days: the food ``entries``, the ``supplements``
    and, for a CSV read with ``strict=False``, the ``skipped`` rows. The order of the
    entries changes no intake."""

    entries: tuple[DiaryEntry, ...] = attrs.field(default=(), converter=_fields.to_tuple)
    supplements: tuple[SupplementEntry, ...] = attrs.field(default=(), converter=_fields.to_tuple)
    days: float = attrs.field(default=1.0, converter=_days)
    skipped: tuple[SkippedRow, ...] = attrs.field(default=(), converter=_fields.to_tuple)

    @property
    def grams(self) -> float:
        """Grams of food a day (the daily mean)."""
        return _total(entry.grams for entry in self.entries) / self.days

    def intake(self, nutrient: object) -> Intake:
        """The daily mean intake of ``nutrient`` (an id such as ``"magnesium"``, a plain
        name such as ``"Vitamin D"``, or a :class:`~cramps.Nutrient`) from food and
        supplements, in the food table's unit (mg or µg)."""
        key = _nutrient_id(nutrient)
        unit = NUTRIENT_UNITS[key]
        food_values = []
        missing = []
        for entry in self.entries:
            value = entry.food.nutrients.get(key)
            if value is None:
                missing.append(entry.grams)
            else:
                food_values.append(value.value * entry.grams / 100.0)
        supplement_values = [item.amount.to(unit).value for item in self.supplements if item.nutrient == key]
        food = _total(food_values) / self.days
        supplements = _total(supplement_values) / self.days
        grams, missing_grams = self.grams, _total(missing) / self.days
        if not all(math.isfinite(number) for number in (food + supplements, grams, missing_grams)):
            raise DiaryError(
                f"the daily {key} intake of this diary is too large to compute ({len(self.entries)} foods and"
                f" {len(self.supplements)} supplements over {self.days:g} days); give amounts as eaten in a day"
                " and days of at least a few hours"
            )
        return Intake(
            value=food + supplements,
            unit=unit,
            nutrient=key,
            food=Amount(value=food, unit=unit),
            supplements=Amount(value=supplements, unit=unit),
            grams=grams,
            missing_grams=missing_grams,
            days=self.days,
        )

    def __iter__(self) -> Iterator[DiaryEntry]:
        return iter(self.entries)

    def __len__(self) -> int:
        """The number of food entries (supplements are in :attr:`supplements`)."""
        return len(self.entries)

    @property
    def disclaimer(self) -> str:
        """The medical disclaimer every diary is shown with."""
        return DISCLAIMER


def _nutrient_id(nutrient: object) -> str:
    from cramps.errors import UnknownTermError

    key = getattr(nutrient, "id", nutrient)
    if not isinstance(key, str):
        raise TypeError(f"nutrient must be a str or a Nutrient, not {type(nutrient).__name__}")
    key = str(key)  # plain text, whatever subclass of str was given
    if key in DIARY_NUTRIENTS:
        return key
    found = nutrient_key(key)
    if found in DIARY_NUTRIENTS:
        return found
    raise UnknownTermError(key, "nutrient", (), hint=f"a diary gives the intake of {', '.join(DIARY_NUTRIENTS)}")
