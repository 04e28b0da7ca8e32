"""카나리 배포와 자동 롤백: how much of a bad release reaches users.

A new version goes to a canary share of the traffic for the first 30 minutes, then
to everyone. Every minute the canary's error rate over the last five minutes is
compared with a threshold; above it, an automatic rollback routes all traffic back
to the previous version (as the seed tells of Netflix). Without automatic rollback,
people notice the problem only after 60 minutes and roll back by hand.

Users affected are the requests the new version answered with an error. Requests
and errors are drawn from a seeded generator, minute by minute.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from itertools import accumulate

from ..core.draws import binomial_quantile, generator, poisson
from ..core.explorer import slider_explorer
from ..core.figure import Figure, bar, scatter, subplots
from ..core.live import make_interactive
from ..core.params import Field, Spec
from ..core.style import PALETTE, add_guides, hline, percent, style_figure, vline

MINUTES = 120
CANARY_MINUTES = 30
MANUAL_DETECTION_MINUTE = 60
WINDOW = 5
MIN_REQUESTS = 100  # the canary must have served this many requests before a verdict
SHARES = (0.01, 0.05, 0.10, 0.25, 0.50)
TITLE = "카나리 배포와 자동 롤백"
SPEC = Spec(
    canary_share=Field("카나리 비율", 0.05, low=0.001, high=1.0, step=0.01),
    threshold=Field("롤백 임계 오류율", 0.02, low=0.001, high=0.5, step=0.005),
    new_error_rate=Field("새 버전 오류율", 0.05, low=0, high=1, step=0.01),
    seed=Field("난수 시드", 4, kind="integer", low=0, high=2**31 - 1),
    old_error_rate=Field("이전 버전 오류율", 0.005, low=0, high=1, control=False),
    requests_per_minute=Field(
        "분당 요청 수", 2000, kind="integer", low=10, high=1_000_000, control=False
    ),
    auto_rollback=Field(
        "자동 롤백", True, kind="choice", choices={True: "켬", False: "끔"}, control=False
    ),
)


@dataclass(frozen=True)
class CanaryRun:
    """Minute-by-minute record of one rollout."""

    params: dict  # the checked inputs (see :data:`SPEC`)
    new_share: tuple[float, ...]
    new_requests: tuple[int, ...]
    new_errors: tuple[int, ...]
    canary_error_rate: tuple[float | None, ...]  # over the monitoring window; None: unknown
    rollback_minute: int | None

    @property
    def affected_users(self) -> int:
        """Requests the new version answered with an error (requests, not people)."""
        return sum(self.new_errors)


@lru_cache(maxsize=8)
def _luck(seed: int, requests_per_minute: int) -> tuple[tuple[int, ...], tuple[float, ...]]:
    """Traffic per minute, and one uniform draw per minute that fixes where that
    minute's error count falls in its distribution. Every setting reuses the same
    draws (common random numbers), and more requests or a higher error rate never
    give fewer errors, so comparisons show the setting, not luck."""
    rng = generator(seed)
    traffic = tuple(poisson(rng, requests_per_minute) for _ in range(MINUTES))
    return traffic, tuple(rng.random() for _ in range(MINUTES))


def rollout(**params) -> CanaryRun:
    """Simulate the rollout minute by minute. Keyword arguments are fields of
    :data:`SPEC` (the others keep their defaults); invalid values raise
    :class:`~devops_course.core.errors.CourseInputError`."""
    return _rollout(SPEC.check(params))


def _rollout(p: dict) -> CanaryRun:
    traffic, luck = _luck(p["seed"], p["requests_per_minute"])
    share, requests, errors, rate = [], [], [], []
    rolled_back = None
    for minute in range(MINUTES):
        on_new = p["canary_share"] if minute < CANARY_MINUTES else 1.0
        share.append(on_new if rolled_back is None else 0.0)
        requests.append(round(traffic[minute] * share[minute]))
        errors.append(binomial_quantile(luck[minute], requests[minute], p["new_error_rate"]))
        window = slice(max(0, minute - WINDOW + 1), minute + 1)
        seen = sum(requests[window])
        rate.append(sum(errors[window]) / seen if seen >= MIN_REQUESTS else None)
        if rolled_back is None:
            alarm = (
                p["auto_rollback"] and rate[minute] is not None and rate[minute] > p["threshold"]
            )
            manual = not p["auto_rollback"] and minute + 1 >= MANUAL_DETECTION_MINUTE
            if alarm or manual:
                rolled_back = minute + 1  # traffic moves back from the next minute
    return CanaryRun(p, tuple(share), tuple(requests), tuple(errors), tuple(rate), rolled_back)


def compare(**params) -> dict[str, dict[float, CanaryRun]]:
    """Every canary share, with and without automatic rollback."""
    checked = SPEC.check(params)
    return {
        mode: {
            share: _rollout({**checked, "canary_share": share, "auto_rollback": auto})
            for share in SHARES
        }
        for mode, auto in (("auto", True), ("manual", False))
    }


# ---------------------------------------------------------------- figure


@lru_cache(maxsize=32)
def _cached_table(**params) -> dict:
    """:func:`compare` for the share chart; it does not depend on the canary share,
    so moving the share slider reuses it."""
    return compare(**params)


@lru_cache(maxsize=1)
def _frame() -> Figure:
    """The four empty panels with their titles and axes. They never change, so they
    are built once and copied: building subplots is most of a redraw's cost."""
    fig = subplots(
        rows=2,
        cols=2,
        vertical_spacing=0.2,
        horizontal_spacing=0.13,
        subplot_titles=(
            f"카나리 오류율(최근 {WINDOW}분)과 롤백 임계값",
            "새 버전이 받는 트래픽",
            "누적 오류 요청",
            "카나리 비율별 오류 요청(120분, 로그 눈금)",
        ),
    )
    fig.update_layout(barmode="group")
    fig.update_xaxes(title_text="배포 후 경과(분)", range=[0, CANARY_MINUTES + 1], row=1, col=1)
    fig.update_yaxes(title_text="오류율(%)", rangemode="tozero", row=1, col=1)
    fig.update_xaxes(title_text="배포 후 경과(분)", row=1, col=2)
    fig.update_yaxes(title_text="새 버전 트래픽(%)", range=[0, 105], row=1, col=2)
    fig.update_xaxes(title_text="배포 후 경과(분)", row=2, col=1)
    fig.update_yaxes(title_text="오류로 답한 요청(건)", rangemode="tozero", row=2, col=1)
    fig.update_xaxes(title_text="카나리 비율", type="category", row=2, col=2)
    fig.update_yaxes(
        title_text="건",
        type="log",
        tickvals=[1, 10, 100, 1000, 10000],
        ticktext=["1", "10", "100", "1,000", "10,000"],
        range=[0, 4.6],
        row=2,
        col=2,
    )
    style_figure(fig, title=TITLE, alt="", height=720)
    return fig


@dataclass(frozen=True)
class Rollouts:
    """The chosen share with and without automatic rollback, and every share."""

    auto: CanaryRun
    manual: CanaryRun
    table: dict[str, dict[float, CanaryRun]]


def model(params: dict) -> Rollouts:
    """The model: the rollout of ``params`` with and without automatic rollback, and
    the affected requests of every canary share."""
    checked = SPEC.check(params)
    shared = {k: v for k, v in checked.items() if k not in ("canary_share", "auto_rollback")}
    return Rollouts(
        _rollout({**checked, "auto_rollback": True}),
        _rollout({**checked, "auto_rollback": False}),
        _cached_table(**shared),
    )


def figure(result: Rollouts) -> dict:
    """The rollout over time, and users affected by canary share with and without
    automatic rollback."""
    auto, manual, table = result.auto, result.manual, result.table
    canary_share, threshold = auto.params["canary_share"], auto.params["threshold"]
    new_error_rate = auto.params["new_error_rate"]
    minutes = list(range(1, MINUTES + 1))
    fig = _frame().copy()
    canary_minutes = minutes[:CANARY_MINUTES]
    # Until a rollback both runs are identical, so the run without automatic
    # rollback shows what the monitor saw during the whole canary phase.
    fig.add_trace(
        scatter(
            name="카나리 오류율",
            x=canary_minutes,
            y=[
                None if r is None else round(r * 100, 2)
                for r in manual.canary_error_rate[:CANARY_MINUTES]
            ],
            mode="lines+markers",
            marker={"size": 5, "symbol": "diamond", "color": PALETTE["vermillion"]},
            line={"color": PALETTE["vermillion"]},
            showlegend=False,
            hovertemplate="%{x}분: 오류율 %{y}%<extra></extra>",
        ),
        row=1,
        col=1,
    )
    guides = [
        hline(
            threshold * 100,
            ("x", "y"),
            line={"color": PALETTE["black"], "dash": "dash", "width": 1},
            label=f"임계 {percent(threshold)}",
            left=False,
        )
    ]
    if auto.rollback_minute:
        guides.append(
            vline(
                auto.rollback_minute,
                ("x", "y"),
                line={"color": PALETTE["green"], "width": 2},
                label=f"자동 롤백({auto.rollback_minute}분)",
            )
        )
    add_guides(fig, [g[0] for g in guides], [g[1] for g in guides])
    for run, name, colour, dash in (
        (auto, "자동 롤백", PALETTE["green"], "solid"),
        (manual, "자동 롤백 없음", PALETTE["vermillion"], "dash"),
    ):
        fig.add_trace(
            scatter(
                name=name,
                legendgroup=name,
                x=minutes,
                y=[round(share * 100, 1) for share in run.new_share],
                mode="lines",
                line={"color": colour, "dash": dash, "width": 2.5, "shape": "hv"},
                hovertemplate=f"{name}: %{{x}}분에 새 버전 %{{y}}%<extra></extra>",
            ),
            row=1,
            col=2,
        )
        fig.add_trace(
            scatter(
                name=name,
                legendgroup=name,
                showlegend=False,
                x=minutes,
                y=list(accumulate(run.new_errors)),
                mode="lines",
                line={"color": colour, "dash": dash, "width": 2.5},
                hovertemplate=f"{name}: %{{x}}분까지 %{{y:,}}건<extra></extra>",
            ),
            row=2,
            col=1,
        )
    labels = [f"{share:.0%}" for share in SHARES]
    for mode, name, colour, pattern in (
        ("auto", "자동 롤백", PALETTE["green"], ""),
        ("manual", "자동 롤백 없음", PALETTE["vermillion"], "x"),
    ):
        fig.add_trace(
            bar(
                name=name,
                legendgroup=name,
                showlegend=False,
                x=labels,
                y=[max(table[mode][share].affected_users, 0.9) for share in SHARES],
                text=[f"{table[mode][share].affected_users:,}" for share in SHARES],
                textposition="outside",
                cliponaxis=False,
                marker={"color": colour, "pattern": {"shape": pattern}},
                hovertemplate=f"카나리 %{{x}}, {name}: %{{text}}건<extra></extra>",
            ),
            row=2,
            col=2,
        )
    when = (
        f"{auto.rollback_minute}분에 자동으로 롤백되고, 그때까지 요청 {auto.affected_users:,}건이"
        if auto.rollback_minute
        else f"롤백되지 않고 요청 {auto.affected_users:,}건이"
    )
    fig.update_layout(
        title_text=f"카나리 배포와 자동 롤백 (카나리 {percent(canary_share)}, 임계 {percent(threshold)})",
        meta={
            "alt": (
                f"새 버전의 오류율이 {percent(new_error_rate)}일 때 카나리 {percent(canary_share)}로 "
                f"배포하면 {when} "
                f"오류로 답을 받습니다. 자동 롤백이 없으면 {MANUAL_DETECTION_MINUTE}분에 손으로 롤백할 때까지 "
                f"요청 {manual.affected_users:,}건이 오류로 답을 받습니다."
            )
        },
    )
    return fig.to_dict()


def explorer() -> dict:
    """Kernel-free explorer: a slider over the canary share."""
    defaults = SPEC.defaults()
    scenarios = [
        (f"{share:.0%}", figure(model({**defaults, "canary_share": share}))) for share in SHARES
    ]
    return slider_explorer(
        scenarios,
        label="카나리 비율",
        active=SHARES.index(defaults["canary_share"]),
        layout_keys=("annotations", "meta", "title", "shapes"),
    )


# ---------------------------------------------------------------- widget


def interactive():
    """Canary release with automatic rollback in all three media."""
    return make_interactive(TITLE, SPEC, model, figure, explorer(), columns=2)
