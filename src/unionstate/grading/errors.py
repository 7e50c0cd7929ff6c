"""Mistakes in how the grade command was called: reported as one sentence, before any grading starts."""


class GradingError(ValueError):
    """The instructor's input cannot be graded as given (wrong lesson, empty folder, unreadable zip, ...)."""
