"""Spaces OCR puts where the writing has none.

Thai, Lao, Khmer and Burmese write words without spaces between them; a space there
separates phrases or sentences. Chinese writes no spaces at all. Tesseract, which
recognises words, sometimes cuts a word in two ("ประ ชุม", "အစည်း အဝေး") and, in
Chinese, spreads a line into pieces ("下一 届会议").

The rules, each for a reason:

- between two Han characters (or a Han character and CJK punctuation): always removed,
  newlines inside a paragraph too: Chinese has no spaces or line breaks inside a
  paragraph that mean anything, and a line cut in a word ("联合\\n声明") hides it from
  every extractor;
- between two runs of the same script among Thai, Lao, Khmer and Burmese: removed when
  ICU's dictionary word-break, run over the two runs joined, puts no boundary where the
  space was, that is when the space falls inside a dictionary word; kept when the space
  falls between two words, because there it may be the writer's own (a phrase
  separator), which removing every such space would destroy (bench/ocr.py measures both
  rules: removing all of them loses accuracy on pages whose phrases are spaced);
- anything else (digits, Latin words, a space between two scripts) is left as read.

``repair`` returns the new text; the page offsets are taken after it, so nothing points
into the text as tesseract wrote it.
"""

from __future__ import annotations

import re
import unicodedata
from functools import cache

import icu

# Scripts written without spaces between words, by their Unicode block.
_CONTINUA = {
    "th": (0x0E00, 0x0E7F),
    "lo": (0x0E80, 0x0EFF),
    "km": (0x1780, 0x17FF),
    "my": (0x1000, 0x109F),
}
_HAN = r"\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
_CJK_PUNCTUATION = r"\u3000-\u303f\uff00-\uffef"
_HAN_GAP = re.compile(rf"(?<=[{_HAN}{_CJK_PUNCTUATION}])[ \t\n]+(?=[{_HAN}{_CJK_PUNCTUATION}])")
_BLANK_LINE = re.compile(r"\n[ \t]*\n")
_SPACES = re.compile(r"[ \t]+")
_MAX_LOOKAROUND = 40  # characters of each run given to the word breaker


def script_of(char: str) -> str | None:
    """The script-without-spaces ``char`` is a letter or mark of (digits and punctuation,
    "๒๕๖๗", "។", are not: a space before a number is the writer's)."""
    if unicodedata.category(char)[0] not in "LM":
        return None
    code = ord(char)
    for script, (low, high) in _CONTINUA.items():
        if low <= code <= high:
            return script
    return None


@cache
def _breaker(script: str) -> icu.BreakIterator:
    return icu.BreakIterator.createWordInstance(icu.Locale(script))


def inside_a_word(left: str, right: str, script: str) -> bool:
    """Whether ICU's dictionary finds no word boundary between ``left`` and ``right``
    written together (both in ``script``)."""
    left, right = left[-_MAX_LOOKAROUND:], right[:_MAX_LOOKAROUND]
    breaker = _breaker(script)
    breaker.setText(left + right)
    return not breaker.isBoundary(len(left))


def repair(text: str, *, dictionary: bool = True) -> str:
    """The text with spurious spaces removed (see the module's rules).

    ``dictionary=False`` removes every space between two runs of the same script
    (the simple rule bench/ocr.py compares with).
    """
    text = _SPACES.sub(" ", text)
    paragraphs = _BLANK_LINE.split(text)
    return "\n\n".join(_repair_paragraph(p, dictionary) for p in paragraphs)


def _repair_paragraph(text: str, dictionary: bool) -> str:
    text = _HAN_GAP.sub("", text)
    if " " not in text:
        return text
    pieces = text.split(" ")
    out = [pieces[0]]
    for piece in pieces[1:]:
        left = out[-1]
        script = script_of(left[-1]) if left else None
        if (
            script is not None
            and piece
            and script_of(piece[0]) == script
            and (
                not dictionary
                or inside_a_word(_run(left, script, end=True), _run(piece, script), script)
            )
        ):
            out[-1] = left + piece
        else:
            out.append(piece)
    return " ".join(out)


def _run(text: str, script: str, *, end: bool = False) -> str:
    """The run of ``script`` characters at the end (or start) of ``text``."""
    index = len(text) if end else 0
    if end:
        while index > 0 and script_of(text[index - 1]) == script:
            index -= 1
        return text[index:]
    while index < len(text) and script_of(text[index]) == script:
        index += 1
    return text[:index]
