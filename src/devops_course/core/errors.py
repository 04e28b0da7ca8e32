"""The one exception type the course's models raise for bad input."""


class CourseInputError(ValueError):
    """An input outside what a model accepts.

    The message is Korean and says what is wrong and which range is allowed;
    widgets show it to the learner as it is.
    """
