"""Material for the instructor guide, read from the chapters themselves.

The guide shows each chapter's learning objectives, its planned time, and the
answers to its exercises and quiz. All of it is taken from the chapter notebooks,
the session plans and the quiz files, so the guide never disagrees with them.
"""

from __future__ import annotations

import re
from pathlib import Path

import nbformat

from . import session_clock
from .quiz import answer_key

CHAPTERS = {
    "ch1": "ch1_definition",
    "ch2": "ch2_practices",
    "ch3": "ch3_systems_thinking",
    "ch4": "ch4_real_stories",
    "ch5": "ch5_case_workshop",
}
PLANS = {"ch1": "ch1", "ch2": "ch2", "ch3": "ch3", "ch4": "ch4", "ch5": "session7"}
# A MyST role such as {term}`인계 <Handoff>` or {ref}`참고 자료 <ch2-references>`; group 1 is
# the text a reader sees. The slides (devops_course.book.slides) use it too.
ROLE = re.compile(r"\{(?:term|doc|ref|numref|download)\}`([^`<]*?)(?:\s*<[^>]*>)?`")
EXERCISE = re.compile(
    r"::::\{exercise\}\n:label: (?P<label>[\w-]+)\n\n(?P<question>.*?)\n::::", re.S
)
SOLUTION = re.compile(
    r"::::\{solution\} (?P<label>[\w-]+)\n(?::class: \w+\n)?\n(?P<answer>.*?)\n::::", re.S
)


def _markdown_cells(book: Path, chapter: str) -> list[str]:
    notebook = nbformat.read(book / f"{CHAPTERS[chapter]}.ipynb", as_version=4)
    return [cell.source for cell in notebook.cells if cell.cell_type == "markdown"]


def chapter_title(book: Path, chapter: str) -> str:
    """The chapter notebook's first-level heading."""
    for text in _markdown_cells(book, chapter):
        match = re.search(r"^# (.+)$", text, re.M)
        if match:
            return match.group(1).strip()
    raise ValueError(f"{chapter} has no title")


def objectives(book: Path, chapter: str) -> list[str]:
    """The learning objectives listed in the chapter's 학습 목표 box."""
    for text in _markdown_cells(book, chapter):
        if "학습 목표" in text:
            box = text.split("학습 목표", 1)[1].split(":::", 1)[0]
            items = re.findall(r"^\s*(?:\d+\.|-)\s+(.+)$", box, re.M)
            return [ROLE.sub(r"\1", item).strip() for item in items]
    return []


def course_plan(book: Path) -> str:
    """Markdown: each chapter with its planned minutes, then its objectives as a list.

    A list rather than a table, so the long objectives read well on paper too.
    """
    parts = []
    for number, chapter in enumerate(CHAPTERS, start=1):
        _, segments = session_clock.load_plan(PLANS[chapter])
        minutes = sum(s.minutes for s in segments)
        goals = "\n".join(f"- {goal}" for goal in objectives(book, chapter))
        parts.append(f"**{number}. {chapter_title(book, chapter)}** ({minutes:g}분)\n\n{goals}")
    return "\n\n".join(parts)


def exercise_answers(book: Path, chapter: str) -> str:
    """Every exercise of the chapter with its solution, as Markdown."""
    text = "\n".join(_markdown_cells(book, chapter))
    solutions = {m["label"]: m["answer"].strip() for m in SOLUTION.finditer(text)}
    lines = []
    for number, match in enumerate(EXERCISE.finditer(text), start=1):
        question = ROLE.sub(r"\1", " ".join(match["question"].split()))
        answer = ROLE.sub(r"\1", " ".join(solutions.get(match["label"], "").split()))
        lines.append(f"{number}. {question}\n\n   **답**: {answer}\n")
    return "\n".join(lines)


def answers(book: Path, chapter: str) -> str:
    """Exercise solutions and the quiz answer key of one chapter."""
    return (
        f"**연습 문제**\n\n{exercise_answers(book, chapter)}\n\n"
        f"**퀴즈 정답**\n\n{answer_key(chapter)}\n"
    )
