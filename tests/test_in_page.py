"""The models as the web book's page runs them (devops_course.core.in_page): the
form offers every field the widget offers, a render is the figure CPython draws,
and every bad entry gets a Korean message, never a traceback."""

import json
import subprocess
import sys

import pytest
from conftest import ROOT

from devops_course.core.in_page import form, page_figure, render
from devops_course.interactives import NAMES, load

HANGUL = range(0xAC00, 0xD7A4)


def korean(text: str) -> bool:
    return any(ord(ch) in HANGUL for ch in text)


def test_the_models_and_figures_run_without_ipywidgets():
    """The page's Python has no ipywidgets: every interactive imports and renders."""
    code = (
        "import sys, json\n"
        "sys.modules['ipywidgets'] = None\n"  # any import of it fails
        "from devops_course.core.in_page import render\n"
        "from devops_course.interactives import NAMES\n"
        "print(json.dumps([sorted(json.loads(render(n, '{}'))) for n in NAMES]))\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, check=False
    )
    assert result.returncode == 0, result.stderr[-2000:]
    assert json.loads(result.stdout) == [["figure"]] * len(NAMES)


@pytest.mark.parametrize("name", NAMES)
def test_the_form_offers_every_field_the_widget_offers(name):
    module = load(name)
    described = json.loads(form(name))
    assert described["title"] == module.TITLE
    controls = module.SPEC.controls()
    assert [f["name"] for f in described["fields"]] == list(controls)
    for entry in described["fields"]:
        field = controls[entry["name"]]
        assert entry["caption"] == field.caption and korean(entry["caption"])
        if field.kind == "choice":
            assert entry["choices"] == list(field.choices.values())
            assert list(field.choices)[entry["default"]] == field.default
        else:
            assert (entry["low"], entry["high"], entry["default"]) == (
                field.low,
                field.high,
                field.default,
            )


@pytest.mark.parametrize("name", NAMES)
def test_an_untouched_form_draws_the_default_figure(name):
    module = load(name)
    drawn = json.loads(render(name, "{}"))["figure"]
    expected = page_figure(module.figure(module.model(module.SPEC.defaults())))
    assert drawn == json.loads(json.dumps(expected))


def test_numbers_arrive_as_typed_and_choices_as_their_index():
    from devops_course.interactives import iac

    values = {"web_servers": " 5 ", "step": 0, "size": 2}
    drawn = json.loads(render("iac", json.dumps(values)))["figure"]
    params = {"web_servers": 5, "step": list(iac.SPEC["step"].choices)[0], "size": "large"}
    assert drawn == json.loads(json.dumps(page_figure(iac.figure(iac.model(params)))))


def _numeric_fields():
    for name in NAMES:
        for key, field in load(name).SPEC.controls().items():
            if field.kind in ("number", "integer"):
                yield name, key, field


@pytest.mark.parametrize(
    "typed",
    [None, "", "abc", "1,2,3", "1,0000", "-1e9", "1e400", "nan", "inf", "0x10", 12, True, [1]],
)
def test_every_bad_number_gets_a_korean_message(typed):
    for name, key, field in _numeric_fields():
        reply = json.loads(render(name, json.dumps({key: typed})))
        if "figure" in reply:  # a value that happens to be allowed (e.g. 12)
            assert typed == 12, (name, key, typed)
            continue
        assert korean(reply["error"]) and field.label in reply["error"], (name, key, typed)


@pytest.mark.parametrize(
    "values", ['"not a dict"', "[1, 2]", '{"nobody": 1}', '{"step": -1}', '{"step": 99}']
)
def test_a_broken_form_gets_a_korean_message(values):
    reply = json.loads(render("iac", values))
    assert set(reply) == {"error"} and korean(reply["error"])


def test_a_number_may_be_written_with_thousands_separators():
    from devops_course.interactives import team_paths

    drawn = json.loads(render("team_paths", json.dumps({"people": "1,000"})))["figure"]
    expected = team_paths.figure(team_paths.model({"people": 1000}))
    assert drawn == json.loads(json.dumps(page_figure(expected)))


@pytest.mark.parametrize(
    ("label", "params", "quoted"),
    [
        ("ch1-ex-delay", {"handoff_delay": 8}, ["91시간", "22시간", "26%"]),
        ("ch1-ex-capacity", {"capacity": 1}, ["104시간", "25시간", "23%", "90%"]),
    ],
)
def test_chapter_1_solutions_quote_what_the_live_caption_says(label, params, quoted):
    """The solutions' mean lead times and flow efficiencies are on the page: the live
    figure's caption (its alt text) states them for the exercise's setting."""
    from devops_course.interactives import handoff

    cells = json.loads((ROOT / "book" / "ch1_definition.ipynb").read_text(encoding="utf-8"))
    solution = next(
        "".join(cell["source"])
        for cell in cells["cells"]
        if f"{{solution}} {label}" in "".join(cell["source"])
    )
    caption = json.loads(render("handoff", json.dumps(params)))["figure"]["layout"]["meta"]["alt"]
    for number in quoted:
        assert number in solution and number in caption, (number, caption)
    assert handoff.figure(handoff.model(params))["layout"]["meta"]["alt"] == caption
