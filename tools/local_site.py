"""The built book on a local web server, as the browser tests and the bench use it.

* :func:`serve` serves a folder on 127.0.0.1 and counts the bytes it sends, as
  sent and as a web server that compresses with gzip would send them; with
  ``compress=True`` it sends them compressed, as such a server does (Lighthouse);
* every file goes out with the cache headers a host of the book should send
  (README, "호스팅"): ``Cache-Control: no-cache`` and an ``ETag`` of its content, so a
  browser keeps each file and asks before reusing it; an unchanged file costs a 304,
  a rebuilt one is sent again. ``Last-Modified`` alone is not enough: the lab's
  builder dates hundreds of its files 1985, so a browser would keep an old
  ``jupyter-lite.json`` for years after a rebuild;
* ``python tools/local_site.py [PORT]`` (``make serve``) serves the built book so;
* :func:`keep_offline` lets a browser page or context reach only that server;
* :data:`SCROLL_PAST_FIGURES` passes by every figure of a page (or steps through
  a slide deck), so that every figure, drawn only when it comes near, is drawn.
"""

from __future__ import annotations

import functools
import gzip
import hashlib
import http.server
import io
import os
import sys
import threading
from pathlib import Path

# JupyterLite's kernel runs in a module worker: .mjs must be served as JavaScript,
# and Pyodide's .wasm as WebAssembly (Python 3.11's tables know neither for sure).
MIME_TYPES = {".mjs": "text/javascript", ".js": "text/javascript", ".wasm": "application/wasm"}


class _Handler(http.server.SimpleHTTPRequestHandler):
    extensions_map = {**http.server.SimpleHTTPRequestHandler.extensions_map, **MIME_TYPES}
    # Chromium ignores the ETag of an HTTP/1.0 response.
    protocol_version = "HTTP/1.1"
    etag: str | None = None

    def send_head(self):
        path = self.translate_path(self.path)
        if os.path.isdir(path) and self.path.split("?")[0].endswith("/"):
            path = os.path.join(path, "index.html")
        self.etag = content_tag(path) if os.path.isfile(path) else None
        # Validate by content only: dates say nothing about files dated 1985.
        del self.headers["If-Modified-Since"]
        if self.not_modified():
            return None
        return super().send_head()

    def not_modified(self) -> bool:
        """Answer 304 when the browser already holds this content; say whether it did."""
        if not self.etag or self.etag not in self.headers.get("If-None-Match", ""):
            return False
        self.send_response(304)
        self.end_headers()
        return True

    def end_headers(self) -> None:
        if self.etag:
            self.send_header("ETag", self.etag)
            self.send_header("Cache-Control", "no-cache")
            self.send_header("Vary", "Accept-Encoding")
        super().end_headers()

    def copyfile(self, source, outputfile) -> None:
        # Count what the server sends: the page's own counters miss worker requests.
        size = os.fstat(source.fileno()).st_size
        self.server.count(size, gzip_size(self.translate_path(self.path)))
        super().copyfile(source, outputfile)

    def log_message(self, *args) -> None:
        pass


class _GzipHandler(_Handler):
    """Sends files gzip-compressed (level 6) to clients that accept it."""

    def send_head(self):
        path = self.translate_path(self.path)
        if os.path.isdir(path):
            path = os.path.join(path, "index.html")
        if not os.path.isfile(path) or "gzip" not in self.headers.get("Accept-Encoding", ""):
            return super().send_head()
        self.etag = content_tag(path)[:-1] + '-gzip"'
        if self.not_modified():
            return None
        data = gzipped(path, *file_state(path))
        self.sizes = (os.path.getsize(path), len(data))
        self.send_response(200)
        self.send_header("Content-Type", self.guess_type(path))
        self.send_header("Content-Encoding", "gzip")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        return io.BytesIO(data)

    def copyfile(self, source, outputfile) -> None:
        if isinstance(source, io.BytesIO):  # the compressed body: count what send_head saw
            self.server.count(*self.sizes)
            http.server.SimpleHTTPRequestHandler.copyfile(self, source, outputfile)
        else:
            super().copyfile(source, outputfile)


class Server(http.server.ThreadingHTTPServer):
    """A local static server that counts the bytes of the files it sends, as sent
    and as a web server that compresses with gzip would send them."""

    bytes_sent = 0
    gzip_bytes_sent = 0

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._counting = threading.Lock()

    def count(self, size: int, gzip_size: int) -> None:
        """Add one file to the counts (requests are served on many threads)."""
        with self._counting:
            self.bytes_sent += size
            self.gzip_bytes_sent += gzip_size


def file_state(path: str) -> tuple[int, int]:
    """What changes whenever a file is written: its size and status-change time
    (unlike the modification time, no builder can set that one back)."""
    status = os.stat(path)
    return status.st_size, status.st_ctime_ns


def content_tag(path: str) -> str:
    """An ``ETag`` for the file's current content."""
    return _content_tag(path, *file_state(path))


@functools.lru_cache(maxsize=4096)
def _content_tag(path: str, size: int, changed_ns: int) -> str:
    with open(path, "rb") as file:
        return '"' + hashlib.sha256(file.read()).hexdigest()[:32] + '"'


@functools.lru_cache(maxsize=64)
def gzipped(path: str, size: int, changed_ns: int) -> bytes:
    """The file compressed with gzip at level 6 (a web server's default)."""
    with open(path, "rb") as file:
        return gzip.compress(file.read(), compresslevel=6)


def gzip_size(path: str) -> int:
    """The size of a file compressed with gzip at level 6."""
    return _gzip_size(path, *file_state(path))


@functools.lru_cache(maxsize=None)
def _gzip_size(path: str, size: int, changed_ns: int) -> int:
    return len(gzipped(path, size, changed_ns))


def serve(directory: str, compress: bool = False) -> tuple[Server, str]:
    """Serve ``directory`` on a free port of 127.0.0.1; return the server and its URL.
    With ``compress``, files go out gzip-compressed to clients that accept it."""
    handler = _GzipHandler if compress else _Handler
    server = Server(("127.0.0.1", 0), functools.partial(handler, directory=directory))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server, f"http://127.0.0.1:{server.server_address[1]}"


# Tests check what a page settles into, never a frame in between: a colour read while
# a `transition: all` runs after the theme flips is neither the old nor the new one.
STILL_CSS = (
    "*,*::before,*::after{transition:none!important;animation:none!important;"
    "scroll-behavior:auto!important}"
)
STILL_SCRIPT = f"""(() => {{
  const add = () => {{
    const style = document.createElement("style");
    style.dataset.courseTest = "still";
    style.textContent = {STILL_CSS!r};
    (document.head || document.documentElement).appendChild(style);
  }};
  if (document.documentElement) add();
  else document.addEventListener("DOMContentLoaded", add, {{ once: true }});
}})();"""


def still_context(browser, **options):
    """A browser context for tests: reduced motion, and no CSS transition or animation."""
    context = browser.new_context(reduced_motion="reduce", **options)
    context.add_init_script(STILL_SCRIPT)
    return context


def keep_offline(target, site_url: str, blocked: list[str]) -> None:
    """Let a Playwright page or context reach only ``site_url``: every other request
    is aborted and its URL appended to ``blocked``."""

    def route(request_route) -> None:
        if request_route.request.url.startswith(site_url):
            request_route.continue_()
        else:
            blocked.append(request_route.request.url)
            request_route.abort()

    target.route("**/*", route)


# Figures are drawn when they come near the viewport: a test passes by each one,
# as a reader scrolls (or, in a slide deck, steps through the slides).
SCROLL_PAST_FIGURES = """async () => {
  const pause = () => new Promise(resolve => setTimeout(resolve, 50));
  if (window.Reveal) {
    for (let i = 0; i < Reveal.getTotalSlides(); i++) { Reveal.next(); await pause(); }
    Reveal.slide(0);
    return;
  }
  // Stay by each figure until it is drawn: on a busy machine a quick scroll can
  // leave before the page notices the figure, as a reader flicking past would.
  for (const graph of document.querySelectorAll('.course-plotly-graph')) {
    graph.scrollIntoView();
    for (let waited = 0; graph.dataset.drawn !== 'true' && waited < 15000; waited += 50) {
      await pause();
    }
  }
  window.scrollTo(0, 0);
}"""


def main(arguments: list[str]) -> None:
    """Serve the built book (gzip, cache headers) until interrupted."""
    port = int(arguments[0]) if arguments else 8000
    site = Path(__file__).resolve().parents[1] / "_build" / "html"
    handler = functools.partial(_GzipHandler, directory=str(site))
    server = Server(("127.0.0.1", port), handler)
    print(f"http://127.0.0.1:{port}/ 에서 책을 엽니다 (멈추려면 Ctrl+C).")
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass


if __name__ == "__main__":
    main(sys.argv[1:])
