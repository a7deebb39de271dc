"""Write the small intersphinx inventories the cramps docs use, so the build needs no network.

Sphinx's intersphinx normally downloads ``objects.inv`` from each project's site. The
machines that build these docs have no network, and an unreachable inventory is a warning
(an error under ``-W``). So this script writes, in the same Sphinx inventory format
(version 2, zlib-compressed), the few Python, attrs and cattrs objects the docs refer
to, each with its real address on the official site. ``conf.py`` points
``intersphinx_mapping`` at the files::

    "python": ("https://docs.python.org/3", "_inventories/python.inv")

Links in the built pages go to the real sites. To add a name, add a row below and run::

    python docs/_inventories/make_inventories.py

``--check`` writes nothing and exits 1 if a file would change (tests/test_docs.py runs it).
"""

from __future__ import annotations

import argparse
import sys
import zlib
from pathlib import Path

HERE = Path(__file__).resolve().parent

# (name, domain:role, uri relative to the project's base URL). "$" in a uri stands for the name.
PYTHON = [
    ("str", "py:class", "library/stdtypes.html#$"),
    ("int", "py:class", "library/functions.html#$"),
    ("float", "py:class", "library/functions.html#$"),
    ("bool", "py:class", "library/functions.html#$"),
    ("bytes", "py:class", "library/stdtypes.html#$"),
    ("tuple", "py:class", "library/stdtypes.html#$"),
    ("list", "py:class", "library/stdtypes.html#$"),
    ("dict", "py:class", "library/stdtypes.html#$"),
    ("frozenset", "py:class", "library/stdtypes.html#$"),
    ("object", "py:class", "library/functions.html#$"),
    ("type", "py:class", "library/functions.html#$"),
    ("None", "py:data", "library/constants.html#$"),
    ("Exception", "py:exception", "library/exceptions.html#$"),
    ("LookupError", "py:exception", "library/exceptions.html#$"),
    ("KeyError", "py:exception", "library/exceptions.html#$"),
    ("ValueError", "py:exception", "library/exceptions.html#$"),
    ("TypeError", "py:exception", "library/exceptions.html#$"),
    ("collections.abc.Iterable", "py:class", "library/collections.abc.html#$"),
    ("collections.abc.Mapping", "py:class", "library/collections.abc.html#$"),
    ("collections.abc.Sequence", "py:class", "library/collections.abc.html#$"),
    ("collections.abc.Callable", "py:class", "library/collections.abc.html#$"),
    ("typing.Any", "py:data", "library/typing.html#$"),
    ("typing.Protocol", "py:class", "library/typing.html#$"),
    ("typing.Generic", "py:class", "library/typing.html#$"),
    ("typing.TypeVar", "py:class", "library/typing.html#$"),
    ("typing.runtime_checkable", "py:function", "library/typing.html#$"),
    ("enum.Enum", "py:class", "library/enum.html#$"),
    ("os.PathLike", "py:class", "library/os.html#$"),
    ("pathlib.Path", "py:class", "library/pathlib.html#$"),
    ("importlib.resources", "py:module", "library/importlib.resources.html#module-$"),
    ("importlib.resources.files", "py:function", "library/importlib.resources.html#$"),
    ("importlib.resources.abc.Traversable", "py:class", "library/importlib.resources.abc.html#$"),
    ("importlib.metadata.entry_points", "py:function", "library/importlib.metadata.html#$"),
    ("json", "py:module", "library/json.html#module-$"),
    ("json.dumps", "py:function", "library/json.html#$"),
    ("pickle", "py:module", "library/pickle.html#module-$"),
    ("doctest", "py:module", "library/doctest.html#module-$"),
    ("multiprocessing", "py:module", "library/multiprocessing.html#module-$"),
    ("multiprocessing.pool.Pool", "py:class", "library/multiprocessing.html#$"),
    ("concurrent.futures", "py:module", "library/concurrent.futures.html#module-$"),
    ("concurrent.futures.ProcessPoolExecutor", "py:class", "library/concurrent.futures.html#$"),
    ("concurrent.futures.Executor.map", "py:method", "library/concurrent.futures.html#$"),
    ("functools.partial", "py:function", "library/functools.html#$"),
    ("argparse", "py:module", "library/argparse.html#module-$"),
]

ATTRS = [
    ("attrs", "py:module", "api.html#module-$"),
    ("attrs.frozen", "py:function", "api.html#$"),
    ("attrs.define", "py:function", "api.html#$"),
    ("attrs.field", "py:function", "api.html#$"),
    ("attrs.evolve", "py:function", "api.html#$"),
    ("attrs.asdict", "py:function", "api.html#$"),
    ("attrs.fields", "py:function", "api.html#$"),
    ("attrs.has", "py:function", "api.html#$"),
    ("attrs.Attribute", "py:class", "api.html#$"),
]

CATTRS = [
    ("cattrs", "py:module", "cattrs.html#module-$"),
    ("cattrs.Converter", "py:class", "cattrs.html#$"),
    ("cattrs.structure", "py:function", "cattrs.html#$"),
    ("cattrs.unstructure", "py:function", "cattrs.html#$"),
]

INVENTORIES = {
    "python.inv": ("Python", "3", PYTHON),
    "attrs.inv": ("attrs", "stable", ATTRS),
    "cattrs.inv": ("cattrs", "stable", CATTRS),
}


def render(project: str, version: str, rows: list[tuple[str, str, str]]) -> bytes:
    """One inventory in Sphinx's version-2 format: a text header, then zlib-compressed lines
    ``name domain:role priority uri dispname`` ("-" as dispname means the name itself)."""
    header = (
        "# Sphinx inventory version 2\n"
        f"# Project: {project}\n"
        f"# Version: {version}\n"
        "# The remainder of this file is compressed using zlib.\n"
    ).encode()
    body = "".join(f"{name} {role} 1 {uri} -\n" for name, role, uri in sorted(rows)).encode()
    return header + zlib.compress(body, 9)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="write nothing; exit 1 if a file would change")
    args = parser.parse_args(argv)
    stale = []
    for file_name, (project, version, rows) in INVENTORIES.items():
        path = HERE / file_name
        data = render(project, version, rows)
        if path.exists() and path.read_bytes() == data:
            continue
        stale.append(file_name)
        if not args.check:
            path.write_bytes(data)
    if args.check and stale:
        print(f"out of date: {', '.join(stale)}; run python docs/_inventories/make_inventories.py", file=sys.stderr)
        return 1
    for file_name in stale:
        print(f"wrote {file_name}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
