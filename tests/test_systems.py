"""Chapter 3's models: feedback loops, the value stream and the DORA assessment."""

import plotly.graph_objects as go
import pytest

from devops_course.core.errors import CourseInputError
from devops_course.interactives import dora, feedback_loops, value_stream

# ---------------------------------------------------------------- feedback loops


def test_cycles_per_year_with_default_loops():
    summary = feedback_loops.learning_summary()
    assert summary["cycles"] == {
        "기술적 피드백": 52560,
        "프로세스 피드백": 26,
        "비즈니스 피드백": 4,
    }
    assert summary["unvalidated_changes"] == pytest.approx(12960)


def test_cycles_grow_with_time_and_shrink_with_cycle_length():
    settings = feedback_loops.SPEC.check()
    assert feedback_loops.cycles_completed(settings, 0) == (0, 0, 0)
    assert feedback_loops.cycles_completed(settings, 14) == (2016, 1, 0)
    slower = feedback_loops.SPEC.check(process_days=28)
    assert feedback_loops.cycles_completed(slower, 365)[1] == 13


def test_clock_animation_has_frames_and_a_play_button():
    fig = go.Figure(feedback_loops.explorer())
    assert len(fig.frames) == 26
    assert fig.layout.updatemenus[0].buttons[0].method == "animate"
    # The still picture (and the PDF) shows the end of the year.
    assert "365일째" in fig.layout.title.text


@pytest.mark.parametrize(
    "kwargs",
    [
        {"technical_minutes": 0},
        {"process_days": -14},
        {"business_days": float("inf")},
        {"horizon": "decade"},
    ],
)
def test_feedback_loops_reject_bad_input(kwargs):
    with pytest.raises(CourseInputError):
        feedback_loops.learning_summary(**kwargs)


# ---------------------------------------------------------------- value stream


def test_speeding_up_a_non_constraint_adds_wip_not_throughput():
    results = value_stream.compare()
    base, dev, ops = results["기준"], results["개발만 2배"], results["제약(운영) 2배"]
    assert dev.mean_wip > 2 * base.mean_wip
    assert dev.mean_lead_hours > base.mean_lead_hours
    assert abs(dev.throughput_per_week - base.throughput_per_week) < 1
    assert ops.throughput_per_week > base.throughput_per_week + 1


def test_throughput_is_capped_by_the_slowest_stage():
    result = value_stream.simulate(weeks=26)
    capacity = value_stream.WEEK_HOURS / value_stream.STAGES[2][1]  # 5 items a week
    assert result.throughput_per_week <= capacity * 1.15


def test_custom_speeds_add_a_scenario():
    assert "지금 설정" in value_stream.compare(dev_speed=1.5)
    assert "지금 설정" not in value_stream.compare(dev_speed=2.0)


@pytest.mark.parametrize(
    "kwargs", [{"dev_speed": 0}, {"ops_speed": 10}, {"weeks": 0}, {"seed": 1.5}]
)
def test_value_stream_rejects_bad_input(kwargs):
    with pytest.raises(CourseInputError):
        value_stream.simulate(**kwargs)


# ---------------------------------------------------------------- DORA


@pytest.mark.parametrize(
    "args, expected",
    [
        (
            (90, 9, 0.5, 0.5),
            {
                "배포 빈도": "Elite",
                "변경 리드 타임": "Elite",
                "서비스 복구 시간": "Elite",
                "변경 실패율": "Elite",
            },
        ),
        (
            (4, 1, 72, 6),
            {
                "배포 빈도": "High",
                "변경 리드 타임": "High",
                "서비스 복구 시간": "High",
                "변경 실패율": "High·Medium·Low",
            },
        ),
        (
            (0.33, 0.33, 2000, 96),
            {"배포 빈도": "Medium", "변경 리드 타임": "Medium", "서비스 복구 시간": "Medium"},
        ),
        (
            (0.1, 0, 6000, 400),
            {
                "배포 빈도": "Low",
                "변경 리드 타임": "Low",
                "서비스 복구 시간": "Low",
                "변경 실패율": "Elite",
            },
        ),
    ],
)
def test_tiers_follow_the_2021_table(args, expected):
    result = dora.assess(*args)
    for metric, tier in expected.items():
        assert result.tiers[metric] == tier


@pytest.mark.parametrize(
    "boundary, below, above",
    [
        (dora.lead_time_tier, 0.99, 1),
        (dora.restore_tier, 23.9, 24),
        (dora.frequency_tier, 0.99, 1),
    ],
)
def test_tier_boundaries(boundary, below, above):
    assert boundary(below) != boundary(above)


def test_failure_rate_above_the_report():
    assert dora.failure_rate_tier(0.45).startswith("보고서 범위 밖")


@pytest.mark.parametrize(
    "args, message",
    [
        ((4, 5, 10, 1), "많을 수 없습니다"),
        ((0, 0, 10, 1), "0.01 이상"),
        ((-1, 0, 10, 1), "한 달 배포 횟수"),
        ((4, 1, 0, 1), "변경 리드 타임"),
        ((4, 1, 10, float("nan")), "서비스 복구 시간"),
    ],
)
def test_dora_rejects_inconsistent_or_bad_input(args, message):
    with pytest.raises(CourseInputError, match=message):
        dora.assess(*args)


def test_threshold_table_lists_all_tiers():
    table = go.Figure(dora.threshold_table()).data[0]
    assert list(table.header.values) == ["지표", *dora.TIERS]
    assert "6개월에 1회 미만" in table.cells.values[4]
