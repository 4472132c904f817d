"""The search backends against the real database: this file runs on SQLite (FTS5) and again
on PostgreSQL (tsvector) by scripts/run-tests, the same assertions for both."""

from __future__ import annotations

import contextlib

import pytest
from django.db import connection, transaction

from envcoop.registry.models import Event, LabelKind
from envcoop.registry.services.labels import label_add
from envcoop.search.backends import Filters
from envcoop.search.index import reindex
from envcoop.search.models import Entry
from envcoop.search.query import QueryError
from envcoop.search.service import search
from tests.review import samples

pytestmark = pytest.mark.django_db

HAZE = {
    "en": "Smoke haze from peat fires crossed the border again this week, officials said.\n",
    "th": "หมอกควันจากไฟป่าพรุข้ามแดนมาอีกครั้งในสัปดาห์นี้ เจ้าหน้าที่กล่าว\n",
    "vi": "Khói mù từ các đám cháy đất than bùn lại vượt biên giới trong tuần này.\n",
    "ms": "Jerebu daripada kebakaran tanah gambut merentasi sempadan lagi minggu ini.\n",
}


@pytest.fixture
def haze_documents():
    return {lang: samples.ingest(text, f"haze-{lang}.txt").document for lang, text in HAZE.items()}


def langs(found) -> set[str]:
    return {result.lang for result in found.results if result.kind == "passage"}


def test_backend_follows_the_database():
    from envcoop.search.backends import backend

    expected = "postgresql" if connection.vendor == "postgresql" else "sqlite-fts5"
    assert backend().name == expected


def test_a_search_in_one_language_finds_the_others(haze_documents):
    for typed in ("khói mù", "haze", "หมอกควัน", "jerebu"):
        found = search(typed, filters=Filters(kind="passage"))
        assert langs(found) >= {"en", "th", "vi", "ms"}, typed
        assert all(result.matched for result in found.results)
    found = search("khói mù", filters=Filters(kind="passage"))
    thai = next(r for r in found.results if r.lang == "th")
    assert thai.via == ["haze"] and "<mark>หมอกควัน</mark>" in str(thai.snippet)
    exact = search("khói mù", filters=Filters(kind="passage"), expand=False)
    assert langs(exact) == {"vi"}


def test_accents_and_thai_compounds(haze_documents):
    assert langs(search("khoi mu", filters=Filters(kind="passage"), expand=False)) == {"vi"}
    samples.ingest("การประชุมคณะทำงานด้านหมอกควันจัดขึ้นที่กรุงเทพฯ\n", "th-meeting.txt")
    found = search("ประชุม", filters=Filters(kind="passage", lang="th"), expand=False)
    assert found.total >= 1 and "ประชุม" in str(found.results[0].snippet)


def test_phrases_or_and_exclusions(haze_documents):
    assert search('"peat fires"', expand=False, filters=Filters(kind="passage")).total == 1
    assert search('"fires peat"', expand=False, filters=Filters(kind="passage")).total == 0
    either = search("jerebu OR smoke", expand=False, filters=Filters(kind="passage"))
    assert langs(either) == {"en", "ms"}
    without = search("haze -smoke", filters=Filters(kind="passage"))
    assert "en" not in langs(without) and {"th", "vi", "ms"} <= langs(without)


def test_facets_count_what_the_filters_return(haze_documents):
    found = search("haze", filters=Filters(kind="passage"))
    facets = dict(found.facets["lang"])
    for lang, count in facets.items():
        assert search("haze", filters=Filters(kind="passage", lang=lang)).total == count
    kinds = dict(search("haze").facets["kind"])
    assert sum(kinds.values()) == search("haze").total


def test_records_are_found_by_any_of_their_names_and_filtered():
    found = search("AMME")
    assert any(r.kind == "event" and r.id == "amme-17" for r in found.results)
    vietnamese = search(
        "Hội nghị Bộ trưởng Môi trường ASEAN lần thứ 17", filters=Filters(kind="event")
    )
    assert vietnamese.results[0].id == "amme-17"
    assert search("AMME", filters=Filters(kind="event", series="amme", year=2023)).total >= 1
    assert search("AMME", filters=Filters(kind="event", year=1999)).total == 0
    assert search("AMME", filters=Filters(kind="event", country="LA")).total >= 1


def test_the_index_follows_writes_in_the_same_transaction():
    event = Event.objects.get(key="amme-17")
    assert search("Sisavangvong", expand=False).total == 0
    with transaction.atomic():
        label_add(record=event, kind=LabelKind.ALIAS, lang="en", text="Sisavangvong summit")
        assert search("Sisavangvong", expand=False).total == 1  # visible inside the transaction
    assert search("Sisavangvong", expand=False).results[0].id == "amme-17"
    event.place = "Luang Prabang"
    event.save()
    assert search('"luang prabang"', expand=False).total == 1
    try:
        with transaction.atomic():
            event.delete()
            assert search("Sisavangvong", expand=False).total == 0
            raise RuntimeError("roll back")
    except RuntimeError:
        pass
    assert search("Sisavangvong", expand=False).total == 1  # the rollback took the deletion back


def test_documents_are_indexed_when_stored_and_again_when_read_again(haze_documents):
    document = haze_documents["en"]
    passages = Entry.objects.filter(document=document).count()
    assert passages == document.passages.count() >= 1
    from envcoop.ingestion.pipeline import ingest_bytes

    again = ingest_bytes(
        HAZE["en"].encode(), source="haze-en.txt", filename="haze-en.txt", force=True
    )
    assert again.status == "re-read"
    assert Entry.objects.filter(document=document).count() == passages
    pk = document.pk
    document.delete()
    assert Entry.objects.filter(document_id=pk).count() == 0
    assert "en" not in langs(search("smoke haze", filters=Filters(kind="passage")))


def test_reindex_rebuilds_the_same_index(haze_documents):
    before = search("haze").total
    Entry.objects.all().delete()
    assert search("haze").total == 0
    reindex()
    assert search("haze").total == before


def test_malformed_queries_raise_a_sentence_never_a_database_error():
    for text in [
        '"open',
        "-only",
        "OR",
        'x" AND "y',
        "NEAR(a b)",
        "a:b",
        "*",
        "'; DROP TABLE x; --",
    ]:
        with contextlib.suppress(QueryError):
            search(text)


def test_pages(haze_documents):
    first = search("haze", per_page=2)
    second = search("haze", per_page=2, page=2)
    assert first.total == second.total > 2
    assert {r.id for r in first.results}.isdisjoint({r.id for r in second.results})


def test_totals_are_counted_up_to_a_cap(haze_documents, monkeypatch):
    import envcoop.search.service as service

    full = search("haze", filters=Filters(kind="passage"))
    assert not full.more and full.total >= 4
    monkeypatch.setattr(service, "COUNT_CAP", 2)
    capped = search("haze", filters=Filters(kind="passage"))
    assert capped.more and capped.total == 2


def test_filters_never_change_scores_and_facet_words_are_not_searchable(haze_documents):
    everything = {r.id: r.score for r in search("haze").results}
    passages = search("haze", filters=Filters(kind="passage", lang="th"))
    assert passages.results
    for result in passages.results:
        assert result.score == pytest.approx(everything[result.id])
    from envcoop.search.facet_words import word

    for typed in (word("k", "passage"), word("l", "th"), "kqpassage"):
        assert search(typed, expand=False).total == 0


def test_filter_values_with_any_characters():
    from envcoop.search.facet_words import facet_words, word

    assert word("s", "haze-cop") != word("s", "hazecop") == "sqhazecop"
    assert word("l", "zh-Hant") == "lz" + b"zh-hant".hex()
    assert facet_words("passage", "th", 2024, "", 0, " TH VN ").split() == [
        "kqpassage", "lqth", "yq2024", "cqth", "cqvn",
    ]  # fmt: skip
    week = Filters(series="asean-china-cooperation-week")
    assert search("cooperation week", filters=week).results[0].id == (
        "asean-china-cooperation-week-2022"
    )
    assert (
        search("cooperation week", filters=Filters(series="aseanchinacooperationweek")).total == 0
    )
    assert search("cooperation week", filters=Filters(area="no-such-area")).total == 0
    assert search("cooperation week", filters=Filters(area="sustainable-cities")).total >= 1


def test_broad_searches_rank_and_count_facets_over_the_most_recent_matches(
    haze_documents, monkeypatch
):
    import envcoop.search.backends.base as base
    import envcoop.search.backends.sqlite_fts5 as fts5
    from envcoop.ingestion.models import Passage

    newest = Entry.objects.filter(kind="passage").order_by("-id")[:2]
    passages = Passage.objects.in_bulk([entry.object_id for entry in newest])
    expected = {f"{p.document_id}:{p.position}" for p in passages.values()}
    full = search("haze", filters=Filters(kind="passage"))
    assert len(full.results) > 2
    monkeypatch.setattr(fts5, "RECENT", 2)
    monkeypatch.setattr(base, "RECENT", 2)
    windowed = search("haze", filters=Filters(kind="passage"))
    assert windowed.total == full.total  # still counted in full
    assert {r.id for r in windowed.results} == expected
    assert sum(dict(windowed.facets["kind"]).values()) == 2


def test_a_batch_of_writes_indexes_each_record_once_at_its_end():
    from envcoop.search.signals import batched

    event = Event.objects.get(key="amme-17")
    with transaction.atomic(), batched():
        label_add(record=event, kind=LabelKind.ALIAS, lang="en", text="Batchword summit")
        with batched():  # nested: the outer block indexes
            label_add(record=event, kind=LabelKind.ALIAS, lang="th", text="การประชุมแบตช์")
        assert search("Batchword", expand=False).total == 0  # not yet
    assert search("Batchword", expand=False).results[0].id == "amme-17"
    assert search("แบตช์", expand=False).total == 1
