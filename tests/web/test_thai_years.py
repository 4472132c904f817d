"""A Thai page shows every year in the Buddhist era: the search page's year facet, and the
facts found in a document (its dates, meetings and agreements), not only the reports."""

from __future__ import annotations

import html
import re
from pathlib import Path

import pytest

from envcoop.ingestion.models import Visibility
from envcoop.ingestion.pipeline import Filing, ingest_bytes

PUBLIC = Filing(visibility=Visibility.PUBLIC)  # public news: anyone reads it

pytestmark = pytest.mark.django_db
DEMO = Path(__file__).resolve().parents[2] / "envcoop" / "registry" / "data" / "demo-documents"
ISO_DATE = re.compile(r"\b\d{4}-\d{2}\b")


def test_the_year_facet_of_a_thai_search_is_buddhist_era(client):
    page = client.get("/th/search/", {"q": "ASEAN"}).content.decode()
    years = re.findall(r'year=(\d{4})">([^<]+)</a>', page)
    assert years
    for value, shown in years:
        assert shown == f"พ.ศ. {int(value) + 543}"  # the link keeps the common era
    english = client.get("/search/", {"q": "ASEAN"}).content.decode()
    assert all(v == shown for v, shown in re.findall(r'year=(\d{4})">([^<]+)</a>', english))


def test_the_facts_of_a_document_show_thai_readers_buddhist_era_dates(client):
    name = "en-01-amme17-press-release.txt"
    data = (DEMO / name).read_bytes()
    document = ingest_bytes(data, source=name, filename=name, filing=PUBLIC).document
    page = client.get(f"/th/documents/{document.pk}/").content.decode()
    titles = [html.unescape(t) for t in re.findall(r'class="claim[^"]*" title="([^"]*)"', page)]
    lines = {line for title in titles for line in title.splitlines()}
    assert any("2566" in line for line in lines)  # the meeting and its dates, Buddhist era
    assert not any(ISO_DATE.search(line) for line in lines)
    english = client.get(f"/documents/{document.pk}/").content.decode()
    assert "2023-08-22" in html.unescape(english)  # other readers: ISO dates, as before
