"""Models, figures and widgets of the Korean DevOps course book."""

from .core.errors import CourseInputError

__all__ = ["CourseInputError"]
__version__ = "0.1.0"
