"""cramps: a typed, sourced knowledge base about leg cramps.

It links cramps to the nutrients, foods and contributing factors behind them, ranks
them by graded, cited evidence, and says what relieves cramps and when to see a
clinician. It informs; it never diagnoses (see :data:`DISCLAIMER`).

The public names are listed once, with their types, in ``__init__.pyi``; each is imported
from its module on first use, so ``import cramps`` stays cheap.
"""

from __future__ import annotations

import os
from importlib import import_module
from typing import Any

_exports: dict[str, str] = {}


def _listing() -> dict[str, str]:
    """Each exported name with the module it comes from (``""`` for a value computed
    here), read from ``__init__.pyi`` on first use."""
    if not _exports:
        loader = __spec__.loader  # reads a file next to this one, also from a zip archive
        stub = loader.get_data(os.path.join(os.path.dirname(__file__), "__init__.pyi"))  # type: ignore[union-attr]
        for line in stub.decode().splitlines():
            words = line.split()
            if len(words) == 6 and words[0] == "from" and words[2] == "import" and words[3:5] == [words[5], "as"]:
                _exports[words[5]] = words[1]  # from MODULE import NAME as NAME
            elif len(words) == 2 and words[0].endswith(":") and words[0][:-1].isidentifier():
                _exports[words[0][:-1]] = ""  # NAME: TYPE, a value computed here
    return _exports


def __getattr__(name: str) -> Any:
    if name == "__all__":
        return sorted(n for n, module in _listing().items() if module != "cramps")
    module = _listing().get(name)
    if module == "cramps":  # a submodule, such as cramps.scoring
        return import_module(f"cramps.{name}")
    if module:
        value = getattr(import_module(module), name)
        globals()[name] = value
        return value
    if name == "__version__":
        from importlib.metadata import version

        return version("cramps")
    if name == "DATA_VERSION":
        from cramps.loading import default_kb

        return default_kb().data_version
    raise AttributeError(f"module 'cramps' has no attribute {name!r}")


def __dir__() -> list[str]:
    return sorted({*globals(), *_listing()})
