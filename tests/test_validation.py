"""The shared input checks: every rejection is a CourseInputError in Korean."""

import math

import pytest
from hypothesis import given
from hypothesis import strategies as st

from devops_course.core.errors import CourseInputError
from devops_course.core.validation import require_choice, require_int, require_number


def test_number_in_range_is_returned_as_float():
    assert require_number("지연", 3, 0, 10) == 3.0


@pytest.mark.parametrize(
    "value, expected",
    [
        (-1, "0 이상 10 이하"),
        (11, "0 이상 10 이하"),
        (float("nan"), "유한한 숫자"),
        (math.inf, "유한한 숫자"),
        ("3", "숫자를 입력"),
        (None, "숫자를 입력"),
        (True, "숫자를 입력"),
    ],
)
def test_bad_numbers_get_korean_messages(value, expected):
    with pytest.raises(CourseInputError, match=expected) as error:
        require_number("지연", value, 0, 10)
    assert str(error.value).startswith("지연:")


def test_exclusive_lower_bound():
    with pytest.raises(CourseInputError, match="0 초과"):
        require_number("간격", 0, 0, 5, low_inclusive=False)


@pytest.mark.parametrize("value", [2.5, -1, 101, "7", float("nan"), 10**30])
def test_bad_integers(value):
    with pytest.raises(CourseInputError, match="정수"):
        require_int("변경 수", value, 1, 100)


def test_integer_valued_float_is_accepted():
    assert require_int("변경 수", 5.0, 1, 100) == 5


def test_choice():
    assert require_choice("조직", "silo", ["silo", "devops"]) == "silo"
    with pytest.raises(CourseInputError, match="silo, devops"):
        require_choice("조직", "team", ["silo", "devops"])


@given(st.floats(allow_nan=True, allow_infinity=True))
def test_require_number_either_returns_in_range_or_raises(value):
    try:
        result = require_number("값", value, -5, 5)
    except CourseInputError as error:
        assert "값:" in str(error)
    else:
        assert -5 <= result <= 5
