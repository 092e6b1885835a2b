"""A publisher's boilerplate (sign-offs, lines set under many stories) is no claim the stories share."""
from __future__ import annotations

import json
from pathlib import Path

import polars as pl

import attrib
from conftest import FIXTURES
from attrib.claims.boilerplate import blank_boilerplate, boilerplate, line_rows, piece_rows

STORIES = [
    "The harbour board approved a new ferry timetable for the winter months.",
    "Local bakers raised the price of rye bread by a tenth after a poor harvest.",
    "The city library will open a second reading room in the old post office.",
    "Farmers in the valley reported the earliest frost in twenty years.",
    "The regional airline added a weekly flight to the northern islands.",
    "A storm closed the coastal road between the two fishing villages overnight.",
]
SIGN_OFF = "Harbour Newsdesk Tel+47 555 0101 Fax+47 555 0102"


def _rows(docs: list[list[str]], publisher: str = "Coast Wire") -> tuple[pl.DataFrame, pl.DataFrame]:
    text = [t for doc in docs for t in doc]
    doc = pl.Series([str(i) for i, d in enumerate(docs) for _ in d]).hash(seed=5)
    pub = pl.Series([publisher] * len(text))
    return line_rows(pub, doc, pl.Series(text)), piece_rows(pub, doc, pl.Series(text))


def test_a_sign_off_after_a_dash_is_blanked_and_the_story_kept():
    docs = [[f"{story} - {SIGN_OFF}"] for story in STORIES]
    lines, pieces = _rows(docs)
    boiler_lines, boiler_pieces = boilerplate([lines], [pieces])
    texts = blank_boilerplate(pl.Series([d[0] for d in docs]), boiler_lines, boiler_pieces).to_list()
    assert all("Newsdesk" not in t and t.startswith(s) for t, s in zip(texts, STORIES))
    assert len(texts[0]) == len(docs[0][0])      # offsets kept


def test_a_line_under_different_stories_is_boilerplate_but_copies_of_one_story_are_not():
    intro = "The following notices were posted at the town hall this week."
    under_stories = [[intro, story] for story in STORIES]
    copies = [[STORIES[0], STORIES[1]] for _ in range(8)]
    lines, pieces = _rows(under_stories + copies)
    boiler_lines, boiler_pieces = boilerplate([lines], [pieces])
    blanked = blank_boilerplate(pl.Series([intro, STORIES[0]]), boiler_lines, boiler_pieces).to_list()
    assert blanked[0].strip() == "" and blanked[1] == STORIES[0]


def test_sign_offs_do_not_merge_the_stories_they_end(tmp_path: Path):
    """Among other publishers' articles (the seeds) the sign-off's words are rare, so without blanking they
    would join the six stories (3 claims when tried); blanked, each story is its own claim."""
    rows = [{"id": f"a{i}", "text": f"{story} -- {SIGN_OFF}", "publisher": "Coast Wire"} for i, story in enumerate(STORIES)]
    rows += [{"id": p.stem, "text": p.read_text(encoding="utf-8"), "publisher": "Other"}
             for p in sorted((FIXTURES / "seeds").glob("*.txt"))]
    table = tmp_path / "articles.jsonl"
    table.write_text("".join(json.dumps(row) + "\n" for row in rows), encoding="utf-8")
    statements = attrib.analyze(table).statements.filter(pl.col("doc_id").str.starts_with("a"))
    assert statements.height == len(STORIES) and statements["claim_id"].n_unique() == len(STORIES)


def test_an_e_mail_or_web_address_is_no_content():
    from attrib.claims.features import statement_features
    from attrib.claims.vocabulary import vocabulary
    vocab = vocabulary()
    assert statement_features("kberg@harbournews.example.com", [], vocab).n_content == 0
    signed = statement_features("Ferries resume on Monday, details at www.harbournews.example.com/ferries today.", [], vocab)
    assert not any("harbournew" in w or "example" in w for w in signed.words) and "resum" in signed.words
