"""Time the live widgets: every control changed programmatically, model and figure
rebuilt each time. Used by `make bench` and by the latency regression test.

Each update is timed next to its floor, measured on the same values in the same
run: running the model (which checks the values), and sending the figure it drew
through the widget again, which serialises it to JSON as the kernel would. An
update does all that plus drawing the figure; the budget is a median at most
twice the floor (a floor counts as at least 1 ms)."""

from __future__ import annotations

import json
import statistics
import time
from dataclasses import dataclass

import comm
import ipywidgets as widgets

from devops_course.interactives import NAMES, load

INTERACTIVES = NAMES
MEDIAN_RATIO_BUDGET = 2.0
# Below a millisecond, a ratio measures the clock and the interpreter, not the
# widget: floors are counted as at least this much.
FLOOR_AT_LEAST_MS = 1.0


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


class SerialisingComm(comm.DummyComm):
    """A comm with no front end that still serialises every message to JSON, as the
    kernel's session does before sending it."""

    def publish_msg(self, msg_type, data=None, metadata=None, buffers=None, **keys):
        json.dumps(data)


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
        return max(statistics.median(self.floors), FLOOR_AT_LEAST_MS)

    @property
    def ratio(self) -> float:
        """Median update time over median floor time."""
        return self.median / self.floor_median


def measure(name: str, changes_per_control: int = 50, clock=time.perf_counter) -> Latency:
    """Change every control of ``name``'s widget and time each update and its floor.

    ``clock`` is wall time by default; the regression test passes
    ``time.process_time`` (CPU time of this process), which other processes on a
    busy machine cannot inflate."""
    module = load(name)
    create_comm = comm.create_comm
    comm.create_comm = SerialisingComm
    try:
        live = module.interactive().live
    finally:
        comm.create_comm = create_comm
    updates, floors = [], []
    for control in live.controls.values():
        original = control.value
        for value in _values(control, changes_per_control):
            started = clock()
            control.value = value
            updates.append((clock() - started) * 1000)
            if live.error_text:
                raise AssertionError(f"{name}: {value!r} was rejected: {live.error_text}")
            started = clock()
            module.model(live.values)
            live.output.send_state("outputs")
            floors.append((clock() - started) * 1000)
        control.value = original
    return Latency(name, updates, floors)
