"""A headless Chromium driven over the DevTools protocol, on a pipe: no network, no Node.

The report's browser test opens pages with it; run as a script, it renders the report of
one sample article and writes the screenshot the README shows:

    .venv/bin/python tests/browser.py samples/NAME.txt docs/report-NAME.png
"""

from __future__ import annotations

import json
import os
import select
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

BROWSERS = ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable")
FLAGS = (
    "--headless",
    "--no-sandbox",  # CI runs as root, where Chromium's sandbox refuses to start
    "--disable-gpu",
    "--disable-dev-shm-usage",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-default-apps",
    "--disable-extensions",
    "--disable-sync",
    "--no-first-run",
    "--mute-audio",
    "--hide-scrollbars",
    "--host-resolver-rules=MAP * ~NOTFOUND",  # a page that tried the network would fail loudly
    "--remote-debugging-pipe",
)


def find_browser() -> str | None:
    """Chromium's executable: $NEWSFACTS_BROWSER, else the first of BROWSERS on PATH."""
    named = os.environ.get("NEWSFACTS_BROWSER")
    if named:
        return shutil.which(named)
    return next((path for path in map(shutil.which, BROWSERS) if path), None)


class BrowserError(RuntimeError):
    pass


class Browser:
    """One headless Chromium; ``open`` gives pages. Use as a context manager."""

    def __init__(self, executable: str, *, timeout: float = 20.0) -> None:
        self.timeout = timeout
        self._profile = tempfile.mkdtemp(prefix="newsfacts-chromium-")
        commands_read, self._commands = os.pipe()
        self._replies, replies_write = os.pipe()

        def on_fds_3_and_4() -> None:  # Chromium reads commands on fd 3 and answers on fd 4
            read, write = os.dup(commands_read), os.dup(replies_write)
            os.dup2(read, 3)
            os.dup2(write, 4)

        self.process = subprocess.Popen(
            [executable, *FLAGS, f"--user-data-dir={self._profile}", "about:blank"],
            pass_fds=(3, 4),
            preexec_fn=on_fds_3_and_4,
            stdin=subprocess.DEVNULL,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        os.close(commands_read)
        os.close(replies_write)
        self._buffer = b""
        self._next_id = 0
        self.events: list[dict[str, Any]] = []

    def __enter__(self) -> Browser:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        try:
            self.call("Browser.close", timeout=5)
        except (BrowserError, OSError):
            pass
        try:
            self.process.wait(timeout=5)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait(timeout=5)
        for fd in (self._commands, self._replies):
            try:
                os.close(fd)
            except OSError:
                pass
        shutil.rmtree(self._profile, ignore_errors=True)

    def call(
        self,
        method: str,
        params: dict[str, Any] | None = None,
        *,
        session: str | None = None,
        timeout: float | None = None,
    ) -> dict[str, Any]:
        """Send one command and wait for its answer; events that arrive meanwhile are kept."""
        self._next_id += 1
        message: dict[str, Any] = {"id": self._next_id, "method": method, "params": params or {}}
        if session:
            message["sessionId"] = session
        os.write(self._commands, json.dumps(message).encode() + b"\0")
        reply = self._wait(lambda m: m.get("id") == message["id"], timeout or self.timeout, f"answer to {method}")
        if "error" in reply:
            raise BrowserError(f"{method}: {reply['error']}")
        return reply.get("result", {})

    def wait_event(self, method: str, session: str, timeout: float | None = None) -> dict[str, Any]:
        for event in self.events:
            if event.get("method") == method and event.get("sessionId") == session:
                self.events.remove(event)
                return event
        return self._wait(
            lambda m: m.get("method") == method and m.get("sessionId") == session, timeout or self.timeout, method
        )

    def _wait(self, wanted: Any, timeout: float, what: str) -> dict[str, Any]:
        deadline = time.monotonic() + timeout
        while True:
            while b"\0" in self._buffer:
                raw, self._buffer = self._buffer.split(b"\0", 1)
                message = json.loads(raw)
                if wanted(message):
                    return message
                self.events.append(message)
            left = deadline - time.monotonic()
            if left <= 0 or not select.select([self._replies], [], [], left)[0]:
                raise BrowserError(f"no {what} from Chromium within {timeout:g} s")
            chunk = os.read(self._replies, 1 << 20)
            if not chunk:
                raise BrowserError(f"Chromium closed the pipe while waiting for {what}")
            self._buffer += chunk

    def open(self, url: str, *, width: int = 1280, height: int = 900) -> Page:
        """A new tab at ``url``, loaded, its console watched from the start."""
        target = self.call("Target.createTarget", {"url": "about:blank"})["targetId"]
        session = self.call("Target.attachToTarget", {"targetId": target, "flatten": True})["sessionId"]
        for domain in ("Page", "Runtime", "Log"):
            self.call(f"{domain}.enable", session=session)
        page = Page(self, session)
        page.resize(width, height)
        self.call("Page.navigate", {"url": url}, session=session)
        self.wait_event("Page.loadEventFired", session)
        return page


class Page:
    """A loaded tab: evaluate JavaScript, hover, take screenshots, read console problems."""

    def __init__(self, browser: Browser, session: str) -> None:
        self.browser = browser
        self.session = session

    def call(self, method: str, params: dict[str, Any] | None = None) -> dict[str, Any]:
        return self.browser.call(method, params, session=self.session)

    def evaluate(self, expression: str) -> Any:
        """The JSON value of a JavaScript expression in the page."""
        result = self.call("Runtime.evaluate", {"expression": expression, "returnByValue": True})
        if "exceptionDetails" in result:
            raise BrowserError(f"{expression!r} threw: {result['exceptionDetails'].get('text')}")
        return result["result"].get("value")

    def problems(self) -> list[str]:
        """Console errors and warnings, uncaught exceptions and browser log errors (a blocked
        load, a Content-Security-Policy violation) that this page produced so far."""
        self.evaluate("0")  # flush events that are on their way
        found = []
        for event in self.browser.events:
            if event.get("sessionId") != self.session:
                continue
            method, params = event.get("method"), event.get("params", {})
            if method == "Runtime.exceptionThrown":
                details = params["exceptionDetails"]
                found.append(f"exception: {details.get('exception', {}).get('description') or details.get('text')}")
            elif method == "Runtime.consoleAPICalled" and params.get("type") in ("error", "assert", "warning"):
                found.append(f"console.{params['type']}: " + " ".join(str(a.get("value")) for a in params["args"]))
            elif method == "Log.entryAdded" and params["entry"].get("level") in ("error", "warning"):
                found.append(f"log {params['entry']['level']}: {params['entry'].get('text')}")
        return found

    def resize(self, width: int, height: int) -> None:
        self.call(
            "Emulation.setDeviceMetricsOverride",
            {"width": width, "height": height, "deviceScaleFactor": 1, "mobile": False},
        )

    def hover(self, selector: str, *, in_view: bool = False) -> bool:
        """Move the mouse to the first element that matches ``selector`` (scrolled into view),
        or with ``in_view`` to the first one already on screen; False if there is none."""
        find = (
            "[...document.querySelectorAll(SEL)].find(e => { const r = e.getClientRects()[0];"
            " return r && r.top >= 0 && r.bottom <= innerHeight; })"
            if in_view
            else "document.querySelector(SEL)"
        ).replace("SEL", json.dumps(selector))
        scroll = "" if in_view else " el.scrollIntoView({block: 'center'});"
        box = self.evaluate(
            f"(() => {{ const el = {find}; if (!el) return null;{scroll}"
            " const r = el.getClientRects()[0];"
            " return [r.left + Math.min(r.width, 40) / 2, r.top + r.height / 2]; })()"
        )
        if box is None:
            return False
        self.call("Input.dispatchMouseEvent", {"type": "mouseMoved", "x": box[0], "y": box[1]})
        return True

    def screenshot(self, path: Path) -> None:
        """A PNG of the viewport."""
        import base64

        data = self.call("Page.captureScreenshot", {"format": "png"})["data"]
        path.write_bytes(base64.b64decode(data))


def main(argv: list[str]) -> int:
    """Write the screenshot of one article's report: ``browser.py ARTICLE PNG``."""
    if len(argv) != 2:
        print(__doc__, file=sys.stderr)
        return 2
    from extract.report import load_report_input, render_report

    article, png = argv
    executable = find_browser()
    if executable is None:
        print("no Chromium found: apt-get install chromium", file=sys.stderr)
        return 1
    loaded = load_report_input([article])
    if len(loaded.items) != 1:
        print(f"{article}: expected one article, got {len(loaded.items)}", file=sys.stderr)
        return 1
    with tempfile.TemporaryDirectory() as folder, Browser(executable) as browser:
        page_path = Path(folder) / "report.html"
        page_path.write_text(render_report(loaded.items), encoding="utf-8")
        page = browser.open(page_path.as_uri(), width=1280, height=1000)
        # Point at a speaker (or else a person, or else any fact) so the side panel shows details.
        for selector in ("mark.PERSON:not(.coref) mark.speaker", "mark.speaker", "mark.PERSON", "mark.f"):
            if page.hover(selector, in_view=True):
                break
        page.screenshot(Path(png))
        problems = page.problems()
    for problem in problems:
        print(problem, file=sys.stderr)
    print(f"wrote {png}", file=sys.stderr)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
