"""The article's words, in one place: the sentences the kit quotes, and quote() to show one with its citation.

    >>> from unionstate import quote
    >>> quote("C16")                       # the sentence that carries claim C16, with the citation
    >>> quote("C16", excerpt="lives mainly on Belarusian transit")   # a verbatim part of it
    >>> quote("C12", "C13")                # two sentences in one quotation

data/union/article_quotations.csv (kit-authored, not a curated file) holds every sentence of the
article that the kit quotes or analyses (or the clause of a long one that it analyses), exactly as
the English translation has it (S00_NTV_2020_09), with the claim ids it carries. Anything else the kit presents as the article's
words must be a verbatim part of one of these rows, omissions marked with "…":
tests/test_article_quotations.py checks every notebook, lesson plan, guide, exercise text and
claim card with verbatim_match() below.
"""

from __future__ import annotations

import html
import re
import unicodedata
from dataclasses import dataclass

import pandas as pd

from .datasets import load_dataset

DATASET = "article_quotations"
ARTICLE = "S00_NTV_2020_09"
ELLIPSIS = "…"

# Every kind of quotation mark and apostrophe counts as one: the kit writes ' and ", the
# translation ’ and “ ”, and a nested quotation changes “ ” to ' ' (a convention, not a change of words).
_QUOTE_MARKS = str.maketrans({c: "'" for c in "\"'‘’‚‛“”„‟«»‹›`´"})
_EDGE = " \t\n.,;:!?'()*_"  # punctuation a quotation may leave off at either end (markdown emphasis too)


def normalise(text: str) -> str:
    """Text as the verbatim test compares it: one quotation mark, "..." as "…", one space between words."""
    text = unicodedata.normalize("NFC", html.unescape(str(text)))
    text = text.translate(_QUOTE_MARKS).replace("...", ELLIPSIS)
    text = text.replace("\u00a0", " ").replace("\u2011", "-")
    return re.sub(r"\s+", " ", text).strip()


def words(text: str) -> list[str]:
    """The words of a text, lower case, without punctuation (for overlap: "shares 4 consecutive words")."""
    return re.findall(r"[\w'’-]+", normalise(text).lower().replace("'", ""))


# Words that carry no content: a run of three shared words counts only with two words not in this list.
STOPWORDS = frozenset(
    "a an the of to in on for and or but with by at from is are was were be been has have had it its that this which "
    "who as than more most not no so if would will also their his her he she they we you i there".split()
)


def shared_run(text: str, other: str, n: int = 4, content: int = 0) -> bool:
    """True when text and other share a run of n consecutive words, at least `content` of them not stopwords."""
    a, b = words(text), words(other)
    if len(a) < n or len(b) < n:
        return False
    grams = {tuple(b[i : i + n]) for i in range(len(b) - n + 1)}
    runs = (tuple(a[i : i + n]) for i in range(len(a) - n + 1))
    return any(run in grams and sum(w not in STOPWORDS for w in run) >= content for run in runs)


def nearly_in(text: str, other: str, changes: int = 1) -> bool:
    """True when the words of text (3 or more) match a run of words in other with at most `changes` words replaced.

    A quotation with one word changed is still presented as the article's words: this finds it."""
    a, b = words(text), words(other)
    if len(a) < 3 or len(b) < len(a):
        return False
    return any(sum(x != y for x, y in zip(a, b[i : i + len(a)])) <= changes for i in range(len(b) - len(a) + 1))


def fragments(candidate: str) -> list[str]:
    """The parts of a quotation between its omission marks ("…"), without edge punctuation."""
    parts = [p.strip(_EDGE) for p in normalise(candidate).split(ELLIPSIS)]
    return [p for p in parts if p]


def _find(fragment: str, sentence: str, start: int) -> int:
    """Where fragment occurs in sentence at or after start, on word boundaries; -1 if nowhere.

    The first letter may differ in case (a quotation that starts a sentence of the kit is capitalised)."""
    head, rest = fragment[0], fragment[1:]
    pattern = rf"(?<![\w-])[{re.escape(head.lower())}{re.escape(head.upper())}]{re.escape(rest)}(?![\w-])"
    m = re.compile(pattern).search(sentence, start)
    return m.end() if m else -1


def verbatim_in(candidate: str, sentence: str) -> bool:
    """True when candidate is a verbatim part of sentence: every fragment between "…" marks occurs, in order."""
    parts = fragments(candidate)
    if not parts:
        return False
    target, position = normalise(sentence), 0
    for part in parts:
        position = _find(part, target, position)
        if position < 0:
            return False
    return True


# --- the dataset --------------------------------------------------------------------------


def quotations() -> pd.DataFrame:
    """The article_quotations dataset: one row per quoted sentence or clause, with the claim ids it carries."""
    return load_dataset(DATASET)


def claim_ids(row) -> list[str]:
    value = row["claim_ids"]
    return [] if not isinstance(value, str) else [c.strip() for c in value.split(";") if c.strip()]


def verbatim_match(candidate: str, table: pd.DataFrame | None = None) -> str | None:
    """The id of the quotation row (or "Q08+Q09" for sentences next to each other) that candidate is a verbatim part of, or None."""
    table = quotations() if table is None else table
    rows = [r for _, r in table.sort_values(["paragraph", "sentence"]).iterrows()]
    for size in (1, 2, 3):  # a quotation may run over two or three sentences that follow each other
        for i in range(len(rows) - size + 1):
            run = rows[i : i + size]
            if all(adjacent(a, b) for a, b in zip(run, run[1:])) and verbatim_in(candidate, " ".join(r["text"] for r in run)):
                return "+".join(r["quote_id"] for r in run)
    for row in rows:  # the German original, where the kit's sources store it
        if isinstance(row.get("original_german"), str) and row["original_german"] and verbatim_in(candidate, row["original_german"]):
            return f"{row['quote_id']} (German)"
    return None


def _row(key: str, table: pd.DataFrame) -> pd.Series:
    key = str(key).strip()
    by_id = table[table["quote_id"] == key]
    if len(by_id):
        return by_id.iloc[0]
    carrying = [i for i, r in table.iterrows() if key in claim_ids(r)]
    if carrying:
        return table.loc[carrying[0]]
    raise KeyError(
        f"No quotation {key!r}: give a quotation id ({table['quote_id'].iloc[0]} to {table['quote_id'].iloc[-1]}) "
        f"or the id of a claim a quotation carries (see data/union/article_quotations.csv)."
    )


def sentence_ends(text: str) -> int:
    """How many sentences end in text: a '.', '?' or '!' (perhaps before a closing quotation mark) then a space or the end."""
    return len(re.findall(r"[.?!][”’\"']?(?=\s|$)", text))


def adjacent(first, second) -> bool:
    """True when row `second` is the whole sentence right after the whole sentence (or headline) `first` in the article."""
    if first["unit"] == "clause" or second["unit"] == "clause":
        return False
    return int(first["paragraph"]) == int(second["paragraph"]) and int(second["sentence"]) == int(first["sentence"]) + sentence_ends(first["text"])


def citation() -> str:
    """The article's short citation: author, outlet, title, date and its source id."""
    from .sources import source

    return f"{source(ARTICLE).publisher} [{ARTICLE}]"


@dataclass(frozen=True)
class Quotation:
    """Words of the article with their citation; shows itself as a block quotation in a notebook."""

    quote_ids: tuple[str, ...]
    text: str  # the words shown: whole sentences, or a verbatim part of one
    claims: tuple[str, ...]
    originals: tuple[tuple[str, str], ...]  # (German original, source id) where the kit's sources store it
    citation: str

    def plain(self) -> str:
        """“words” (citation; English translation): one line for feedback texts and reports."""
        return f"“{self.text}” ({self.citation}, English translation)"

    def __str__(self) -> str:
        return self.plain()

    def _where(self) -> str:
        ids = ", ".join(self.quote_ids)
        return f"{self.citation}, English translation (quotation {ids} in article_quotations)"

    def __repr__(self) -> str:
        lines = [f"“{self.text}”", f"  {self._where()}"]
        lines += [f"  German, as the source register stores it: „{de}“ [{sid}]" for de, sid in self.originals]
        return "\n".join(lines)

    def _repr_markdown_(self) -> str:
        md = f"> “{self.text}”\n>\n> {self._where()}"
        for de, sid in self.originals:
            md += f"\n>\n> German, as the source register stores it: „{de}“ [{sid}]"
        return md


def quote(*keys: str, excerpt: str | None = None) -> Quotation:
    """The article's words by quotation id ("Q21") or claim id ("C16"), with the article's citation.

    Several keys show several sentences in one quotation (in the article's order; "…" between
    sentences that are not next to each other). excerpt: show only a verbatim part of one
    sentence (omissions marked "…"); a part that is not in it word for word raises ValueError,
    so a notebook cannot misquote through quote().
    """
    if not keys:
        raise TypeError("quote() needs a quotation id ('Q21') or a claim id ('C16').")
    table = quotations()
    rows = sorted({_row(k, table)["quote_id"]: _row(k, table) for k in keys}.values(), key=lambda r: (r["paragraph"], r["sentence"]))
    if excerpt is not None:
        if len(rows) != 1:
            raise ValueError("An excerpt is taken from one sentence: give one key with excerpt=.")
        if not verbatim_in(excerpt, rows[0]["text"]):
            raise ValueError(
                f"{excerpt!r} is not a verbatim part of quotation {rows[0]['quote_id']} ({rows[0]['text']!r}); "
                f"mark every omission with '…'."
            )
        text = excerpt.strip()
    else:
        text = rows[0]["text"]
        for before, row in zip(rows, rows[1:]):
            text += (" " if adjacent(before, row) else f" {ELLIPSIS} ") + row["text"]
    text = text.replace("“", "‘").replace("”", "’")  # quotation marks inside the quotation become single ones
    originals = tuple(
        (r["original_german"], r["original_source_id"]) for r in rows if isinstance(r.get("original_german"), str) and r["original_german"]
    )
    return Quotation(
        quote_ids=tuple(r["quote_id"] for r in rows),
        text=text,
        claims=tuple(c for r in rows for c in claim_ids(r)),
        originals=originals,
        citation=citation(),
    )


__all__ = ["Quotation", "adjacent", "citation", "fragments", "nearly_in", "normalise", "quotations", "quote", "sentence_ends", "shared_run", "verbatim_in", "verbatim_match", "words"]
