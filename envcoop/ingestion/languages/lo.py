"""Lao: no spaces between words (ICU cuts them), Lao digits, "ວັນທີ 5 ຕຸລາ 2022", ordinals
"ຄັ້ງທີ 17", Buddhist-era years marked ພ.ສ."""

from envcoop.ingestion.languages.base import LanguageProfile
from envcoop.ingestion.segment import words


def _lao_words(text: str) -> list[tuple[int, int]]:
    return words(text, "lo")


PROFILE = LanguageProfile(
    code="lo",
    babel_locale="lo_LA",
    tokenize=_lao_words,
    unspaced=True,
    home_country="LA",
    month_prefix="ເດືອນ",
    day_prefix="ວັນທີ",
    year_prefix="ປີ",
    between_date_words=r"ລະຫວ່າງ(?:ວັນທີ)?",
    and_date_words=r"(?:ແລະ|ຫາ|ເຖິງ)",
    range_words=("ຫາວັນທີ", "ເຖິງວັນທີ", "ຫາ", "ເຖິງ", "-"),
    this_words=("ນີ້",),
    next_words=("ໜ້າ",),
    last_words=("ກາຍ", "ຜ່ານມາ"),
    today=("ມື້ນີ້",),
    yesterday=("ມື້ວານນີ້", "ມື້ວານ"),
    tomorrow=("ມື້ອື່ນ",),
    part_of_month=("ຕົ້ນເດືອນ", "ກາງເດືອນ", "ທ້າຍເດືອນ"),
    meeting_words=(
        "ກອງປະຊຸມ",
        "ການປະຊຸມ",
        "ກອງປະຊຸມສຳມະນາ",
        "ສຳມະນາ",
        "ເວທີ",
        "ພິທີ",
        "ການຝຶກອົບຮົມ",
        "ອາທິດ",
        "ກອງປະຊຸມປຶກສາຫາລື",
    ),
    ordinal_patterns=(r"(?:ຄັ້ງ|ເທື່ອ)\s*ທີ\s*(?P<n>\d{1,3})",),
    place_words=("ທີ່", "ຢູ່", "ນະ", "ໃນ"),
    online_words=("ຜ່ານລະບົບທາງໄກ", "ລະບົບທາງໄກ", "ທາງໄກ", "ອອນລາຍ", "ຜ່ານລະບົບອອນລາຍ"),
    host_words=("ເຈົ້າພາບ",),
    host_patterns=(
        r"(?P<host>\S{2,30}?)\s*(?:ໄດ້)?ເປັນເຈົ້າພາບ",
        r"ເຈົ້າພາບ(?:ໂດຍ)?\s*(?P<host>\S{2,30})",
    ),
    agreement_words={
        "ບົດບັນທຶກຄວາມເຂົ້າໃຈ": "mou",
        "ບົດບັນທຶກຄວາມເຂົ້າໃຈກັນ": "mou",
        "ຖະແຫຼງການຮ່ວມ": "joint-statement",
        "ແຈ້ງການຮ່ວມ": "joint-statement",
        "ຖະແຫລງການຮ່ວມ": "joint-statement",
        "ຖະແຫຼງການ": "declaration",
        "ປະກາດ": "declaration",
        "ສັນຍາ": "agreement",
        "ຂໍ້ຕົກລົງ": "agreement",
        "ສົນທິສັນຍາ": "treaty",
        "ອະນຸສັນຍາ": "treaty",
    },
    framework_words={
        "ແຜນປະຕິບັດງານ": "action-plan",
        "ຍຸດທະສາດ": "strategy",
        "ແຜນຍຸດທະສາດ": "strategy",
        "ແຜນແມ່ບົດ": "other",
        "ແຜນວຽກ": "work-plan",
        "ວິໄສທັດ": "other",
    },
    priority_cues=(
        r"ບຸລິມະສິດ",
        r"ທິດທາງແຜນການ",
        r"ແຜນການປີ\s*(?P<y>\d{4})",
    ),
    signing_words=(
        "ລົງນາມ",
        "ຮັບຮອງ",
    ),
    draft_words=("ຮ່າງ",),
    project_words=("ໂຄງການ", "ແຜນງານ"),
    fund_words=("ກອງທຶນ",),
    since_words=("ນັບແຕ່", "ແຕ່"),
    between_words=("ລະຫວ່າງ",),
    area_terms={
        "climate-change": {
            "ການປ່ຽນແປງດິນຟ້າອາກາດ": 3,
            "ປ່ຽນແປງດິນຟ້າອາກາດ": 3,
            "ດິນຟ້າອາກາດ": 1,
            "ອາຍເຮືອນແກ້ວ": 2,
            "ຄາບອນ": 1,
        },
        "water-resources": {"ຊັບພະຍາກອນນ້ຳ": 3, "ການຄຸ້ມຄອງນ້ຳ": 2, "ແມ່ນ້ຳຂອງ": 1, "ອ່າງໂຕ່ງ": 2},
        "marine-coastal": {"ທະເລ": 2, "ແຄມທະເລ": 2, "ຂີ້ເຫຍື້ອທະເລ": 3, "ປ່າຊາຍເລນ": 2},
        "biodiversity": {
            "ຊີວະນາໆພັນ": 3,
            "ຊີວະນານາພັນ": 3,
            "ຄວາມຫຼາກຫຼາຍທາງຊີວະພາບ": 3,
            "ອຸທະຍານມໍລະດົກອາຊຽນ": 3,
            "ສັດປ່າ": 2,
            "ປ່າສະຫງວນ": 2,
        },
        "sustainable-cities": {"ຕົວເມືອງຍືນຍົງ": 3, "ເມືອງຍືນຍົງ": 3, "ເມືອງສະອາດ": 2},
        "chemicals-waste": {"ສານເຄມີ": 2, "ສິ່ງເສດເຫຼືອ": 2, "ຂີ້ເຫຍື້ອ": 1, "ພລາສຕິກ": 1, "ຢາງ": 0},
        "environmental-education": {"ສຶກສາສິ່ງແວດລ້ອມ": 3, "ການສຶກສາສິ່ງແວດລ້ອມ": 3, "ໂຮງຮຽນສີຂຽວ": 2},
        "transboundary-haze": {"ໝອກຄວັນຂ້າມແດນ": 3, "ມົນລະພິດໝອກຄວັນ": 3, "ໝອກຄວັນ": 2, "ໄຟໄໝ້ປ່າ": 2},
    },
)
