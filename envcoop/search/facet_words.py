"""An entry's filter values written as words, so that SQLite FTS5 filters inside the match.

Without them, a filtered search joins every full-text match with search_entry and drops
most of them: a common word in Thai passages of 2020 reads a million rows to keep twenty
thousand. As words in a second FTS5 column (``facets``, weight 0 in the ranking, never
searched by what a person types), the filter is an intersection of posting lists.

Each word is a facet letter (k kind, l language, y year, s series, a area, c country, r a
reader who may read the entry: see ``readers``), then
``q`` and the value when it is lower-case ASCII letters and digits, or ``z`` and the
value's UTF-8 in hex otherwise ("haze-cop" → ``sz68617a652d636f70``): different values
never give the same word, and every word survives the tokenizer whole.
"""

from __future__ import annotations

from envcoop.search.models import AREA_BITS


def word(letter: str, value: object) -> str:
    text = str(value).lower()
    if text.isascii() and text.isalnum():
        return f"{letter}q{text}"
    return f"{letter}z{text.encode('utf-8').hex()}"


def facet_words(
    kind: str,
    lang: str,
    year: int | None,
    series: str,
    areas: int,
    countries: str,
    readers: list[str] | tuple[str, ...] = (),
) -> str:
    """The ``facets`` text of an entry with these columns, and its reader words."""
    words = [word("k", kind)]
    if lang:
        words.append(word("l", lang))
    if year:
        words.append(word("y", year))
    if series:
        words.append(word("s", series))
    words.extend(word("a", code) for code, bit in AREA_BITS.items() if areas & bit)
    words.extend(word("c", code) for code in countries.split())
    words.extend(readers)
    return " ".join(words)
