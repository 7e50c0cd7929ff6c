"""Answer records: what a notebook carries for the grader besides its code, written and read here only.

Some answers are given by clicking, not by typing code: a quiz choice, a claim-card verdict, a
request to see a result before answering. The widget that takes such an answer writes it into
the notebook as a display output of its cell, with the MIME type ANSWER_MIME; JupyterLab updates
that output from the kernel and saves it with the notebook, so the submitted file carries the
answer. The grader reads these records (never the widget, never ipywidgets) with the readers
below. The same payload is also kept in the workspace (widgets/store.py) so a restart loses
nothing.

The format: an output's `data[ANSWER_MIME]` is a JSON object of one of these kinds

| kind           | payload                                                                      | written by        |
|----------------|------------------------------------------------------------------------------|-------------------|
| quiz answer    | `{"quiz": "02.moe_quadruple", "answer": "B"}` (answer: an option letter)     | widgets/quizzes   |
| claim verdicts | `{"lesson": "05", "claim_verdicts": {"C14": {"verdict": "...", "justification": "..."}}}` | widgets/claims |
| reveal         | `{"reveal": "02.union_share", "what": "the table of shares"}`                 | exercises/reveal  |

with a `text/plain` sibling saying the same in words (what a reader without the kit sees).
Records of an unknown kind are ignored; a record that names an unknown item or option is
ignored (a student cannot forge points by typing outputs: a quiz answer counts only when it is
one of the quiz's letters, and it is judged by the grader's own checker).
"""

from __future__ import annotations

from typing import Iterator

from .model import Quiz, for_lesson
from .status import Status

ANSWER_MIME = "application/vnd.unionstate.answer+json"


def record_bundle(record: dict, text: str) -> dict:
    """A display bundle that shows `text` and carries the record for the grader."""
    return {"text/plain": text, ANSWER_MIME: record}


# --- writing ------------------------------------------------------------------------------


def quiz_bundle(quiz_id: str, letter: str | None) -> dict:
    text = f"Recorded answer for quiz {quiz_id}: {letter}" if letter else f"Quiz {quiz_id}: no answer recorded yet."
    return record_bundle({"quiz": quiz_id, "answer": letter}, text)


def verdicts_payload(verdicts: dict) -> dict:
    return {"lesson": "05", "claim_verdicts": {cid: {"verdict": v["verdict"], "justification": v["justification"]} for cid, v in sorted(verdicts.items())}}


def reveal_bundle(exercise_id: str, what: str) -> dict:
    text = f"You asked to see {what} before answering {exercise_id}; this is recorded in the notebook."
    return record_bundle({"reveal": exercise_id, "what": what}, text)


# --- judging a clicked answer -------------------------------------------------------------


def judge(q: Quiz, letter: str | None) -> tuple[Status, str]:
    """(status, message) for a quiz choice; the message explains the option chosen."""
    if letter is None:
        return Status.UNANSWERED, "Choose an option, then press “Check answer”."
    result = q.checker.evaluate({"type": "string", "value": letter}, "answer")
    return result.status, result.message


# --- reading (the grader) -----------------------------------------------------------------


def iter_records(nb: dict) -> Iterator[dict]:
    """Every answer record of a notebook (as a dict from JSON), in cell and output order."""
    for cell in nb.get("cells", []) or []:
        if not isinstance(cell, dict):
            continue
        for out in cell.get("outputs", []) or []:
            record = (out.get("data") or {}).get(ANSWER_MIME) if isinstance(out, dict) else None
            if isinstance(record, dict):
                yield record


def quiz_answers(nb: dict, lesson: str) -> dict[str, str]:
    """The last recorded answer of each quiz of the lesson."""
    quizzes = {q.id: q for q in for_lesson(lesson) if isinstance(q, Quiz)}
    found: dict[str, str] = {}
    for record in iter_records(nb):
        qid, answer = record.get("quiz"), record.get("answer")
        if qid in quizzes and isinstance(answer, str) and answer in quizzes[qid].options:
            found[qid] = answer
    return found


def claim_verdicts(nb: dict) -> dict[str, dict]:
    """Verdicts recorded on claim cards (lesson 05): claim id -> {"verdict", "justification"} (the last record wins)."""
    verdicts: dict = {}
    for record in iter_records(nb):
        if isinstance(record.get("claim_verdicts"), dict):
            verdicts.update({k: v for k, v in record["claim_verdicts"].items() if isinstance(v, dict)})
    return verdicts


def reveals(nb: dict, lesson: str) -> dict[str, str]:
    """Exercises of the lesson whose giveaway result the student asked to see before answering: id -> what."""
    ids = {item.id for item in for_lesson(lesson)}
    found: dict[str, str] = {}
    for record in iter_records(nb):
        eid = record.get("reveal")
        if isinstance(eid, str) and eid in ids:
            found[eid] = str(record.get("what", ""))[:200]
    return found


__all__ = [
    "ANSWER_MIME",
    "claim_verdicts",
    "iter_records",
    "judge",
    "quiz_answers",
    "quiz_bundle",
    "record_bundle",
    "reveal_bundle",
    "reveals",
    "verdicts_payload",
]
