"""Who may read what `envcoop ingest` stores, as its options say it: ``--visibility public``,
``members`` or a country's two-letter code (that country's documents), and ``--shared-with
KEY`` for each partner organisation a members' document is shared with."""

from __future__ import annotations

from envcoop.ingestion.models import Visibility
from envcoop.ingestion.pipeline import Filing
from envcoop.registry.models import Country, Organisation


class FilingError(ValueError):
    """An option that cannot be used, with a sentence saying what is allowed."""


def filing_from(visibility: str, shared_with: list[str] | None = None) -> Filing:
    """The Filing the options ask for; FilingError says what is wrong and what is allowed."""
    value = (visibility or "").strip()
    keys = tuple(dict.fromkeys(key.strip() for key in shared_with or [] if key.strip()))
    if value.lower() in (Visibility.PUBLIC, Visibility.MEMBERS):
        filing = Filing(visibility=value.lower())
    elif len(value) == 2 and value.isascii() and value.isalpha():
        code = value.upper()
        if not Country.objects.filter(code=code).exists():
            codes = ", ".join(Country.objects.order_by("code").values_list("code", flat=True))
            raise FilingError(
                f"--visibility {value}: no country with this code in the registry; "
                f"the codes are: {codes}"
            )
        filing = Filing(visibility=Visibility.COUNTRY, country=code)
    else:
        raise FilingError(
            f"--visibility {value}: give public (anyone), members (anyone signed in) or a "
            "country's two-letter code such as TH (that country's members and the Secretariat)"
        )
    if not keys:
        return filing
    if filing.visibility != Visibility.MEMBERS:
        raise FilingError(
            "--shared-with applies to members' documents (--visibility members): a public "
            "document is read by everyone, a country's only by its members and the Secretariat"
        )
    known = set(Organisation.objects.filter(key__in=keys).values_list("key", flat=True))
    unknown = [key for key in keys if key not in known]
    if unknown:
        raise FilingError(
            f"--shared-with {', '.join(unknown)}: no organisation with this key; give an "
            "organisation's key as its page's address shows it (/organisations/KEY/)"
        )
    return Filing(visibility=filing.visibility, shared_with=keys)
