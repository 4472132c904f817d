"""Review on record pages: the "Sources" section (documents, quotes, where they disagree), what
an accept writes, and a record's History tab."""

from __future__ import annotations

from typing import Any

from django import template
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import get_language, gettext_lazy

from envcoop.accounts.rules import may
from envcoop.core.formatting import format_date
from envcoop.core.recording import How
from envcoop.review.selectors import conflict_rows, kind_of, sources_of
from envcoop.web.changes_shown import Row, accept_rows, label, value
from envcoop.web.record_forms.saving import FORM_KINDS as EDITABLE_KINDS

register = template.Library()


@register.inclusion_tag("web/includes/sources.html", takes_context=True)
def sources(context: dict[str, Any], record: Any) -> dict[str, Any]:
    request = context.get("request")
    reader = getattr(request, "user", None)
    return {
        "record": record,
        "kind": kind_of(record),
        "sources": sources_of(record, reader),
        "conflicts": conflict_rows(record, reader),
        "user": context.get("user"),
        "request": request,
        "may": context.get("may"),
    }


@register.inclusion_tag("web/review/change.html")
def accept_change(change: Any) -> dict[str, Any]:
    """What accepting a claim writes, line by line (``envcoop.review.changes``)."""
    return {"change": change, "rows": accept_rows(change) if not change.error else []}


@register.inclusion_tag("web/includes/record_tabs.html", takes_context=True)
def record_tabs(context: dict[str, Any], record: Any, kind: str, active: str) -> dict[str, Any]:
    """ "Record | History | Edit" above a record page, for those who may read its history
    and edit it."""
    request = context.get("request")
    user = getattr(request, "user", None)
    history = user is not None and may(user, "view_history", record)
    edit = kind in EDITABLE_KINDS and user is not None and may(user, "change_record", record)
    return {
        "record": record,
        "kind": kind,
        "active": active,
        "shown": history or edit,
        "history": history,
        "edit_url": reverse(f"web:{kind[:-1]}_edit", args=[record.key]) if edit else "",
    }


_ACTIONS = {
    "created": gettext_lazy("created"),
    "changed": gettext_lazy("changed"),
    "deleted": gettext_lazy("deleted"),
}


@register.simple_tag
def history_action(action: str) -> str:
    return str(_ACTIONS.get(action, action))


@register.simple_tag
def history_how(entry: Any) -> str:
    """How a change was made, in words: "accept of claim 12", "import", ..."""
    if not entry.how:
        return str(gettext_lazy("not recorded"))
    return str(How(entry.how).label) if entry.how in How.values else entry.how


@register.filter
def history_rows(changes: list[Any]) -> list[Row]:
    def shown(field: str, data: Any) -> str:
        return "" if data in (None, "", []) else value(field, data)

    return [
        Row(label(c.field), shown(c.field, c.before), shown(c.field, c.after), "", "value")
        for c in changes
    ]


@register.simple_tag
def kind_plural(record: Any) -> str:
    return str(record._meta.verbose_name_plural).capitalize()


@register.simple_tag
def history_when(when: Any) -> str:
    """When a change was made, in the reader's calendar (Buddhist era in Thai) and time zone."""
    local = timezone.localtime(when)
    return f"{format_date(local.date(), get_language() or 'en')} {local:%H:%M}"
