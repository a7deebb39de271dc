"""Check the built HTML docs: pages exist, render in a real browser, and no internal link is broken.

Usage (after ``sphinx-build -W -b html docs docs/_build/html``)::

    python docs/check_site.py [--html docs/_build/html] [--chromium /usr/bin/chromium] [--no-browser]

1. Every internal ``href`` and ``src`` on every built page (links, anchors, stylesheets,
   scripts, images) must point to a file that exists, and every ``#fragment`` to an
   ``id`` (or ``name``) on the target page. Only the standard library's html.parser is
   used.
2. The index, the tutorial and the API page are opened in headless Chromium
   (``--dump-dom``, offline, a fresh profile each time). Each must render a title and a
   body of text, and show what it is for: the tutorial its foods chart (an SVG with
   bars), the API page its classes.

Exits 1 and lists every problem found; exits 0 otherwise.
"""

from __future__ import annotations

import argparse
import re
import shutil
import subprocess
import sys
import tempfile
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit

HERE = Path(__file__).resolve().parent
LINK_ATTRIBUTES = {"a": "href", "link": "href", "script": "src", "img": "src", "source": "src", "iframe": "src"}
CHROMIUM_FLAGS = (
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
)


@dataclass
class Page:
    ids: set[str] = field(default_factory=set)
    links: list[tuple[str, int]] = field(default_factory=list)  # (url, line)


class _Collector(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.page = Page()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        for key in ("id", "name"):
            value = values.get(key)
            if value and (key == "id" or tag == "a"):
                self.page.ids.add(value)
        wanted = LINK_ATTRIBUTES.get(tag)
        url = values.get(wanted) if wanted else None
        if url is not None:
            self.page.links.append((url, self.getpos()[0]))

    handle_startendtag = handle_starttag


def parse(path: Path) -> Page:
    collector = _Collector()
    collector.feed(path.read_text(encoding="utf-8"))
    collector.close()
    return collector.page


def _is_external(url: str) -> bool:
    parts = urlsplit(url)
    return bool(parts.scheme) or url.startswith("//")


def check_links(root: Path) -> tuple[list[str], int]:
    """Every broken internal link or anchor on every page under ``root``, and the number checked."""
    pages = {path.resolve(): parse(path) for path in sorted(root.rglob("*.html"))}
    problems: list[str] = []
    checked = 0
    for path, page in pages.items():
        for url, line in page.links:
            if not url or _is_external(url):
                continue
            checked += 1
            parts = urlsplit(url)
            target = (path.parent / unquote(parts.path)).resolve() if parts.path else path
            if target.is_dir():
                target = target / "index.html"
            where = f"{path.relative_to(root.resolve())}:{line}"
            if not target.exists():
                problems.append(f"{where}: link to a missing file: {url}")
                continue
            fragment = unquote(parts.fragment)
            if fragment and target.suffix == ".html":
                ids = pages[target].ids if target in pages else parse(target).ids
                if fragment not in ids:
                    problems.append(f"{where}: no anchor #{fragment} in {target.name}: {url}")
    return problems, checked


@dataclass(frozen=True)
class Expectation:
    page: str
    title: str
    must_contain: tuple[str, ...]


EXPECTED = (
    Expectation("index.html", "cramps", ("Getting started", "Tutorial", "API reference")),
    Expectation("tutorial.html", "Tutorial", ("nutrients_for_symptom", "daily_target", "cramps-chart")),
    Expectation("api.html", "API reference", ("KnowledgeBase", "nutrients_for_symptom", "EvidenceScorer")),
)
MIN_TEXT = 400  # characters of visible text: less than this is an empty render


def dump_dom(chromium: str, page: Path) -> str:
    with tempfile.TemporaryDirectory(prefix="cramps-chromium-") as profile:
        done = subprocess.run(
            [chromium, *CHROMIUM_FLAGS, f"--user-data-dir={profile}", "--dump-dom", page.as_uri()],
            capture_output=True,
            text=True,
            timeout=120,
            check=False,
        )
    if done.returncode != 0:
        raise RuntimeError(f"chromium exited {done.returncode}: {done.stderr.strip()[-500:]}")
    return done.stdout


def _visible_text(dom: str) -> str:
    body = re.sub(r"(?is)<(script|style|svg)\b.*?</\1>", " ", dom)
    return re.sub(r"\s+", " ", re.sub(r"(?s)<[^>]+>", " ", body)).strip()


def check_render(root: Path, chromium: str) -> list[str]:
    problems: list[str] = []
    for expected in EXPECTED:
        page = root / expected.page
        if not page.exists():
            problems.append(f"{expected.page}: missing page")
            continue
        try:
            dom = dump_dom(chromium, page)
        except (RuntimeError, subprocess.TimeoutExpired) as error:
            problems.append(f"{expected.page}: did not render: {error}")
            continue
        title = re.search(r"(?is)<title>(.*?)</title>", dom)
        if not title or expected.title not in title.group(1):
            problems.append(f"{expected.page}: title {title.group(1) if title else None!r} lacks {expected.title!r}")
        text = _visible_text(dom)
        if len(text) < MIN_TEXT:
            problems.append(f"{expected.page}: empty render ({len(text)} characters of text)")
        problems.extend(f"{expected.page}: rendered page lacks {w!r}" for w in expected.must_contain if w not in dom)
        if expected.page == "tutorial.html":
            chart = re.search(r'(?is)<svg[^>]*class="cramps-chart".*?</svg>', dom)
            bars = len(re.findall(r"<rect\b", chart.group(0))) if chart else 0
            if bars < 5:
                problems.append(f"tutorial.html: the foods chart has {bars} bars")
        print(f"rendered {expected.page}: {len(dom):,} bytes of DOM, {len(text):,} characters of text")
    return problems


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--html", type=Path, default=HERE / "_build" / "html", help="the built HTML (%(default)s)")
    parser.add_argument("--chromium", default=shutil.which("chromium") or "/usr/bin/chromium")
    parser.add_argument("--no-browser", action="store_true", help="check the links only")
    args = parser.parse_args(argv)
    root: Path = args.html
    if not (root / "index.html").exists():
        print(f"no built site at {root} (run sphinx-build -b html first)", file=sys.stderr)
        return 1
    problems, checked = check_links(root)
    pages = len(list(root.rglob("*.html")))
    print(f"checked {checked:,} internal links and anchors on {pages} pages")
    if not args.no_browser:
        if not Path(args.chromium).exists():
            problems.append(f"no Chromium at {args.chromium}: apt-get install chromium, or pass --no-browser")
        else:
            problems.extend(check_render(root, args.chromium))
    for problem in problems:
        print("FAIL", problem, file=sys.stderr)
    print("site check:", "FAILED" if problems else "ok")
    return 1 if problems else 0


if __name__ == "__main__":
    raise SystemExit(main())
