"""The built book on a local web server, as the browser tests and the bench use it.

* :func:`serve` serves a folder on 127.0.0.1 and counts the bytes it sends, as
  sent and as a web server that compresses with gzip would send them; with
  ``compress=True`` it sends them compressed, as such a server does (Lighthouse);
* :func:`keep_offline` lets a browser page or context reach only that server;
* :data:`SCROLL_PAST_FIGURES` passes by every figure of a page (or steps through
  a slide deck), so that every figure, drawn only when it comes near, is drawn.
"""

from __future__ import annotations

import functools
import gzip
import http.server
import io
import os
import threading

# JupyterLite's kernel runs in a module worker: .mjs must be served as JavaScript,
# and Pyodide's .wasm as WebAssembly (Python 3.11's tables know neither for sure).
MIME_TYPES = {".mjs": "text/javascript", ".js": "text/javascript", ".wasm": "application/wasm"}


class _Handler(http.server.SimpleHTTPRequestHandler):
    extensions_map = {**http.server.SimpleHTTPRequestHandler.extensions_map, **MIME_TYPES}

    def copyfile(self, source, outputfile) -> None:
        # Count what the server sends: the page's own counters miss worker requests.
        self.server.bytes_sent += os.fstat(source.fileno()).st_size
        self.server.gzip_bytes_sent += gzip_size(self.translate_path(self.path))
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
        with open(path, "rb") as file:
            data = gzip.compress(file.read(), compresslevel=6)
        self.send_response(200)
        self.send_header("Content-Type", self.guess_type(path))
        self.send_header("Content-Encoding", "gzip")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        return io.BytesIO(data)

    def copyfile(self, source, outputfile) -> None:
        # No byte counting here: the compressed body is not a file.
        http.server.SimpleHTTPRequestHandler.copyfile(self, source, outputfile)


class Server(http.server.ThreadingHTTPServer):
    """A local static server that counts the bytes of the files it sends, as sent
    and as a web server that compresses with gzip would send them."""

    bytes_sent = 0
    gzip_bytes_sent = 0


@functools.lru_cache(maxsize=None)
def gzip_size(path: str) -> int:
    """The size of a file compressed with gzip at level 6 (a web server's default)."""
    with open(path, "rb") as file:
        return len(gzip.compress(file.read(), compresslevel=6))


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
