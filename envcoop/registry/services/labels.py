"""Writing names, acronyms, aliases and descriptions in any language."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.db import models, transaction

from envcoop.core.languages import UNDETERMINED, LanguageError, clean_language
from envcoop.registry.models import Label, LabelKind
from envcoop.registry.models.base import SINGLE_PER_LANGUAGE

# Names are indexed (unique per record, kind and language); 500 characters of any script
# stay well inside PostgreSQL's limit for an index entry. Descriptions are not indexed.
MAX_LABEL_LENGTH = {LabelKind.DESCRIPTION: 20_000}
DEFAULT_MAX_LENGTH = 500


def tidy_label_text(kind: str, text: str) -> str:
    """Names fold runs of white space to one space; descriptions keep their lines."""
    if kind == LabelKind.DESCRIPTION:
        return text.strip()
    return " ".join(text.split())


@dataclass(frozen=True, slots=True)
class LabelSpec:
    kind: str
    lang: str
    text: str
    is_original: bool = False


def label_specs(
    *,
    names: Mapping[str, str] | None = None,
    original: str | None = None,
    acronyms: Iterable[str] | Mapping[str, str | Iterable[str]] | None = None,
    aliases: Mapping[str, str | Iterable[str]] | None = None,
    descriptions: Mapping[str, str] | None = None,
) -> list[LabelSpec]:
    """Turn the usual shapes (language -> text) into a list of validated LabelSpecs.

    ``original`` names the language the record was first written in; it marks
    that language's name and description as original. With one name and no
    ``original``, that name is the original.
    """
    specs: list[LabelSpec] = []
    clean_names = {
        _lang(lang, "names"): _text(text, "names") for lang, text in (names or {}).items()
    }
    descriptions = dict(descriptions or {})
    if original is None and len(clean_names) == 1:
        original = next(iter(clean_names))
    if original is not None:
        original = _lang(original, "original")
        if clean_names and original not in clean_names:
            raise ValidationError(
                {
                    "original": f"the original language {original!r} has no name; give names[{original!r}]"
                }
            )
    for code, text in clean_names.items():
        specs.append(LabelSpec(LabelKind.NAME, code, text, code == original))
    for lang, text in descriptions.items():
        code = _lang(lang, "descriptions")
        specs.append(
            LabelSpec(LabelKind.DESCRIPTION, code, _text(text, "descriptions"), code == original)
        )
    if isinstance(acronyms, Mapping):
        for lang, values in acronyms.items():
            for value in _many(values):
                specs.append(
                    LabelSpec(LabelKind.ACRONYM, _lang(lang, "acronyms"), _text(value, "acronyms"))
                )
    else:
        for value in acronyms or []:
            specs.append(LabelSpec(LabelKind.ACRONYM, UNDETERMINED, _text(value, "acronyms")))
    for lang, values in (aliases or {}).items():
        for value in _many(values):
            specs.append(
                LabelSpec(LabelKind.ALIAS, _lang(lang, "aliases"), _text(value, "aliases"))
            )
    return specs


def _many(values: str | Iterable[str]) -> list[str]:
    return [values] if isinstance(values, str) else list(values)


def _lang(value: str, field: str) -> str:
    try:
        return clean_language(value)
    except LanguageError as error:
        raise ValidationError({field: str(error)}) from error


def _text(value: object, field: str) -> str:
    if not isinstance(value, str):
        raise ValidationError({field: f"expected text, got {type(value).__name__}"})
    text = tidy_label_text(
        LabelKind.DESCRIPTION if field == "descriptions" else LabelKind.NAME, value
    )
    if not text:
        raise ValidationError({field: "empty text"})
    if "\x00" in text:
        raise ValidationError({field: "text contains a NUL character"})
    return text


def labels_apply(*, record: models.Model, specs: Iterable[LabelSpec], replace: bool = True) -> bool:
    """Make sure every spec is stored for ``record``; return True when anything changed.

    Labels the record already has and the specs do not mention are kept (names
    learnt later, from documents or editors, are never dropped by a reload).
    For a name or description in a language the record already has, ``replace``
    says whether the spec's text wins.
    """
    specs = list(specs)
    originals = [spec for spec in specs if spec.is_original]
    for kind in {spec.kind for spec in originals}:
        if sum(1 for spec in originals if spec.kind == kind) > 1:
            raise ValidationError({"original": f"more than one original {kind}"})
    for spec in specs:
        limit = MAX_LABEL_LENGTH.get(spec.kind, DEFAULT_MAX_LENGTH)
        if len(spec.text) > limit:
            raise ValidationError({spec.kind: f"longer than {limit} characters"})

    content_type = ContentType.objects.get_for_model(record)
    changed = False
    with transaction.atomic():
        existing = list(Label.objects.filter(content_type=content_type, object_id=record.pk))
        for spec in specs:
            if spec.kind in SINGLE_PER_LANGUAGE:
                current = next(
                    (lb for lb in existing if lb.kind == spec.kind and lb.lang == spec.lang), None
                )
            else:
                current = next(
                    (
                        lb
                        for lb in existing
                        if lb.kind == spec.kind and lb.lang == spec.lang and lb.text == spec.text
                    ),
                    None,
                )
            if current is None:
                if spec.is_original:
                    changed |= _clear_original(existing, spec.kind)
                label = Label.objects.create(
                    content_type=content_type,
                    object_id=record.pk,
                    kind=spec.kind,
                    lang=spec.lang,
                    text=spec.text,
                    is_original=spec.is_original,
                )
                existing.append(label)
                changed = True
                continue
            if not replace:
                continue
            updates: list[str] = []
            if current.text != spec.text:
                current.text = spec.text
                updates.append("text")
            if spec.is_original and not current.is_original:
                changed |= _clear_original(existing, spec.kind)
                current.is_original = True
                updates.append("is_original")
            if updates:
                current.save(update_fields=[*updates, "updated_at"])
                changed = True
    if changed and hasattr(record, "_prefetched_objects_cache"):
        record._prefetched_objects_cache.pop("labels", None)
    return changed


def _clear_original(existing: list[Label], kind: str) -> bool:
    changed = False
    for label in existing:
        if label.kind == kind and label.is_original:
            label.is_original = False
            label.save(update_fields=["is_original", "updated_at"])
            changed = True
    return changed


def label_add(
    *, record: models.Model, kind: str, lang: str, text: str, is_original: bool = False
) -> bool:
    """Add one label (an alias learnt from a document, say) unless the record has it.

    A name in a language the record already has a name in is kept as an alias,
    so the established name is never overwritten by this call. Returns True
    when something was stored.
    """
    if kind not in LabelKind.values:
        raise ValidationError({"kind": f"{kind!r} is not one of {', '.join(LabelKind.values)}"})
    spec = LabelSpec(kind, _lang(lang, "lang"), _text(text, "text"), is_original)
    if kind in SINGLE_PER_LANGUAGE:
        content_type = ContentType.objects.get_for_model(record)
        taken = Label.objects.filter(
            content_type=content_type, object_id=record.pk, kind=kind, lang=spec.lang
        ).exclude(text=spec.text)
        if taken.exists():
            if kind == LabelKind.DESCRIPTION:
                return False
            spec = LabelSpec(LabelKind.ALIAS, spec.lang, spec.text)
    return labels_apply(record=record, specs=[spec], replace=False)


@dataclass(frozen=True)
class NameSet:
    """Everything a record may be called: names per language, acronyms, aliases, descriptions."""

    names: Mapping[str, str] | None = None
    original: str | None = None
    acronyms: Iterable[str] | Mapping[str, str | Iterable[str]] | None = None
    aliases: Mapping[str, str | Iterable[str]] | None = None
    descriptions: Mapping[str, str] | None = None

    def specs(self) -> list[LabelSpec]:
        return label_specs(
            names=self.names,
            original=self.original,
            acronyms=self.acronyms,
            aliases=self.aliases,
            descriptions=self.descriptions,
        )

    @classmethod
    def from_mapping(cls, data: Mapping[str, object]) -> NameSet:
        """Read the keys names/original/acronyms/aliases/descriptions of a data-file entry."""
        return cls(
            names=data.get("names"),  # type: ignore[arg-type]
            original=data.get("original"),  # type: ignore[arg-type]
            acronyms=data.get("acronyms"),  # type: ignore[arg-type]
            aliases=data.get("aliases"),  # type: ignore[arg-type]
            descriptions=data.get("descriptions"),  # type: ignore[arg-type]
        )
