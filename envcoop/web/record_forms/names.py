"""A record's names on a form: one field per language (the region's languages, and any
other the record is already named in), and which of them is the original, the name the
record was first written in.

At least one name is needed. With one name, it is the original. A name the record has
cannot be emptied here (the registry keeps every name it learnt; correct it instead).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django import forms
from django.conf import settings
from django.db.models import Model
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from envcoop.core.languages import REGIONAL_LANGUAGES, language_name
from envcoop.registry.models import LabelKind
from envcoop.registry.services.labels import DEFAULT_MAX_LENGTH, NameSet

# The interface's languages come first on the form; the others are folded away.
FIRST = tuple(code for code, _name in settings.LANGUAGES)


def name_field(lang: str) -> str:
    return f"name_{lang}"


def language_label(lang: str, reader: str) -> str:
    """The language's name in the reader's language, and in itself when that differs
    ("Thai · ไทย")."""
    theirs, own = language_name(lang, reader), language_name(lang, lang)
    return theirs if own in (theirs, lang) else f"{theirs} · {own}"


@dataclass(frozen=True)
class NameRow:
    lang: str
    field: Any  # the bound name field
    original: Any  # its radio button


class NamesMixin:
    """Adds ``name_<lang>`` fields and ``original`` to a form; ``name_set()`` once valid."""

    fields: dict[str, forms.Field]
    cleaned_data: dict[str, Any]
    initial: dict[str, Any]

    def add_name_fields(self, record: Model | None) -> None:
        stored = {label.lang: label for label in record.labels_of(LabelKind.NAME)} if record else {}
        self.stored_names = {lang: label.text for lang, label in stored.items()}
        others = [lang for lang in sorted(stored) if lang not in REGIONAL_LANGUAGES]
        self.name_languages = [
            *FIRST,
            *(code for code in REGIONAL_LANGUAGES if code not in FIRST),
            *others,
        ]
        reader = get_language() or "en"
        for lang in self.name_languages:
            self.fields[name_field(lang)] = forms.CharField(
                label=language_label(lang, reader),
                max_length=DEFAULT_MAX_LENGTH,
                required=False,
                widget=forms.TextInput(attrs={"lang": lang, "size": 60}),
            )
        self.fields["original"] = forms.ChoiceField(
            label=_("Original"),
            required=False,
            widget=forms.RadioSelect,
            choices=[(lang, language_label(lang, reader)) for lang in self.name_languages],
            error_messages={"invalid_choice": _("Choose the original among the languages.")},
        )
        for lang, text in self.stored_names.items():
            self.initial.setdefault(name_field(lang), text)
        original = next((lang for lang, label in stored.items() if label.is_original), None)
        if original:
            self.initial.setdefault("original", original)

    def name_rows(self) -> tuple[list[NameRow], list[NameRow]]:
        """Each language's name field with its "original" radio button: the rows to show
        first (the interface's languages and every language with a name) and the rest."""
        radios = {radio.data["value"]: radio for radio in self["original"]}  # type: ignore[index]
        first: list[NameRow] = []
        rest: list[NameRow] = []
        for lang in self.name_languages:
            bound = self[name_field(lang)]  # type: ignore[index]
            shown = lang in FIRST or bound.value() or bound.errors or lang in self.stored_names
            (first if shown else rest).append(NameRow(lang, bound, radios[lang]))
        return first, rest

    def clean_names(self) -> None:
        names = {
            lang: text
            for lang in self.name_languages
            if (text := " ".join((self.cleaned_data.get(name_field(lang)) or "").split()))
        }
        for lang in self.stored_names:
            if lang not in names and name_field(lang) in self.cleaned_data:
                self.add_error(  # type: ignore[attr-defined]
                    name_field(lang),
                    _("The record has a name in this language: correct it rather than empty it."),
                )
        if not names:
            self.add_error(  # type: ignore[attr-defined]
                name_field(FIRST[0]), _("Give the record a name in at least one language.")
            )
            return
        original = self.cleaned_data.get("original") or ""
        if not original and len(names) == 1:
            original = next(iter(names))
        if not original:
            self.add_error(  # type: ignore[attr-defined]
                "original", _("Mark the name the record was first written in as the original.")
            )
        elif original not in names:
            self.add_error(  # type: ignore[attr-defined]
                "original",
                _("The original has no name: write it, or mark another name as the original."),
            )
        self.cleaned_data["names"] = names
        self.cleaned_data["original"] = original

    def name_set(self, **more: Any) -> NameSet:
        return NameSet(
            names=self.cleaned_data["names"], original=self.cleaned_data["original"], **more
        )

    def name_for_key(self) -> str:
        """The name a new record's key is made from: the English one, else the original."""
        names = self.cleaned_data["names"]
        return names.get("en") or names[self.cleaned_data["original"]]
