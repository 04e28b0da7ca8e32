"""Sphinx feature: the learner's record, kept in the browser and nowhere else.

Every page gets ``course-record.js``: on a chapter it keeps the quiz answers, the
exercises marked done and the last settings of each live model in the browser's
``localStorage``, and shows them again after a reload. A chapter page carries the
versions of its questions and exercises (:func:`~devops_course.classroom.record.page_catalog`);
the pages "내 학습 기록" (``book/record``) and "반 결과 모아 보기" (``book/tally``)
carry the whole catalog and their own script.
"""

from __future__ import annotations

import json
from pathlib import Path

from sphinx.application import Sphinx

from ..classroom.record import catalog, page_catalog

# The pages with a script of their own, which read records against the catalog.
RECORD_PAGES = {"book/record": "course-record-page.js", "book/tally": "course-tally.js"}


def _inline(name: str, value) -> str:
    text = json.dumps(value, ensure_ascii=False, separators=(",", ":")).replace("</", "<\\/")
    return f"window.{name}={text};"


def _read_catalog(app: Sphinx) -> None:
    app.config.course_catalog = catalog(Path(app.srcdir) / "book")


def _add_record_scripts(app: Sphinx, pagename, templatename, context, doctree) -> None:
    if app.builder.format != "html" or doctree is None:
        return
    book_catalog = app.config.course_catalog
    page = page_catalog(book_catalog, pagename.rsplit("/", 1)[-1])
    if page:
        app.add_js_file(None, priority=590, body=_inline("courseRecordPage", page))
    if pagename in RECORD_PAGES:
        app.add_js_file(None, priority=590, body=_inline("courseCatalog", book_catalog))
        app.add_js_file(RECORD_PAGES[pagename], priority=640, defer="defer")


def setup(app: Sphinx) -> dict:
    """Add the record's scripts; read the catalog from the chapters once per build."""
    app.add_config_value("course_catalog", {"chapters": []}, "")
    app.connect("builder-inited", _read_catalog)
    app.connect("html-page-context", _add_record_scripts)
    # before course-live.js (620), which keeps its settings through it
    app.add_js_file("course-record.js", priority=600, defer="defer")
    return {"version": "1", "parallel_read_safe": True, "parallel_write_safe": True}
