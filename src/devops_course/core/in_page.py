"""The live face of an interactive in the web book's page.

Under each explorer figure the page offers "직접 계산해 보기". Pressed, it starts a
Web Worker (``book/static/course-live-worker.js``) that runs Pyodide with the
course's own wheel and calls the two functions here, each taking and returning
JSON text:

* :func:`form` describes an interactive's controls from its ``SPEC`` (the same
  fields, captions and defaults as the ipywidgets controls of :mod:`.live`);
* :func:`render` checks the values typed into the form against the ``SPEC``, runs
  ``model`` and ``figure``, and returns the figure as the page draws it (the wide
  layout with its phone patch), or the Korean message for values it refuses.

Nothing here imports ipywidgets or plotly: only the models, the figures and the
layout layer run in the page.
"""

from __future__ import annotations

import json
import re
from typing import Any

from ..interactives import load
from .desktop import desktop_figure
from .errors import CourseInputError
from .params import Field, Spec
from .phone import phone_patch

THOUSANDS = re.compile(r"[+-]?\d{1,3}(,\d{3})+(\.\d*)?")


def page_figure(figure: dict) -> dict:
    """The figure as the web book's page draws it: the wide layout fitted to its
    narrowest width, and the phone layout beside it as a patch of the same figure."""
    return {**desktop_figure(figure), "phone": phone_patch(figure)}


def form(name: str) -> str:
    """The controls of interactive ``name`` as JSON: its title and, for each field the
    widget shows, its name, kind, caption, default and range; a choice lists its
    Korean labels, and its default is an index into them."""
    module = load(name)
    fields = [_describe(key, field) for key, field in module.SPEC.controls().items()]
    return json.dumps({"title": module.TITLE, "fields": fields}, ensure_ascii=False)


def _describe(name: str, field: Field) -> dict[str, Any]:
    entry: dict[str, Any] = {"name": name, "kind": field.kind, "caption": field.caption}
    if field.kind == "choice":
        entry["choices"] = list(field.choices.values())
        entry["default"] = list(field.choices).index(field.default)
        return entry
    entry.update(default=field.default, low=field.low, high=field.high)
    entry.update(step=field.step, play=field.play)
    return entry


def render(name: str, values: str) -> str:
    """Run interactive ``name`` on the form's ``values`` (JSON: field name to the text
    typed, or to the index of the choice picked) and return JSON holding either the
    ``figure`` as :func:`page_figure` gives it or the Korean ``error`` message."""
    module = load(name)
    try:
        params = from_form(module.SPEC, json.loads(values))
        figure = module.figure(module.model(params))
    except CourseInputError as error:
        return json.dumps({"error": str(error)}, ensure_ascii=False)
    return json.dumps({"figure": page_figure(figure)}, ensure_ascii=False, separators=(",", ":"))


def from_form(spec: Spec, values: object) -> dict[str, Any]:
    """The model's parameters from the form: numbers read from the text typed (a text
    that is no number is passed on as it is, for the spec to refuse in Korean), a
    choice from its index. Fields the form leaves out keep their defaults."""
    if not isinstance(values, dict):
        raise CourseInputError("입력 양식의 값을 읽지 못했습니다. 페이지를 다시 불러오세요.")
    params = {}
    for name, raw in values.items():
        field = spec.get(name)
        if field is None or not field.control:
            raise CourseInputError(f"알 수 없는 입력 이름입니다: {name}.")
        params[name] = _read(field, raw)
    return spec.check(params)


def _read(field: Field, raw: object) -> object:
    if field.kind == "choice":
        options = list(field.choices)
        is_index = isinstance(raw, int) and not isinstance(raw, bool)
        return options[raw] if is_index and 0 <= raw < len(options) else raw
    if field.kind == "text":
        return raw
    if raw is None:  # an empty box, or one the browser could not read as a number
        raise CourseInputError(f"{field.label}: 숫자를 입력하세요 (허용 범위: {field.range_text}).")
    if not isinstance(raw, str):
        return raw
    text = raw.strip()
    if THOUSANDS.fullmatch(text):  # "10,000" as a reader writes it
        text = text.replace(",", "")
    try:
        return float(text)
    except ValueError:
        return raw
