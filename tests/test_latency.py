"""Regression guard for the live widgets: an update's p95 stays under three times
its budget (100 ms, or 150 ms for the SimPy simulations). Loose enough for a noisy
machine, tight enough to catch an accidental tenfold slowdown. `make bench`
measures the same thing properly (50 changes per control)."""

import time

import pytest

from devops_course.latency import INTERACTIVES, budget_ms, measure

pytestmark = pytest.mark.slow  # hundreds of timed widget updates


@pytest.mark.parametrize("name", INTERACTIVES)
def test_widget_update_p95_is_within_three_times_its_budget(name):
    # CPU time of this process: browser tests on the other worker cannot inflate it.
    latency = measure(name, changes_per_control=6, clock=time.process_time)
    assert len(latency.updates) >= 6
    assert latency.p95 <= 3 * budget_ms(name), f"{name}: p95 {latency.p95:.0f} ms"
