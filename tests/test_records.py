"""The answer records a notebook carries for the grader: written and read in exercises/records.py only,
and read without ipywidgets (the grader scores a quiz from its record, never from a widget)."""

from __future__ import annotations

import json
import subprocess
import sys
import textwrap

from unionstate.exercises import records
from unionstate.exercises.model import Quiz, for_lesson
from unionstate.exercises.status import Status

QUIZ = next(q for q in for_lesson("00") if isinstance(q, Quiz))


def _nb(*payloads) -> dict:
    outputs = [{"output_type": "display_data", "data": {"text/plain": "x", records.ANSWER_MIME: p}} for p in payloads]
    return {"cells": [{"cell_type": "code", "source": "", "outputs": outputs}]}


def test_quiz_record_round_trip_and_last_answer_wins():
    wrong = next(letter for letter in QUIZ.options if letter != QUIZ.answer)
    first = records.quiz_bundle(QUIZ.id, wrong)
    second = records.quiz_bundle(QUIZ.id, QUIZ.answer)
    assert first["text/plain"] == f"Recorded answer for quiz {QUIZ.id}: {wrong}"
    json.dumps(second)  # JSON-safe, as the notebook stores it
    nb = _nb(first[records.ANSWER_MIME], second[records.ANSWER_MIME])
    assert records.quiz_answers(nb, "00") == {QUIZ.id: QUIZ.answer}


def test_forged_or_foreign_records_are_ignored():
    nb = _nb({"quiz": QUIZ.id, "answer": "Z"}, {"quiz": "00.no_such_quiz", "answer": "A"}, "not a dict", {"reveal": "99.nothing"})
    assert records.quiz_answers(nb, "00") == {}
    assert records.reveals(nb, "00") == {}
    assert records.claim_verdicts(nb) == {}


def test_claim_verdicts_and_reveals_are_read():
    verdicts = {"C14": {"verdict": "supported", "justification": "Five members [S_MIDRU_EAEU]."}}
    exercise = next(i for i in for_lesson("00") if i.kind != "quiz" and hasattr(i, "checker"))
    nb = _nb(records.verdicts_payload(verdicts), records.reveal_bundle(exercise.id, "the table")[records.ANSWER_MIME])
    assert records.claim_verdicts(nb) == verdicts
    assert records.reveals(nb, "00") == {exercise.id: "the table"}


def test_quiz_has_a_checker_and_judge_uses_it():
    assert QUIZ.checker.answer == QUIZ.answer
    assert records.judge(QUIZ, QUIZ.answer)[0] is Status.CORRECT
    assert records.judge(QUIZ, None)[0] is Status.UNANSWERED


def test_the_grader_scores_a_quiz_without_importing_ipywidgets():
    script = textwrap.dedent(
        f"""
        import sys
        from unionstate.exercises.records import ANSWER_MIME, quiz_answers
        from unionstate.grading.compose import Plan
        from unionstate.grading.runner import RunResult
        from unionstate.grading.score import grade

        nb = {{"cells": [{{"cell_type": "code", "outputs": [{{"output_type": "display_data",
              "data": {{ANSWER_MIME: {{"quiz": {QUIZ.id!r}, "answer": {QUIZ.answer!r}}}}}}}]}}]}}
        plan = Plan(student="s", file="s.ipynb", lesson="00", quiz_answers=quiz_answers(nb, "00"))
        graded = grade(plan, RunResult())
        item = next(i for i in graded.items if i.id == {QUIZ.id!r})
        assert item.points == {QUIZ.points} and item.status == "correct", item
        assert "ipywidgets" not in sys.modules, "scoring a quiz imported ipywidgets"
        print("ok")
        """
    )
    result = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=300)
    assert result.returncode == 0 and result.stdout.strip() == "ok", result.stderr[-3000:]
