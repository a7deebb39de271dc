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
import json
import sys
import zlib
from collections.abc import Callable, Iterable, Iterator, Mapping
from importlib import resources
from types import MappingProxyType
from typing import Any, Final, Literal

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


@attrs.frozen(kw_only=True)
class FoodSource:
    """Where a food's values come from: the dataset, its release and the NDB number."""

    dataset: str = DATASET
    release: str = RELEASE
    ndb_number: str


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


# --- amounts on a basis: the build (tools/build_foods.py) uses these same functions,
# so the packaged ranking and the amounts returned agree to the last bit.


def _per_portion(value: float, grams: float) -> float:
    return value * grams / 100


def _per_100kcal(value: float, kcal: float) -> float:
    return value * 100 / kcal


_MISSING: Final = 0xFFFFFFFF
_QUERY_CACHE_SIZE: Final = 256
_FORMAT: Final = 2
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


def _column(blobs: Mapping[str, memoryview], spec: list[Any], typecode: str, what: str) -> array.array[int]:
    name, start, length = str(spec[0]), int(spec[1]), int(spec[2])
    column: array.array[int] = array.array(typecode)
    chunk = blobs[name][start : start + column.itemsize * length]
    if len(chunk) != column.itemsize * length:
        raise DataError("column runs past the end of the file", file=name, field=what)
    column.frombytes(chunk)
    if sys.byteorder != "little":  # pragma: no cover - the data is little-endian
        column.byteswap()
    return column


def _text_column(blobs: Mapping[str, memoryview], spec: list[Any]) -> list[str]:
    name, start, length = str(spec[0]), int(spec[1]), int(spec[2])
    return bytes(blobs[name][start : start + length]).decode("utf-8").split("\n")


def _read_packaged(name: str, compressed: bool) -> bytes:
    """The content of ``cramps/data/<name>``, read through importlib.resources (zip-safe)."""
    try:
        data = (resources.files("cramps") / "data" / name).read_bytes()
        return zlib.decompress(data) if compressed else data
    except (OSError, zlib.error) as error:
        raise DataError(f"cannot read the packaged food table: {error}", file=name) from error


class FoodTable:
    """The packaged USDA SR28 food table. Create it with :meth:`FoodTable.load`.

    Columns stay as compact arrays; :class:`Food` records are built on first use and
    cached. The order of foods by each nutrient on each basis is precomputed by the
    build (``foods-order.bin``, read on the first ranking), so
    ``rich_in(..., limit=k)`` walks k entries plus any filtered out. The folded names
    used by name lookups and search (``foods-search.bin``) are read on first use.
    """

    __slots__ = (
        "_amounts",
        "_blobs",
        "_caveat",
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
        "_index",
        "_lookup",
        "_mask_cache",
        "_names",
        "_ndb_text",
        "_orders",
        "_portion_desc",
        "_portion_grams",
        "_portion_seq",
        "_portion_start",
        "_query_cache",
        "_read",
        "_revised",
        "_scales",
        "_tokens",
        "_values",
    )

    def __init__(self, header: Mapping[str, Any], read: Callable[[str, bool], bytes] = _read_packaged) -> None:
        """Build from the parsed ``foods.json`` header; ``read(name, compressed)`` returns
        the content of a packaged file. Use :meth:`load`."""
        if header.get("format") != _FORMAT:
            raise DataError(f"unsupported format {header.get('format')!r}", file="foods.json", field="format")
        self._header = header
        self._read = read
        self._files: dict[str, bool] = {name: bool(info["compressed"]) for name, info in header["files"].items()}
        self._blobs: dict[str, memoryview] = {}
        main = "foods.bin"
        self._blobs[main] = memoryview(read(main, self._files[main]))
        columns = header["columns"]
        count = int(header["count"])
        self._ndb_text = bytes(self._blobs[main][columns["ndb"][1] : columns["ndb"][1] + 5 * count]).decode("ascii")
        self._names: list[str] = _text_column(self._blobs, columns["names"])
        self._portion_desc: list[str] = _text_column(self._blobs, columns["portion_desc"])
        self._group = _column(self._blobs, columns["group"], "B", "group")
        self._diet = _column(self._blobs, columns["diet"], "B", "diet")
        self._portion_start = _column(self._blobs, columns["portion_start"], "I", "portion_start")
        self._portion_grams = _column(self._blobs, columns["portion_grams"], "I", "portion_grams")
        self._portion_seq = _column(self._blobs, columns["portion_seq"], "H", "portion_seq")
        self._values: dict[str, array.array[int]] = {}
        self._scales: dict[str, int] = {}
        self._orders: dict[tuple[str, str], array.array[int]] = {}
        for nutrient, info in header["nutrients"].items():
            if nutrient not in NUTRIENT_UNITS:
                raise DataError(f"unknown nutrient {nutrient!r}", file="foods.json", field="nutrients")
            self._scales[nutrient] = int(info["scale"])
            self._values[nutrient] = _column(self._blobs, info["values"], "I", nutrient)
        self._groups: tuple[str, ...] = tuple(str(g) for g in header["groups"])
        self._group_by_key = {fold(g): i for i, g in enumerate(self._groups)}
        self._group_exact = {g: i for i, g in enumerate(self._groups)}
        self._revised = frozenset(int(entry["row"]) for entry in header["revised"].values())
        self._daily_values: dict[str, float] = {k: float(v["amount"]) for k, v in header["daily_values"].items()}
        self._caveat = str(header["caveat"])
        if not (len(self._names) == len(self._group) == len(self._diet) == len(self._portion_start) - 1 == count):
            raise DataError("columns differ in length", file=main)
        self._food_cache: list[Food | None] = [None] * count
        self._folded_names: list[str] | None = None
        self._lookup: dict[str, int] | None = None
        self._index: dict[str, list[int]] | None = None
        self._tokens: list[frozenset[str]] | None = None
        self._mask_cache: dict[tuple[frozenset[int] | None, frozenset[int], int], bytes] = {}
        self._query_cache: dict[tuple[object, ...], tuple[FoodResult, ...]] = {}
        self._amounts: dict[tuple[str, str, int], tuple[Amount, Portion | None, float | None]] = {}

    @classmethod
    def load(cls) -> FoodTable:
        """Read the packaged food table (``cramps/data/foods.json`` and ``foods*.bin``)
        through :mod:`importlib.resources`."""
        try:
            header = json.loads((resources.files("cramps") / "data" / "foods.json").read_bytes())
        except (OSError, ValueError) as error:
            raise DataError(f"cannot read the packaged food table: {error}", file="foods.json") from error
        return cls(header)

    def _blob(self, name: str) -> Mapping[str, memoryview]:
        if name not in self._blobs:
            self._blobs[name] = memoryview(self._read(name, self._files[name]))
        return self._blobs

    @property
    def _folded(self) -> list[str]:
        if self._folded_names is None:
            spec = self._header["columns"]["folded"]
            folded = _text_column(self._blob(spec[0]), spec)
            if len(folded) != len(self._names):
                raise DataError("folded names differ in length", file=str(spec[0]))
            self._folded_names = folded
        return self._folded_names

    def _order(self, nutrient: str, basis: str) -> array.array[int]:
        order = self._orders.get((nutrient, basis))
        if order is None:
            spec = self._header["nutrients"][nutrient]["order"][basis]
            order = _column(self._blob(spec[0]), spec, "H", f"{nutrient} order per {basis}")
            self._orders[nutrient, basis] = order
        return order

    def _ndb(self, index: int) -> str:
        return self._ndb_text[5 * index : 5 * index + 5]

    # --- basic access

    def __len__(self) -> int:
        return len(self._names)

    def __iter__(self) -> Iterator[Food]:
        """Every food, in id order."""
        return (self._food(i) for i in range(len(self._names)))

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
        cached = self._food_cache[index]
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

    def _keys(self) -> dict[str, int]:
        if self._lookup is None:
            lookup: dict[str, int] = {}
            for index in reversed(range(len(self._names))):  # lowest id wins a shared name
                lookup[self._folded[index]] = index
            for index in range(len(self._names)):
                ndb = self._ndb(index)
                lookup[ndb] = index
                lookup[f"usda {ndb}"] = index
            self._lookup = lookup
        return self._lookup

    def food(self, name_or_id: str) -> Food:
        """The food with this id (``usda-01001``), NDB number (``01001``) or USDA long
        description; case, spacing and accents are ignored.

        Raises :class:`~cramps.errors.UnknownTermError` (kind ``"food"``) with the
        closest names as suggestions.
        """
        require_text(name_or_id, "name_or_id")
        key = fold(name_or_id)
        if key.isdigit() and len(key) < 5:
            key = key.zfill(5)
        elif key.startswith("usda ") and key[5:].isdigit() and len(key) < 10:
            key = "usda " + key[5:].zfill(5)
        index = self._keys().get(key)
        if index is None:
            keys = self._keys()
            suggestions = [self._names[keys[match]] for match in close_matches(key, self._folded)]
            for food in self.search(name_or_id, limit=3):
                if len(suggestions) < 3 and food.name not in suggestions:
                    suggestions.append(food.name)
            raise UnknownTermError(name_or_id, "food", tuple(suggestions))
        return self._food(index)

    def _search_index(self) -> tuple[dict[str, list[int]], list[frozenset[str]]]:
        if self._index is None or self._tokens is None:
            index: dict[str, list[int]] = {}
            tokens: list[frozenset[str]] = []
            for position, folded in enumerate(self._folded):
                stems = frozenset(_stem(word) for word in folded.split())
                tokens.append(stems)
                for stem in stems:
                    index.setdefault(stem, []).append(position)
            self._index, self._tokens = index, tokens
        return self._index, self._tokens

    def _scored(self, text: str) -> list[tuple[tuple[int, int, int, int, int], int]]:
        index, tokens = self._search_index()
        query = [_stem(word) for word in fold(text).split()]
        query = list(dict.fromkeys(query))
        exact: set[int] = set()
        for stem in query:
            exact.update(index.get(stem, ()))
        prefixes = [stem for stem in query if len(stem) >= 3]
        partial: set[int] = set()
        if prefixes:
            for stem, positions in index.items():
                if any(stem.startswith(p) and stem != p for p in prefixes):
                    partial.update(positions)
        scored = []
        for position in exact | partial:
            words = tokens[position]
            whole = sum(1 for stem in query if stem in words)
            part = sum(1 for stem in query if stem not in words and any(w.startswith(stem) for w in words))
            first = self._folded[position].split(" ", 1)[0]
            starts = 0 if query and _stem(first) == query[0] else 1
            key = (-whole, -part, starts, len(self._names[position]), position)
            scored.append((key, position))
        scored.sort()
        return scored

    def search(self, text: str, *, limit: int = 10) -> tuple[Food, ...]:
        """Foods whose description matches ``text``, best first.

        Ranked by the number of query words found as whole words (plural or singular),
        then partly (as a word prefix), then whether the description starts with the
        first query word, then shorter descriptions, then id.
        """
        require_text(text, "text")
        _check_limit(limit)
        return tuple(self._food(position) for _, position in self._scored(text)[:limit])

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
        index, _ = self._search_index()
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
                found = set(index.get(stem, ()))
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
        key = (groups, excluded, diet)
        mask = self._mask_cache.get(key)
        if mask is None:
            group, diets = self._group, self._diet
            mask = bytes(
                1 if (groups is None or group[i] in groups) and group[i] not in excluded and diets[i] >= diet else 0
                for i in range(len(group))
            )
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
        if per not in BASES:
            raise ValueError(f"per must be one of {', '.join(repr(b) for b in BASES)}; got {per!r}")
        basis: Basis = "100g" if per == "100g" else "portion" if per == "portion" else "100kcal"
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
