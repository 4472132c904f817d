"""The reading copy extractors use, its map back to the text, and language detection."""

import unicodedata

import pytest

from envcoop.ingestion.languages import detect
from envcoop.ingestion.normalise import Reading
from envcoop.ingestion.segment import segment, words


def test_thai_digits_are_read_as_numbers_with_the_same_positions():
    source = "วันที่ ๑๘ มิ.ย. ๒๕๖๖"
    reading = Reading.of(source)
    assert reading.text == "วันที่ 18 มิ.ย. 2566"
    assert reading.to_source(7, 9) == (7, 9)


def test_decomposed_vietnamese_is_composed_and_spans_map_back():
    source = unicodedata.normalize("NFD", "Hội nghị tại Viên Chăn ngày 22/8/2023")
    reading = Reading.of(source)
    assert reading.text == "Hội nghị tại Viên Chăn ngày 22/8/2023"
    start = reading.text.index("Viên Chăn")
    mapped = reading.to_source(start, start + len("Viên Chăn"))
    assert unicodedata.normalize("NFC", source[slice(*mapped)]) == "Viên Chăn"
    start = reading.text.index("22/8/2023")
    assert source[slice(*reading.to_source(start, start + 9))] == "22/8/2023"


def test_zero_width_characters_are_skipped_but_spans_stay_true():
    source = "ข่าว\u200bวันที่ 5 มิ.ย. 2566"
    reading = Reading.of(source)
    assert "\u200b" not in reading.text
    start = reading.text.index("5 มิ.ย. 2566")
    assert source[slice(*reading.to_source(start, start + len("5 มิ.ย. 2566")))] == "5 มิ.ย. 2566"


def test_every_word_maps_back_to_the_characters_it_came_from():
    """Decomposed letters, zero-width characters between words and a soft hyphen, in a long
    text: each word of the reading copy maps to the source characters that make it."""
    words = ["Hội", "nghị", "tại", "Viên", "Chăn", "ngày", "22/8/2023", "ASEAN", "คำ", "น้ำ"]
    source_words = [unicodedata.normalize("NFD", word) for word in words] * 300
    source = "\u200b ".join(source_words) + "\u00ad end"
    reading = Reading.of(source)
    position = 0
    for word in words * 300:
        start = reading.text.index(word, position)
        position = start + len(word)
        mapped = source[slice(*reading.to_source(start, position))]
        assert unicodedata.normalize("NFC", mapped) == word


def test_nfkc_is_never_applied_to_thai():
    assert Reading.of("น้ำ คำ").text == "น้ำ คำ"  # NFKC would split the sara am


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("การประชุมรัฐมนตรีอาเซียนด้านสิ่งแวดล้อม ครั้งที่ 17 จัดขึ้นที่เวียงจันทน์", "th"),
        ("Hội nghị Bộ trưởng Môi trường ASEAN lần thứ 17 diễn ra tại Viên Chăn, CHDCND Lào.", "vi"),
        (
            "The 17th ASEAN Ministerial Meeting on the Environment was held in Vientiane, Lao PDR.",
            "en",
        ),
        (
            "Menteri Lingkungan Hidup dan Kehutanan menghadiri Pertemuan Menteri Lingkungan Hidup ASEAN "
            "ke-17 di Vientiane pada 22-24 Agustus 2023 bersama delegasi pemerintah.",
            "id",
        ),
        (
            "Menteri Sumber Asli dan Alam Sekitar menghadiri Mesyuarat Menteri-Menteri Alam Sekitar ASEAN "
            "Ke-17 di Vientiane pada 22 hingga 24 Ogos 2023 bersama pegawai kerajaan.",
            "ms",
        ),
        ("ກອງປະຊຸມລັດຖະມົນຕີສິ່ງແວດລ້ອມອາຊຽນ ຄັ້ງທີ 17", "lo"),
        ("កិច្ចប្រជុំរដ្ឋមន្ត្រីបរិស្ថានអាស៊ាន លើកទី១៧", "km"),
        ("第十七届东盟环境部长会议在万象举行", "zh"),
        (
            "Dumalo ang Kalihim ng Kapaligiran sa pulong ng mga ministro ng ASEAN sa Vientiane noong Agosto.",
            "fil",
        ),
        ("123 456", "und"),
    ],
)
def test_language_detection(text, language):
    assert detect(text) == language


def test_thai_words_come_from_icu_and_passages_from_blank_lines():
    text = "ประเทศไทยและสปป. ลาว\n\nบรรทัดที่สอง\n- รายการหนึ่ง\n- รายการสอง"
    tokens = [text[a:b] for a, b in words(text, "th")]
    assert "ประเทศ" in tokens and "ไทย" in tokens and "ลาว" in tokens
    passages = [text[a:b] for a, b in segment(text).passages]
    assert passages == ["ประเทศไทยและสปป. ลาว", "บรรทัดที่สอง", "- รายการหนึ่ง", "- รายการสอง"]


def test_hard_wrapped_lines_are_joined_into_one_passage():
    text = (
        "The 17th ASEAN Ministerial Meeting on the Environment was held in Vientiane and\n"
        "ministers adopted the joint statement on climate change.\n\nSecond paragraph."
    )
    assert len(segment(text).passages) == 2
