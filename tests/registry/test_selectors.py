"""Reads: list filters and the dashboard figures, on the demo registry."""

import datetime as dt

import pytest

from envcoop.registry.selectors.agreements import agreement_list
from envcoop.registry.selectors.areas import area_activity
from envcoop.registry.selectors.dashboard import dashboard
from envcoop.registry.selectors.events import event_list
from envcoop.registry.selectors.filters import ListFilters
from envcoop.registry.selectors.frameworks import framework_list
from envcoop.registry.selectors.geography import country_activity
from envcoop.registry.selectors.organisations import organisation_list
from envcoop.registry.selectors.projects import project_list
from envcoop.registry.services.labels import NameSet
from envcoop.registry.services.projects import project_upsert

pytestmark = pytest.mark.django_db


def keys(queryset) -> set[str]:
    return {record.key for record in queryset}


def test_event_filters():
    assert keys(event_list(filters=ListFilters(year=2022))) == {
        "asean-china-cooperation-week-2022",
        "asean-china-focal-point-meeting-2022",
    }
    assert keys(event_list(filters=ListFilters(country="LA"))) == {"amme-17"}
    # China hosts two; the US takes part in one dialogue
    assert len(keys(event_list(filters=ListFilters(country="CN")))) == 2
    assert keys(event_list(filters=ListFilters(country="US"))) == {"asean-us-dialogue-2023"}
    assert keys(event_list(filters=ListFilters(series="amme"))) == {"amme-17"}
    assert keys(event_list(filters=ListFilters(area="climate-change", kind="in-person"))) == {
        "amme-17"
    }


def test_project_year_means_running_that_year():
    project_upsert(
        key="t-old", names=NameSet(names={"en": "Old"}), actual_start="2010", actual_end="2012"
    )
    project_upsert(key="t-planned", names=NameSet(names={"en": "Planned"}), planned_start="2030-01")
    assert "marine-debris-microplastic-monitoring" in keys(
        project_list(filters=ListFilters(year=2023))
    )
    assert "marine-debris-microplastic-monitoring" not in keys(
        project_list(filters=ListFilters(year=2016))
    )
    assert "t-old" in keys(project_list(filters=ListFilters(year=2011)))
    assert "t-old" not in keys(project_list(filters=ListFilters(year=2013)))
    assert "t-planned" in keys(project_list(filters=ListFilters(year=2031)))
    assert keys(project_list(filters=ListFilters(status="2", area="biodiversity"))) == {
        "marine-endangered-species"
    }


def test_agreement_framework_and_organisation_filters():
    assert keys(agreement_list(filters=ListFilters(year=2018))) == {
        "mangrove-pilot-cooperation-mou-2018"
    }
    assert keys(agreement_list(filters=ListFilters(kind="joint-statement"))) == {
        "asean-joint-statement-cop28"
    }
    assert "mangrove-pilot-cooperation-mou-2018" in keys(
        agreement_list(filters=ListFilters(country="TH"))
    )
    assert keys(framework_list(filters=ListFilters(year=2018))) == {"asean-china-sap-2016-2020"}
    assert "asean-china-sap-2021-2025" in keys(framework_list(filters=ListFilters(year=2023)))
    assert keys(framework_list(filters=ListFilters(status="in-preparation"))) == {
        "asean-carbon-neutrality-strategy",
        "asean-green-economy-framework",
    }
    assert keys(organisation_list(filters=ListFilters(country="TH"))) == {
        "th-mnre",
        "th-dmcr",
        "th-pcd",
    }


def test_country_and_area_pages_gather_everything():
    china = country_activity(code="cn")
    assert {f.key for f in china.frameworks} >= {"asean-china-sap-2021-2025"}
    assert len(china.projects) == 4
    assert {a.key for a in china.agreements} == {"mangrove-pilot-cooperation-mou-2018"}
    assert {o.key for o in china.organisations} >= {"cn-caec", "cn-mee"}
    marine = area_activity(code="marine-coastal")
    assert len(marine.projects) == 4
    assert {c.number for c in marine.components} == {2}
    assert "awgcme" in {o.key for o in marine.organisations}


def test_dashboard_figures():
    board = dashboard(today=dt.date(2023, 8, 1))
    assert board.totals["events"] == 5
    marine = next(row for row in board.areas if row.subject.code == "marine-coastal")
    assert marine.counts["projects"] == 4
    china = next(row for row in board.partners if row.subject.code == "CN")
    assert china.counts == {"frameworks": 3, "projects": 4, "events": 2, "agreements": 1}
    years = {row.subject: row.counts for row in board.years}
    assert (
        years[2023]["events"] == 3
        and years[2018]["agreements"] == 1
        and years[2017]["projects"] == 1
    )
    # on 1 August 2023 the 17th AMME was still to come, and so (for all we know) was the
    # 34th ASOEN, dated only "2023"; the July dialogue was surely over.
    assert {e.key for e in board.upcoming} == {"amme-17", "asoen-34"}
    assert [e.key for e in board.upcoming] == ["asoen-34", "amme-17"]  # "2023" sorts first
    assert "asean-us-dialogue-2023" in [e.key for e in board.recent]
    assert "asean-china-cooperation-week-2022" in [e.key for e in board.recent]
