"""Records that may be the same thing: pairs of one kind that the resolver's own rules call
the same (with the reasons and score), less the pairs a reviewer said are not."""

from __future__ import annotations

from dataclasses import dataclass

from django.contrib.contenttypes.models import ContentType
from django.db import IntegrityError, models, transaction

from envcoop.review.models import DistinctPair
from envcoop.review.resolution.candidates import MODELS, RESOLVED_KINDS, from_record
from envcoop.review.resolution.resolver import Index
from envcoop.review.resolution.rules import THRESHOLD, compare

_PREFETCH = {
    "event": ("labels", "series", "country"),
    "agreement": ("labels",),
    "project": ("labels", "fund"),
    "organisation": ("labels", "country"),
}


@dataclass
class PossibleDuplicate:
    kind: str
    first: models.Model
    second: models.Model
    score: float
    reasons: list[dict]


def possible_duplicates(kind: str | None = None) -> list[PossibleDuplicate]:
    """Pairs of records the resolver would take for one (best first), of one kind or all."""
    found: list[PossibleDuplicate] = []
    for each in [kind] if kind else RESOLVED_KINDS:
        model = MODELS[each]
        content_type = ContentType.objects.get_for_model(model)
        decided = set(
            DistinctPair.objects.filter(content_type=content_type).values_list(
                "first_id", "second_id"
            )
        )
        records = model.objects.all().prefetch_related(*_PREFETCH[each])
        candidates = [from_record(each, record) for record in records]
        index = Index()
        for candidate in candidates:
            index.add(candidate)
        for candidate in candidates:
            for other in index.near(candidate):
                first, second = candidate.record, other.record
                if first.pk >= second.pk or (first.pk, second.pk) in decided:
                    continue
                same = compare(candidate, other)
                if same is not None and same.score >= THRESHOLD:
                    found.append(PossibleDuplicate(each, first, second, same.score, same.reasons))
    found.sort(key=lambda pair: (-pair.score, pair.kind, pair.first.pk))
    return found


def not_the_same(first: models.Model, second: models.Model, user: object = None) -> None:
    """Remember that two records are different things (they leave the list for good)."""
    low, high = sorted((first.pk, second.pk))
    try:
        with transaction.atomic():
            DistinctPair.objects.create(
                content_type=ContentType.objects.get_for_model(first),
                first_id=low,
                second_id=high,
                decided_by=user if getattr(user, "pk", None) else None,
            )
    except IntegrityError:
        pass  # decided before
