"""Sphinx extension for the Architecture page: the import contracts of ``pyproject.toml``, drawn at build time.

Directives (both read ``[tool.importlinter]`` when the docs are built, so the page never drifts from the contracts
that ``lint-imports`` checks):

``.. cramps-layers:: [CONTRACT_ID]``
    The layers of the ``layers`` contract (or of the ``layers``-type contract with the given id), top to bottom: one
    row per layer holding its modules, each with its length in lines (read from its source file), siblings separated
    by ``|`` (independent) or ``:`` (may import each other) as in the contract, and an arrow saying that imports only
    go down. A legend explains the notation.
``.. cramps-contracts:: [CONTRACT_ID]``
    A bulleted list of the names (and ids) of every other contract.

The file read is ``cramps_pyproject`` and the sources are looked up under ``cramps_source_root`` (both relative to
the docs source folder; the defaults are ``../pyproject.toml`` and ``../src``). A missing file, a missing contract or a
module without a source file is an error naming it, at the directive's line; the page shows the error instead of the
diagram, and the build fails (exit status 1) with or without ``-W``.

Only docutils nodes are made (no graphviz); the look is in ``docs/_static/cramps.css``.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

import tomllib  # the docs build runs on Python 3.11 or later
from docutils import nodes
from sphinx import addnodes
from sphinx.application import Sphinx
from sphinx.environment import BuildEnvironment
from sphinx.util import logging
from sphinx.util.docutils import SphinxDirective

logger = logging.getLogger(__name__)

DEFAULT_CONTRACT = "layers"
#: Marks the module references of the diagram: one that resolves (a module with an API entry) becomes a link, any
#: other (a private module) stays plain text instead of a "reference not found" warning.
OPTIONAL_REFERENCE = "cramps_optional_reference"
#: The attribute of the build environment that keeps the contract errors of each page.
ERRORS_ATTRIBUTE = "cramps_contract_errors"


class ContractError(Exception):
    """The import contracts cannot be read or drawn (the directives report it and fail the build)."""


@dataclass(frozen=True)
class Module:
    name: str  # as written in the contract (``_loader``)
    qualified: str  # the importable name (``cramps._loader``)
    lines: int
    sources: tuple[Path, ...]


@dataclass(frozen=True)
class Layer:
    modules: tuple[Module, ...]
    independent: bool  # siblings separated by "|": none may import another

    @property
    def separator(self) -> str:
        return "|" if self.independent else ":"


def read_contracts(pyproject: Path) -> list[dict[str, Any]]:
    """Every ``[[tool.importlinter.contracts]]`` table of ``pyproject``."""
    try:
        config = tomllib.loads(pyproject.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as error:
        raise ContractError(f"cannot read the import contracts from {pyproject}: {error}") from error
    contracts = config.get("tool", {}).get("importlinter", {}).get("contracts")
    if not isinstance(contracts, list) or not all(isinstance(c, dict) for c in contracts) or not contracts:
        raise ContractError(f"{pyproject} has no [[tool.importlinter.contracts]] tables")
    return contracts


def layers_contract(contracts: list[dict[str, Any]], contract_id: str, where: str) -> dict[str, Any]:
    """The contract with ``id = contract_id``; it must be a ``layers`` contract."""
    found = [contract for contract in contracts if contract.get("id") == contract_id]
    known = ", ".join(repr(contract.get("id")) for contract in contracts)
    if len(found) != 1:
        count = "no" if not found else str(len(found))
        raise ContractError(f"{where} has {count} import contract with id = {contract_id!r} (the ids: {known})")
    contract = found[0]
    if contract.get("type") != "layers" or not isinstance(contract.get("layers"), list) or not contract["layers"]:
        raise ContractError(f"{where}: contract {contract_id!r} is not a 'layers' contract with a list of layers")
    return contract


def count_lines(source_root: Path, qualified: str) -> tuple[int, tuple[Path, ...]]:
    """The number of lines of module ``qualified`` (all its ``.py`` files if it is a package) and the files read."""
    base = source_root.joinpath(*qualified.split("."))
    module_file = base.with_suffix(".py")
    if module_file.is_file():
        files: tuple[Path, ...] = (module_file,)
    elif (base / "__init__.py").is_file():
        files = tuple(sorted(base.rglob("*.py")))
    else:
        raise ContractError(f"the import contracts name {qualified}, but neither {module_file} nor {base} exists")
    lines = sum(len(path.read_text(encoding="utf-8").splitlines()) for path in files)
    return lines, files


def parse_layers(contract: dict[str, Any], source_root: Path, where: str) -> list[Layer]:
    """The layers of ``contract``, top first, each module with its line count."""
    containers = contract.get("containers", [])
    if len(containers) > 1:
        raise ContractError(f"{where}: contract {contract.get('id')!r} has several containers; draw one at a time")
    prefix = f"{containers[0]}." if containers else ""
    layers = []
    for text in contract["layers"]:
        if not isinstance(text, str) or ("|" in text and ":" in text):
            raise ContractError(f"{where}: layer {text!r} must be a string of modules separated by '|' or by ':'")
        independent = "|" in text
        names = [name.strip() for name in text.split("|" if independent else ":")]
        if not all(names):
            raise ContractError(f"{where}: layer {text!r} has an empty module name")
        modules = []
        for name in names:
            qualified = prefix + name
            try:
                lines, sources = count_lines(source_root, qualified)
            except ContractError as error:
                raise ContractError(f"{where}: {error}") from None
            modules.append(Module(name, qualified, lines, sources))
        layers.append(Layer(tuple(modules), independent))
    return layers


def _separator(mark: str) -> nodes.inline:
    return nodes.inline(mark, mark, classes=["cramps-sep"])


def _module_node(module: Module, separator: str | None) -> nodes.inline:
    """A module as a literal (a link where the module has an API entry), its line count, and the separator after it."""
    item = nodes.inline(classes=["cramps-module"])
    literal = nodes.literal(module.name, module.name)
    xref = addnodes.pending_xref(
        "", literal, refdomain="py", reftype="mod", reftarget=module.qualified, refexplicit=True, refwarn=False
    )
    xref[OPTIONAL_REFERENCE] = True
    item += xref
    count = f"{module.lines:,}"
    item += nodes.inline(count, count, classes=["cramps-lines"])
    if separator is not None:
        item += _separator(separator)
    return item


def layers_figure(layers: list[Layer], contract: dict[str, Any], pyproject_name: str) -> nodes.figure:
    """The diagram: an arrow beside the stack of layers, a caption and a legend."""
    figure = nodes.figure(classes=["cramps-layers"])
    body = nodes.container(classes=["cramps-layers-body"])
    arrow = nodes.container(classes=["cramps-layers-arrow"])
    arrow += nodes.paragraph("", "imports go down")
    body += arrow
    stack = nodes.container(classes=["cramps-layers-stack"])
    for layer in layers:
        kind = "cramps-independent" if layer.independent else "cramps-siblings"
        row = nodes.container(classes=["cramps-layer", kind])
        modules = nodes.paragraph()
        last = len(layer.modules) - 1
        for position, module in enumerate(layer.modules):
            modules += _module_node(module, None if position == last else layer.separator)
        row += modules
        stack += row
    body += stack
    figure += body

    count = sum(len(layer.modules) for layer in layers)
    lines = sum(module.lines for layer in layers for module in layer.modules)
    title = contract.get("name") or contract["id"]
    caption = (
        f"The layers of the contract \u201c{title}\u201d in {pyproject_name}, top to bottom: {len(layers)} layers, "
        f"{count} modules, {lines:,} lines. Drawn from that file and the sources each time the docs are built."
    )
    figure += nodes.caption(caption, caption)

    legend = nodes.legend()
    arrow_note = nodes.paragraph()
    arrow_note += nodes.Text("A module may import the modules of the layers below its own, never those above.")
    if contract.get("exhaustive"):
        arrow_note += nodes.Text(" The contract is exhaustive: every module of the package is in a layer.")
    legend += arrow_note
    for mark, meaning in (
        ("|", "independent siblings: neither may import the other."),
        (":", "siblings that may import each other (never in a cycle)."),
    ):
        siblings = nodes.paragraph()
        siblings += nodes.literal("a", "a")
        siblings += _separator(mark)
        siblings += nodes.literal("b", "b")
        siblings += nodes.Text(f": {meaning}")
        legend += siblings
    legend += nodes.paragraph("", "The small number after a module is its length in lines.")
    figure += legend
    return figure


class _ContractDirective(SphinxDirective):
    """Reads the contracts; any :class:`ContractError` becomes a located error, an error box on the page, and a
    failed build (see :func:`_fail_on_contract_errors`), with or without ``-W``."""

    has_content = False
    optional_arguments = 1

    @property
    def contract_id(self) -> str:
        return self.arguments[0] if self.arguments else DEFAULT_CONTRACT

    @property
    def pyproject(self) -> Path:
        return (Path(self.env.srcdir) / str(self.config.cramps_pyproject)).resolve()

    def run(self) -> list[nodes.Node]:
        self.env.note_dependency(str(self.pyproject))
        try:
            return self.render(read_contracts(self.pyproject))
        except ContractError as error:
            message = f"{self.name}: {error}"
            logger.error(message, location=self.get_location())
            _contract_errors(self.env)[self.env.docname] = message
            box = nodes.error()
            box += nodes.paragraph(message, message)
            return [box]

    def render(self, contracts: list[dict[str, Any]]) -> list[nodes.Node]:
        raise NotImplementedError


class LayersDirective(_ContractDirective):
    def render(self, contracts: list[dict[str, Any]]) -> list[nodes.Node]:
        where = str(self.pyproject)
        contract = layers_contract(contracts, self.contract_id, where)
        source_root = (Path(self.env.srcdir) / str(self.config.cramps_source_root)).resolve()
        layers = parse_layers(contract, source_root, where)
        for layer in layers:
            for module in layer.modules:
                for source in module.sources:
                    self.env.note_dependency(str(source))
        return [layers_figure(layers, contract, self.pyproject.name)]


class ContractsDirective(_ContractDirective):
    def render(self, contracts: list[dict[str, Any]]) -> list[nodes.Node]:
        others = [contract for contract in contracts if contract.get("id") != self.contract_id]
        if not others:
            return [nodes.paragraph("", "There are no other import contracts.")]
        items = nodes.bullet_list()
        for contract in others:
            paragraph = nodes.paragraph()
            paragraph += nodes.Text(f"{contract.get('name') or 'A contract without a name'} (")
            ident = str(contract.get("id", "no id"))
            paragraph += nodes.literal(ident, ident)
            paragraph += nodes.Text(")")
            items += nodes.list_item("", paragraph)
        return [items]


# -- a contract error fails the build, also without -W, and also on a rebuild that does not re-read the page -----


def _contract_errors(env: BuildEnvironment) -> dict[str, str]:
    """The contract errors of the pages read so far, by docname (kept in the pickled environment)."""
    errors: dict[str, str] | None = getattr(env, ERRORS_ATTRIBUTE, None)
    if errors is None:
        errors = {}
        setattr(env, ERRORS_ATTRIBUTE, errors)
    return errors


def _purge_contract_errors(app: Sphinx, env: BuildEnvironment, docname: str) -> None:
    _contract_errors(env).pop(docname, None)


def _merge_contract_errors(app: Sphinx, env: BuildEnvironment, docnames: set[str], other: BuildEnvironment) -> None:
    theirs = _contract_errors(other)
    _contract_errors(env).update({name: theirs[name] for name in docnames if name in theirs})


def _fail_on_contract_errors(app: Sphinx, exception: Exception | None) -> None:
    errors = _contract_errors(app.env)
    if exception is None and errors:
        logger.error("the import contracts could not be drawn on: %s", ", ".join(sorted(errors)))
        app.statuscode = 1


def _keep_optional_references(
    app: Sphinx, env: BuildEnvironment, node: addnodes.pending_xref, contnode: nodes.Element
) -> nodes.Element | None:
    """A diagram module without an API entry: its literal, unlinked, and no warning."""
    return contnode if node.get(OPTIONAL_REFERENCE) else None


def setup(app: Sphinx) -> dict[str, Any]:
    app.add_config_value("cramps_pyproject", "../pyproject.toml", "env", types=[str])
    app.add_config_value("cramps_source_root", "../src", "env", types=[str])
    app.add_directive("cramps-layers", LayersDirective)
    app.add_directive("cramps-contracts", ContractsDirective)
    app.connect("env-purge-doc", _purge_contract_errors)
    app.connect("env-merge-info", _merge_contract_errors)
    app.connect("build-finished", _fail_on_contract_errors)
    # After intersphinx and the other handlers (default priority 500) have had their chance.
    app.connect("missing-reference", _keep_optional_references, priority=900)
    return {"version": "1.0", "parallel_read_safe": True, "parallel_write_safe": True}
