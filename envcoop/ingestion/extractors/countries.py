"""Countries a document names or clearly involves.

Named in any form the gazetteer knows (CLDR names in the region's languages, ISO
names, everyday forms such as "CHDCND Lào", "สปป. ลาว", "Lao PDR", adjectives such as
"Thai delegation"), through a place in them (Vientiane -> LA), or through one of
their national bodies (Thailand's Pollution Control Department -> TH).
"""

from __future__ import annotations

from envcoop.ingestion.extractors.base import Claim, Context
from envcoop.ingestion.extractors.names import gazetteer_of, known_names

NAME = "countries"
VERSION = "1"


def extract(context: Context) -> list[Claim]:
    claims: list[Claim] = []
    for match in known_names(context):
        for entry in match.entries:
            if entry.kind == "countries":  # "ASEAN Plus Three", "中日韩": each of them
                for code in entry.key.split():
                    claims.append(_claim(context, match.start, match.end, code, "group"))
                break
            if entry.kind in ("country", "place"):
                claims.append(_claim(context, match.start, match.end, entry.key, entry.kind))
                break
    # groups ("中日韩", "ASEAN Plus Three") also where a longer name holds them
    # ("东盟与中日韩环境部长会议", a series)
    for match in gazetteer_of(context).find(context.text, context.boundaries, kinds={"countries"}):
        if not any(c.span == (match.start, match.end) for c in claims):
            for code in match.entries[0].key.split():
                claims.append(_claim(context, match.start, match.end, code, "group"))
    for organisation in context.claims("organisation"):
        code = organisation.value.get("country")
        if code:
            claims.append(_claim(context, *organisation.span, code, "organisation", confidence=0.7))
    claims.sort(key=lambda claim: claim.span)
    return claims


def _claim(
    context: Context, start: int, end: int, code: str, via: str, confidence: float = 0.9
) -> Claim:
    return Claim(
        kind="country",
        span=(start, end),
        text=context.text[start:end],
        value={"code": code, "via": via},
        extractor=NAME,
        version=VERSION,
        confidence=confidence,
    )
