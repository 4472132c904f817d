"""`envcoop show events|agreements|projects|organisations`: records with their sources."""

from __future__ import annotations

import json
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db.models import Q

from envcoop.accounts.readers import OPERATOR, add_reader_option, reader_from
from envcoop.registry.models import Agreement, Event, Organisation, Project
from envcoop.review.evidence import conflicts_of
from envcoop.review.selectors import sources_of
from envcoop.review.shapes import record_as_dict

KINDS = {
    "events": ("event", Event),
    "agreements": ("agreement", Agreement),
    "projects": ("project", Project),
    "organisations": ("organisation", Organisation),
}


class Command(BaseCommand):
    help = (
        "List registry records with the documents their values came from. With --json: a "
        "list of objects with id, names (language -> name), the record's fields, sources "
        "({document, lang, span, quote}) and conflicts ({field, values: [{value, document}]}). "
        "Every document's quotes are shown unless --as names a user: then a document they may "
        "not read is a restricted source ({restricted: true}), without its number or quote."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("kind", choices=sorted(KINDS))
        parser.add_argument("--series", help="events of this series (its key, e.g. amme)")
        parser.add_argument("--ordinal", type=int, help="events with this number in the series")
        parser.add_argument("--year", type=int, help="records dated in this year")
        parser.add_argument("--json", action="store_true", help="print JSON")
        add_reader_option(parser, default="every document")

    def handle(self, *args: Any, **options: Any) -> None:
        kind, model = KINDS[options["kind"]]
        reader = reader_from(options, default=OPERATOR)
        records = model.objects.prefetch_related("labels").order_by("key")
        if (options["series"] or options["ordinal"]) and kind != "event":
            raise CommandError("--series and --ordinal apply to events only")
        if options["series"]:
            records = records.filter(series__key=options["series"])
        if options["ordinal"] is not None:
            records = records.filter(ordinal=options["ordinal"])
        year = options["year"]
        if year is not None and kind == "organisation":
            raise CommandError("--year applies to events, agreements and projects")
        if year is not None:
            if not 1900 <= year <= 2200:
                raise CommandError(f"--year {year}: give a year of the common era, like 2023")
            records = records.filter(_in_year(kind, year))
        records = list(records)
        if options["json"]:
            data = [record_as_dict(kind, record, reader) for record in records]
            self.stdout.write(json.dumps(data, ensure_ascii=False, indent=2))
            return
        for record in records:
            sources = sources_of(record, reader)
            flag = "  [sources disagree]" if conflicts_of(record, kind) else ""
            self.stdout.write(
                f"{record.key}  {record.display_name}  ({len(sources)} source(s)){flag}"
            )
        self.stdout.write(f"{len(records)} {options['kind']}")


def _in_year(kind: str, year: int) -> Q:
    if kind == "event":
        return Q(start__year=year) | Q(end__year=year)
    if kind == "agreement":
        return Q(date__year=year)
    if kind == "project":
        return Q(planned_start__year=year) | Q(actual_start__year=year)
    raise ValueError(kind)
