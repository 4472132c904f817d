"""Who may read an entry, written as facet words, so that a search finds only what its
reader may read (``envcoop.accounts.scope.document_condition``, said as words).

An entry carries the words of the readers it is for: ``public`` (registry records and
public documents), ``members`` (members' documents), a country (its documents), a partner
organisation (the members' documents shared with it) and the uploader. A reader's
search asks for any of their own words; the Secretariat's asks for none (it reads all).
"""

from __future__ import annotations

from collections.abc import Iterable

from envcoop.accounts.roles import User, access_of
from envcoop.search.facet_words import word

PUBLIC = word("r", "public")
MEMBERS = word("r", "members")


def country_word(code: str) -> str:
    return word("r", f"c{code}")


def organisation_word(pk: int) -> str:
    return word("r", f"o{pk}")


def uploader_word(pk: int) -> str:
    return word("r", f"u{pk}")


def document_readers(
    visibility: str, country: str | None, shared_with: Iterable[int], uploader: int | None
) -> list[str]:
    """The reader words of a document's entries."""
    words = []
    if visibility == "public":
        words.append(PUBLIC)
    elif visibility == "members":
        words.append(MEMBERS)
        words.extend(organisation_word(pk) for pk in sorted(shared_with))
    elif visibility == "country" and country:
        words.append(country_word(country))
    if uploader:
        words.append(uploader_word(uploader))
    return words


def readers_of(document: object) -> list[str]:
    """``document_readers`` of a stored document."""
    country = document.country.code if document.country_id else None  # type: ignore[attr-defined]
    return document_readers(
        document.visibility,  # type: ignore[attr-defined]
        country,
        [o.pk for o in document.shared_with.all()],  # type: ignore[attr-defined]
        document.uploaded_by_id,  # type: ignore[attr-defined]
    )


def reader_words(user: User | None) -> tuple[str, ...] | None:
    """The words any of which an entry must carry for ``user`` to find it; None: every
    entry (the Secretariat)."""
    access = access_of(user)
    if access.secretariat:
        return None
    words = [PUBLIC]
    if not access.signed_in:
        return tuple(words)
    if not access.partner_only:
        words.append(MEMBERS)
    words.extend(country_word(code) for code in sorted(access.countries))
    words.extend(organisation_word(pk) for pk in sorted(access.partner_organisations))
    pk = getattr(user, "pk", None)
    if pk:
        words.append(uploader_word(pk))
    return tuple(words)
