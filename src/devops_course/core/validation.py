"""Input checks shared by every model, each raising a Korean message."""

from __future__ import annotations

import math
import numbers
from collections.abc import Iterable, Mapping

from .errors import CourseInputError


def format_bound(value: float) -> str:
    """Format a bound for a message: integers without a decimal point."""
    if float(value).is_integer():
        return f"{int(value):,}"
    return f"{value:,g}"


def shown(value: object) -> str:
    """The value as a message quotes it: its repr, cut short if very long."""
    text = repr(value)
    return text if len(text) <= 40 else text[:39] + "…"


def _beyond_float(value: numbers.Real) -> bool:
    """True for a number too large to be a float (a huge int), whatever its range."""
    try:
        float(value)
    except OverflowError:
        return True
    return False


def require_number(
    label: str,
    value: object,
    low: float,
    high: float,
    *,
    low_inclusive: bool = True,
) -> float:
    """Return ``value`` as a float if it is a real number in the allowed range.

    ``label`` is the Korean name of the quantity, used in the message.
    Booleans, strings, NaN and infinities are rejected.
    """
    if isinstance(value, bool) or not isinstance(value, numbers.Real):
        problem = "숫자를 입력하세요"
    elif _beyond_float(value):
        problem = "값이어야 합니다"
    elif math.isnan(value) or math.isinf(value):
        problem = "유한한 숫자를 입력하세요"
    elif (value < low if low_inclusive else value <= low) or value > high:
        problem = "값이어야 합니다"
    else:
        return float(value)
    opening = "이상" if low_inclusive else "초과"
    allowed = f"{format_bound(low)} {opening} {format_bound(high)} 이하"
    raise CourseInputError(f"{label}: {allowed}의 {problem} (받은 값: {shown(value)}).")


def require_int(label: str, value: object, low: int, high: int) -> int:
    """Return ``value`` as an int if it is a whole number in ``[low, high]``."""
    whole = (
        not isinstance(value, bool)
        and isinstance(value, numbers.Real)
        and not _beyond_float(value)
        and math.isfinite(value)
        and float(value).is_integer()
    )
    if whole and low <= value <= high:
        return int(value)
    allowed = f"{format_bound(low)} 이상 {format_bound(high)} 이하의 정수"
    ending = "여야 합니다" if whole else "를 입력하세요"
    raise CourseInputError(f"{label}: {allowed}{ending} (받은 값: {shown(value)}).")


def require_choice(
    label: str,
    value: object,
    choices: Iterable[str],
    *,
    labels: Mapping[str, str] | None = None,
) -> str:
    """Return ``value`` if it is one of ``choices``.

    The message lists the choices by their Korean ``labels`` when given.
    """
    allowed = list(choices)
    # True == 1 in Python; a flag is not a step number unless the choices are flags.
    is_stray_flag = isinstance(value, bool) and not any(isinstance(c, bool) for c in allowed)
    # 4.0 == 4 and Decimal("3") == 3: hand back the choice itself, never the caller's twin.
    matches = [] if is_stray_flag else [choice for choice in allowed if _same(choice, value)]
    if not matches:
        listed = ", ".join((labels or {}).get(choice, choice) for choice in allowed)
        raise CourseInputError(
            f"{label}: 다음 중 하나를 고르세요: {listed} (받은 값: {shown(value)})."
        )
    return matches[0]


def _same(choice: object, value: object) -> bool:
    """True if ``value`` equals ``choice`` (an unhashable or odd value never does)."""
    try:
        return bool(choice == value)
    except Exception:  # a value whose == raises is simply not a choice
        return False
