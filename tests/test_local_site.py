"""The project's own web server (tools/local_site.py, `make serve`) sends the cache
headers the README asks a host for: a browser keeps what has not changed and gets
again what a rebuild changed, even when the builder dates files 1985."""

from __future__ import annotations

import os
import urllib.error
import urllib.request

import pytest
from local_site import serve

DATED_1985 = 499_162_500  # 26 Oct 1985, the date `jupyter lite build` gives its files


def get(url: str, **headers) -> tuple[int, dict, bytes]:
    request = urllib.request.Request(url, headers=headers)
    try:
        with urllib.request.urlopen(request) as response:
            return response.status, dict(response.headers), response.read()
    except urllib.error.HTTPError as error:
        return error.code, dict(error.headers), b""


@pytest.mark.parametrize("compress", [False, True], ids=["plain", "gzip"])
def test_a_rebuilt_file_dated_1985_is_sent_again_and_an_unchanged_one_is_not(tmp_path, compress):
    page = tmp_path / "jupyter-lite.json"
    page.write_text('{"appName": "old"}')
    os.utime(page, (DATED_1985, DATED_1985))
    server, url = serve(str(tmp_path), compress=compress)
    try:
        encoding = {"Accept-Encoding": "gzip"} if compress else {}
        status, headers, _ = get(f"{url}/jupyter-lite.json", **encoding)
        assert status == 200 and headers["Cache-Control"] == "no-cache"
        tag, date = headers["ETag"], headers.get("Last-Modified", "Sat, 26 Oct 1985 08:15:00 GMT")
        again = {"If-None-Match": tag, "If-Modified-Since": date, **encoding}
        assert get(f"{url}/jupyter-lite.json", **again)[0] == 304

        page.write_text('{"appName": "new"}')  # same size, same date
        os.utime(page, (DATED_1985, DATED_1985))
        status, headers, body = get(f"{url}/jupyter-lite.json", **again)
        assert status == 200 and headers["ETag"] != tag
        if not compress:
            assert body == b'{"appName": "new"}'
    finally:
        server.shutdown()
