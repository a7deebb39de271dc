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

import math
import re
from collections.abc import Iterable, Mapping
from types import MappingProxyType
from typing import Any, Final, Literal

import attrs

from cramps._fields import SLUG, shown
from cramps.amount import Amount, Unit, readable
from cramps.errors import DataError, UnknownTermError
from cramps.guidance import DISCLAIMER
from cramps.text import close_matches, fold, require_text

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
    "DIET_CODES",
    "OIL_GROUP",
    "Food",
    "FoodRanking",
    "FoodResult",
    "FoodSource",
    "Portion",
    "Serving",
    "TypicalSource",
    "check_basis",
    "check_everyday",
    "check_nutrient",
    "classify_diet",
    "diet_code",
    "per_100kcal",
    "per_portion",
    "per_serving",
    "word_set",
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

Basis = Literal["serving", "100g", "portion", "100kcal"]
#: The most of anything 100 g of a food can hold, in grams.
PER_100G_LIMIT: Final = 100.0
#: The most energy 100 g of a food can give, in kcal: pure fat, 9.02 kcal per gram by
#: the specific Atwater factors, the highest value in SR28 (oils and lard).
MAX_ENERGY_KCAL: Final = 902.0
#: The least energy above 0 that a food's 100 g can give, in kcal: smaller values are
#: below what food tables resolve (SR28's smallest non-zero value is 1 kcal), and a
#: near-zero divisor would make amounts per 100 kcal meaningless.
MIN_ENERGY_KCAL: Final = 0.1
#: The range a household portion's grams must fall within, inclusive: from a pinch of a
#: spice (SR28's smallest is 0.1 g) to a whole large food (its largest is a 5.7 kg turkey).
PORTION_GRAMS: Final = (0.01, 10_000.0)
_GRAMS_PER_UNIT: Final = {Unit.G: 1.0, Unit.MG: 0.001, Unit.UG: 0.000001}

#: The bases :meth:`FoodTable.rich_in` accepts for ``per``.
BASES: Final[tuple[Basis, ...]] = ("100g", "portion", "100kcal", "serving")
#: The diets :meth:`FoodTable.rich_in` accepts (``"omnivore"`` means no filter).
DIETS: Final = ("vegan", "vegetarian", "omnivore")


def word_set(text: str) -> frozenset[str]:
    """The distinct words of ``text`` (split on white space)."""
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
OIL_GROUP: Final = "Fats and Oils"
#: Groups that are vegetarian (never vegan) unless the name has a meat word.
VEGETARIAN_GROUPS: Final = frozenset({"Dairy and Egg Products", "Breakfast Cereals"})

#: Words (whole words of the folded name) that rule out vegetarian and vegan.
MEAT_WORDS: Final = word_set(
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
ANIMAL_PRODUCT_WORDS: Final = word_set(
    """milk milks butter buttermilk buttered cheese cheeses cheddar parmesan mozzarella
    cream creamed creamy egg eggs yolk yolks honey whey yogurt yoghurt casein caseinate
    ghee mayonnaise dairy lactose kefir custard milkfat sherbet"""
)
#: Dish words and phrases that usually hide egg, milk or lard; they rule out vegan.
HIDDEN_ANIMAL_WORDS: Final = word_set(
    """souffle gratin scalloped pancake pancakes breaded batter battered coleslaw fritter
    fritters pudding"""
)
_HIDDEN_ANIMAL_PHRASES: Final = ("pasta fresh refrigerated", "potato salad", "chow mein", "noodles flat crunchy")
#: Meat-substitute markers: such foods are vegetarian (often with egg or milk), not
#: vegan unless the name says "vegan"; they override MEAT_WORDS ("Meatballs, meatless").
ANALOG_WORDS: Final = word_set(
    "meatless vegetarian veggie vegan soyburger soyburgers worthington morningstar loma gardenburger"
)
_PLANT_QUALIFIERS: Final = word_set(
    """peanut almond cashew sesame sunflower apple cocoa shea nutmeg ucuhuba nut seed soy
    soybean coconut rice oat hazelnut macadamia pistachio pumpkin"""
)
_PLANT_QUALIFIED: Final = frozenset({"butter", "milk", "cream", "meat"})
_PLANT_PHRASES: Final = ("custard apple", "mushrooms oyster", "oyster mushrooms", "vegetable oyster", "summer scallop")
_SPECIES_WORDS: Final = word_set("buffalo duck goose turkey chicken")


def classify_diet(name: str, group: str) -> Literal["vegan", "vegetarian", "omnivore"]:
    """The strictest diet a food fits by the conservative rule in the module docstring.

    ``"omnivore"`` means the food is not placed as vegetarian (it may still be one).
    """
    if group not in PLANT_GROUPS and group not in VEGETARIAN_GROUPS and group != OIL_GROUP:
        return "omnivore"  # whatever the name says: the rule below ends so for any other group
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
    plant_group = group in PLANT_GROUPS or (group == OIL_GROUP and words[:1] == ["oil"])
    if plant_group:
        return "vegetarian" if animal else "vegan"
    if group in VEGETARIAN_GROUPS:
        return "vegetarian"
    return "omnivore"


DIET_CODES: Final[Mapping[str, int]] = MappingProxyType({"omnivore": 0, "vegetarian": 1, "vegan": 2})


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


def _bad(message: str, field: str) -> DataError:
    """The error a food record's field raises: a :class:`~cramps.DataError` naming the field
    (the loader adds the file and the record)."""
    return DataError(message, field=field)


def _check_text(instance: object, attribute: attrs.Attribute[Any], value: object) -> None:
    if not isinstance(value, str) or _ALNUM.search(value) is None:
        raise _bad(f"{attribute.name} must be text with letters or digits, got {shown(value)}", attribute.name)


def _check_optional_text(instance: object, attribute: attrs.Attribute[Any], value: object) -> None:
    if value is not None:
        _check_text(instance, attribute, value)


def _check_grams(instance: object, attribute: attrs.Attribute[Any], value: object) -> None:
    # compared, never converted: an int of any size is refused without an OverflowError
    if isinstance(value, bool) or not isinstance(value, (int, float)) or not 0 < value < math.inf:
        raise _bad(f"grams must be a finite number above 0, got {shown(value)}", "grams")
    low, high = PORTION_GRAMS
    if not low <= value <= high:
        raise _bad(
            f"grams must be between {low:g} and {high:,.0f} g for a household portion, got {shown(value)}", "grams"
        )


def _check_description(instance: object, attribute: attrs.Attribute[Any], value: object) -> None:
    if not isinstance(value, str) or not value.strip():
        raise _bad(f"description must be non-empty text, got {shown(value)}", "description")


def _check_id(instance: object, attribute: attrs.Attribute[Any], value: object) -> None:
    if not isinstance(value, str) or not SLUG.match(value):
        raise _bad(f"id must be a lower-case slug (like 'team-oat-bar'), got {shown(value)}", "id")


def _check_nutrients(instance: object, attribute: attrs.Attribute[Any], value: Mapping[str, Amount]) -> None:
    for nutrient, amount in value.items():
        if not isinstance(amount, Amount):
            raise _bad(f"expected an Amount, got {type(amount).__name__}", f"nutrients.{nutrient}")
        unit = NUTRIENT_UNITS.get(nutrient)
        if unit is None:
            if not isinstance(nutrient, str) or not SLUG.match(nutrient):
                raise _bad(f"a nutrient id must be a lower-case slug, got {nutrient!r}", f"nutrients.{nutrient}")
            if amount.unit not in _GRAMS_PER_UNIT:
                outside = "a nutrient outside the food table is given in g, mg or ug"
                message = f"{nutrient} is given in {amount.unit.value}; {outside}"
                raise _bad(message, f"nutrients.{nutrient}.unit")
        elif amount.unit is not unit:
            message = f"{nutrient} is given in {amount.unit.value}; the food table uses {unit.value}"
            raise _bad(message, f"nutrients.{nutrient}.unit")
        reason = implausible(nutrient, amount)
        if reason is not None:
            raise _bad(reason, f"nutrients.{nutrient}.value")


def implausible(nutrient: str, amount: Amount) -> str | None:
    """Why ``amount`` of ``nutrient`` in 100 g of a food cannot be true, or ``None``: more
    than 100 g of anything (:data:`PER_100G_LIMIT`), energy above :data:`MAX_ENERGY_KCAL`,
    or energy above 0 yet below :data:`MIN_ENERGY_KCAL`. The rules every food meets, the
    packaged ones and a team's alike (see :func:`cramps.load`)."""
    value = amount.value
    grams = _GRAMS_PER_UNIT.get(amount.unit)
    if grams is not None and value * grams > PER_100G_LIMIT:
        return f"{nutrient} {readable(value)} {amount.unit} per 100 g is more than the 100 g the food weighs"
    if amount.unit is Unit.KCAL:
        if value > MAX_ENERGY_KCAL:
            return (
                f"energy {readable(value)} kcal per 100 g is more than pure fat gives"
                f" ({MAX_ENERGY_KCAL:g} kcal per 100 g)"
            )
        if 0 < value < MIN_ENERGY_KCAL:
            return (
                f"energy {value!r} kcal per 100 g is above 0 but below {MIN_ENERGY_KCAL:g} kcal,"
                " which no food table resolves; write 0 for a food without energy"
            )
    return None


def _check_portions(instance: object, attribute: attrs.Attribute[Any], value: tuple[Any, ...]) -> None:
    for position, portion in enumerate(value):
        if not isinstance(portion, Portion):
            raise _bad(f"expected a Portion, got {type(portion).__name__}", f"portions.{position}")


#: A letter or digit: a word character that is not the underscore (str.isalnum's set).
_ALNUM: Final = re.compile(r"[^\W_]")


@attrs.frozen(kw_only=True)
class FoodSource:
    """Where a food's values come from: the ``dataset``, its ``release`` and the food's
    ``id`` in that dataset.

    For the packaged USDA SR28 foods ``id`` is the NDB number, also in ``ndb_number``.
    A team's own foods (see :func:`cramps.load`) name their own dataset and id, and have
    no ``ndb_number``; their ``release`` is ``None`` unless given.
    """

    dataset: str = attrs.field(default=DATASET, validator=_check_text)
    release: str | None = attrs.field(
        default=attrs.Factory(_default_release, takes_self=True), validator=_check_optional_text
    )
    ndb_number: str | None = attrs.field(default=None, validator=_check_optional_text)
    id: str = attrs.field(default=attrs.Factory(_default_source_id, takes_self=True), validator=_check_text)


@attrs.frozen(kw_only=True)
class Portion:
    """A USDA household measure: ``description`` (amount + measure, e.g. "1 cup, chopped"),
    its weight in ``grams`` (a finite number above 0) and USDA's sequence number ``seq``
    (1 = listed first)."""

    description: str = attrs.field(validator=_check_description)
    grams: float = attrs.field(validator=_check_grams)
    seq: int


@attrs.frozen(kw_only=True)
class Serving:
    """A food's serving: its weight in ``grams``, the RACC ``category`` (id) it comes
    from, and ``measure``: the USDA household measure nearest to it ("1 medium (118 g)"),
    or ``None`` when the food has no portion near the serving."""

    grams: float
    category: str
    measure: str | None = None


@attrs.frozen(kw_only=True)
class Food:
    """One USDA SR28 food (or a team's own) with its measured nutrients per 100 g.

    ``nutrients`` is read-only and holds only the values SR28 has (a missing value is
    absent, never zero). Foods compare and hash by value. A food checks its own fields:
    ``id`` a lower-case slug, ``name`` and ``group`` text, each nutrient a known one in
    the food table's unit (:data:`NUTRIENT_UNITS`), portions :class:`Portion` records; a
    bad field raises :class:`~cramps.DataError` naming it.
    """

    id: str = attrs.field(validator=_check_id)
    name: str = attrs.field(validator=_check_text)
    group: str = attrs.field(validator=_check_text)
    source: FoodSource
    nutrients: Mapping[str, Amount] = attrs.field(converter=_freeze, eq=_nutrient_items, validator=_check_nutrients)
    portions: tuple[Portion, ...] = attrs.field(default=(), converter=_to_portions, validator=_check_portions)
    revised_in_later_release: bool = False
    serving: Serving | None = None

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
    """One row of :meth:`cramps.KnowledgeBase.foods_rich_in`: the ``amount`` of ``nutrient``
    in ``food`` on ``basis``, and that amount as a percentage of the Daily Value
    (``percent_daily_value``, on the same basis: per serving by default)."""

    rank: int
    food: Food
    nutrient: str
    amount: Amount
    basis: Basis
    portion: Portion | None = None
    percent_daily_value: float | None = None
    #: The food's serving (grams, RACC category, nearest household measure), or ``None``.
    serving: Serving | None = None


class FoodRanking(tuple[FoodResult, ...]):
    """The answer of :meth:`cramps.KnowledgeBase.foods_rich_in`: a tuple of
    :class:`FoodResult`, best first, that carries the disclaimer like every ranking."""

    __slots__ = ()

    @property
    def disclaimer(self) -> str:
        """The medical disclaimer every ranking is shown with."""
        return DISCLAIMER


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


def per_portion(value: float, grams: float) -> float:
    """The amount in a portion of ``grams`` of a food holding ``value`` per 100 g."""
    return value * grams / 100


def per_100kcal(value: float, kcal: float) -> float:
    """The amount per 100 kcal of a food holding ``value`` and ``kcal`` per 100 g."""
    return value * 100 / kcal


#: The amount in a serving of ``grams`` of a food holding ``value`` per 100 g: the same
#: arithmetic as a portion's.
per_serving: Final = per_portion


def check_everyday(everyday: object) -> bool:
    """``everyday`` checked: ``True`` or ``False``."""
    if not isinstance(everyday, bool):
        raise TypeError(f"everyday must be True or False, not {type(everyday).__name__}")
    return everyday


def check_basis(per: str) -> Basis:
    """``per`` checked: one of :data:`BASES`."""
    if per not in BASES:
        raise ValueError(f"per must be one of {', '.join(repr(b) for b in BASES)}; got {shown(per)}")
    return "100g" if per == "100g" else "portion" if per == "portion" else "serving" if per == "serving" else "100kcal"


def diet_code(diet: str | None) -> int:
    """``diet`` checked, as its place in :data:`DIET_CODES` (0 for no filter)."""
    if diet is None:
        return 0
    if not isinstance(diet, str):
        raise TypeError(f"diet must be a str or None, not {type(diet).__name__}")
    code = DIET_CODES.get(diet)
    if code is None:
        code = DIET_CODES.get(fold(diet))
    if code is None:
        raise ValueError(f"diet must be one of {', '.join(repr(d) for d in DIETS)} or None; got {diet!r}")
    return code


def check_food_nutrients(foods: Iterable[Food], nutrients: Iterable[str], *, file: str) -> None:
    """Raise :class:`~cramps.DataError` (naming ``file``, the food and the field) for the
    first nutrient of ``foods`` that is neither in the food table (:data:`NUTRIENT_UNITS`)
    nor one of ``nutrients``, the ids of the knowledge base's nutrients."""
    known = {*NUTRIENT_UNITS, *nutrients}
    for food in foods:
        for nutrient in food.nutrients:
            if nutrient not in known:
                close = close_matches(nutrient, known)
                hint = f"; did you mean {', '.join(repr(c) for c in close)}?" if close else ""
                message = (
                    f"unknown nutrient {nutrient!r}{hint} (the food table has {', '.join(NUTRIENT_UNITS)};"
                    " a nutrient of your own needs a record in nutrients.json)"
                )
                raise DataError(message, file=file, record=food.id, field=f"nutrients.{nutrient}")


def check_nutrient(nutrient_id: str) -> str:
    """The food-table nutrient id ``nutrient_id`` names (case and spacing ignored: "Vitamin D"
    is ``vitamin-d``); :class:`~cramps.UnknownTermError` with close ids if it names none."""
    if isinstance(nutrient_id, str) and nutrient_id in NUTRIENT_UNITS:
        return nutrient_id
    require_text(nutrient_id, "nutrient_id")
    key = fold(nutrient_id).replace(" ", "-")
    if key in NUTRIENT_UNITS:
        return key
    raise UnknownTermError(nutrient_id, "nutrient", tuple(close_matches(key, NUTRIENT_UNITS)))
