"""Long documents: understanding time as a document grows, beside segmentation alone.

    .venv/bin/python bench/long_documents.py [--sizes 500 1000 2000 4000]

Each size (in thousands of characters) is a document made by repeating one annotated
document of each kind (an English press release, Thai news, and a table of participants
with tabs, which has no sentence end at all). If reading were quadratic in the length or
the number of facts, seconds per MB would grow with the size; it should stay flat, as
segmentation alone (measured on the same text in the same run) does.
"""

from __future__ import annotations

import argparse
import os
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

from django.test import override_settings  # noqa: E402

from envcoop.ingestion.segment import segment, words  # noqa: E402
from envcoop.ingestion.understand import understand_bytes  # noqa: E402

DOCS = ROOT / "tests" / "data" / "annotated" / "docs"
ROW = "Nguyen Van Minh\tDeputy Director General\tVietnam Environment Administration\tViet Nam\n"


def _unit(kind: str) -> tuple[str, str]:
    if kind == "table":
        return ROW, "en"
    name = {"english": "en-01-amme17-press-release.txt", "thai": "th-01-amme17.txt"}[kind]
    return (DOCS / name).read_text(encoding="utf-8") + "\n\n", name[:2]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[500, 1000, 2000, 4000])
    args = parser.parse_args()
    understand_bytes(b"A short text about ASEAN cooperation in 2024.", filename="warm.txt")
    print(
        f"{'document':<10} {'size':>8} {'facts':>8} {'s':>7} {'s/MB':>7} {'segmentation s/MB':>18}"
    )
    with override_settings(ENVCOOP_MAX_DOCUMENT_MB=1000):
        for kind in ("english", "thai", "table"):
            unit, language = _unit(kind)
            for size in args.sizes:
                text = unit * max(1, size * 1000 // len(unit))
                megabytes = len(text.encode("utf-8")) / 1e6
                clock = time.perf_counter()
                segment(text)
                words(text, language)
                segmentation = time.perf_counter() - clock
                clock = time.perf_counter()
                result = understand_bytes(text.encode("utf-8"), filename="long.txt")
                seconds = time.perf_counter() - clock
                print(
                    f"{kind:<10} {megabytes:>6.1f}MB {len(result.claims):>8} {seconds:>7.2f}"
                    f" {seconds / megabytes:>7.2f} {segmentation / megabytes:>18.3f}"
                )


if __name__ == "__main__":
    main()
