"""The implementation matrix as a workbook: one sheet with the matrix (a cell lists its
records, one per line, with their status, and is coloured by the most advanced of them),
a legend, and a sheet of the components with no activity."""

from __future__ import annotations

import io

from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter

from envcoop.exports.tables import neutralised
from envcoop.reports.matrix import Matrix

# The colour of a cell by the most advanced stage of its records (Item.stage).
_FILLS = {"done": "C6EFCE", "under-way": "BDD7EE", "planned": "EDEDED", "stopped": "F8CBAD"}
_ORDER = ["done", "under-way", "planned", "stopped"]
_STAGE_NAMES = {
    "done": gettext_lazy("done"),
    "under-way": gettext_lazy("under way"),
    "planned": gettext_lazy("planned"),
    "stopped": gettext_lazy("stopped"),
}


def matrix_xlsx(matrix: Matrix) -> bytes:
    with translation.override(matrix.lang):
        book = Workbook()
        sheet = book.active
        sheet.title = _("Matrix")[:31]
        sheet.append([neutralised(matrix.framework)])
        sheet["A1"].font = Font(bold=True, size=13)
        undated = [_("Other years or no date")] if matrix.undated else []
        sheet.append([_("Component / action line"), *matrix.year_labels, *undated, _("Total")])
        for cell in sheet[2]:
            cell.font = Font(bold=True)
        for row in matrix.rows:
            values = [neutralised(("    " if row.level else "") + row.label)]
            cells = row.cells + ([row.undated] if matrix.undated else [])
            for items in cells:
                values.append(
                    "\n".join(neutralised(f"{i.name} ({i.status_label})") for i in items) or None
                )  # type: ignore[misc]
            values.append(row.total)
            sheet.append(values)
            current = sheet[sheet.max_row]
            if not row.level:
                current[0].font = Font(bold=True)
            for cell, items in zip(current[1:-1], cells, strict=True):
                cell.alignment = Alignment(wrap_text=True, vertical="top")
                if items:
                    best = min((i.stage for i in items), key=_ORDER.index)
                    cell.fill = PatternFill("solid", fgColor=_FILLS[best])
                if isinstance(cell.value, str):
                    cell.data_type = "s"
        sheet.append(
            [
                _("Total"),
                *matrix.column_totals,
                *([matrix.undated] if matrix.undated else []),
                matrix.total,
            ]
        )
        for cell in sheet[sheet.max_row]:
            cell.font = Font(bold=True)
        sheet.column_dimensions["A"].width = 48
        for index in range(len(matrix.years) + (1 if matrix.undated else 0)):
            sheet.column_dimensions[get_column_letter(index + 2)].width = 32
        sheet.freeze_panes = "B3"
        sheet.append([])
        sheet.append([_("Colours")])
        for name in _ORDER:
            sheet.append([str(_STAGE_NAMES[name])])
            sheet[sheet.max_row][0].fill = PatternFill("solid", fgColor=_FILLS[name])
        idle = book.create_sheet(_("No activity")[:31])
        idle.append([_("Components with no activity")])
        idle["A1"].font = Font(bold=True)
        for label in matrix.idle:
            idle.append([neutralised(label)])
        idle.column_dimensions["A"].width = 60
        out = io.BytesIO()
        book.save(out)
        return out.getvalue()
