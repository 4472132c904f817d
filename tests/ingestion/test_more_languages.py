"""Khmer, Lao, Burmese, Chinese and Filipino, and what reading a passage in its own language
means: each rule on short texts written for it (names of real bodies and meetings)."""

import icu
import pytest

from envcoop.ingestion.contract import to_contract
from envcoop.ingestion.languages import detect
from envcoop.ingestion.parsers import Parsed, parse_bytes
from envcoop.ingestion.understand import understand_bytes, understand_parsed

pytestmark = pytest.mark.django_db


def read(text: str) -> dict:
    return to_contract(understand_parsed(Parsed(text=text, format="text")), "test")


def dates(text: str) -> set[tuple[str, str | None]]:
    return {(d["value"], d["end"]) for d in read(text)["dates"]}


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("កិច្ចប្រជុំរដ្ឋមន្ត្រីបរិស្ថានអាស៊ានបានបើកនៅខេត្តសៀមរាប។", "km"),
        ("ກອງປະຊຸມລັດຖະມົນຕີສິ່ງແວດລ້ອມອາຊຽນ ໄດ້ໄຂຂຶ້ນຢູ່ນະຄອນຫຼວງວຽງຈັນ.", "lo"),
        ("အာဆီယံ ပတ်ဝန်းကျင်ဆိုင်ရာ ဝန်ကြီးများ အစည်းအဝေးကို ကျင်းပခဲ့သည်။", "my"),
        ("东盟环境部长会议在老挝万象举行。", "zh"),
        (
            "Nagpulong ang mga ministro ng kapaligiran ng ASEAN sa Vientiane upang pag-usapan "
            "ang pagbabago ng klima at ang basura sa karagatan.",
            "fil",
        ),
    ],
)
def test_the_five_languages_are_understood(text, language):
    result = understand_parsed(Parsed(text=text, format="text"))
    assert (result.language, result.understood) == (language, True)
    assert detect(text) == language


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # Khmer digits and month names, the day word, a range with ដល់, the Buddhist era
        ("កិច្ចប្រជុំនៅថ្ងៃទី៥ខែតុលាឆ្នាំ២០២២។", {("2022-10-05", None)}),
        (
            "ចាប់ពីថ្ងៃទី ៣ ដល់ ថ្ងៃទី ៧ ខែតុលា ឆ្នាំ២០២២ នៅខេត្តសៀមរាប។",
            {("2022-10-03", "2022-10-07")},
        ),
        ("ឯកសារនេះចុះថ្ងៃទី ១ ខែមករា ព.ស. ២៥៦៥។", {("2022-01-01", None)}),
        # Lao: a range of days, a Buddhist-era year
        ("ກອງປະຊຸມໃນລະຫວ່າງວັນທີ 14-15 ມິຖຸນາ 2023 ຢູ່ວຽງຈັນ.", {("2023-06-14", "2023-06-15")}),
        ("ແຜນການປີ ພ.ສ. 2566 ໄດ້ຮັບຮອງ.", {("2023", None)}),
        # Burmese: year first with its words, and the letter ဝ typed for zero
        ("၂၀၂၃ ခုနှစ် ဩဂုတ်လ ၂၂ ရက်နေ့တွင် ကျင်းပသည်။", {("2023-08-22", None)}),
        ("၂ဝ၂ဝ ခုနှစ် ဇန်နဝါရီလ ၃၁ ရက်", {("2020-01-31", None)}),
        # Chinese: 年月日, a range of days, a range of years with an em dash
        ("会议于2023年8月22日至24日在万象举行。", {("2023-08-22", "2023-08-24")}),
        ("《行动计划(2021—2025年)》", {("2021", "2025")}),
        # Filipino: month first, and "ika-5 ng Oktubre"
        ("Ginanap ang pulong noong Agosto 22, 2023 sa Maynila.", {("2023-08-22", None)}),
        ("Sa ika-5 ng Oktubre 2021 nagsimula ang porum.", {("2021-10-05", None)}),
    ],
)
def test_dates_in_the_five_languages(text, expected):
    assert dates(text) == expected


def test_a_chinese_range_over_new_year_and_days_without_a_year_take_the_dateline():
    text = "新华社北京2023年12月1日电\n\n会议将于12月30日至1月2日举行。"
    assert ("2023-12-30", "2024-01-02") in dates(text)


@pytest.mark.parametrize(
    ("text", "series", "ordinal", "start"),
    [
        (
            "នៅថ្ងៃទី២២ ខែសីហា ឆ្នាំ២០២៣ កិច្ចប្រជុំឧត្តមមន្ដ្រីបរិស្ថានអាស៊ាន លើកទី៣៤ បានបើកនៅវៀងចន្ទន៍។",
            "asoen",
            34,
            "2023-08-22",
        ),
        (
            "ວັນທີ 22 ສິງຫາ 2023 ກອງປະຊຸມລັດຖະມົນຕີສິ່ງແວດລ້ອມອາຊຽນ ຄັ້ງທີ 17 ໄດ້ໄຂຂຶ້ນຢ່າງເປັນທາງການ.",
            "amme",
            17,
            "2023-08-22",
        ),
        ("2023年8月22日，第十七届东盟环境部长会议在老挝万象开幕。", "amme", 17, "2023-08-22"),
        ("2009年10月29日，第11届东盟环境部长会议发表联合声明。", "amme", 11, "2009-10-29"),
    ],
)
def test_meetings_with_their_ordinal_in_each_construction(text, series, ordinal, start):
    events = read(text)["events"]
    assert [(e["series"], e["ordinal"], e["start"]) for e in events] == [(series, ordinal, start)]


def test_an_english_name_in_parentheses_inside_khmer_is_read_in_english():
    text = (
        "ក្រសួងបរិស្ថានបានចូលរួមកិច្ចប្រជុំ (17th ASEAN Ministerial Meeting on Environment) "
        "នៅ Vientiane ថ្ងៃទី 22 August 2023។"
    )
    events = read(text)["events"]
    assert any(e["series"] == "amme" and e["ordinal"] == 17 for e in events)
    assert ("2023-08-22", None) in dates(text)


def test_lower_case_and_verb_led_meetings_are_meetings():
    text = (
        "JAKARTA, 6 May 2024 - The 12th meeting of the ASEAN Working Group on Climate Change "
        "was held on 3 May 2024 in Jakarta."
    )
    events = read(text)["events"]
    assert [(e["series"], e["ordinal"], e["start"]) for e in events] == [
        ("awgcc", 12, "2024-05-03")
    ]


def test_a_meeting_named_without_a_date_is_a_mention_not_an_event():
    result = read(
        "HANOI, 2 March 2024 - Viet Nam will prepare its report for the 35th ASOEN, "
        "the officials said."
    )
    assert result["events"] == []
    assert [(m["kind"], m["series"], m["ordinal"]) for m in result["mentions"]] == [
        ("event", "asoen", 35)
    ]


def test_meetings_listed_together_share_the_date_that_opens_their_sentence():
    text = (
        "On 5 September 2024, the 25th Meeting of the Sub-Regional Ministerial Steering "
        "Committee on Transboundary Haze Pollution and the 19th Meeting of the Conference of "
        "the Parties to the ASEAN Agreement on Transboundary Haze Pollution were held in Singapore."
    )
    events = {(e["series"], e["ordinal"]): e["start"] for e in read(text)["events"]}
    assert events == {("haze-msc", 25): "2024-09-05", ("haze-cop", 19): "2024-09-05"}


def test_the_meeting_pointed_back_to_takes_the_date_of_its_sentence():
    text = (
        "Indonesia took part in the 18th ASEAN Ministerial Meeting on the Environment.\n\n"
        "The meeting, which took place on 3 September 2025, adopted several documents."
    )
    events = read(text)["events"]
    assert [(e["series"], e["ordinal"], e["start"]) for e in events] == [("amme", 18, "2025-09-03")]


def test_a_year_in_a_plans_name_never_dates_a_meeting():
    text = (
        "The Dialogue on Sustainable Cities reviewed the ASEAN Socio-Cultural Community "
        "Blueprint 2025 and the ASEAN Community Vision 2045."
    )
    result = read(text)
    assert result["events"] == []
    assert {f["name"] for f in result["frameworks"]} >= {"ASEAN Community Vision 2045"}


def test_a_vietnamese_day_and_month_with_a_hyphen_and_a_date_without_its_year():
    # "Ngày 3-9" is the 3rd of September; with no dateline, "29/12" takes the nearest year
    assert ("2025-09-03", None) in dates(
        "Hà Nội, ngày 10/9/2025\n\nNgày 3-9, các Bộ trưởng đã họp."
    )
    assert ("2022-12-29", None) in dates(
        "Tổng kết hợp tác năm 2022\n\nSáng ngày 29/12, Hội thảo đã được tổ chức tại Hà Nội."
    )


def test_a_month_on_a_line_of_its_own_is_the_dateline():
    text = "Hà Nội, tháng 8/2023\n\nNăm nay Việt Nam đăng cai nhiều hội nghị."
    result = understand_parsed(Parsed(text=text, format="text"))
    assert str(result.dateline) == "2023-08"
    assert ("2023", None) in {(d["value"], d["end"]) for d in to_contract(result, "t")["dates"]}


def test_an_agreement_takes_a_date_only_from_its_signing():
    text = (
        "At the 17th AMME on 22 August 2023 in Vientiane, the ministers discussed the ASEAN "
        "Agreement on Transboundary Haze Pollution and its implementation."
    )
    agreements = read(text)["agreements"]
    assert [(a["name"], a["date"], a["parties"]) for a in agreements] == [
        ("ASEAN Agreement on Transboundary Haze Pollution", None, [])
    ]
    signed = read(
        "BANGKOK, 10 May 2018 - The Memorandum of Understanding on Pilot Cooperation on "
        "Mangrove Conservation was signed on 9 May 2018 by the Department of Marine and "
        "Coastal Resources of Thailand and the China-ASEAN Environmental Cooperation Center."
    )["agreements"]
    assert [(a["kind"], a["date"]) for a in signed] == [("mou", "2018-05-09")]
    assert "ASOEN" not in signed[0]["parties"] and signed[0]["parties"]


def test_a_draft_statement_is_a_mention_and_a_shared_head_names_each_convention():
    result = read(
        "The officials reviewed the draft ASEAN Joint Statement on Climate Change to COP30 "
        "before the ministers meet."
    )
    assert result["agreements"] == []
    assert [m["kind"] for m in result["mentions"]] == ["agreement"]
    conventions = read(
        "Hội nghị đã cập nhật việc thực hiện Công ước Basel, Rotterdam và Stockholm tại khu vực."
    )["agreements"]
    assert {a["name"] for a in conventions} == {
        "Công ước Basel",
        "Công ước Rotterdam",
        "Công ước Stockholm",
    }


def test_frameworks_with_their_period_and_partners():
    text = (
        "The two sides agreed to implement the ASEAN-China Environmental Cooperation Strategy "
        "and Action Plan 2021-2025 and to start the new ASEAN Regional Action Plan for "
        "Combating Marine Debris."
    )
    frameworks = {f["name"]: f for f in read(text)["frameworks"]}
    plan = frameworks["ASEAN-China Environmental Cooperation Strategy and Action Plan 2021-2025"]
    assert (plan["start"], plan["end"], plan["partners"]) == ("2021", "2025", ["CN"])
    assert read(text)["agreements"] == []


def test_priorities_for_a_year_one_item_each():
    text = (
        "Phương hướng năm 2024: tăng cường hợp tác về đa dạng sinh học; đẩy mạnh giảm rác "
        "thải nhựa đại dương; tổ chức Hội nghị Nhóm công tác về biến đổi khí hậu."
    )
    priorities = read(text)["priorities"]
    assert len(priorities) == 3 and {p["year"] for p in priorities} == {"2024"}
    assert "biodiversity" in priorities[0]["areas"]


@pytest.mark.parametrize(
    ("text", "codes"),
    [
        ("កិច្ចប្រជុំជាមួយកូរ៉េខាងត្បូង និងសហរដ្ឋអាមេរិក។", {"KR", "US"}),  # (CLDR's zero-width spaces)
        ("东盟与中日韩环境部长会议在文莱举行。", {"CN", "JP", "KR", "BN"}),
        ("寮國與中國的代表出席。", {"LA", "CN"}),  # traditional Chinese
        ("ກອງປະຊຸມແຫ່ງຊາດ ຂອງ ສປປ ລາວ", {"LA"}),  # ຊາດ is "nation", not Chad
        ("ຜູ້ແທນ ສ.ເກົາຫຼີ ໄດ້ເຂົ້າຮ່ວມ", {"KR"}),  # ຫຼ written as one letter
    ],
)
def test_countries_in_the_five_languages(text, codes):
    assert set(read(text)["countries"]) == codes


def test_a_thai_body_unknown_to_the_registry_ends_before_its_verb():
    names = [
        o["name"]
        for o in read("กรมส่งเสริมคุณภาพสิ่งแวดล้อมจัดการประชุมเชิงปฏิบัติการที่เชียงใหม่")["organisations"]
    ]
    assert "กรมส่งเสริมคุณภาพสิ่งแวดล้อม" in names


def test_an_agenda_of_the_areas_covers_each_one():
    text = (
        "The meeting reviewed cooperation on climate change, water resources management, "
        "coastal and marine environment, biodiversity conservation, environmentally "
        "sustainable cities and chemicals and waste."
    )
    assert {
        "climate-change",
        "water-resources",
        "marine-coastal",
        "biodiversity",
        "sustainable-cities",
        "chemicals-waste",
    } <= set(read(text)["areas"])


def test_a_stray_invalid_byte_leaves_a_vietnamese_text_vietnamese():
    text = "Hội nghị Bộ trưởng Môi trường ASEAN lần thứ 17 diễn ra tại Viên Chăn ngày 22/8/2023."
    data = text.encode("utf-8")
    broken = data[:20] + b"\xff" + data[20:]
    result = understand_bytes(broken, filename="tin.txt")
    assert result.language == "vi"
    assert result.parsed.encoding == "utf-8, 1 invalid byte replaced"
    assert "\ufffd" in result.parsed.text
    assert any(e["ordinal"] == 17 for e in to_contract(result, "t")["events"])


def test_burmese_in_zawgyi_is_converted_to_unicode_and_says_so():
    unicode_text = "၂၀၂၃ ခုနှစ် ဩဂုတ်လ ၂၂ ရက်နေ့တွင် အာဆီယံ ပတ်ဝန်းကျင်ဆိုင်ရာ ဝန်ကြီးများ အစည်းအဝေးကို ကျင်းပသည်။"
    zawgyi = icu.Transliterator.createInstance("my-Zawgyi").transliterate(unicode_text)
    assert zawgyi != unicode_text
    parsed = parse_bytes(zawgyi.encode("utf-8"), filename="zawgyi.txt")
    assert parsed.text == unicode_text
    assert "Zawgyi" in parsed.encoding and parsed.notes
    # a Unicode text is left alone
    assert parse_bytes(unicode_text.encode("utf-8"), filename="u.txt").text == unicode_text


def test_confidence_follows_the_evidence():
    sure = read(
        "VIENTIANE, 24 August 2023 - The 17th ASEAN Ministerial Meeting on Environment was held "
        "on 22 August 2023 in Vientiane."
    )["events"]
    vague = read(
        "MANILA, 3 March 2024 - A Regional Forum on Green Jobs took place in Manila in 2023."
    )["events"]
    assert sure and vague
    assert sure[0]["confidence"] > vague[0]["confidence"]


def test_a_title_case_headline_does_not_run_a_name_into_its_verb():
    text = (
        "Minister Hands Over Signed Establishment Agreement Of The ASEAN Haze Centre\n\n"
        "JAKARTA, 23 August 2023 - The minister handed over the signed Establishment "
        "Agreement of the ASEAN Haze Centre to the ASEAN Secretariat today."
    )
    names = [a["name"] for a in read(text)["agreements"]]
    assert len(names) == 1 and not names[0].startswith("Minister")


def test_this_agreement_is_no_name_and_a_latin_name_in_filipino_is_read():
    assert read("双方希望在今年年底或明年初完成这项协议的谈判。")["agreements"] == []
    names = {
        a["name"]
        for a in read("Pinag-usapan ng dalawang bansa ang Paris Agreement at ang klima.")[
            "agreements"
        ]
    }
    assert names == {"Paris Agreement"}


def test_a_date_opening_a_thai_paragraph_dates_the_meeting_named_after_the_delegation():
    text = (
        "เมื่อวันที่ ๑๗ – ๑๘ พฤศจิกายน ๒๕๖๓ ณ กรุงเทพมหานคร รองเลขาธิการสำนักงานนโยบายและแผน"
        "ทรัพยากรธรรมชาติและสิ่งแวดล้อมได้นำคณะผู้แทนไทยเข้าร่วมการประชุมเจ้าหน้าที่อาวุโสอาเซียน"
        "ด้านสิ่งแวดล้อม ครั้งที่ 31 ผ่านระบบการประชุมทางไกล"
    )
    events = read(text)["events"]
    assert [(e["series"], e["ordinal"], e["start"]) for e in events] == [
        ("asoen", 31, "2020-11-17")
    ]


def test_vietnamese_day_words_opening_a_sentence():
    text = "Hà Nội, ngày 15/3/2013\n\nNgày 21-22/3, Hội nghị diễn ra tại Hà Nội. Ngày 06/08 sẽ họp tiếp."
    assert {("2013-03-21", "2013-03-22"), ("2013-08-06", None)} <= dates(text)


def test_a_range_of_months_without_a_year_takes_the_datelines():
    text = "JAKARTA, 6 Agustus 2019 - Musim kemarau diperkirakan antara Agustus hingga Oktober."
    assert ("2019-08", "2019-10") in dates(text)


def test_a_headline_meeting_takes_the_lede_date_past_a_dateline_line():
    text = (
        "The 30th Meeting of the ASEAN Senior Officials on the Environment in Bangkok\n\n"
        "July 12, 2019\n\n"
        "From 8 to 12 July 2019 in Bangkok, the Cambodian delegation led by its Secretary of "
        "State took part in the 30th Meeting of the ASEAN Senior Officials on the Environment."
    )
    events = read(text)["events"]
    assert [(e["series"], e["ordinal"], e["start"], e["end"]) for e in events] == [
        ("asoen", 30, "2019-07-08", "2019-07-12")
    ]


def test_the_meeting_on_a_date_before_another_meeting_is_named():
    text = (
        "SEOUL, 25 May 2022 - The two ambassadors co-chaired the 9th meeting of the ASEAN-Korea "
        "Joint Cooperation Committee.\n\n"
        "At the meeting on May 24, the two sides reviewed the follow-up to the 22nd ASEAN-RoK "
        "Summit in October 2021."
    )
    starts = {e["name"]: e["start"] for e in read(text)["events"]}
    assert starts["9th meeting of the ASEAN-Korea Joint Cooperation Committee"] == "2022-05-24"
    assert starts["22nd ASEAN-RoK Summit"] == "2021-10"


def test_an_english_meeting_name_inside_indonesian_and_vietnamese():
    text = (
        "BANDAR SERI BEGAWAN, 7 Agustus 2019 - Kesepakatan itu dicapai dalam 21st Meeting of the "
        "Sub-Regional Ministerial Steering Committee on Transboundary Haze Pollution di Brunei "
        "pada Selasa (6/8)."
    )
    events = read(text)["events"]
    assert [(e["series"], e["ordinal"], e["start"]) for e in events] == [
        ("haze-msc", 21, "2019-08-06")
    ]


def test_a_paragraph_opening_with_a_date_dates_the_meetings_it_then_lists():
    text = (
        "Hà Nội, 05/10/2024\n\n"
        "Ngày 4-10, các Bộ trưởng đã dự một loạt cuộc họp tại Viêng Chăn. Các cuộc họp gồm Hội "
        "nghị Bộ trưởng Môi trường ASEAN lần thứ 17 (AMME-17) và Hội nghị lần thứ 19 các bên "
        "tham gia Hiệp định ASEAN về ô nhiễm khói mù xuyên biên giới (COP-19)."
    )
    events = read(text)["events"]
    assert sorted((e["ordinal"], e["start"]) for e in events) == [
        (17, "2024-10-04"),
        (19, "2024-10-04"),
    ]


def test_a_date_opening_a_paragraph_does_not_override_the_meetings_own_date():
    text = (
        "Jakarta, 9 Mei 2024\n\n"
        "Pada 8 Mei 2024, Menteri membuka Pertemuan ASEAN ke-20 tentang Lingkungan yang "
        "berlangsung pada 6-7 Mei 2024 di Jakarta."
    )
    events = read(text)["events"]
    assert [(e["ordinal"], e["start"], e["end"]) for e in events] == [
        (20, "2024-05-06", "2024-05-07")
    ]


def test_a_thai_lede_opening_with_the_documents_date_dates_its_meeting():
    text = (
        "การประชุมคณะทำงานอาเซียนด้านการจัดการสารเคมีและของเสีย ครั้งที่ 9\n\n"
        "วันอังคารที่ 2 เมษายน 2567 เวลา 13.30 น. ผู้อำนวยการกองแผนงาน เป็นหัวหน้าคณะผู้แทนไทย "
        "เข้าร่วมการประชุมคณะทำงานอาเซียนด้านการจัดการสารเคมีและของเสีย ครั้งที่ 9 ผ่านระบบออนไลน์"
    )
    events = read(text)["events"]
    assert [(e["ordinal"], e["start"]) for e in events] == [(9, "2024-04-02")]


@pytest.mark.parametrize(
    ("text", "names"),
    [
        (
            "Six proposals were reviewed and four more projects await approval, among them "
            "“Blue Carbon for Coastal ASEAN” (BCCA) and “Peatland Fire Early Warning”.",
            {"Blue Carbon for Coastal ASEAN", "Peatland Fire Early Warning"},
        ),
        (
            "会议审议了三个合作项目，包括“红树林监测能力建设(柬埔寨)”“城市空气质量评估(越南)”等。",
            {"红树林监测能力建设(柬埔寨)", "城市空气质量评估(越南)"},
        ),
    ],
)
def test_quoted_project_names_listed_after_a_project_word(text, names):
    assert {p["name"] for p in read(text)["projects"]} == names


def test_a_meeting_named_in_an_aside_does_not_take_the_subjects_date():
    text = (
        "The 14th Meeting of the ASEAN Working Group on Coastal and Marine Environment, part of "
        "the 35th Meeting of the ASEAN Senior Officials on the Environment, took place from 3 to "
        "4 June 2024 in Manila."
    )
    events = read(text)["events"]
    assert [(e["ordinal"], e["start"], e["end"]) for e in events] == [
        (14, "2024-06-03", "2024-06-04")
    ]


def test_an_indonesian_headline_meeting_name_starts_at_its_head_word():
    text = (
        "Malaysia Berhasil Menjadi Tuan Rumah Pertemuan Kelompok Kerja ASEAN tentang Bahan Kimia\n\n"
        "Pertemuan Kelompok Kerja ASEAN tentang Bahan Kimia digelar di Kuala Lumpur pada 11 Juni "
        "2024."
    )
    names = [e["name"] for e in read(text)["events"]]
    assert names == ["Pertemuan Kelompok Kerja ASEAN tentang Bahan Kimia"]


def test_a_chinese_launch_ceremony_is_named_with_its_verb():
    text = "2024年3月5日,2024中国—东盟海洋合作年启动仪式在北京举行。"
    names = [e["name"] for e in read(text)["events"]]
    assert names == ["2024中国—东盟海洋合作年启动仪式"]


@pytest.mark.parametrize(
    "text",
    [
        "BANGKOK, 3 May 2024 - Since 2009, Japan has sent a delegation to every ASEAN-Japan "
        "Dialogue on Environmental Cooperation.",
        "2009年以来,日本每年都派团出席东盟—日本环境合作对话。",
    ],
)
def test_the_year_a_series_began_does_not_date_a_meeting(text):
    assert read(text)["events"] == []


def test_a_meeting_restated_in_parentheses_is_one_meeting_with_its_series():
    text = (
        "Hà Nội sẽ đăng cai Hội nghị lần thứ 9 Nhóm công tác ASEAN về hóa chất và chất thải "
        "(gọi tắt là Hội nghị AWGCW-9) trong các ngày 3 - 5/6/2024. Hội nghị lần thứ 9 Nhóm "
        "công tác ASEAN về hóa chất khai mạc ngày 3/6/2024."
    )
    events = read(text)["events"]
    assert [(e["series"], e["ordinal"], e["start"], e["end"]) for e in events] == [
        ("awgcw", 9, "2024-06-03", "2024-06-05")
    ]


def test_a_meeting_held_alongside_another_takes_its_days_not_a_chairmanship_year():
    text = (
        "KUCHING: The ministry will host the 19th ASEAN Ministerial Meeting on Environment from "
        "October 6 to 8, 2026 in Kuching.\n\n"
        "Held under the Philippines' ASEAN Chairmanship 2026, the gathering will run alongside "
        "the 21st Meeting of the Conference of the Parties to the ASEAN Agreement on "
        "Transboundary Haze Pollution."
    )
    events = {e["ordinal"]: (e["start"], e["end"]) for e in read(text)["events"]}
    assert events == {19: ("2026-10-06", "2026-10-08"), 21: ("2026-10-06", "2026-10-08")}


def test_a_dateline_without_its_year_takes_the_texts_year_and_dates_today():
    text = (
        "Lima negara setuju perketat kawalan jerebu\n\n"
        "SINGAPURA, 14 Ogos – Mesyuarat Jawatankuasa Pemandu Peringkat Menteri Sub-Serantau "
        "(MSC) kali ke-19 berhubung Pencemaran Jerebu Rentas Sempadan diadakan di sini, hari ini.\n\n"
        "Musim kering dijangka berterusan hingga Oktober 2017."
    )
    result = read(text)
    assert ("2017-08-14", None) in {(d["value"], d["end"]) for d in result["dates"]}
    assert [(e["ordinal"], e["start"]) for e in result["events"]] == [(19, "2017-08-14")]
    assert result["events"][0]["name"].endswith("(MSC) kali ke-19")


def test_filipino_meeting_names_in_lower_case_run_to_their_clause():
    text = (
        "Porum ng Tsina at ASEAN hinggil sa tubig, binuksan sa Kunming\n\n"
        "Kunming—Binuksan dito noong Hunyo 4, 2024 ang porum ng Tsina at Association of Southeast "
        "Asian Nations (ASEAN) hinggil sa pamamahala ng tubig, na dinaluhan ng mga ministro.\n\n"
        "Tinalakay sa pulong ang mga proyekto sa Mekong."
    )
    events = read(text)["events"]
    assert [(e["name"], e["start"]) for e in events] == [
        (
            "porum ng Tsina at Association of Southeast Asian Nations (ASEAN) hinggil sa "
            "pamamahala ng tubig",
            "2024-06-04",
        )
    ]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a range with the day word again and the month only at the end
        (
            "Hà Nội, ngày 20/7/2025\n\nTừ ngày 28 đến ngày 31/7, Hội nghị diễn ra.",
            ("2025-07-28", "2025-07-31"),
        ),
        # months of two years, the second without "tháng"
        ("Dự án kéo dài từ tháng 1/2019 - 12/2022.", ("2019-01", "2022-12")),
        # a range written with the Unicode hyphen
        (
            "Bengkel diadakan pada 25\u201026 Jun 2019 di Bandar Seri Begawan.",
            ("2019-06-25", "2019-06-26"),
        ),
        # a Malay "Sept" and a Lao June written "ມ.ຖ."
        ("KUALA LUMPUR, 4 Sept 2025 – Dialog itu diadakan hari ini.", ("2025-09-04", None)),
        ("ກອງປະຊຸມໄດ້ຈັດຂຶ້ນໃນວັນທີ ມ.ຖ. 17, 2023 ຢູ່ນະຄອນຫຼວງ.", ("2023-06-17", None)),
    ],
)
def test_more_ways_of_writing_dates(text, expected):
    assert expected in dates(text)


def test_a_month_abbreviation_inside_an_acronym_is_no_month():
    text = (
        "Hà Nội, ngày 2/8/2025\n\nĐối thoại Hợp tác Môi trường ASEAN-Nhật Bản (AJDEC) lần thứ 19."
    )
    assert dates(text) == {("2025-08-02", None)}


@pytest.mark.parametrize(
    ("text", "names"),
    [
        (
            "In addition, 'Restoring Mangrove Belts in the Gulf of Thailand' (RESTORE Mangroves) "
            "was officially launched at the meeting.",
            {"Restoring Mangrove Belts in the Gulf of Thailand"},
        ),
        (
            "Korea funded the Project's work under the title \"Community Forestry for Upland "
            'Watersheds" and later supported the Project for Phase 3.',
            {"Community Forestry for Upland Watersheds"},
        ),
        ("论坛期间,各方务实开展项目合作,推动许多具体项目落地。", set()),
        ("គម្រោងរបស់អង្គការសហប្រជាជាតិ និងគម្រោងសំណើសម្រាប់ឆ្នាំ២០២៤ ត្រូវបានពិភាក្សា។", set()),
    ],
)
def test_launched_and_titled_projects_and_no_generic_ones(text, names):
    assert {p["name"] for p in read("Projects\n\n" + text)["projects"]} == names


@pytest.mark.parametrize(
    ("text", "agreements", "mentions"),
    [
        # a statement still to be discussed and presented: a mention
        (
            "Chương trình nghị sự sẽ mở đầu bằng phần thảo luận “Tuyên bố chung ASEAN về biến đổi "
            "khí hậu”, để trình bày tại COP30.",
            [],
            ["Tuyên bố chung ASEAN về biến đổi khí hậu"],
        ),
        # a declaration that exists, which the parties will carry out: an agreement
        (
            "各方重申将致力于落实《澜湄合作第四次领导人会议内比都宣言》。",
            ["澜湄合作第四次领导人会议内比都宣言"],
            [],
        ),
    ],
)
def test_a_statement_yet_to_come_is_a_mention(text, agreements, mentions):
    result = read(text)
    assert [a["name"] for a in result["agreements"]] == agreements
    assert [m["name"] for m in result["mentions"] if m["kind"] == "agreement"] == mentions


def test_a_numbered_title_before_a_lower_case_meeting_word_is_a_meeting():
    text = (
        "KUCHING, 29 July 2025 - Malaysia nominated two parks at the 27th ASEAN Centre for "
        "Biodiversity (ACB) Governing Board (GB) meeting in Kuching today."
    )
    events = read(text)["events"]
    assert [(e["ordinal"], e["start"], e["name"]) for e in events] == [
        (27, "2025-07-29", "27th ASEAN Centre for Biodiversity (ACB) Governing Board (GB) meeting")
    ]


def test_a_malay_weekday_after_pada_dates_against_the_dateline():
    text = (
        "2025-09-05\n\nKUALA LUMPUR: Keputusan itu dicapai ketika Mesyuarat Menteri-Menteri ASEAN "
        "Mengenai Alam Sekitar ke-18 (AMME-18) di Langkawi pada Rabu."
    )
    assert ("2025-09-03", None) in dates(text)
    assert [(e["ordinal"], e["start"]) for e in read(text)["events"]] == [(18, "2025-09-03")]


def test_a_thai_name_carries_on_over_a_spaced_dash_and_its_field():
    text = (
        "เมื่อวันที่ 9 พฤษภาคม 2561 ได้จัดการสัมมนาภายใต้กรอบความร่วมมืออาเซียน – จีน "
        "ด้านการพัฒนาเมืองที่เป็นมิตรกับสิ่งแวดล้อม ณ กรุงปักกิ่ง"
    )
    names = [e["name"] for e in read(text)["events"]]
    assert names == ["การสัมมนาภายใต้กรอบความร่วมมืออาเซียน – จีน ด้านการพัฒนาเมืองที่เป็นมิตรกับสิ่งแวดล้อม"]


def test_events_not_called_meetings():
    text = (
        "MANILA, 2 March 2026 - The first ASEAN Pavilion at the climate conference opened on "
        "1 March 2026, and the ASEAN Youth Campus on Biodiversity ran from 3 to 5 March 2026."
    )
    names = {e["name"] for e in read(text)["events"]}
    assert names == {"first ASEAN Pavilion", "ASEAN Youth Campus on Biodiversity"}
