"""The article is quoted exactly: one dataset of its quoted sentences, and every text the kit presents as
the article's words is a verbatim part of one of them (omissions marked with "…").

How the test finds "text presented as the article's words" (at least as strong as the content audit's
method, which tested quoted strings of 4+ words sharing 4+ consecutive words with the article):

- every quoted span in the kit's texts: “…”, "…", ‘…’ and '…' (an apostrophe inside a word is not a
  quotation mark), and every block quotation (a Markdown paragraph starting with ">");
- a span of 4 or more words is the article's words when it shares 4 consecutive words with a sentence
  of the dataset, or (where ../shared/reference/article.txt is present) with the article itself; in
  prose, a span of 3 or more words that shares 3 consecutive words, two of them content words, also
  counts (so one changed word in a short quotation is still found);
- a span of 4 or more words also counts when it matches a run of the article's words with one word
  changed (so an altered word anywhere in a quotation is found);
- a shorter span counts when the prose right before it names the article ("the article's 'mainly'",
  "the headline says '…'").

The kit's texts: the master notebooks (Markdown and code cells), lessons/*.md, README.md,
data/README.md, every text of the exercise registry (tasks, hints, options, explanations, rubrics)
and every claim card (with the curators' verdict shown).
"""

from __future__ import annotations

import html
import json
import re
from dataclasses import fields, is_dataclass
from pathlib import Path

import pandas as pd
import pytest

from unionstate import paths, quote
from unionstate.quotations import (
    ELLIPSIS,
    adjacent,
    nearly_in,
    normalise,
    quotations,
    sentence_ends,
    shared_run,
    verbatim_in,
    verbatim_match,
    words,
)
from unionstate.sources import all_sources

ROOT = paths.ROOT
ARTICLE = ROOT.parent / "shared" / "reference" / "article.txt"
QUOTES = pd.read_csv(ROOT / "data" / "union" / "article_quotations.csv", dtype=str, keep_default_na=False)
CLAIMS = pd.read_csv(ROOT / "data" / "union" / "article_claims.csv", dtype=str, keep_default_na=False)

SPANS = [
    re.compile(r"“([^“”]{1,700}?)”"),
    re.compile(r'"([^"\n]{1,700}?)"'),
    re.compile(r"(?<![\w])‘(?=\S)(.{1,700}?)(?<=\S)’(?![\w])"),
    re.compile(r"(?<![\w'])'(?=\S)([^'\n]{0,700}?(?:\w'\w[^'\n]{0,700}?)*)(?<=\S)'(?![\w])"),
]
# Prose that names the article right before a short quotation: "the article's 'mainly'".
NAMES_THE_ARTICLE = re.compile(
    r"(?<![`'\"\w])(?:the article(?:'s)?|article's|the headline(?:'s)?|headline's|Trubetskoy(?:'s)?)\W+(?:\w+\W+){0,3}$", re.I
)


def paragraphs(text: str):
    """Paragraphs with their lines joined (block-quote markers removed); a table row is a paragraph of its own."""
    for para in re.split(r"\n\s*\n", text):
        lines = para.splitlines()
        if any(line.lstrip().startswith("|") for line in lines):
            yield from lines
            continue
        quoted = all(line.lstrip().startswith(">") for line in lines if line.strip())
        joined = " ".join(re.sub(r"^\s*>\s?", "", line).strip() for line in lines)
        yield ("> " + joined) if quoted and joined else joined


def candidates(text: str, prose: bool = True):
    """(span, is_short_and_attributed) for every quoted span or block quotation in text."""
    for para in paragraphs(text):
        spans = [(m.group(1), para[: m.start()]) for pattern in SPANS for m in pattern.finditer(para)]
        for span, before in spans:
            in_code = before.count("`") % 2 == 1  # inside `inline code`: a call, not prose naming the article
            yield span, prose and not in_code and bool(NAMES_THE_ARTICLE.search(before))
        if para.startswith(">") and not spans:
            yield para[1:].strip(), False


def _strings(obj, depth=0):
    if isinstance(obj, str):
        yield obj
    elif isinstance(obj, dict):
        for value in obj.values():
            yield from _strings(value, depth + 1)
    elif isinstance(obj, (list, tuple)):
        for value in obj:
            yield from _strings(value, depth + 1)
    elif depth < 4 and is_dataclass(obj):
        for f in fields(obj):
            yield from _strings(getattr(obj, f.name), depth + 1)
    elif depth < 4 and hasattr(obj, "__dict__") and not callable(obj):
        for value in vars(obj).values():
            yield from _strings(value, depth + 1)


def kit_texts():
    """(where, text, is_prose) for every text the kit shows students or instructors."""
    for nb in sorted((ROOT / "notebooks").glob("*.ipynb")):
        for i, cell in enumerate(json.loads(nb.read_text(encoding="utf-8"))["cells"]):
            yield f"{nb.name} cell {i}", "".join(cell["source"]), cell["cell_type"] == "markdown"
    for md in sorted((ROOT / "lessons").glob("*.md")) + [ROOT / "README.md", ROOT / "data" / "README.md"]:
        yield str(md.relative_to(ROOT)), md.read_text(encoding="utf-8"), True
    from unionstate.exercises.model import registry

    for item_id, item in registry().items():
        yield f"registry {item_id}", "\n\n".join(_strings(item)), True
    from unionstate.analysis import claims as ca
    from unionstate.widgets import claims as cw

    for cid in ca.claims()["claim_id"]:
        card = html.unescape(re.sub(r"<[^>]+>", "\n\n", cw.card_view(cid, True).html()))
        yield f"claim card {cid}", card, True


def presented_as_article(span: str, attributed: bool, article: str | None, prose: bool = True) -> bool:
    """Four shared consecutive words (the audit's rule); in prose also three with two content words (one changed
    word in a short quotation); or a short quotation the prose names as the article's."""
    references = list(QUOTES["text"]) + ([article] if article is not None else [])
    for pattern in SPANS:  # a quotation inside the span is judged on its own: "the article rounds this to 'about 13 percent'"
        span = pattern.sub(" / ", span)
    n = len(words(span))
    if n >= 4 and any(shared_run(span, t, 4) for t in references):
        return True
    if prose and n >= 3 and any(shared_run(span, t, 3, content=2) for t in references):
        return True
    if n >= 4 and any(nearly_in(span, t) for t in references):  # one word changed in a quotation of 4+ words
        return True
    return attributed and n >= 1


def misquotations(texts, article: str | None) -> list[str]:
    table = quotations()
    bad = []
    for where, text, prose in texts:
        for span, attributed in candidates(text, prose):
            if presented_as_article(span, attributed, article, prose) and verbatim_match(span, table) is None:
                bad.append(f"{where}: {span!r}")
    return bad


def article_text() -> str | None:
    return ARTICLE.read_text(encoding="utf-8") if ARTICLE.exists() else None


# --- the finder and the matcher ------------------------------------------------------------


def test_verbatim_matching_allows_marked_omissions_only():
    sentence = "The Lithuanian port city of Klaipeda, for example, lives mainly on Belarusian transit."
    assert verbatim_in("lives mainly on Belarusian transit", sentence)
    assert verbatim_in("The Lithuanian port city of Klaipeda … lives mainly on Belarusian transit.", sentence)
    assert verbatim_in("the Lithuanian port city of Klaipeda", sentence)  # a capital may become small, or the reverse
    assert not verbatim_in("Klaipeda lives mainly on Belarusian transit", sentence)  # words dropped without "…"
    assert not verbatim_in("lives mostly on Belarusian transit", sentence)
    assert not verbatim_in("ives mainly on Belarusian", sentence)  # a word cut in half is not a quotation
    assert not verbatim_in("transit … Klaipeda", sentence)  # the parts must keep their order
    assert verbatim_in("“It's just a working visit,”", "“It’s just a working visit,” Kremlin spokesman Dmitry Peskov said.")


def test_finder_sees_quotes_block_quotes_and_attributed_short_quotes():
    text = (
        "The article says Klaipėda 'lives mainly on Belarusian transit', and it's \"about 70 percent of the public debt\".\n\n"
        "> The protest is always very large\n> but it remains largely peaceful\n\n"
        "Its headline's 'destiny' and the article's “mainly”."
    )
    found = dict(candidates(text))
    assert set(found) >= {"lives mainly on Belarusian transit", "about 70 percent of the public debt", "mainly", "destiny"}
    assert "The protest is always very large but it remains largely peaceful" in found  # a block quotation, lines joined
    assert found["mainly"] and found["destiny"]  # short, but named as the article's words
    bad = misquotations([("example", text, True)], None)
    assert any("about 70 percent of the public debt" in b for b in bad)  # drops "Belarusian"
    assert any("The protest is always very large but" in b for b in bad)  # the block quote drops ", "
    assert not any("lives mainly" in b for b in bad) and not any("'mainly'" in b for b in bad)
    assert any("'destiny'" in b for b in bad)  # not a word of the headline


def test_quote_shows_the_sentence_with_its_citation_and_refuses_a_misquote():
    q = quote("C16")
    assert q.text == QUOTES.loc[QUOTES["claim_ids"].str.contains("C16"), "text"].item()
    assert "S00_NTV_2020_09" in repr(q) and "English translation" in q.plain()
    assert quote("C16", excerpt="lives mainly on Belarusian transit").text == "lives mainly on Belarusian transit"
    with pytest.raises(ValueError, match="not a verbatim part"):
        quote("C16", excerpt="Klaipeda lives mainly on Belarusian transit")
    with pytest.raises(KeyError, match="No quotation 'C99'"):
        quote("C99")
    both = quote("C12", "C13")  # two sentences that follow each other: one quotation, no "…"
    assert ELLIPSIS not in both.text and both.quote_ids == ("Q18", "Q19")
    apart = quote("C04", "C10")
    assert f" {ELLIPSIS} " in apart.text and apart.quote_ids[0] == "Q03"  # in the article's order
    lead = quote("Q02")
    assert lead.originals and "besucht" in lead.originals[0][0] and "besucht" in lead._repr_markdown_()


# --- the dataset ---------------------------------------------------------------------------


def test_quotations_carry_every_claim_of_the_article_once():
    carried = [c for cell in QUOTES["claim_ids"] for c in cell.split(";") if c]
    assert set(carried) <= set(CLAIMS["claim_id"])
    context = set(CLAIMS.loc[CLAIMS["verdict"].str.startswith("context"), "claim_id"])
    for cid in CLAIMS["claim_id"]:
        assert carried.count(cid) == (0 if cid in context else 1), cid
    assert list(QUOTES["quote_id"]) == sorted(QUOTES["quote_id"])
    order = list(zip(QUOTES["paragraph"].astype(int), QUOTES["sentence"].astype(int)))
    assert order == sorted(order), "rows are in the article's order"
    for _, row in QUOTES.iterrows():
        assert row["claim_ids"] or row["note"], f"{row['quote_id']}: say why a sentence without a claim is quoted"


def test_quotations_are_short_and_the_german_originals_are_in_the_cited_sources():
    assert all(len(words(t)) <= 60 for t in QUOTES["text"])
    assert sum(len(words(t)) for t in QUOTES["text"]) < 1000  # short quotations, never the whole article
    sources = all_sources()
    for _, row in QUOTES.iterrows():
        if row["original_german"]:
            stored = sources[row["original_source_id"]]
            assert normalise(row["original_german"]) in normalise(stored.quote + " " + stored.publisher), row["quote_id"]


@pytest.mark.skipif(not ARTICLE.exists(), reason=f"{ARTICLE} is not present (only on the curators' machines); the dataset is checked against it there")
def test_every_quotation_is_word_for_word_a_sentence_of_the_article():
    paragraphs_ = [line.strip() for line in ARTICLE.read_text(encoding="utf-8").splitlines() if line.strip()]
    article_words = sum(len(words(p)) for p in paragraphs_)
    assert sum(len(words(t)) for t in QUOTES["text"]) < article_words / 2
    for _, row in QUOTES.iterrows():
        para = paragraphs_[int(row["paragraph"]) - 1]
        start = para.find(row["text"])  # exact characters: words, punctuation, quotation marks
        assert start >= 0, f"{row['quote_id']} is not word for word in paragraph {row['paragraph']} of the article: {row['text']!r}"
        assert para.find(row["text"], start + 1) < 0, f"{row['quote_id']} occurs twice in its paragraph"
        end = start + len(row["text"])
        if row["unit"] == "headline":
            assert row["paragraph"] == "1" and row["text"] == para
        elif row["unit"] == "sentence":
            assert start == 0 or re.search(r"[.?!][”’]?\s$", para[:start]), f"{row['quote_id']} does not start a sentence"
            assert end == len(para) or para[end].isspace(), f"{row['quote_id']} does not end a sentence"
        sentence_start = max([0] + [m.end() for m in re.finditer(r"[.?!][”’\"']?\s", para[: start + 1])])
        assert int(row["sentence"]) == sentence_ends(para[:sentence_start]) + 1, f"{row['quote_id']}: sentence number"
    rows = [r for _, r in QUOTES.iterrows()]
    for first, second in zip(rows, rows[1:]):
        if adjacent(first, second):  # claimed to follow each other: nothing between them but a space
            para = paragraphs_[int(first["paragraph"]) - 1]
            assert first["text"] + " " + second["text"] in para, (first["quote_id"], second["quote_id"])


# --- the kit's texts -----------------------------------------------------------------------


def test_every_text_presented_as_the_articles_words_is_verbatim():
    bad = misquotations(kit_texts(), article_text())
    assert not bad, (
        "These texts are presented as the article's words but are not a verbatim part of a sentence in "
        "data/union/article_quotations.csv (mark omissions with '…', or add the sentence to the dataset):\n"
        + "\n".join(bad)
    )


def test_a_changed_word_in_any_notebook_quotation_is_found():
    """The guard works on the notebooks themselves: change one word of any quotation of the article in a master
    notebook (each in turn) and the test fails."""
    table = quotations()
    texts = [t for t in kit_texts() if ".ipynb cell" in t[0]]
    assert not misquotations(texts, None)
    tried = 0
    for where, text, prose in texts:
        for span, _ in candidates(text, prose):
            spanwords = re.findall(r"[A-Za-z]{4,}", span)
            if len(words(span)) < 4 or verbatim_match(span, table) is None or not spanwords:
                continue
            word = spanwords[len(spanwords) // 2]
            altered_span = re.sub(rf"\b{word}\b", "changed", span, count=1)
            altered = text.replace(span, altered_span, 1)
            assert misquotations([(where, altered, prose)], None), f"{where}: changing {word!r} in {span!r} went unnoticed"
            tried += 1
    assert tried >= 30  # the notebooks quote the article often (37 quotations of 4+ words when written); each was altered once
