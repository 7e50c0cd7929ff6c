"""The kit's own files around a grading run: a damaged data file stops the grader with one sentence
(file, line, column), and a batch that changes the kit's data, code or masters is reported as untrustworthy."""

from __future__ import annotations

import shutil

import pytest
from grading_helpers import CORPUS, kit

from unionstate import paths


@pytest.fixture
def broken_data(tmp_path, monkeypatch):
    """A private copy of data/ whose sources.csv a test damages (read through UNIONSTATE_DATA)."""
    copy = tmp_path / "data"
    shutil.copytree(paths.ROOT / "data", copy)
    monkeypatch.setenv("UNIONSTATE_DATA", str(copy))
    return copy


@pytest.mark.parametrize(
    "damage, where",
    [
        (lambda lines: [lines[0].replace(",url,", ",link,"), *lines[1:]], "data/sources.csv, line 1 (header), column 'url': this column is missing"),
        (lambda lines: [*lines[:3], "S99_BROKEN,http://example.org\n", *lines[4:]], "data/sources.csv, line 4: the row has 2 cells but the header has 7 columns"),
    ],
)
def test_validate_data_names_file_line_and_column_of_a_damaged_source_table(broken_data, damage, where):
    path = broken_data / "sources.csv"
    path.write_text("".join(damage(path.read_text(encoding="utf-8").splitlines(keepends=True))), encoding="utf-8")
    import os

    result = kit("validate-data", env=dict(os.environ))
    assert result.returncode == 2 and "Traceback" not in result.stderr, result.stderr
    assert result.stderr.startswith(f"error: {where}") and "git checkout -- data/sources.csv" in result.stderr
    assert result.stderr.count("\n") == 1, "one sentence on one line"


def test_the_grader_answers_a_damaged_data_file_with_the_same_sentence(broken_data, tmp_path):
    """The next run after a submission damaged sources.csv (as seen before the sandbox) stops before
    grading, with the data loader's sentence, not a traceback."""
    import os

    path = broken_data / "sources.csv"
    path.write_text(path.read_text(encoding="utf-8").replace(",url,", ",link,", 1), encoding="utf-8")
    folder = tmp_path / "in"
    folder.mkdir()
    shutil.copy(CORPUS / "00" / "half.ipynb", folder / "ana.ipynb")
    result = kit("grade", str(folder), "--lesson", "00", "--out", str(tmp_path / "out"), "--quiet", env=dict(os.environ))
    assert result.returncode == 2 and "Traceback" not in result.stderr, result.stderr
    assert result.stderr.startswith("error: data/sources.csv, line 1 (header), column 'url': this column is missing")
    assert not (tmp_path / "out" / "gradebook.csv").exists()
