"""Every live widget: bad input shows a Korean message and keeps the last good figure;
good input redraws. Also the three faces of every interactive's output."""

import json
import math

import ipywidgets as widgets
import pytest

from devops_course.core.display import PLOTLY_MIME, WIDGET_MIME
from devops_course.interactives import NAMES as INTERACTIVES
from devops_course.interactives import load

HANGUL = range(0xAC00, 0xD7A4)


def _numeric_controls(live):
    return {
        name: control
        for name, control in live.controls.items()
        if isinstance(control, (widgets.FloatText, widgets.IntText))
    }


@pytest.fixture(scope="module", params=INTERACTIVES)
def interactive(request):
    module = load(request.param)
    return module.interactive()


def test_output_carries_three_faces(interactive):
    bundle, metadata = interactive._repr_mimebundle_()
    assert set(bundle) >= {"text/plain", PLOTLY_MIME, WIDGET_MIME}
    # the web book's page finds the model behind the figure by this name
    assert load(metadata[PLOTLY_MIME]["interactive"]).TITLE == interactive.title
    assert any(ord(ch) in HANGUL for ch in bundle["text/plain"])
    layout = bundle[PLOTLY_MIME]["layout"]
    assert layout["meta"]["alt"], "every explorer needs Korean alt text"
    assert layout.get("sliders") or layout.get("updatemenus"), "an explorer needs controls"


@pytest.mark.parametrize("bad", [-1e9, math.nan, 1e12])
def test_bad_values_show_korean_message_and_keep_last_figure(interactive, bad):
    live = interactive.live
    for name, control in _numeric_controls(live).items():
        good_value = control.value
        good_figure = live.figure
        if isinstance(control, widgets.IntText):
            if math.isnan(bad):
                continue  # an IntText cannot hold NaN
            bad_value = int(bad)
        else:
            bad_value = bad
        control.value = bad_value
        assert live.error_text, f"{name}={bad_value!r} was accepted"
        assert any(ord(ch) in HANGUL for ch in live.error_text)
        assert live.figure is good_figure
        control.value = good_value
        assert live.error_text == ""


def test_a_good_change_redraws(interactive):
    live = interactive.live
    numeric = _numeric_controls(live)
    if not numeric:  # the roadmap has only phase dropdowns
        control = next(iter(live.controls.values()))
        before = live.figure
        control.value = next(v for _, v in control.options if v != control.value)
        assert live.error_text == "" and live.figure is not before
        return
    name, control = next(iter(numeric.items()))
    before = live.figure
    original = control.value
    if isinstance(control, widgets.IntText):
        control.value = original + 1
    else:
        control.value = original * 0.99 if original else 0.01
    assert live.error_text == ""
    assert live.figure is not before
    control.value = original


# The control values each chapter's exercises ask for (exercise label: module, values).
EXERCISE_SETTINGS = {
    "ch1-ex-delay": ("handoff", {"handoff_delay": 8.0}),
    "ch1-ex-capacity": ("handoff", {"capacity": 1}),
    "ch2-ex-probability": ("small_batches", {"failure_probability": 0.05}),
    "ch2-ex-runners": ("pipeline", {"runners": 1, "merge_interval": 0.5}),
    "ch2-ex-iac": ("iac", {"web_servers": 3}),
    "ch2-ex-alert (창 15분)": ("monitoring", {"threshold": 160.0, "window": 15}),
    "ch2-ex-alert (창 1분)": ("monitoring", {"threshold": 160.0, "window": 1}),
    "ch3-ex-constraint": ("value_stream", {"ops_speed": 2.0}),
    "ch3-ex-business": ("feedback_loops", {"business_days": 14.0}),
    "ch3-ex-dora": (
        "dora",
        {
            "deploys_per_month": 20.0,
            "failed_per_month": 6.0,
            "lead_time_hours": 30.0,
            "restore_hours": 3.0,
        },
    ),  # fmt: skip
    "ch4-ex-canary-share": ("canary", {"canary_share": 0.01}),
    "ch4-ex-false-rollback": (
        "canary",
        {"new_error_rate": 0.005, "canary_share": 0.01, "threshold": 0.008},
    ),  # fmt: skip
    "ch5-ex-budget": ("error_budget", {"slo": 0.9995}),
    "ch5-ex-paths": ("team_paths", {"people": 100, "team_size": 8}),
    "ch5-ex-roadmap": (
        "roadmap",
        {"culture": 1, "vcs": 1, "ci": 2, "tests": 2, "monitoring": 3, "iac": 3, "cd": 4},
    ),
}


@pytest.mark.parametrize("exercise", EXERCISE_SETTINGS)
def test_every_value_an_exercise_asks_for_visibly_changes_the_widget(exercise):
    """The learner sees a reaction: a redrawn figure with other content, or a note
    saying why the figure looks the same (a setting that equals a preset)."""
    name, values = EXERCISE_SETTINGS[exercise]
    live = load(name).interactive().live
    before = json.dumps(live.figure, sort_keys=True)
    for control, value in values.items():
        live.controls[control].value = value
    assert live.error_text == "", live.error_text
    assert json.dumps(live.figure, sort_keys=True) != before or "ℹ" in live.message.value
