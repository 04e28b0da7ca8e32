"""배포 빈도 비교: the seeds' deployment figures on a log scale, and the learner's own.

Figures and their sources:

* Amazon: a deployment every 11.6 seconds on average, on weekdays in May 2011
  (Jon Jenkins, O'Reilly Velocity 2011; seed 000; seed 001 says 11.7 s).
* Netflix: "하루 수천 번" (seed 001); drawn at 1,000 a day, the lower bound.
* Flickr: "10+ deploys per day" (Allspaw and Hammond, Velocity 2009; seed 002).
* Etsy: about 50 deploys a day, the figure Etsy's engineers gave in talks around
  2011-2014 (not in the seeds, which only say Etsy let developers deploy by late 2009).
* A traditional release: once a quarter.
"""

from __future__ import annotations

from dataclasses import dataclass

from ..core.errors import CourseInputError
from ..core.explorer import add_view_buttons
from ..core.figure import Figure, bar
from ..core.live import make_interactive
from ..core.params import Field, Spec
from ..core.style import PALETTE, style_figure

SECONDS_PER_DAY = 86_400
PERIODS = {
    "day": ("하루", 1),
    "week": ("일주일", 7),
    "month": ("한 달", 365 / 12),
    "quarter": ("분기", 365 / 4),
    "year": ("1년", 365),
}
TITLE = "배포 빈도 비교"
VIEW_NAMES = ("하루 배포 횟수", "배포 간격")
SPEC = Spec(
    name=Field("조직 이름", "우리 팀", kind="text", low=1, high=20),
    # Once a century at the rarest: a smaller count has no interval a figure can show.
    deploys=Field("배포 횟수", 2.0, low=0.01, high=10_000_000, limit="1초에 한 번 이하"),
    period=Field(
        "기간", "week", kind="choice", choices={key: label for key, (label, _) in PERIODS.items()}
    ),
    view=Field("보기", VIEW_NAMES[0], kind="choice", choices={v: v for v in VIEW_NAMES}),
)
# The static book has no reader to type an organisation's name, so its explorer
# compares the published organisations only; the widget always adds the learner's.
EXPLORER_DIFFERS = "The explorer leaves out the learner's own organisation."


@dataclass(frozen=True)
class Organisation:
    """One organisation's deployment frequency and where the figure comes from."""

    name: str
    deploys_per_day: float
    source: str
    from_seed: bool = True

    @property
    def interval_seconds(self) -> float:
        """Mean time between two deployments."""
        return SECONDS_PER_DAY / self.deploys_per_day


ORGANISATIONS = (
    Organisation("Amazon (2011)", SECONDS_PER_DAY / 11.6, "11.6초마다 1회, 2011년 5월 평일 평균"),
    Organisation("Netflix", 1000, "하루 수천 번(하한 1,000회로 표시)"),
    Organisation(
        "Etsy (2011~2014)", 50, "하루 약 50회, Etsy 엔지니어들의 발표(원문 밖 수치)", False
    ),
    Organisation("Flickr (2009)", 10, "하루 10회 이상(10+ Deploys per Day)"),
    Organisation("전통적 분기 릴리스", 1 / (365 / 4), "분기에 1회"),
)


def own_organisation(name: str, deploys: float, period: str) -> Organisation:
    """The learner's organisation: ``deploys`` deployments per ``period``."""
    checked = SPEC.check(name=name, deploys=deploys, period=period)
    name, count = checked["name"], checked["deploys"]
    days = PERIODS[period][1]
    per_day = count / days
    if per_day > SECONDS_PER_DAY:
        raise CourseInputError("배포 횟수: 1초에 한 번보다 잦은 배포는 이 도구의 범위 밖입니다.")
    return Organisation(
        f"{name.strip()} (우리 조직)", per_day, f"{PERIODS[period][0]}에 {count:g}회", False
    )


def human_interval(seconds: float) -> str:
    """'11.6초', '2.4시간', '91일' style labels."""
    if seconds < 60:
        return f"{seconds:.1f}초"
    if seconds < 3600:
        return f"{seconds / 60:.1f}분"
    if seconds < SECONDS_PER_DAY:
        return f"{seconds / 3600:.1f}시간"
    days = seconds / SECONDS_PER_DAY
    return f"{days:.1f}일" if days < 10 else f"{days:.0f}일"


def human_rate(per_day: float) -> str:
    """'하루 7,448회', '하루 0.011회' style labels."""
    return f"하루 {per_day:,.0f}회" if per_day >= 10 else f"하루 {per_day:.3g}회"


# ---------------------------------------------------------------- figure

RATE_TICKS = [0.01, 0.1, 1, 10, 100, 1000, 10000]
INTERVAL_TICKS = (
    [1, 60, 3600, SECONDS_PER_DAY, 7 * SECONDS_PER_DAY, 91 * SECONDS_PER_DAY],
    ["1초", "1분", "1시간", "1일", "1주", "분기"],
)


@dataclass(frozen=True)
class Comparison:
    """The organisations compared, slowest first, and the view shown."""

    organisations: tuple[Organisation, ...]
    view: str = VIEW_NAMES[0]


def compare(own: Organisation | None = None, view: str = VIEW_NAMES[0]) -> Comparison:
    """The published organisations and, if given, the learner's, slowest first."""
    organisations = [*ORGANISATIONS, *([own] if own else [])]
    return Comparison(tuple(sorted(organisations, key=lambda org: org.deploys_per_day)), view)


def model(params: dict) -> Comparison:
    """The model: the learner's organisation among the published ones."""
    checked = SPEC.check(params)
    own = own_organisation(checked["name"], checked["deploys"], checked["period"])
    return compare(own, checked["view"])


def figure(comparison: Comparison) -> dict:
    """Deployments per day and the interval between deployments, both on log axes;
    the view picks which of the two is shown."""
    organisations = list(comparison.organisations)
    names = [org.name for org in organisations]
    colours = [
        PALETTE["purple"]
        if "우리 조직" in org.name
        else PALETTE["blue"]
        if org.from_seed
        else PALETTE["grey"]
        for org in organisations
    ]
    patterns = [
        "x" if "우리 조직" in org.name else "" if org.from_seed else "/" for org in organisations
    ]
    common = {
        "orientation": "h",
        "y": names,
        "marker": {"color": colours, "pattern": {"shape": patterns}},
        "textposition": "outside",
        "cliponaxis": False,
        "customdata": [org.source for org in organisations],
        "showlegend": False,
    }
    fig = Figure()
    fig.add_trace(
        bar(
            x=[org.deploys_per_day for org in organisations],
            text=[human_rate(org.deploys_per_day) for org in organisations],
            hovertemplate="%{y}: %{text}<br>%{customdata}<extra></extra>",
            **common,
        )
    )
    fig.add_trace(
        bar(
            x=[org.interval_seconds for org in organisations],
            text=[human_interval(org.interval_seconds) + "마다" for org in organisations],
            hovertemplate="%{y}: %{text}<br>%{customdata}<extra></extra>",
            visible=False,
            **common,
        )
    )
    fig.update_xaxes(
        type="log",
        title_text="하루 배포 횟수(로그 눈금)",
        tickvals=RATE_TICKS,
        ticktext=[f"{t:g}" for t in RATE_TICKS],
        range=[-2.6, 4.9],
    )
    amazon = ORGANISATIONS[0]
    quarterly = ORGANISATIONS[-1]
    style_figure(
        fig,
        title="배포 빈도 비교 (로그 눈금)",
        alt=(
            f"Amazon(2011)은 하루 약 {amazon.deploys_per_day:,.0f}번, 11.6초마다 배포했고 Netflix는 "
            "하루 수천 번, Etsy는 약 50번, Flickr(2009)는 10번 이상 배포했습니다. 분기마다 릴리스하는 "
            f"조직과 Amazon의 차이는 약 {amazon.deploys_per_day / quarterly.deploys_per_day:,.0f}배입니다. "
            "파란 막대는 원문의 수치, 회색 빗금 막대는 원문 밖 수치입니다."
        ),
        height=420,
    )
    fig.update_layout(margin={"l": 170, "r": 110})
    label, mask, layout = next(v for v in VIEWS if v[0] == comparison.view)
    for trace, visible in zip(fig.data, mask):
        trace["visible"] = visible
    fig.update_layout(layout)
    return fig.to_dict()


VIEWS = (
    (
        "하루 배포 횟수",
        [True, False],
        {
            "xaxis.title.text": "하루 배포 횟수(로그 눈금)",
            "xaxis.tickvals": RATE_TICKS,
            "xaxis.ticktext": [f"{t:g}" for t in RATE_TICKS],
            "xaxis.range": [-2.6, 4.9],
        },
    ),
    (
        "배포 간격",
        [False, True],
        {
            "xaxis.title.text": "배포 사이의 평균 간격(로그 눈금)",
            "xaxis.tickvals": INTERVAL_TICKS[0],
            "xaxis.ticktext": INTERVAL_TICKS[1],
            "xaxis.range": [0.5, 8.3],
        },
    ),
)


def explorer() -> dict:
    """Kernel-free explorer: buttons switch between frequency and interval."""
    fig = figure(compare())
    return add_view_buttons(fig, VIEWS, y=1.08)


# ---------------------------------------------------------------- widget


def interactive():
    """Deployment frequency comparison, with the learner's organisation added."""
    return make_interactive(TITLE, SPEC, model, figure, explorer(), columns=2)
