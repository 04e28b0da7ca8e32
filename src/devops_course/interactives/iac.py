"""코드형 인프라(IaC) 조정 데모: desired state, drift, plan and apply.

The desired state of a few servers is declared as data. The actual state starts
empty; ``apply`` creates what is declared. Then someone edits the servers by hand
(drift). ``plan`` compares the two states and lists the differences; ``apply``
reconciles the actual state to the declaration. Applying again changes nothing:
the operation is idempotent.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

from ..core.errors import CourseInputError
from ..core.explorer import slider_explorer
from ..core.figure import Figure
from ..core.live import make_interactive
from ..core.params import Field, Spec
from ..core.style import style_figure, styled_table
from ..core.validation import require_choice, require_int

SIZES = ("small", "medium", "large")
IMAGES = ("ubuntu-22.04", "ubuntu-24.04")
FIELDS = {"size": "크기", "image": "이미지", "ports": "열린 포트", "monitoring": "모니터링"}
NAME_PATTERN = re.compile(r"^[a-z][a-z0-9-]{0,30}$")
ACTION_SYMBOLS = {"create": "+ 생성", "update": "~ 변경", "delete": "- 삭제"}
ACTION_COLOURS = {
    "create": "#D7F0E5",
    "update": "#FCE8C3",
    "delete": "#F7D4C2",
    "differs": "#E8E8E8",
    None: "white",
}


@dataclass(frozen=True)
class Server:
    """One server's configuration."""

    size: str
    image: str
    ports: tuple[int, ...]
    monitoring: bool = True

    def checked(self, name: str) -> Server:
        """Return the server if every field is valid, else raise CourseInputError."""
        if not isinstance(name, str) or not NAME_PATTERN.match(name):
            raise CourseInputError(
                "서버 이름: 영문 소문자로 시작하고 소문자·숫자·하이픈만 쓴 31자 이내여야 합니다 "
                f"(받은 값: {name!r})."
            )
        require_choice(f"{name}의 크기", self.size, SIZES)
        require_choice(f"{name}의 이미지", self.image, IMAGES)
        for port in self.ports:
            require_int(f"{name}의 포트", port, 1, 65535)
        if not isinstance(self.monitoring, bool):
            raise CourseInputError(
                f"{name}의 모니터링: 참/거짓 값이어야 합니다 (받은 값: {self.monitoring!r})."
            )
        return replace(self, ports=tuple(sorted(set(self.ports))))


State = dict[str, Server]


@dataclass(frozen=True)
class Change:
    """One difference between the desired and the actual state."""

    action: str  # "create", "update" or "delete"
    name: str
    field: str | None = None
    before: object = None
    after: object = None

    def describe(self) -> str:
        """The change as one line of a plan, Terraform style."""
        if self.action == "create":
            return f"  + {self.name}: 새로 만듭니다"
        if self.action == "delete":
            return f"  - {self.name}: 선언에 없으므로 삭제합니다"
        return f"  ~ {self.name}.{self.field}: {_show(self.before)} → {_show(self.after)}"


def _show(value: object) -> str:
    if isinstance(value, tuple):
        return "[" + ", ".join(str(v) for v in value) + "]"
    if isinstance(value, bool):
        return "켜짐" if value else "꺼짐"
    return str(value)


def desired_state(web_servers: int = 2, size: str = "medium", image: str = "ubuntu-24.04") -> State:
    """The declaration: ``web_servers`` web servers and one database server."""
    count = require_int("웹 서버 수", web_servers, 0, 10)
    require_choice("웹 서버 크기", size, SIZES)
    require_choice("이미지", image, IMAGES)
    state = {f"web-{i}": Server(size, image, (80, 443)) for i in range(1, count + 1)}
    state["db-1"] = Server("large", image, (5432,))
    return validate_state(state)


def validate_state(state: State) -> State:
    """Check every server of ``state``; return a normalised copy."""
    return {name: server.checked(name) for name, server in sorted(state.items())}


def manual_drift(actual: State) -> State:
    """What hand edits typically do: scale one server up, open an SSH port,
    switch monitoring off, and start a server nobody declared."""
    drifted = dict(actual)
    names = sorted(name for name in drifted if name.startswith("web-"))
    if names:
        drifted[names[0]] = replace(drifted[names[0]], size="large")
    if "db-1" in drifted:
        db = drifted["db-1"]
        drifted["db-1"] = replace(db, ports=tuple(sorted(set(db.ports) | {22})), monitoring=False)
    drifted["debug-tmp"] = Server("small", "ubuntu-22.04", (22,), False)
    return validate_state(drifted)


def plan(desired: State, actual: State) -> tuple[Change, ...]:
    """List the changes that would make ``actual`` equal to ``desired``."""
    desired, actual = validate_state(desired), validate_state(actual)
    changes: list[Change] = []
    for name, want in desired.items():
        have = actual.get(name)
        if have is None:
            changes.append(Change("create", name, after=want))
            continue
        for field in FIELDS:
            before, after = getattr(have, field), getattr(want, field)
            if before != after:
                changes.append(Change("update", name, field, before, after))
    for name in actual:
        if name not in desired:
            changes.append(Change("delete", name, before=actual[name]))
    return tuple(changes)


def apply(desired: State, actual: State) -> tuple[State, tuple[Change, ...]]:
    """Reconcile: return the new actual state and the changes that were made."""
    changes = plan(desired, actual)
    return validate_state(desired), changes


def summary(changes: tuple[Change, ...]) -> str:
    """Terraform-style count line: 추가 n, 변경 n, 삭제 n."""
    counts = {action: sum(1 for c in changes if c.action == action) for action in ACTION_SYMBOLS}
    if not changes:
        return "변경 없음: 실제 상태가 선언과 같습니다."
    return f"계획: 추가 {counts['create']}, 변경 {counts['update']}, 삭제 {counts['delete']}"


def format_plan(changes: tuple[Change, ...]) -> str:
    """The plan as text, one line per change and a summary line."""
    return "\n".join([*(change.describe() for change in changes), summary(changes)])


# ---------------------------------------------------------------- scenario

STEPS = (
    "1. 선언",
    "2. 첫 apply",
    "3. 드리프트(손으로 수정)",
    "4. plan",
    "5. apply",
    "6. 다시 apply",
)
TITLE = "코드형 인프라(IaC) 조정 데모"
SPEC = Spec(
    web_servers=Field("웹 서버 수", 2, kind="integer", low=0, high=10),
    size=Field("웹 서버 크기", "medium", kind="choice", choices={s: s for s in SIZES}),
    image=Field("이미지", "ubuntu-24.04", kind="choice", choices={i: i for i in IMAGES}),
    step=Field("단계", 4, kind="choice", choices={i + 1: label for i, label in enumerate(STEPS)}),
)


@dataclass(frozen=True)
class Step:
    """One moment of the walkthrough."""

    title: str
    desired: State
    actual: State
    changes: tuple[Change, ...]
    note: str


def walkthrough(
    web_servers: int = 2, size: str = "medium", image: str = "ubuntu-24.04"
) -> list[Step]:
    """The six steps: declare, first apply, drift, plan, apply, apply again."""
    desired = desired_state(web_servers, size, image)
    empty: State = {}
    first_plan = plan(desired, empty)
    created, _ = apply(desired, empty)
    drifted = manual_drift(created)
    drift_plan = plan(desired, drifted)
    reconciled, applied = apply(desired, drifted)
    again, nothing = apply(desired, reconciled)
    return [
        Step(
            STEPS[0],
            desired,
            empty,
            first_plan,
            "아직 아무 서버도 없습니다. " + summary(first_plan),
        ),
        Step(STEPS[1], desired, created, (), "apply가 선언한 서버를 모두 만들었습니다."),
        Step(
            STEPS[2],
            desired,
            drifted,
            (),
            "누군가 콘솔에서 서버를 직접 고쳤습니다. 선언은 그대로입니다.",
        ),
        Step(STEPS[3], desired, drifted, drift_plan, summary(drift_plan)),
        Step(STEPS[4], desired, reconciled, applied, f"apply가 {len(applied)}가지를 되돌렸습니다."),
        Step(STEPS[5], desired, again, nothing, "두 번째 apply: " + summary(nothing) + " (멱등성)"),
    ]


# ---------------------------------------------------------------- figure


def _rows(step: Step) -> list[tuple[str, str, str, str, str, str]]:
    """Table rows: server, field, desired, actual, status text, colour key."""
    planned = {(change.name, change.field): change.action for change in step.changes}
    rows = []
    for name in sorted(set(step.desired) | set(step.actual)):
        want, have = step.desired.get(name), step.actual.get(name)
        for field, label in FIELDS.items():
            action = planned.get((name, field)) or planned.get((name, None))
            if action:
                status, colour = ACTION_SYMBOLS[action], action
            elif want and have and getattr(want, field) == getattr(have, field):
                status, colour = "✓ 같음", None
            else:
                status, colour = "≠ 다름", "differs"
            rows.append(
                (
                    name,
                    label,
                    _show(getattr(want, field)) if want else "(선언 없음)",
                    _show(getattr(have, field)) if have else "(없음)",
                    status,
                    colour,
                )
            )
    return rows


def model(params: dict) -> Step:
    """The model: the walkthrough for the declared servers, at the chosen step."""
    checked = SPEC.check(params)
    step = checked.pop("step")
    return walkthrough(**checked)[step - 1]


def figure(current: Step) -> dict:
    """A table of desired against actual state at one step of the walkthrough."""
    rows = _rows(current)
    colours = [ACTION_COLOURS[row[5]] for row in rows]
    fig = Figure()
    fig.add_trace(
        styled_table(
            ["서버", "항목", "원하는 상태(코드)", "실제 상태", "계획"],
            [list(column) for column in zip(*(row[:5] for row in rows))],
            fill=[colours] * 5,
            columnwidth=[1.1, 1.1, 1.6, 1.6, 1.2],
        )
    )
    style_figure(
        fig,
        title=f"코드형 인프라: {current.title}",
        alt=f"{current.title}. {current.note} 표는 서버마다 원하는 상태(코드)와 실제 상태, 계획된 변경을 보여 줍니다.",
        height=max(360, 190 + 25 * len(rows)),
    )
    fig.update_layout(
        margin={"l": 10, "r": 10, "t": 70, "b": 36},
        annotations=[
            {
                "text": current.note,
                "xref": "paper",
                "yref": "paper",
                "x": 0,
                "y": -0.02,
                "yanchor": "top",
                "showarrow": False,
                "font": {"size": 13},
            }
        ],
    )
    return fig.to_dict()


def explorer() -> dict:
    """Kernel-free explorer: a slider through the six steps."""
    defaults = SPEC.defaults()
    scenarios = [
        (STEPS[i].split(". ")[1].split("(")[0], figure(model({**defaults, "step": i + 1})))
        for i in range(len(STEPS))
    ]
    height = max(fig["layout"]["height"] for _, fig in scenarios)
    for _, fig in scenarios:
        fig["layout"]["height"] = height
    return slider_explorer(
        scenarios,
        label="단계",
        active=defaults["step"] - 1,
        data_keys=("cells.values", "cells.fill.color"),
        layout_keys=("annotations", "meta", "title"),
    )


# ---------------------------------------------------------------- widget


def interactive():
    """The IaC reconciliation demo in all three media."""
    return make_interactive(TITLE, SPEC, model, figure, explorer(), columns=2)
