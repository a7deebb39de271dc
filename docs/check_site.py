"""Check the built HTML docs: no broken internal link, and every page renders and fits at 1280 px.

Usage (after ``sphinx-build -W -b html docs docs/_build/html``)::

    python docs/check_site.py [--html docs/_build/html] [--screenshots docs/_build/screenshots]
                              [--width 1280] [--chromium /usr/bin/chromium] [--no-browser]

1. Every internal ``href`` and ``src`` on every built page (links, anchors, stylesheets,
   scripts, images) must point to a file that exists, and every ``#fragment`` to an
   ``id`` (or ``name``) on the target page. Only the standard library's html.parser is
   used.
2. Every page is opened in headless Chromium (offline, a fresh profile), in a viewport
   1280 px wide, driven over the DevTools protocol on a pipe (standard library only):

   * a full-page screenshot of it is saved under ``--screenshots``, mirroring the page's
     path (``tutorial.png``, ``_modules/cramps/foods.png``); a page taller than
     ``MAX_SHOT`` px is saved in parts (``api.1.png``, ``api.2.png``, ...);
   * the page must not scroll sideways (the document no wider than the viewport), and
     nothing in the page's content (a table, a code block, a figure, a signature, a long
     word) may reach past the content column unless a container that scrolls sideways
     holds it (as a wide table is held by its ``.table-wrapper``);
   * the index, the tutorial and the API page must render a title and a body of text and
     show what they are for: the tutorial its foods chart (an SVG with bars), the API page
     its classes.

Exits 1 and lists every problem found; exits 0 otherwise.
"""

from __future__ import annotations

import argparse
import base64
import contextlib
import fcntl
import json
import os
import re
import select
import shutil
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path
from typing import Any
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
    "--hide-scrollbars",
    "--force-device-scale-factor=1",
    "--remote-debugging-pipe",
)
WIDTH = 1280  # px: the narrowest common laptop window the pages must fit
HEIGHT = 800  # px: the viewport's height while the page is measured
MAX_SHOT = 8000  # px: a taller page is saved as several screenshots, each at most this tall
TIMEOUT = 60.0  # seconds for any one browser command


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


# --- the browser -------------------------------------------------------------------------


class BrowserError(RuntimeError):
    """Chromium did not start, did not answer in time, or answered with an error."""


class Chromium:
    """One headless Chromium, driven over the DevTools protocol on a pipe.

    Chromium reads commands from its file descriptor 3 and writes answers and events to
    its descriptor 4 (``--remote-debugging-pipe``), each a JSON text ended by a NUL byte.
    """

    def __init__(self, binary: str, width: int = WIDTH, height: int = HEIGHT) -> None:
        self.width, self.height = width, height
        self._profile = tempfile.TemporaryDirectory(prefix="cramps-chromium-")
        to_child, self._commands = os.pipe()
        self._answers, from_child = os.pipe()

        def give_pipe_to_chromium() -> None:  # in the child, before exec: the pipe ends as fds 3 and 4
            read_end = fcntl.fcntl(to_child, fcntl.F_DUPFD, 10)
            write_end = fcntl.fcntl(from_child, fcntl.F_DUPFD, 10)
            os.dup2(read_end, 3)
            os.dup2(write_end, 4)

        self._process = subprocess.Popen(
            [
                binary,
                *CHROMIUM_FLAGS,
                f"--user-data-dir={self._profile.name}",
                f"--window-size={width},{height}",
                "about:blank",
            ],
            stdin=subprocess.DEVNULL,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            close_fds=False,  # the descriptors 3 and 4 made above must reach Chromium
            preexec_fn=give_pipe_to_chromium,  # safe: this process runs no threads
        )
        os.close(to_child)
        os.close(from_child)
        self._buffer = b""
        self._events: list[dict[str, Any]] = []
        self._next_id = 0
        try:
            target = self.send("Target.createTarget", {"url": "about:blank"})["targetId"]
            self._session = self.send("Target.attachToTarget", {"targetId": target, "flatten": True})["sessionId"]
            self.send("Page.enable", session=True)
            self._set_viewport(height)
        except BaseException:
            self.close()
            raise

    def __enter__(self) -> Chromium:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        if self._process.poll() is None:
            try:
                self._write({"id": 0, "method": "Browser.close"})
                self._process.wait(timeout=10)
            except (OSError, subprocess.TimeoutExpired):
                self._process.kill()
                self._process.wait()
        for fd in (self._commands, self._answers):
            with contextlib.suppress(OSError):
                os.close(fd)
        self._profile.cleanup()

    # the protocol

    def _write(self, message: dict[str, Any]) -> None:
        os.write(self._commands, json.dumps(message).encode() + b"\0")

    def _read(self, deadline: float) -> dict[str, Any]:
        while b"\0" not in self._buffer:
            left = deadline - time.monotonic()
            if left <= 0 or not select.select([self._answers], [], [], left)[0]:
                raise BrowserError("Chromium did not answer in time")
            chunk = os.read(self._answers, 1 << 20)
            if not chunk:
                raise BrowserError(f"Chromium exited (code {self._process.poll()})")
            self._buffer += chunk
        message, self._buffer = self._buffer.split(b"\0", 1)
        result: dict[str, Any] = json.loads(message)
        return result

    def send(self, method: str, params: dict[str, Any] | None = None, *, session: bool = False) -> dict[str, Any]:
        """Send one command; wait for its answer (keeping the events that arrive meanwhile)."""
        self._next_id += 1
        message: dict[str, Any] = {"id": self._next_id, "method": method, "params": params or {}}
        if session:
            message["sessionId"] = self._session
        self._write(message)
        deadline = time.monotonic() + TIMEOUT
        while True:
            answer = self._read(deadline)
            if answer.get("id") == self._next_id:
                if "error" in answer:
                    raise BrowserError(f"{method}: {answer['error'].get('message', answer['error'])}")
                result: dict[str, Any] = answer.get("result", {})
                return result
            if "method" in answer:
                self._events.append(answer)

    def _wait_for(self, event: str) -> None:
        deadline = time.monotonic() + TIMEOUT
        while True:
            for i, message in enumerate(self._events):
                if message["method"] == event and message.get("sessionId") == self._session:
                    del self._events[: i + 1]
                    return
            self._events.clear()
            answer = self._read(deadline)
            if "method" in answer:
                self._events.append(answer)

    def _set_viewport(self, height: int) -> None:
        metrics = {"width": self.width, "height": height, "deviceScaleFactor": 1, "mobile": False}
        self.send("Emulation.setDeviceMetricsOverride", metrics, session=True)

    # what the checks use

    def open(self, page: Path) -> None:
        """Load ``page`` and wait until it is laid out (its load event, then two frames)."""
        self._events.clear()
        answer = self.send("Page.navigate", {"url": page.as_uri()}, session=True)
        if answer.get("errorText"):
            raise BrowserError(f"cannot open {page}: {answer['errorText']}")
        self._wait_for("Page.loadEventFired")
        self.evaluate("new Promise(done => requestAnimationFrame(() => requestAnimationFrame(() => done(true))))")

    def evaluate(self, expression: str) -> Any:
        """The value of a JavaScript expression in the open page (a promise is awaited)."""
        params = {"expression": expression, "returnByValue": True, "awaitPromise": True}
        answer = self.send("Runtime.evaluate", params, session=True)
        if "exceptionDetails" in answer:
            details = answer["exceptionDetails"]
            raise BrowserError(f"JavaScript error: {details.get('exception', {}).get('description', details)}")
        return answer["result"].get("value")

    def screenshots(self, height: int, part: int = MAX_SHOT) -> list[bytes]:
        """PNG screenshots of the open page from top to ``height``, each at most ``part`` px tall."""
        shots = []
        for top in range(0, max(height, 1), part):
            clip = {"x": 0, "y": top, "width": self.width, "height": min(part, height - top), "scale": 1}
            params = {"format": "png", "clip": clip, "captureBeyondViewport": True}
            shots.append(base64.b64decode(self.send("Page.captureScreenshot", params, session=True)["data"]))
        return shots


# --- the checks in the browser -----------------------------------------------------------

#: Measures the open page: its size, and every element of the content column whose content
#: box (its padding is blank space) reaches past the column without a sideways-scrolling
#: container between them (the outermost one of each such nest, with its tag, classes,
#: start of text and width). It also lists the containers that do scroll sideways.
LAYOUT_SCRIPT = r"""
(() => {
  const doc = document.documentElement;
  const main = document.querySelector("article[role=main]") || document.querySelector("[role=main]") || document.body;
  const column = main.getBoundingClientRect();
  const scrollsSideways = el => ["auto", "scroll"].includes(getComputedStyle(el).overflowX);
  const name = el => el.tagName.toLowerCase() + (el.id ? "#" + el.id : "")
    + [...el.classList].slice(0, 3).map(c => "." + c).join("");
  const overflowing = [];
  const reported = new Set();
  for (const el of main.querySelectorAll("*")) {
    const rect = el.getBoundingClientRect();
    if (rect.width === 0 && rect.height === 0) continue;
    // the content box: padding is blank space (Furo pads headings into the column's margin)
    const style = getComputedStyle(el);
    const px = property => parseFloat(style[property]) || 0;
    const box = {
      left: rect.left + px("borderLeftWidth") + px("paddingLeft"),
      right: rect.right - px("borderRightWidth") - px("paddingRight"),
      width: rect.width,
    };
    if (box.right <= column.right + 1 && box.left >= column.left - 1) continue;
    let held = false;
    for (let up = el.parentElement; up && up !== main; up = up.parentElement) {
      if (reported.has(up)) { held = true; break; }
      if (scrollsSideways(up)) {
        const frame = up.getBoundingClientRect();
        held = frame.right <= column.right + 1 && frame.left >= column.left - 1;
        break;
      }
    }
    if (held) continue;
    reported.add(el);
    overflowing.push({
      element: name(el),
      text: (el.textContent || "").trim().replace(/\s+/g, " ").slice(0, 60),
      width: Math.round(box.width),
      left: Math.round(box.left - column.left),
      right: Math.round(box.right - column.right),
    });
  }
  const scrolled = [...main.querySelectorAll("*")]
    .filter(el => scrollsSideways(el) && el.scrollWidth > el.clientWidth + 1)
    .map(el => ({element: name(el), width: el.scrollWidth, shown: el.clientWidth}));
  return {
    title: document.title,
    viewport: doc.clientWidth,
    scrollWidth: doc.scrollWidth,
    height: Math.ceil(Math.max(doc.scrollHeight, document.body.scrollHeight)),
    column: Math.round(column.width),
    overflowing,
    scrolled,
  };
})()
"""


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


def _visible_text(dom: str) -> str:
    body = re.sub(r"(?is)<(script|style|svg)\b.*?</\1>", " ", dom)
    return re.sub(r"\s+", " ", re.sub(r"(?s)<[^>]+>", " ", body)).strip()


def check_content(expected: Expectation, dom: str) -> list[str]:
    """The problems of a rendered page that ``expected`` describes."""
    problems: list[str] = []
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
    return problems


def check_layout(name: str, layout: dict[str, Any]) -> list[str]:
    """The problems of a page measured by ``LAYOUT_SCRIPT``."""
    problems: list[str] = []
    if layout["scrollWidth"] > layout["viewport"]:
        problems.append(
            f"{name}: the page scrolls sideways: {layout['scrollWidth']} px wide in a {layout['viewport']} px viewport"
        )
    for item in layout["overflowing"]:
        where = f"{item['right']} px past its right edge" if item["right"] > 1 else f"{-item['left']} px past its left"
        problems.append(
            f"{name}: <{item['element']}> ({item['width']} px) reaches {where} of the {layout['column']} px "
            f"content column and does not scroll: {item['text']!r}"
        )
    return problems


def check_pages(root: Path, chromium: str, screenshots: Path, width: int = WIDTH) -> list[str]:
    """Open every page: screenshot it, check that it fits ``width``, and check the pages of ``EXPECTED``."""
    problems: list[str] = []
    expected = {e.page: e for e in EXPECTED}
    pages = sorted(root.rglob("*.html"))
    problems.extend(f"{page}: missing page" for page in expected if not (root / page).exists())
    for old in screenshots.rglob("*.png") if screenshots.is_dir() else ():  # those of an earlier run
        old.unlink()
    shots = 0
    scrolling: dict[str, list[dict[str, Any]]] = {}  # page: the blocks that scroll sideways (allowed)
    with Chromium(chromium, width=width) as browser:
        for path in pages:
            name = path.relative_to(root).as_posix()
            try:
                browser.open(path)
                layout = browser.evaluate(LAYOUT_SCRIPT)
                images = browser.screenshots(layout["height"])
                dom = browser.evaluate("document.documentElement.outerHTML") if name in expected else ""
            except BrowserError as error:
                problems.append(f"{name}: did not render: {error}")
                continue
            stem = screenshots / Path(name).with_suffix("")
            stem.parent.mkdir(parents=True, exist_ok=True)
            for i, image in enumerate(images, start=1):
                suffix = ".png" if len(images) == 1 else f".{i}.png"
                stem.with_name(stem.name + suffix).write_bytes(image)
            shots += len(images)
            problems.extend(check_layout(name, layout))
            if layout["scrolled"]:
                scrolling[name] = layout["scrolled"]
            if name in expected:
                problems.extend(check_content(expected[name], dom))
                text = _visible_text(dom)
                print(f"rendered {name}: {len(dom):,} bytes of DOM, {len(text):,} characters of text")
    print(f"opened {len(pages)} pages at {width} px; {shots} screenshots in {screenshots}")
    sources = [name for name in scrolling if name.startswith("_modules/")]
    for name, blocks in scrolling.items():
        if name not in sources:
            widest = max(blocks, key=lambda block: block["width"])
            print(
                f"  {name}: {len(blocks)} block(s) scroll sideways inside the page "
                f"(the widest: <{widest['element']}>, {widest['width']} px in {widest['shown']} px)"
            )
    if sources:
        print(f"  and the source listings of {len(sources)} modules (_modules/): lines longer than the column")
    return problems


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--html", type=Path, default=HERE / "_build" / "html", help="the built HTML (%(default)s)")
    parser.add_argument(
        "--screenshots", type=Path, default=HERE / "_build" / "screenshots", help="where to save them (%(default)s)"
    )
    parser.add_argument("--width", type=int, default=WIDTH, help="the viewport's width in px (%(default)s)")
    parser.add_argument("--chromium", default=shutil.which("chromium") or "/usr/bin/chromium")
    parser.add_argument("--no-browser", action="store_true", help="check the links only")
    args = parser.parse_args(argv)
    root: Path = args.html.resolve()
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
            try:
                problems.extend(check_pages(root, args.chromium, args.screenshots, args.width))
            except (BrowserError, OSError) as error:
                problems.append(f"the browser failed: {error}")
    for problem in problems:
        print("FAIL", problem, file=sys.stderr)
    print("site check:", "FAILED" if problems else "ok")
    return 1 if problems else 0


if __name__ == "__main__":
    raise SystemExit(main())
