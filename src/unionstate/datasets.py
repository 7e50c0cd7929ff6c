"""Load the kit's datasets by name, typed and validated against data/datapackage.json.

    >>> from unionstate import load_dataset
    >>> trade = load_dataset("trade_partners")

Every file is checked on load: the columns, the type of every cell, required
cells, allowed values, unique keys and that every source id is listed in
data/sources.csv. Anything wrong raises one DataError that names the file, the
line and the column, and says what to do.
"""

from __future__ import annotations

import csv
import difflib
import json
import re
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from typing import Any, Callable

import pandas as pd

from . import paths

MAX_REPORTED = 5  # further problems are counted, not listed
TEXT_DTYPE = pd.StringDtype("python", na_value=float("nan"))


class DataError(ValueError):
    """A dataset file is missing, malformed or inconsistent with its schema."""

    def __init__(self, message: str, *, file: str | None = None, line: int | None = None, column: str | None = None):
        super().__init__(message)
        self.file, self.line, self.column = file, line, column


@dataclass(frozen=True)
class _Problem:
    line: int | None
    column: str | None
    text: str


def _descriptor_path() -> Path:
    return paths.data_dir() / "datapackage.json"


def _display(path: Path) -> str:
    """data/trade/x.csv, relative to the folder holding data/ when possible."""
    try:
        return str(path.relative_to(paths.data_dir().parent))
    except ValueError:
        return str(path)


def _restore_hint(path: Path) -> str:
    return f"Fix the file, or restore the original with: git checkout -- {_display(path)}"


_descriptors: dict[tuple, dict] = {}


def read_descriptor() -> dict:
    """data/datapackage.json, parsed once per version of the file."""
    path = _descriptor_path()
    if not path.exists():
        raise DataError(f"{_display(path)} is missing, so no dataset can be loaded. {_restore_hint(path)}", file=str(path))
    key = (str(path), _stamp(path))
    if key not in _descriptors:
        try:
            _descriptors[key] = json.loads(path.read_text(encoding="utf-8"))
        except (json.JSONDecodeError, UnicodeDecodeError) as exc:
            raise DataError(f"{_display(path)} is not valid JSON ({exc}). {_restore_hint(path)}", file=str(path)) from None
    return _descriptors[key]


def list_datasets() -> list[str]:
    """Names you can pass to load_dataset."""
    return [r["name"] for r in read_descriptor()["resources"]]


def _resource(name: str) -> dict:
    resources = {r["name"]: r for r in read_descriptor()["resources"]}
    if name in resources:
        return resources[name]
    by_stem = {Path(r["path"]).stem: r for r in resources.values()}
    if name in by_stem:  # the file name works too: "belarus_trade_partners"
        return by_stem[name]
    close = difflib.get_close_matches(str(name), list(resources) + list(by_stem), n=3)
    hint = f" Did you mean {', '.join(repr(c) for c in close)}?" if close else ""
    raise DataError(f"There is no dataset called {name!r}.{hint} Available: {', '.join(resources)}.")


def describe_dataset(name: str) -> pd.DataFrame:
    """The columns of a dataset with their types and meanings."""
    res = _resource(name)
    rows = [
        {"column": f["name"], "type": f["type"], "required": f.get("constraints", {}).get("required", False), "meaning": f.get("description", "")}
        for f in res["schema"]["fields"]
    ]
    return pd.DataFrame(rows).set_index("column")


# --- cell parsers: text -> value, or raise ValueError with a plain reason -------------

PARTIAL_DATE = re.compile(r"(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?")


def _number(text: str) -> float:
    try:
        return float(text)
    except ValueError:
        raise ValueError(f"{text!r} is not a number") from None


def _integer(text: str) -> int:
    if not re.fullmatch(r"-?\d+", text):
        raise ValueError(f"{text!r} is not a whole number")
    return int(text)


def _date(text: str) -> date:
    try:
        return datetime.strptime(text, "%Y-%m-%d").date()
    except ValueError:
        raise ValueError(f"{text!r} is not a date in the form YYYY-MM-DD") from None


def _partial_date(text: str) -> tuple[date, str]:
    m = PARTIAL_DATE.fullmatch(text)
    if not m:
        raise ValueError(f"{text!r} is not a date in the form YYYY, YYYY-MM or YYYY-MM-DD")
    year, month, day = m.group(1), m.group(2), m.group(3)
    try:
        value = date(int(year), int(month or 1), int(day or 1))
    except ValueError:
        raise ValueError(f"{text!r} is not a real date") from None
    return value, "day" if day else "month" if month else "year"


def _parse(field: dict) -> Callable[[str], Any]:
    kind = field["type"]
    special = field.get("unionstate", {}).get("parse")
    if special == "partial_date":
        return _partial_date
    return {"number": _number, "integer": _integer, "date": _date}.get(kind, lambda text: text)


def _derive(field: dict, text: str) -> Any:
    """The numeric companion of a text field that holds ranges ('2008-2010', '24-25')."""
    special = field.get("unionstate", {}).get("parse")
    if special == "year_or_text":
        return int(text) if re.fullmatch(r"\d{4}", text) else None
    if special == "number_or_text":
        try:
            return float(text)
        except ValueError:
            return None
    return None


# --- loading -----------------------------------------------------------------------------


def _read_rows(path: Path) -> tuple[list[str], list[tuple[int, list[str]]]]:
    if not path.exists():
        raise DataError(f"{_display(path)} is missing. {_restore_hint(path)}", file=str(path))
    try:
        text = path.read_text(encoding="utf-8-sig")
    except UnicodeDecodeError as exc:
        raise DataError(
            f"{_display(path)} is not a UTF-8 text file (byte {exc.start} cannot be read). {_restore_hint(path)}", file=str(path)
        ) from None
    if not text.strip():
        raise DataError(f"{_display(path)} is empty. {_restore_hint(path)}", file=str(path))
    reader = csv.reader(text.splitlines(keepends=True), strict=True)
    rows: list[tuple[int, list[str]]] = []
    try:
        header = next(reader)
        for cells in reader:
            if cells:
                rows.append((reader.line_num, cells))
    except csv.Error as exc:
        raise DataError(
            f"{_display(path)}, line {reader.line_num}: the CSV is malformed ({exc}). {_restore_hint(path)}",
            file=str(path),
            line=reader.line_num,
        ) from None
    return [h.strip() for h in header], rows


def _check_header(path: Path, header: list[str], fields: list[dict]) -> None:
    names = [f["name"] for f in fields]
    missing = [n for n in names if n not in header]
    if missing:
        raise DataError(
            f"{_display(path)}, line 1 (header), column '{missing[0]}': this column is missing"
            f"{' (also missing: ' + ', '.join(missing[1:]) + ')' if missing[1:] else ''}. "
            f"The header has: {', '.join(header)}. {_restore_hint(path)}",
            file=str(path),
            line=1,
            column=missing[0],
        )
    extra = [h for h in header if h not in names]
    if extra:
        raise DataError(
            f"{_display(path)}, line 1 (header), column '{extra[0]}': this column is not described in "
            f"data/datapackage.json. Add it to the schema or remove it from the file.",
            file=str(path),
            line=1,
            column=extra[0],
        )
    dupes = sorted({h for h in header if header.count(h) > 1})
    if dupes:
        raise DataError(f"{_display(path)}, line 1 (header): the column '{dupes[0]}' appears twice.", file=str(path), line=1, column=dupes[0])


def _known_source_ids() -> set[str]:
    # sources.csv is validated against its own schema first, so a damaged source table gets the usual
    # sentence naming its file, line and column (not an error from the lookup code below).
    if "sources" in list_datasets():
        return set(load_dataset("sources")["source_id"])
    from .sources import all_sources

    return set(all_sources())


def _raise(path: Path, problems: list[_Problem]) -> None:
    first = problems[0]
    where = f"{_display(path)}, line {first.line}" + (f", column '{first.column}'" if first.column else "")
    more = f" ({len(problems) - 1} more problem{'s' if len(problems) > 2 else ''} in this file.)" if len(problems) > 1 else ""
    raise DataError(f"{where}: {first.text}.{more} {_restore_hint(path)}", file=str(path), line=first.line, column=first.column)


def _build(res: dict) -> tuple[pd.DataFrame, list[int]]:
    path = paths.data_dir() / res["path"]
    fields = res["schema"]["fields"]
    header, rows = _read_rows(path)
    _check_header(path, header, fields)
    position = {name: header.index(name) for name in header}
    source_ids = _known_source_ids() if res["name"] != "sources" else None

    columns: dict[str, list] = {f["name"]: [] for f in fields}
    extra: dict[str, list] = {}
    problems: list[_Problem] = []
    for line, cells in rows:
        if len(cells) != len(header):
            problems.append(_Problem(line, None, f"the row has {len(cells)} cells but the header has {len(header)} columns"))
            continue
        for field in fields:
            name = field["name"]
            text = cells[position[name]].strip()
            cons = field.get("constraints", {})
            opts = field.get("unionstate", {})
            value: Any = None
            if text == "":
                if cons.get("required"):
                    problems.append(_Problem(line, name, "this cell is empty but a value is required"))
            else:
                try:
                    value = _parse(field)(text)
                except ValueError as exc:
                    problems.append(_Problem(line, name, str(exc)))
                if "enum" in cons and text not in cons["enum"]:
                    problems.append(_Problem(line, name, f"{text!r} is not one of the allowed values ({', '.join(cons['enum'])})"))
                if "pattern" in cons and not re.fullmatch(cons["pattern"], text):
                    problems.append(_Problem(line, name, f"{text!r} does not have the expected form"))
                if opts.get("source_ids") and source_ids is not None:
                    for sid in (s.strip() for s in text.split(";")):
                        if sid and sid not in source_ids:
                            problems.append(_Problem(line, name, f"unknown source id {sid!r}: every id must be listed in data/sources.csv"))
            if opts.get("parse") == "partial_date":
                columns[name].append(value[0] if value else None)
                extra.setdefault(f"{name}_precision", []).append(value[1] if value else None)
            else:
                columns[name].append(value)
            if "derive" in opts:
                extra.setdefault(opts["derive"], []).append(_derive(field, text) if text else None)
        if len(problems) > MAX_REPORTED:
            break
    if problems:
        _raise(path, problems)

    key = res["schema"].get("primaryKey", [])
    if key:
        seen: dict[tuple, int] = {}
        for i, (line, _) in enumerate(rows):
            k = tuple(columns[c][i] for c in key)
            if k in seen:
                desc = ", ".join(f"{c}={v}" for c, v in zip(key, k))
                problems.append(_Problem(line, None, f"duplicate key ({desc}); the same key is on line {seen[k]}. Each row must be unique in {', '.join(key)}"))
                break
            seen[k] = line
    if problems:
        _raise(path, problems)

    frame = pd.DataFrame({name: _column(field, columns[name]) for name, field in ((f["name"], f) for f in fields)})
    for name, values in extra.items():
        if name.endswith("_precision"):
            frame[name] = pd.Series(values, dtype=object)
        elif all(v is None or isinstance(v, int) for v in values):
            frame[name] = pd.array(values, dtype="Int64")
        else:
            frame[name] = pd.array([float("nan") if v is None else v for v in values], dtype="float64")
    return frame, [line for line, _ in rows]


def _column(field: dict, values: list) -> Any:
    kind = field["type"]
    opts = field.get("unionstate", {})
    if opts.get("parse") == "partial_date" or kind == "date":
        return pd.to_datetime(pd.Series(values, dtype=object))
    if kind == "number":
        return pd.array([float("nan") if v is None else v for v in values], dtype="float64")
    if kind == "integer":
        if any(v is None for v in values):
            return pd.array(values, dtype="Int64")
        return pd.array(values, dtype="int64")
    if opts.get("categorical"):
        return pd.Categorical(values, categories=field["constraints"]["enum"])
    # pandas 3's default text dtype, named explicitly so pandas 2.3 (the newest for Python 3.10) gives the
    # same tables: missing text shows as NaN in both, and comparisons return plain True/False.
    return pd.Series(values, dtype=TEXT_DTYPE)


_cache: dict[tuple, pd.DataFrame] = {}


def _stamp(path: Path) -> tuple:
    try:
        st = path.stat()
        return (st.st_mtime_ns, st.st_size)
    except FileNotFoundError:
        return (None, None)


def load_dataset(name: str) -> pd.DataFrame:
    """A dataset as a typed DataFrame, validated against its schema.

    Dates are parsed, categories set; dates given only to the month or year get a
    <column>_precision column ('day', 'month', 'year'). Raises DataError with the
    file, line and column when the data do not match the schema.
    """
    res = _resource(name)
    data = paths.data_dir()
    key = (str(data), res["name"], _stamp(data / res["path"]), _stamp(_descriptor_path()), _stamp(data / "sources.csv"))
    if key not in _cache:
        frame, lines = _build(res)
        _check_foreign_keys(res, frame, lines)
        _cache[key] = frame
    return _cache[key].copy()


def _check_foreign_keys(res: dict, frame: pd.DataFrame, lines: list[int]) -> None:
    for fk in res["schema"].get("foreignKeys", []):
        target = load_dataset(fk["reference"]["resource"])
        allowed = set(target[fk["reference"]["fields"]])
        col = fk["fields"]
        bad = frame.index[~frame[col].isin(allowed)]
        if len(bad):
            path = paths.data_dir() / res["path"]
            line = lines[int(bad[0])]
            raise DataError(
                f"{_display(path)}, line {line}, column '{col}': {frame.at[bad[0], col]!r} is not a {col} in "
                f"the '{fk['reference']['resource']}' dataset. {_restore_hint(path)}",
                file=str(path),
                line=line,
                column=col,
            )


def dictionary_markdown() -> str:
    """The generated data dictionary of data/README.md: every dataset and column, from datapackage.json."""
    lines = []
    for res in read_descriptor()["resources"]:
        key = ", ".join(res["schema"].get("primaryKey", []))
        lines += [f"### `{res['name']}`: {res['title']}", "", f"File `data/{res['path']}`. {res['description']}", ""]
        if key:
            lines += [f"Each row is unique by: {key}.", ""]
        lines += ["| column | type | required | meaning |", "|---|---|---|---|"]
        for f in res["schema"]["fields"]:
            cons = f.get("constraints", {})
            kind = f["type"]
            parse = f.get("unionstate", {}).get("parse")
            if parse == "partial_date":
                kind = "date (YYYY, YYYY-MM or YYYY-MM-DD; adds <column>_precision)"
            elif parse in ("year_or_text", "number_or_text"):
                kind = f"text as sourced (adds {f['unionstate']['derive']})"
            meaning = f.get("description", "")
            if "enum" in cons:
                meaning += " One of: " + ", ".join(f"`{v}`" for v in cons["enum"]) + "."
            lines.append(f"| `{f['name']}` | {kind} | {'yes' if cons.get('required') else ''} | {meaning} |")
        lines.append("")
    return "\n".join(lines)


DICTIONARY_BEGIN = "<!-- BEGIN GENERATED DICTIONARY: python tools/import_shared_data.py rewrites this part -->"
DICTIONARY_END = "<!-- END GENERATED DICTIONARY -->"


def write_dictionary(readme: Path) -> None:
    """Replace the generated part of data/README.md."""
    text = readme.read_text(encoding="utf-8")
    head, rest = text.split(DICTIONARY_BEGIN, 1)
    _, tail = rest.split(DICTIONARY_END, 1)
    readme.write_text(f"{head}{DICTIONARY_BEGIN}\n\n{dictionary_markdown()}\n{DICTIONARY_END}{tail}", encoding="utf-8")


def validate_all() -> dict[str, int]:
    """Load every dataset; returns the number of rows of each. Raises DataError on the first problem."""
    return {name: len(load_dataset(name)) for name in list_datasets()}
