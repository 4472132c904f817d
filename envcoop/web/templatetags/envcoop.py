"""Template helpers: names in the reader's language, dates and numbers the reader's way."""

from __future__ import annotations

from decimal import Decimal

from django import template
from django.http import HttpRequest
from django.utils.html import format_html
from django.utils.http import urlencode
from django.utils.safestring import SafeString
from django.utils.translation import get_language

from envcoop.core.countries import country_name
from envcoop.core.formatting import (
    display_year,
    format_money,
    format_number,
    format_partial_date,
    format_period,
)
from envcoop.core.languages import language_name
from envcoop.core.partial_date import PartialDate
from envcoop.registry.models import Organisation, Text

register = template.Library()


def _lang() -> str:
    return get_language() or "en"


def _text_html(text: Text | None) -> SafeString:
    if text is None:
        return format_html("")
    if text.lang in ("und", _lang()):
        return format_html("{}", text.text)
    return format_html('<span lang="{}">{}</span>', text.lang, text.text)


@register.simple_tag
def name(record: object, qualified: bool = False) -> SafeString:
    """The record's name in the reader's language (else English, else the original), with lang=.

    ``qualified`` adds an organisation's country, so that two ministries of the same
    name in different countries can be told apart in a list.
    """
    if record is None:
        return format_html("")
    if not hasattr(record, "display_name"):
        return format_html("{}", str(record))
    text = _text_html(record.display_name)
    if qualified and isinstance(record, Organisation) and record.country_id:
        return format_html(
            '{} <span class="qualifier">({})</span>',
            text,
            country_name(record.country.code, _lang()),
        )
    return text


@register.filter
def pdate(value: PartialDate | None) -> str:
    return format_partial_date(value, _lang())


@register.filter
def year(value: int | None) -> str:
    return "" if value is None else display_year(int(value), _lang())


@register.simple_tag
def period(start: PartialDate | None, end: PartialDate | None) -> str:
    return format_period(start, end, _lang())


@register.simple_tag
def when(start: PartialDate | None, end: PartialDate | None) -> str:
    """An event's dates: a missing end means a one-day (or undated-end) event, not an open one."""
    return format_period(start, end or start, _lang())


@register.filter
def num(value: int | float | Decimal | None) -> str:
    return format_number(value, _lang())


@register.simple_tag
def money(amount: Decimal | None, currency: str) -> str:
    if amount is None or not currency:
        return ""
    return format_money(amount, currency, _lang())


@register.filter
def language(code: str) -> str:
    return language_name(code, _lang())


@register.simple_tag
def query_with(request: HttpRequest, **changes: object) -> str:
    """The current query string with some parameters changed (None removes one)."""
    params = request.GET.copy()
    for key, value in changes.items():
        if value is None or value == "":
            params.pop(key, None)
        else:
            params[key] = str(value)
    if "page" not in changes:
        params.pop("page", None)
    encoded = urlencode(sorted((k, v) for k, v in params.items()), doseq=False)
    return f"?{encoded}" if encoded else "?"


@register.simple_tag
def merges_into(record: object) -> list:
    """The merges into ``record`` that can still be undone (newest first)."""
    from django.contrib.contenttypes.models import ContentType

    from envcoop.review.models import Merge

    return list(
        Merge.objects.filter(
            content_type=ContentType.objects.get_for_model(record),
            target_id=record.pk,  # type: ignore[attr-defined]
            undone_at=None,
        )
    )
