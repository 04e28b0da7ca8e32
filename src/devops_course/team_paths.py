"""Two-Pizza 팀과 소통 경로: communication paths grow as n(n-1)/2.

One team of n people has n(n-1)/2 pairs who may need to talk. Split into small
teams that each own their services, and the paths are the pairs inside each team
plus one path between each pair of teams (through an agreed API or a contact
person): far fewer. Amazon's "two-pizza team" is a team that two pizzas can feed,
usually taken as at most about eight to ten people.
"""

from __future__ import annotations

import math

import plotly.graph_objects as go
from plotly.subplots import make_subplots

from .display import Interactive
from .explorer import slider_explorer
from .live import LiveFigure, number_box
from .style import PALETTE, style_figure
from .validation import require_int

TWO_PIZZA_MAX = 8
SIZES = (10, 20, 50, 100)


def paths(people: int) -> int:
    """Communication paths among ``people``: n(n-1)/2."""
    n = require_int("인원", people, 1, 10_000)
    return n * (n - 1) // 2


def split_paths(people: int, team_size: int) -> tuple[int, int, int]:
    """Teams, paths inside the teams and paths between the teams when ``people``
    work in teams of at most ``team_size``."""
    n = require_int("인원", people, 1, 10_000)
    size = require_int("팀 크기", team_size, 1, 10_000)
    teams = math.ceil(n / size)
    base, extra = divmod(n, teams)
    inside = extra * paths(base + 1) + (teams - extra) * paths(base)
    return teams, inside, paths(teams)


def paths_figure(people: int = 50, team_size: int = TWO_PIZZA_MAX) -> go.Figure:
    """Paths against headcount for one big team and for small teams, and the
    breakdown at ``people``."""
    teams, inside, between = split_paths(people, team_size)
    top = max(people, 60)
    sizes = sorted({round(1 + (top - 1) * i / 199) for i in range(200)})  # at most 200 points
    fig = make_subplots(
        rows=1,
        cols=2,
        column_widths=[0.6, 0.4],
        horizontal_spacing=0.14,
        subplot_titles=("인원에 따른 소통 경로 수", f"{people}명일 때"),
    )
    fig.add_trace(
        go.Scatter(
            name="한 팀으로 일할 때: n(n−1)/2",
            x=sizes,
            y=[paths(n) for n in sizes],
            mode="lines",
            line={"color": PALETTE["vermillion"], "width": 3},
            hovertemplate="%{x}명 한 팀: 경로 %{y:,}개<extra></extra>",
        ),
        row=1,
        col=1,
    )
    fig.add_trace(
        go.Scatter(
            name=f"{team_size}명 이하 팀으로 나눌 때",
            x=sizes,
            y=[sum(split_paths(n, team_size)[1:]) for n in sizes],
            mode="lines",
            line={"color": PALETTE["blue"], "width": 3, "dash": "dash"},
            hovertemplate="%{x}명을 작은 팀으로: 경로 %{y:,}개<extra></extra>",
        ),
        row=1,
        col=1,
    )
    fig.add_trace(
        go.Bar(
            name="팀 안의 경로",
            x=["한 팀", f"{teams}개 팀"],
            y=[paths(people), inside],
            marker={"color": PALETTE["orange"], "pattern": {"shape": "/"}},
            text=[f"{paths(people):,}", f"{inside:,}"],
            textposition="inside",
            hovertemplate="%{x}: 팀 안 %{y:,}개<extra></extra>",
        ),
        row=1,
        col=2,
    )
    fig.add_trace(
        go.Bar(
            name="팀 사이의 경로",
            x=["한 팀", f"{teams}개 팀"],
            y=[0, between],
            marker={"color": PALETTE["sky"], "pattern": {"shape": "."}},
            text=["", f"{between:,}"],
            textposition="outside",
            cliponaxis=False,
            hovertemplate="%{x}: 팀 사이 %{y:,}개<extra></extra>",
        ),
        row=1,
        col=2,
    )
    fig.add_vline(x=people, line={"color": PALETTE["grey"], "dash": "dot"}, row=1, col=1)
    fig.update_layout(barmode="stack")
    fig.update_xaxes(title_text="인원(명)", row=1, col=1)
    fig.update_yaxes(title_text="소통 경로(개)", rangemode="tozero", row=1, col=1)
    fig.update_yaxes(title_text="소통 경로(개)", rangemode="tozero", row=1, col=2)
    style_figure(
        fig,
        title=f"Two-Pizza 팀: {people}명의 소통 경로",
        alt=(
            f"{people}명이 한 팀이면 소통 경로가 {paths(people):,}개입니다. {team_size}명 이하의 "
            f"팀 {teams}개로 나누면 팀 안 {inside:,}개와 팀 사이 {between:,}개, 모두 "
            f"{inside + between:,}개로 줄어듭니다."
        ),
        height=440,
    )
    return fig


def explorer_figure() -> go.Figure:
    """Kernel-free explorer: a slider over the headcount."""
    scenarios = [(f"{n}명", paths_figure(n)) for n in SIZES]
    return slider_explorer(
        scenarios,
        label="전체 인원",
        active=2,
        layout_keys=("annotations", "meta", "title", "shapes"),
    )


def interactive() -> Interactive:
    """Communication paths in all three media."""
    controls = {
        "people": number_box("전체 인원(1~10,000)", 50, integer=True),
        "team_size": number_box("팀 크기 상한", TWO_PIZZA_MAX, integer=True),
    }
    live = LiveFigure(controls, paths_figure, columns=2)
    return Interactive(live, explorer_figure(), "Two-Pizza 팀과 소통 경로")
