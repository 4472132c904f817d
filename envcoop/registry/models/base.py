"""What every registry record shares: timestamps and names in many languages.

Names, acronyms, aliases and descriptions live in one ``Label`` table, each row
tagged with its language. One name (and one description) per record is marked
as the original: the form the record was first written in. Display picks the
reader's language, then English, then the original, then any.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from django.contrib.contenttypes.fields import GenericForeignKey, GenericRelation
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.db.models import Q
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from envcoop.core.languages import base_language
from envcoop.registry.history import RegistryHistory


class TimeStamped(models.Model):
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        abstract = True


class LabelKind(models.TextChoices):
    NAME = "name", _("name")
    ACRONYM = "acronym", _("acronym")
    ALIAS = "alias", _("alias")
    DESCRIPTION = "description", _("description")


# Kinds of which a record has at most one per language and one original.
SINGLE_PER_LANGUAGE = (LabelKind.NAME, LabelKind.DESCRIPTION)


class Label(TimeStamped):
    content_type = models.ForeignKey(ContentType, on_delete=models.CASCADE)
    object_id = models.PositiveBigIntegerField()
    record = GenericForeignKey("content_type", "object_id")
    kind = models.CharField(_("kind"), max_length=16, choices=LabelKind.choices)
    lang = models.CharField(_("language"), max_length=16)
    text = models.TextField(_("text"))
    is_original = models.BooleanField(_("original"), default=False)
    history = RegistryHistory()

    class Meta:
        verbose_name = _("name or description")
        verbose_name_plural = _("names and descriptions")
        ordering = ["kind", "-is_original", "lang", "id"]
        indexes = [
            models.Index(fields=["content_type", "object_id", "kind"]),
            # the gazetteer checks the newest change to any name before each document
            models.Index(fields=["updated_at"], name="label_updated_at"),
        ]
        constraints = [
            # Descriptions are long (a B-tree entry has a size limit on PostgreSQL) and are
            # one per language anyway, so only the short kinds are unique by text.
            models.UniqueConstraint(
                fields=["content_type", "object_id", "kind", "lang", "text"],
                condition=~Q(kind="description"),
                name="label_unique_text",
            ),
            models.UniqueConstraint(
                fields=["content_type", "object_id", "kind", "lang"],
                condition=Q(kind__in=[k.value for k in SINGLE_PER_LANGUAGE]),
                name="label_one_per_language",
            ),
            models.UniqueConstraint(
                fields=["content_type", "object_id", "kind"],
                condition=Q(is_original=True),
                name="label_one_original",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.text} [{self.lang}]"


@dataclass(frozen=True, slots=True)
class Text:
    """A piece of text and the language it is written in (for ``lang=`` in HTML)."""

    text: str
    lang: str

    def __str__(self) -> str:
        return self.text


def pick_label(labels: Iterable[Label], kind: str, lang: str | None = None) -> Text | None:
    """The label of ``kind`` to show a reader of ``lang``: theirs, else English, else original."""
    lang = base_language(lang or get_language() or "en")
    candidates = [label for label in labels if label.kind == kind]
    if not candidates:
        return None
    for wanted in (lang, "en"):
        for label in candidates:
            if base_language(label.lang) == wanted:
                return Text(label.text, label.lang)
    for label in candidates:
        if label.is_original:
            return Text(label.text, label.lang)
    return Text(candidates[0].text, candidates[0].lang)


class Labelled(TimeStamped):
    """A record with names (and maybe acronyms, aliases, descriptions) in many languages."""

    labels = GenericRelation(Label)
    names_required = True  # False where names come from elsewhere (countries: CLDR)

    class Meta:
        abstract = True

    def __str__(self) -> str:
        return str(self.display_name)

    def _labels(self) -> list[Label]:
        if self.pk is None:
            return []
        return list(self.labels.all())

    def name_in(self, lang: str | None = None) -> Text | None:
        return pick_label(self._labels(), LabelKind.NAME, lang)

    def description_in(self, lang: str | None = None) -> Text | None:
        return pick_label(self._labels(), LabelKind.DESCRIPTION, lang)

    @property
    def display_name(self) -> Text:
        return self.name_in() or Text(self.fallback_name(), "und")

    @property
    def display_description(self) -> Text | None:
        return self.description_in()

    @property
    def acronym(self) -> str:
        acronyms = [label.text for label in self._labels() if label.kind == LabelKind.ACRONYM]
        return acronyms[0] if acronyms else ""

    def names(self) -> dict[str, str]:
        """Language -> name, for every language the record has a name in."""
        return {label.lang: label.text for label in self._labels() if label.kind == LabelKind.NAME}

    def labels_of(self, kind: str) -> list[Label]:
        return [label for label in self._labels() if label.kind == kind]

    def fallback_name(self) -> str:
        return getattr(self, "key", "") or f"#{self.pk}"


def check_no_cycle(record: models.Model, field: str, message: str) -> None:
    """Refuse a chain (parent of parent of ...) that comes back to ``record``."""
    from django.core.exceptions import ValidationError

    seen: set[int] = set()
    current = getattr(record, field)
    while current is not None:
        if current.pk == record.pk or current.pk in seen:
            raise ValidationError({field: message})
        seen.add(current.pk)
        current = getattr(current, field)


class Record(Labelled):
    """A labelled record with a stable, readable key used in URLs and data files."""

    key = models.SlugField(_("key"), max_length=120, unique=True, allow_unicode=False)

    class Meta:
        abstract = True
