"""Names in many languages: storage rules and which name a reader sees."""

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import translation

from envcoop.registry.models import Label, LabelKind, Organisation
from envcoop.registry.services.labels import NameSet, label_add, label_specs, labels_apply
from envcoop.registry.services.organisations import organisation_upsert

pytestmark = pytest.mark.django_db


def _organisation(**names: str) -> Organisation:
    original = names.pop("original", None)
    return organisation_upsert(
        key="t-org", type="agency", names=NameSet(names=names, original=original)
    )[0]


def test_reader_language_then_english_then_original():
    org = _organisation(th="กรมทดสอบ", en="Test Department", vi="Cục Thử nghiệm", original="th")
    assert org.name_in("th").text == "กรมทดสอบ"
    assert org.name_in("vi").text == "Cục Thử nghiệm"
    assert org.name_in("id").text == "Test Department"  # no Indonesian: English
    only_thai = organisation_upsert(
        key="t-org-th",
        type="agency",
        names=NameSet(names={"th": "กรมทดสอบสอง", "vi": "Cục Hai"}, original="th"),
    )[0]
    assert only_thai.name_in("id").text == "กรมทดสอบสอง"  # no English: the original
    assert only_thai.name_in("id").lang == "th"


def test_display_name_follows_the_active_language():
    org = _organisation(th="กรมทดสอบ", en="Test Department", original="th")
    with translation.override("th"):
        assert str(Organisation.objects.get(pk=org.pk)) == "กรมทดสอบ"
    with translation.override("en"):
        assert str(Organisation.objects.get(pk=org.pk)) == "Test Department"


def test_one_original_per_kind_is_enforced_by_the_database():
    org = _organisation(en="Test Department", th="กรมทดสอบ", original="en")
    label = Label.objects.get(
        object_id=org.pk, content_type__model="organisation", lang="th", kind="name"
    )
    label.is_original = True
    with pytest.raises(IntegrityError), transaction.atomic():
        label.save()


def test_one_name_per_language_is_enforced_by_the_database():
    org = _organisation(en="Test Department")
    with pytest.raises(IntegrityError), transaction.atomic():
        Label.objects.create(record=org, kind=LabelKind.NAME, lang="en", text="Another name")


def test_a_second_name_in_a_language_becomes_an_alias():
    org = _organisation(en="Test Department")
    assert label_add(record=org, kind="name", lang="en", text="Dept. of Tests") is True
    assert org.name_in("en").text == "Test Department"
    aliases = [label.text for label in org.labels_of(LabelKind.ALIAS)]
    assert aliases == ["Dept. of Tests"]
    # adding it again changes nothing
    assert label_add(record=org, kind="name", lang="en", text="Dept. of Tests") is False


def test_reapplying_the_same_labels_writes_nothing():
    org = _organisation(en="Test Department", th="กรมทดสอบ", original="th")
    specs = NameSet(names={"en": "Test Department", "th": "กรมทดสอบ"}, original="th").specs()
    before = list(Label.objects.filter(object_id=org.pk).values_list("id", "updated_at"))
    assert labels_apply(record=org, specs=specs) is False
    assert list(Label.objects.filter(object_id=org.pk).values_list("id", "updated_at")) == before


@pytest.mark.parametrize(
    ("kwargs", "field"),
    [
        ({"names": {"xx": "Name"}}, "names"),
        ({"names": {"en": "   "}}, "names"),
        ({"names": {"en": "A"}, "original": "th"}, "original"),
        ({"aliases": {"en": [""]}}, "aliases"),
        ({"names": {"en": "bad\x00text"}}, "names"),
    ],
)
def test_label_validation_names_the_field(kwargs, field):
    with pytest.raises(ValidationError) as error:
        label_specs(**kwargs)
    assert field in error.value.message_dict


def test_text_is_tidied():
    [spec] = label_specs(names={"en": "  ASEAN \n  Centre  "})
    assert spec.text == "ASEAN Centre"
    assert spec.is_original  # a single name is the original


def test_long_texts_in_any_script_fit_the_database():
    """Names up to the limit and long descriptions, in Thai (3 bytes a letter), store on SQLite
    and PostgreSQL alike (a PostgreSQL index entry holds at most 2,704 bytes)."""
    thai_name = "ก" * 500
    thai_description = "การอนุรักษ์ป่าชายเลน " * 300
    org = organisation_upsert(
        key="t-long",
        type="agency",
        names=NameSet(names={"th": thai_name}, descriptions={"th": thai_description}),
    )[0]
    assert org.name_in("th").text == thai_name
    assert org.description_in("th").text == thai_description.strip()
    with pytest.raises(ValidationError) as error:
        label_add(record=org, kind="alias", lang="th", text="ข" * 501)
    assert "longer than 500" in str(error.value)
