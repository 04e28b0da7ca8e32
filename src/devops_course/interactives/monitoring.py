"""모니터링과 로깅: an alert rule's threshold and window trade detection delay
against false alarms.

A synthetic service reports its request latency and error rate every minute for
six hours. Normal traffic is noisy and has short harmless spikes; from minute 210
to 270 an incident slows requests down and makes some fail. An alert fires while
the moving average of the latency over the last ``window`` minutes is above
``threshold`` milliseconds.

* A low threshold or a short window notices the incident early, but also fires on
  harmless spikes (false alarms).
* A high threshold or a long window stays quiet, but notices late or never.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from functools import lru_cache
from statistics import fmean

from ..core.draws import generator
from ..core.explorer import add_view_buttons, slider_explorer
from ..core.figure import bar, scatter, subplots
from ..core.live import make_interactive
from ..core.params import Field, Spec
from ..core.style import PALETTE, add_guides, hline, rounded, style_figure, vband

MINUTES = 360
INCIDENT = (210, 270)  # minutes [start, end)
WINDOWS = (1, 5, 15)
THRESHOLDS = (160, 180, 200, 240, 280)
TITLE = "모니터링과 로깅: 경보 규칙"
SPEC = Spec(
    threshold=Field("임계값", 200.0, low=50, high=1000, unit="ms", step=10),
    window=Field("창 크기", 5, kind="integer", low=1, high=60, unit="분"),
    seed=Field("난수 시드", 3, kind="integer", low=0, high=2**31 - 1),
)


@dataclass(frozen=True)
class Telemetry:
    """One synthetic stream: latency (ms) and error rate (%) per minute."""

    latency: tuple[float, ...]
    error_rate: tuple[float, ...]


def telemetry(seed: int = 3) -> Telemetry:
    """The six-hour stream with the incident; deterministic for a seed."""
    return _telemetry(SPEC["seed"].check(seed))


@lru_cache(maxsize=8)
def _telemetry(seed: int) -> Telemetry:
    rng = generator(seed)
    latency = [120 + 10 * math.sin(m / 45) + rng.normalvariate(0, 12) for m in range(MINUTES)]
    errors = [max(0.0, 0.4 + rng.normalvariate(0, 0.15)) for _ in range(MINUTES)]
    # Harmless spikes: a garbage-collection pause, a cache refill, a batch job.
    for start, length, height in ((40, 2, 110), (125, 3, 85), (300, 2, 120), (330, 4, 70)):
        for minute in range(start, start + length):
            latency[minute] += height
    start, end = INCIDENT
    for minute in range(start, end):
        ramp = min((minute - start) / 10, 1.0)
        latency[minute] += 70 + 60 * ramp
        errors[minute] += 3.5 * ramp
    return Telemetry(tuple(latency), tuple(errors))


@dataclass(frozen=True)
class AlertResult:
    """What an alert rule did with the stream."""

    threshold: float
    window: int
    moving_average: tuple[float, ...]
    firing: tuple[bool, ...]  # per minute

    @property
    def episodes(self) -> list[tuple[int, int]]:
        """Alert episodes as (first minute, last minute + 1)."""
        episodes, first = [], None
        for minute, firing in enumerate((*self.firing, False)):
            if firing and first is None:
                first = minute
            elif not firing and first is not None:
                episodes.append((first, minute))
                first = None
        return episodes

    @property
    def false_alarms(self) -> int:
        """Episodes that start outside the incident."""
        start, end = INCIDENT
        return sum(1 for first, _ in self.episodes if not start <= first < end)

    @property
    def detection_delay(self) -> float | None:
        """Minutes from the incident's start to the first alert in it (None: missed)."""
        start, end = INCIDENT
        hits = [offset for offset, firing in enumerate(self.firing[start:end]) if firing]
        return float(hits[0]) if hits else None


def evaluate(threshold: float = 200, window: int = 5, seed: int = 3) -> AlertResult:
    """Apply the rule 'moving average over ``window`` minutes above ``threshold``'."""
    checked = SPEC.check(threshold=threshold, window=window, seed=seed)
    threshold, window = checked["threshold"], checked["window"]
    average = _average(checked["seed"], window)
    return AlertResult(threshold, window, average, tuple(value > threshold for value in average))


@lru_cache(maxsize=64)
def _average(seed: int, window: int) -> tuple[float, ...]:
    # one stream and window serve every threshold of the trade-off chart
    return tuple(moving_average(_telemetry(seed).latency, window))


def moving_average(values, window: int) -> list[float]:
    """The trailing mean over ``window`` points; the first value pads the start."""
    padded = [values[0]] * (window - 1) + list(values)
    return [fmean(padded[i : i + window]) for i in range(len(values))]


def tradeoff(window: int, thresholds=range(140, 321, 10), seed: int = 3) -> list[AlertResult]:
    """The rule evaluated over a range of thresholds for one window."""
    return [evaluate(t, window, seed) for t in thresholds]


# ---------------------------------------------------------------- figure

WINDOW_STYLE = {1: ("dot", "circle"), 5: ("solid", "diamond"), 15: ("dash", "square")}


@dataclass(frozen=True)
class MonitoringResult:
    """The chosen rule on the stream, and the rule and its trade-off curve for each
    window drawn."""

    chosen: AlertResult
    stream: Telemetry
    curves: dict[int, tuple[AlertResult, list[AlertResult]]]


def analyse(threshold: float, window: int, seed: int, windows=()) -> MonitoringResult:
    """The chosen rule, and the rule and trade-off of ``window`` and each of ``windows``."""
    chosen = evaluate(threshold, window, seed)
    drawn = list(windows) or [chosen.window]
    curves = {w: (evaluate(threshold, w, seed), tradeoff(w, seed=seed)) for w in drawn}
    return MonitoringResult(chosen, telemetry(seed), curves)


def model(params: dict) -> MonitoringResult:
    """The model: the alert rule of ``params`` on the stream, and its trade-off."""
    return analyse(**SPEC.check(params))


def _window_traces(
    result: AlertResult, curve: list[AlertResult], visible: bool
) -> tuple[list[dict], list[dict]]:
    """Traces of one window: (on the latency panel, on the trade-off panel)."""
    window, threshold = result.window, result.threshold
    minutes = list(range(MINUTES))
    dash, symbol = WINDOW_STYLE.get(window, ("solid", "circle"))
    starts = [int(first) for first, _ in result.episodes]
    inside = [INCIDENT[0] <= s < INCIDENT[1] for s in starts]
    delays = [r.detection_delay for r in curve]
    group = f"window-{window}"
    on_latency = [
        scatter(
            name=f"{window}분 이동 평균",
            legendgroup=group,
            x=minutes,
            y=rounded(result.moving_average, 1),
            mode="lines",
            line={"color": PALETTE["blue"], "width": 2.5, "dash": dash},
            visible=visible,
            hovertemplate="%{x}분: 평균 %{y}ms<extra></extra>",
        ),
        scatter(
            name="경보 시작",
            legendgroup=group,
            x=starts,
            y=[round(threshold + 25, 1)] * len(starts),
            mode="markers",
            marker={
                "symbol": ["triangle-down" if hit else "x" for hit in inside],
                "size": 13,
                "color": [PALETTE["green"] if hit else PALETTE["vermillion"] for hit in inside],
            },
            text=["장애 탐지" if hit else "오경보" for hit in inside],
            visible=visible,
            hovertemplate="%{x}분: %{text}<extra></extra>",
        ),
    ]
    thresholds = [r.threshold for r in curve]
    missed = 65  # where a missed incident is drawn on the delay axis
    on_tradeoff = [
        bar(
            name=f"창 {window}분: 오경보 횟수",
            legendgroup=group,
            showlegend=False,
            x=thresholds,
            y=[r.false_alarms for r in curve],
            marker={"color": PALETTE["vermillion"], "pattern": {"shape": "/"}, "opacity": 0.8},
            visible=visible,
            hovertemplate="임계값 %{x}ms: 오경보 %{y}번<extra></extra>",
        ),
        scatter(
            name=f"창 {window}분: 탐지 지연",
            legendgroup=group,
            showlegend=False,
            x=thresholds,
            y=[d if d is not None else missed for d in delays],
            text=[f"{d:.0f}분" if d is not None else "탐지 실패" for d in delays],
            mode="lines+markers",
            line={"color": PALETTE["blue"], "dash": dash},
            marker={"symbol": symbol, "size": 7, "color": PALETTE["blue"]},
            visible=visible,
            hovertemplate="임계값 %{x}ms: 탐지 %{text}<extra></extra>",
        ),
        scatter(
            name="현재 규칙",
            legendgroup=group,
            showlegend=False,
            x=[result.threshold],
            y=[result.detection_delay if result.detection_delay is not None else missed],
            mode="markers",
            marker={"symbol": "star", "size": 18, "color": PALETTE["black"]},
            visible=visible,
            hovertemplate="현재 규칙<extra></extra>",
        ),
    ]
    return on_latency, on_tradeoff


def figure(result: MonitoringResult) -> dict:
    """Latency with the alert rule, error rate, and the detection/false-alarm trade-off.

    Every window in ``result.curves`` is drawn; only the chosen one is visible (the
    explorer draws all of them and lets buttons pick one).
    """
    chosen, stream = result.chosen, result.stream
    fig = subplots(
        rows=2,
        cols=2,
        specs=[[{"colspan": 2}, None], [{}, {"secondary_y": True}]],
        row_heights=[0.55, 0.45],
        vertical_spacing=0.17,
        horizontal_spacing=0.12,
        subplot_titles=(
            "요청 지연 시간과 경보 규칙",
            "오류율",
            "임계값별 오경보(막대)와 탐지 지연(선)",
        ),
    )
    minutes = list(range(MINUTES))
    fig.add_trace(
        scatter(
            name="지연 시간(1분)",
            x=minutes,
            y=rounded(stream.latency, 1),
            mode="lines",
            line={"color": "#9BB8CF", "width": 1},
            hovertemplate="%{x}분: %{y}ms<extra></extra>",
        ),
        row=1,
        col=1,
    )
    fig.add_trace(
        scatter(
            name="오류율",
            x=minutes,
            y=rounded(stream.error_rate, 2),
            mode="lines",
            line={"color": PALETTE["purple"]},
            showlegend=False,
            hovertemplate="%{x}분: 오류 %{y}%<extra></extra>",
        ),
        row=2,
        col=1,
    )
    for w, (rule, curve) in result.curves.items():
        on_latency, on_tradeoff = _window_traces(rule, curve, visible=w == chosen.window)
        for trace in on_latency:
            fig.add_trace(trace, row=1, col=1)
        bars, *lines = on_tradeoff
        fig.add_trace(bars, row=2, col=2)
        for trace in lines:
            fig.add_trace(trace, row=2, col=2, secondary_y=True)
    bands = [
        vband(*INCIDENT, axes, colour=PALETTE["orange"], opacity=0.15)
        for axes in (("x", "y"), ("x2", "y2"))
    ]
    threshold_line, threshold_label = hline(
        chosen.threshold,
        ("x", "y"),
        line={"color": PALETTE["vermillion"], "dash": "dash"},
        label=f"임계값 {chosen.threshold:.0f}ms",
    )
    incident_label = {
        "x": (INCIDENT[0] + INCIDENT[1]) / 2,
        "y": 1,
        "xref": "x",
        "yref": "y domain",
        "text": "장애",
        "showarrow": False,
        "font": {"color": "#8A3B00"},
    }
    add_guides(fig, [*bands, threshold_line], [threshold_label, incident_label])
    fig.update_xaxes(title_text="시간(분)", row=1, col=1)
    fig.update_yaxes(title_text="ms", range=[60, 340], row=1, col=1)
    fig.update_xaxes(title_text="시간(분)", row=2, col=1)
    fig.update_yaxes(title_text="%", rangemode="tozero", row=2, col=1)
    fig.update_xaxes(title_text="임계값(ms)", row=2, col=2)
    fig.update_yaxes(title_text="오경보 횟수", rangemode="tozero", row=2, col=2, secondary_y=False)
    fig.update_yaxes(
        title_text="탐지 지연(분)",
        range=[-3, 70],
        tickvals=[0, 15, 30, 45, 65],
        ticktext=["0", "15", "30", "45", "실패"],
        showgrid=False,
        row=2,
        col=2,
        secondary_y=True,
    )
    delay = (
        f"장애를 {chosen.detection_delay:.0f}분 만에 탐지하고"
        if chosen.detection_delay is not None
        else "장애를 탐지하지 못하고"
    )
    return style_figure(
        fig,
        title="모니터링: 경보 임계값과 창 크기의 트레이드오프",
        alt=(
            f"{chosen.window}분 이동 평균이 {chosen.threshold:.0f}ms를 넘으면 울리는 경보는 "
            f"{delay} 오경보를 {chosen.false_alarms}번 냅니다. 임계값을 낮추거나 창을 줄이면 "
            "탐지는 빨라지지만 오경보가 늘고, 높이거나 늘리면 그 반대입니다."
        ),
        height=720,
    )


def explorer() -> dict:
    """Kernel-free explorer: a slider over the threshold, buttons for the window."""
    defaults = SPEC.defaults()
    scenarios = [
        (f"{t}ms", figure(analyse(t, defaults["window"], defaults["seed"], windows=WINDOWS)))
        for t in THRESHOLDS
    ]
    fig = slider_explorer(
        scenarios,
        label="임계값",
        active=THRESHOLDS.index(defaults["threshold"]),
        layout_keys=("annotations", "meta", "shapes"),
        data_keys=("x", "y", "text", "marker.symbol", "marker.color"),
    )
    views = []
    for window in WINDOWS:
        mask = [trace.get("legendgroup") in (None, f"window-{window}") for trace in fig["data"]]
        views.append((f"창 {window}분", mask, {}))
    return add_view_buttons(fig, views, active=WINDOWS.index(defaults["window"]))


# ---------------------------------------------------------------- widget


def interactive():
    """The monitoring trade-off in all three media."""
    return make_interactive(TITLE, SPEC, model, figure, explorer())
