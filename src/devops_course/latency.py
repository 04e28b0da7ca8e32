"""Time the live widgets: every control changed programmatically, model and figure
rebuilt each time. Used by `make bench` and by the latency regression test."""

from __future__ import annotations

import importlib
import statistics
import time
from dataclasses import dataclass

import ipywidgets as widgets
import plotly.io as pio

INTERACTIVES = (
    "handoff",
    "small_batches",
    "pipeline",
    "iac",
    "monitoring",
    "feedback_loops",
    "value_stream",
    "dora",
    "deploy_frequency",
    "canary",
    "case_metrics",
    "error_budget",
    "team_paths",
    "roadmap",
)
SIMPY = {"handoff", "pipeline", "value_stream"}  # discrete-event simulations
BUDGET_MS = 100.0
SIMPY_BUDGET_MS = 150.0


def budget_ms(name: str) -> float:
    """The p95 budget of one interactive's update."""
    return SIMPY_BUDGET_MS if name in SIMPY else BUDGET_MS


def _values(control, count: int):
    """``count`` valid new values for a control, alternating around its start."""
    start = control.value
    for i in range(count):
        if isinstance(control, widgets.Play):
            yield (start + 2 * (i + 1)) % (control.max + 1)
        elif isinstance(control, widgets.IntText):
            yield start + (i % 2 == 0)
        elif isinstance(control, widgets.FloatText):
            yield start * (0.99 if i % 2 == 0 else 1.0) if start else 0.01 * (i % 2 + 1)
        elif isinstance(control, widgets.Dropdown):
            options = [o[1] if isinstance(o, tuple) else o for o in control.options]
            yield options[(options.index(start) + i + 1) % len(options)]
        elif isinstance(control, widgets.Text):
            yield start if i % 2 else start + " "


@dataclass
class Latency:
    """Update and floor times of one interactive, in milliseconds."""

    name: str
    updates: list[float]
    floors: list[float]

    @staticmethod
    def _p95(values: list[float]) -> float:
        ordered = sorted(values)
        return ordered[max(0, round(0.95 * len(ordered)) - 1)]

    @property
    def median(self) -> float:
        return statistics.median(self.updates)

    @property
    def p95(self) -> float:
        return self._p95(self.updates)

    @property
    def floor_median(self) -> float:
        return statistics.median(self.floors)


def measure(name: str, changes_per_control: int = 50, clock=time.perf_counter) -> Latency:
    """Change every control of ``name``'s widget and time each update.

    ``clock`` is wall time by default; the regression test passes
    ``time.process_time`` (CPU time of this process), which other processes on a
    busy machine cannot inflate."""
    live = importlib.import_module(f"devops_course.{name}").interactive().live
    updates, floors = [], []
    for control in live.controls.values():
        original = control.value
        for value in _values(control, changes_per_control):
            started = clock()
            control.value = value
            updates.append((clock() - started) * 1000)
            started = clock()
            pio.to_json(live.figure, validate=False)
            floors.append((clock() - started) * 1000)
            if live.error_text:
                raise AssertionError(f"{name}: {value!r} was rejected: {live.error_text}")
        control.value = original
    return Latency(name, updates, floors)
