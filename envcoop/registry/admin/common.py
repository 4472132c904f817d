"""Pieces every registry admin shares: the names inline, the year filter, the base admin."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable
from typing import Any

from django import forms
from django.contrib import admin
from django.contrib.contenttypes.admin import BaseGenericInlineFormSet, GenericTabularInline
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import F, QuerySet
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _

from envcoop.core.languages import LanguageError, clean_language
from envcoop.registry.history import update_recorded
from envcoop.registry.models import Label, LabelKind, Labelled
from envcoop.registry.models.base import SINGLE_PER_LANGUAGE
from envcoop.registry.services.labels import (
    DEFAULT_MAX_LENGTH,
    MAX_LABEL_LENGTH,
    tidy_label_text,
)


class LabelForm(forms.ModelForm):
    class Meta:
        model = Label
        fields = ("kind", "lang", "text", "is_original")
        widgets = {
            "lang": forms.TextInput(attrs={"size": 6, "placeholder": "en, th, vi…"}),
            "text": forms.Textarea(attrs={"rows": 1, "cols": 60}),
        }

    def clean_lang(self) -> str:
        try:
            return clean_language(self.cleaned_data.get("lang", ""))
        except LanguageError as error:
            raise ValidationError(str(error)) from error

    def clean(self) -> dict:
        data = super().clean()
        kind, text = data.get("kind"), data.get("text")
        if kind and text:
            data["text"] = text = tidy_label_text(kind, text)
            self.instance.text = text
            limit = MAX_LABEL_LENGTH.get(kind, DEFAULT_MAX_LENGTH)
            if len(text) > limit:
                self.add_error("text", _("At most %(limit)d characters.") % {"limit": limit})
            if "\x00" in text:
                self.add_error("text", _("The text contains a NUL character."))
        return data


class LabelFormSet(BaseGenericInlineFormSet):
    """Checks across the rows: a name exists, one original per kind, one name (and description)
    per language. A single name is taken as the original."""

    require_name = True

    def clean(self) -> None:
        super().clean()
        originals: Counter = Counter()
        per_language: Counter = Counter()
        texts: Counter = Counter()
        names: list[forms.ModelForm] = []
        for form in self.forms:
            if not hasattr(form, "cleaned_data") or form.cleaned_data.get("DELETE"):
                continue
            data = form.cleaned_data
            if not data.get("text") or not data.get("lang"):
                continue
            if data["kind"] == LabelKind.NAME:
                names.append(form)
            if data.get("is_original"):
                originals[data["kind"]] += 1
            if data["kind"] in SINGLE_PER_LANGUAGE:
                per_language[(data["kind"], data["lang"])] += 1
            texts[(data["kind"], data["lang"], data["text"])] += 1
        for kind, count in originals.items():
            if count > 1:
                raise ValidationError(
                    _("Only one %(kind)s can be the original.") % {"kind": LabelKind(kind).label}
                )
        for (kind, lang), count in per_language.items():
            if count > 1:
                raise ValidationError(
                    _(
                        "Give one %(kind)s per language; %(lang)s has %(count)d. Add others as aliases."
                    )
                    % {"kind": LabelKind(kind).label, "lang": lang, "count": count}
                )
        for (kind, _lang, text), count in texts.items():
            if count > 1:
                raise ValidationError(
                    _("“%(text)s” is listed twice as %(kind)s.")
                    % {"text": text, "kind": LabelKind(kind).label}
                )
        if self.require_name and not names:
            raise ValidationError(_("Give a name in at least one language."))
        if names and not originals[LabelKind.NAME]:
            if len(names) > 1:
                raise ValidationError(
                    _(
                        "Mark one name as the original: the language the record was first written in."
                    )
                )
            names[0].instance.is_original = True


class LabelInline(GenericTabularInline):
    model = Label
    form = LabelForm
    formset = LabelFormSet
    fields = ("kind", "lang", "text", "is_original")
    extra = 1
    verbose_name = _("name, acronym, alias or description")
    verbose_name_plural = _("names, acronyms, aliases and descriptions (any language)")


class OptionalNamesFormSet(LabelFormSet):
    require_name = False


class OptionalLabelInline(LabelInline):
    """For records named from elsewhere (countries: CLDR) — extra names are optional."""

    formset = OptionalNamesFormSet


def year_filter(
    field: str, title: Any, *, select: Callable[[int], QuerySet] | None = None
) -> type[admin.SimpleListFilter]:
    """A list filter offering the years present in ``field`` (a PartialDateField).

    ``select`` overrides what "in year Y" means (projects running in Y, say).
    """

    class YearFilter(admin.SimpleListFilter):
        parameter_name = "year"

        def lookups(self, request: HttpRequest, model_admin: admin.ModelAdmin) -> list:
            years = (
                model_admin.model.objects.filter(**{f"{field}__isnull": False})
                .annotate(y=F(f"{field}__year"))
                .values_list("y", flat=True)
                .distinct()
                .order_by("-y")
            )
            return [(str(y), str(y)) for y in years]

        def queryset(self, request: HttpRequest, queryset: QuerySet) -> QuerySet:
            value = self.value()
            if not value:
                return queryset
            if not re.fullmatch(r"[0-9]{4}", value):
                return queryset.none()
            if select is not None:
                return queryset.filter(pk__in=select(int(value)).values("pk"))
            return queryset.filter(**{f"{field}__year": int(value)})

    YearFilter.title = title
    return YearFilter


class LabelledRelatedFilter(admin.RelatedFieldListFilter):
    """A related-record filter whose options (named records) are read in one query."""

    def field_choices(
        self, field: Any, request: HttpRequest, model_admin: admin.ModelAdmin
    ) -> list:
        related = field.related_model.objects.all()
        if issubclass(field.related_model, Labelled):
            related = related.prefetch_related("labels")
        return sorted(((obj.pk, str(obj)) for obj in related), key=lambda pair: pair[1].casefold())


def _with_names(queryset: QuerySet) -> QuerySet:
    return queryset.prefetch_related("labels") if issubclass(queryset.model, Labelled) else queryset


class NamedChoices:
    """Pickers list named records: read their names with them, not one query per option."""

    def formfield_for_foreignkey(self, db_field: Any, request: HttpRequest, **kwargs: Any) -> Any:
        kwargs.setdefault("queryset", _with_names(db_field.related_model.objects.all()))
        return super().formfield_for_foreignkey(db_field, request, **kwargs)  # type: ignore[misc]

    def formfield_for_manytomany(self, db_field: Any, request: HttpRequest, **kwargs: Any) -> Any:
        kwargs.setdefault("queryset", _with_names(db_field.related_model.objects.all()))
        return super().formfield_for_manytomany(db_field, request, **kwargs)  # type: ignore[misc]


class LabelledAdmin(NamedChoices, admin.ModelAdmin):
    """Lists show the name in the admin user's language; search matches any name in any language."""

    inlines = [LabelInline]
    search_fields = ["labels__text"]
    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}
    list_display = ["__str__", "updated_at"]
    readonly_fields = ["created_at", "updated_at"]

    def get_queryset(self, request: HttpRequest) -> QuerySet:
        return super().get_queryset(request).prefetch_related("labels")

    def save_related(self, request: HttpRequest, form: Any, formsets: Any, change: bool) -> None:
        super().save_related(request, form, formsets, change)
        record = form.instance
        # A single name is the original (also when its row was not edited this time).
        names = record.labels.filter(kind=LabelKind.NAME)
        if len(names) == 1 and not names[0].is_original:
            update_recorded(names, is_original=True)
        # The names just saved, not those prefetched before, for the confirmation message.
        getattr(record, "_prefetched_objects_cache", {}).pop("labels", None)


class RecordAdmin(LabelledAdmin):
    search_fields = ["key", "labels__text"]
    list_display = ["__str__", "key", "updated_at"]
