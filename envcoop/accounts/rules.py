"""The object rules: who may do what to which row, one predicate per rule (django-rules).

Pages and commands ask ``user.has_perm("envcoop.<rule>", obj)`` or the helpers below;
lists use the querysets of ``envcoop.accounts.scope``, which say the same thing for many
rows at once (a test checks the two agree). Registered when Django starts (django-rules
autodiscovers this module).
"""

from __future__ import annotations

import rules
from django.contrib.auth.models import AnonymousUser
from django.db.models import Model

from envcoop.accounts.models import Role
from envcoop.accounts.roles import User, access_of
from envcoop.accounts.scope import countries_of, document_condition
from envcoop.ingestion.models import Claim, Document


@rules.predicate
def is_secretariat(user: User) -> bool:
    return access_of(user).secretariat


@rules.predicate
def is_administrator(user: User) -> bool:
    return access_of(user).admin


@rules.predicate
def is_focal_point(user: User) -> bool:
    return bool(access_of(user).focal_countries)


@rules.predicate
def may_upload(user: User) -> bool:
    return access_of(user).may_upload


@rules.predicate
def takes_part(user: User, record: Model | None) -> bool:
    """A focal point of a country the record involves (without a record: a focal point)."""
    mine = access_of(user).focal_countries
    if record is None:
        return bool(mine)
    if not mine or record.pk is None:
        return False
    return bool(mine & countries_of(type(record), [record.pk])[record.pk])


@rules.predicate
def may_read_document(user: User, document: Document | None) -> bool:
    if document is None:
        return True
    access = access_of(user)
    if access.secretariat:
        return True
    return Document.objects.filter(document_condition(access, user), pk=document.pk).exists()


@rules.predicate
def document_of_my_country(user: User, document: Document | None) -> bool:
    if document is None:
        return False
    code = document.country.code if document.country_id else None
    return code is not None and code in access_of(user).focal_countries


@rules.predicate
def uploaded_it(user: User, document: Document | None) -> bool:
    return bool(document is not None and user.pk and document.uploaded_by_id == user.pk)


@rules.predicate
def claim_of_my_country(user: User, claim: Claim | None) -> bool:
    if claim is None:
        return bool(access_of(user).focal_countries)
    return document_of_my_country(user, claim.document)


@rules.predicate
def manages_contributor(user: User, membership: tuple[str, str | None] | None) -> bool:
    """A focal point giving or taking their own country's contributor role (the object
    is ``(role, country code)``)."""
    if membership is None:
        return bool(access_of(user).focal_countries)
    role, country = membership
    return role == Role.CONTRIBUTOR and country in access_of(user).focal_countries


# Records of the registry
rules.add_perm("envcoop.add_record", is_secretariat | is_focal_point)
rules.add_perm("envcoop.change_record", is_secretariat | takes_part)
rules.add_perm("envcoop.view_history", is_secretariat | takes_part)
rules.add_perm("envcoop.merge_records", is_secretariat)
# Documents and what is read from them
rules.add_perm("envcoop.view_document", may_read_document)
rules.add_perm("envcoop.upload_document", may_upload)
rules.add_perm("envcoop.change_document", is_secretariat | document_of_my_country | uploaded_it)
rules.add_perm("envcoop.change_visibility", is_secretariat | document_of_my_country)
rules.add_perm("envcoop.review", is_secretariat | is_focal_point)
rules.add_perm("envcoop.review_claim", is_secretariat | claim_of_my_country)
rules.add_perm("envcoop.import", is_secretariat)
# People
rules.add_perm("envcoop.manage_users", is_administrator | manages_contributor)
rules.add_perm("envcoop.view_activity", is_secretariat)


def may(user: User | None, rule: str, obj: object = None) -> bool:
    """``user.has_perm("envcoop.<rule>", obj)`` for anyone, the anonymous included."""
    return bool((user or AnonymousUser()).has_perm(f"envcoop.{rule}", obj))


def may_edit_record(user: User | None, record: Model, countries: set[str] | None = None) -> bool:
    """``change_record`` on ``record``; ``countries`` (the record's, when the caller has
    them for many records at once) saves a query per record."""
    if countries is None:
        return may(user, "change_record", record)
    access = access_of(user)
    return access.secretariat or bool(access.focal_countries & countries)
