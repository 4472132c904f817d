#!/usr/bin/env bash
# Install the Debian packages envcoop needs, when they are missing and we run as root.
#   scripts/system-packages.sh run    what the site needs
#   scripts/system-packages.sh test   also what the tests need (a browser, PostgreSQL, gettext)
set -euo pipefail

profile="${1:-run}"
# libicu-dev, pkg-config and g++ build PyICU (word segmentation for Thai and other scripts).
# tesseract-ocr and its language packs: OCR of scans (envcoop/ingestion/ocr, through OCRmyPDF,
# which rasterises with pypdfium2 and needs neither Ghostscript, used only for PDF/A output,
# nor qpdf, which pikepdf's wheel carries). Every language envcoop reads: Thai, Vietnamese,
# Khmer, Lao, Burmese, Chinese simplified and traditional, Indonesian, Malay, Filipino, English.
ocr_packages=(tesseract-ocr tesseract-ocr-eng tesseract-ocr-osd tesseract-ocr-tha tesseract-ocr-vie
  tesseract-ocr-khm tesseract-ocr-lao tesseract-ocr-mya tesseract-ocr-chi-sim tesseract-ocr-chi-tra
  tesseract-ocr-ind tesseract-ocr-msa tesseract-ocr-fil)
# postgresql-client brings pg_dump and pg_restore (envcoop backup and restore on PostgreSQL).
run_packages=(libicu-dev pkg-config g++ postgresql-client "${ocr_packages[@]}")
# fonts: the tests draw scanned-looking pages in Thai, Khmer, Lao, Burmese (noto-core) and
# Chinese (noto-cjk) for OCR to read
test_packages=(gettext postgresql chromium fonts-noto-core fonts-thai-tlwg fonts-noto-cjk)

case "$profile" in
  run) wanted=("${run_packages[@]}") ;;
  test) wanted=("${run_packages[@]}" "${test_packages[@]}") ;;
  *) echo "usage: $0 run|test" >&2; exit 2 ;;
esac

if ! command -v dpkg-query >/dev/null 2>&1; then
  echo "system-packages: not a Debian-based system; make sure these are installed: ${wanted[*]}" >&2
  exit 0
fi

# A Python 3.11+ that can make virtual environments (Debian splits venv/ensurepip out).
if ! python="$("$(dirname "$0")/find-python")"; then
  wanted+=(python3 python3-venv python3-dev)
elif [ "${python#/usr/bin/}" != "$python" ]; then
  wanted+=(python3-dev)  # Debian's Python keeps its C headers apart
fi

missing=()
for package in "${wanted[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed"; then
    missing+=("$package")
  fi
done
[ "${#missing[@]}" -eq 0 ] && exit 0

if [ "$(id -u)" -ne 0 ]; then
  echo "system-packages: missing Debian packages: ${missing[*]}" >&2
  echo "system-packages: install them with: sudo apt-get install ${missing[*]}" >&2
  [ "$profile" = test ] && exit 1
  exit 0
fi

echo "system-packages: installing ${missing[*]}"
export DEBIAN_FRONTEND=noninteractive
apt-get update -q
apt-get install -y -q --no-install-recommends "${missing[@]}"
