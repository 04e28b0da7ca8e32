"""Static reveal.js slide decks of the chapter notebooks, for instructors.

Each chapter notebook carries Jupyter slide metadata (titles are slides, long prose
sub-slides, interactives a slide of their own, set-up code skipped). This module
exports every chapter to a reveal.js deck with nbconvert, into ``slides/`` of the
built site, and writes an index page.

Everything a deck loads is served by the site itself:

* reveal.js comes from the npm package pinned in ``package.json`` and
  ``package-lock.json`` (version and sha512 integrity), installed by ``npm ci``;
* plotly.js and the course's figure script come from the site's ``_static``.

MyST syntax that nbconvert does not know (roles, directives) is simplified to
plain Markdown for the slides; exercise solutions are left out.
"""

from __future__ import annotations

import copy
import html
import json
import re
import shutil
from pathlib import Path

import nbformat

from ..classroom.guide import ROLE
from ..core.display import PLOTLY_MIME, WIDGET_MIME
from .figure_node import figure_alt, figure_digest
from .valid_html import tidy_deck

TEMPLATE_DIR = Path(__file__).parent / "slides_template"


def reveal_files(node_modules: Path) -> Path:
    """The installed reveal.js package (``npm ci`` from package.json and its lockfile)."""
    package = node_modules / "reveal.js"
    if not (package / "dist" / "reveal.js").exists():
        raise RuntimeError(
            f"reveal.js is not installed in {node_modules}: run `npm ci` (make does)"
        )
    return package


def reveal_version(package: Path) -> str:
    """The version of the installed reveal.js, for the credits on the index page."""
    return json.loads((package / "package.json").read_text(encoding="utf-8"))["version"]


# ---------------------------------------------------------------- MyST to Markdown

FENCE_OPEN = re.compile(r"^(:{3,}|`{3,})\{(\w[\w-]*)\}\s*(.*)$")


CHAPTER_LINK = re.compile(r"\]\((ch\d_\w+)\.ipynb\)")
TARGET = re.compile(r"^\([\w-]+\)=$")  # a MyST label such as (ch2-references)=
PAGE_LINK = re.compile(r"\]\((\w+)\.md\)")  # the book's own pages: glossary, references


# Directives drawn as a quote with a bold title on the slides.
BOXES = ("admonition", "note", "warning", "tip", "exercise", "dropdown")


def simplify_myst(text: str) -> str:
    """MyST roles and directives as plain Markdown that nbconvert renders; links to
    other chapters lead to their decks."""
    text = ROLE.sub(r"\1", text)
    text = CHAPTER_LINK.sub(r"](\1.slides.html)", text)
    text = PAGE_LINK.sub(r"](../book/\1.html)", text)
    out: list[str] = []
    stack: list[tuple[str, str]] = []  # (fence, directive)
    skipping = 0
    for line in text.split("\n"):
        stripped = line.strip()
        if TARGET.match(stripped):
            continue
        opened = FENCE_OPEN.match(stripped)
        if opened:
            fence, name, argument = opened.groups()
            stack.append((fence, name))
            if skipping or name == "solution":
                skipping += 1
                continue
            if name in BOXES:
                label = {"note": "참고", "warning": "주의", "tip": "팁", "exercise": "연습"}.get(
                    name, ""
                )
                title = argument or label
                if title:
                    out.append(f"> **{title}**")
                    out.append(">")
            elif name == "figure":
                out.append(f"![그림]({argument})")
            continue
        if stack and stripped == stack[-1][0]:
            fence, name = stack.pop()
            if skipping:
                skipping -= 1
            elif name in BOXES:
                out.append("")  # two boxes in a row stay two quotes
            continue
        if skipping:
            continue
        if stack and stripped.startswith(":") and re.match(r"^:[\w-]+:", stripped):
            continue  # directive option
        inside_box = any(n in BOXES for _, n in stack)
        out.append(f"> {line}" if inside_box else line)
    return "\n".join(out)


# ---------------------------------------------------------------- outputs


def _plotly_html(figure: dict) -> str:
    element_id = f"slide-{figure_digest(figure)[:10]}"
    payload = json.dumps(figure, ensure_ascii=False, separators=(",", ":")).replace("</", "<\\/")
    return (
        f'<figure class="course-plotly" aria-label="{html.escape(figure_alt(figure))}">'
        f'<div id="{element_id}" class="course-plotly-graph" data-figure="{element_id}-data"></div>'
        f'<script type="application/json" id="{element_id}-data">{payload}</script></figure>'
    )


def prepare(notebook: nbformat.NotebookNode) -> nbformat.NotebookNode:
    """A copy of the chapter ready for nbconvert: MyST simplified, plotly outputs
    as HTML for the site's plotly.js, widget views dropped, set-up code hidden."""
    deck = copy.deepcopy(notebook)
    for cell in deck.cells:
        if cell.cell_type == "markdown":
            cell.source = simplify_myst(cell.source)
            continue
        tags = cell.metadata.get("tags", [])
        if "hide-input" in tags:
            cell.metadata.setdefault("jupyter", {})["source_hidden"] = True
            cell.transient = {"remove_source": True}
        for output in cell.get("outputs", []):
            data = output.get("data", {})
            data.pop(WIDGET_MIME, None)
            if PLOTLY_MIME in data:
                data["text/html"] = _plotly_html(data.pop(PLOTLY_MIME))
    return deck


def export_deck(notebook_path: Path, out_dir: Path, static_prefix: str, plotly_name: str) -> Path:
    """Write ``<chapter>.slides.html`` into ``out_dir``; return its path."""
    from nbconvert import SlidesExporter
    from nbconvert.preprocessors import TagRemovePreprocessor

    notebook = prepare(nbformat.read(notebook_path, as_version=4))
    # Cells the book removes go before nbconvert marks where slides end: removed
    # after, a removed cell takes a slide's end mark with it and nests the rest.
    notebook.cells = [c for c in notebook.cells if "remove-cell" not in c.metadata.get("tags", [])]
    exporter = SlidesExporter(
        template_name="course_reveal",
        extra_template_basedirs=[str(TEMPLATE_DIR)],
        reveal_url_prefix="reveal.js",
        language_code="ko",
        reveal_theme="white",
        reveal_transition="none",
        exclude_input_prompt=True,  # no "In [4]:" / "Out[4]:" on a slide
        exclude_output_prompt=True,
    )
    remover = TagRemovePreprocessor(remove_input_tags=["hide-input"], enabled=True)
    exporter.register_preprocessor(remover, enabled=True)
    body, _ = exporter.from_notebook_node(
        notebook,
        resources={
            "course": {"static": static_prefix, "plotly": plotly_name},
            "language_code": "ko",
            "metadata": {"name": notebook_path.stem},
        },
    )
    target = out_dir / f"{notebook_path.stem}.slides.html"
    page = with_head(body, f"{_title(notebook_path)} (슬라이드)")
    page = tidy_deck(page, book_page=f"../book/{notebook_path.stem}.html")
    target.write_text(page, encoding="utf-8")
    return target


def with_head(page: str, title: str) -> str:
    """nbconvert's deck with a Korean title (it writes "<file name> slides") and a
    viewport meta, so phones show the deck at their width."""
    viewport = '<meta name="viewport" content="width=device-width, initial-scale=1"/>'
    head = f"<title>{html.escape(title)}</title>\n{viewport}"
    return re.sub(r"<title>.*?</title>", lambda _: head, page, count=1, flags=re.S)


def _title(notebook_path: Path) -> str:
    notebook = nbformat.read(notebook_path, as_version=4)
    for cell in notebook.cells:
        if cell.cell_type == "markdown":
            match = re.search(r"^# (.+)$", cell.source, re.M)
            if match:
                return match.group(1).strip()
    return notebook_path.stem


def build_decks(
    chapters: list[Path], site: Path, node_modules: Path, plotly_name: str, images: Path
) -> list[Path]:
    """Export every chapter's deck and the index page into ``site/slides``; the
    decks' pictures come from ``images``."""
    out_dir = site / "slides"
    out_dir.mkdir(parents=True, exist_ok=True)
    reveal = reveal_files(node_modules)
    for part in ("dist", "plugin"):
        shutil.copytree(reveal / part, out_dir / "reveal.js" / part, dirs_exist_ok=True)
    if images.is_dir():
        shutil.copytree(images, out_dir / "images", dirs_exist_ok=True)
    decks = [export_deck(path, out_dir, "../_static", plotly_name) for path in chapters]
    items = "\n".join(
        f'<li><a href="{deck.name}">{html.escape(_title(path))}</a></li>'
        for path, deck in zip(chapters, decks)
    )
    (out_dir / "index.html").write_text(
        INDEX.format(items=items, reveal=reveal_version(reveal)), encoding="utf-8"
    )
    return decks


INDEX = """<!DOCTYPE html>
<html lang="ko">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>DevOps 입문: 장별 슬라이드</title>
<link rel="icon" href="../_static/favicon.svg" type="image/svg+xml">
<style>
body {{ font-family: 'Nanum Gothic', NanumGothic, 'Noto Sans KR', sans-serif; max-width: 46rem;
  margin: 2rem auto; padding: 0 1rem; color: #1a1a1a; line-height: 1.6; }}
a {{ color: #0b5394; }}
li {{ margin: 0.4rem 0; }}
kbd {{ border: 1px solid #999; border-radius: 3px; padding: 0 0.3em; }}
</style>
</head>
<body>
<main>
<h1>DevOps 입문: 장별 슬라이드</h1>
<p>각 장의 노트북을 발표용 슬라이드로 옮긴 것입니다. 인터넷 없이도 열립니다.
<kbd>→</kbd>/<kbd>←</kbd>(또는 <kbd>Space</kbd>, 리모컨의 <kbd>PageDown</kbd>)로 그림과 퀴즈를 포함한 모든 슬라이드를 차례로 넘기고, <kbd>S</kbd>로 발표자 노트 창을, <kbd>Esc</kbd>로 전체 보기를 엽니다.
위젯을 조작하며 발표하려면 JupyterLab에서 노트북을 열고 <b>Run &gt; Run All Cells</b>로 실행한 뒤 <kbd>Alt</kbd>+<kbd>R</kbd>(메뉴 <b>Sliveshow &gt; Start from current cell (full screen)</b>)로 라이브 슬라이드를 시작하세요.</p>
<ol>
{items}
</ol>
<p><a href="../book/instructor_guide.html">강사용 안내로 돌아가기</a></p>
<p><small>reveal.js {reveal} (MIT 라이선스)</small></p>
</main>
</body>
</html>
"""
