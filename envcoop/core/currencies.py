"""ISO 4217 currency codes (the IATI currency codelist is the same list)."""

from __future__ import annotations

import pycountry


class CurrencyError(ValueError):
    """Not an ISO 4217 currency code."""


def clean_currency(value: str) -> str:
    if not isinstance(value, str) or not value.strip():
        raise CurrencyError("a currency code is required (ISO 4217, e.g. USD, CNY, THB)")
    code = value.strip().upper()
    if len(code) != 3 or pycountry.currencies.get(alpha_3=code) is None:
        raise CurrencyError(f"{value!r} is not an ISO 4217 currency code")
    return code
