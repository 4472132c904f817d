"""A list of records as a table, written as CSV, XLSX or JSON.

Spreadsheet formula injection: a text value beginning with ``=``, ``+``, ``-`` or ``@``
(or a tab or carriage return, which some programs skip before reading a formula) is
written with a leading apostrophe, so a spreadsheet shows it as text instead of running
it. Numbers stay numbers. In XLSX every text cell is also stored as text.
"""

from __future__ import annotations

import csv
import io
import json
import re
from decimal import Decimal
from typing import Any

from django.utils import translation

from envcoop.exports.columns import Column

_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def neutralised(value: object) -> object:
    if isinstance(value, str) and value.startswith(_FORMULA_START):
        return "'" + value
    return value


def table(records: Any, columns: list[Column], lang: str) -> tuple[list[str], list[list[object]]]:
    """(headings in ``lang``, one row of values per record)."""
    with translation.override(lang):
        headings = [str(column.heading) for column in columns]
        rows = [[column.value(record, lang) for column in columns] for record in records]
    return headings, rows


def _cell(value: object) -> object:
    if value is None:
        return ""
    if isinstance(value, Decimal):
        return format(value, "f")
    return value


def to_csv(records: Any, columns: list[Column], lang: str) -> bytes:
    """UTF-8 with a byte-order mark (so spreadsheet programs read Thai and Vietnamese
    right); a first row of column names, a second of headings in ``lang``."""
    headings, rows = table(records, columns, lang)
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow([column.name for column in columns])
    writer.writerow(headings)
    for row in rows:
        writer.writerow([neutralised(_cell(value)) for value in row])
    return ("\ufeff" + out.getvalue()).encode("utf-8")


def to_xlsx(records: Any, columns: list[Column], lang: str, title: str) -> bytes:
    from openpyxl import Workbook
    from openpyxl.styles import Font

    headings, rows = table(records, columns, lang)
    book = Workbook()
    sheet = book.active
    sheet.title = title[:31]
    sheet.append([column.name for column in columns])
    sheet.append(headings)
    for cell in (*sheet[1], *sheet[2]):
        cell.font = Font(bold=True)
    for row in rows:
        sheet.append([_xlsx_value(value) for value in row])
        for cell in sheet[sheet.max_row]:
            if isinstance(cell.value, str):
                cell.data_type = "s"  # text, never a formula
    sheet.freeze_panes = "B3"
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def _xlsx_value(value: object) -> object:
    if value is None:
        return None
    if isinstance(value, Decimal):
        return float(value)
    if isinstance(value, str):
        value = printable(value)
    return neutralised(value)


_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


def printable(text: str) -> str:
    """Text without the control characters XML (so XLSX and IATI) cannot hold."""
    return _CONTROL.sub("", text)


def to_json(records: Any, columns: list[Column], lang: str) -> bytes:
    """A list of objects keyed by column name (no neutralising: JSON is data)."""
    _headings, rows = table(records, columns, lang)
    items = [
        {column.name: _json_value(value) for column, value in zip(columns, row, strict=True)}
        for row in rows
    ]
    return json.dumps(items, ensure_ascii=False, indent=2).encode("utf-8")


def _json_value(value: object) -> object:
    if isinstance(value, Decimal):
        return str(value)
    return None if value == "" else value
