"""Fields that choose other records by name: the reader types a name in any language, an
acronym or a key; the picker script (``static/envcoop/picker.js``) asks the JSON endpoint
``web:record_names`` as they type and adds the one chosen as a ticked box. Without the
script, the typed text is sent and read the same way (a key, or exactly one record's
whole name).

Each chosen record is a ticked box named like the field; unticking it takes the record
away. What a field cleans to is keys (``picker_key``: a record's key, a country's or an
area's code, a component's "<framework key>:<number>"), as the registry's services take
them.
"""

from __future__ import annotations

from typing import Any

from django import forms
from django.db.models import Model
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from envcoop.registry.models import Area, Component, Country, Event, EventSeries, Fund, Organisation
from envcoop.review.picker import (
    MAX_QUERY,
    Ambiguous,
    named_record,
    picker_key,
    picker_name,
    record_by_key,
)

# What the pickers look up, by the name in the endpoint's URL (/records/<kind>/names/).
PICKABLE: dict[str, type[Model]] = {
    "organisations": Organisation,
    "countries": Country,
    "series": EventSeries,
    "funds": Fund,
    "components": Component,
    "areas": Area,
    "events": Event,
}
TYPE_A_NAME = gettext_lazy("Type a name in any language, an acronym or the record's key.")
# More records than anyone links by hand; beyond it the field is refused (nothing written).
MAX_PICKED = 100


def picker_texts() -> dict[str, str]:
    """What the picker's status line says (its script fills in the count, name and key)."""
    return {
        "one": _("1 record found: choose it with the arrow keys and Enter."),
        "many": _("%(count)s records found: choose one with the arrow keys and Enter."),
        "none": _("No record has this name."),
        "chosen": _("Chosen: %(name)s (%(key)s)"),
    }


class PickerWidget(forms.Widget):
    """The records chosen (ticked boxes) and a text input to find more."""

    template_name = "web/record_forms/picker.html"

    def __init__(self, kind: str, *, many: bool) -> None:
        super().__init__()
        self.kind = kind
        self.many = many

    def value_from_datadict(self, data: Any, files: Any, name: str) -> list[str]:
        values = data.getlist(name) if hasattr(data, "getlist") else data.get(name, [])
        if isinstance(values, str):
            values = [values]
        return [value for value in values if isinstance(value, str) and value.strip()]

    def value_omitted_from_data(self, data: Any, files: Any, name: str) -> bool:
        return False  # no box ticked is a value: none chosen

    def format_value(self, value: Any) -> list[str]:
        if value in (None, ""):
            return []
        return [str(v) for v in value] if isinstance(value, list | tuple) else [str(value)]

    def get_context(self, name: str, value: Any, attrs: dict[str, Any] | None) -> dict[str, Any]:
        context = super().get_context(name, value, attrs)
        chosen, typed = [], []
        model = PICKABLE[self.kind]
        for text in context["widget"]["value"]:
            record = record_by_key(model, text) if len(text) <= MAX_QUERY else None
            if record is None:
                typed.append(text)
            else:
                chosen.append({"key": picker_key(record), "name": picker_name(record)})
        context["widget"].update(
            {
                "chosen": chosen,
                "typed": " ".join(typed)[: MAX_QUERY * 2],
                "many": self.many,
                "url": reverse("web:record_names", args=[self.kind]),
                "texts": picker_texts(),
            }
        )
        return context


class PickerField(forms.Field):
    """Records of one kind, chosen by key or by name: cleans to a list of keys (``many``) or
    one key (or None)."""

    default_error_messages = {
        "unknown": gettext_lazy(
            "The registry has no %(what)s called “%(name)s”: choose one in the list."
        ),
        "ambiguous": gettext_lazy(
            "Several %(whats)s are called “%(name)s”: choose one in the list."
        ),
        "long": gettext_lazy("“%(name)s…” is too long for a name: choose one in the list."),
        "too_many": gettext_lazy("Choose at most %(count)s."),
        "one": gettext_lazy("Choose only one."),
    }

    def __init__(self, kind: str, *, many: bool = True, **kwargs: Any) -> None:
        self.kind = kind
        self.many = many
        kwargs.setdefault("required", False)
        if not kwargs.get("help_text"):
            kwargs["help_text"] = TYPE_A_NAME
        super().__init__(widget=PickerWidget(kind, many=many), **kwargs)

    def to_python(self, value: Any) -> list[str]:
        values = value if isinstance(value, list | tuple) else [value] if value else []
        return list(dict.fromkeys(" ".join(str(v).split()) for v in values if str(v).strip()))

    def validate(self, value: list[str]) -> None:
        if self.required and not value:
            raise forms.ValidationError(self.error_messages["required"], code="required")

    def clean(self, value: Any) -> Any:
        texts = self.to_python(value)
        self.validate(texts)
        if len(texts) > MAX_PICKED:
            raise forms.ValidationError(
                self.error_messages["too_many"], code="too_many", params={"count": MAX_PICKED}
            )
        keys = list(dict.fromkeys(self._key(text) for text in texts))
        if not self.many:
            if len(keys) > 1:
                raise forms.ValidationError(self.error_messages["one"], code="one")
            return keys[0] if keys else None
        return keys

    def _key(self, text: str) -> str:
        model = PICKABLE[self.kind]
        if len(text) > MAX_QUERY:
            raise forms.ValidationError(
                self.error_messages["long"], code="long", params={"name": text[:40]}
            )
        try:
            record = named_record(model, text)
        except Ambiguous:
            raise forms.ValidationError(
                self.error_messages["ambiguous"],
                code="ambiguous",
                params={"whats": model._meta.verbose_name_plural, "name": text},
            ) from None
        if record is None:
            raise forms.ValidationError(
                self.error_messages["unknown"],
                code="unknown",
                params={"what": model._meta.verbose_name, "name": text},
            )
        return picker_key(record)
