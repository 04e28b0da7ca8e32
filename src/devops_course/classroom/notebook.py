"""Notebook conveniences for learners."""

from __future__ import annotations

from ..core.errors import CourseInputError


def _show_input_error(shell, etype, value, tb, tb_offset=None):
    print(f"⚠ 입력 오류: {value}")
    return None


def setup() -> None:
    """Show the course's input errors as one Korean line instead of a traceback.

    Only :class:`~devops_course.core.errors.CourseInputError` is affected; any other
    exception keeps its usual traceback. Outside IPython this does nothing.
    """
    try:
        from IPython import get_ipython
    except ImportError:  # pragma: no cover - IPython always ships with Jupyter
        return
    shell = get_ipython()
    if shell is not None:
        shell.set_custom_exc((CourseInputError,), _show_input_error)
