"""OCR accuracy per language, on pages drawn here (bench/scanned_pages.py), clean and degraded.

    .venv/bin/python bench/ocr.py [--seeds 2] [--languages th,vi,...]

For each language, a clean page, the same in small print (7 pt) and degraded ones (one per seed: 200 dpi, a rotation of
about a degree, blur, speckles, JPEG) are saved as scanned PDFs and read by OCRmyPDF and
Tesseract as envcoop reads them (envcoop/ingestion/ocr). Printed per language:

- envcoop: the language's packs and page segmentation, spaces repaired (ICU dictionary);
- no repair: the same OCR, Tesseract's spaces as they are;
- all spaces: the same OCR, every space between two runs of one script removed (the
  simple rule the dictionary rule was chosen over);
- eng: the baseline, Tesseract's default English pack alone, as a default install reads;
- first pass: how often the first pass chose the page's language when none was given.

Character accuracy is 1 - (edit distance / length of the drawn text), whitespace runs
taken as one space, or one line break if it has one, on both sides (so a spurious or
missing space costs one edit, and a blank line between paragraphs nothing). The edit distance is Levenshtein's, computed here (no
library: the pages are a few hundred characters).
"""

from __future__ import annotations

import argparse
import os
import re
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
os.environ.setdefault("ENVCOOP_VAR_DIR", tempfile.mkdtemp(prefix="envcoop-bench-"))

import django  # noqa: E402

django.setup()

from bench.scanned_pages import SAMPLES, degrade, render, save  # noqa: E402
from envcoop.ingestion import ocr  # noqa: E402
from envcoop.ingestion.ocr import engine, first_pass, languages  # noqa: E402

LANGUAGES = ("th", "vi", "en", "km", "lo", "my", "zh")


def levenshtein(a: str, b: str) -> int:
    previous = list(range(len(b) + 1))
    for i, char_a in enumerate(a, 1):
        current = [i]
        for j, char_b in enumerate(b, 1):
            current.append(
                min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (char_a != char_b))
            )
        previous = current
    return previous[-1]


def accuracy(truth: str, read: str) -> float:
    truth, read = _flat(truth), _flat(read)
    return max(0.0, 1 - levenshtein(truth, read) / len(truth))


def _flat(text: str) -> str:
    """A run of whitespace with a line break in it as one line break, any other as one
    space: a spurious space costs an edit, a blank line between paragraphs does not."""
    return re.sub(r"\s+", lambda m: "\n" if "\n" in m.group() else " ", text).strip()


def _read(pdf: Path, language: str, packs: tuple[str, ...], psm: int | None) -> dict[str, str]:
    pages = engine.run(pdf, packs, psm=psm, timeout=180)
    common = {"language": language, "packs": packs, "kind": "pdf", "chosen": "given"}
    repaired = ocr.assemble(pages, **common)
    raw = ocr.assemble(pages, repair=False, **common)
    simple = ocr.assemble(
        [engine.PageText(ocr.spaces.repair(p.text, dictionary=False), p.confidence, p.words)
         for p in pages],
        repair=False,
        **common,
    )  # fmt: skip
    return {
        "envcoop": repaired.text,
        "no repair": raw.text,
        "all spaces": simple.text,
        "confidence": str(repaired.pages[0].confidence),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seeds", type=int, default=2, help="degraded pages per language")
    parser.add_argument("--languages", default=",".join(LANGUAGES))
    args = parser.parse_args()
    if not ocr.available():
        sys.exit("Tesseract is not installed (scripts/system-packages.sh)")
    started = time.perf_counter()
    rows = []
    folder = Path(tempfile.mkdtemp(prefix="envcoop-bench-ocr-"))
    for lang in args.languages.split(","):
        clean = render(lang, SAMPLES[lang])
        small = render(lang, SAMPLES[lang], size=30)  # 7 pt at 300 dpi: dense print
        pages = [("clean", clean), ("small", small)] + [
            (f"degraded {seed}", degrade(clean, seed=seed)) for seed in range(1, args.seeds + 1)
        ]
        for quality, page in pages:
            pdf = folder / f"{lang}-{quality.replace(' ', '-')}.pdf"
            pdf.write_bytes(save(page))
            ours = _read(pdf, lang, languages.packs(lang), languages.PAGE_SEGMENTATION.get(lang))
            baseline = engine.run(pdf, ("eng",), psm=None, timeout=180)
            chosen, _why = first_pass.choose(pdf)
            rows.append(
                {
                    "lang": lang,
                    "quality": quality.split()[0],
                    "envcoop": accuracy(page.text, ours["envcoop"]),
                    "no repair": accuracy(page.text, ours["no repair"]),
                    "all spaces": accuracy(page.text, ours["all spaces"]),
                    "eng": accuracy(page.text, "\n".join(p.text for p in baseline)),
                    "first pass": chosen == lang,
                    "confidence": float(ours["confidence"] or 0),
                }
            )
            print(f"{lang} {quality}: {rows[-1]}", file=sys.stderr, flush=True)
    print(
        "| language | page | envcoop | no space repair | all spaces removed | eng pack only "
        "| first pass chose it | page confidence |"
    )
    print("|---|---|---:|---:|---:|---:|---:|---:|")
    for lang in args.languages.split(","):
        for quality in ("clean", "small", "degraded"):
            group = [r for r in rows if r["lang"] == lang and r["quality"] == quality]
            if not group:
                continue

            def mean(key: str, group: list[dict] = group) -> float:
                return sum(r[key] for r in group) / len(group)

            print(
                f"| {lang} | {quality} ({len(group)}) | {mean('envcoop'):.3f} "
                f"| {mean('no repair'):.3f} | {mean('all spaces'):.3f} | {mean('eng'):.3f} "
                f"| {sum(r['first pass'] for r in group)}/{len(group)} "
                f"| {mean('confidence'):.0f} |"
            )
    print(f"\n{len(rows)} pages in {time.perf_counter() - started:.0f} s", file=sys.stderr)


if __name__ == "__main__":
    main()
