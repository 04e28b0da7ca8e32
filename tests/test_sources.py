"""The committed sources, before any build: notebooks without plotly.js or widget
state, and the seeds as the shared originals are."""

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
