"""Which of a record's names a report uses, and how a name from another language is marked.

The reader's language first, then English, then the original, then any: a Thai report
shows a record with English and Vietnamese names in English, never in Vietnamese, so a
section reads in at most two languages (the reader's, and English where no one has given
the reader's yet). A name in another language is marked with that language's name
("… (อังกฤษ)"), and the record goes on the report's list of names missing.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from envcoop.core.languages import base_language
from envcoop.registry.models.base import Label, LabelKind
from envcoop.reports.annual_data import Name

FALLBACK = "en"


def pick_name(
    labels: Iterable[Label], lang: str, language_names: Mapping[str, str], key: str
) -> Name:
    """The name of a record with ``labels`` for a reader of ``lang``; ``language_names``
    are the reader's names of languages (CLDR), ``key`` the last resort."""
    names = [label for label in labels if label.kind == LabelKind.NAME]
    for wanted in (lang, FALLBACK):
        for label in names:
            if base_language(label.lang) == wanted:
                if wanted == lang:
                    return Name(label.text, label.lang)
                return _marked(label, language_names)
    chosen = next((label for label in names if label.is_original), names[0] if names else None)
    if chosen is None:
        return Name(key, "und")
    return _marked(chosen, language_names)


def _marked(label: Label, language_names: Mapping[str, str]) -> Name:
    language = language_names.get(base_language(label.lang))
    return Name(label.text, label.lang, language or label.lang)


def quoted(name: Name) -> str:
    """The name as a sentence shows it: with its language when not the reader's."""
    return f"{name.text} ({name.marked})" if name.marked else name.text
