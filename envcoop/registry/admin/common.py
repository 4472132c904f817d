"""Pieces every registry admin shares: the names inline, the year filter, the base admin."""

from __future__ import annotations

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
from envcoop.registry.models import Label
from envcoop.registry.models.base import SINGLE_PER_LANGUAGE


class LabelForm(forms.ModelForm):
    class Meta:
        model = Label
        fields = ("kind", "lang", "text", "is_original")
        widgets = {"lang": forms.TextInput(attrs={"size": 8, "placeholder": "en, th, vi…"})}

    def clean_lang(self) -> str:
        try:
            return clean_language(self.cleaned_data.get("lang", ""))
        except LanguageError as error:
            raise ValidationError(str(error)) from error


class LabelFormSet(BaseGenericInlineFormSet):
    """Checks across the rows: one original per kind, one name (and description) per language."""

    def clean(self) -> None:
        super().clean()
        originals: Counter = Counter()
        per_language: Counter = Counter()
        for form in self.forms:
            if not hasattr(form, "cleaned_data") or form.cleaned_data.get("DELETE"):
                continue
            data = form.cleaned_data
            if not data.get("text") or not data.get("lang"):
                continue
            if data.get("is_original"):
                originals[data["kind"]] += 1
            if data["kind"] in SINGLE_PER_LANGUAGE:
                per_language[(data["kind"], data["lang"])] += 1
        for kind, count in originals.items():
            if count > 1:
                raise ValidationError(_("Only one %(kind)s can be the original.") % {"kind": kind})
        for (kind, lang), count in per_language.items():
            if count > 1:
                raise ValidationError(
                    _(
                        "Give one %(kind)s per language; %(lang)s has %(count)d. Add others as aliases."
                    )
                    % {"kind": kind, "lang": lang, "count": count}
                )


class LabelInline(GenericTabularInline):
    model = Label
    form = LabelForm
    formset = LabelFormSet
    fields = ("kind", "lang", "text", "is_original")
    extra = 1
    verbose_name = _("name, acronym, alias or description")
    verbose_name_plural = _("names, acronyms, aliases and descriptions (any language)")


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
            if not value.isdigit():
                return queryset.none()
            if select is not None:
                return queryset.filter(pk__in=select(int(value)).values("pk"))
            return queryset.filter(**{f"{field}__year": int(value)})

    YearFilter.title = title
    return YearFilter


class LabelledAdmin(admin.ModelAdmin):
    """Lists show the name in the admin user's language; search matches any name in any language."""

    inlines = [LabelInline]
    search_fields = ["labels__text"]
    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}
    list_display = ["__str__", "updated_at"]
    readonly_fields = ["created_at", "updated_at"]

    def get_queryset(self, request: HttpRequest) -> QuerySet:
        return super().get_queryset(request).prefetch_related("labels")


class RecordAdmin(LabelledAdmin):
    search_fields = ["key", "labels__text"]
    list_display = ["__str__", "key", "updated_at"]
