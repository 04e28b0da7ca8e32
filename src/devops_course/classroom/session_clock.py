"""세션 시계: a countdown through a session plan's timeboxes, for the instructor.

The plan is data: ``data/session_plans.json`` holds the plans of the book (chapter
5's Session 7: 5 -> 25 -> 10 -> 8 -> 7 minutes, and its workshop: 5 -> 2), and an
instructor can pass their own list of ``(title, minutes)`` pairs.

The clock itself runs in the browser (a small self-contained script), so the same
output works live in JupyterLab and in the static book: it shows the current
segment, the time left and what comes next, and can be started, paused, skipped
and reset. On paper it prints as the plan's table.
"""

from __future__ import annotations

import hashlib
import html
import json
import math
from dataclasses import dataclass
from importlib import resources

from ..core.errors import CourseInputError

PLANS_FILE = resources.files("devops_course.classroom") / "data" / "session_plans.json"
MAX_MINUTES = 8 * 60


@dataclass(frozen=True)
class Segment:
    """One timebox of a session."""

    title: str
    minutes: float


def check_plan(segments) -> tuple[Segment, ...]:
    """Validate a plan given as (title, minutes) pairs or dicts; Korean errors."""
    if isinstance(segments, (str, bytes)) or not hasattr(segments, "__iter__"):
        raise CourseInputError("세션 계획: (제목, 분) 쌍의 목록이어야 합니다.")
    checked = []
    for number, item in enumerate(segments, start=1):
        if isinstance(item, dict):
            title, minutes = item.get("title"), item.get("minutes")
        elif isinstance(item, (tuple, list)) and len(item) == 2:
            title, minutes = item
        else:
            raise CourseInputError(
                f"세션 계획 {number}번째 구간: (제목, 분) 형태여야 합니다 (받은 값: {item!r})."
            )
        if not isinstance(title, str) or not title.strip():
            raise CourseInputError(f"세션 계획 {number}번째 구간: 제목이 비어 있습니다.")
        if (
            isinstance(minutes, bool)
            or not isinstance(minutes, (int, float))
            or math.isnan(minutes)
        ):
            raise CourseInputError(
                f"세션 계획 '{title}': 시간은 분 단위 숫자여야 합니다 (받은 값: {minutes!r})."
            )
        if not 0 < minutes <= MAX_MINUTES:
            raise CourseInputError(
                f"세션 계획 '{title}': 시간은 0분보다 길고 {MAX_MINUTES}분 이하여야 합니다 (받은 값: {minutes!r})."
            )
        checked.append(Segment(title.strip(), float(minutes)))
    if not checked:
        raise CourseInputError("세션 계획: 구간이 하나도 없습니다. 적어도 한 구간을 넣으세요.")
    return tuple(checked)


def load_plan(name: str) -> tuple[str, tuple[Segment, ...]]:
    """The title and the segments of a plan stored in ``data/session_plans.json``."""
    plans = json.loads(PLANS_FILE.read_text(encoding="utf-8"))
    if name not in plans:
        raise CourseInputError(f"세션 계획 '{name}'이 없습니다. 있는 계획: {', '.join(plans)}.")
    return plans[name]["title"], check_plan(plans[name]["segments"])


def _format(minutes: float) -> str:
    return f"{minutes:g}분"


SCRIPT = r"""
(function () {
  var root = document.getElementById("%(id)s");
  if (!root || root.dataset.ready) { return; }
  root.dataset.ready = "1";
  var plan = JSON.parse(root.querySelector("script[type='application/json']").textContent);
  var state = { index: 0, left: plan[0].minutes * 60, running: false, timer: null };
  var $ = function (name) { return root.querySelector("[data-part='" + name + "']"); };
  function pad(n) { return (n < 10 ? "0" : "") + n; }
  function show() {
    var segment = plan[state.index];
    var left = Math.max(0, Math.ceil(state.left));
    $("current").textContent = segment ? segment.title : "세션 끝";
    $("left").textContent = segment ? pad(Math.floor(left / 60)) + ":" + pad(left %% 60) : "00:00";
    var next = plan[state.index + 1];
    $("next").textContent = next ? next.title + " (" + next.minutes + "분)" : "없음 (마지막 구간)";
    $("toggle").textContent = state.running ? "일시정지" : (state.index === 0 && left === plan[0].minutes * 60 ? "시작" : "계속");
    $("toggle").setAttribute("aria-pressed", String(state.running));
    var total = segment ? segment.minutes * 60 : 1;
    $("bar").style.width = (segment ? 100 * (1 - state.left / total) : 100) + "%%";
    root.querySelectorAll("li[data-segment]").forEach(function (item, i) {
      item.classList.toggle("course-clock-now", i === state.index);
      item.classList.toggle("course-clock-done", i < state.index);
    });
  }
  function announce(text) { $("status").textContent = text; }
  function advance() {
    state.index += 1;
    if (state.index >= plan.length) {
      stop();
      state.index = plan.length;
      state.left = 0;
      announce("세션이 끝났습니다.");
    } else {
      state.left = plan[state.index].minutes * 60;
      announce("다음 구간: " + plan[state.index].title);
    }
  }
  function tick() {
    state.left -= 1;
    if (state.left <= 0) { advance(); }
    show();
  }
  function stop() {
    state.running = false;
    if (state.timer) { clearInterval(state.timer); state.timer = null; }
  }
  $("toggle").addEventListener("click", function () {
    if (state.index >= plan.length) { return; }
    if (state.running) { stop(); announce("일시정지"); }
    else { state.running = true; state.timer = setInterval(tick, 1000); announce("진행 중: " + plan[state.index].title); }
    show();
  });
  $("skip").addEventListener("click", function () {
    if (state.index < plan.length) { advance(); show(); }
  });
  $("reset").addEventListener("click", function () {
    stop();
    state.index = 0;
    state.left = plan[0].minutes * 60;
    announce("처음으로 되돌렸습니다.");
    show();
  });
  var hint = $("hint");
  if (hint) { hint.hidden = true; }
  show();
})();
"""

STYLE = """
<style>
.course-clock { border: 2px solid #1F4E79; border-radius: 8px; padding: 0.8rem 1rem; max-width: 640px;
  font-family: inherit; background: #FFFFFF; color: #1A1A1A; margin: 0.8rem 0; }
.course-clock .course-clock-title { margin: 0 0 0.4rem; font-size: 1.05rem; font-weight: 700; }
.course-clock .course-clock-time { font-size: 2.6rem; font-weight: 700; font-variant-numeric: tabular-nums; }
.course-clock .course-clock-track { height: 8px; background: #E6E6E6; border-radius: 4px; overflow: hidden; }
.course-clock .course-clock-bar { height: 8px; background: #0072B2; width: 0; }
.course-clock button { margin: 0.5rem 0.4rem 0.2rem 0; padding: 0.3rem 0.9rem; border: 1px solid #1F4E79;
  border-radius: 4px; background: #F2F7FB; color: #1F4E79; font-size: 0.95rem; cursor: pointer; }
.course-clock button:focus-visible { outline: 3px solid #0072B2; outline-offset: 2px; }
.course-clock ul { margin: 0.4rem 0 0; padding-left: 1.2rem; font-size: 0.9rem; }
.course-clock li.course-clock-now { font-weight: 700; }
.course-clock li.course-clock-done { color: #555555; text-decoration: line-through; }
.course-clock .visually-hidden { position: absolute; width: 1px; height: 1px; overflow: hidden;
  clip: rect(0 0 0 0); white-space: nowrap; }
</style>
"""


class SessionClock:
    """A session countdown; display it as the last thing in a cell."""

    def __init__(self, plan="session7", title: str | None = None):
        if isinstance(plan, str):
            stored_title, self.segments = load_plan(plan)
            self.title = title or stored_title
        else:
            self.segments = check_plan(plan)
            self.title = title or "세션 시계"
        digest = hashlib.sha256(repr((self.title, self.segments)).encode()).hexdigest()[:10]
        self.element_id = f"clock-{digest}"

    @property
    def total_minutes(self) -> float:
        return sum(segment.minutes for segment in self.segments)

    def _html(self) -> str:
        plan = json.dumps(
            [{"title": s.title, "minutes": s.minutes} for s in self.segments], ensure_ascii=False
        ).replace("</", "<\\/")
        items = "".join(
            f'<li data-segment="{i}">{html.escape(s.title)} ({_format(s.minutes)})</li>'
            for i, s in enumerate(self.segments)
        )
        title = html.escape(self.title)
        first, rest = self.segments[0], self.segments[1:]
        # What the clock shows before it starts, written out so that a notebook
        # opened without running (its scripts not trusted yet) still reads right.
        seconds = round(first.minutes * 60)
        left = f"{seconds // 60:02d}:{seconds % 60:02d}"
        upcoming = f"{rest[0].title} ({rest[0].minutes:g}분)" if rest else "없음 (마지막 구간)"
        # A region, not a <section>: reveal.js takes every <section> for a slide.
        return (
            f'{STYLE}<div role="region" class="course-clock" id="{self.element_id}" '
            f'aria-label="{title} 세션 시계">'
            f'<script type="application/json">{plan}</script>'
            f'<p class="course-clock-title">⏱ {title} (모두 {_format(self.total_minutes)})</p>'
            f'<p data-part="hint"><strong>셀을 실행하면 시계가 움직입니다.</strong></p>'
            f'<div>지금: <strong data-part="current">{html.escape(first.title)}</strong></div>'
            f'<div class="course-clock-time" data-part="left" role="timer" aria-label="남은 시간">{left}</div>'
            f'<div class="course-clock-track"><div class="course-clock-bar" data-part="bar"></div></div>'
            f'<div>다음: <span data-part="next">{html.escape(upcoming)}</span></div>'
            f'<button type="button" data-part="toggle" aria-pressed="false">시작</button>'
            f'<button type="button" data-part="skip">다음 구간으로</button>'
            f'<button type="button" data-part="reset">처음부터</button>'
            f'<div class="visually-hidden" aria-live="polite" data-part="status"></div>'
            f"<ul>{items}</ul></div>"
            f"<script>{SCRIPT % {'id': self.element_id}}</script>"
        )

    def _markdown(self) -> str:
        rows = "\n".join(
            f"| {i} | {s.title} | {_format(s.minutes)} |" for i, s in enumerate(self.segments, 1)
        )
        return (
            f"**{self.title}: 시간 계획** (모두 {_format(self.total_minutes)})\n\n"
            f"| 순서 | 구간 | 시간 |\n|---|---|---|\n{rows}\n"
        )

    def _repr_mimebundle_(self, include=None, exclude=None) -> dict:
        plan = " → ".join(f"{s.title} {_format(s.minutes)}" for s in self.segments)
        return {
            "text/plain": f"[세션 시계] {self.title}: {plan}",
            "text/html": self._html(),
            "text/markdown": self._markdown(),
        }
