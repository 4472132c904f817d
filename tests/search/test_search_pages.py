"""The search page and the command line."""

from __future__ import annotations

import json
import re
from io import StringIO

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from tests.review import samples

pytestmark = pytest.mark.django_db


def text_of(response) -> str:
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", response.content.decode()))


def test_every_page_has_a_search_box(client):
    for url in ("/", "/th/events/", "/vi/agreements/"):
        assert 'role="search"' in client.get(url).content.decode()


def test_the_results_page_with_facets_and_snippets(client):
    samples.ingest("Khói mù từ các đám cháy rừng lan sang nước láng giềng.\n", "vi.txt")
    samples.ingest("Smoke haze from forest fires drifted across the border.\n", "en.txt")
    page = client.get("/search/?q=jerebu&kind=passage")
    html = page.content.decode()
    assert page.status_code == 200
    assert "<mark>Khói mù</mark>" in html and "<mark>Smoke haze</mark>" in html
    assert "Found through the translations of: haze" in text_of(page)
    assert "Vietnamese" in text_of(page)  # the language facet
    narrowed = client.get("/search/?q=jerebu&kind=passage&lang=vi")
    assert "<mark>Khói mù</mark>" in narrowed.content.decode()
    assert "<mark>Smoke haze</mark>" not in narrowed.content.decode()
    thai = client.get("/th/search/?q=haze&year=2569")  # a Buddhist-era year is read
    assert thai.status_code == 200


def test_a_bad_query_or_filter_gets_a_sentence(client):
    for url in (
        "/search/?q=%22open",
        "/search/?q=-x",
        "/search/?q=x&year=abc",
        "/search/?q=x&area=nope",
    ):
        response = client.get(url)
        assert response.status_code == 200
        assert 'role="alert"' in response.content.decode(), url


def test_the_command_line(tmp_path):
    samples.ingest("Jerebu daripada kebakaran tanah gambut merentasi sempadan.\n", "ms.txt")
    out = StringIO()
    call_command("search", "haze", "--json", stdout=out)
    data = json.loads(out.getvalue())
    assert set(data) == {"total", "more", "recent", "results", "facets"}
    assert data["more"] is False
    assert data["total"] >= 1
    result = next(r for r in data["results"] if r["kind"] == "passage")
    assert set(result) >= {"kind", "id", "title", "lang", "snippet", "score", "matched"}
    assert result["lang"] == "ms" and result["matched"] == ["Jerebu"]
    out = StringIO()
    call_command("search", "haze", "--no-expand", "--json", "--kind", "passage", stdout=out)
    assert json.loads(out.getvalue())["total"] == 0
    with pytest.raises(CommandError, match="not closed"):
        call_command("search", '"haze', stdout=StringIO())
    out = StringIO()
    call_command("reindex", stdout=out, stderr=StringIO())
    assert "indexed" in out.getvalue()
