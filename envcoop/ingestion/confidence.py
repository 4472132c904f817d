"""How likely a claim is to be right, from the evidence it was found with.

Each kind of claim has a few yes-or-no signals (a meeting's explicit number and series, a
full date next to its name, a name the registry knows, an agreement's signing sentence,
...). A logistic model per kind turns them into a probability; its weights are fitted on
the tuning part of the real-text set by ``scripts/calibrate-confidence`` and kept in
``data/confidence.json``, so that "0.9" means right nine times in ten or more on documents
the weights were not fitted on (the README gives precision and recall at 0.7, 0.8 and 0.9
on the checking part). Dates are not scored: the date patterns are near-certain.
"""

from __future__ import annotations

import json
import math
from functools import cache
from pathlib import Path

from envcoop.ingestion.extractors.base import Claim, Context

WEIGHTS = Path(__file__).with_name("data") / "confidence.json"
SCORED = ("event", "agreement", "project", "organisation", "framework", "priority", "mention")


def signals(claim: Claim, context: Context) -> dict[str, float]:
    """The evidence of one claim, as features of the model of its kind (1.0 = present)."""
    value = claim.value
    unspaced = float(context.profile.unspaced)
    if claim.kind == "event":
        start = value.get("start") or ""
        name_span = value.get("name_span") or claim.span
        date_apart = (claim.span[1] - claim.span[0]) - (name_span[1] - name_span[0])
        return {
            "series": float(bool(value.get("series"))),
            "ordinal": float(value.get("ordinal") is not None),
            "day": float(len(start) == 10),
            "year_only": float(len(start) == 4),
            "date_close": float(date_apart <= 40),
            "dated_in_sentence": float(value.get("dated_by", "sentence") in ("sentence", "label")),
            "place": float(bool(value.get("place"))),
            "unspaced": unspaced,
            # all the evidence at once: a known series, its number, the day, in its sentence
            "numbered_dated": float(
                bool(value.get("series"))
                and value.get("ordinal") is not None
                and len(start) == 10
                and value.get("dated_by", "sentence") in ("sentence", "label")
            ),
        }
    if claim.kind == "agreement":
        return {
            "dated": float(bool(value.get("date"))),
            "parties": float(bool(value.get("parties"))),
            "declaration": float(value.get("kind") == "declaration"),
            "treaty": float(value.get("kind") in ("treaty", "agreement")),
            "long": float(len(value.get("name", "")) >= 30),
            "unspaced": unspaced,
        }
    if claim.kind == "project":
        return {
            "fund": float(bool(value.get("fund"))),
            "dated": float(bool(value.get("start"))),
            "partners": float(bool(value.get("partners"))),
            "long": float(len(value.get("name", "")) >= 30),
            "unspaced": unspaced,
        }
    if claim.kind == "organisation":
        return {
            "known": float(bool(value.get("key"))),
            "acronym": float(bool(value.get("acronym"))),
            "country": float(bool(value.get("country"))),
            "unspaced": unspaced,
            "known_latin": float(bool(value.get("key")) and not context.profile.unspaced),
        }
    if claim.kind == "framework":
        return {
            "period": float(bool(value.get("start") or value.get("end"))),
            "partners": float(bool(value.get("partners"))),
            "action_plan": float(value.get("kind") == "action-plan"),
            "unspaced": unspaced,
        }
    if claim.kind == "priority":
        return {"year": float(bool(value.get("year"))), "areas": float(bool(value.get("areas")))}
    if claim.kind == "mention":
        return {
            "series": float(bool(value.get("series"))),
            "ordinal": float(value.get("ordinal") is not None),
            "event": float(value.get("kind") == "event"),
        }
    return {}


@cache
def _fitted() -> dict:
    if not WEIGHTS.exists():
        return {}
    return json.loads(WEIGHTS.read_text(encoding="utf-8"))


def score_of(kind: str, features: dict[str, float], weights: dict) -> float | None:
    """The model's log-odds for these features (before scaling), or None without a model."""
    model = weights.get(kind)
    if not model:
        return None
    return model.get("bias", 0.0) + sum(model.get(name, 0.0) * x for name, x in features.items())


def probability(kind: str, features: dict[str, float], fitted: dict | None = None) -> float | None:
    """The probability for these features, or None when the kind has no model: the log-odds
    of the kind's model, scaled by what cross-validation found them to be worth on documents
    the model had not seen (a logistic fit of the held-out scores: ``scale``)."""
    fitted = _fitted() if fitted is None else fitted
    z = score_of(kind, features, fitted.get("weights", {}))
    if z is None:
        return None
    scale = fitted.get("scale", {"slope": 1.0, "intercept": 0.0})
    z = scale["slope"] * z + scale["intercept"]
    return 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, z))))


def score(claims: list[Claim], context: Context) -> dict[int, dict[str, float]]:
    """Give every scored claim its calibrated confidence (the extractor's own guess stays
    where no model is fitted), rounded to two places; returns the evidence, by claim id."""
    evidence = {}
    for claim in claims:
        if claim.kind not in SCORED:
            continue
        features = evidence[id(claim)] = signals(claim, context)
        value = probability(claim.kind, features)
        if value is not None:
            claim.confidence = round(min(0.99, max(0.01, value)), 2)
    return evidence
