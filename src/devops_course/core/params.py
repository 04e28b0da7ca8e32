"""Parameter specs: each input of an interactive written once.

A :class:`Field` holds a parameter's Korean label, unit, allowed range and
default. The same field validates the value (:meth:`Field.check`, through
:mod:`~devops_course.core.validation`) and labels the widget control
(:attr:`Field.caption`), so the range a learner reads next to a control is the
range the model enforces. A :class:`Spec` is the ordered set of an interactive's
fields.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from typing import Any

from .errors import CourseInputError
from .validation import format_bound, require_choice, require_int, require_number, shown

KINDS = ("number", "integer", "choice", "text")


@dataclass(frozen=True)
class Field:
    """One input: its Korean label, unit, allowed range and default.

    ``kind`` is ``"number"`` (a float in ``[low, high]``, or ``(low, high]`` with
    ``low_inclusive=False``), ``"integer"``, ``"choice"`` (one of ``choices``, a
    mapping of value to Korean label) or ``"text"`` (``low`` to ``high`` characters).
    ``control=False`` keeps a model input out of the widget; ``play=True`` shows an
    integer as a Play button that steps through its range (a replay position).
    ``limit`` names, in Korean, a rule the range alone cannot say because it depends
    on another field (e.g. "기간의 날수 이하"); the caption shows it.
    """

    label: str
    default: Any
    kind: str = "number"
    low: float = 0
    high: float = 0
    unit: str = ""
    choices: Mapping[str, str] = field(default_factory=dict)
    low_inclusive: bool = True
    step: float | None = None
    control: bool = True
    play: bool = False
    limit: str = ""

    def __post_init__(self):
        if self.kind not in KINDS:
            raise ValueError(f"unknown field kind {self.kind!r}")

    @property
    def range_text(self) -> str:
        """The allowed values in Korean, as the messages and the captions say them."""
        if self.kind == "choice":
            return ", ".join(self.choices.values())
        if self.kind == "text" and not self.low:
            return f"최대 {format_bound(self.high)}자"
        if self.kind == "text":
            return f"{format_bound(self.low)}~{format_bound(self.high)}자"
        if not self.low_inclusive:
            return f"{format_bound(self.low)} 초과 {format_bound(self.high)} 이하"
        return f"{format_bound(self.low)}~{format_bound(self.high)}"

    @property
    def caption(self) -> str:
        """The control's label: name, unit and allowed range, e.g. "인계 지연(시간, 0~168)"."""
        if self.kind == "choice":
            return self.label
        unit = f"{self.unit}, " if self.unit else ""
        limit = f", {self.limit}" if self.limit else ""
        return f"{self.label}({unit}{self.range_text}{limit})"

    def check(self, value: object) -> Any:
        """Return ``value`` in its canonical type, or raise CourseInputError in Korean."""
        if self.kind == "number":
            return require_number(
                self.label, value, self.low, self.high, low_inclusive=self.low_inclusive
            )
        if self.kind == "integer":
            return require_int(self.label, value, int(self.low), int(self.high))
        if self.kind == "choice":
            return require_choice(self.label, value, self.choices, labels=self.choices)
        return _require_text(self.label, value, int(self.low), int(self.high))


def _require_text(label: str, value: object, shortest: int, longest: int) -> str:
    text = value.strip() if isinstance(value, str) else None
    if text is None or not shortest <= len(text) <= longest:
        allowed = f"{shortest}자 이상 " if shortest else ""
        raise CourseInputError(
            f"{label}: {allowed}{longest}자 이하의 글자를 입력하세요 (받은 값: {shown(value)})."
        )
    return text


class Spec(Mapping[str, Field]):
    """The ordered fields of one interactive, by parameter name."""

    def __init__(self, **fields: Field):
        self._fields = fields

    def __getitem__(self, name: str) -> Field:
        return self._fields[name]

    def __iter__(self) -> Iterator[str]:
        return iter(self._fields)

    def __len__(self) -> int:
        return len(self._fields)

    def defaults(self) -> dict[str, Any]:
        """Every field's default value, by name."""
        return {name: spec.default for name, spec in self._fields.items()}

    def controls(self) -> dict[str, Field]:
        """The fields a widget shows, in order."""
        return {name: spec for name, spec in self._fields.items() if spec.control}

    def check(self, params: Mapping[str, Any] | None = None, **overrides: Any) -> dict[str, Any]:
        """Defaults, updated with ``params`` and ``overrides``, every value checked.

        This is every model's one gate: ``None`` and ``{}`` mean the defaults; input
        that is not a mapping of names, and unknown names, are refused in Korean, so
        a misspelt parameter cannot pass silently.
        """
        if params is None:
            params = {}
        if not isinstance(params, Mapping):
            raise CourseInputError(
                f"입력은 이름과 값의 짝(dict)이어야 합니다 (받은 값: {shown(params)})."
            )
        names = [*params, *overrides]
        strange = [name for name in names if not isinstance(name, str)]
        if strange:
            raise CourseInputError(
                f"입력 이름은 글자여야 합니다 (받은 값: {', '.join(shown(n) for n in strange)})."
            )
        unknown = sorted(set(names) - set(self._fields))
        if unknown:
            allowed = ", ".join(f"{name}({spec.label})" for name, spec in self._fields.items())
            raise CourseInputError(
                f"알 수 없는 입력 이름입니다: {', '.join(unknown)}. 가능한 이름: {allowed}."
            )
        values = {**self.defaults(), **params, **overrides}
        return {name: self._fields[name].check(value) for name, value in values.items()}
