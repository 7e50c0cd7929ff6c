"""The Belarus-Russia teaching kit: data, charts, exercises and widgets for the notebooks.

Everything a notebook needs is importable from here:

    from unionstate import load_dataset, cite, sources, show_table, check, quiz, progress
"""

from .datasets import DataError, describe_dataset, list_datasets, load_dataset
from .exercises import check, check_hidden, progress
from .plots import add_caption, new_figure, show
from .sources import cite, source, sources
from .tables import show_table
from .widgets import quiz

__version__ = "0.1.0"

__all__ = [
    "DataError",
    "add_caption",
    "check",
    "check_hidden",
    "cite",
    "describe_dataset",
    "list_datasets",
    "load_dataset",
    "new_figure",
    "progress",
    "quiz",
    "show",
    "show_table",
    "source",
    "sources",
]
