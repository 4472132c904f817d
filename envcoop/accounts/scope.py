"""Which rows a user may see and change: one queryset per kind, used by every page, the
admin, search, exports, reports and the command line.

- Registry records (events, projects, agreements, organisations, frameworks, funds,
  priorities) are public: everyone sees them. The Secretariat edits any; a national focal
  point edits the records their country takes part in (``countries_of``).
- Documents have a visibility (``Document.visibility``): public ones everyone reads;
  "members" ones anyone signed in except a partner, who reads those shared with their
  organisation; a country's documents its focal points and contributors and the
  Secretariat. Uploaders always read their own. Claims and passages follow their document.
- Claims are reviewed by the Secretariat, and by a focal point when the document is their
  country's.
"""

from __future__ import annotations

from collections.abc import Iterable
from functools import reduce
from operator import or_

from django.db.models import Model, Q, QuerySet

from envcoop.accounts.roles import Access, User, access_of
from envcoop.ingestion.models import Claim, Document, Visibility
from envcoop.registry.models import Fund, Organisation, Priority
from envcoop.registry.selectors.involvement import COUNTRY_PATHS

# The paths from a record to the countries that take part in it (kinds the involvement
# selector leaves out: a priority's or a fund's partners, an organisation's country).
RECORD_COUNTRY_PATHS: dict[type[Model], tuple[str, ...]] = {
    **COUNTRY_PATHS,
    Priority: ("partner_countries",),
    Fund: ("partner_countries",),
    Organisation: ("country",),
}


def _queryset(model_or_queryset: type[Model] | QuerySet) -> QuerySet:
    if isinstance(model_or_queryset, QuerySet):
        return model_or_queryset
    return model_or_queryset._default_manager.all()  # type: ignore[attr-defined]


def document_condition(access: Access, user: User | None = None) -> Q:
    """The condition on documents ``access`` may read (prefix it for related rows)."""
    if access.secretariat:
        return Q()
    condition = Q(visibility=Visibility.PUBLIC)
    if not access.signed_in:
        return condition
    if not access.partner_only:
        condition |= Q(visibility=Visibility.MEMBERS)
    if access.countries:
        condition |= Q(visibility=Visibility.COUNTRY, country__code__in=access.countries)
    if access.partner_organisations:
        condition |= Q(visibility=Visibility.MEMBERS, shared_with__in=access.partner_organisations)
    if user is not None and user.pk:
        condition |= Q(uploaded_by=user.pk)
    return condition


def _prefixed(condition: Q, prefix: str) -> Q:
    """``condition`` on documents, rewritten for rows that reach them through ``prefix``."""
    if not prefix:
        return condition
    rewritten = Q()
    rewritten.connector, rewritten.negated = condition.connector, condition.negated
    for child in condition.children:
        if isinstance(child, Q):
            rewritten.children.append(_prefixed(child, prefix))
        else:
            key, value = child
            rewritten.children.append((f"{prefix}__{key}", value))
    return rewritten


def documents_visible_to(
    user: User | None, queryset: QuerySet | None = None, *, through: str = ""
) -> QuerySet:
    """``queryset`` (documents by default; or rows reaching a document ``through`` a
    path, e.g. claims with ``through="document"``) narrowed to what ``user`` may read."""
    if queryset is None:
        queryset = Document.objects.all()
    access = access_of(user)
    if access.secretariat:
        return queryset
    condition = _prefixed(document_condition(access, user), through)
    return queryset.filter(pk__in=queryset.model.objects.filter(condition).values("pk"))


def visible_document_ids(user: User | None, ids: Iterable[int]) -> set[int]:
    """Which of the documents ``ids`` ``user`` may read (one query; none for the
    Secretariat)."""
    ids = set(ids)
    if not ids or access_of(user).secretariat:
        return ids
    visible = documents_visible_to(user, Document.objects.filter(pk__in=ids))
    return set(visible.values_list("pk", flat=True))


def claims_visible_to(user: User | None, queryset: QuerySet | None = None) -> QuerySet:
    return documents_visible_to(
        user, Claim.objects.all() if queryset is None else queryset, through="document"
    )


def claims_reviewable_by(user: User | None, queryset: QuerySet | None = None) -> QuerySet:
    """The claims ``user`` may accept, reject or undo."""
    queryset = Claim.objects.all() if queryset is None else queryset
    access = access_of(user)
    if access.secretariat:
        return queryset
    if not access.focal_countries:
        return queryset.none()
    return queryset.filter(document__country__code__in=access.focal_countries)


def visible_to(user: User | None, model_or_queryset: type[Model] | QuerySet) -> QuerySet:
    """The rows of a kind ``user`` may see: documents and claims by their visibility,
    registry records all."""
    queryset = _queryset(model_or_queryset)
    if queryset.model is Document:
        return documents_visible_to(user, queryset)
    if queryset.model is Claim:
        return claims_visible_to(user, queryset)
    return queryset


def involving_countries(queryset: QuerySet, codes: frozenset[str] | set[str]) -> QuerySet:
    """``queryset`` narrowed to the records any of the countries ``codes`` take part in."""
    model = queryset.model
    paths = RECORD_COUNTRY_PATHS.get(model, ())
    if not codes or not paths:
        return queryset.none()
    condition = reduce(or_, (Q(**{f"{path}__code__in": sorted(codes)}) for path in paths))
    return queryset.filter(pk__in=model._default_manager.filter(condition).values("pk"))


def editable_by(user: User | None, model_or_queryset: type[Model] | QuerySet) -> QuerySet:
    """The registry records ``user`` may edit, name and read the history of."""
    queryset = _queryset(model_or_queryset)
    access = access_of(user)
    if access.secretariat:
        return queryset
    if queryset.model is Document:
        return queryset.none()
    return involving_countries(queryset, access.focal_countries)


def countries_of(model: type[Model], pks: list[int]) -> dict[int, set[str]]:
    """Record id -> codes of the countries each record of ``model`` involves."""
    found: dict[int, set[str]] = {pk: set() for pk in pks}
    for path in RECORD_COUNTRY_PATHS.get(model, ()):
        rows = model._default_manager.filter(pk__in=pks, **{f"{path}__isnull": False})  # type: ignore[attr-defined]
        for pk, code in rows.values_list("pk", f"{path}__code"):
            found[pk].add(code)
    return found
