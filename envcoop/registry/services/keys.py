"""Renaming a record's key, and finding a record by a key it had before."""

from __future__ import annotations

import re

from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.utils.translation import gettext as _

from envcoop.registry.models import FormerKey

_KEY = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")


def key_check(model: type[models.Model], key: str, record: models.Model | None = None) -> str:
    """``key`` if it can name a ``model`` record (other than ``record``), else ValidationError."""
    key = (key or "").strip()
    if not _KEY.fullmatch(key) or len(key) > 120:
        raise ValidationError(
            {"key": _("A key is lower-case letters a-z, digits and single hyphens (amme-17).")}
        )
    others = model.objects.filter(key=key)  # type: ignore[attr-defined]
    if record is not None:
        others = others.exclude(pk=record.pk)
    former = FormerKey.objects.filter(
        content_type=ContentType.objects.get_for_model(model), key=key
    )
    if record is not None:
        former = former.exclude(object_id=record.pk)
    if others.exists() or former.exists():
        raise ValidationError(
            {"key": _("Another record has or had the key %(key)s.") % {"key": key}}
        )
    return key


@transaction.atomic
def record_rename(record: models.Model, new_key: str, *, user: object = None) -> models.Model:
    """Give ``record`` the key ``new_key``; its old key goes on redirecting to it (``user``:
    who renames, for the activity log)."""
    from envcoop.accounts.activity import Action, log

    model = type(record)
    new_key = key_check(model, new_key, record)
    old_key = record.key  # type: ignore[attr-defined]
    if new_key == old_key:
        return record
    content_type = ContentType.objects.get_for_model(model)
    # renaming back to a key it had before: that one is its key again, not a former one
    FormerKey.objects.filter(content_type=content_type, object_id=record.pk, key=new_key).delete()
    FormerKey.objects.create(
        content_type=content_type, object_id=record.pk, key=old_key, reason="renamed"
    )
    record.key = new_key  # type: ignore[attr-defined]
    record.save(update_fields=["key"])
    log(user, Action.RENAME, obj=record, detail=f"{old_key} → {new_key}")
    return record


def current_key(model: type[models.Model], key: str) -> str | None:
    """The key of the record that used to be called ``key``, if any."""
    former = (
        FormerKey.objects.filter(content_type=ContentType.objects.get_for_model(model), key=key)
        .values_list("object_id", flat=True)
        .first()
    )
    if former is None:
        return None
    return model.objects.filter(pk=former).values_list("key", flat=True).first()  # type: ignore[attr-defined]
