"""The catalog a learner's record is kept against (devops_course.classroom.record)."""

import copy
import json
from pathlib import Path

from devops_course.classroom import guide
from devops_course.classroom.quiz import load
from devops_course.classroom.record import catalog, page_catalog, version_of

BOOK = Path(__file__).resolve().parents[1] / "book"


def test_every_chapter_lists_its_quiz_and_its_exercises():
    chapters = catalog(BOOK)["chapters"]
    assert [c["page"] for c in chapters] == list(guide.CHAPTERS.values())
    for chapter in chapters:
        assert len(chapter["questions"]) == len(load(chapter["quiz"]))
        labels = [e["label"] for e in chapter["exercises"]]
        assert labels and len(set(labels)) == len(labels)
        text = (BOOK / f"{chapter['page']}.ipynb").read_text(encoding="utf-8")
        assert all(f":label: {label}" in text for label in labels)
        for question in chapter["questions"]:
            assert ("choices" in question) == (question["type"] != "numeric")


def test_a_version_changes_with_its_content_and_only_then():
    question = load("ch1")[0]
    edited = copy.deepcopy(question)
    edited["answers"][0]["correct"] = False
    assert version_of(question) == version_of(copy.deepcopy(question))
    assert version_of(question) != version_of(edited)
    assert len({q["v"] for q in catalog(BOOK)["chapters"][0]["questions"]}) == len(load("ch1"))


def test_a_chapter_page_carries_versions_only():
    book = catalog(BOOK)
    page = page_catalog(book, "ch2_practices")
    assert page["questions"] == [q["v"] for q in book["chapters"][1]["questions"]]
    assert set(page["exercises"]) == {e["label"] for e in book["chapters"][1]["exercises"]}
    assert "answers" not in json.dumps(page) and "text" not in page
    assert page_catalog(book, "glossary") is None


def test_the_catalog_names_every_tool_and_keeps_no_answer():
    book = catalog(BOOK)
    assert set(book["tools"]) >= {"handoff", "error_budget", "roadmap"}
    # the record and tally pages carry the catalog: it must not give answers away
    assert '"correct"' not in json.dumps(book) and '"feedback"' not in json.dumps(book)
