"""Reading an uploaded table (CSV or XLSX) into rows of text keyed by column name.

The first row holds the column names (the same names the exports write). A second row
of headings, as our exports and templates have, is recognised and skipped. Bad files get
a sentence: not CSV or XLSX, not UTF-8, empty, too large, no header row, a column twice.
"""

from __future__ import annotations

import csv
import io
import zipfile
from dataclasses import dataclass

MAX_BYTES = 20 * 1024 * 1024
MAX_ROWS = 20_000


class ImportFileError(ValueError):
    """A file that cannot be read as a table, with a sentence saying why."""


@dataclass
class Table:
    columns: list[str]
    rows: list[tuple[int, dict[str, str]]]  # (row number as a spreadsheet shows it, cells)


def _text(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    text = str(value).strip()
    if text[:2] in ("'=", "'+", "'-", "'@"):  # neutralised by our exports: read it back
        text = text[1:]
    return text


def read_table(data: bytes, filename: str, headings: dict[str, set[str]]) -> Table:
    """``headings``: for each column name, its headings in every language (to skip row 2)."""
    if not data.strip():
        raise ImportFileError("the file is empty")
    if len(data) > MAX_BYTES:
        raise ImportFileError(f"the file is larger than {MAX_BYTES // (1024 * 1024)} MB")
    if data[:4] == b"PK\x03\x04":
        grid = _xlsx(data)
    elif filename.lower().endswith((".xlsx", ".xlsm")):
        raise ImportFileError("the file is named .xlsx but is not an Excel workbook")
    else:
        grid = _csv(data)
    grid = [(number, [_text(v) for v in row]) for number, row in grid]
    grid = [(number, row) for number, row in grid if any(row)]
    if not grid:
        raise ImportFileError("the file has no rows")
    _number, header = grid[0]
    columns = [name.strip().lower() for name in header]
    named = [name for name in columns if name]
    if len(set(named)) != len(named):
        twice = sorted({name for name in named if named.count(name) > 1})
        raise ImportFileError(f"the column {', '.join(twice)} appears more than once")
    if "key" not in columns:
        raise ImportFileError(
            "the first row must name the columns, with a column called key (download the template)"
        )
    body = grid[1:]
    if body and all(
        not cell or cell in headings.get(name, set())
        for name, cell in zip(columns, body[0][1], strict=False)
    ):
        body = body[1:]  # the row of headings under the names
    if len(body) > MAX_ROWS:
        raise ImportFileError(f"the file has more than {MAX_ROWS:,} rows")
    rows = [
        (number, {name: cell for name, cell in zip(columns, row, strict=False) if name})
        for number, row in body
    ]
    return Table(columns=[name for name in columns if name], rows=rows)


def _csv(data: bytes) -> list[tuple[int, list[object]]]:
    if b"\x00" in data[:4096]:
        raise ImportFileError("the file is not text: upload a CSV or an XLSX file")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise ImportFileError(
            f"the file is not UTF-8 text (byte {error.start + 1}); save it as CSV UTF-8"
        ) from error
    try:
        dialect = csv.Sniffer().sniff(text[:4096], delimiters=",;\t")
    except csv.Error:
        dialect = csv.excel  # type: ignore[assignment]
    try:
        return [
            (index + 1, list(row))
            for index, row in enumerate(csv.reader(io.StringIO(text), dialect))
        ]
    except csv.Error as error:
        raise ImportFileError(f"the CSV cannot be read: {error}") from error


def _xlsx(data: bytes) -> list[tuple[int, list[object]]]:
    from openpyxl import load_workbook

    try:
        book = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except (zipfile.BadZipFile, KeyError, OSError, ValueError) as error:
        raise ImportFileError("the file is not an Excel workbook that can be read") from error
    sheet = book.worksheets[0]
    return [(index + 1, list(row)) for index, row in enumerate(sheet.iter_rows(values_only=True))]
