"""Projects as IATI activity XML, version 2.03 (https://iatistandard.org).

Per project: the identifier (the project's own IATI identifier, else the reporting
organisation's reference and the project's key), the title and the description (its names
when it has none: 2.03 requires one) as narratives in every language the registry holds,
the participating organisations with their IATI roles (the fund's managing organisation
as funder when none is recorded), the activity status, the planned and actual dates (a month or a year stands for its first
day as a start and its last day as an end), the recipient countries, sectors from the
areas (DAC 5-digit codes, vocabulary 1, and the area itself, vocabulary 99), and the
budget. Elements come in the order the 2.03 schema requires; tests validate the output
against the official schema. A project with no date at all cannot be an IATI activity
(activity-date is required) and is left out; ``skipped`` says which.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.conf import settings
from django.utils import timezone
from lxml import etree

from envcoop.exports.tables import printable
from envcoop.registry.models import Project
from envcoop.registry.models.base import LabelKind

XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
# DAC 5-digit purpose codes (sector vocabulary 1) for our areas.
DAC_SECTORS = {
    "climate-change": "41010",  # environmental policy and administrative management
    "water-resources": "14010",  # water sector policy and administrative management
    "marine-coastal": "41030",  # biodiversity
    "biodiversity": "41030",
    "sustainable-cities": "43030",  # urban development and management
    "chemicals-waste": "14050",  # waste management / disposal
    "environmental-education": "41081",  # environmental education / training
    "transboundary-haze": "41010",
}
_DATES = (("planned_start", "1", False), ("actual_start", "2", False),
          ("planned_end", "3", True), ("actual_end", "4", True))  # fmt: skip


def _narratives(parent: etree._Element, labels: list, kind: str) -> bool:
    written = False
    for label in labels:
        if label.kind == kind:
            narrative = etree.SubElement(parent, "narrative")
            narrative.set(XML_LANG, label.lang.split("-")[0])
            narrative.text = printable(label.text)
            written = True
    return written


def _iso(value: Any, end: bool) -> str:
    return (value.latest() if end else value.earliest()).isoformat()


def activity(project: Project, site: str) -> etree._Element | None:
    dates = [(code, _iso(getattr(project, field), end))
             for field, code, end in _DATES if getattr(project, field)]  # fmt: skip
    if not dates:
        return None
    labels = list(project.labels.all())
    element = etree.Element("iati-activity")
    element.set(
        "last-updated-datetime", project.updated_at.astimezone(dt.UTC).isoformat(timespec="seconds")
    )
    original = next((label for label in labels if label.is_original), None)
    element.set(XML_LANG, (original.lang if original else "en").split("-")[0])
    if project.budget_currency:
        element.set("default-currency", project.budget_currency)
    reporting_ref = settings.IATI_REPORTING_ORG_REF
    etree.SubElement(element, "iati-identifier").text = printable(
        project.iati_identifier or f"{reporting_ref}-{project.key}"
    )
    reporting = etree.SubElement(element, "reporting-org", ref=reporting_ref,
                                 type=settings.IATI_REPORTING_ORG_TYPE)  # fmt: skip
    etree.SubElement(reporting, "narrative").text = settings.IATI_REPORTING_ORG_NAME
    title = etree.SubElement(element, "title")
    if not _narratives(title, labels, LabelKind.NAME):
        etree.SubElement(title, "narrative").text = project.key
    # 2.03 requires a description: the record's, else its names say what it is
    described = any(label.kind == LabelKind.DESCRIPTION for label in labels)
    description = etree.SubElement(element, "description", type="1")
    if not _narratives(description, labels, LabelKind.DESCRIPTION if described else LabelKind.NAME):
        etree.SubElement(description, "narrative").text = project.key
    participants = [(p.organisation, str(p.role)) for p in project.participations.all()]
    if not participants and project.fund and project.fund.managing_organisation:
        participants = [(project.fund.managing_organisation, "1")]
    if not participants:
        participants = [(None, "2")]  # the reporting organisation is accountable
    for organisation, role in participants:
        attributes = {"role": role}
        if organisation is None:
            attributes["ref"] = reporting_ref
        participating = etree.SubElement(element, "participating-org", attributes)
        if organisation is None:
            etree.SubElement(participating, "narrative").text = settings.IATI_REPORTING_ORG_NAME
        elif not _narratives(participating, list(organisation.labels.all()), LabelKind.NAME):
            etree.SubElement(participating, "narrative").text = organisation.key
    if project.activity_status:
        etree.SubElement(element, "activity-status", code=str(project.activity_status))
    for code, day in dates:
        etree.SubElement(element, "activity-date", type=code, **{"iso-date": day})
    for country in project.recipient_countries.all():
        etree.SubElement(element, "recipient-country", code=country.code)
    areas = list(project.areas.all())
    for code in dict.fromkeys(DAC_SECTORS[a.code] for a in areas if a.code in DAC_SECTORS):
        etree.SubElement(element, "sector", vocabulary="1", code=code)
    for area in areas:
        sector = etree.SubElement(element, "sector", vocabulary="99", code=area.code)
        sector.set("vocabulary-uri", f"{site}/areas/")
        _narratives(sector, list(area.labels.all()), LabelKind.NAME)
    if project.budget_value is not None and project.start and project.end:
        budget = etree.SubElement(element, "budget", type="1", status="1")
        etree.SubElement(budget, "period-start", **{"iso-date": _iso(project.start, False)})
        etree.SubElement(budget, "period-end", **{"iso-date": _iso(project.end, True)})
        value = etree.SubElement(budget, "value", **{"value-date": _iso(project.start, False)})
        if project.budget_currency:
            value.set("currency", project.budget_currency)
        value.text = format(project.budget_value, "f")
    return element


def to_iati(projects: Any, site: str) -> tuple[bytes, list[str]]:
    """(the XML document, keys of the projects left out for having no date)."""
    root = etree.Element("iati-activities", version="2.03")
    root.set("generated-datetime", timezone.now().astimezone(dt.UTC).isoformat(timespec="seconds"))
    skipped = []
    for project in projects:
        element = activity(project, site)
        if element is None:
            skipped.append(project.key)
        else:
            root.append(element)
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", pretty_print=True), skipped
