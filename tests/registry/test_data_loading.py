"""Loading the data files: demo content, idempotence, all-or-nothing, clear errors."""

import io
import re
from pathlib import Path

import pytest
from django.core.management import call_command

from envcoop.core.partial_date import PartialDate
from envcoop.ingestion.models import Document, Visibility
from envcoop.registry.data.loader import DataFileError, load_data_file, load_demo, load_reference
from envcoop.registry.models import Agreement, Event, Framework, Label, Organisation, Project
from envcoop.registry.services.labels import NameSet
from envcoop.registry.services.organisations import organisation_upsert
from tests.snapshots import registry_snapshot

pytestmark = pytest.mark.django_db


def test_demo_records_say_what_the_sources_say():
    week = Event.objects.get(key="asean-china-cooperation-week-2022")
    assert (week.start, week.end, week.mode) == (
        PartialDate(2022, 6, 22),
        PartialDate(2022, 6, 24),
        "online",
    )
    assert list(week.host_countries.values_list("code", flat=True)) == ["CN"]
    focal = Event.objects.get(key="asean-china-focal-point-meeting-2022")
    assert (focal.start, focal.mode) == (PartialDate(2022, 6, 24), "online")
    amme = Event.objects.get(series__key="amme", ordinal=17)
    assert (amme.start, amme.end, amme.place, amme.country.code) == (
        PartialDate(2023, 8, 22),
        PartialDate(2023, 8, 24),
        "Vientiane",
        "LA",
    )
    assert amme.name_in("vi").text == "Hội nghị Bộ trưởng Môi trường ASEAN lần thứ 17"
    mou = Agreement.objects.get(kind="mou")
    assert mou.date == PartialDate(2018, 5, 9)
    assert set(mou.party_organisations.values_list("key", flat=True)) == {
        "th-dmcr",
        "cn-caec",
        "cn-shenzhen-mangrove-foundation",
    }
    fund_projects = Project.objects.filter(fund__key="asean-china-maritime-cooperation-fund")
    assert fund_projects.count() == 4
    assert Project.objects.get(
        key="marine-debris-microplastic-monitoring"
    ).actual_start == PartialDate(2017)
    assert set(amme.outcomes.values_list("key", flat=True)) == {"accc-establishment-agreement"}
    assert (
        Framework.objects.get(key="asean-china-year-sustainable-development-2021").kind
        == "concept-note"
    )
    assert Agreement.objects.filter(
        key="asean-joint-statement-cop28", date=PartialDate(2023)
    ).exists()


def test_loading_twice_changes_nothing():
    before = registry_snapshot()
    assert load_reference().changed == 0
    assert load_demo().changed == 0
    output = io.StringIO()
    call_command("load_demo", stdout=output)
    written = [int(n) for n in re.findall(r"(\d+) written", output.getvalue())]
    assert written and set(written) == {0}
    assert "agreement: 0 written, 4 already present" in output.getvalue()
    assert registry_snapshot() == before


def test_reload_keeps_an_editors_changes_unless_asked_to_update():
    organisation_upsert(
        key="th-pcd", type="agency", names=NameSet(names={"en": "Pollution Control Dept."})
    )
    load_demo()
    pcd = Organisation.objects.get(key="th-pcd")
    assert pcd.type == "agency"
    assert pcd.name_in("en").text == "Pollution Control Dept."
    load_demo(overwrite=True)
    pcd = Organisation.objects.get(key="th-pcd")
    assert pcd.type == "department"
    assert pcd.name_in("en").text == "Pollution Control Department"


BROKEN = """
[[organisation]]
key = "t-first"
type = "agency"
names = { en = "Written first" }

[[event]]
key = "t-broken"
start = "2023-08-24"
end = "2023-08-22"
names = { en = "Ends before it starts" }
"""


def test_a_bad_entry_leaves_the_database_as_it_was(tmp_path: Path):
    path = tmp_path / "broken.toml"
    path.write_text(BROKEN, encoding="utf-8")
    before = registry_snapshot()
    with pytest.raises(DataFileError) as error:
        load_data_file(path)
    message = str(error.value)
    assert "event 't-broken'" in message and "end" in message and "before the start" in message
    assert registry_snapshot() == before
    assert not Organisation.objects.filter(key="t-first").exists()


@pytest.mark.parametrize(
    ("content", "expected"),
    [
        (b"\xff\xfe\x00garbage", "cannot read"),
        ("[[organisation]\nkey=", "cannot read"),
        ('[[spaceship]]\nkey = "x"\n', "unknown section 'spaceship'"),
        (
            '[[event]]\nkey = "t-x"\nnames = { en = "X" }\ncountry = "Atlantis"\n',
            "not an ISO 3166-1",
        ),
        (
            '[[project]]\nkey = "t-x"\nnames = { en = "X" }\nareas = ["space"]\n',
            "unknown area 'space'",
        ),
        ('[[event]]\nkey = "t-x"\n', "needs a name"),
        ('[[organisation]]\nnames = { en = "X" }\ntype = "agency"\n', "missing field 'key'"),
        ('[[event]]\nkey = "t-x"\nnames = { en = "X" }\nplace = 5\n', "expected text"),
        ('[country]\ncode = "TH"\n', "expected a list of tables"),
        ("event = [1, 2]\n", "expected a list of tables"),
        ('[[country]]\ncode = "TH"\nsince = ["2020"]\n', "expected group codes"),
        (
            '[[event]]\nkey = "t-x"\nnames = { en = "X" }\nhost_countries = "TH"\n',
            "expected a list",
        ),
        (
            '[[event]]\nkey = "t-x"\nnames = { en = "X" }\nwhatever = 1\n',
            "unknown field 'whatever'",
        ),
        (
            '[[framework]]\nkey = "t-f"\nkind = "other"\nnames = { en = "F" }\n'
            'components = [{ number = "x", names = { en = "C" } }]\n',
            "not a whole number",
        ),
    ],
)
def test_errors_name_the_entry_and_the_problem(tmp_path: Path, content, expected):
    path = tmp_path / "bad.toml"
    if isinstance(content, bytes):
        path.write_bytes(content)
    else:
        path.write_text(content, encoding="utf-8")
    labels_before = Label.objects.count()
    with pytest.raises(DataFileError) as error:
        load_data_file(path)
    assert expected in str(error.value)
    assert Label.objects.count() == labels_before


def test_without_update_existing_records_gain_new_names_but_keep_the_rest(tmp_path: Path):
    path = tmp_path / "more.toml"
    path.write_text(
        '[[organisation]]\nkey = "th-pcd"\ntype = "agency"\n'
        'names = { en = "Renamed", km = "នាយកដ្ឋានត្រួតពិនិត្យការបំពុល" }\n',
        encoding="utf-8",
    )
    report = load_data_file(path)
    assert report.changed == 1
    pcd = Organisation.objects.get(key="th-pcd")
    assert pcd.type == "department"  # the field is left as it was
    assert pcd.name_in("en").text == "Pollution Control Department"  # so is the English name
    assert pcd.name_in("km").text == "នាយកដ្ឋានត្រួតពិនិត្យការបំពុល"  # the new language is added


def test_reference_reload_keeps_edited_areas():
    from envcoop.registry.models import Area, Label

    area = Area.objects.get(code="water-resources")
    Label.objects.filter(object_id=area.pk, content_type__model="area", lang="en").update(
        text="Water"
    )
    Area.objects.filter(pk=area.pk).update(position=42)
    load_reference()
    area.refresh_from_db()
    assert area.position == 42
    assert area.name_in("en").text == "Water"
    load_reference(overwrite=True)
    area = Area.objects.get(code="water-resources")
    assert area.position == 2 and area.name_in("en").text == "Water resources management"


def test_make_runs_demo_ingest_makes_no_duplicates_or_junk_records():
    """What `make run` does: the demo registry, then its documents read and accepted. Every
    record a document names is matched to the demo's record (in whatever language the
    document names it) or is a new, real one with a readable key."""
    from django.apps import apps

    from envcoop.core.folding import fold

    load_reference()
    load_demo()
    folder = Path(apps.get_app_config("registry").path) / "data" / "demo-documents"
    call_command(
        "ingest", str(folder), "--accept", "--visibility", "public",
        stdout=io.StringIO(), stderr=io.StringIO(),
    )  # fmt: skip
    # the demo's news items are public: anyone reads them without signing in
    assert set(Document.objects.values_list("visibility", flat=True)) == {Visibility.PUBLIC}
    for model in (Event, Agreement, Project, Organisation):
        seen: dict[str, str] = {}
        for record in model.objects.prefetch_related("labels"):
            assert re.fullmatch(r"[a-z0-9]+(?:-[a-z0-9]+)*", record.key), record.key
            assert record.key not in {"event", "agreement", "project", "organisation"}
            assert not re.fullmatch(
                r"(?:event|agreement|project|[a-z]{2}-organisation)(?:-\d+)*", record.key
            )
            for label in record.labels.all():
                if label.kind != "name":
                    continue
                # (every member state has a "Ministry of Natural Resources and Environment")
                name = f"{fold(label.text)} {getattr(record, 'country_id', '')}"
                assert seen.setdefault(name, record.key) == record.key, (
                    f"{model.__name__} {record.key} and {seen[name]} are both named {label.text!r}"
                )
    generic = {"สถาบันการศึกษา", "หน่วยงานภาครัฐ", "องค์กรปกครองส่วนท้องถิ่น"}
    assert not [o.key for o in Organisation.objects.all() if set(o.names().values()) & generic]
    assert Agreement.objects.filter(key__in=["agreement", "agreement-2"]).count() == 0
