"""Measured food composition: every USDA SR28 food, and foods ranked by a nutrient.

Source and release
    All 8,789 foods of the USDA National Nutrient Database for Standard Reference,
    **Release 28 (SR28), September 2015** (USDA ARS Nutrient Data Laboratory; public
    domain). Values are per 100 g edible portion, exactly as published (USDA's own
    decimals); a value SR28 does not have stays *missing* — it is never read as zero.
    This is not the later "SR Legacy" (April 2018) release, whose values differ for
    some foods. USDA also revised 23 SR28 foods after September 2015 (mostly baby
    foods, plus a few processed meats, breads and snacks): the values here are the
    original SR28 ones, and :attr:`Food.revised_in_later_release` is ``True`` for
    those 23 foods.

Ids
    :attr:`Food.id` is ``"usda-"`` followed by the 5-digit NDB number with its leading
    zero, e.g. ``usda-01001`` for "Butter, salted". NDB numbers never change within a
    release, so the id is stable. :meth:`FoodTable.food` also takes the bare NDB number
    (``"01001"``) or the USDA long description (case, spacing and accents ignored).

Nutrients (keys of :attr:`Food.nutrients`; the unit is the same on every basis)
    ``magnesium``, ``potassium``, ``calcium``, ``sodium`` (mg); ``vitamin-d`` (µg,
    vitamin D2 + D3); ``thiamin`` (mg); ``vitamin-b12`` (µg); ``vitamin-k`` (µg,
    phylloquinone, vitamin K1, only); ``vitamin-k2`` (µg, **menaquinone-4 (MK-4)
    only** — SR28 has no MK-7 or other menaquinones, so fermented foods such as natto
    are not represented); ``energy`` (kcal) and ``water`` (g).

Bases for :meth:`FoodTable.rich_in`
    ``"100g"``: per 100 g edible portion. ``"portion"``: per the food's *first USDA
    household portion* — the portion with the lowest USDA sequence number (``seq``),
    which is the measure USDA lists first (e.g. "1 cup, chopped", "1 medium");
    amount = value per 100 g x grams / 100. Foods without portions (297) are left out.
    ``"100kcal"``: per 100 kcal of the food; amount = value per 100 g x 100 / kcal per
    100 g. Foods whose energy is 0 or missing are left out. Foods missing the nutrient
    are always left out. Results are ranked by amount, largest first; ties by id.
    ``percent_daily_value`` uses the US FDA Daily Values for adults and children ≥ 4
    years (2016 rule): Mg 420 mg, K 4,700 mg, Ca 1,300 mg, Na 2,300 mg, vitamin D
    20 µg, vitamin K 120 µg, thiamin 1.2 mg, vitamin B12 2.4 µg. The vitamin K DV is
    applied to phylloquinone (``vitamin-k``) only; ``vitamin-k2``, ``energy`` and
    ``water`` have no DV (``None``).

Diet classification (conservative; a food that cannot be placed with confidence is left out)
    *vegan*: the USDA food group is a plant group — Vegetables and Vegetable Products,
    Fruits and Fruit Juices, Legumes and Legume Products, Nut and Seed Products,
    Cereal Grains and Pasta, Spices and Herbs, or Fats and Oils for foods named
    "Oil, ..." only — **and** the name (folded, whole words) has no animal word: no
    meat, fish, poultry, gelatin or lard word (:data:`MEAT_WORDS`, :data:`MEAT_PHRASES`
    such as "refried" or "chili with beans"), no dairy, egg or honey word
    (:data:`ANIMAL_PRODUCT_WORDS`; "butter", "milk", "cream" and "meat" after a plant
    word, as in "peanut butter" or "coconut meat", and plant names such as "oyster
    mushrooms" or "custard-apple" do not count), no dish word that usually
    hides egg or milk (:data:`HIDDEN_ANIMAL_WORDS`, e.g. "souffle", "breaded", and
    fresh pasta, potato salad, chow mein), no added vitamin D (it may be D3 from
    lanolin), and it is not a branded or "meatless"/"vegetarian" meat substitute
    (:data:`ANALOG_WORDS`; these often contain egg or milk) unless it says "vegan".
    *vegetarian* (lacto-ovo): additionally Dairy and Egg Products and Breakfast Cereals
    (fortified cereals may hold milk, honey or vitamin D3), and plant-group foods
    excluded from vegan only for the reasons above — but never a meat, fish or
    poultry group or a name with a meat word or phrase (a meat-substitute marker such
    as "meatless" overrides the meat word). Cheese rennet is not known and not checked.
    *omnivore*: no filter. Mixed groups (Baked Products, Soups, Sauces, and Gravies,
    Fast Foods, Meals, Entrees, and Side Dishes, Sweets, Snacks, Beverages, Baby Foods,
    Restaurant Foods, American Indian/Alaska Native Foods, the other Fats and Oils) are
    never classed vegan or vegetarian, since a name alone cannot show they are
    animal-free.
"""

from __future__ import annotations

import array
import bisect
import functools
import json
import os
import sys
import zlib
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from types import MappingProxyType
from typing import TYPE_CHECKING, Any, Final, Literal, overload

if TYPE_CHECKING:
    if sys.version_info >= (3, 11):
        from importlib.resources.abc import Traversable
    else:
        from importlib.abc import Traversable

    from cramps._loader import DataFolder

import attrs

from cramps._text import close_matches, fold, require_text
from cramps.amount import Amount, Unit
from cramps.errors import DataError, UnknownTermError

__all__ = [
    "ANALOG_WORDS",
    "ANIMAL_PRODUCT_WORDS",
    "BASES",
    "DIETS",
    "HIDDEN_ANIMAL_WORDS",
    "MEAT_PHRASES",
    "MEAT_WORDS",
    "NUTRIENT_UNITS",
    "PLANT_GROUPS",
    "VEGETARIAN_GROUPS",
    "Food",
    "FoodResult",
    "FoodSource",
    "FoodTable",
    "Portion",
    "TypicalSource",
    "classify_diet",
]

DATASET: Final = "USDA SR28"
RELEASE: Final = "Release 28, September 2015"

#: The cramps nutrient ids carried per food, with their unit (on every basis).
NUTRIENT_UNITS: Final[Mapping[str, Unit]] = MappingProxyType(
    {
        "magnesium": Unit.MG,
        "potassium": Unit.MG,
        "calcium": Unit.MG,
        "sodium": Unit.MG,
        "vitamin-d": Unit.UG,
        "thiamin": Unit.MG,
        "vitamin-b12": Unit.UG,
        "vitamin-k": Unit.UG,
        "vitamin-k2": Unit.UG,
        "energy": Unit.KCAL,
        "water": Unit.G,
    }
)

Basis = Literal["100g", "portion", "100kcal"]
#: The bases :meth:`FoodTable.rich_in` accepts for ``per``.
BASES: Final[tuple[Basis, ...]] = ("100g", "portion", "100kcal")
#: The diets :meth:`FoodTable.rich_in` accepts (``"omnivore"`` means no filter).
DIETS: Final = ("vegan", "vegetarian", "omnivore")


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


#: Food groups whose foods are plant foods unless the name says otherwise.
PLANT_GROUPS: Final = frozenset(
    {
        "Vegetables and Vegetable Products",
        "Fruits and Fruit Juices",
        "Legumes and Legume Products",
        "Nut and Seed Products",
        "Cereal Grains and Pasta",
        "Spices and Herbs",
    }
)
_OIL_GROUP: Final = "Fats and Oils"
#: Groups that are vegetarian (never vegan) unless the name has a meat word.
VEGETARIAN_GROUPS: Final = frozenset({"Dairy and Egg Products", "Breakfast Cereals"})

#: Words (whole words of the folded name) that rule out vegetarian and vegan.
MEAT_WORDS: Final = _words(
    """meat meats beef pork ham bacon chicken turkey duck goose lamb veal mutton venison
    game bison buffalo rabbit poultry fish salmon tuna cod anchovy anchovies sardine
    sardines herring mackerel trout shrimp crab lobster clam clams oyster oysters mussel
    mussels scallop scallops squid octopus shellfish seafood gelatin gelatine lard tallow
    suet liver sausage sausages pepperoni salami bologna frankfurter frankfurters frank
    franks wiener wieners hotdog meatball meatballs meatloaf chorizo pastrami jerky
    giblets marrow broth bouillon gravy marshmallow marshmallows worcestershire caviar roe
    animal"""
)
#: Phrases (in the folded name) that usually mean meat or lard: they rule out
#: vegetarian unless the name also has a meat-substitute word (see ANALOG_WORDS).
MEAT_PHRASES: Final = ("chili with beans", "beans chili", "beans baked home prepared", "refried")
#: Words that rule out vegan (dairy, egg, honey and the like).
ANIMAL_PRODUCT_WORDS: Final = _words(
    """milk milks butter buttermilk buttered cheese cheeses cheddar parmesan mozzarella
    cream creamed creamy egg eggs yolk yolks honey whey yogurt yoghurt casein caseinate
    ghee mayonnaise dairy lactose kefir custard milkfat sherbet"""
)
#: Dish words and phrases that usually hide egg, milk or lard; they rule out vegan.
HIDDEN_ANIMAL_WORDS: Final = _words(
    """souffle gratin scalloped pancake pancakes breaded batter battered coleslaw fritter
    fritters pudding"""
)
_HIDDEN_ANIMAL_PHRASES: Final = ("pasta fresh refrigerated", "potato salad", "chow mein", "noodles flat crunchy")
#: Meat-substitute markers: such foods are vegetarian (often with egg or milk), not
#: vegan unless the name says "vegan"; they override MEAT_WORDS ("Meatballs, meatless").
ANALOG_WORDS: Final = _words(
    "meatless vegetarian veggie vegan soyburger soyburgers worthington morningstar loma gardenburger"
)
_PLANT_QUALIFIERS: Final = _words(
    """peanut almond cashew sesame sunflower apple cocoa shea nutmeg ucuhuba nut seed soy
    soybean coconut rice oat hazelnut macadamia pistachio pumpkin"""
)
_PLANT_QUALIFIED: Final = frozenset({"butter", "milk", "cream", "meat"})
_PLANT_PHRASES: Final = ("custard apple", "mushrooms oyster", "oyster mushrooms", "vegetable oyster", "summer scallop")
_SPECIES_WORDS: Final = _words("buffalo duck goose turkey chicken")


def classify_diet(name: str, group: str) -> Literal["vegan", "vegetarian", "omnivore"]:
    """The strictest diet a food fits by the conservative rule in the module docstring.

    ``"omnivore"`` means the food is not placed as vegetarian (it may still be one).
    """
    words = fold(name).split()
    # plant names that contain an animal word: "coconut meat", "peanut butter", "oyster mushrooms"
    words = [
        "" if (word in _PLANT_QUALIFIED and i > 0 and words[i - 1] in _PLANT_QUALIFIERS) else word
        for i, word in enumerate(words)
    ]
    text = f" {' '.join(words)} "
    for phrase in _PLANT_PHRASES:
        text = text.replace(f" {phrase} ", " ")
    words = text.split()
    analog = any(word in ANALOG_WORDS for word in words)
    meat_words = MEAT_WORDS
    if group in VEGETARIAN_GROUPS and words[:1] in (["egg"], ["milk"]):
        meat_words = MEAT_WORDS - _SPECIES_WORDS  # "Egg, duck, whole", "Milk, indian buffalo"
    meat = any(word in meat_words for word in words) or any(f" {p} " in text for p in MEAT_PHRASES)
    if meat and not analog:
        return "omnivore"
    animal = any(f" {p} " in text for p in _HIDDEN_ANIMAL_PHRASES)
    # added vitamin D may be D3 from lanolin (wool fat)
    animal = animal or (bool({"vitamin", "vitamins"} & set(words)) and "d" in words)
    animal = animal or (analog and "vegan" not in words)
    animal = animal or any(word in ANIMAL_PRODUCT_WORDS or word in HIDDEN_ANIMAL_WORDS for word in words)
    plant_group = group in PLANT_GROUPS or (group == _OIL_GROUP and words[:1] == ["oil"])
    if plant_group:
        return "vegetarian" if animal else "vegan"
    if group in VEGETARIAN_GROUPS:
        return "vegetarian"
    return "omnivore"


_DIET_CODES: Final[Mapping[str, int]] = MappingProxyType({"omnivore": 0, "vegetarian": 1, "vegan": 2})


def _nutrient_items(value: Mapping[str, Amount]) -> tuple[tuple[str, Amount], ...]:
    return tuple(value.items())


def _freeze(value: Mapping[str, Amount]) -> Mapping[str, Amount]:
    return value if isinstance(value, MappingProxyType) else MappingProxyType(dict(value))


def _to_portions(value: Iterable[Portion]) -> tuple[Portion, ...]:
    return tuple(value)


def _default_release(source: FoodSource) -> str | None:
    return RELEASE if source.dataset == DATASET else None


def _default_source_id(source: FoodSource) -> str:
    if source.ndb_number is None:
        raise TypeError("FoodSource needs an id (or, for a USDA food, an ndb_number)")
    return source.ndb_number


@attrs.frozen(kw_only=True)
class FoodSource:
    """Where a food's values come from: the ``dataset``, its ``release`` and the food's
    ``id`` in that dataset.

    For the packaged USDA SR28 foods ``id`` is the NDB number, also in ``ndb_number``.
    A team's own foods (see :func:`cramps.load`) name their own dataset and id, and have
    no ``ndb_number``; their ``release`` is ``None`` unless given.
    """

    dataset: str = DATASET
    release: str | None = attrs.field(default=attrs.Factory(_default_release, takes_self=True))
    ndb_number: str | None = None
    id: str = attrs.field(default=attrs.Factory(_default_source_id, takes_self=True))


@attrs.frozen(kw_only=True)
class Portion:
    """A USDA household measure: ``description`` (amount + measure, e.g. "1 cup, chopped"),
    its weight in ``grams`` and USDA's sequence number ``seq`` (1 = listed first)."""

    description: str
    grams: float
    seq: int


@attrs.frozen(kw_only=True)
class Food:
    """One USDA SR28 food with its measured nutrients per 100 g.

    ``nutrients`` is read-only and holds only the values SR28 has (a missing value is
    absent, never zero). Foods compare and hash by value.
    """

    id: str
    name: str
    group: str
    source: FoodSource
    nutrients: Mapping[str, Amount] = attrs.field(converter=_freeze, eq=_nutrient_items)
    portions: tuple[Portion, ...] = attrs.field(default=(), converter=_to_portions)
    revised_in_later_release: bool = False

    @property
    def portion(self) -> Portion | None:
        """The food's first USDA household portion (lowest ``seq``), used for ``per="portion"``."""
        return self.portions[0] if self.portions else None

    def __reduce__(self) -> tuple[Any, ...]:
        fields = attrs.asdict(self, recurse=False)
        fields["nutrients"] = dict(self.nutrients)
        return (_rebuild_food, (fields,))


def _rebuild_food(fields: dict[str, Any]) -> Food:
    return Food(**fields)


@attrs.frozen(kw_only=True)
class FoodResult:
    """One row of :meth:`FoodTable.rich_in`: the ``amount`` of ``nutrient`` in ``food`` on ``basis``."""

    rank: int
    food: Food
    nutrient: str
    amount: Amount
    basis: Basis
    portion: Portion | None = None
    percent_daily_value: float | None = None


@attrs.frozen(kw_only=True)
class TypicalSource:
    """A food kind commonly named as a source of ``nutrient`` (``name``, such as "milk"
    or "leafy greens"), linked to the USDA SR28 ``food`` that best represents it, with
    that food's measured ``amount`` per 100 g.

    ``food`` is ``None`` when no single food represents the name with confidence (a
    generic kind such as "nuts" or "whole grains"); ``amount`` is ``None`` then, or when
    SR28 has no value for the nutrient in that food.
    """

    nutrient: str
    name: str
    food: Food | None = None
    amount: Amount | None = None


# --- amounts on a basis: the build (tools/build_foods.py) uses these same functions,
# so the packaged ranking and the amounts returned agree to the last bit.


def _per_portion(value: float, grams: float) -> float:
    return value * grams / 100


def _per_100kcal(value: float, kcal: float) -> float:
    return value * 100 / kcal


_MISSING: Final = 0xFFFFFFFF
_QUERY_CACHE_SIZE: Final = 256
_FORMAT: Final = 3
_STOP_WORDS: Final = frozenset({"and", "or", "of", "the", "a", "an", "with", "in", "fresh"})
_PROCESSED_GROUPS: Final = frozenset(
    {
        "Baby Foods",
        "Fast Foods",
        "Restaurant Foods",
        "Meals, Entrees, and Side Dishes",
        "Soups, Sauces, and Gravies",
        "Snacks",
        "Sweets",
        "Baked Products",
        "Beverages",
        "American Indian/Alaska Native Foods",
    }
)
_NEGATIONS: Final = frozenset({"non", "no", "not", "without"})
#: Query words too generic to pick one representative food.
_GENERIC_WORDS: Final = _words(
    """nut seed fish fatty oily grain whole cereal fortified green leafy dark vegetable fruit
    legume bean pulse dairy product food meat poultry seafood shellfish dried enriched"""
)
#: Description words that do not make a food less representative of a query (words
#: with digits, such as "3.25%", do not count either).
_NEUTRAL_WORDS: Final = _words(
    """and or kernel whole raw plain fluid all mixed species commercial variety mature
    regular mollusk crustacean nut seed fish bean cereal legume vegetable product with
    added vitamin a d e"""
)


def _stem(word: str) -> str:
    """A crude singular form, applied to query and description words alike."""
    if len(word) > 4 and word.endswith("ies"):
        return word[:-3] + "y"
    if len(word) > 4 and word.endswith(("oes", "ches", "shes", "sses", "xes")):
        return word[:-2]
    if len(word) > 3 and word.endswith("s") and not word.endswith(("ss", "us")):
        return word[:-1]
    return word


def search_stems(text: str) -> list[str]:
    """The distinct stems of a search text, in order (the first one matters to ranking)."""
    return list(dict.fromkeys(_stem(word) for word in fold(text).split()))


def search_key(query: list[str], name: str) -> tuple[int, int, int, int] | None:
    """How :meth:`FoodTable.search` ranks a description for the ``query`` stems, read
    from the description itself: ``(-whole, -part, not starting with the first stem,
    name length)``, smaller first; ``None`` when it does not match (no stem is a whole
    word of it, and none of three or more letters starts a longer word of it)."""
    words = frozenset(_stem(word) for word in fold(name).split())
    whole = sum(1 for stem in query if stem in words)
    part = sum(1 for stem in query if stem not in words and any(w.startswith(stem) for w in words))
    if not whole and not any(w != stem and w.startswith(stem) for stem in query if len(stem) >= 3 for w in words):
        return None
    first = fold(name).split(" ", 1)[0]
    return (-whole, -part, int(not query or _stem(first) != query[0]), len(name))


Typecode = Literal["B", "H", "I"]
#: A search tier with more rows than this ranks them by the table-wide tie-breaks.
_DECODE_AT_MOST: Final = 256


def _row_typecode(count: int) -> Literal["H", "I"]:
    """The array typecode of row numbers in a table of ``count`` foods (see the build)."""
    return "H" if count <= 0x10000 else "I"


def _column(blob: memoryview, spec: list[Any], typecode: Typecode, what: str) -> Sequence[int]:
    """A little-endian column of ``blob`` as integers, without copying it where possible."""
    name, start, length = str(spec[0]), int(spec[1]), int(spec[2])
    size = array.array(typecode).itemsize
    chunk = blob[start : start + size * length]
    if len(chunk) != size * length:
        raise DataError("column runs past the end of the file", file=name, field=what)
    if sys.byteorder == "little":
        return chunk.cast(typecode)
    column: array.array[int] = array.array(typecode)  # pragma: no cover - the data is little-endian
    column.frombytes(chunk)  # pragma: no cover
    column.byteswap()  # pragma: no cover
    return column  # pragma: no cover


class _Lines(Sequence[str]):
    """The ``\\n``-separated UTF-8 lines of a text column, each decoded when it is read:
    ``starts[i]`` is the byte offset where line ``i`` starts (``starts[-1]`` is one past
    the end of the text)."""

    __slots__ = ("_starts", "_text")

    def __init__(self, text: memoryview, starts: Sequence[int], what: str) -> None:
        if not starts or starts[-1] != len(text) + 1:
            raise DataError("line offsets do not match the text", field=what)
        self._text = text
        self._starts = starts

    def __len__(self) -> int:
        return len(self._starts) - 1

    @overload
    def __getitem__(self, index: int) -> str: ...

    @overload
    def __getitem__(self, index: slice) -> list[str]: ...

    def __getitem__(self, index: int | slice) -> str | list[str]:
        if isinstance(index, slice):
            return [self[i] for i in range(*index.indices(len(self)))]
        if index < 0:
            index += len(self)
        return str(self._text[self._starts[index] : self._starts[index + 1] - 1], "utf-8")

    def all(self) -> list[str]:
        """Every line, decoded at once."""
        return str(self._text, "utf-8").split("\n") if len(self) else []


def _read_packaged(name: str, size: int | None) -> bytes:
    """The content of ``cramps/data/<name>`` (see :func:`_read_from`)."""
    from cramps._loader import packaged_data

    return _read_from(packaged_data(), name, size)


def _read_from(folder: DataFolder, name: str, size: int | None) -> bytes:
    """The content of ``folder/name``: ``size`` is the length of a zlib file once
    decompressed (the output is allocated once, not grown), ``None`` for a plain file."""
    try:
        data = (folder / name).read_bytes()
        if size is None:
            return data
        data = zlib.decompress(data, bufsize=max(size, 1))
    except (OSError, zlib.error) as error:
        raise DataError(f"cannot read the food table: {error}", file=name) from error
    if len(data) != size:
        raise DataError(f"decompressed to {len(data)} bytes, the header says {size}", file=name)
    return data


class FoodTable:
    """The packaged USDA SR28 food table. Create it with :meth:`FoodTable.load`.

    Columns stay as compact arrays over the file's bytes (text is decoded one line at a
    time); :class:`Food` records are built on first use and cached. The order of foods
    by each nutrient on each basis is precomputed by the build (``foods-order.bin``,
    read on the first ranking), so ``rich_in(..., limit=k)`` walks k entries plus any
    filtered out, whatever the number of foods. The folded names and the word index
    (stems and the rows holding them) are built by the build too and read on the first
    lookup or search (``foods-search.bin``); the first lookup by name or NDB number
    builds a dict of them.
    """

    __slots__ = (
        "_amounts",
        "_blobs",
        "_caveat",
        "_count",
        "_daily_values",
        "_diet",
        "_files",
        "_folded_names",
        "_food_cache",
        "_group",
        "_group_by_key",
        "_group_exact",
        "_groups",
        "_header",
        "_mask_cache",
        "_name_rows",
        "_names",
        "_ndb_rows",
        "_ndb_text",
        "_ndb_width",
        "_orders",
        "_portion_desc",
        "_portion_grams",
        "_portion_seq",
        "_portion_start",
        "_postings",
        "_query_cache",
        "_read",
        "_revised",
        "_rows",
        "_scales",
        "_stems",
        "_ties",
        "_values",
        "_vocabulary",
    )

    def __init__(self, header: Mapping[str, Any], read: Callable[[str, int | None], bytes] = _read_packaged) -> None:
        """Build from the parsed ``foods.json`` header; ``read(name, compressed)`` returns
        the content of one of its files. Use :meth:`load`."""
        if header.get("format") != _FORMAT:
            raise DataError(f"unsupported format {header.get('format')!r}", file="foods.json", field="format")
        self._header = header
        self._read = read
        self._files: dict[str, int | None] = {
            name: int(info["bytes"]) if info["compressed"] else None for name, info in header["files"].items()
        }
        self._blobs: dict[str, memoryview] = {}
        main = self._blob("foods.bin")
        columns = header["columns"]
        count = self._count = int(header["count"])
        width = self._ndb_width = int(header["ndb_width"])
        self._rows = _row_typecode(count)
        if header["row_typecode"] != self._rows:
            raise DataError(f"row typecode {header['row_typecode']!r} does not fit {count} foods", file="foods.json")
        ndb = columns["ndb"]
        self._ndb_text = str(main[ndb[1] : ndb[1] + width * count], "ascii")
        self._names = self._lines(columns, "names")
        self._portion_desc = self._lines(columns, "portion_desc")
        self._group = _column(main, columns["group"], "B", "group")
        self._diet = _column(main, columns["diet"], "B", "diet")
        self._portion_start = _column(main, columns["portion_start"], "I", "portion_start")
        self._portion_grams = _column(main, columns["portion_grams"], "I", "portion_grams")
        self._portion_seq = _column(main, columns["portion_seq"], "H", "portion_seq")
        self._values: dict[str, Sequence[int]] = {}
        self._scales: dict[str, int] = {}
        self._orders: dict[tuple[str, str], Sequence[int]] = {}
        for nutrient, info in header["nutrients"].items():
            if nutrient not in NUTRIENT_UNITS:
                raise DataError(f"unknown nutrient {nutrient!r}", file="foods.json", field="nutrients")
            self._scales[nutrient] = int(info["scale"])
            self._values[nutrient] = _column(main, info["values"], "I", nutrient)
        self._groups: tuple[str, ...] = tuple(str(g) for g in header["groups"])
        self._group_by_key = {fold(g): i for i, g in enumerate(self._groups)}
        self._group_exact = {g: i for i, g in enumerate(self._groups)}
        self._revised = frozenset(int(entry["row"]) for entry in header["revised"].values())
        self._daily_values: dict[str, float] = {k: float(v["amount"]) for k, v in header["daily_values"].items()}
        self._caveat = str(header["caveat"])
        lengths = {len(self._names), len(self._group), len(self._diet), len(self._portion_start) - 1}
        lengths.update(len(column) for column in self._values.values())
        if lengths != {count} or len(self._ndb_text) != width * count:
            raise DataError("columns differ in length", file="foods.json", field="columns")
        self._food_cache: dict[int, Food] = {}
        self._folded_names: _Lines | None = None
        self._name_rows: dict[str, int] | None = None
        self._ndb_rows: dict[str, int] | None = None
        self._vocabulary: list[str] | None = None
        self._ties: tuple[list[str], list[int]] | None = None
        self._stems: dict[str, int] = {}
        self._postings: tuple[Sequence[int], Sequence[int]] = ((), ())
        self._mask_cache: dict[tuple[frozenset[int] | None, frozenset[int], int], bytes] = {}
        self._query_cache: dict[tuple[object, ...], tuple[FoodResult, ...]] = {}
        self._amounts: dict[tuple[str, str, int], tuple[Amount, Portion | None, float | None]] = {}

    @classmethod
    def load(cls, source: str | os.PathLike[str] | Traversable | None = None) -> FoodTable:
        """Read the food table: the packaged one (``cramps/data/foods.json`` and
        ``foods*.bin``; zip-safe) or, given ``source`` (a folder path or a
        :class:`~importlib.resources.abc.Traversable`), the same files in that folder, as
        ``tools/build_foods.py`` writes them."""
        from cramps._loader import data_folder, packaged_data

        folder: DataFolder
        if source is None:
            folder = packaged_data()
        elif isinstance(source, (str, os.PathLike)):
            folder = data_folder(os.fspath(source))
        elif hasattr(source, "joinpath") and hasattr(source, "read_bytes"):
            folder = source
        else:
            raise TypeError(f"source must be a folder path, a Traversable or None, not {type(source).__name__}")
        try:
            header = json.loads(_read_from(folder, "foods.json", None))
        except ValueError as error:
            raise DataError(f"cannot read the food table: {error}", file="foods.json") from error
        if source is None:
            return cls(header)
        return cls(header, functools.partial(_read_from, folder))

    def _blob(self, name: str) -> memoryview:
        blob = self._blobs.get(name)
        if blob is None:
            blob = self._blobs[name] = memoryview(self._read(name, self._files[name]))
        return blob

    def _lines(self, columns: Mapping[str, Any], name: str) -> _Lines:
        spec = columns[name]
        blob = self._blob(str(spec[0]))
        start, length = int(spec[1]), int(spec[2])
        return _Lines(blob[start : start + length], _column(blob, columns[f"{name}_starts"], "I", name), name)

    @property
    def _folded(self) -> _Lines:
        if self._folded_names is None:
            folded = self._lines(self._header["columns"], "folded")
            if len(folded) != self._count:
                raise DataError("folded names differ in length", file="foods-search.bin")
            self._folded_names = folded
        return self._folded_names

    def _order(self, nutrient: str, basis: str) -> Sequence[int]:
        order = self._orders.get((nutrient, basis))
        if order is None:
            spec = self._header["nutrients"][nutrient]["order"][basis]
            order = _column(self._blob(spec[0]), spec, self._rows, f"{nutrient} order per {basis}")
            self._orders[nutrient, basis] = order
        return order

    def _ndb(self, index: int) -> str:
        width = self._ndb_width
        return self._ndb_text[width * index : width * index + width]

    # --- basic access

    def __len__(self) -> int:
        return self._count

    def __iter__(self) -> Iterator[Food]:
        """Every food, in id order."""
        return (self._food(i) for i in range(self._count))

    def __repr__(self) -> str:
        return f"<FoodTable: {len(self):,} foods, {DATASET} {RELEASE}>"

    @property
    def caveat(self) -> str:
        """Which release the values come from and how later releases differ."""
        return self._caveat

    def groups(self) -> tuple[str, ...]:
        """The USDA food-group names, sorted."""
        return self._groups

    def _food(self, index: int) -> Food:
        cached = self._food_cache.get(index)
        if cached is not None:
            return cached
        nutrients: dict[str, Amount] = {}
        for nutrient, column in self._values.items():
            raw = column[index]
            if raw != _MISSING:
                nutrients[nutrient] = Amount(value=raw / self._scales[nutrient], unit=NUTRIENT_UNITS[nutrient])
        start, stop = self._portion_start[index], self._portion_start[index + 1]
        portions = tuple(
            Portion(description=self._portion_desc[p], grams=self._portion_grams[p] / 100, seq=self._portion_seq[p])
            for p in range(start, stop)
        )
        ndb = self._ndb(index)
        food = Food(
            id=f"usda-{ndb}",
            name=self._names[index],
            group=self._groups[self._group[index]],
            source=FoodSource(ndb_number=ndb),
            nutrients=MappingProxyType(nutrients),
            portions=portions,
            revised_in_later_release=index in self._revised,
        )
        self._food_cache[index] = food
        return food

    # --- finding foods

    def _row_of_ndb(self, ndb: str) -> int | None:
        """The row of this NDB number (a dict built on the first lookup by number)."""
        rows = self._ndb_rows
        if rows is None:
            text, width = self._ndb_text, self._ndb_width
            rows = self._ndb_rows = dict(
                zip((text[i : i + width] for i in range(0, len(text), width)), range(self._count), strict=True)
            )
        return rows.get(ndb)

    def _row_of_id(self, food_id: str) -> int | None:
        """The row of the food with exactly this id (``usda-01001``), if there is one."""
        digits = food_id[5:] if food_id.startswith("usda-") else ""
        if len(digits) != self._ndb_width or not digits.isdigit():
            return None
        return self._row_of_ndb(digits)

    def _row_of_name(self, key: str) -> int | None:
        """The lowest row whose folded name is ``key`` (a dict built on the first lookup by name)."""
        rows = self._name_rows
        if rows is None:
            folded = self._folded.all()
            # filled from the last row to the first, so the lowest row wins a shared name
            rows = self._name_rows = dict(zip(reversed(folded), range(len(folded) - 1, -1, -1), strict=True))
        return rows.get(key)

    def _row(self, key: str) -> int | None:
        width = self._ndb_width
        digits = key[5:] if key.startswith("usda ") else key
        if digits.isdigit() and len(digits) <= width:
            row = self._row_of_ndb(digits.zfill(width))
            if row is not None:
                return row
        return self._row_of_name(key)

    def food(self, name_or_id: str) -> Food:
        """The food with this id (``usda-01001``), NDB number (``01001``) or USDA long
        description; case, spacing and accents are ignored.

        Raises :class:`~cramps.errors.UnknownTermError` (kind ``"food"``) with the
        closest names as suggestions.
        """
        require_text(name_or_id, "name_or_id")
        index = self._row(fold(name_or_id))
        if index is None:
            key = fold(name_or_id)
            suggestions = []
            for match in close_matches(key, self._folded.all()):
                row = self._row_of_name(match)
                if row is not None:
                    suggestions.append(self._names[row])
            for food in self.search(name_or_id, limit=3):
                if len(suggestions) < 3 and food.name not in suggestions:
                    suggestions.append(food.name)
            raise UnknownTermError(name_or_id, "food", tuple(suggestions))
        return self._food(index)

    def _word_index(self) -> list[str]:
        if self._vocabulary is None:
            columns = self._header["columns"]
            spec = columns["vocabulary"]
            blob = self._blob(str(spec[0]))
            text = str(blob[int(spec[1]) : int(spec[1]) + int(spec[2])], "utf-8")
            vocabulary = text.split("\n") if text else []
            starts = _column(blob, columns["postings_start"], "I", "postings_start")
            postings = _column(blob, columns["postings"], self._rows, "postings")
            if len(starts) != len(vocabulary) + 1 or starts[-1] != len(postings):
                raise DataError("the word index does not match its postings", file=str(spec[0]), field="postings")
            self._stems = {stem: i for i, stem in enumerate(vocabulary)}
            self._postings = (starts, postings)
            self._vocabulary = vocabulary
        return self._vocabulary

    def _rows_with(self, stem: str) -> Sequence[int]:
        """The rows whose folded name holds ``stem``, ascending."""
        self._word_index()
        i = self._stems.get(stem)
        if i is None:
            return ()
        starts, postings = self._postings
        return postings[starts[i] : starts[i + 1]]

    def _scored(self, text: str, limit: int | None) -> list[tuple[tuple[int, int, int, int], int]]:
        """The rows matching ``text``, best first (see :meth:`search`), at most ``limit``,
        each with its ranking key ``(-whole, -part, not starting with the first word,
        name length)`` (the row breaks ties).

        Whole-word and prefix matches are counted over the word index's postings, so
        no description is read to find them; only the rows in the best (whole, part)
        tiers that can reach the top ``limit`` are decoded for the remaining tie-breaks.
        """
        vocabulary = self._word_index()
        query = search_stems(text)
        whole: dict[int, int] = {}
        part: dict[int, int] = {}
        candidates: set[int] = set()
        for stem in query:
            exact = self._rows_with(stem)
            for row in exact:
                whole[row] = whole.get(row, 0) + 1
            prefixed: set[int] = set()
            at = bisect.bisect_right(vocabulary, stem)  # the stems that start with it, after itself
            while at < len(vocabulary) and vocabulary[at].startswith(stem):
                prefixed.update(self._rows_with(vocabulary[at]))
                at += 1
            prefixed.difference_update(exact)
            for row in prefixed:
                part[row] = part.get(row, 0) + 1
            if len(stem) >= 3:  # a prefix of a shorter word finds nothing by itself
                candidates.update(prefixed)
        candidates.update(whole)
        tiers: dict[tuple[int, int], list[int]] = {}
        for row in candidates:
            tiers.setdefault((whole.get(row, 0), part.get(row, 0)), []).append(row)
        first = query[0] if query else None
        ranked: list[int] = []
        for tier in sorted(tiers, reverse=True):
            rows = tiers[tier]
            if len(rows) > _DECODE_AT_MOST:
                heads, place = self._search_ties()
                rows.sort(key=place.__getitem__)
                rows = [row for row in rows if heads[row] == first] + [row for row in rows if heads[row] != first]
            else:
                rows.sort(key=lambda row: (self._head(row) != first, len(self._names[row]), row))
            ranked.extend(rows)
            if limit is not None and len(ranked) >= limit:
                break
        return [
            ((-whole.get(row, 0), -part.get(row, 0), int(self._head(row) != first), len(self._names[row])), row)
            for row in (ranked if limit is None else ranked[:limit])
        ]

    def _head(self, row: int) -> str:
        return _stem(self._folded[row].split(" ", 1)[0])

    def _search_ties(self) -> tuple[list[str], list[int]]:
        """Every row's first stem and its place by (name length, row): the tie-breaks of
        :meth:`search`, built on the first search whose tier is too large to decode."""
        ties = self._ties
        if ties is None:
            heads = [_stem(folded.split(" ", 1)[0]) for folded in self._folded.all()]
            names = self._names.all()
            place = [0] * self._count
            for at, row in enumerate(sorted(range(self._count), key=lambda row: (len(names[row]), row))):
                place[row] = at
            ties = self._ties = (heads, place)
        return ties

    def search(self, text: str, *, limit: int = 10) -> tuple[Food, ...]:
        """Foods whose description matches ``text``, best first.

        Ranked by the number of query words found as whole words (plural or singular),
        then partly (as a word prefix), then whether the description starts with the
        first query word, then shorter descriptions, then id.
        """
        require_text(text, "text")
        _check_limit(limit)
        return tuple(self._food(position) for _, position in self._scored(text, limit))

    def best_match(self, text: str) -> Food | None:
        """A representative food for a food word such as "spinach", "bananas" or
        "pumpkin seeds"; ``None`` when no food names every word of ``text`` or when the
        words are only generic ones ("nuts", "fatty fish", "whole grains").

        A word after "non", "no", "not" or "without" in a description does not count
        ("soy" is not in "Milk, imitation, non-soy"), and two query words may match one
        compound word ("soy milk" -> "Soymilk"). Among the foods that name every word,
        the best is the one outside processed or mixed groups, with the words in its
        first two comma-separated parts, with the fewest other words in its first part,
        without a brand name, raw or plain, then with the fewest parts, the shortest
        description and the lowest id.
        """
        require_text(text, "text")
        stems = [_stem(word) for word in fold(text).split() if word not in _STOP_WORDS]
        if not stems or all(stem in _GENERIC_WORDS for stem in stems):
            return None
        variants = [stems]
        for i in range(len(stems) - 1):
            variants.append([*stems[:i], _stem(stems[i] + stems[i + 1]), *stems[i + 2 :]])
        best: tuple[tuple[int, ...], int] | None = None
        for query in variants:
            candidates: set[int] | None = None
            for stem in query:
                found = set(self._rows_with(stem))
                candidates = found if candidates is None else candidates & found
            for position in candidates or ():
                key = self._match_key(position, query)
                if key is not None and (best is None or (key, position) < best):
                    best = (key, position)
        return None if best is None else self._food(best[1])

    def _match_key(self, position: int, query: list[str]) -> tuple[int, ...] | None:
        name = self._names[position]
        segments = [[_stem(w) for w in fold(segment).split()] for segment in name.split(",")]
        words: set[str] = set()
        for segment in segments:
            for i, word in enumerate(segment):
                if i == 0 or segment[i - 1] not in _NEGATIONS:
                    words.add(word)
        if any(stem not in words for stem in query):
            return None
        group = self._groups[self._group[position]]
        processed = group in _PROCESSED_GROUPS or (group == _OIL_GROUP and "oil" not in query)
        head = {word for segment in segments[:2] for word in segment}
        missing_in_head = sum(1 for stem in query if stem not in head)

        def extra(words: Iterable[str]) -> int:
            return sum(
                1
                for word in words
                if word not in query and word not in _NEUTRAL_WORDS and not any(c.isdigit() for c in word)
            )

        brand = any(len(w) > 2 and w.isupper() and w.isalpha() for w in name.replace(",", " ").split())
        return (
            missing_in_head,
            extra(segments[0]),
            int(processed),
            extra(segments[1]) if len(segments) > 1 else 0,
            int(brand),
            0 if "raw" in words else 1,
            sum(extra(segment) for segment in segments[2:]),
            len(segments),
            len(name),
        )

    # --- ranking

    def _mask(self, groups: frozenset[int] | None, excluded: frozenset[int], diet: int) -> bytes:
        """One byte per food, 1 where it passes the filters (built with ``bytes.translate``)."""
        key = (groups, excluded, diet)
        mask = self._mask_cache.get(key)
        if mask is None:
            keep_group = bytes(int((groups is None or g in groups) and g not in excluded) for g in range(256))
            keep_diet = bytes(int(d >= diet) for d in range(256))
            by_group = bytes(self._group).translate(keep_group)
            by_diet = bytes(self._diet).translate(keep_diet)
            both = int.from_bytes(by_group, "little") & int.from_bytes(by_diet, "little")
            mask = both.to_bytes(self._count, "little")
            if len(self._mask_cache) >= 64:
                self._mask_cache.clear()
            self._mask_cache[key] = mask
        return mask

    def _group_indices(self, names: Iterable[str] | None, what: str) -> frozenset[int] | None:
        if names is None:
            return None
        if isinstance(names, str):
            names = (names,)
        found: set[int] = set()
        for name in names:
            index = self._group_exact.get(name) if isinstance(name, str) else None
            if index is not None:
                found.add(index)
                continue
            require_text(name, what)
            index = self._group_by_key.get(fold(name))
            if index is None:
                raise UnknownTermError(name, "food group", self._group_suggestions(fold(name)))
            found.add(index)
        return frozenset(found)

    def _group_suggestions(self, key: str) -> tuple[str, ...]:
        close = close_matches(key, self._group_by_key)
        words = {_stem(word) for word in key.split()}
        for folded in self._group_by_key:
            if len(close) < 3 and folded not in close and words & {_stem(w) for w in folded.split()}:
                close.append(folded)
        return tuple(self._groups[self._group_by_key[c]] for c in close)

    def rich_in(
        self,
        nutrient_id: str,
        *,
        limit: int | None = 10,
        per: str = "100g",
        groups: Iterable[str] | None = None,
        exclude_groups: Iterable[str] | None = None,
        diet: str | None = None,
    ) -> tuple[FoodResult, ...]:
        """The foods richest in ``nutrient_id``, largest amount first (ties by id).

        ``per`` is ``"100g"``, ``"portion"`` (the food's first USDA portion) or
        ``"100kcal"``. ``groups`` keeps only these USDA food groups, ``exclude_groups``
        drops some (a single group name may be passed as a str); ``diet`` is
        ``"vegan"``, ``"vegetarian"`` or ``"omnivore"`` (no filter). Foods without a
        value for the nutrient are never included. ``limit=None`` returns every food.
        Results are immutable, so repeated questions are answered from a small cache.
        """
        nutrient = self._nutrient(nutrient_id)
        basis = _basis(per)
        _check_limit(limit)
        diet_code = _diet_code(diet)
        included = self._group_indices(groups, "groups")
        excluded = self._group_indices(exclude_groups, "exclude_groups") or frozenset()
        key = (nutrient, basis, limit, included, excluded, diet_code)
        cached = self._query_cache.get(key)
        if cached is not None:
            return cached
        order = self._order(nutrient, basis)
        wanted = len(order) if limit is None else limit
        filtered = included is not None or bool(excluded) or diet_code > 0
        mask = self._mask(included, excluded, diet_code) if filtered else None
        picked: list[int] = []
        if mask is None:
            picked = list(order[:wanted])
        else:
            for position in order:
                if mask[position]:
                    picked.append(position)
                    if len(picked) == wanted:
                        break
        results = tuple(self._result(rank, position, nutrient, basis) for rank, position in enumerate(picked, 1))
        if len(self._query_cache) >= _QUERY_CACHE_SIZE:
            self._query_cache.clear()  # simple and thread-safe; results are cheap to rebuild
        self._query_cache[key] = results
        return results

    def _nutrient(self, nutrient_id: str) -> str:
        if isinstance(nutrient_id, str) and nutrient_id in NUTRIENT_UNITS:
            return nutrient_id
        require_text(nutrient_id, "nutrient_id")
        key = fold(nutrient_id).replace(" ", "-")
        if key in NUTRIENT_UNITS:
            return key
        raise UnknownTermError(nutrient_id, "nutrient", tuple(close_matches(key, NUTRIENT_UNITS)))

    def _result(self, rank: int, position: int, nutrient: str, basis: Basis) -> FoodResult:
        food = self._food(position)
        key = (nutrient, basis, position)
        parts = self._amounts.get(key)
        if parts is None:
            per_100g = self._values[nutrient][position] / self._scales[nutrient]
            portion = None
            if basis == "100g":
                value = per_100g
            elif basis == "portion":
                portion = food.portions[0]
                value = _per_portion(per_100g, portion.grams)
            else:
                value = _per_100kcal(per_100g, self._values["energy"][position] / self._scales["energy"])
            daily = self._daily_values.get(nutrient)
            amount = Amount(value=value, unit=NUTRIENT_UNITS[nutrient])
            parts = (amount, portion, None if daily is None else value / daily * 100)
            self._amounts[key] = parts
        return FoodResult(
            rank=rank,
            food=food,
            nutrient=nutrient,
            amount=parts[0],
            basis=basis,
            portion=parts[1],
            percent_daily_value=parts[2],
        )


def _basis(per: str) -> Basis:
    """``per`` checked: one of :data:`BASES`."""
    if per not in BASES:
        raise ValueError(f"per must be one of {', '.join(repr(b) for b in BASES)}; got {per!r}")
    return "100g" if per == "100g" else "portion" if per == "portion" else "100kcal"


def _check_limit(limit: int | None) -> None:
    if limit is None:
        return
    if isinstance(limit, bool) or not isinstance(limit, int):
        raise TypeError(f"limit must be a positive int or None, not {type(limit).__name__}")
    if limit < 1:
        raise ValueError(f"limit must be a positive int or None, got {limit}")


def _diet_code(diet: str | None) -> int:
    if diet is None:
        return 0
    if not isinstance(diet, str):
        raise TypeError(f"diet must be a str or None, not {type(diet).__name__}")
    code = _DIET_CODES.get(diet)
    if code is None:
        code = _DIET_CODES.get(fold(diet))
    if code is None:
        raise ValueError(f"diet must be one of {', '.join(repr(d) for d in DIETS)} or None; got {diet!r}")
    return code
