"""Regression guard for the live widgets: an update's median stays within three
times its floor (checking the values, running the model and serialising the figure,
timed on the same values). Looser than `make bench`'s budget of two, which measures
50 changes per control, so a noisy machine does not fail it, but an accidental
return to slow figure building (ten times the floor or more) does."""

import time

import pytest
from latency import INTERACTIVES, measure

pytestmark = pytest.mark.slow  # hundreds of timed widget updates


@pytest.mark.parametrize("name", INTERACTIVES)
def test_widget_update_median_is_within_three_times_its_floor(name):
    # CPU time of this process: browser tests on the other worker cannot inflate it.
    latency = measure(name, changes_per_control=6, clock=time.process_time)
    assert len(latency.updates) >= 6
    assert latency.ratio <= 3, (
        f"{name}: median {latency.median:.1f} ms is {latency.ratio:.1f}x "
        f"its floor {latency.floor_median:.1f} ms"
    )
