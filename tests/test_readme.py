"""The README shows the real output of its main command, and its commands are real."""

from __future__ import annotations

import re
import shlex
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
README = (ROOT / "README.md").read_text(encoding="utf-8")


def _section(title: str) -> str:
    """The text of the README's section ``## title``, up to the next section."""
    return README.split(f"## {title}", 1)[1].split("\n## ", 1)[0]


def _output(argv: list[str]) -> str:
    """What the ``cramps`` command line ``argv`` prints."""
    run = subprocess.run(
        [sys.executable, "-m", "cramps", *argv[1:]], capture_output=True, text=True, check=True, encoding="utf-8"
    )
    return run.stdout


def _main_command() -> tuple[list[str], str]:
    """The command of the README's "Ask it" section and the output block shown for it."""
    section = _section("Ask it")
    command = re.search(r"```console\n\$ (.+)\n```", section)
    output = re.search(r"```text\n(.*?)```", section, flags=re.DOTALL)
    assert command is not None, "the Ask it section lost its command"
    assert output is not None, "the Ask it section lost its output block"
    return shlex.split(command.group(1)), output.group(1)


def test_the_main_command_shows_its_real_output() -> None:
    argv, shown = _main_command()
    assert argv[0] == "cramps"
    assert _output(argv) == shown, "update the README's output block: run `python tests/test_readme.py`"


def test_the_setup_commands_make_a_virtual_environment_first() -> None:
    block = re.search(r"```sh\n(.*?)```", _section("Install"), flags=re.DOTALL)
    assert block is not None
    lines = block.group(1).splitlines()
    assert lines == ["python3 -m venv .venv && . .venv/bin/activate", "python -m pip install ."]


def test_every_command_line_example_parses() -> None:
    from cramps import cli

    examples = re.findall(r"^(cramps .+?)(?:\s+#.*)?$", _section("Command line"), flags=re.MULTILINE)
    assert len(examples) >= 8
    parser = cli.build_parser()
    for example in examples:
        parser.parse_args(shlex.split(example)[1:])


if __name__ == "__main__":  # refresh the README's output block
    argv, shown = _main_command()
    (ROOT / "README.md").write_text(README.replace(f"```text\n{shown}```", f"```text\n{_output(argv)}```", 1), "utf-8")
