"""Short documents written for these tests: one meeting (the 36th ASOEN) reported in three
languages, another number of the same series, and a source that gives other dates."""

from __future__ import annotations

from envcoop.ingestion.models import Visibility
from envcoop.ingestion.pipeline import Filing, Outcome, ingest_bytes

PUBLIC = Filing(visibility=Visibility.PUBLIC)  # public news: anyone reads it

ASOEN36_EN = """ASEAN officials prepare ministers' agenda in Manila

Manila, 16 October 2025 — The 36th Meeting of the ASEAN Senior Officials on the Environment \
(36th ASOEN) was held in Manila, the Philippines, on 14–15 October 2025. Delegates reviewed the \
work of the seven working groups and agreed on the documents to put before the ministers.
"""

ASOEN36_TH = """ทส. ร่วมประชุมเจ้าหน้าที่อาวุโสอาเซียนด้านสิ่งแวดล้อม

เมื่อวันที่ 14 - 15 ตุลาคม 2568 ผู้แทนกระทรวงทรัพยากรธรรมชาติและสิ่งแวดล้อมเข้าร่วม\
การประชุมเจ้าหน้าที่อาวุโสด้านสิ่งแวดล้อมอาเซียน ครั้งที่ 36 ณ กรุงมะนิลา ประเทศฟิลิปปินส์ \
ที่ประชุมได้ทบทวนผลการดำเนินงานของคณะทำงานทั้งเจ็ดคณะ
"""

ASOEN36_VI = """Việt Nam tham dự Hội nghị ASOEN 36

Ngày 14-15/10/2025, Hội nghị Quan chức cao cấp ASEAN về môi trường lần thứ 36 (ASOEN 36) đã \
diễn ra tại Manila, Philippines. Đoàn Việt Nam do Bộ Tài nguyên và Môi trường cử tham dự đã \
chia sẻ kết quả hợp tác trong năm.
"""

ASOEN35_EN = """Senior officials meet in Kuala Lumpur

Kuala Lumpur, 10 October 2024 — The 35th Meeting of the ASEAN Senior Officials on the \
Environment (35th ASOEN) took place in Kuala Lumpur, Malaysia, on 8–9 October 2024.
"""

ASOEN36_OTHER_DATES = """Philippines hosts ASEAN environment officials

Quezon City, 20 October 2025 — The Philippines hosted the 36th Meeting of the ASEAN Senior \
Officials on the Environment (36th ASOEN) in Manila on 13–14 October 2025, the department said.
"""

NEW_DEPARTMENT_VI = """Cục Biến đổi khí hậu tham gia hội thảo khu vực

Ngày 5/3/2025, Cục Biến đổi khí hậu đã chủ trì buổi làm việc với các chuyên gia về kiểm kê \
khí nhà kính tại Hà Nội.
"""

NEW_DEPARTMENT_VI_AGAIN = """Tập huấn kiểm kê khí nhà kính

Ngày 12/6/2025, Cục Biến đổi khí hậu tổ chức lớp tập huấn cho cán bộ các tỉnh tại Đà Nẵng.
"""


def ingest(text: str, name: str) -> Outcome:
    outcome = ingest_bytes(text.encode("utf-8"), source=name, filename=name, filing=PUBLIC)
    assert outcome.status in ("stored", "re-read"), outcome.message
    return outcome
