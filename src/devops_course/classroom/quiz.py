"""Chapter quizzes with jupyterquiz, in every medium.

The questions live in ``quizzes/<chapter>.json`` (jupyterquiz's format, Korean
feedback on every answer). :class:`Quiz` displays them as:

* ``text/html``: jupyterquiz's self-contained markup and script (no network), for
  JupyterLab and the HTML book, with its few English strings put into Korean and
  its inputs labelled for screen readers;
* ``text/markdown``: the questions and choices to answer on paper, for the PDF;
* ``text/plain``: a one-line Korean description.

The answer key is printed only in the instructor guide (:func:`answer_key`).
"""

from __future__ import annotations

import hashlib
import html
import json
import re
from importlib import resources

from ..core.errors import CourseInputError

QUIZ_DIR = resources.files("devops_course.classroom") / "quizzes"
CHOICE_MARKS = "가나다라마바사"
# Changes to jupyterquiz's script: its English strings in Korean, and no CDN.
TRANSLATIONS = {
    "Type numeric answer here:": "답을 숫자로 입력하고 Enter 키를 누르세요:",
    "Incorrect -- try again.": "틀렸습니다. 다시 해 보세요.",
    "Incorrect. Try again.": "틀렸습니다. 다시 해 보세요.",
    '"Correct!"': '"맞았습니다!"',
    'jaxify("Correct")': 'jaxify("맞았습니다")',
    # Offline: jupyterquiz would fetch MathJax from a CDN in one corner case; the
    # book has no formulas in quizzes, so that request is never made.
    "script.src = 'https://cdn.jsdelivr.net/npm/mathjax@3/es5/tex-svg.js';": "return;",
    # Learners may paste a number they computed elsewhere.
    "inp.onpaste = event => false;": "",
}
# The typed answer: dark on the white input, in light and dark mode (jupyterquiz
# colours it with --jq-text-color, the white of the question text).
INPUT_STYLE = (
    "#%(id)s input.Input-text { color: #1A1A1A; background: #FFFFFF; caret-color: #1A1A1A;"
    " border: 1px solid #767676; }"
)
# Colours with at least 4.5:1 contrast for their text (white on the dark ones).
COLOURS = {
    "--jq-multiple-choice-bg": "#1F4E79",
    "--jq-mc-button-bg": "#FFFFFF",
    "--jq-mc-button-border": "#767676",
    "--jq-mc-button-inset-shadow": "#555555",
    "--jq-many-choice-bg": "#7A3B00",
    "--jq-numeric-bg": "#1F4E79",
    "--jq-numeric-input-bg": "#FFFFFF",
    "--jq-numeric-input-label": "#1A1A1A",  # the prompt beside the box, on the page colour
    "--jq-numeric-input-shadow": "#999999",
    "--jq-string-bg": "#4C1A57",
    # Used both as text on white and as a button background under white text.
    "--jq-incorrect-color": "#A8200D",
    "--jq-correct-color": "#00703C",
    "--jq-text-color": "#FFFFFF",
    "--jq-link-color": "#CFE3FF",
}
# Runs after jupyterquiz has drawn the questions: labels for screen readers.
ACCESSIBILITY_SCRIPT = """
(function () {
  function label(root) {
    root.querySelectorAll("input.Input-text").forEach(function (input) {
      input.setAttribute("aria-label", "숫자 답");
      input.setAttribute("inputmode", "decimal");
    });
  }
  function wait(tries) {
    var root = document.getElementById("%(id)s");
    if (root && root.querySelector(".Quiz, .MultipleChoiceQn, .NumericQn, .ManyChoiceQn")) {
      label(root);
      var fallback = document.getElementById("static-%(id)s");
      if (fallback) { fallback.hidden = true; }
    } else if (tries > 0) {
      setTimeout(function () { wait(tries - 1); }, 100);
    }
  }
  wait(50);
})();
"""


def load(name: str) -> list[dict]:
    """The questions of quiz ``name`` (for example ``"ch1"``)."""
    path = QUIZ_DIR / f"{name}.json"
    if not path.is_file():
        raise CourseInputError(f"퀴즈 '{name}'이 없습니다.")
    return json.loads(path.read_text(encoding="utf-8"))


def _correct(question: dict) -> list[str]:
    if question["type"] == "numeric":
        return [
            f"{a['value']:g}" if a["type"] == "value" else f"{a['range'][0]:g}~{a['range'][1]:g}"
            for a in question["answers"]
            if a.get("correct")
        ]
    return [
        f"{CHOICE_MARKS[i]}. {a['answer']}"
        for i, a in enumerate(question["answers"])
        if a.get("correct")
    ]


def printable(questions: list[dict], title: str) -> str:
    """The quiz as Markdown, to answer on paper (no answers)."""
    lines = [f"**{title}** (답은 강사용 안내에 있습니다)", ""]
    for number, question in enumerate(questions, start=1):
        lines.append(f"{number}. {question['question']}")
        if question["type"] == "numeric":
            lines.append("   - 답(숫자): ________")
        else:
            for i, answer in enumerate(question["answers"]):
                lines.append(f"   - {CHOICE_MARKS[i]}. {answer['answer']}")
        lines.append("")
    return "\n".join(lines)


def answer_key(name: str) -> str:
    """Markdown answer key of quiz ``name``, with the feedback of each right answer."""
    lines = []
    for number, question in enumerate(load(name), start=1):
        feedback = next(
            (a.get("feedback", "") for a in question["answers"] if a.get("correct")), ""
        )
        lines.append(f"{number}. **{' / '.join(_correct(question))}**: {feedback}")
    return "\n".join(lines)


# A feedback text may open on its own verdict; the renderers put theirs first.
VERDICT_WORDS = re.compile(r"^(맞았습니다|맞습니다|틀렸습니다)[.!]\s*")


def _answer_line(answer: dict) -> str:
    verdict = "✔ 맞습니다." if answer.get("correct") else "✘ 아닙니다."
    feedback = VERDICT_WORDS.sub("", answer.get("feedback", ""))
    return f"{verdict} {html.escape(feedback)}"


def static_html(questions: list[dict], element_id: str) -> str:
    """The quiz in plain HTML, answered by opening each choice: no script needed.

    JupyterLab strips scripts from the outputs of a notebook it does not trust (one
    the learner has just opened), so jupyterquiz draws nothing there; this version
    still shows every question and explains each choice. The interactive quiz
    hides it once it has drawn.
    """
    items = []
    for question in questions:
        parts = [f"<p>{html.escape(question['question'])}</p>"]
        if question["type"] == "numeric":
            right = " 또는 ".join(_correct(question))
            answer = next(a for a in question["answers"] if a.get("correct"))
            parts.append(
                f"<details><summary>답 확인</summary><p>답: {html.escape(right)}. "
                f"{_answer_line(answer).removeprefix('✔ 맞습니다. ')}</p></details>"
            )
        else:
            if question["type"] == "many_choice":
                parts.append("<p><em>맞는 답을 모두 고르세요.</em></p>")
            for mark, answer in zip(CHOICE_MARKS, question["answers"]):
                parts.append(
                    f"<details><summary>{mark}. {html.escape(answer['answer'])}</summary>"
                    f"<p>{_answer_line(answer)}</p></details>"
                )
        items.append(f"<li>{''.join(parts)}</li>")
    return (
        f'<div class="course-quiz-static" id="static-{element_id}">'
        "<p><strong>셀을 실행하면 이 퀴즈가 바로 채점하는 화면으로 바뀝니다.</strong> "
        "지금은 답을 골라 펼쳐 보면 맞는지와 그 이유가 나옵니다.</p>"
        f"<ol>{''.join(items)}</ol></div>"
    )


RIGHT, WRONG = "✔ 맞았습니다.", "✘ 틀렸습니다."


def with_verdicts(questions: list[dict]) -> list[dict]:
    """The questions with every feedback opening on its verdict in words.

    jupyterquiz marks a wrong choice only in red; a learner who cannot tell red
    from green reads "✘ 틀렸습니다." first (and "✔ 맞았습니다." on a right one).
    """
    marked = []
    for question in questions:
        answers = []
        for answer in question["answers"]:
            verdict = RIGHT if answer.get("correct") else WRONG
            text = VERDICT_WORDS.sub("", answer.get("feedback", ""))
            answers.append({**answer, "feedback": f"{verdict} {text}".strip()})
        marked.append({**question, "answers": answers})
    return marked


def _html(questions: list[dict], element_id: str) -> str:
    from jupyterquiz.dynamic.loader import load_questions_script
    from jupyterquiz.dynamic.renderer import build_script, build_styles, render_div

    prefix, static, url = load_questions_script(with_verdicts(questions), element_id)
    div = render_div(element_id, False, False, False, 1_000_000, 720, 10, "left")
    styles = build_styles(element_id, COLOURS)
    script = build_script(prefix, static, url, element_id, True)
    for english, korean in TRANSLATIONS.items():
        script = script.replace(english, korean)
    script += ACCESSIBILITY_SCRIPT % {"id": element_id}
    input_style = INPUT_STYLE % {"id": element_id}
    return (
        f"{static_html(questions, element_id)}{div}</div>{styles}"
        f"<style>{input_style}</style><script>{script}</script>"
    )


class Quiz:
    """A chapter quiz; display it as the last thing in a cell."""

    def __init__(self, name: str, title: str = "퀴즈"):
        self.name = name
        self.title = title
        self.questions = load(name)
        digest = hashlib.sha256(json.dumps(self.questions, ensure_ascii=False).encode()).hexdigest()
        self.element_id = f"quiz_{name}_{digest[:8]}"  # also a JS identifier

    def _repr_mimebundle_(self, include=None, exclude=None) -> dict:
        return {
            "text/plain": f"[퀴즈] {self.title}: 문제 {len(self.questions)}개",
            "text/html": _html(self.questions, self.element_id),
            "text/markdown": printable(self.questions, self.title),
        }
