"""The "Sources" section of a record page: its documents and quotes, and where they disagree."""

from __future__ import annotations

from typing import Any

from django import template

from envcoop.review.selectors import conflict_rows, kind_of, sources_of

register = template.Library()


@register.inclusion_tag("web/includes/sources.html", takes_context=True)
def sources(context: dict[str, Any], record: Any) -> dict[str, Any]:
    return {
        "record": record,
        "kind": kind_of(record),
        "sources": sources_of(record),
        "conflicts": conflict_rows(record),
        "user": context.get("user"),
        "request": context.get("request"),
    }
