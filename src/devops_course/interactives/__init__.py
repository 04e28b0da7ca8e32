"""The course's interactives, one module each, all in the same shape.

Every module listed in :data:`NAMES` has these parts (see ``template.py``, the
module to copy for a new one):

* ``TITLE``: the Korean title;
* ``SPEC``: a :class:`~devops_course.core.params.Spec`, the inputs with their Korean
  labels, units, ranges and defaults, written once for validation and controls;
* ``model(params) -> result``: pure and deterministic; ``params`` goes through
  ``SPEC.check`` first (``None`` and ``{}`` are the defaults), so any bad input,
  of any type, raises :class:`~devops_course.core.errors.CourseInputError` in Korean;
* ``figure(result) -> dict``: the figure as plain plotly JSON, with Korean alt text;
* ``explorer() -> dict``: the kernel-free figure for the static book and the PDF,
  whose default view is ``figure(model(SPEC.defaults()))`` unless the module says
  why not in ``EXPLORER_DIFFERS``;
* ``interactive()``: the three media together (live widget, explorer, text).

The conformance test (``tests/test_registry.py``) checks every part of every
registered module, and that no module under this package is left unregistered;
``tests/test_fuzz.py`` drives every model with hostile input built from its
``SPEC`` and bounds the cost of every corner of its ranges.
"""

from __future__ import annotations

import importlib
from types import ModuleType

NAMES = (
    "handoff",
    "small_batches",
    "pipeline",
    "iac",
    "monitoring",
    "value_stream",
    "feedback_loops",
    "dora",
    "canary",
    "deploy_frequency",
    "team_paths",
    "error_budget",
    "case_metrics",
    "roadmap",
)
PARTS = ("TITLE", "SPEC", "model", "figure", "explorer", "interactive")


def load(name: str) -> ModuleType:
    """The registered interactive called ``name``."""
    if name not in NAMES:
        raise KeyError(f"{name!r} is not a registered interactive")
    return importlib.import_module(f"{__name__}.{name}")


def registry() -> dict[str, ModuleType]:
    """Every registered interactive, by name, in the order of the chapters."""
    return {name: load(name) for name in NAMES}
