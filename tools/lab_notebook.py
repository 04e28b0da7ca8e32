"""How a chapter notebook reads in the in-browser lab.

The lab renders Markdown with jupyterlab-myst, which speaks English where the book
speaks Korean: a ``{note}`` is titled "Note", an ``{exercise}`` "Exercise 4" and its
``{solution}`` "Solution to Exercise 4". The book (Sphinx) titles them 참고,
연습 1.4 and 해답 연습 1.4. So the lab's copy of each chapter gets:

* those three directives rewritten as MyST admonitions with the book's Korean
  titles (a solution stays folded: ``:class: dropdown``);
* links to book pages the lab does not serve (the introduction) named as the web
  book's pages, not left as links that open nothing;
* the set-up cell (install lines for Colab and the lab) folded, so the chapter opens
  on its prose; one click on the fold shows it;
* no outputs (the lab runs the chapter).

`tools/build_lite.py` writes the copies; the book's notebooks stay as they are.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

# A MyST directive's opening fence, its name and its argument, on one line.
FENCE = re.compile(r"^(?P<fence>:{3,}|`{3,})\{(?P<name>note|exercise|solution)\}(?P<argument>.*)$")
OPTION = re.compile(r"^:(?P<key>[\w-]+):\s*(?P<value>.*)$")
PAGE_LINK = re.compile(r"\[(?P<text>[^\]]+)\]\((?P<page>[\w-]+\.md)(?:#[^)]*)?\)")
SETUP_MARK = "# 실행 환경 준비"


def chapter_number(path: Path) -> int:
    """The chapter's number from its file name (``ch3_...`` → 3)."""
    return int(re.match(r"ch(\d+)_", path.name).group(1))


def exercise_titles(cells: list[dict], chapter: int) -> dict[str, str]:
    """Each exercise's label and its book title, numbered in order (연습 1.1, 1.2...)."""
    titles, lines = {}, [line for cell in markdown_cells(cells) for line in cell.splitlines()]
    for number, index in enumerate(
        (i for i, line in enumerate(lines) if directive(line) == "exercise"), start=1
    ):
        label = dict(options(lines[index + 1 :])).get("label")
        if label is None:
            raise ValueError(f"chapter {chapter}, exercise {number} has no :label:")
        titles[label] = f"연습 {chapter}.{number}"
    return titles


def markdown_cells(cells: list[dict]) -> list[str]:
    return [source(cell) for cell in cells if cell["cell_type"] == "markdown"]


def source(cell: dict) -> str:
    text = cell["source"]
    return text if isinstance(text, str) else "".join(text)


def directive(line: str) -> str | None:
    match = FENCE.match(line)
    return match.group("name") if match else None


def options(lines: list[str]) -> list[tuple[str, str]]:
    """The ``:key: value`` lines that open a directive's body."""
    found = []
    for line in lines:
        match = OPTION.match(line)
        if not match:
            break
        found.append((match.group("key"), match.group("value").strip()))
    return found


def korean_directives(text: str, titles: dict[str, str]) -> str:
    """``text`` with its notes, exercises and solutions as admonitions titled in Korean."""
    lines, out, i = text.splitlines(), [], 0
    while i < len(lines):
        match = FENCE.match(lines[i])
        if not match:
            out.append(lines[i])
            i += 1
            continue
        given = options(lines[i + 1 :])
        i += 1 + len(given)
        name, argument = match.group("name"), match.group("argument").strip()
        settings = dict(given)
        if name == "note":
            title, css = "참고", "note"
        elif name == "exercise":
            title, css = titles[settings["label"]], "tip"
        else:
            title, css = f"해답 {titles[argument]}", "dropdown"
        out += [f"{match.group('fence')}{{admonition}} {title}", f":class: {css}"]
    return "\n".join(out) + ("\n" if text.endswith("\n") else "")


def unserved_links(text: str, served: tuple[str, ...]) -> str:
    """``text`` with each link to a book page outside ``served`` written as plain text."""

    def replace(match: re.Match) -> str:
        if match["page"] in served:
            return match[0]
        return f"웹 책의 ‘{match['text']}’"

    return PAGE_LINK.sub(replace, text)


def is_setup(cell: dict) -> bool:
    return cell["cell_type"] == "code" and source(cell).startswith(SETUP_MARK)


def lab_notebook(path: Path, served: tuple[str, ...]) -> dict:
    """The chapter notebook at ``path`` as the lab serves it, beside the book pages
    ``served``."""
    notebook = json.loads(path.read_text(encoding="utf-8"))
    titles = exercise_titles(notebook["cells"], chapter_number(path))
    for cell in notebook["cells"]:
        if cell["cell_type"] == "markdown":
            text = korean_directives(source(cell), titles)
            cell["source"] = unserved_links(text, served)
        elif cell["cell_type"] == "code":
            cell["outputs"], cell["execution_count"] = [], None
            if is_setup(cell):
                cell["metadata"].setdefault("jupyter", {})["source_hidden"] = True
    notebook["metadata"].pop("widgets", None)
    return notebook
