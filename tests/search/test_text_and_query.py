"""Terms and queries without a database: Thai words inside compounds, Vietnamese accents,
the query syntax, and compiled forms that carry only quoted terms."""

from __future__ import annotations

import pytest

from envcoop.search.query import QueryError, parse, to_fts5, to_tsquery
from envcoop.search.text import index_text, terms


def test_thai_is_cut_into_words_and_nouns_are_found_without_their_prefix():
    indexed = index_text("การประชุมรัฐมนตรีสิ่งแวดล้อมอาเซียน ครั้งที่ ๑๗", "th").split()
    assert "ประชุม" in indexed and "รัฐมนตรี" in indexed
    assert "17" in indexed  # Thai digits read as digits
    # what a search for ร่วมมือ looks for (its words, in a row) is in ความร่วมมือ
    typed = parse("ร่วมมือ").groups[0].alternatives[0].terms
    assert " ".join(typed) in index_text("ความร่วมมือทางวิชาการ", "th")


def test_vietnamese_and_latin_text_is_folded_with_d_bar():
    assert index_text("Biến đổi khí hậu tại ĐÀ NẴNG", "vi") == "bien doi khi hau tai da nang"
    assert index_text("Kebakaran HUTAN") == "kebakaran hutan"


def test_terms_keep_their_place_in_the_original_text():
    text = "Hội nghị về khói mù"
    found = terms(text, "vi")
    assert [(text[t.start : t.end], t.text) for t in found][-2:] == [("khói", "khoi"), ("mù", "mu")]


def test_query_syntax():
    query = parse('"khói mù" OR jerebu haze -forest')
    assert [[p.terms for p in g.alternatives] for g in query.groups] == [
        [("khoi", "mu"), ("jerebu",)],
        [("haze",)],
    ]
    assert [p.terms for p in query.excluded] == [("forest",)]
    assert to_fts5(query) == '(("khoi mu" OR "jerebu") AND ("haze")) NOT ("forest")'
    assert to_tsquery(query) == "(('khoi' <-> 'mu') | ('jerebu')) & (('haze')) & !('forest')"
    # a Thai word ICU cuts in two is one phrase
    assert parse("หมอกควัน").groups[0].alternatives[0].terms == ("หมอก", "ควัน")


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("", "at least one word"),
        ("   ", "at least one word"),
        ("-haze", "besides the excluded"),
        ("OR haze", "OR needs"),
        ("haze OR", "OR needs"),
        ("haze OR OR smoke", "OR needs"),
        ('"haze', "not closed"),
        ('haze "smoke', "not closed"),
        ("x" * 501, "longer than"),
        (" ".join(f"w{i}" for i in range(41)), "more than"),
        ("!!! ???", "at least one word"),
    ],
)
def test_malformed_queries_get_a_sentence(text, message):
    with pytest.raises(QueryError, match=message):
        parse(text)


def test_nothing_typed_reaches_the_full_text_syntax_unquoted():
    query = parse("""x' OR 1=1; DROP TABLE search_entry; -- "a' b" NEAR(b) col:c ^d * -'y'""")
    fts = to_fts5(query)
    tsquery = to_tsquery(query)
    for phrase in query.phrases() + query.excluded:
        for term in phrase.terms:
            assert term.isalnum(), term  # only letters and digits survive
    assert ";" not in fts and ":" not in fts and "*" not in fts and "^" not in fts
    assert ";" not in tsquery and "--" not in tsquery
