"""Seeded random draws in pure Python, identical on CPython and in Pyodide.

The models draw from :class:`random.Random` only. Its Mersenne Twister, integer and
string seeding, ``expovariate``, ``gammavariate`` and ``normalvariate`` are the same
code on CPython 3.11 (the book's kernel) and 3.14 (Pyodide in the browser), so a seed
gives the same draws in both. ``binomialvariate`` arrived in 3.12, and there is no
Poisson sampler, so both are written here on top of ``random()``.
"""

from __future__ import annotations

import math
import random
from statistics import NormalDist

# Above this mean the transformed-rejection Poisson sampler is used; below it, the
# product-of-uniforms method (exact, and fast for small means).
_PTRS_MEAN = 10.0
# Above this variance a binomial quantile uses the normal approximation, whose
# error is then below one count; below it the exact cumulative sum is used.
_NORMAL_VARIANCE = 50.0
_STANDARD_NORMAL = NormalDist()


def generator(seed: int, *stream: int) -> random.Random:
    """A generator for ``seed``; ``stream`` numbers give independent sub-streams.

    ``generator(5, 0)`` and ``generator(5, 1)`` are unrelated, so a model can give
    each stage or each person its own luck, and changing one leaves the others alone.
    """
    if not stream:
        return random.Random(seed)
    return random.Random("/".join(str(part) for part in (seed, *stream)))


def poisson(rng: random.Random, mean: float) -> int:
    """One Poisson draw (Knuth's method below a mean of 10, Hörmann's PTRS above)."""
    if mean <= 0:
        return 0
    if mean < _PTRS_MEAN:
        limit, count, product = math.exp(-mean), 0, rng.random()
        while product > limit:
            count += 1
            product *= rng.random()
        return count
    return _poisson_ptrs(rng, mean)


def _poisson_ptrs(rng: random.Random, mean: float) -> int:
    # W. Hörmann, "The transformed rejection method for generating Poisson random
    # variables", Insurance: Mathematics and Economics 12 (1993) 39-45.
    root, log_mean = math.sqrt(mean), math.log(mean)
    b = 0.931 + 2.53 * root
    a = -0.059 + 0.02483 * b
    log_inverse_alpha = math.log(1.1239 + 1.1328 / (b - 3.4))
    v_r = 0.9277 - 3.6224 / (b - 2)
    while True:
        u = rng.random() - 0.5
        v = rng.random()
        us = 0.5 - abs(u)
        k = math.floor((2 * a / us + b) * u + mean + 0.43) if us > 0 else -1
        if us >= 0.07 and v <= v_r:
            return k
        if k < 0 or (us < 0.013 and v > us):
            continue
        accept = -mean + k * log_mean - math.lgamma(k + 1)
        if math.log(v) + log_inverse_alpha - math.log(a / (us * us) + b) <= accept:
            return k


def binomial(rng: random.Random, trials: int, probability: float) -> int:
    """One binomial draw as ``trials`` Bernoulli draws (for the small counts here)."""
    return sum(1 for _ in range(trials) if rng.random() < probability)


def binomial_quantile(u: float, trials: int, probability: float) -> int:
    """The smallest k with P(X <= k) >= u for X ~ Binomial(trials, probability).

    Driven by one uniform ``u``, the count never decreases when ``trials`` or
    ``probability`` grows: every setting sees the same luck (common random numbers).
    """
    if trials <= 0 or probability <= 0:
        return 0
    if probability >= 1:
        return trials
    if probability > 0.5:
        return trials - binomial_quantile(1.0 - u, trials, 1.0 - probability)
    mean = trials * probability
    variance = mean * (1.0 - probability)
    if variance > _NORMAL_VARIANCE:
        u = min(max(u, 1e-12), 1 - 1e-12)
        count = math.floor(mean + math.sqrt(variance) * _STANDARD_NORMAL.inv_cdf(u) + 0.5)
        return min(max(count, 0), trials)
    mass = math.exp(trials * math.log1p(-probability))
    cumulative, count, odds = mass, 0, probability / (1.0 - probability)
    while cumulative < u and count < trials:
        mass *= (trials - count) / (count + 1) * odds
        count += 1
        cumulative += mass
    return count
