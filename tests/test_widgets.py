"""Widget logic without a browser: the quiz judges and records answers; explorers respond to their controls."""

from __future__ import annotations

import json

import pytest

from unionstate.exercises import get
import unionstate.widgets.store as quiz_module
from unionstate.widgets.data_explorer import DatasetExplorer, dataset_view, source_counts
from unionstate.widgets.quizzes import ANSWER_MIME, QuizWidget, _record_bundle, judge
from unionstate.widgets.store import load_answers as _load_store


@pytest.fixture
def in_tmp(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("UNIONSTATE_STRICT", "0")
    return tmp_path


def test_judge_explains_each_option():
    q = get("00.usable_shares")
    assert judge(q, None)[0] == "unanswered"
    assert judge(q, q.answer) == ("correct", q.explanations[q.answer])
    wrong = next(letter for letter in q.options if letter != q.answer)
    assert judge(q, wrong) == ("incorrect", q.explanations[wrong])


def test_submitting_records_the_answer_in_the_notebook_output_and_the_workspace(in_tmp):
    q = get("00.usable_shares")
    widget = QuizWidget(q)
    updates = []

    class Handle:
        def update(self, bundle, raw):
            updates.append(bundle)

    widget._handle = Handle()
    widget.choices.value = "A"
    assert widget.submit() == "incorrect"
    assert "Not yet." in widget.feedback.value
    widget.choices.value = q.answer
    assert widget.submit() == "correct"
    assert updates[-1][ANSWER_MIME] == {"quiz": "00.usable_shares", "answer": q.answer}
    saved, problem = _load_store()
    assert problem == "" and saved["00.usable_shares"]["answer"] == q.answer


def test_no_choice_records_nothing(in_tmp):
    widget = QuizWidget(get("00.usable_shares"))
    assert widget.submit() == "unanswered"
    assert not quiz_module.STORE.exists()


def test_corrupt_store_is_kept_aside_and_reported(in_tmp):
    quiz_module.STORE.parent.mkdir()
    quiz_module.STORE.write_text("{broken", encoding="utf-8")
    saved, problem = _load_store()
    assert saved == {} and "could not be read" in problem
    widget = QuizWidget(get("00.usable_shares"))
    widget.choices.value = "B"
    widget.submit()
    assert json.loads(quiz_module.STORE.read_text())["00.usable_shares"]["answer"] == "B"
    kept = list(quiz_module.STORE.parent.glob("answers.unreadable-*.json"))
    assert kept and kept[0].read_text() == "{broken"


def test_record_bundle_is_plain_text_and_json():
    bundle = _record_bundle(get("00.usable_shares"), "B")
    assert bundle["text/plain"] == "Recorded answer for quiz 00.usable_shares: B"
    assert json.dumps(bundle)


def test_dataset_view_responds_to_both_controls():
    rows = dataset_view("klaipeda_transit", "rows")
    cols = dataset_view("klaipeda_transit", "columns")
    srcs = dataset_view("klaipeda_transit", "sources")
    other = dataset_view("surveys", "rows")
    assert len({rows.table_html, cols.table_html, srcs.table_html, other.table_html}) == 4
    assert "value_qualifier" in dataset_view("opinion", "columns").table_html
    assert "LRT_2020_09_08" in srcs.table_html
    assert "has 24 rows" in rows.summary


def test_source_counts_match_the_csv():
    import csv

    from unionstate import paths

    with open(paths.ROOT / "data" / "trade" / "eaeu_members.csv", newline="") as fh:
        ids = [i for row in csv.DictReader(fh) for col in ("joined_source_id", "source_id") for i in row[col].split(";")]
    assert dict(source_counts("eaeu_members")) == {i: ids.count(i) for i in set(ids)}


def test_explorer_widget_redraws_on_change():
    explorer = DatasetExplorer("surveys")
    first = explorer.display_area.value
    explorer.controls["show"].value = "columns"
    assert explorer.display_area.value != first
    assert "Dataset explorer" in explorer._repr_mimebundle_()["text/plain"]


def test_explorer_shows_a_setting_seen_before_from_its_cache():
    calls = []

    class Counting(DatasetExplorer):
        def view(self, name, show):
            calls.append((name, show))
            return dataset_view(name, show)

    explorer = Counting("surveys")
    first = explorer.display_area.value
    explorer.controls["show"].value = "columns"
    explorer.controls["show"].value = "rows"
    assert explorer.display_area.value == first
    assert calls == [("surveys", "rows"), ("surveys", "columns")]  # the way back was not drawn again


def test_explorer_error_is_a_sentence_and_not_cached():
    class Broken(DatasetExplorer):
        def view(self, name, show):
            raise ValueError("no rows in that range")

    explorer = Broken("surveys")
    assert "could not be shown (ValueError: no rows in that range)" in explorer.display_area.value
    assert explorer._views == {}
