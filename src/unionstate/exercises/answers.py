"""Turn whatever a student stored into a plain, JSON-safe answer record.

Checks never look at live Python objects: they look at records. In the
student's kernel, check() normalises and evaluates in one process; at grading
time the notebook's process only normalises and the grader evaluates the
records in its own process. One code path, so feedback and grades agree.
"""

from __future__ import annotations

import datetime as _dt
import math
import numbers
from typing import Any

MAX_ITEMS = 5000  # a longer answer is truncated; no exercise needs more
MAX_TEXT = 2000


def _from_numpy_time(value: Any) -> Any:
    """A numpy datetime64/timedelta64 as a pandas Timestamp/Timedelta (None for NaT).

    numpy's .item() turns a nanosecond datetime64 into a bare integer (pandas 2 stores dates in
    nanoseconds), so dates go through pandas, which reads every resolution the same way."""
    import pandas as pd

    converted = pd.Timestamp(value) if type(value).__name__ == "datetime64" else pd.Timedelta(value)
    return None if converted is pd.NaT else converted


def _scalar(value: Any) -> Any:
    """A JSON-safe scalar: numbers as float/int, NaN as None, dates as ISO text."""
    if value is None or isinstance(value, bool | str):
        return value[:MAX_TEXT] if isinstance(value, str) else value
    if type(value).__name__ in ("bool_", "bool") and hasattr(value, "item"):  # numpy bool
        return bool(value)
    if isinstance(value, numbers.Integral):
        return int(value)
    if isinstance(value, numbers.Real):
        f = float(value)
        return None if math.isnan(f) or math.isinf(f) else f
    if isinstance(value, (_dt.date, _dt.datetime)):
        return value.isoformat()
    if hasattr(value, "isoformat"):  # pandas Timestamp
        try:
            return value.isoformat()
        except (TypeError, ValueError):  # NaT
            return None
    if type(value).__name__ in ("datetime64", "timedelta64"):
        value = _from_numpy_time(value)
        return None if value is None else _scalar(value)
    if hasattr(value, "item") and getattr(value, "shape", None) == ():
        return _scalar(value.item())
    try:
        import pandas as pd

        if value is pd.NA or value is pd.NaT:
            return None
    except ImportError:  # pragma: no cover - pandas is a dependency
        pass
    return repr(value)[:200]


def _is_number(value: Any) -> bool:
    return isinstance(value, numbers.Real) and not isinstance(value, bool) and type(value).__name__ not in ("bool_",)


def normalize(value: Any) -> dict:
    """The record of one answer value."""
    if value is Ellipsis:
        return {"type": "ellipsis"}
    if value is None:
        return {"type": "none"}
    if type(value).__name__ in ("datetime64", "timedelta64"):
        value = _from_numpy_time(value)
        if value is None:
            return {"type": "none"}
    if isinstance(value, bool) or type(value).__name__ == "bool_":
        return {"type": "bool", "value": bool(value)}
    if _is_number(value):
        f = float(value)
        if math.isnan(f):
            return {"type": "number", "value": None, "nan": True}
        return {"type": "number", "value": f, "integer": isinstance(value, numbers.Integral) or f.is_integer()}
    if isinstance(value, str):
        return {"type": "string", "value": value[:MAX_TEXT]}
    if isinstance(value, _dt.timedelta) or type(value).__name__ == "Timedelta":
        return {"type": "timedelta", "days": _scalar(getattr(value, "days", None)), "seconds": _scalar(value.total_seconds())}
    if isinstance(value, (_dt.date, _dt.datetime)) or type(value).__name__ == "Timestamp":
        return {"type": "datetime", "value": _scalar(value)}
    try:
        import numpy as np
        import pandas as pd
    except ImportError:  # pragma: no cover
        np = pd = None
    if pd is not None:
        if isinstance(value, pd.Series):
            head = value.iloc[:MAX_ITEMS]
            return {
                "type": "series",
                "name": _scalar(value.name),
                "length": int(len(value)),
                "index": [_scalar(i) for i in head.index],
                "values": [_scalar(v) for v in head.tolist()],
            }
        if isinstance(value, pd.DataFrame):
            head = value.iloc[:MAX_ITEMS]
            return {
                "type": "frame",
                "shape": [int(value.shape[0]), int(value.shape[1])],
                "columns": [str(c) for c in value.columns],
                "index": [_scalar(i) for i in head.index],
                "rows": [[_scalar(v) for v in row] for row in head.itertuples(index=False, name=None)],
            }
    if np is not None and isinstance(value, np.ndarray):
        if value.shape == ():
            return normalize(value.item())
        flat = value.ravel()[:MAX_ITEMS]
        return {"type": "array", "shape": list(value.shape), "values": [_scalar(v) for v in flat.tolist()]}
    if np is not None and isinstance(value, np.generic):
        return normalize(value.item())
    if _is_chart(value):
        return chart_record(value)
    if isinstance(value, (list, tuple, set, frozenset)):
        items = list(value)
        if isinstance(value, (set, frozenset)):
            items = sorted(items, key=repr)
        return {
            "type": "list",
            "kind": type(value).__name__ if type(value).__name__ in ("list", "tuple", "set", "frozenset") else "list",
            "length": len(items),
            "items": [normalize(i) for i in items[:MAX_ITEMS]],
        }
    if isinstance(value, dict):
        return {"type": "dict", "items": {str(k): normalize(v) for k, v in list(value.items())[:MAX_ITEMS]}}
    if callable(value):
        return {"type": "function", "name": getattr(value, "__name__", type(value).__name__)}
    return {"type": "other", "typename": type(value).__name__, "repr": repr(value)[:200]}


# --- charts ------------------------------------------------------------------------------


def _is_chart(value: Any) -> bool:
    mod = type(value).__module__ or ""
    return mod.startswith("matplotlib.") and type(value).__name__ in ("Axes", "Figure", "AxesSubplot", "SubFigure")


def _axis_values(values, axis) -> list:
    """Original x (or y) values; categorical positions become their category names."""
    out = []
    mapping = {}
    units = getattr(axis, "units", None)
    if units is not None and hasattr(units, "_mapping"):
        mapping = {v: k for k, v in units._mapping.items()}
    for v in list(values)[:MAX_ITEMS]:
        s = _scalar(v)
        if mapping and isinstance(s, (int, float)) and float(s).is_integer() and int(s) in mapping:
            s = mapping[int(s)]
        out.append(s)
    return out


def chart_record(value: Any) -> dict:
    """What a chart shows: titles, labels, lines, bars and texts of every axes."""
    fig = value if type(value).__name__ in ("Figure", "SubFigure") else value.figure
    axes = fig.axes if value is fig else [value]
    record = {"type": "chart", "caption": getattr(fig, "_unionstate_caption", ""), "suptitle": "", "axes": []}
    if getattr(fig, "_suptitle", None) is not None:
        record["suptitle"] = fig._suptitle.get_text()
    for ax in axes:
        entry = {
            "title": ax.get_title(loc="left") or ax.get_title() or ax.get_title(loc="right"),
            "xlabel": ax.get_xlabel(),
            "ylabel": ax.get_ylabel(),
            "lines": [],
            "bars": [],
            "points": [],
            "texts": [t.get_text() for t in ax.texts][:200],
            "legend": [],
            "xticklabels": [t.get_text() for t in ax.get_xticklabels()][:200],
            "yticklabels": [t.get_text() for t in ax.get_yticklabels()][:200],
        }
        legend = ax.get_legend()
        if legend is not None:
            entry["legend"] = [t.get_text() for t in legend.get_texts()]
        for line in ax.get_lines():
            label = line.get_label()
            entry["lines"].append(
                {
                    "label": "" if label.startswith("_") else label,
                    "x": _axis_values(line.get_xdata(orig=True), ax.xaxis),
                    "y": _axis_values(line.get_ydata(orig=True), ax.yaxis),
                }
            )
        for container in ax.containers:
            if type(container).__name__ != "BarContainer":
                continue
            horizontal = getattr(container, "orientation", "vertical") == "horizontal"
            cats, heights = [], []
            for patch in container.patches:
                if horizontal:
                    cats.append(patch.get_y() + patch.get_height() / 2)
                    heights.append(patch.get_width())
                else:
                    cats.append(patch.get_x() + patch.get_width() / 2)
                    heights.append(patch.get_height())
            axis = ax.yaxis if horizontal else ax.xaxis
            label = container.get_label() or ""
            entry["bars"].append(
                {
                    "label": "" if label.startswith("_") else label,
                    "orientation": "horizontal" if horizontal else "vertical",
                    "positions": _axis_values([round(c, 6) for c in cats], axis),
                    "heights": [_scalar(h) for h in heights],
                    "ticklabels": _tick_labels_at(ax, cats, horizontal),
                }
            )
        for coll in ax.collections:
            offsets = getattr(coll, "get_offsets", lambda: [])()
            if len(offsets):
                label = coll.get_label() or ""
                entry["points"].append(
                    {"label": "" if label.startswith("_") else label, "xy": [[_scalar(a), _scalar(b)] for a, b in list(offsets)[:MAX_ITEMS]]}
                )
        record["axes"].append(entry)
    return record


def _tick_labels_at(ax, positions, horizontal) -> list:
    """The tick label at each bar position (for bars drawn at numeric positions with set_xticks)."""
    axis = ax.yaxis if horizontal else ax.xaxis
    ticks = {round(float(t), 6): lab.get_text() for t, lab in zip(axis.get_ticklocs(), axis.get_ticklabels())}
    return [ticks.get(round(float(p), 6), "") for p in positions]


def _count(n, noun: str) -> str:
    return f"{n} {noun}" if n == 1 else f"{n} {noun}s"


def describe_type(record: dict) -> str:
    """A plain phrase for what a record holds, for feedback sentences."""
    kind = record.get("type")
    if kind == "series":
        return f"a pandas Series with {_count(record.get('length'), 'value')}"
    if kind == "frame":
        rows, cols = (record.get("shape") or [0, 0])[:2]
        return f"a pandas DataFrame with {_count(rows, 'row')} and {_count(cols, 'column')}"
    if kind == "list":
        return f"a {record.get('kind', 'list')} of {_count(record.get('length'), 'value')}"
    if kind == "bool":
        return f"the truth value {record.get('value')}"
    if kind == "other":
        return f"a value of type {record.get('typename')}"
    return {
        "ellipsis": "the placeholder ...",
        "none": "None (nothing)",
        "number": "a number",
        "string": "text (a string in quotes)",
        "array": "a numpy array",
        "dict": "a dictionary",
        "chart": "a chart",
        "function": "a function",
        "missing": "nothing (the variable is not defined)",
        "timedelta": "a time span (Timedelta)",
        "datetime": "a date",
    }.get(kind, f"a value of type {kind}")
