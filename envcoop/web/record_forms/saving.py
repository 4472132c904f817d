"""Who may add and change records with the forms, and the save itself.

The rules are ``envcoop.accounts.rules``: ``add_record`` to add (the Secretariat's reviewers
and administrators, the national focal points), ``change_record`` on the record to change
it (the Secretariat; a focal point for the records their country takes part in). The
record as saved must be one its author may change: a focal point's new record involves
their country, and an edit may not take it away. Otherwise nothing is written.

Every save is one call of the kind's service (``event_upsert``, ...) inside
``recorded(user, How.FORM)``, so it is one entry in the record's history.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.db import transaction
from django.db.models import Model
from django.http import QueryDict
from django.utils.translation import get_language, gettext_lazy
from django.utils.translation import gettext as _

from envcoop.accounts.roles import access_of
from envcoop.accounts.rules import may_edit_record
from envcoop.core.countries import country_name
from envcoop.core.recording import How, recorded
from envcoop.registry.models import Agreement, Event, Organisation, Project
from envcoop.registry.services.agreements import agreement_upsert
from envcoop.registry.services.events import event_upsert
from envcoop.registry.services.organisations import organisation_upsert
from envcoop.registry.services.projects import project_upsert
from envcoop.web.record_forms.forms import (
    AgreementForm,
    EventForm,
    OrganisationForm,
    ProjectForm,
    RecordForm,
)

ADDERS = gettext_lazy(
    "Adding records is for the Secretariat's reviewers and administrators and the national "
    "focal points."
)
EDITORS = gettext_lazy(
    "Editing a record is for the Secretariat's reviewers and administrators and the focal "
    "points of the countries it involves."
)


@dataclass(frozen=True)
class FormKind:
    """A kind of record the site's forms add and edit, by its name in URLs ("events")."""

    name: str
    model: type[Model]
    form: type[RecordForm]
    upsert: Callable[..., tuple[Any, bool]]
    adding: Any  # the new record page's title
    editing: Any  # the edit page's title (before the record's name)


FORM_KINDS = {
    kind.name: kind
    for kind in (
        FormKind(
            "events", Event, EventForm, event_upsert,
            gettext_lazy("Add an event"), gettext_lazy("Edit the event"),
        ),
        FormKind(
            "projects", Project, ProjectForm, project_upsert,
            gettext_lazy("Add a project"), gettext_lazy("Edit the project"),
        ),
        FormKind(
            "agreements", Agreement, AgreementForm, agreement_upsert,
            gettext_lazy("Add an agreement"), gettext_lazy("Edit the agreement"),
        ),
        FormKind(
            "organisations", Organisation, OrganisationForm, organisation_upsert,
            gettext_lazy("Add an organisation"), gettext_lazy("Edit the organisation"),
        ),
    )
}  # fmt: skip


class Refused(Exception):
    """What the user sent would give them a record they may not change: nothing written."""


# Fields that would name a record some other way than the page's address: never taken.
_RECORD_FIELDS = ("key", "id", "pk")


def smuggled(data: QueryDict, record: Model | None) -> str | None:
    """Why a form's data is refused before it is read, when it names another record: a
    form opened for one record sent to another's address, or a key or id sent along."""
    expected = getattr(record, "key", "")
    if "record" in data and data.get("record", "") != expected:
        return _(
            "This form was opened for another record, and is not saved into this one. "
            "Nothing was saved."
        )
    if any(name in data for name in _RECORD_FIELDS):
        return _(
            "A record's key is made from its name and its address; the form does not take "
            "one. Nothing was saved."
        )
    return None


def focal_countries_text(user: Any) -> str:
    lang = get_language() or "en"
    names = sorted(country_name(code, lang) for code in access_of(user).focal_countries)
    return ", ".join(names)


def save(kind: FormKind, form: RecordForm, user: Any) -> tuple[Model, bool]:
    """Write the valid ``form`` through the kind's service; Refused (nothing written) when
    ``user`` could not change the record as saved. Returns ``(record, changed)``."""
    record = form.instance
    key = record.key if record is not None else form.new_key()  # type: ignore[attr-defined]
    with transaction.atomic(), recorded(user, How.FORM):
        saved, changed = kind.upsert(key=key, names=form.name_set(), **form.service_arguments())
        if not may_edit_record(user, saved):
            raise Refused(
                _(
                    "As a national focal point you add and change the records %(countries)s "
                    "takes part in: name it among the countries, or the organisations, taking "
                    "part. Nothing was saved."
                )
                % {"countries": focal_countries_text(user)}
            )
    return saved, changed
