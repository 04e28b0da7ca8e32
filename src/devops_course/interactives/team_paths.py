"""Two-Pizza 팀과 소통 경로: communication paths grow as n(n-1)/2.

One team of n people has n(n-1)/2 pairs who may need to talk. Split into small
teams that each own their services, and the paths are the pairs inside each team
plus one path between each pair of teams (through an agreed API or a contact
person): far fewer. Amazon's "two-pizza team" is a team that two pizzas can feed,
usually taken as at most about eight to ten people.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from ..core.explorer import slider_explorer
from ..core.figure import bar, scatter, subplots
from ..core.live import make_interactive
from ..core.params import Field, Spec
from ..core.style import PALETTE, add_guides, style_figure, vline
from ..core.validation import require_int

TWO_PIZZA_MAX = 8
SIZES = (10, 20, 50, 100)
MAX_PEOPLE = 10_000
TITLE = "Two-Pizza 팀과 소통 경로"
SPEC = Spec(
    people=Field("전체 인원", 50, kind="integer", low=1, high=MAX_PEOPLE, unit="명"),
    team_size=Field(
        "팀 크기 상한", TWO_PIZZA_MAX, kind="integer", low=1, high=MAX_PEOPLE, unit="명"
    ),
)


def paths(people: int) -> int:
    """Communication paths among ``people``: n(n-1)/2."""
    return _paths(require_int("인원", people, 1, MAX_PEOPLE))


def _paths(n: int) -> int:
    return n * (n - 1) // 2


def split_paths(people: int, team_size: int) -> tuple[int, int, int]:
    """Teams, paths inside the teams and paths between the teams when ``people``
    work in teams of at most ``team_size``."""
    checked = SPEC.check(people=people, team_size=team_size)
    n, size = checked["people"], checked["team_size"]
    teams = math.ceil(n / size)
    base, extra = divmod(n, teams)
    inside = extra * _paths(base + 1) + (teams - extra) * _paths(base)
    return teams, inside, _paths(teams)


@dataclass(frozen=True)
class TeamPaths:
    """Paths at one headcount, split into teams, and the curves up to it."""

    people: int
    team_size: int
    teams: int
    inside: int
    between: int
    sizes: list[int]
    one_team: list[int]
    small_teams: list[int]


def model(params: dict) -> TeamPaths:
    """The model: paths for ``people`` in one team and in small teams, and both
    curves over headcount (at most 200 points)."""
    checked = SPEC.check(params)
    people, team_size = checked["people"], checked["team_size"]
    top = max(people, 60)
    sizes = sorted({round(1 + (top - 1) * i / 199) for i in range(200)})
    return TeamPaths(
        people,
        team_size,
        *split_paths(people, team_size),
        sizes,
        [_paths(n) for n in sizes],
        [sum(split_paths(n, team_size)[1:]) for n in sizes],
    )


def figure(result: TeamPaths) -> dict:
    """Paths against headcount for one big team and for small teams, and the
    breakdown at ``people``."""
    people, team_size, sizes = result.people, result.team_size, result.sizes
    teams, inside, between = result.teams, result.inside, result.between
    fig = subplots(
        rows=1,
        cols=2,
        column_widths=[0.6, 0.4],
        horizontal_spacing=0.14,
        subplot_titles=("인원에 따른 소통 경로 수", f"{people}명일 때"),
    )
    fig.add_trace(
        scatter(
            name="한 팀으로 일할 때: n(n−1)/2",
            x=sizes,
            y=result.one_team,
            mode="lines",
            line={"color": PALETTE["vermillion"], "width": 3},
            hovertemplate="%{x}명 한 팀: 경로 %{y:,}개<extra></extra>",
        ),
        row=1,
        col=1,
    )
    fig.add_trace(
        scatter(
            name=f"{team_size}명 이하 팀으로 나눌 때",
            x=sizes,
            y=result.small_teams,
            mode="lines",
            line={"color": PALETTE["blue"], "width": 3, "dash": "dash"},
            hovertemplate="%{x}명을 작은 팀으로: 경로 %{y:,}개<extra></extra>",
        ),
        row=1,
        col=1,
    )
    fig.add_trace(
        bar(
            name="팀 안의 경로",
            x=["한 팀", f"{teams}개 팀"],
            y=[paths(people), inside],
            marker={"color": PALETTE["orange"], "pattern": {"shape": "/"}},
            text=[f"{paths(people):,}", ""],
            textposition="inside",
            hovertemplate="%{x}: 팀 안 %{y:,}개<extra></extra>",
        ),
        row=1,
        col=2,
    )
    fig.add_trace(
        bar(
            name="팀 사이의 경로",
            x=["한 팀", f"{teams}개 팀"],
            y=[0, between],
            marker={"color": PALETTE["sky"], "pattern": {"shape": "."}},
            # Both numbers of the split bar above it: inside a short bar they would
            # shrink out of sight.
            text=["", f"팀 안 {inside:,}<br>팀 사이 {between:,}"],
            textposition="outside",
            cliponaxis=False,
            hovertemplate="%{x}: 팀 사이 %{y:,}개<extra></extra>",
        ),
        row=1,
        col=2,
    )
    people_line, _ = vline(people, fig.axes(1, 1), line={"color": PALETTE["grey"], "dash": "dot"})
    add_guides(fig, [people_line], [])
    fig.update_layout(barmode="stack")
    fig.update_xaxes(title_text="인원(명)", row=1, col=1)
    fig.update_yaxes(title_text="소통 경로(개)", rangemode="tozero", row=1, col=1)
    fig.update_yaxes(title_text="소통 경로(개)", rangemode="tozero", row=1, col=2)
    return style_figure(
        fig,
        title=f"Two-Pizza 팀: {people}명의 소통 경로",
        alt=(
            f"{people}명이 한 팀이면 소통 경로가 {paths(people):,}개입니다. {team_size}명 이하의 "
            f"팀 {teams}개로 나누면 팀 안 {inside:,}개와 팀 사이 {between:,}개, 모두 "
            f"{inside + between:,}개로 줄어듭니다."
        ),
        height=440,
    )


def explorer() -> dict:
    """Kernel-free explorer: a slider over the headcount."""
    defaults = SPEC.defaults()
    scenarios = [(f"{n}명", figure(model({**defaults, "people": n}))) for n in SIZES]
    return slider_explorer(
        scenarios,
        label="전체 인원",
        active=SIZES.index(defaults["people"]),
        layout_keys=("annotations", "meta", "title", "shapes"),
    )


def interactive():
    """Communication paths in all three media."""
    return make_interactive(TITLE, SPEC, model, figure, explorer(), columns=2)
