"""Reading an uploaded table (CSV or XLSX) into rows of text keyed by column name.

The first row holds the column names (the same names the exports write). A second row
of headings, as our exports and templates have, is recognised and skipped. Rows are read
lazily and cut at MAX_ROWS and MAX_COLUMNS, so a small file that claims a million rows
(or a CSV of empty lines) is refused without filling memory. Bad files get a sentence:
not CSV or XLSX, not UTF-8, empty, too large, no header row, a column twice, a row longer
than the header, a damaged workbook.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
from collections.abc import Iterable
from dataclasses import dataclass

MAX_BYTES = 20 * 1024 * 1024
MAX_ROWS = 20_000
MAX_COLUMNS = 200
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


class ImportFileError(ValueError):
    """A file that cannot be read as a table, with a sentence saying why."""


@dataclass
class Table:
    columns: list[str]
    rows: list[tuple[int, dict[str, str]]]  # (row number as a spreadsheet shows it, cells)


def _text(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, dt.datetime) and value.time() == dt.time():
        value = value.date()  # a date cell of a workbook
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    text = _CONTROL.sub("", str(value)).strip()
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
    rows = [(number, [_text(v) for v in row]) for number, row in grid]
    rows = [(number, row) for number, row in rows if any(row)]
    if not rows:
        raise ImportFileError("the file has no rows")
    header = rows[0][1]
    while header and not header[-1]:
        header = header[:-1]
    columns = [name.strip().lower() for name in header]
    named = [name for name in columns if name]
    if len(set(named)) != len(named):
        twice = sorted({name for name in named if named.count(name) > 1})
        raise ImportFileError(f"the column {', '.join(twice)} appears more than once")
    if "key" not in columns:
        raise ImportFileError(
            "the first row must name the columns, with a column called key (download the template)"
        )
    body = rows[1:]
    if body and all(
        not cell or cell in headings.get(name, set())
        for name, cell in zip(columns, body[0][1], strict=False)
    ):
        body = body[1:]  # the row of headings under the names
    for number, row in body:
        if any(row[len(columns) :]):
            raise ImportFileError(
                f"row {number} has more cells than the first row has columns "
                "(a comma inside a value needs quotation marks)"
            )
    return Table(
        columns=named,
        rows=[
            (number, {name: cell for name, cell in zip(columns, row, strict=False) if name})
            for number, row in body
        ],
    )


def _limited(rows: Iterable[Iterable[object]]) -> list[tuple[int, list[object]]]:
    """At most MAX_ROWS rows and a header, of at most MAX_COLUMNS cells, read lazily."""
    grid = []
    for index, row in enumerate(rows):
        if index > MAX_ROWS + 1:
            raise ImportFileError(f"the file has more than {MAX_ROWS:,} rows")
        grid.append((index + 1, list(row)[:MAX_COLUMNS]))
    return grid


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
        return _limited(csv.reader(io.StringIO(text), dialect))
    except csv.Error as error:
        raise ImportFileError(f"the CSV cannot be read: {error}") from error


def _xlsx(data: bytes) -> list[tuple[int, list[object]]]:
    """The first sheet whose first row has a ``key`` column (else the first sheet)."""
    from openpyxl import load_workbook

    try:
        book = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
        chosen = None
        for sheet in book.worksheets:
            sheet.reset_dimensions()  # a stated size of a million rows is not believed
            first = next(sheet.iter_rows(max_row=1, max_col=MAX_COLUMNS, values_only=True), ())
            if chosen is None or any(_text(cell).lower() == "key" for cell in first):
                chosen = sheet
                if any(_text(cell).lower() == "key" for cell in first):
                    break
        if chosen is None:
            raise ImportFileError("the workbook has no sheet")
        grid = _limited(chosen.iter_rows(max_col=MAX_COLUMNS, values_only=True))
        _check_formulas(data, book.worksheets.index(chosen), grid)
        return grid
    except ImportFileError:
        raise
    except Exception as error:  # a damaged workbook fails in zip, XML or openpyxl code
        raise ImportFileError("the file is not an Excel workbook that can be read") from error


def _check_formulas(data: bytes, index: int, grid: list[tuple[int, list[object]]]) -> None:
    """A formula saved without its value (as scripts write workbooks) reads as empty, which
    would clear a field: such a cell is refused, named by row and column."""
    from openpyxl import load_workbook
    from openpyxl.utils import get_column_letter

    formulas = load_workbook(io.BytesIO(data), read_only=True, data_only=False).worksheets[index]
    formulas.reset_dimensions()
    rows = formulas.iter_rows(max_row=len(grid), max_col=MAX_COLUMNS, values_only=True)
    for (number, values), written in zip(grid, rows, strict=False):
        for column, (value, formula) in enumerate(zip(values, written, strict=False), start=1):
            if value is None and isinstance(formula, str) and formula.startswith("="):
                raise ImportFileError(
                    f"row {number}, column {get_column_letter(column)} holds a formula with no "
                    "saved value: open and save the file in a spreadsheet program, or type the value"
                )
