"""Lesson 00's explorer: look inside any dataset of the kit (rows, columns, sources)."""

from __future__ import annotations

from collections import Counter

import ipywidgets as widgets
import pandas as pd

from ..datasets import describe_dataset, load_dataset, read_descriptor
from ..sources import source, split_ids
from ..tables import table_html
from .base import Explorer, View

SHOW = {"First rows": "rows", "Columns": "columns", "Sources": "sources"}


def _titles() -> dict[str, str]:
    return {r["name"]: r["title"] for r in read_descriptor()["resources"] if r["name"] != "sources"}


def source_counts(name: str) -> list[tuple[str, int]]:
    """(source id, number of rows citing it) for a dataset, most cited first."""
    frame = load_dataset(name)
    counts: Counter = Counter()
    for column in [c for c in frame.columns if c.endswith("source_id")]:
        for cell in frame[column]:
            counts.update(split_ids(cell))
    return counts.most_common()


def dataset_view(name: str, show: str = "rows") -> View:
    """What the explorer shows for a dataset and a choice of 'rows', 'columns' or 'sources'."""
    frame = load_dataset(name)
    title = _titles().get(name, name)
    counts = source_counts(name)
    top = source(counts[0][0]) if counts else None
    summary = (
        f"'{title}' (load_dataset('{name}')) has {len(frame)} rows and {frame.shape[1]} columns. "
        f"Its rows cite {len(counts)} source{'s' if len(counts) != 1 else ''}"
        + (f"; the most cited is {top.publisher} ({counts[0][1]} rows)." if top else ".")
    )
    if show == "columns":
        table, what = describe_dataset(name).reset_index(), "its columns"
    elif show == "sources":
        rows = []
        for sid, n in counts:
            s = source(sid)
            rows.append({"source_id": sid, "rows": n, "publisher": s.publisher, "date": s.date or "n.d."})
        table, what = pd.DataFrame(rows, columns=["source_id", "rows", "publisher", "date"]), "the sources its rows cite"
    else:
        table, what = frame.head(8), "its first rows"
    return View(summary=summary, table_html=table_html(table, index=False, label=f"{title}: {what}"))


class DatasetExplorer(Explorer):
    title = "Dataset explorer"

    def __init__(self, start: str = "article_claims"):
        names = _titles()
        dataset = widgets.Dropdown(options=[(t, n) for n, t in names.items()], value=start, description="Dataset:", layout=widgets.Layout(width="95%"))
        show = widgets.ToggleButtons(options=list(SHOW.items()), value="rows", description="Show:")
        super().__init__({"name": dataset, "show": show})

    def view(self, name: str, show: str) -> View:
        return dataset_view(name, show)


def explore_datasets(start: str = "article_claims") -> DatasetExplorer:
    """An explorer over every dataset of the kit."""
    return DatasetExplorer(start)


__all__ = ["DatasetExplorer", "dataset_view", "explore_datasets", "source_counts"]
