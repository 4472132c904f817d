"""Which language a scan is in, when nobody said: read its first page with each script's
pack and keep the reading that looks most like real writing.

Tesseract's own script detection (OSD) cannot do this: on our test pages it called Lao
"Thai", Khmer "Latin" and Burmese "Arabic". Nor can the packs' confidences: Thai's pack
reads a Lao page with a higher confidence than Lao's pack does. What tells them apart
is the result: the right pack writes words that ICU's dictionary knows, a wrong one
writes letters of its script in an order no word has, which ICU cuts into short pieces.
So each candidate is scored by the share of its letters that fall in

- words of three letters or more by ICU's dictionary word-break (Thai, Lao, Khmer,
  Burmese packs),
- Han characters (Chinese pack: on the other scripts' pages it writes mostly Latin
  letters and digits, at most a tenth Han on our test pages, against all Han on a
  Chinese page),
- Latin words of two letters or more (Vietnamese pack, which reads every Latin-script
  language's letters), weighted by the pack's confidence,

and the best is taken. A Han reading is then made with both Chinese packs and the more
confident one chosen (simplified or traditional); a Latin reading goes to envcoop's
language detector (envcoop/ingestion/languages), which tells Vietnamese, Indonesian,
Malay, Filipino and English apart.
"""

from __future__ import annotations

import csv
import io
import os
import subprocess
import tempfile
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

import icu

from envcoop.ingestion.ocr import languages
from envcoop.ingestion.ocr.spaces import script_of

CANDIDATES = ("tha", "lao", "khm", "mya", "chi_sim", "vie")
SCRIPT_LANGUAGE = {"tha": "th", "lao": "lo", "khm": "km", "mya": "my"}
PAGES_TRIED = 3  # a blank or picture-only first page: try the next, up to this many
MIN_LETTERS = 12
RENDER_DPI = 300
MAX_PIXELS = 12_000_000
# Sparse text: no layout analysis, which loses lines of Burmese and Khmer on some pages
# (a first pass only needs words, not their order).
FIRST_PASS_PSM = "11"


@dataclass
class Reading:
    pack: str
    text: str
    confidence: float  # 0-100, weighted by characters
    score: float = 0.0


def choose(pdf: Path, *, timeout: float = 60) -> tuple[str, str]:
    """(envcoop language code, a sentence saying how it was chosen)."""
    available = [pack for pack in CANDIDATES if pack in languages.installed()]
    if not available:
        return "en", "no OCR language pack to compare"
    for page in range(PAGES_TRIED):
        image = _render(pdf, page)
        if image is None:
            break
        readings = _read_all(image, available, timeout)
        for reading in readings:
            reading.score = plausibility(reading)
        best = max(readings, key=lambda r: r.score)
        if sum(1 for c in best.text if c.isalpha()) < MIN_LETTERS or best.score < 0.2:
            continue  # nothing legible on this page
        language = _language(best, image, timeout)
        scores = ", ".join(f"{r.pack} {r.score:.2f}" for r in readings)
        return language, f"chosen from page {page + 1} ({scores})"
    return "en", "no legible text on the first pages"


def plausibility(reading: Reading) -> float:
    """The share of the reading's letters that look like real writing (see the module)."""
    letters = [c for c in reading.text if c.isalpha() or script_of(c)]
    if not letters:
        return 0.0
    if reading.pack in SCRIPT_LANGUAGE:
        script = SCRIPT_LANGUAGE[reading.pack]
        return _dictionary_letters(reading.text, script) / len(letters)
    if reading.pack.startswith("chi"):
        return sum(1 for c in letters if _han(c)) / len(letters)
    words = [w for w in reading.text.split() if len(w) >= 2 and all(_latin(c) for c in w)]
    return sum(len(w) for w in words) / len(letters) * reading.confidence / 100


def _dictionary_letters(text: str, script: str) -> int:
    breaker = icu.BreakIterator.createWordInstance(icu.Locale(script))
    count = 0
    run: list[str] = []
    for char in [*text, " "]:
        if script_of(char) == script:
            run.append(char)
            continue
        if run:
            chunk = "".join(run)
            breaker.setText(chunk)
            start = 0
            for end in breaker:
                if end - start >= 3:
                    count += end - start
                start = end
            run = []
    return count


def _han(char: str) -> bool:
    return "\u3400" <= char <= "\u9fff" or "\uf900" <= char <= "\ufaff"


def _latin(char: str) -> bool:
    return char.isalpha() and (char < "\u0250" or "\u1e00" <= char <= "\u1eff")


def _language(best: Reading, image: bytes, timeout: float) -> str:
    if best.pack in SCRIPT_LANGUAGE:
        return SCRIPT_LANGUAGE[best.pack]
    if best.pack == "chi_sim":
        if "chi_tra" not in languages.installed():
            return "zh"
        traditional = _tesseract(image, "chi_tra", timeout)
        return "zh-hant" if traditional.confidence > best.confidence else "zh"
    from envcoop.ingestion.languages import detect

    detected = detect(best.text)
    return detected if detected in languages.PACKS else "en"


def _render(pdf: Path, index: int) -> bytes | None:
    """Page ``index`` as a greyscale PNG at about 300 dpi (None: no such page)."""
    import pypdfium2

    document = pypdfium2.PdfDocument(str(pdf))
    try:
        if index >= len(document):
            return None
        page = document[index]
        width, height = page.get_size()  # in points
        scale = RENDER_DPI / 72
        if width * height * scale * scale > MAX_PIXELS:
            scale = (MAX_PIXELS / (width * height)) ** 0.5
        image = page.render(scale=scale, grayscale=True).to_pil()
    finally:
        document.close()
    buffer = io.BytesIO()
    image.save(buffer, "PNG", dpi=(round(scale * 72),) * 2)
    return buffer.getvalue()


def _read_all(image: bytes, packs: list[str], timeout: float) -> list[Reading]:
    with ThreadPoolExecutor(max_workers=min(2, os.cpu_count() or 1)) as pool:
        return list(pool.map(lambda pack: _tesseract(image, pack, timeout), packs))


def _tesseract(image: bytes, pack: str, timeout: float) -> Reading:
    """Tesseract's text and character-weighted confidence for one pack."""
    program = languages.tesseract()
    if program is None:
        return Reading(pack=pack, text="", confidence=0.0)
    with tempfile.TemporaryDirectory(prefix="envcoop-ocr-pass-") as folder:
        base = Path(folder) / "page"
        source = Path(folder) / "page.png"
        source.write_bytes(image)
        try:
            subprocess.run(
                [
                    program,
                    str(source),
                    str(base),
                    "-l",
                    pack,
                    "--psm",
                    FIRST_PASS_PSM,
                    "txt",
                    "tsv",
                ],
                capture_output=True,
                timeout=timeout,
                check=False,
                env={**os.environ, "OMP_THREAD_LIMIT": "1"},
            )
        except subprocess.TimeoutExpired:
            return Reading(pack=pack, text="", confidence=0.0)
        text_file, tsv_file = base.with_suffix(".txt"), base.with_suffix(".tsv")
        text = text_file.read_text(encoding="utf-8") if text_file.exists() else ""
        tsv = tsv_file.read_text(encoding="utf-8") if tsv_file.exists() else ""
    total = weight = 0.0
    for row in csv.DictReader(io.StringIO(tsv), delimiter="\t", quoting=csv.QUOTE_NONE):
        word = (row.get("text") or "").strip()
        try:
            confidence = float(row.get("conf") or -1)
        except ValueError:
            continue
        if word and confidence >= 0:
            total += confidence * len(word)
            weight += len(word)
    return Reading(pack=pack, text=text, confidence=total / weight if weight else 0.0)
