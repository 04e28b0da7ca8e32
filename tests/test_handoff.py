"""Chapter 1's SDLC handoff simulation: model, figures and widget."""

import math

import plotly.graph_objects as go
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from devops_course.core.display import PLOTLY_MIME, WIDGET_MIME
from devops_course.core.errors import CourseInputError
from devops_course.interactives import handoff


def test_simulation_is_deterministic():
    first = handoff.simulate(seed=7)
    second = handoff.simulate(seed=7)
    assert first.lead_times == second.lead_times
    assert handoff.simulate(seed=8).lead_times != first.lead_times


def test_both_organisations_see_the_same_changes():
    results = handoff.compare(changes=30)
    silo, team = results["silo"], results["devops"]
    assert [c.arrival for c in silo.changes] == [c.arrival for c in team.changes]
    # Without rework, both do exactly the same hands-on work.
    no_rework = handoff.compare(rework_probability=0.0)
    assert no_rework["silo"].changes[3].work_time == pytest.approx(
        no_rework["devops"].changes[3].work_time
    )


def test_every_change_visits_all_six_stages_in_order():
    result = handoff.simulate(organisation="silo", rework_probability=0.0)
    for change in result.changes:
        stages = [s.stage for s in change.segments if s.kind == "work"]
        assert stages == list(range(len(handoff.STAGES)))
        assert change.handoffs == len(handoff.STAGES) - 1


def test_rework_adds_two_handoffs_per_bounce():
    result = handoff.simulate(organisation="silo", rework_probability=0.9, changes=40)
    for change in result.changes:
        bounces = sum(1 for s in change.segments if s.kind == "rework")
        assert change.handoffs == 5 + 2 * bounces


def test_devops_team_has_no_handoffs():
    result = handoff.simulate(organisation="devops")
    assert result.handoffs_per_change == 0
    assert all(s.kind in ("work", "wait") for c in result.changes for s in c.segments)


def test_handoff_delay_lengthens_silo_lead_time_only():
    fast = handoff.compare(handoff_delay=0)
    slow = handoff.compare(handoff_delay=16)
    assert slow["silo"].mean_lead_time > fast["silo"].mean_lead_time + 50
    assert slow["devops"].mean_lead_time == pytest.approx(fast["devops"].mean_lead_time)
    assert slow["silo"].flow_efficiency < fast["silo"].flow_efficiency


def test_segments_cover_each_change_without_overlap():
    for change in handoff.simulate().changes:
        ordered = sorted(change.segments, key=lambda s: s.start)
        assert ordered[0].start >= change.arrival - 1e-9
        for before, after in zip(ordered, ordered[1:]):
            assert after.start >= before.end - 1e-9
        assert ordered[-1].end == pytest.approx(change.done)
        assert change.lead_time >= change.work_time - 1e-9


def test_stage_hours_add_up_to_the_segments():
    result = handoff.simulate()
    total = sum(sum(result.stage_hours(kind)) for kind in handoff.KINDS)
    by_change = sum(sum(s.hours for s in c.segments) for c in result.changes)
    assert total == pytest.approx(by_change / len(result.changes))


@settings(max_examples=25, deadline=None)
@given(
    delay=st.floats(0, 48),
    changes=st.integers(1, 60),
    capacity=st.integers(1, 5),
    seed=st.integers(0, 2**31 - 1),
)
def test_metrics_stay_in_range(delay, changes, capacity, seed):
    for result in handoff.compare(
        handoff_delay=delay, changes=changes, capacity=capacity, seed=seed
    ).values():
        assert 0 < result.flow_efficiency <= 1 + 1e-9
        assert len(result.changes) == changes
        assert all(math.isfinite(t) and t > 0 for t in result.lead_times)


@pytest.mark.parametrize(
    "field, value, message",
    [
        ("handoff_delay", -1, "인계 지연"),
        ("handoff_delay", float("nan"), "인계 지연"),
        ("handoff_delay", 1e9, "168 이하"),
        ("changes", 0, "변경 수"),
        ("changes", 2.5, "정수"),
        ("changes", 10**6, "200 이하"),
        ("capacity", 0, "역할별 인원"),
        ("capacity", -3, "역할별 인원"),
        ("capacity", "two", "정수"),
        ("seed", -1, "난수 시드"),
        ("rework_probability", 1.5, "재작업"),
        ("arrival_interval", 0, "도착 간격"),
        ("organisation", "matrix", "조직 모델"),
    ],
)
def test_bad_input_is_rejected_in_korean(field, value, message):
    with pytest.raises(CourseInputError, match=message):
        handoff.simulate(**{field: value})


def test_figure_shows_the_selected_organisation():
    results = handoff.compare()
    fig = go.Figure(handoff.handoff_figure(results, "devops"))
    visible = {t.legendgroup for t in fig.data if t.legendgroup and t.visible}
    assert visible and all(group.startswith("devops") for group in visible)
    assert "DevOps 팀" in fig.layout.meta["alt"]
    with pytest.raises(CourseInputError):
        handoff.handoff_figure(results, "matrix")


def test_explorer_slider_steps_carry_different_data():
    fig = go.Figure(handoff.explorer())
    steps = fig.layout.sliders[0].steps
    assert [s.label for s in steps] == ["0시간", "2시간", "4시간", "8시간", "16시간"]
    assert fig.layout.sliders[0].active == 2
    first, last = steps[0].args[0]["x"], steps[-1].args[0]["x"]
    assert first != last
    buttons = fig.layout.updatemenus[0].buttons
    assert len(buttons) == 2
    assert buttons[0].args[0]["visible"] != buttons[1].args[0]["visible"]


def test_organisation_diagram_names_all_roles():
    fig = go.Figure(handoff.organisation_diagram())
    texts = " ".join(a.text for a in fig.layout.annotations)
    for stage in handoff.STAGES:
        assert stage.role in texts and stage.name in texts


def test_widget_shows_korean_error_and_keeps_last_good_figure():
    live = handoff.interactive()
    view = live.widget
    bundle, _ = live._repr_mimebundle_()
    assert {PLOTLY_MIME, WIDGET_MIME, "text/plain"} <= set(bundle)
    assert bundle[WIDGET_MIME]["model_id"] == view.model_id
    controls = live.live.controls
    good = live.live.figure
    controls["capacity"].value = 0
    assert "역할별 인원" in live.live.error_text
    assert live.live.figure is good
    assert 'role="alert"' in live.live.message.value
    controls["capacity"].value = 3
    assert live.live.error_text == ""
    assert live.live.figure is not good
    assert live.live.good_values["capacity"] == 3


def test_widget_rejects_nan_delay():
    live = handoff.interactive()
    good = live.live.figure
    live.live.controls["handoff_delay"].value = float("nan")
    assert "유한한 숫자" in live.live.error_text
    assert live.live.figure is good
