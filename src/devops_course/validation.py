"""Input checks shared by every model, each raising a Korean message."""

from __future__ import annotations

import math
import numbers
from collections.abc import Iterable

from .errors import CourseInputError


def _format(value: float) -> str:
    """Format a bound for a message: integers without a decimal point."""
    if float(value).is_integer():
        return f"{int(value):,}"
    return f"{value:,g}"


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
        raise CourseInputError(f"{label}: 숫자를 입력하세요 (받은 값: {value!r}).")
    number = float(value)
    if math.isnan(number) or math.isinf(number):
        raise CourseInputError(f"{label}: 유한한 숫자를 입력하세요 (받은 값: {value!r}).")
    too_low = number < low if low_inclusive else number <= low
    if too_low or number > high:
        opening = "이상" if low_inclusive else "초과"
        raise CourseInputError(
            f"{label}: {_format(low)} {opening} {_format(high)} 이하의 값이어야 합니다 "
            f"(받은 값: {value!r})."
        )
    return number


def require_int(label: str, value: object, low: int, high: int) -> int:
    """Return ``value`` as an int if it is a whole number in ``[low, high]``."""
    if isinstance(value, bool) or not isinstance(value, numbers.Real):
        raise CourseInputError(f"{label}: 정수를 입력하세요 (받은 값: {value!r}).")
    number = float(value)
    if math.isnan(number) or math.isinf(number) or not number.is_integer():
        raise CourseInputError(f"{label}: 정수를 입력하세요 (받은 값: {value!r}).")
    if not low <= number <= high:
        raise CourseInputError(
            f"{label}: {_format(low)} 이상 {_format(high)} 이하의 정수여야 합니다 "
            f"(받은 값: {value!r})."
        )
    return int(number)


def require_choice(label: str, value: object, choices: Iterable[str]) -> str:
    """Return ``value`` if it is one of ``choices``."""
    allowed = list(choices)
    if value not in allowed:
        listed = ", ".join(allowed)
        raise CourseInputError(f"{label}: 다음 중 하나를 고르세요: {listed} (받은 값: {value!r}).")
    return value  # type: ignore[return-value]
