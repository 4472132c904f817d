"""Sorting records by the name a reader sees (their language, else English, else the original)."""

from __future__ import annotations

from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.db.models import F, OuterRef, QuerySet, Subquery
from django.db.models.functions import Coalesce, Lower
from django.utils.translation import get_language

from envcoop.core.languages import base_language
from envcoop.registry.models import Label, LabelKind


def order_by_name(
    queryset: QuerySet, *, lang: str | None = None, first: tuple[Any, ...] = ()
) -> QuerySet:
    """``queryset`` sorted by display name (after the ``first`` orderings, if any)."""
    content_type = ContentType.objects.get_for_model(queryset.model)
    lang = base_language(lang or get_language() or "en")

    def name(**condition: object) -> Subquery:
        labels = Label.objects.filter(
            content_type=content_type, object_id=OuterRef("pk"), kind=LabelKind.NAME, **condition
        )
        return Subquery(labels.order_by("id").values("text")[:1])

    return queryset.annotate(
        sort_name=Lower(Coalesce(name(lang=lang), name(lang="en"), name(is_original=True), name()))
    ).order_by(*first, "sort_name", "pk")


def newest_first(field: str) -> Any:
    """Descending by a date, undated records last (the same on SQLite and PostgreSQL)."""
    return F(field).desc(nulls_last=True)
