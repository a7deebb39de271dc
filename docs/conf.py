"""Sphinx configuration for the cramps documentation.

Build with ``sphinx-build -W -b html docs docs/_build/html`` and test every example with
``sphinx-build -W -b doctest docs docs/_build/doctest``. Nothing here needs the network:
intersphinx reads the small inventories shipped in ``docs/_inventories/`` (see
``docs/_inventories/make_inventories.py``).
"""

from __future__ import annotations

import doctest
import os
import sys
from pathlib import Path

DOCS = Path(__file__).resolve().parent
sys.path.insert(0, str(DOCS / "_ext"))
# Deterministic help text for the command-line page (argparse wraps to $COLUMNS).
os.environ["COLUMNS"] = "80"
os.environ.setdefault("NO_COLOR", "1")

import cramps  # noqa: E402

project = "cramps"
author = "cramps developers"
copyright = "cramps developers"
release = cramps.__version__
version = ".".join(release.split(".")[:2])

extensions = [
    "sphinx.ext.autodoc",
    "sphinx.ext.doctest",
    "sphinx.ext.intersphinx",
    "sphinx.ext.viewcode",
    "myst_parser",
    "cramps_docs",
    "cramps_architecture",
]

source_suffix = {".rst": "restructuredtext", ".md": "markdown"}
root_doc = "index"
exclude_patterns = ["_build", "examples", "_inventories", "_ext", "check_site.py", "Thumbs.db", ".DS_Store"]
# Every cross-reference must resolve (with -W a broken one fails the build). The only
# exceptions are private type variables and aliases that appear in signatures.
nitpicky = True
nitpick_ignore = [
    ("py:class", "SymptomArg"),  # cramps.queries: str | Symptom | Iterable[str | Symptom]
    ("py:class", "SearchKey"),  # cramps.food_search: tuple[int, int, int, int], FoodTable.ranked_search
    ("py:class", "cramps.serialize.T"),  # TypeVar of from_dict
    ("py:class", "cramps.ranking.R"),  # TypeVar of Ranked / Ranking
    ("py:obj", "cramps.ranking.R"),
    ("py:class", "PersonData"),  # private: KnowledgeBase.person_data()
    ("py:class", "cramps.food_columns.FoodColumns"),  # FoodTable(columns): its storage; use FoodTable.load()
    # KnowledgeBase's bases: its food and person questions, documented as its own methods
    ("py:class", "cramps.food_queries.FoodQueries"),
    ("py:class", "cramps.person_queries.PersonQueries"),
    ("py:class", "cramps.assess_queries.AssessQueries"),
    ("py:class", "DiaryItem"),  # cramps.diary_reader: str | tuple[str, float | str] | DiaryEntry | SupplementEntry
    ("py:class", "PathLike"),  # os.PathLike, as read_diary's annotation names it
    # the pattern scorer's private caches of one question, named in Model's signatures
    ("py:class", "cramps.pattern._Findings"),
    ("py:class", "cramps.pattern._Risk"),
    ("py:class", "_Findings"),
    ("py:class", "_Risk"),
    ("py:class", "Evidence"),
    ("py:class", "cramps.knowledge.V"),  # TypeVar of KnowledgeBase.derived
    ("py:class", "collections.abc.Hashable"),  # cramps.pattern.Evidence: tuple[Claim, float]
    ("py:class", "collections.abc.Iterator"),  # cramps.food_table.FoodTable.rows_in_order
    ("py:class", "cramps._cache.Lazy"),  # FoodCatalogue(foods, tables): the lazily loaded table
    ("py:class", "Lazy"),
    ("py:class", "Resolved"),
    ("py:class", "cramps.profiles.ProfileFacts"),  # profile facts, described where they are used
    ("py:class", "ProfileFacts"),
]
default_role = "py:obj"
# Pages the index lists that may not exist yet (docs/performance.md is written by
# `benchmarks/run.py --write-docs`): while the file is absent, cramps_docs drops the index's
# toctree entry and its :doc: link to it.
cramps_optional_docs = ["performance"]

# -- autodoc ------------------------------------------------------------------
autodoc_typehints = "signature"
autodoc_typehints_format = "short"
autodoc_member_order = "bysource"
autodoc_preserve_defaults = True
autodoc_class_signature = "mixed"
autodoc_default_options = {"members": True, "show-inheritance": False}
python_use_unqualified_type_names = True
add_module_names = False

# -- intersphinx: offline, from the inventories shipped in docs/_inventories/ ---------
intersphinx_mapping = {
    "python": ("https://docs.python.org/3", "_inventories/python.inv"),
    "attrs": ("https://www.attrs.org/en/stable", "_inventories/attrs.inv"),
    "cattrs": ("https://catt.rs/en/stable", "_inventories/cattrs.inv"),
}
intersphinx_timeout = 5

# -- doctest: every example in the docs runs ------------------------------------------
# Each page's examples run as a reader would paste them into a fresh Python session: no
# hidden setup (no doctest_global_setup, no testsetup), every import and object visible on
# the page, fixture files written by the examples themselves. The output shown is the
# output printed: whitespace is compared exactly (no NORMALIZE_WHITESPACE), and only a
# literal "..." elides.
doctest_default_flags = doctest.ELLIPSIS | doctest.IGNORE_EXCEPTION_DETAIL | doctest.DONT_ACCEPT_TRUE_FOR_1
doctest_test_doctest_blocks = "default"

# -- MyST (the changelog and docs/performance.md are Markdown) -------------------------
myst_enable_extensions = ["colon_fence"]
myst_heading_anchors = 3

# -- HTML ---------------------------------------------------------------------
html_theme = "furo"
html_title = f"cramps {release}"
html_static_path = ["_static"]
html_css_files = ["cramps.css"]
html_show_sourcelink = False
html_theme_options = {"navigation_with_keys": True}


# Names imported only for type checkers (cramps.load avoids importing importlib.resources
# until it is called) appear unqualified in signatures: point them at their real home
# before intersphinx looks them up.
_TYPE_CHECKING_NAMES = {"Traversable": "importlib.resources.abc.Traversable"}


def _qualify(app: object, env: object, node: dict[str, str], contnode: object) -> None:
    target = _TYPE_CHECKING_NAMES.get(node.get("reftarget", ""))
    if target is not None:
        node["reftarget"] = target


def setup(app: object) -> None:
    app.connect("missing-reference", _qualify, priority=100)  # type: ignore[attr-defined]
