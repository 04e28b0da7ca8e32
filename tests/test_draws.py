"""The pure-Python random draws the simulations use (no numpy, same in Pyodide)."""

from __future__ import annotations

import math
import statistics

import pytest

from devops_course.core.draws import binomial, binomial_quantile, generator, poisson


def test_a_seed_gives_the_same_draws_every_time():
    assert [generator(7).random() for _ in range(2)] == [generator(7).random()] * 2
    assert generator(5, 1).random() == generator(5, 1).random()


def test_sub_streams_are_independent_of_each_other():
    assert generator(5, 0).random() != generator(5, 1).random()
    assert generator(5, 0).random() != generator(5).random()


def test_the_draws_are_pinned():
    """The book's numbers rest on these exact draws; a change here changes the book."""
    rng = generator(42)
    assert round(rng.random(), 12) == 0.639426798458
    assert poisson(generator(7), 4.0) == 3
    assert poisson(generator(4), 2000.0) == 1964
    assert round(generator(3).normalvariate(0, 12), 9) == -11.835659078


@pytest.mark.parametrize("mean", [0.5, 4.0, 9.9, 10.0, 35.0, 2000.0])
def test_poisson_has_the_right_mean_and_variance(mean):
    rng = generator(1)
    sample = [poisson(rng, mean) for _ in range(4000)]
    tolerance = 5 * math.sqrt(mean / len(sample))
    assert statistics.fmean(sample) == pytest.approx(mean, abs=tolerance)
    assert statistics.pvariance(sample) == pytest.approx(mean, rel=0.15)
    assert min(sample) >= 0


def test_poisson_of_zero_is_zero():
    assert poisson(generator(1), 0) == 0


def test_binomial_counts_successes():
    rng = generator(2)
    sample = [binomial(rng, 20, 0.3) for _ in range(3000)]
    assert statistics.fmean(sample) == pytest.approx(6.0, abs=0.15)
    assert binomial(rng, 10, 0) == 0 and binomial(rng, 10, 1) == 10


@pytest.mark.parametrize(("trials", "p"), [(20, 0.05), (100, 0.3), (60, 0.8)])
def test_binomial_quantile_inverts_the_exact_distribution(trials, p):
    def cdf(k):
        return sum(math.comb(trials, i) * p**i * (1 - p) ** (trials - i) for i in range(k + 1))

    for u in (0.01, 0.2, 0.5, 0.8, 0.99):
        k = binomial_quantile(u, trials, p)
        assert cdf(k) >= u - 1e-9
        assert k == 0 or cdf(k - 1) < u + 1e-9


def test_binomial_quantile_never_falls_when_traffic_or_error_rate_grows():
    for u in (0.05, 0.5, 0.95):
        by_trials = [binomial_quantile(u, n, 0.05) for n in range(0, 3000, 50)]
        by_rate = [binomial_quantile(u, 500, p / 100) for p in range(0, 50)]
        assert by_trials == sorted(by_trials)
        assert by_rate == sorted(by_rate)


def test_binomial_quantile_edges():
    assert binomial_quantile(0.5, 0, 0.3) == 0
    assert binomial_quantile(0.5, 10, 0) == 0
    assert binomial_quantile(0.5, 10, 1) == 10
    assert 0 <= binomial_quantile(0.0, 10**6, 0.5) <= binomial_quantile(1.0, 10**6, 0.5) <= 10**6
