"""Conformance: every interactive has the same parts and meets the same bar.

Parametrised over the registry (and the template a newcomer copies), so a new
interactive is checked by adding its name to ``NAMES``; a module left out of the
registry fails the first test.
"""

import json
import math
from pathlib import Path

import plotly.graph_objects as go
import pytest

from devops_course.core.errors import CourseInputError
from devops_course.core.params import Field
from devops_course.core.validation import format_bound
from devops_course.interactives import NAMES, PARTS, load

PACKAGE = Path(__file__).resolve().parents[1] / "src" / "devops_course" / "interactives"
MODULES = [*NAMES, "template"]
HANGUL = range(0xAC00, 0xD7A4)
BAD_VALUES = (-1, 0, math.nan, math.inf, 1e12, 10**400, "12", None, True, [3])


def test_every_module_is_registered():
    modules = {p.stem for p in PACKAGE.glob("*.py")} - {"__init__", "template"}
    assert modules == set(NAMES)


def test_an_unknown_name_is_refused():
    with pytest.raises(KeyError):
        load("template")


@pytest.fixture(scope="module", params=MODULES)
def module(request):
    if request.param == "template":
        from devops_course.interactives import template

        return template
    return load(request.param)


def _valid_figure(fig: dict) -> go.Figure:
    """The figure as plotly's schema reads it: any invalid property raises."""
    json.dumps(fig, allow_nan=False)
    return go.Figure(fig)


def test_has_every_part(module):
    missing = [part for part in PARTS if not hasattr(module, part)]
    assert not missing, f"{module.__name__} lacks {missing}"
    assert any(ord(ch) in HANGUL for ch in module.TITLE)
    for name, field in module.SPEC.items():
        assert isinstance(field, Field), name
        assert any(ord(ch) in HANGUL for ch in field.label), name
        assert field.check(field.default) == field.default, f"{name}: default out of range"


def _rejects(field: Field, value) -> bool:
    try:
        field.check(value)
    except CourseInputError:
        return True
    return False


@pytest.mark.parametrize("bad", BAD_VALUES, ids=repr)
def test_bad_input_gets_a_korean_message_naming_the_range(module, bad):
    defaults = module.SPEC.defaults()
    for name, field in module.SPEC.items():
        if not _rejects(field, bad):
            continue  # a valid value for this field (0 for a count that may be 0)
        with pytest.raises(CourseInputError) as error:
            module.model({**defaults, name: bad})
        message = str(error.value)
        assert message.startswith(field.label), message
        assert any(ord(ch) in HANGUL for ch in message)
        if field.kind == "choice":
            assert all(label in message for label in field.choices.values()), message
        elif field.kind in ("number", "integer"):
            assert format_bound(field.low) in message, message
            assert format_bound(field.high) in message, message


def test_every_field_rejects_something(module):
    for name, field in module.SPEC.items():
        assert any(_rejects(field, bad) for bad in BAD_VALUES), name


def test_model_is_deterministic(module):
    defaults = module.SPEC.defaults()
    first = module.figure(module.model(defaults))
    again = module.figure(module.model(dict(defaults)))
    assert json.dumps(first, sort_keys=True) == json.dumps(again, sort_keys=True)


def test_figure_is_valid_plotly_json_with_korean_alt_text(module):
    fig = module.figure(module.model(module.SPEC.defaults()))
    _valid_figure(fig)
    alt = fig["layout"]["meta"]["alt"]
    assert len(alt) > 20 and any(ord(ch) in HANGUL for ch in alt)


def _visible_traces(fig: dict) -> list[str]:
    return [
        json.dumps({k: trace.get(k) for k in ("type", "x", "y", "base", "cells")}, sort_keys=True)
        for trace in fig["data"]
        if trace.get("visible", True) is not False
    ]


def test_explorer_default_is_the_default_figure(module):
    explorer = module.explorer()
    _valid_figure(explorer)
    layout = explorer["layout"]
    assert layout.get("sliders") or layout.get("updatemenus"), "an explorer needs controls"
    assert layout["meta"]["alt"]
    differs = getattr(module, "EXPLORER_DIFFERS", "")
    if differs:
        pytest.skip(differs)
    default = module.figure(module.model(module.SPEC.defaults()))
    assert _visible_traces(explorer) == _visible_traces(default)


def test_widget_labels_come_from_the_spec(module):
    live = module.interactive().live
    shown = module.SPEC.controls()
    assert list(live.controls) == list(shown)
    for name, control in live.controls.items():
        assert control.description == shown[name].caption
        assert control.value == shown[name].default
    for field in shown.values():
        if field.kind in ("number", "integer"):
            assert format_bound(field.high) in field.caption
