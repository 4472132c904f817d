"""Finding every known name in the text once (the gazetteer), for the extractors that follow."""

from __future__ import annotations

from envcoop.ingestion.extractors.base import Context
from envcoop.ingestion.gazetteer import Gazetteer, Match, gazetteer


def gazetteer_of(context: Context) -> Gazetteer:
    """The gazetteer, looked up once per document (the lookup asks the registry whether its
    names have changed)."""
    if context.gazetteer is None:
        context.gazetteer = gazetteer()
    return context.gazetteer


def known_names(context: Context) -> list[Match]:
    """Gazetteer matches of the document (computed once, kept on the context)."""
    cached = context.found.get("_names")
    if cached is None:
        cached = gazetteer_of(context).find(context.text, context.boundaries)
        context.found["_names"] = cached  # type: ignore[assignment]
    return cached  # type: ignore[return-value]


def countries_in(context: Context, start: int, end: int, *, overlapping: bool = False) -> list[str]:
    """ISO codes of the countries named (or whose places are named) between start and end
    (``overlapping``: also names that only partly fall inside)."""
    from envcoop.ingestion.extractors.positions import names_at

    names = names_at(context)
    codes: list[str] = []
    for match in names.overlapping(start, end) if overlapping else names.inside(start, end):
        for entry in match.entries:
            code = entry.key if entry.kind in ("country", "place") else None
            if code and code not in codes:
                codes.append(code)
                break
    return codes
