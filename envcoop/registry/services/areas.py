"""The eight areas, and vocabularies (SDGs, ...) whose terms map onto them."""

from __future__ import annotations

from collections.abc import Iterable

from django.core.exceptions import ValidationError

from envcoop.registry.models import Area, AreaCode, Term, Vocabulary
from envcoop.registry.services.labels import NameSet
from envcoop.registry.services.records import record_save
from envcoop.registry.services.references import areas_from_codes


def area_upsert(*, code: str, position: int, names: NameSet) -> tuple[Area, bool]:
    if code not in AreaCode.values:
        raise ValidationError(
            {"code": f"{code!r} is not one of the eight areas: {', '.join(AreaCode.values)}"}
        )
    return record_save(
        model=Area, lookup={"code": code}, fields={"position": position}, labels=names.specs()
    )


def vocabulary_upsert(*, code: str, names: NameSet, url: str = "") -> tuple[Vocabulary, bool]:
    return record_save(
        model=Vocabulary, lookup={"code": code}, fields={"url": url}, labels=names.specs()
    )


def term_upsert(
    *, vocabulary: Vocabulary, code: str, names: NameSet, areas: Iterable[str], position: int = 0
) -> tuple[Term, bool]:
    return record_save(
        model=Term,
        lookup={"vocabulary": vocabulary, "code": code},
        fields={"position": position},
        links={"areas": areas_from_codes(areas)},
        labels=names.specs(),
    )
