"""Servings people eat, and which foods are eaten as such: the rules behind
``foods_rich_in(..., per="serving", everyday=True)``.

Serving basis
    A food's serving is the FDA *Reference Amount Customarily Consumed* (RACC) of its
    product category: 21 CFR 101.12(b), Table 2, as amended in 2016 (81 FR 34000), the
    amount people aged 4 and over usually eat at one time, and the basis of the US
    Nutrition Facts label and of the FDA "good source" claim (10-19% of the Daily Value
    per RACC). :func:`category_of` places a food in a category by documented rules on its
    USDA food group and description (a small curated table in the build overrides the
    exceptions, ``data/racc/overrides.csv``). A category stated in millilitres is
    turned into grams with the food's own density, from its USDA household portions
    measured by volume (cup, tablespoon, teaspoon, fluid ounce), on the FDA labelling
    equivalents (1 cup = 240 mL, 1 tbsp = 15 mL, 1 tsp = 5 mL, 1 fl oz = 30 mL; 21 CFR
    101.9(b)(5)(viii)), so that a RACC of "1 cup" is exactly the food's USDA cup. A food
    with no sensible category, or an mL category and no portion by volume, has no
    serving, and :func:`category_of` says why. Beef, pork, lamb, veal and poultry are
    USDA-inspected products, whose reference amounts are in the USDA FSIS tables (9 CFR
    317.312 and 381.412), not in FDA's Table 2; they take FDA's row for cooked or
    uncooked game meat, fish and shellfish (85 g cooked, 110 g uncooked), as the data
    notes explain.

    ``Serving.measure`` names the USDA household measure nearest to the serving
    (a whole portion or a simple fraction or multiple of one: "1 medium (118 g)",
    "1/4 cup (36 g)"), to show what the grams look like; the amounts are always per
    the serving's grams.

Everyday foods
    :func:`everyday_reason` is ``None`` for a food eaten as such, else why it is left
    out of everyday answers: an ingredient or additive (leavening, cream of tartar,
    rennin, gelatin, yeast and its extracts, pectin, starches, salt, flavourings), an
    industrial item (defatted meals, flours, crude bran and germ, protein isolates and
    concentrates, industrial oils and shortening), a dry powder or concentrate meant to
    be made up (unless the food is the prepared form), dried or freeze-dried herbs and
    spices, a home recipe ("prepared from recipe": its amounts depend on the recipe), a
    supplement or formulated product (nutrition drinks, meal replacements,
    formulated bars, energy drinks), an alcoholic drink, a food eaten cooked listed raw
    or dry (raw meat, poultry and fish; dry beans, lentils, grains and pasta), an organ
    meat seldom eaten (brain, spleen, lungs, pancreas, thymus); and, *unless their
    group is asked for* with ``groups=``, baby foods, prepared dishes and restaurant or
    fast-food items (their amounts depend on a recipe or brand), and the regional
    foods of USDA's American Indian/Alaska Native group.

Near-identical variants
    :func:`kind_of` names a food's kind: its description without the words for salt,
    preparation and form ("with salt", "frozen", "boiled", "drained", "canned" ...),
    cut to the first two parts that name the food (for organ meats, the organ; for
    ready-to-eat breakfast cereals, one kind for all). Everyday answers keep one food
    of each kind, the first in the ranking, so "Spinach, cooked, boiled, drained,
    without salt" and "..., with salt" appear once.
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterable, Mapping, Sequence
from typing import Final, Literal

import attrs

from cramps.foods import Serving, word_set
from cramps.text import fold

__all__ = [
    "CATEGORY_IDS",
    "ML_PER_MEASURE",
    "WAIVED_BY_GROUP",
    "Serving",
    "SELDOM_EATEN",
    "ServingCategory",
    "category_of",
    "density",
    "everyday_reason",
    "kind_of",
    "measures",
    "nearest_measure",
    "serving_grams",
    "serving_in",
    "volume_unit",
]


@attrs.frozen(kw_only=True)
class ServingCategory:
    """A product category of FDA's RACC table: ``id`` (a cramps slug), the regulation's
    ``name`` for it, the reference ``amount`` in ``unit`` (``"g"`` or ``"mL"``), and how
    the value was checked against the regulation's text (``verified``)."""

    id: str
    name: str
    amount: float
    unit: Literal["g", "mL"]
    verified: str


#: Millilitres per USDA volume measure, on FDA's labelling equivalents.
ML_PER_MEASURE: Final[Mapping[str, float]] = {
    "cup": 240.0,
    "cups": 240.0,
    "tbsp": 15.0,
    "tablespoon": 15.0,
    "tablespoons": 15.0,
    "tsp": 5.0,
    "teaspoon": 5.0,
    "teaspoons": 5.0,
    "fl oz": 30.0,
}

#: The category ids :func:`category_of` returns (the build checks that each has a RACC row).
CATEGORY_IDS: Final = (
    "bagel-muffin",
    "biscuit-tortilla",
    "bread",
    "brownie",
    "cake",
    "sweet-bakery",
    "cookie",
    "cracker",
    "snack-cracker",
    "pancake",
    "waffle",
    "grain-bar",
    "pie",
    "beverage",
    "hot-cereal-prepared",
    "hot-cereal-dry",
    "cereal-light",
    "cereal",
    "bran-germ",
    "flour",
    "grain-cooked",
    "grain-dry",
    "pasta-cooked",
    "pasta-dry",
    "starch",
    "cottage-cheese",
    "ingredient-cheese",
    "grated-cheese",
    "cheese",
    "cream",
    "half-and-half",
    "eggnog",
    "condensed-milk",
    "evaporated-milk",
    "milk",
    "sour-cream",
    "yogurt",
    "frozen-dessert",
    "pudding",
    "egg-mixture",
    "egg",
    "egg-substitute",
    "fat",
    "dressing",
    "mayonnaise",
    "smoked-fish",
    "candied-fruit",
    "dried-fruit",
    "avocado",
    "ingredient-fruit",
    "watermelon",
    "fruit",
    "juice",
    "ingredient-juice",
    "tofu",
    "beans-in-sauce",
    "beans-cooked",
    "beans-dry",
    "baking-powder",
    "cocoa",
    "salt",
    "spice",
    "mixed-dish-cup",
    "mixed-dish",
    "nuts",
    "nut-butter",
    "nut-flour",
    "fries",
    "potato-mashed",
    "potato",
    "potato-canned",
    "salad",
    "condiment",
    "minor-condiment",
    "dip",
    "entree-sauce",
    "minor-sauce",
    "snack",
    "soup",
    "candy",
    "sugar",
    "honey-jam",
    "syrup",
    "dried-vegetable",
    "seaweed-sheet",
    "garnish-vegetable",
    "hot-pepper",
    "vegetable",
    "vegetable-canned",
    "vegetable-juice",
    "olives",
    "pickles",
    "sprouts",
    "tomato-paste",
    "tomato-sauce",
    "fish-cooked",
    "fish-raw",
    "fish-in-sauce",
    "canned-fish",
    "meat-substitute",
    "bacon-substitute",
    "meat-cooked",
    "meat-raw",
    "meat-in-sauce",
    "canned-meat",
    "luncheon-meat",
    "sausage",
    "bacon",
    "jerky",
    "poultry-cooked",
    "poultry-raw",
)

_MEAT_GROUPS: Final = frozenset(
    {
        "Beef Products",
        "Pork Products",
        "Poultry Products",
        "Lamb, Veal, and Game Products",
        "Finfish and Shellfish Products",
    }
)
_DISH_GROUPS: Final = frozenset({"Fast Foods", "Restaurant Foods", "Meals, Entrees, and Side Dishes"})
#: Reasons of :func:`everyday_reason` that do not apply when their group is asked for.
WAIVED_BY_GROUP: Final[Mapping[str, str]] = {
    "Soups, Sauces, and Gravies": "a soup, sauce or gravy: its amounts depend on the recipe",
    "Baby Foods": "a baby food",
    "Fast Foods": "a prepared dish or restaurant item",
    "Restaurant Foods": "a prepared dish or restaurant item",
    "Meals, Entrees, and Side Dishes": "a prepared dish or restaurant item",
    "American Indian/Alaska Native Foods": "a regional food of USDA's American Indian/Alaska Native group",
}


def _words(name: str) -> list[str]:
    return re.findall(r"[a-z0-9%]+", fold(name).replace("-", " "))


def _has(text: str, *phrases: str) -> bool:
    """Whether the padded word text holds any of ``phrases`` as whole words."""
    return any(f" {phrase} " in text for phrase in phrases)


def _text(name: str) -> str:
    text = f" {' '.join(_words(name))} "
    text = text.replace(" from concentrate ", " reconstituted ")  # "juice, includes from concentrate"
    if " tofu " in text:  # "prepared with calcium sulfate" names the coagulant, not a preparation
        text = text.replace(" prepared with ", " coagulated with ")
    for negated in (" not reconstituted ", " not prepared ", " not cooked "):
        text = text.replace(negated, " unprepared ")
    return text


_INGREDIENT: Final = (
    "leavening agents",
    "baking powder",
    "baking soda",
    "cream of tartar",
    "rennin",
    "pectin",
    "yeast extract",
    "gelatins dry powder",
    "gelatin dry powder",
    "cornstarch",
    "starch",
    "tapioca pearl",
    "salt table",
    "vanilla extract",
    "flavoring",
    "vital wheat gluten",
    "sweeteners",
    "sugars granulated",
    "sugars brown",
    "sugars powdered",
    "sugars maple",
    "dextrose",
    "fructose dry powder",
    "baking chocolate",
)
_INDUSTRIAL: Final = (
    "industrial",
    "defatted",
    "flour",
    "flours",
    "meal",
    "protein isolate",
    "isolate",
    "protein concentrate",
    "crude",
    "shortening",
    "lard",
    "tallow",
    "suet",
    "oil walrus",
    "fat beef",
    "fat chicken",
    "whey sweet dried",
    "whey acid dried",
    "seam fat",
    "separable fat",
)
_SUPPLEMENT: Final = (
    "supplement",
    "nutritional",
    "meal replacement",
    "formulated bar",
    "energy drink",
    "protein powder",
    "powerbar",
    "ensure",
    "slimfast",
    "slim fast",
    "atkins",
    "fortified with vitamins",
    "glucerna",
)
_RARE_ORGANS: Final = (
    "brain",
    "brains",
    "spleen",
    "lungs",
    "lung",
    "pancreas",
    "thymus",
    "sweetbreads",
    "chitterlings",
    "mechanically separated",
    "feet",
    "ears",
    "tail",
    "snout",
    "blood",
)


_BRAND: Final = re.compile(r"\b[A-Z][A-Z'&.\-]{2,}\b")
#: Upper-case words of USDA descriptions that are not brand names.
_NOT_BRANDS: Final = frozenset({"USDA", "DHA", "ARA", "BBQ", "USA", "UHT", "NFS"})
#: Foods seldom eaten in the general diet (the first part of the description, folded):
#: SR28 measures them, but no dietitian would offer them as a source.
SELDOM_EATEN: Final = frozenset(
    {
        "seeds sisymbrium sp seeds",
        "seeds cottonseed kernels",
        "seeds watermelon seed kernels",
        "seeds breadfruit seeds",
        "seeds lotus seeds",
        "mollusks whelk",
        "mollusks conch",
        "fireweed",
        "hearts of palm",
        "prune puree",
        "seaweed irishmoss",
        "winged bean leaves",
        "grape leaves",
        "seeds safflower seed kernels",
        "breadfruit",
        "sapote",
        "durian",
        "seeds breadnut tree seeds",
        "mothbeans",
        "epazote",
        "emu",
        "ostrich",
        "natto",
        "soybean",
        "liver cheese",
        "tamarinds",
        "milk sheep",
        "milk indian buffalo",
        "milk human",
        "milk goat",
        "amaranth leaves",
        "lambsquarters",
        "pokeberry shoots",
        "mountain yam",
        "arrowhead",
        "burdock root",
        "taro leaves",
        "jute potherb",
        "mollusks abalone",
        "whale",
        "seal",
        "frog legs",
        "turtle",
    }
)
_EATEN_COOKED_REASON: Final = "eaten cooked; the cooked form stands for it"
#: Vegetables eaten cooked: their raw form does not stand for them.
_EATEN_COOKED: Final = frozenset(
    {
        "potatoes",
        "yam",
        "yams",
        "taro",
        "cassava",
        "sweet potato",
        "plantains",
        "yautia",
        "lima beans",
        "soybeans green",
        "cowpeas",
        "edamame",
    }
)


def everyday_reason(name: str, group: str) -> str | None:
    """Why a food is not eaten as such (left out of everyday answers), or ``None`` if it
    is; the rules are in the module docstring."""
    text = _text(name)
    words = text.split()
    if group in WAIVED_BY_GROUP:
        return WAIVED_BY_GROUP[group]
    parts = [" ".join(_words(part)) for part in name.split(",")]
    if parts[0] in SELDOM_EATEN or " ".join(parts[:2]) in SELDOM_EATEN:
        return "seldom eaten in the general diet"
    if group != "Breakfast Cereals" and any(word not in _NOT_BRANDS for word in _BRAND.findall(name)):
        return "a branded product: its amounts are the maker's and change with the recipe"
    if _has(text, "restaurant"):
        return "a restaurant item: its amounts depend on the recipe"
    if _has(text, "home prepared", "prepared from recipe", "home recipe"):
        return "a home recipe: its amounts depend on the recipe"
    if any(part.startswith("skin") for part in parts[1:]):
        return "a part of a food (the skin), not eaten alone"
    if _has(text, "usda commodity"):
        return "a USDA commodity food for institutions"
    if _has(text, "fat only", "testes"):
        return "an organ meat or by-product seldom eaten"
    if (
        group in ("Vegetables and Vegetable Products", "Fruits and Fruit Juices")
        and _has(text, "raw")
        and parts[0] in _EATEN_COOKED
    ):
        return _EATEN_COOKED_REASON
    if group == "Spices and Herbs" and not _has(text, "vinegar", "capers", "horseradish", "mustard"):
        return "a herb or spice, eaten in small amounts"
    if _has(text, *_SUPPLEMENT):
        return "a supplement or formulated product"
    base = f" {' '.join(parts[:2])} "  # what the drink is, before "prepared with milk"
    if (
        group == "Beverages"
        and _has(text, "with added nutrients", "fortified")
        and not _has(base, "milk", "juice", "soy")
    ):
        return "a drink fortified as a supplement"
    alcohol = _has(
        text, "alcoholic", "beer", "wine", "liqueur", "distilled", "whiskey", "rum", "vodka", "gin", "brandy"
    )
    if alcohol and not _has(text, "vinegar", "cooking wine", "nonalcoholic", "sour mix"):
        return "an alcoholic drink"
    if _has(text, *_INGREDIENT) or words[:1] == ["yeast"] or _has(text, "leavening"):
        return "an ingredient or additive"
    baked_with_flour = _has(text, "flour") and group == "Baked Products" and words[:1] != ["flour"]
    if _has(text, *_INDUSTRIAL) and not _has(text, "meal prepared", "oatmeal") and not baked_with_flour:
        return "an industrial item or raw ingredient"
    prepared = _has(text, "prepared", "reconstituted", "cooked", "boiled", "made with", "diluted")
    if _has(text, "freeze dried", "dehydrated", "dried frozen", "dried and salted") and not prepared:
        return "a dried product made up before eating"
    made_up = "a powder, mix or concentrate made up before eating"
    if _has(text, "powder", "dry mix", "mix dry", "condensed", "concentrate", "unprepared") and not prepared:
        return made_up
    if group == "Beverages" and _has(text, "instant") and not prepared and not _has(text, "brewed"):
        return made_up
    dry = _has(text, "dry", "dried") and not _has(text, "dry roasted", "dry heat", "cheese")
    if group in ("Beverages", "Dairy and Egg Products", "Sweets") and dry and not prepared:
        return made_up
    if group in _MEAT_GROUPS and _has(text, "raw") and not _has(text, "oyster", "oysters", "clam", "clams", "sushi"):
        return _EATEN_COOKED_REASON
    if group == "Legumes and Legume Products" and _has(text, "mature seeds") and _has(text, "raw"):
        return _EATEN_COOKED_REASON
    if group == "Legumes and Legume Products" and words[:1] in (["lentils"], ["peas"]) and _has(text, "raw"):
        return _EATEN_COOKED_REASON
    if group == "Cereal Grains and Pasta" and not prepared and not _has(text, "ready to eat", "popped", "puffed"):
        return _EATEN_COOKED_REASON
    if group == "Breakfast Cereals" and words[:1] == ["cereals"] and "ready" not in words and not prepared:
        return _EATEN_COOKED_REASON
    if _has(text, *_RARE_ORGANS) and group in _MEAT_GROUPS | {"Sausages and Luncheon Meats"}:
        return "an organ meat or by-product seldom eaten"
    if (
        group == "Lamb, Veal, and Game Products"
        and words[:1] == ["game"]
        and not _has(text, "bison", "deer", "venison", "elk")
    ):
        return "a game meat seldom eaten"
    return None


#: Words of form, salt, preparation and flavour, left out of a kind.
_FORM_WORDS: Final = word_set(
    """
    raw cooked boiled drained without with salt added frozen fresh canned solids liquids
    unprepared prepared baked roasted dry heat moist steamed microwaved stewed braised
    broiled grilled fried pan simmered heated unheated regular and quick enriched unenriched
    sweetened unsweetened plain chopped leaf whole kernels pieces sliced diced mashed in
    water all varieties ns nfs as to commercial home recipe not salted lightly oil blanched
    toasted fluid nonfat lowfat low fat reduced skim free 1% 2% 3 25% milkfat chocolate
    vanilla strawberry flavored original shelf stable fortified calcium vitamin vitamins a d
    ready drink unblanched hulled decorticated
    """
)


def kind_of(name: str, group: str) -> str:
    """The kind a food belongs to, for keeping one food of each kind (see the module
    docstring): ``"spinach"`` for every form of spinach, ``"salmon"`` for every salmon,
    ``"liver"`` for the liver of any animal."""
    parts = [" ".join(_words(part)) for part in name.split(",")]
    parts = [part for part in parts if part]
    if not parts:
        return fold(name)
    if group == "Breakfast Cereals" and parts[0].startswith("cereals ready to eat"):
        return "cereals ready to eat"
    folded = f" {' '.join(parts)} "
    if _has(folded, "meatless", "vegetarian", "veggie", "vegan"):
        return "meat substitutes"
    organ = next((p for p in parts[1:] if p.split()[-1:] and p.split()[-1] in _ORGANS), None)
    if organ is not None and group in _MEAT_GROUPS:
        return _ORGANS[organ.split()[-1]]
    kept: list[str] = []
    for part in parts:
        words = [w for w in part.split() if w not in _FORM_WORDS]
        if not words or part.startswith(("variety meats", "broilers or fryers", "mixed species", "separable")):
            continue
        core = " ".join(words)
        if core in _PREFIXES:
            continue
        kept.append(core)
        if core not in _GENERIC:
            break
    return ", ".join(kept) if kept else parts[0]


#: First parts that only say what sort of food follows ("Fish, salmon"): left out of the kind.
_PREFIXES: Final = word_set("fish mollusks crustaceans beverages beverage nuts seeds spices cereals snacks candies") | {
    "game meat",
    "alcoholic beverage",
}
#: Parts that need the next part to name the food ("Beans, black"; "Squash, winter, acorn").
_GENERIC: Final = frozenset(
    {
        "beans",
        "cheese",
        "peppers",
        "squash",
        "winter",
        "summer",
        "peas",
        "cabbage",
        "lettuce",
        "rice",
        "pasta",
        "wheat",
        "corn",
        "oil",
        "yogurt",
        "greek",
        "juice",
        "nectar",
        "soup",
        "sauce",
        "egg",
        "whole",
        "white",
        "brown",
        "wild",
        "onions",
        "melons",
        "orange",
        "apples",
        "grapes",
        "plums",
        "pears",
        "peaches",
        "cherries",
        "sweet",
        "sour",
        "red",
        "green",
        "yellow",
        "soybeans",
        "lima beans",
        "cowpeas",
        "tuna",
        "chicken",
        "margarine",
        "bread",
        "crackers",
        "cookies",
        "cake",
        "pie",
        "rolls",
        "muffins",
    }
)


#: The USDA groups of meat and poultry (by species).
_SPECIES_GROUPS: Final = frozenset(
    {"Beef Products", "Pork Products", "Poultry Products", "Lamb, Veal, and Game Products"}
)
#: Organ words: an organ of any animal is one kind ("liver").
_ORGANS: Final[Mapping[str, str]] = {
    "liver": "liver",
    "kidneys": "kidney",
    "kidney": "kidney",
    "heart": "heart",
    "tongue": "tongue",
    "giblets": "giblets",
    "gizzard": "gizzard",
    "gizzards": "gizzard",
}

_AMOUNT: Final = re.compile(r"^\s*(\d+(?:\.\d+)?)(?:\s+(\d+)/(\d+)|/(\d+))?\s+(.*)$")


def measures(portions: Iterable[tuple[str, float]]) -> list[tuple[str, float, float]]:
    """``(measure, amount, grams)`` of household portions given as ``(description, grams)``,
    the description starting with its amount ("1 cup, chopped", "1/2 cup", "1.5 oz");
    a description without a leading amount counts as one of its measure."""
    found = []
    for description, grams in portions:
        match = _AMOUNT.match(description)
        if match is None:
            found.append((description.strip(), 1.0, grams))
            continue
        whole, numerator, denominator, over, measure = match.groups()
        amount = float(whole)
        if numerator is not None:
            amount += int(numerator) / int(denominator)
        elif over is not None:
            amount /= int(over)
        found.append((measure.strip(), amount, grams))
    return found


def density(portions: Iterable[tuple[str, float, float]], ml: float | None = None) -> float | None:
    """Grams per mL from the food's USDA portions measured by volume: ``portions`` are
    ``(measure, amount, grams)``, the measure as USDA writes it ("cup, chopped"). The
    portion whose volume is nearest to ``ml`` is used (the first one if ``ml`` is
    ``None``), so that a serving of 1 tbsp is the food's own tablespoon."""
    best: tuple[float, float] | None = None
    for measure, amount, grams in portions:
        unit = volume_unit(measure)
        if unit is not None and amount > 0 and grams > 0:
            volume = amount * ML_PER_MEASURE[unit]
            distance = 0.0 if ml is None else abs(math.log(volume / ml))
            if best is None or distance < best[0]:
                best = (distance, grams / volume)
            if ml is None:
                break
    return None if best is None else best[1]


def volume_unit(measure: str) -> str | None:
    """The volume unit a USDA measure starts with ("cup", "tbsp", "fl oz" ...; a key of
    :data:`ML_PER_MEASURE`), or ``None`` for a measure that is not a volume."""
    head = fold(measure).split(",")[0].split("(")[0].strip()
    if head.startswith("fl oz"):
        return "fl oz"
    first = head.split()[:1]
    return first[0] if first and first[0] in ML_PER_MEASURE else None


def serving_grams(category: ServingCategory, portions: Sequence[tuple[str, float, float]]) -> float | None:
    """The grams of one serving of a food in ``category``, with ``portions`` as for
    :func:`density` (to 0.01 g); ``None`` for an mL category and no portion by volume."""
    if category.unit == "g":
        return category.amount
    grams_per_ml = density(portions, category.amount)
    return None if grams_per_ml is None else round(category.amount * grams_per_ml, 2)


def serving_in(
    category: str, portions: Sequence[tuple[str, float, float]], categories: Mapping[str, ServingCategory]
) -> Serving | None:
    """A food's :class:`~cramps.foods.Serving` in ``category`` (one of ``categories``), with
    ``portions`` as for :func:`density`; ``None`` when an mL amount cannot be weighed."""
    grams = serving_grams(categories[category], portions)
    if grams is None:
        return None
    return Serving(grams=grams, category=category, measure=nearest_measure(grams, portions))


_FRACTIONS: Final = (
    (0.25, "1/4"),
    (1 / 3, "1/3"),
    (0.5, "1/2"),
    (2 / 3, "2/3"),
    (0.75, "3/4"),
    (1.0, "1"),
    (1.5, "1 1/2"),
    (2.0, "2"),
    (3.0, "3"),
)
_NOT_HOUSEHOLD: Final = (
    "lb",
    "package",
    "can",
    "jar",
    "container",
    "bag",
    "box",
    "pouch",
    "bottle",
    "quart",
    "gallon",
    "pie",
    "cake",
    "loaf",
    "head",
    "recipe",
    "yield",
)


def nearest_measure(grams: float, portions: Sequence[tuple[str, float, float]]) -> str | None:
    """The household measure nearest to ``grams`` (within a factor of 1.5), as "1/2 cup,
    chopped (78 g)": a USDA portion (``(measure, amount, grams)``) or a simple fraction or
    multiple of one; ``None`` if none is that near."""
    best: tuple[float, str] | None = None
    for measure, amount, portion_grams in portions:
        head = fold(measure).split()[:1]
        if not head or head[0] in _NOT_HOUSEHOLD or portion_grams <= 0 or amount <= 0:
            continue
        for factor, _ in _FRACTIONS:
            weight = portion_grams * factor
            distance = abs(math.log(weight / grams))
            if distance <= math.log(1.5) and (best is None or distance < best[0] - 1e-9):
                count = amount * factor
                best = (distance, f"{_number(count)} {measure} ({_number(weight)} g)")
    return None if best is None else best[1]


def _number(value: float) -> str:
    for factor, label in _FRACTIONS:
        if abs(value - factor) < 1e-9:
            return label
    return f"{value:.0f}" if abs(value - round(value)) < 0.05 else f"{value:.1f}"


def category_of(name: str, group: str, portions: Sequence[tuple[str, float, float]] = ()) -> tuple[str | None, str]:
    """The RACC category id of a food, with a short reason (why this category, or why
    none); ``portions`` as for :func:`density` (the breakfast-cereal classes depend on
    grams per cup)."""
    return _category_of_text(_text(name), group, portions)


def _category_of_text(
    text: str, group: str, portions: Sequence[tuple[str, float, float]] = ()
) -> tuple[str | None, str]:
    """:func:`category_of` from the food's padded word text (see :func:`_text`).

    Reads ``text`` only through whole words and phrases of the rules (:func:`_has`, the
    first word, word membership), ``startswith(" sweet potato")`` and words ending in
    "berry"/"berries": :class:`ServingRules` relies on that to answer many names at once."""
    words = text.split()
    first = words[0] if words else ""
    prepared = _has(text, "prepared", "cooked", "boiled", "reconstituted", "made with")

    if group == "Baby Foods":
        return None, "a baby food: FDA's infant and toddler amounts (Table 1) are not in the data"
    if _has(text, "supplement", "formulated bar", "meal replacement"):
        return None, "a supplement or formulated product: its serving is the label's own"
    if group == "Spices and Herbs":
        if _has(text, "vinegar"):
            return "condiment", "vinegar is a major condiment"
        if _has(text, "salt"):
            return "salt", "salt and seasoning salts"
        if _has(text, "capers", "horseradish", "mustard"):
            return "minor-condiment", "a minor condiment"
        if _has(text, "fresh") or first in ("basil", "dill", "rosemary", "thyme", "spearmint", "peppermint"):
            return "garnish-vegetable", "a fresh herb used for flavour"
        if _has(text, "extract", "seasoning mix"):
            return None, "a flavouring or seasoning mix: its amount is that of the food it seasons"
        return "spice", "a spice or dried herb"
    if group == "Nut and Seed Products":
        if _has(text, "butter", "paste", "tahini", "cream"):
            return "nut-butter", "a nut or seed butter or paste"
        if _has(text, "flour", "meal"):
            return "nut-flour", "a nut or seed flour"
        if _has(text, "milk", "beverage"):
            return "milk", "a nut or seed drink (milk substitute)"
        if _has(text, "coconut") and _has(text, "water"):
            return "beverage", "a drink"
        if _has(text, "coconut") and _has(text, "cream"):
            return "cream", "a cream"
        return "nuts", "nuts and seeds"
    if group == "Legumes and Legume Products":
        if _has(text, "fuyu", "fermented") and _has(text, "tofu"):
            return None, "fermented tofu is a condiment: no RACC category fits"
        if _has(text, "tofu", "tempeh", "bean curd", "natto", "okara", "curd cheese"):
            return "tofu", "tofu, tempeh and bean cakes"
        if _has(text, "bacon"):
            return "bacon-substitute", "a bacon substitute"
        if _has(text, "luncheon", "sausage", "frankfurter", "links", "hot dog"):
            return "meat-substitute", "a luncheon meat or sausage substitute"
        if _has(text, "dry roasted", "roasted") and _has(text, "soybeans"):
            return "nuts", "roasted soybeans are eaten as nuts"
        if _has(text, "papad"):
            return "snack-cracker", "papad is eaten as a cracker"
        if _has(text, "extender"):
            return None, "a meat extender: an ingredient"
        if _has(text, "soymilk", "soy milk", "milk"):
            return "milk", "a milk substitute"
        if _has(text, "peanut butter", "spread"):
            return "nut-butter", "a nut or seed butter"
        if _has(text, "peanuts", "peanut"):
            return "nuts", "peanuts are eaten as nuts"
        if _has(text, "flour", "meal", "isolate", "concentrate"):
            return "flour", "a flour"
        if _has(text, "miso"):
            return "minor-condiment", "miso is a seasoning paste"
        if _has(text, "soy sauce", "sauce"):
            return "condiment", "a sauce"
        if _has(text, "hummus", "falafel", "refried", "baked", "in sauce", "with pork", "canned", "chili"):
            return "beans-in-sauce", "beans in sauce, canned or refried"
        if _has(text, "raw") and _has(text, "mature seeds", "lentils", "split"):
            return "beans-dry", "dry beans (the amount that makes a cooked serving)"
        if prepared or _has(text, "sprouted"):
            return "beans-cooked", "cooked beans, peas and lentils"
        if _has(text, "meatless", "veggie", "vegetarian", "burger", "fillets", "chicken", "meatballs"):
            return "fish-cooked", "a meat substitute, eaten as an entree"
        if _has(text, "beans", "bean", "peas", "lentils", "chickpeas", "soybeans", "cowpeas", "edamame", "lupins"):
            return "beans-cooked", "beans, peas and lentils"
        return None, "a legume product of no listed category"
    if group == "Fruits and Fruit Juices":
        if _has(text, "juice", "nectar", "drink", "cocktail", "lemonade", "ade"):
            if first in ("lemon", "lime") or _has(text, "lemon juice", "lime juice"):
                return "ingredient-juice", "a juice used as an ingredient"
            return "juice", "a juice or fruit drink"
        if _has(text, "dried", "dehydrated", "prunes", "raisins", "dates", "figs dried"):
            return "dried-fruit", "a dried fruit"
        if _has(text, "candied", "pickled", "maraschino"):
            return "candied-fruit", "a candied or pickled fruit"
        if _has(text, "cranberry sauce", "relish", "applesauce") and "applesauce" not in words:
            return "candied-fruit", "a fruit relish"
        if first in ("avocados", "avocado"):
            return "avocado", "avocado"
        if first in ("lemons", "limes", "lemon", "lime", "cranberries", "rhubarb", "kumquats"):
            return "ingredient-fruit", "a fruit used mainly as an ingredient"
        if first == "watermelon":
            return "watermelon", "watermelon"
        if _has(text, "pie filling"):
            return None, "a pie filling: an ingredient"
        return "fruit", "fruit, fresh, canned or frozen"
    if group == "Vegetables and Vegetable Products":
        if _has(text, "potato salad", "coleslaw", "salad"):
            return "salad", "a salad"
        if _has(text, "juice") and not _has(text, "packed in tomato juice", "in tomato juice"):
            return "vegetable-juice", "a vegetable juice"
        if _has(text, "paste"):
            return "tomato-paste", "a vegetable paste"
        if _has(text, "puree", "sauce") and _has(text, "tomato", "tomatoes"):
            return "tomato-sauce", "a vegetable sauce or puree"
        if first in ("potatoes", "potato", "sweet potato", "sweetpotato", "yam", "yams") or text.startswith(
            " sweet potato"
        ):
            if _has(text, "french fried", "hash brown", "fries", "fried"):
                return "fries", "French fries and hash browns"
            if _has(text, "mashed", "au gratin", "scalloped", "candied", "o brien"):
                return "potato-mashed", "mashed, candied or with sauce"
            if _has(text, "canned"):
                return "potato-canned", "potatoes canned in liquid"
            if _has(text, "flour", "dehydrated", "flakes"):
                return None, "a potato product made up or used as an ingredient"
            return "potato", "potatoes, plain"
        if _has(text, "pickles", "pickled", "sauerkraut"):
            return "pickles", "pickles and pickled vegetables"
        if _has(text, "relish"):
            return "condiment", "a relish"
        if _has(text, "olives", "olive"):
            return "olives", "olives"
        if _has(text, "seaweed", "laver", "nori", "kelp", "spirulina", "agar", "wakame", "irishmoss") and _has(
            text, "dried", "dry"
        ):
            return "seaweed-sheet", "dried seaweed"
        if _has(text, "sprouts", "sprouted") and not _has(text, "brussels"):
            return "sprouts", "sprouts"
        if _has(text, "dried", "dehydrated", "freeze dried", "sun dried", "dry"):
            return "dried-vegetable", "a dried vegetable"
        if first in ("parsley", "chives", "coriander", "pimento", "garlic", "ginger", "lemon", "mint", "basil", "dill"):
            return "garnish-vegetable", "a vegetable used for garnish or flavour"
        if _has(
            text, "jalapeno", "hot chili", "peppers hot", "chili", "onions spring", "scallions", "onions young green"
        ):
            return "hot-pepper", "hot peppers and green onions"
        if _has(text, "canned", "cream style"):
            return "vegetable-canned", "a vegetable canned in liquid"
        return "vegetable", "a vegetable, fresh or frozen"
    if group == "Dairy and Egg Products":
        if first in ("egg", "eggs"):
            if _has(text, "substitute", "white", "whites"):
                return "egg-substitute", "egg whites and substitutes"
            if _has(text, "scrambled", "omelet", "omelette"):
                return "egg-mixture", "scrambled eggs and omelets"
            if _has(text, "yolk"):
                return None, "egg yolk alone: an ingredient"
            return "egg", "eggs"
        if _has(text, "eggnog"):
            return "eggnog", "eggnog"
        if _has(text, "yogurt", "kefir"):
            return "yogurt", "yogurt"
        if _has(text, "cheese"):
            if _has(text, "cottage") and not _has(text, "dry curd"):
                return "cottage-cheese", "cottage cheese"
            if _has(text, "ricotta", "dry curd"):
                return "ingredient-cheese", "a cheese used as an ingredient"
            if _has(text, "grated", "parmesan", "romano") and not _has(text, "shredded"):
                return "grated-cheese", "a hard grated cheese"
            if _has(text, "dip"):
                return "dip", "a cheese dip"
            if _has(text, "sauce"):
                return "minor-sauce", "a cheese sauce"
            return "cheese", "cheese"
        if _has(text, "sour cream", "sour dressing"):
            return "sour-cream", "sour cream"
        if _has(text, "half and half"):
            return "half-and-half", "half and half"
        if _has(text, "condensed"):
            return "condensed-milk", "condensed milk"
        if _has(text, "evaporated"):
            return "evaporated-milk", "evaporated milk"
        if _has(text, "cream", "creamer", "whipped topping", "topping"):
            return "cream", "cream or creamer"
        if first in ("butter", "ghee") or _has(text, "butter oil"):
            return "fat", "butter"
        if first in ("milk", "buttermilk") or _has(text, "milk", "shake", "beverage", "whey"):
            return "milk", "milk and milk drinks"
        if first == "dulce":
            return "honey-jam", "a sweet spread"
        return None, "a dairy product of no listed category"
    if group == "Breakfast Cereals":
        if "ready" in words:
            per_cup = _grams_per_cup(portions)
            if per_cup is None:
                return None, "a ready-to-eat cereal with no cup portion to find its density class"
            if per_cup < 20:
                return "cereal-light", "ready-to-eat cereal under 20 g per cup"
            if per_cup < 43:
                return "cereal", "ready-to-eat cereal, 20 to 43 g per cup"
            return (
                None,
                "a ready-to-eat cereal of 43 g or more per cup: the current amount for this class"
                " was not found in a source",
            )
        if prepared:
            return "hot-cereal-prepared", "hot cereal, prepared (1 cup)"
        return "hot-cereal-dry", "hot cereal, dry"
    if group == "Cereal Grains and Pasta":
        if _has(text, "bran", "germ"):
            return "bran-germ", "bran or wheat germ"
        if _has(text, "flour", "cornmeal", "meal", "masa"):
            return "flour", "flours and cornmeal"
        if _has(text, "starch", "tapioca", "arrowroot"):
            return "starch", "a starch"
        pasta = _has(text, "pasta", "macaroni", "spaghetti", "noodles", "couscous")
        if pasta:
            return ("pasta-cooked", "pasta, cooked") if prepared else ("pasta-dry", "pasta, dry")
        return ("grain-cooked", "grains, cooked") if prepared else ("grain-dry", "grains, dry")
    if group in _SPECIES_GROUPS:
        game = first in ("game", "bison") or (
            group == "Lamb, Veal, and Game Products" and first not in ("lamb", "veal", "goat")
        )
        kind = "fish" if game else "poultry" if group == "Poultry Products" else "meat"
        if _has(text, "jerky", "dried"):
            return "jerky", "dried meat"
        if _has(text, "canadian bacon"):
            return "luncheon-meat", "Canadian bacon"
        if _has(text, "bacon"):
            return "bacon", "bacon"
        if _has(text, "sausage", "sausages", "frankfurter", "links"):
            return "sausage", "sausages"
        if _has(text, "gravy", "sauce", "barbecue", "stew"):
            return "fish-in-sauce" if game else "meat-in-sauce", "meat with sauce"
        if _has(text, "canned"):
            return "canned-fish" if game else "canned-meat", "canned meat"
        if _has(text, "luncheon", "deli", "loaf", "spread"):
            return "luncheon-meat", "luncheon meat"
        if _has(text, "raw"):
            return f"{kind}-raw", "uncooked"
        return f"{kind}-cooked", "cooked"
    if group == "Sausages and Luncheon Meats":
        if _has(text, "bacon") and not _has(text, "canadian"):
            return "bacon", "bacon"
        if _has(
            text,
            "sausage",
            "sausages",
            "frankfurter",
            "frankfurters",
            "links",
            "bratwurst",
            "kielbasa",
            "chorizo",
            "wieners",
        ):
            return "sausage", "sausages"
        return "luncheon-meat", "luncheon meats"
    if group == "Finfish and Shellfish Products":
        if _has(text, "anchovy", "anchovies", "caviar", "roe") and not _has(text, "raw"):
            return "bacon-substitute", "anchovies, caviar and roe"
        if _has(text, "smoked", "pickled", "kippered", "dried", "salted"):
            return "smoked-fish", "smoked, pickled or dried fish"
        if _has(text, "canned"):
            return "canned-fish", "canned fish or shellfish"
        if _has(text, "raw"):
            return "fish-raw", "fish or shellfish, uncooked"
        return "fish-cooked", "fish or shellfish, cooked"
    if group == "Fats and Oils":
        if _has(text, "salad dressing", "dressing") and not _has(text, "mayonnaise"):
            return "dressing", "a salad dressing"
        if _has(text, "mayonnaise", "sandwich spread"):
            return "mayonnaise", "mayonnaise and sandwich spreads"
        return "fat", "butter, margarine, oil or shortening"
    if group == "Beverages":
        if _has(text, "espresso"):
            return None, "espresso is drunk in far smaller amounts than FDA's 360 mL for drinks"
        if _has(text, "syrup"):
            return "syrup", "a syrup"
        if _has(text, "milk", "soymilk", "almond", "rice beverage", "oat beverage") and not _has(
            text, "chocolate syrup"
        ):
            return "milk", "a milk or milk-substitute drink"
        if _has(text, "juice", "nectar", "juice drink", "fruit punch", "lemonade"):
            return "juice", "a juice or fruit drink"
        return "beverage", "a drink"
    if group == "Baked Products":
        for words_, category, why in _BAKERY:
            if _has(text, *words_):
                return category, why
        return None, "a bakery product of no listed category"
    if group == "Snacks":
        if _has(text, "granola bar", "granola bars", "bar", "bars"):
            return "grain-bar", "a grain-based bar"
        return "snack", "a snack"
    if group == "Sweets":
        for words_, category, why in _SWEETS:
            if _has(text, *words_):
                return category, why
        return "candy", "a candy"
    if group == "Soups, Sauces, and Gravies":
        if _has(text, "soup", "broth", "bouillon", "chowder", "stock"):
            return "soup", "a soup"
        if _has(text, "dip", "salsa", "barbecue", "hollandaise", "tartar", "sweet and sour"):
            return "dip", "a dip or dipping sauce"
        if _has(text, "gravy", "sauce"):
            if _has(text, "spaghetti", "pasta", "marinara", "prego", "ragu"):
                return "entree-sauce", "a main entree sauce"
            if _has(text, "soy", "teriyaki", "fish sauce", "oyster", "catsup", "ketchup", "steak"):
                return "condiment", "a major condiment"
            if _has(text, "hot", "tabasco", "worcestershire"):
                return "minor-condiment", "a minor condiment"
            return "minor-sauce", "a sauce, dip or gravy"
        return None, "a soup, sauce or gravy of no listed category"
    if group == "American Indian/Alaska Native Foods":
        return _regional(text, first)
    if group in _DISH_GROUPS:
        if _has(
            text,
            "soup",
            "chili",
            "stew",
            "macaroni",
            "spaghetti",
            "lasagna",
            "casserole",
            "rice",
            "beans",
            "salad",
            "lo mein",
            "fried rice",
        ):
            return "mixed-dish-cup", "a mixed dish measurable with a cup"
        return "mixed-dish", "a mixed dish not measurable with a cup"
    return None, "no RACC category fits this group"


def _regional(text: str, first: str) -> tuple[str | None, str]:
    """A food of USDA's American Indian/Alaska Native group, placed by its name."""
    if first == "oil" or _has(text, "fat", "blubber"):
        return "fat", "an oil or fat"
    if _has(text, "dried", "smoked"):
        return "smoked-fish", "a dried or smoked fish or meat"
    if any(word.endswith(("berry", "berries")) for word in text.split()):
        return "fruit", "a fruit"
    if _has(text, "greens", "leaves", "shoots", "stems", "roots", "nettles", "sprouts", "willow", "sourdock"):
        return "vegetable", "a vegetable"
    if _has(text, "raw", "frozen"):
        return "fish-raw", "meat or fish, uncooked (FDA's game-meat and fish row)"
    if _has(text, "cooked", "boiled", "baked", "roasted", "stewed", "braised", "steamed"):
        return "fish-cooked", "meat or fish, cooked (FDA's game-meat and fish row)"
    return None, "a regional food of no listed category"


_Rules = tuple[tuple[tuple[str, ...], str, str], ...]
_BAKERY: Final[_Rules] = (
    (("bagel", "bagels", "toaster pastry", "toaster pastries"), "bagel-muffin", "bagels, toaster pastries, muffins"),
    (("english muffin", "english muffins"), "biscuit-tortilla", "English muffins"),
    (("muffin", "muffins"), "bagel-muffin", "muffins"),
    (
        (
            "biscuit",
            "biscuits",
            "croissant",
            "croissants",
            "tortilla",
            "tortillas",
            "scone",
            "scones",
            "cornbread",
            "corn bread",
            "hush puppies",
        ),
        "biscuit-tortilla",
        "biscuits, croissants, tortillas",
    ),
    (("brownie", "brownies"), "brownie", "brownies"),
    (("cookie", "cookies", "wafers"), "cookie", "cookies"),
    (("matzo", "melba", "rusk", "zwieback", "breadsticks"), "cracker", "crackers not usually eaten as snacks"),
    (("cracker", "crackers"), "snack-cracker", "crackers"),
    (
        ("leavening agents", "baking powder", "baking soda", "cream of tartar"),
        "baking-powder",
        "baking powder and soda",
    ),
    (("pancake", "pancakes", "french toast", "crepe", "crepes"), "pancake", "pancakes and French toast"),
    (("waffle", "waffles"), "waffle", "waffles"),
    (
        ("pie", "pies", "cobbler", "strudel", "turnover", "turnovers", "eclairs", "cream puff", "cream puffs"),
        "pie",
        "pies and pastries",
    ),
    (
        ("doughnut", "doughnuts", "danish", "sweet rolls", "coffeecake", "coffee cake", "cinnamon buns", "quick bread"),
        "sweet-bakery",
        "doughnuts, Danish and sweet rolls",
    ),
    (("cake", "cakes", "cheesecake", "gingerbread"), "cake", "cakes"),
    (("bread", "rolls", "roll", "buns", "pita"), "bread", "breads and rolls"),
    (("granola bar", "cereal bar"), "grain-bar", "grain-based bars"),
)
_SWEETS: Final[_Rules] = (
    (
        (
            "ice cream",
            "ice creams",
            "frozen novelties",
            "frozen yogurt",
            "frozen yogurts",
            "sherbet",
            "ices",
            "pops",
            "popsicle",
        ),
        "frozen-dessert",
        "a frozen dessert",
    ),
    (
        ("pudding", "puddings", "custard", "custards", "flan", "gelatin desserts", "rennin"),
        "pudding",
        "a pudding, custard or gelatin",
    ),
    (("syrup", "syrups"), "syrup", "a syrup"),
    (
        (
            "honey",
            "jam",
            "jams",
            "jelly",
            "jellies",
            "preserves",
            "marmalade",
            "molasses",
            "fruit butter",
            "apple butter",
        ),
        "honey-jam",
        "honey, jams and molasses",
    ),
    (("sugars", "sugar"), "sugar", "sugar"),
    (("cocoa dry powder",), "cocoa", "cocoa powder"),
)


def _grams_per_cup(portions: Sequence[tuple[str, float, float]]) -> float | None:
    for measure, amount, grams in portions:
        if volume_unit(measure) in ("cup", "cups") and amount > 0:
            return grams / amount
    return None


# --- many foods at once ----------------------------------------------------------------


def _literal_words() -> frozenset[str]:
    """Every word of every text constant the category rules (and :func:`_text`) compare
    against: the words that can change a category."""
    found: set[str] = set()

    def collect(value: object) -> None:
        if isinstance(value, str):
            found.update(_words(value))
            found.update(value.split())
        elif isinstance(value, (tuple, list, frozenset, set)):
            for item in value:
                collect(item)
        elif hasattr(value, "co_consts"):
            for item in value.co_consts:
                collect(item)

    for function in (_category_of_text, _regional, _text, _grams_per_cup):
        collect(function.__code__)
    collect(_BAKERY)
    collect(_SWEETS)
    return frozenset(found)


class ServingRules:
    """The serving of many foods by the rules of :func:`category_of` and
    :func:`serving_in`, each distinct question answered once: a name's category is asked
    by its *rule text* (its words, every word no rule names replaced by one ``~``), and
    measures and servings by their portions. The answers are exactly those of the
    functions themselves (the tests compare them)."""

    __slots__ = ("_categories", "_category", "_keep", "_measures", "_servings")

    def __init__(self, categories: Mapping[str, ServingCategory]) -> None:
        self._categories = categories
        self._keep = _literal_words()
        self._category: dict[tuple[str, str], str | None] = {}
        self._measures: dict[tuple[tuple[str, float], ...], list[tuple[str, float, float]]] = {}
        self._servings: dict[tuple[str, tuple[tuple[str, float], ...]], Serving | None] = {}

    def rule_text(self, name: str) -> str:
        """The padded word text of ``name`` with every word no rule names (nor ends in
        "berry"/"berries", nor starts with "potato") replaced by ``~``, runs of them by one."""
        keep = self._keep
        out: list[str] = []
        for word in _text(name).split():
            if word in keep or word.endswith(("berry", "berries")) or word.startswith("potato"):
                out.append(word)
            elif not out or out[-1] != "~":
                out.append("~")
        return f" {' '.join(out)} "

    def serving(self, name: str, group: str, portions: tuple[tuple[str, float], ...]) -> Serving | None:
        """``serving_in(category_of(name, group, measures(portions)), ...)`` (``None``
        without a category), for ``portions`` as ``(description, grams)`` pairs."""
        found = self._measures.get(portions)
        if found is None:
            found = self._measures[portions] = measures(portions)
        if group == "Breakfast Cereals":  # the cereal classes depend on the portions too
            category, _ = category_of(name, group, found)
        else:
            key = (self.rule_text(name), group)
            if key in self._category:
                category = self._category[key]
            else:
                category = self._category[key] = _category_of_text(key[0], group, found)[0]
        if category is None:
            return None
        serving_key = (category, portions)
        if serving_key in self._servings:
            return self._servings[serving_key]
        serving = self._servings[serving_key] = serving_in(category, found, self._categories)
        return serving
