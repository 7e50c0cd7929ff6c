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
    columns = [c for c in frame.columns if c.endswith("source_id")]
    for cells in frame[columns].itertuples(index=False):  # a row citing a source in two columns counts once
        counts.update({sid for cell in cells for sid in split_ids(cell)})
    return sorted(counts.items(), key=lambda item: (-item[1], item[0]))


def dataset_view(name: str, show: str = "rows") -> View:
    """What the explorer shows for a dataset and a choice of 'rows', 'columns' or 'sources'."""
    frame = load_dataset(name)
    title = _titles().get(name, name)
    counts = source_counts(name)
    tied = [source(sid).publisher for sid, n in counts if n == counts[0][1]] if counts else []  # a tie is named in full
    most = ""
    if len(tied) == 1:
        most = f"; the most cited is {tied[0]} ({counts[0][1]} rows)"
    elif tied:
        most = f"; {len(tied)} sources are cited most, {counts[0][1]} rows each: {'; '.join(tied[:3])}{' and others' if len(tied) > 3 else ''}"
    summary = (
        f"'{title}' (load_dataset('{name}')) has {len(frame)} rows and {frame.shape[1]} columns. "
        f"Its rows cite {len(counts)} source{'s' if len(counts) != 1 else ''}{most}."
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
