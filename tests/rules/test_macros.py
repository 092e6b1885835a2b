"""Each documented macro's examples and negatives, from macros.toml itself."""
from __future__ import annotations

import pytest

from attrib.match import rule_lists
from attrib.gazetteer import load_gazetteer
from attrib.rules.macros import macro_matches, read_macro_docs
from attrib.rules.source import expand_macros, read_rule_file

DOCS, PROBLEMS = read_macro_docs()
MACROS = read_rule_file().macros
LISTS = rule_lists(load_gazetteer().outlet_names())
EXAMPLES = [(name, item, True) for name, doc in DOCS.items() for item in doc.examples]
NEGATIVES = [(name, item, False) for name, doc in DOCS.items() for item in doc.negatives]


def test_macros_toml_is_well_formed_and_documents_every_macro():
    assert PROBLEMS == []
    assert set(MACROS) <= set(DOCS), f"undocumented macros: {sorted(set(MACROS) - set(DOCS))}"
    for doc in DOCS.values():
        assert doc.description and doc.examples and doc.negatives, doc.name


@pytest.mark.parametrize("name,item,wanted", EXAMPLES + NEGATIVES,
                         ids=lambda v: v if isinstance(v, str) and len(v) < 12 else None)
def test_macro_example(name, item, wanted):
    source = expand_macros(DOCS[name].pattern or MACROS[name], MACROS)
    assert macro_matches(source, item, LISTS) == wanted, (name, item)


def test_match_means_exactly_that_text_with_its_context_visible():
    noun = expand_macros(MACROS["NOUN"], MACROS)
    assert macro_matches(noun, {"text": "the official said", "match": "official"}, LISTS)
    assert not macro_matches(noun, {"text": "the officials said", "match": "official"}, LISTS)
    assert not macro_matches(noun, {"text": "the official’ve", "match": "official"}, LISTS)
