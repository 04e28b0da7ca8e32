"""Chapter 2's models: small batches, the CI/CD pipeline, IaC and monitoring."""

import math
import statistics

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from devops_course.core.errors import CourseInputError
from devops_course.interactives import iac, monitoring, pipeline, small_batches

# ---------------------------------------------------------------- small batches


def test_weekly_release_fails_one_time_in_three():
    risk = small_batches.compare_cadences()["weekly"]
    assert risk.batch_size == 20
    assert risk.failure_probability == pytest.approx(1 - 0.98**20)
    assert risk.bisect_steps == 5  # 2**5 = 32 >= 20
    assert risk.restore_minutes == 30 + 5 * 20 + 30


def test_smaller_batches_mean_smaller_risk_per_release():
    risks = list(small_batches.compare_cadences().values())
    for smaller, bigger in zip(risks, risks[1:]):
        assert smaller.failure_probability < bigger.failure_probability
        assert smaller.restore_minutes <= bigger.restore_minutes
        assert smaller.changes_rolled_back < bigger.changes_rolled_back


@pytest.mark.parametrize("batch, steps", [(1, 0), (2, 1), (3, 2), (4, 2), (20, 5), (260, 9)])
def test_bisect_steps(batch, steps):
    assert small_batches.bisect_steps(batch) == steps


def test_simulated_quarter_is_deterministic_and_complete():
    first = small_batches.simulate_quarter(cadence="monthly")
    assert first == small_batches.simulate_quarter(cadence="monthly")
    assert [r.day for r in first] == [21, 42, 63]
    daily = small_batches.simulate_quarter(cadence="daily")
    assert len(daily) == small_batches.QUARTER_DAYS
    assert all(r.faulty <= r.changes for r in daily)


@pytest.mark.parametrize(
    "field, value",
    [
        ("changes_per_day", 0),
        ("changes_per_day", -3),
        ("failure_probability", 0.9),
        ("failure_probability", float("nan")),
        ("bisect_minutes", 0),
        ("cadence", "hourly"),
    ],
)
def test_small_batches_rejects_bad_input(field, value):
    with pytest.raises(CourseInputError):
        small_batches.compare_cadences(**{field: value})


# ---------------------------------------------------------------- pipeline


def test_rare_merges_give_slow_feedback_and_more_conflicts():
    results = pipeline.compare_intervals()
    daily, fortnightly = results[1], results[10]
    assert fortnightly.median_feedback_hours > 4 * daily.median_feedback_hours
    assert fortnightly.median_lead_hours > daily.median_lead_hours
    assert fortnightly.conflict_share > daily.conflict_share


def test_pipeline_is_deterministic_and_counts_add_up():
    first = pipeline.simulate(merge_interval=2)
    second = pipeline.simulate(merge_interval=2)
    assert first.feedback_hours == second.feedback_hours
    assert first.stage_runs[0] >= len(first.merges)
    for runs, fails, after in zip(first.stage_runs, first.stage_failures, first.stage_runs[1:]):
        assert after == runs - fails  # what passes a stage reaches the next one
    for merge in first.merges:
        assert merge.lead_minutes is None or merge.lead_minutes > 0
        if merge.first_failure is not None:
            assert merge.feedback_minutes <= merge.lead_minutes


def test_failure_rates_grow_with_divergence():
    short = pipeline.SPEC.check(merge_interval=1)
    long = pipeline.SPEC.check(merge_interval=10)
    integration = pipeline.INTEGRATION
    assert pipeline.failure_rate(long, integration) > pipeline.failure_rate(short, integration)
    assert pipeline.failure_rate(long, 0) == pipeline.failure_rate(short, 0)
    assert 0 < pipeline.conflict_probability(short) < pipeline.conflict_probability(long) < 1


@pytest.mark.parametrize(
    "field, value",
    [
        ("merge_interval", 0),
        ("developers", 0),
        ("runners", 100),
        ("days", 2),
        ("merge_interval", "1"),
    ],
)
def test_pipeline_rejects_bad_input(field, value):
    with pytest.raises(CourseInputError):
        pipeline.model({**pipeline.SPEC.defaults(), field: value})


# ---------------------------------------------------------------- IaC


def test_plan_finds_every_drift_and_apply_is_idempotent():
    desired = iac.desired_state(web_servers=2)
    created, first = iac.apply(desired, {})
    assert [c.action for c in first] == ["create"] * 3
    drifted = iac.manual_drift(created)
    changes = iac.plan(desired, drifted)
    described = {(c.action, c.name, c.field) for c in changes}
    assert described == {
        ("update", "web-1", "size"),
        ("update", "db-1", "ports"),
        ("update", "db-1", "monitoring"),
        ("delete", "debug-tmp", None),
    }
    reconciled, applied = iac.apply(desired, drifted)
    assert reconciled == desired and applied == changes
    again, nothing = iac.apply(desired, reconciled)
    assert again == reconciled and nothing == ()
    assert iac.summary(nothing).startswith("변경 없음")


@settings(max_examples=30, deadline=None)
@given(
    web=st.integers(0, 10),
    size=st.sampled_from(iac.SIZES),
    image=st.sampled_from(iac.IMAGES),
    start_web=st.integers(0, 10),
)
def test_apply_always_converges(web, size, image, start_web):
    desired = iac.desired_state(web, size, image)
    actual = iac.manual_drift(iac.desired_state(start_web, "small", "ubuntu-22.04"))
    reconciled, _ = iac.apply(desired, actual)
    assert iac.plan(desired, reconciled) == ()


def test_walkthrough_has_six_steps_ending_without_changes():
    steps = iac.walkthrough()
    assert [s.title for s in steps] == list(iac.STEPS)
    assert steps[-1].changes == ()


@pytest.mark.parametrize(
    "call",
    [
        lambda: iac.desired_state(web_servers=-1),
        lambda: iac.desired_state(size="huge"),
        lambda: iac.validate_state({"Web_1": iac.Server("small", "ubuntu-24.04", (80,))}),
        lambda: iac.validate_state({"web-1": iac.Server("small", "ubuntu-24.04", (70000,))}),
        lambda: iac.model({**iac.SPEC.defaults(), "step": 9}),
    ],
)
def test_iac_rejects_bad_input(call):
    with pytest.raises(CourseInputError):
        call()


# ---------------------------------------------------------------- monitoring


def test_threshold_trades_false_alarms_against_delay():
    low = monitoring.evaluate(threshold=160, window=1)
    high = monitoring.evaluate(threshold=240, window=1)
    assert low.false_alarms > high.false_alarms
    assert low.detection_delay < high.detection_delay
    assert monitoring.evaluate(threshold=400, window=5).detection_delay is None


def test_longer_window_suppresses_spikes_but_detects_later():
    short = monitoring.evaluate(threshold=180, window=1)
    long = monitoring.evaluate(threshold=180, window=15)
    assert long.false_alarms < short.false_alarms
    assert long.detection_delay > short.detection_delay


def test_moving_average_matches_definition():
    result = monitoring.evaluate(threshold=200, window=5)
    stream = monitoring.telemetry()
    assert result.moving_average[100] == pytest.approx(statistics.fmean(stream.latency[96:101]))
    assert not math.isnan(result.moving_average[0])


@pytest.mark.parametrize(
    "kwargs", [{"threshold": 10}, {"window": 0}, {"window": 2.5}, {"seed": -2}]
)
def test_monitoring_rejects_bad_input(kwargs):
    with pytest.raises(CourseInputError):
        monitoring.evaluate(**kwargs)
