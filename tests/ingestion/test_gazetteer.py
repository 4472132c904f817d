"""The gazetteer learns from the registry: a name accepted there is found in the next document."""

import pytest

from envcoop.ingestion.understand import understand_bytes
from envcoop.registry.services.labels import NameSet
from envcoop.registry.services.organisations import organisation_upsert

pytestmark = pytest.mark.django_db

TEXT = (
    b"Jakarta, 6 Mei 2024 - Pejabat Balai Pemulihan Lahan Gambut Kahayan menghadiri lokakarya "
    b"pengelolaan lahan gambut ASEAN pada 5 Mei 2024 bersama Kementerian Lingkungan Hidup dan "
    b"Kehutanan. Pemerintah Indonesia akan melanjutkan kerja sama tersebut pada tahun depan."
)


def _organisation_keys() -> set:
    result = understand_bytes(TEXT, filename="berita.txt")
    assert result.language == "id"
    return {claim.value.get("key") for claim in result.claims if claim.kind == "organisation"}


def test_a_name_added_to_the_registry_is_recognised_in_the_next_document():
    assert "t-kahayan" not in _organisation_keys()
    organisation_upsert(
        key="t-kahayan",
        type="agency",
        country="ID",
        names=NameSet(names={"id": "Balai Pemulihan Lahan Gambut Kahayan"}, original="id"),
    )
    assert "t-kahayan" in _organisation_keys()
