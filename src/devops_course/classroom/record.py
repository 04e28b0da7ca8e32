"""What a learner's record in the browser is kept against: the course's catalog.

The web book keeps each learner's quiz answers, exercises marked done and the last
settings of each live model in the browser (``course-record.js``). Every quiz
question and exercise carries a *version*, a digest of its content, so that an
answer given to an edited question is never shown as right. :func:`catalog` lists
them per chapter; the book writes it into its pages, and the "내 학습 기록" and
"반 결과 모아 보기" pages read records against it.
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

from ..interactives import registry
from .checks import CHECKS, page_checks
from .guide import CHAPTERS, EXERCISE, ROLE, _markdown_cells, chapter_title
from .quiz import CHOICE_MARKS, load

FORMAT = "devops-course-record"
FORMAT_VERSION = 1


def version_of(content) -> str:
    """A short digest of ``content`` (any JSON value): it changes when the content does."""
    text = json.dumps(content, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:10]


def _question(question: dict) -> dict:
    entry = {"v": version_of(question), "text": question["question"], "type": question["type"]}
    if question["type"] != "numeric":
        entry["choices"] = [
            f"{mark}. {answer['answer']}" for mark, answer in zip(CHOICE_MARKS, question["answers"])
        ]
    return entry


def _exercises(book: Path, chapter: str, number: int) -> list[dict]:
    text = "\n".join(_markdown_cells(book, chapter))
    checks = page_checks()["checks"]
    entries = []
    for ordinal, match in enumerate(EXERCISE.finditer(text), start=1):
        question = " ".join(match["question"].split())
        first_sentence = ROLE.sub(r"\1", question).split("**웹 책에서:**")[0].strip()
        entries.append(
            {
                "label": match["label"],
                # a new question or a new answer: an old result is not shown as right
                "v": version_of([question, checks.get(match["label"])]),
                "title": f"연습 {number}.{ordinal}",
                "text": first_sentence.replace("**", ""),
                "checked": match["label"] in CHECKS,  # else marked done by the learner
            }
        )
    return entries


def catalog(book: Path) -> dict:
    """Every chapter's page, title, quiz questions and exercises, with their versions."""
    chapters = []
    for number, (chapter, page) in enumerate(CHAPTERS.items(), start=1):
        chapters.append(
            {
                "page": page,
                "title": chapter_title(book, chapter),
                "quiz": chapter,
                "questions": [_question(question) for question in load(chapter)],
                "exercises": _exercises(book, chapter, number),
            }
        )
    tools = {name: module.TITLE for name, module in registry().items()}
    return {"format": FORMAT, "version": FORMAT_VERSION, "chapters": chapters, "tools": tools}


def page_catalog(book_catalog: dict, page: str) -> dict | None:
    """What a chapter page needs to keep its record: the versions of its questions and
    exercises, and its exercises' checks (:func:`~devops_course.classroom.checks.page_checks`)."""
    every = page_checks()
    for chapter in book_catalog["chapters"]:
        if chapter["page"] == page:
            labels = [e["label"] for e in chapter["exercises"]]
            return {
                "page": page,
                "quiz": chapter["quiz"],
                "questions": [question["v"] for question in chapter["questions"]],
                "exercises": {e["label"]: e["v"] for e in chapter["exercises"]},
                "checks": {k: v for k, v in every["checks"].items() if k in labels},
                "self": {k: v for k, v in every["self"].items() if k in labels},
                "rules": every["rules"],
            }
    return None
