"""The committed sources, before any build: notebooks without plotly.js or widget
state, and the seeds as the shared originals are."""

import re

import pytest
from conftest import CHAPTERS, ROOT


@pytest.mark.parametrize("chapter", CHAPTERS)
def test_notebooks_store_no_plotly_js(chapter):
    text = (ROOT / "book" / f"{chapter}.ipynb").read_text(encoding="utf-8")
    assert "plotly.js v" not in text and "cdn.plot.ly" not in text
    assert "widget-state" not in text


def test_seeds_are_byte_identical_to_the_shared_sources():
    shared = ROOT.parent / "shared" / "seeds"
    if not shared.is_dir():
        pytest.skip("../shared/seeds is not beside this clone")
    for source in shared.glob("*.txt"):
        assert (ROOT / "seeds" / source.name).read_bytes() == source.read_bytes()


NAMED_PATH = re.compile(r"`((?:[\w.-]+/)+[\w.-]+\.(?:json|py|md|yml|txt|ipynb|toml|cfg))`")


def test_every_file_the_book_names_exists():
    """A path the guide or the README tells a reader to open is where it says."""
    texts = [ROOT / "README.md", *sorted((ROOT / "book").glob("*.md"))]
    texts += sorted((ROOT / "book").glob("*.ipynb"))
    missing = []
    for text in texts:
        for path in NAMED_PATH.findall(text.read_text(encoding="utf-8")):
            if path.startswith(("_build/", "../")):
                continue  # made by the build, or beside the clone
            if not any((base / path).exists() for base in (ROOT, ROOT / "src" / "devops_course")):
                missing.append(f"{text.name}: {path}")
    assert missing == []
