import pytest

from envcoop.core.countries import CountryError, clean_country, country_name, iso_names
from envcoop.core.currencies import CurrencyError, clean_currency
from envcoop.core.languages import LanguageError, clean_language, language_name


@pytest.mark.parametrize(
    ("raw", "clean"),
    [
        ("TH", "th"),
        ("vi", "vi"),
        ("zh_hant", "zh-Hant"),
        ("en-gb", "en-GB"),
        ("und", "und"),
        ("fil", "fil"),
    ],
)
def test_language_tags_are_canonicalised(raw, clean):
    assert clean_language(raw) == clean


@pytest.mark.parametrize("raw", ["", "thai", "xx", "e", "th_THAI_x", "<script>"])
def test_unknown_languages_are_refused(raw):
    with pytest.raises(LanguageError):
        clean_language(raw)


def test_language_names_come_from_cldr():
    assert language_name("th", "en") == "Thai"
    assert language_name("th", "th") == "ไทย"
    assert language_name("vi", "vi") == "Tiếng Việt"


@pytest.mark.parametrize(("raw", "clean"), [("th", "TH"), ("VNM", "VN"), ("eu", "EU")])
def test_country_codes(raw, clean):
    assert clean_country(raw) == clean


@pytest.mark.parametrize("raw", ["", "XX", "Thailand", "ZZZ"])
def test_unknown_countries_are_refused(raw):
    with pytest.raises(CountryError):
        clean_country(raw)


def test_country_names_in_each_language():
    assert country_name("LA", "vi") == "Lào"
    assert country_name("LA", "th") == "ลาว"
    assert country_name("CN", "th") == "จีน"
    assert country_name("EU", "en") == "European Union"
    assert iso_names("LA") == ["Lao People's Democratic Republic"]
    assert iso_names("VN") == ["Viet Nam", "Socialist Republic of Viet Nam"]
    assert iso_names("TH") == ["Kingdom of Thailand"]


def test_currencies():
    assert clean_currency("usd") == "USD"
    with pytest.raises(CurrencyError):
        clean_currency("DOLLARS")
