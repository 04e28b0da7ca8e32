"""Glossary terms that work in JupyterLab as well as in the book.

Usage: python tools/notebook_glossary.py [--check]

The book's glossary (``book/glossary.md``, Sphinx's ``glossary`` directive) is the
single source of the course's terms. Sphinx resolves ``{term}`` across pages, but
JupyterLab (jupyterlab-myst) resolves it only inside the open notebook, and its
anchors drop Hangul. So every chapter notebook gets:

* term roles written as ``{term}`인계 <Handoff>```: the text the reader sees, and the
  entry's English name as the target (Sphinx matches any name of an entry, so the
  book resolves it as before);
* a last cell, "이 장의 용어", generated from the glossary, holding the chapter's
  terms as a MyST glossary keyed by those English names. JupyterLab shows each
  term's definition on hover and scrolls to it on click. The cell is tagged
  ``remove-cell`` (the book links to the glossary page instead) and skipped in
  slides.

``--check`` changes nothing and exits 1 when a notebook is out of step.
"""

from __future__ import annotations

import re
import sys
from dataclasses import dataclass
from pathlib import Path

import nbformat

ROOT = Path(__file__).resolve().parents[1]
GLOSSARY = ROOT / "book" / "glossary.md"
CHAPTERS = sorted((ROOT / "book").glob("ch*.ipynb"))
MARKER = "chapter-glossary"
TERM_ROLE = re.compile(r"\{term\}`(?P<text>[^`<]*?)(?:\s*<(?P<target>[^`>]*)>)?`")
HEADING = "## 이 장의 용어"
INTRO = (
    "이 장에 나온 용어의 정의를 [용어집](glossary.md)에서 모았습니다. "
    "JupyterLab에서는 본문의 용어 위에 마우스를 올리면 이 정의가 보이고, 누르면 이곳으로 옵니다."
)
PAGE_INTRO = (
    "이 강좌에 나오는 DevOps 용어의 영어 이름, 한국어 이름, 한 줄 정의입니다. "
    "웹 책의 용어집과 같은 내용이며, 각 장의 끝에는 그 장에 나온 용어만 모아 두었습니다."
)


@dataclass(frozen=True)
class Entry:
    """One glossary entry: every name it answers to, and its definition."""

    names: tuple[str, ...]
    definition: str

    @property
    def key(self) -> str:
        """The first name in plain ASCII: the anchor JupyterLab can link to."""
        for name in self.names:
            if name.isascii():
                return name
        raise ValueError(f"glossary entry {self.names[0]!r} has no English name")

    @property
    def korean(self) -> str | None:
        """The first Korean name, if the entry has one."""
        return next((name for name in self.names if not name.isascii()), None)


def read_glossary(path: Path = GLOSSARY) -> list[Entry]:
    """The entries of the ``{glossary}`` block of ``path``, in order."""
    text = path.read_text(encoding="utf-8")
    block = text.split("```{glossary}\n", 1)[1].split("\n```", 1)[0]
    entries = []
    for chunk in re.split(r"\n\s*\n", block.strip()):
        lines = chunk.splitlines()
        names = tuple(line.strip() for line in lines if not line.startswith(" "))
        definition = " ".join(line.strip() for line in lines if line.startswith(" "))
        entries.append(Entry(names, definition))
    return entries


def index(entries: list[Entry]) -> dict[str, Entry]:
    """Every name of every entry, lower-cased as Sphinx matches them."""
    return {name.lower(): entry for entry in entries for name in entry.names}


def rewrite_terms(source: str, names: dict[str, Entry]) -> str:
    """Point every ``{term}`` role of ``source`` at its entry's English name."""

    def replace(match: re.Match) -> str:
        text = match["text"].strip()
        entry = names.get((match["target"] or text).strip().lower())
        if entry is None:
            raise ValueError(f"{{term}}`{match[0]}` is not in the glossary")
        return f"{{term}}`{text}`" if text == entry.key else f"{{term}}`{text} <{entry.key}>`"

    return TERM_ROLE.sub(replace, source)


def used_entries(sources: list[str], names: dict[str, Entry]) -> list[Entry]:
    """The entries that ``sources`` refer to, in order of first use."""
    found: dict[str, Entry] = {}
    for source in sources:
        for match in TERM_ROLE.finditer(source):
            entry = names[(match["target"] or match["text"]).strip().lower()]
            found.setdefault(entry.key, entry)
    return list(found.values())


def glossary_cell_source(entries: list[Entry]) -> str:
    """The chapter's own glossary, in the MyST syntax JupyterLab renders."""
    return f"{HEADING}\n\n{INTRO}\n\n{myst_glossary(entries)}"


def myst_glossary(entries: list[Entry]) -> str:
    """``entries`` as a MyST glossary block, keyed by their English names."""
    items = []
    for entry in entries:
        label = f"**{entry.korean}.** " if entry.korean else ""
        items.append(f"{entry.key}\n: {label}{entry.definition}")
    return ":::{glossary}\n" + "\n\n".join(items) + "\n:::"


def glossary_page(entries: list[Entry]) -> str:
    """The whole glossary as a MyST page, for JupyterLab (the in-browser lab), which
    cannot render the book's Sphinx glossary syntax."""
    return f"# 용어집\n\n{PAGE_INTRO}\n\n{myst_glossary(entries)}\n"


def _is_glossary_cell(cell) -> bool:
    return cell.metadata.get("devops_course") == MARKER


def synced(notebook, names: dict[str, Entry]):
    """A copy of ``notebook`` with term roles and the glossary cell up to date."""
    notebook = nbformat.from_dict(notebook)
    cells = [cell for cell in notebook.cells if not _is_glossary_cell(cell)]
    for cell in cells:
        if cell.cell_type == "markdown":
            cell.source = rewrite_terms(cell.source, names)
    entries = used_entries([c.source for c in cells if c.cell_type == "markdown"], names)
    if entries:
        cell = nbformat.v4.new_markdown_cell(glossary_cell_source(entries))
        cell.metadata = {
            "devops_course": MARKER,
            "slideshow": {"slide_type": "skip"},
            "tags": ["remove-cell"],
        }
        existing = [c for c in notebook.cells if _is_glossary_cell(c)]
        if existing:
            cell.id = existing[0].id
        cells.append(cell)
    notebook.cells = cells
    return notebook


def main(arguments: list[str]) -> int:
    check = "--check" in arguments
    names = index(read_glossary())
    stale = []
    for path in CHAPTERS:
        notebook = nbformat.read(path, as_version=4)
        updated = synced(notebook, names)
        if updated != notebook:
            stale.append(path.name)
            if not check:
                nbformat.write(updated, path)
    if check and stale:
        print("out of step with book/glossary.md:", ", ".join(stale))
        print("run: .venv/bin/python tools/notebook_glossary.py")
        return 1
    print(("stale: " if check else "updated: ") + (", ".join(stale) or "none"))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
