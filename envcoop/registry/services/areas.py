"""The eight areas, and vocabularies (SDGs, ...) whose terms map onto them."""

from __future__ import annotations

from django.db import transaction

from envcoop.registry.models import Area, AreaCode, Term, Vocabulary
from envcoop.registry.services.labels import NameSet
from envcoop.registry.services.resolve import (
    areas_from_codes,
    choice_value,
    text_value,
    whole_number,
)
from envcoop.registry.services.upsert import record_upsert


@transaction.atomic
def area_upsert(
    *, code: str, position: int, names: NameSet, overwrite: bool = True
) -> tuple[Area, bool]:
    return record_upsert(
        model=Area,
        lookup={"code": choice_value(code, choices=AreaCode, field="code")},
        fields={"position": whole_number(position, field="position")},
        labels=names.specs(),
        overwrite=overwrite,
    )


@transaction.atomic
def vocabulary_upsert(
    *, code: str, names: NameSet, url: str = "", overwrite: bool = True
) -> tuple[Vocabulary, bool]:
    return record_upsert(
        model=Vocabulary,
        lookup={"code": text_value(code, field="code", max_length=32)},
        fields={"url": text_value(url, field="url")},
        labels=names.specs(),
        overwrite=overwrite,
    )


@transaction.atomic
def term_upsert(
    *,
    vocabulary: Vocabulary,
    code: str,
    names: NameSet,
    areas: object,
    position: int = 0,
    overwrite: bool = True,
) -> tuple[Term, bool]:
    return record_upsert(
        model=Term,
        lookup={"vocabulary": vocabulary, "code": text_value(code, field="code", max_length=32)},
        fields={"position": whole_number(position, field="position")},
        links={"areas": areas_from_codes(areas)},
        labels=names.specs(),
        overwrite=overwrite,
    )
