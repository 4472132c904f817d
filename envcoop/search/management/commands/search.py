"""`envcoop search QUERY`: the same search as the site's, on the command line."""

from __future__ import annotations

import json
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from envcoop.accounts.readers import OPERATOR, add_reader_option, reader_from
from envcoop.search.backends import Filters
from envcoop.search.index import RECORD_KINDS
from envcoop.search.models import AREA_BITS
from envcoop.search.query import QueryError
from envcoop.search.service import search


class Command(BaseCommand):
    help = (
        "Search documents and records in every language. Words are all required; "
        '"quoted phrases", OR between alternatives, -word to exclude. A word also finds its '
        "translations (the concept lexicon, the registry's names) unless --no-expand. With "
        '--json: {"total", "more" (true when more than total match), "recent" (when not 0: '
        "the ranking and the facets cover this many most recent matches), "
        '"results": [{"kind", "id", "title", "lang", "snippet", "score", '
        '"matched", "via", "url"}], "facets"}. Every document is searched unless --as names '
        "a user: then only the documents they may read."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("query", nargs="+", help="the words to look for")
        parser.add_argument("--kind", choices=["passage", *RECORD_KINDS])
        parser.add_argument("--lang", help="language code (th, vi, en, id, ms, ...)")
        parser.add_argument("--area", choices=list(AREA_BITS))
        parser.add_argument("--country", help="ISO code, e.g. TH")
        parser.add_argument("--year", type=int)
        parser.add_argument("--series", help="meeting series key, e.g. amme")
        parser.add_argument("--no-expand", action="store_true", help="only the words as typed")
        parser.add_argument("--page", type=int, default=1)
        parser.add_argument("--json", action="store_true")
        add_reader_option(parser, default="every document")

    def handle(self, *args: Any, **options: Any) -> None:
        filters = Filters(
            kind=options["kind"],
            lang=options["lang"],
            area=options["area"],
            country=(options["country"] or "").upper() or None,
            year=options["year"],
            series=options["series"],
        )
        try:
            found = search(
                " ".join(options["query"]),
                filters=filters,
                expand=not options["no_expand"],
                page=options["page"],
                reader=reader_from(options, default=OPERATOR),
            )
        except QueryError as error:
            raise CommandError(f"the query cannot be searched: {error}") from error
        if options["json"]:
            data = {
                "total": found.total,
                "more": found.more,
                "recent": found.recent,
                "results": [
                    {
                        "kind": r.kind,
                        "id": r.id,
                        "title": r.title,
                        "lang": r.lang,
                        "snippet": str(r.snippet),
                        "score": round(r.score, 4),
                        "matched": r.matched,
                        "via": r.via,
                        "url": r.url,
                    }
                    for r in found.results
                ],
                "facets": {name: dict(values) for name, values in found.facets.items()},
            }
            self.stdout.write(json.dumps(data, ensure_ascii=False, indent=2))
            return
        for result in found.results:
            through = f"  (through: {', '.join(result.via)})" if result.via else ""
            self.stdout.write(
                f"{result.score:7.2f}  {result.kind:<12} {result.id:<24} {result.title[:70]}{through}"
            )
        more = "more than " if found.more else ""
        recent = f" (the {found.recent} most recent ranked)" if found.recent else ""
        self.stdout.write(
            f"{more}{found.total} result(s){recent}; page {found.page} of {found.pages}"
        )
