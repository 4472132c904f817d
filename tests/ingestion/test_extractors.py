"""The extractors on short texts written for each rule, in each language (real registry names)."""

import pytest

from envcoop.ingestion.contract import to_contract
from envcoop.ingestion.parsers import Parsed
from envcoop.ingestion.understand import understand_parsed

pytestmark = pytest.mark.django_db


def read(text: str) -> dict:
    return to_contract(understand_parsed(Parsed(text=text, format="text")), "test")


@pytest.mark.parametrize(
    ("text", "codes"),
    [
        (
            "Hội nghị diễn ra tại Viên Chăn, CHDCND Lào, với sự tham gia của Nhật Bản và Hoa Kỳ.",
            {"LA", "JP", "US"},
        ),
        ("ผู้แทนจาก สปป. ลาว และสาธารณรัฐประชาชนจีน เข้าร่วมการประชุมครั้งนี้ด้วยกันหลายท่าน", {"LA", "CN"}),
        (
            "Delegates from the Lao PDR, Viet Nam and the Republic of Korea met the Thai delegation.",
            {"LA", "VN", "KR", "TH"},
        ),
        (
            "Delegasi Indonesia bertemu pejabat Tiongkok dan Uni Eropa di Jakarta pada pertemuan itu.",
            {"ID", "CN", "EU"},
        ),
        (
            "Mesyuarat di Kuala Lumpur dihadiri wakil Amerika Syarikat dan Kesatuan Eropah sahaja.",
            {"MY", "US", "EU"},
        ),
    ],
)
def test_countries_in_every_form(text, codes):
    assert set(read(text)["countries"]) == codes


def test_a_country_word_inside_another_word_is_not_a_country():
    result = read(
        "The meeting reviewed marine debris, an apparently laotian-free example: Chinatown and Japanning."
    )
    assert "CN" not in result["countries"] and "JP" not in result["countries"]


def test_organisations_from_the_registry_and_from_how_ministries_are_named():
    result = read(
        "กรมควบคุมมลพิษ (คพ.) และกระทรวงทรัพยากรธรรมชาติและสิ่งแวดล้อม ร่วมกับ China-ASEAN Environment "
        "Cooperation Center จัดการประชุมหารือ"
    )
    names = {o["name"]: o["country"] for o in result["organisations"]}
    assert names["กรมควบคุมมลพิษ"] == "TH"
    assert names["China-ASEAN Environment Cooperation Center"] == "CN"
    english = read(
        "The Ministry of Environment and Water of Malaysia and the ASEAN Secretariat (ASEC) signed it."
    )
    found = {o["name"]: o for o in english["organisations"]}
    assert "Ministry of Environment and Water of Malaysia" in found
    assert found["Ministry of Environment and Water of Malaysia"]["country"] == "MY"


def test_a_name_the_registry_learns_is_recognised_in_the_next_document():
    from envcoop.registry.services.labels import NameSet
    from envcoop.registry.services.organisations import organisation_upsert

    text = "The Green Mekong Alliance joined the meeting in Vientiane."
    assert not any(o["name"] == "Green Mekong Alliance" for o in read(text)["organisations"])
    organisation_upsert(
        key="t-gma", type="ngo", country="LA", names=NameSet(names={"en": "Green Mekong Alliance"})
    )
    found = {o["name"]: o for o in read(text)["organisations"]}
    assert found["Green Mekong Alliance"]["country"] == "LA"


@pytest.mark.parametrize(
    ("text", "series", "ordinal", "start", "end", "place", "country"),
    [
        (
            "Hội nghị Bộ trưởng Môi trường ASEAN lần thứ 17 (AMME17) diễn ra ngày 22-24/8/2023 tại Viên Chăn, CHDCND Lào.",
            "amme",
            17,
            "2023-08-22",
            "2023-08-24",
            "Viên Chăn",
            "LA",
        ),
        (
            "The 33rd Meeting of the ASEAN Senior Officials on the Environment was held in Bangkok on 4–5 October 2022.",
            "asoen",
            33,
            "2022-10-04",
            "2022-10-05",
            "Bangkok",
            "TH",
        ),
        (
            "การประชุมเจ้าหน้าที่อาวุโสอาเซียนด้านสิ่งแวดล้อม ครั้งที่ 34 จัดขึ้นเมื่อวันที่ 3 - 5 ต.ค. 2566 ณ กรุงเทพฯ",
            "asoen",
            34,
            "2023-10-03",
            "2023-10-05",
            "กรุงเทพฯ",
            "TH",
        ),
        (
            "Pertemuan ASOEN ke-24 berlangsung di Jakarta pada 22-24 Agustus 2023 dan dihadiri seluruh negara anggota.",
            "asoen",
            24,
            "2023-08-22",
            "2023-08-24",
            "Jakarta",
            "ID",
        ),
        (
            "The 8th AWGCW meeting took place online on 12 March 2024, with all Member States attending.",
            "awgcw",
            8,
            "2024-03-12",
            None,
            "online",
            None,
        ),
    ],
)
def test_meetings_with_series_ordinal_dates_and_place(
    text, series, ordinal, start, end, place, country
):
    [event] = read(text)["events"]
    assert (event["series"], event["ordinal"], event["start"], event["end"]) == (
        series,
        ordinal,
        start,
        end,
    )
    assert (event["place"], event["country"]) == (place, country)


def test_a_meeting_needs_a_date_and_each_date_goes_to_the_nearest_meeting():
    text = (
        "The Ministers thanked the Meeting of the ASEAN Working Group on Climate Change, and the "
        "ASEAN–Japan Dialogue on Environmental Cooperation took place in Tokyo on 3 July 2024."
    )
    events = read(text)["events"]
    assert [(e["series"], e["start"], e["country"]) for e in events] == [
        ("asean-japan-dialogue", "2024-07-03", "JP")
    ]


def test_the_host_is_read_from_the_paragraph():
    text = (
        "China hosted the ASEAN–China Environmental Cooperation Week 2022 online on 22–24 June 2022. "
        "Officials exchanged views on low-carbon cities."
    )
    [event] = read(text)["events"]
    assert (event["series"], event["host"], event["place"]) == (
        "asean-china-cooperation-week",
        "CN",
        "online",
    )


@pytest.mark.parametrize(
    ("text", "name", "kind", "date"),
    [
        (
            "กรมทรัพยากรทางทะเลและชายฝั่ง ลงนาม MoU on Relating to Pilot Cooperation on Mangrove Conservation "
            "ระหว่างสองหน่วยงาน เมื่อวันที่ 9 พฤษภาคม 2561 ณ กรุงปักกิ่ง",
            "MoU on Relating to Pilot Cooperation on Mangrove Conservation",
            "mou",
            "2018-05-09",
        ),
        (
            "The Ministers adopted the ASEAN Joint Statement on Climate Change to COP28 on 24 August 2023.",
            "ASEAN Joint Statement on Climate Change to COP28",
            "joint-statement",
            "2023-08-24",
        ),
        (
            "Hai bên đã ký Bản ghi nhớ về hợp tác trong lĩnh vực môi trường vào tháng 8 năm 2023.",
            "Bản ghi nhớ về hợp tác trong lĩnh vực môi trường",
            "mou",
            "2023-08",
        ),
        (
            "KLHK dan DOE menandatangani Nota Kesepahaman tentang Pengelolaan Gambut pada 5 Mei 2023.",
            "Nota Kesepahaman tentang Pengelolaan Gambut",
            "mou",
            "2023-05-05",
        ),
    ],
)
def test_agreements(text, name, kind, date):
    [agreement] = read(text)["agreements"]
    assert (agreement["name"], agreement["kind"], agreement["date"]) == (name, kind, date)


def test_a_treaty_named_inside_a_statement_and_a_name_restated_in_parentheses():
    result = read(
        "They adopted the ASEAN Joint Statement on Climate Change to the 28th Conference of the "
        "Parties to the United Nations Framework Convention on Climate Change on 24 August 2023."
    )
    names = [a["name"] for a in result["agreements"]]
    assert "United Nations Framework Convention on Climate Change" in names
    assert names[0].startswith("ASEAN Joint Statement on Climate Change to the 28th Conference")
    thai = read(
        "โครงการได้รับการยกระดับตามปฏิญญาอาเซียนว่าด้วยอุทยานมรดก (ASEAN Declaration on Heritage "
        "Parks) ซึ่งรัฐมนตรีลงนามเมื่อวันที่ 18 ธันวาคม 2546"
    )
    assert [a["name"] for a in thai["agreements"]] == ["ปฏิญญาอาเซียนว่าด้วยอุทยานมรดก"]


def test_the_meeting_of_the_parties_is_not_part_of_the_treatys_name():
    [agreement] = read(
        "Pertemuan ke-18 Konferensi Para Pihak Persetujuan ASEAN tentang Pencemaran Asap Lintas "
        "Batas berlangsung pada 24 Agustus 2023."
    )["agreements"]
    assert agreement["name"] == "Persetujuan ASEAN tentang Pencemaran Asap Lintas Batas"


def test_minutes_name_their_meeting_in_the_title_and_date_it_on_a_labelled_line():
    text = (
        "MINIT MESYUARAT JAWATANKUASA TEKNIKAL KEBANGSAAN PENGURUSAN BAHAN KIMIA BIL. 1/2026\n\n"
        "Tarikh  : 15 Januari 2026 (Khamis)\nMasa    : 9.30 pagi\n\n"
        "Tempat  : Bilik Mesyuarat Cempaka, Putrajaya\n\n1. Pengerusi mengalu-alukan ahli."
    )
    [event] = read(text)["events"]
    assert (event["ordinal"], event["start"]) == (1, "2026-01-15")
    assert event["name"].startswith("MESYUARAT JAWATANKUASA TEKNIKAL")
    assert event["place"] == "Putrajaya"  # the place on the venue line


def test_treaty_meetings_by_number_and_ordinals_in_words():
    result = read(
        "Speakers discussed the goal agreed at COP29 in Baku in November 2024. The Twenty-Seventh "
        "Meeting of the ASEAN Task Force on Peatlands will be held in September 2025."
    )
    found = {(e["ordinal"], e["start"]) for e in result["events"]}
    assert found == {(29, "2024-11"), (27, "2025-09")}
    assert all(e["place"] != "September" for e in result["events"])


def test_a_plan_period_or_a_target_year_is_not_when_a_meeting_met():
    text = (
        "Hà Nội, ngày 25/8/2023\n\nTại Hội nghị COP28, Việt Nam giới thiệu Chiến lược quốc gia giai "
        "đoạn 2021-2030 với tầm nhìn đến năm 2050."
    )
    assert read(text)["events"] == []


def test_plans_and_common_nouns_are_not_agreements():
    result = read(
        "The ASEAN Regional Action Plan for Combating Marine Debris 2021–2025 was reviewed, and the "
        "parties reached an agreement on next steps."
    )
    assert result["agreements"] == []


def test_projects_with_fund_partners_and_start():
    text = (
        "4. ความร่วมมือทางทะเล ดำเนินโครงการความร่วมมือกับจีนภายใต้กองทุน ASEAN - China Maritime "
        "Cooperation Fund ดังนี้\n"
        "(1) โครงการ Technical Cooperation on Marine Debris and Microplastic Monitoring and Research "
        "ดำเนินการตั้งแต่ปี พ.ศ. 2560 จนถึงปัจจุบัน\n"
        "(2) โครงการ Promotion of Blue Economy in Trat เพื่อศึกษาแนวทางการจัดการทรัพยากรทางทะเล"
    )
    projects = read(text)["projects"]
    assert [p["name"] for p in projects] == [
        "Technical Cooperation on Marine Debris and Microplastic Monitoring and Research",
        "Promotion of Blue Economy in Trat",
    ]
    assert all(p["fund"] == "ASEAN - China Maritime Cooperation Fund" for p in projects)
    assert projects[0]["start"] == "2017" and "CN" in projects[0]["partners"]


def test_generic_project_words_are_not_projects():
    result = read("จีนรายงานผลการดำเนินงานโครงการความร่วมมือที่ผ่านมา และโครงการต่าง ๆ ในอนาคต")
    assert result["projects"] == []


def test_areas_need_more_than_a_passing_mention():
    enumeration = (
        "Năm 2023 hợp tác ASEAN về môi trường trong 8 lĩnh vực, bao gồm: biến đổi khí hậu; quản lý tài nguyên "
        "nước; môi trường biển và đới bờ; bảo tồn đa dạng sinh học; thành phố bền vững về môi trường; hóa chất và "
        "chất thải; giáo dục môi trường; và ô nhiễm khói mù xuyên biên giới.\n\n"
        "Về ô nhiễm khói mù xuyên biên giới: các nước theo dõi điểm nóng và cháy rừng trên đất than bùn. "
        "Khói mù xuyên biên giới giảm nhờ phòng chống cháy rừng và quản lý than bùn."
    )
    assert read(enumeration)["areas"] == ["transboundary-haze"]


def test_an_emoji_does_not_change_what_a_thai_text_says():
    text = (
        "กรมทรัพยากรทางทะเลและชายฝั่งจัดกิจกรรมเก็บขยะทะเลและฟื้นฟูป่าชายเลนร่วมกับชุมชน "
        "เมื่อวันที่ 8 มิถุนายน 2566 เพื่อลดขยะพลาสติกในทะเลและอนุรักษ์ระบบนิเวศชายฝั่ง "
        "โครงการนี้ช่วยลดขยะทะเลได้มากกว่า 2 ตัน และปลูกป่าชายเลนเพิ่ม"
    )
    plain, decorated = read(text), read("🌏 " + text + " 🐢")
    for field in ("areas", "countries", "organisations"):
        assert plain[field] == [
            {**item, "span": [item["span"][0] - 2, item["span"][1] - 2]}
            if isinstance(item, dict) and item.get("span")
            else item
            for item in decorated[field]
        ]
    assert [d["value"] for d in plain["dates"]] == [d["value"] for d in decorated["dates"]]
    assert "marine-coastal" in plain["areas"]
