"""Interactive widgets: quizzes and the per-lesson explorers.

The logic behind every explorer is a plain function (tested without a
browser); the widget classes only wire ipywidgets controls to it.
"""

from .base import Explorer, View
from .quizzes import ANSWER_MIME, quiz

__all__ = ["ANSWER_MIME", "Explorer", "View", "quiz"]
