"""Generated news items and minutes in th, vi, en, id and ms, for throughput benchmarks.

The sentences are written for this purpose: templates whose slots take meetings, places,
countries, numbers and dates in each language's own forms (Buddhist-era years and Thai
digits, "ngày 22-24/8/2023", "22 hingga 24 Ogos 2023", ...), so the extractors have
real work to do, and as many plain sentences between them (about as many facts per
kilobyte as the annotated set). A fixed seed makes every run read the same documents.
"""

from __future__ import annotations

import random
from dataclasses import dataclass

THAI_DIGITS = str.maketrans("0123456789", "๐๑๒๓๔๕๖๗๘๙")
TH_MONTHS = ["มกราคม", "กุมภาพันธ์", "มีนาคม", "เมษายน", "พฤษภาคม", "มิถุนายน", "กรกฎาคม", "สิงหาคม", "กันยายน", "ตุลาคม", "พฤศจิกายน", "ธันวาคม"]  # fmt: skip
TH_SHORT = ["ม.ค.", "ก.พ.", "มี.ค.", "เม.ย.", "พ.ค.", "มิ.ย.", "ก.ค.", "ส.ค.", "ก.ย.", "ต.ค.", "พ.ย.", "ธ.ค."]  # fmt: skip
EN_MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"]  # fmt: skip
ID_MONTHS = ["Januari", "Februari", "Maret", "April", "Mei", "Juni", "Juli", "Agustus", "September", "Oktober", "November", "Desember"]  # fmt: skip
MS_MONTHS = ["Januari", "Februari", "Mac", "April", "Mei", "Jun", "Julai", "Ogos", "September", "Oktober", "November", "Disember"]  # fmt: skip

SERIES = {
    "en": ["ASEAN Ministerial Meeting on the Environment", "ASEAN Senior Officials on the Environment", "Meeting of the ASEAN Working Group on Coastal and Marine Environment", "Meeting of the Sub-Regional Ministerial Steering Committee on Transboundary Haze Pollution"],
    "id": ["Pertemuan Tingkat Menteri Lingkungan Hidup ASEAN", "Pertemuan Pejabat Senior Lingkungan Hidup ASEAN", "Pertemuan Kelompok Kerja ASEAN tentang Perubahan Iklim"],
    "ms": ["Mesyuarat Menteri-Menteri Alam Sekitar ASEAN", "Mesyuarat Pegawai Kanan Alam Sekitar ASEAN", "Mesyuarat Kumpulan Kerja ASEAN mengenai Bandar Mampan dari Segi Alam Sekitar"],
    "vi": ["Hội nghị Bộ trưởng Môi trường ASEAN", "Hội nghị Quan chức cấp cao ASEAN về môi trường", "Hội nghị Nhóm công tác ASEAN về đa dạng sinh học"],
    "th": ["การประชุมรัฐมนตรีสิ่งแวดล้อมอาเซียน", "การประชุมเจ้าหน้าที่อาวุโสด้านสิ่งแวดล้อมอาเซียน", "การประชุมคณะทำงานอาเซียนด้านสิ่งแวดล้อมชายฝั่งและทะเล"],
}  # fmt: skip
PLACES = {
    "en": ["Vientiane, Lao PDR", "Bangkok, Thailand", "Jakarta, Indonesia", "Kuala Lumpur, Malaysia", "Manila, the Philippines", "Ha Noi, Viet Nam"],
    "id": ["Vientiane, Laos", "Bangkok, Thailand", "Jakarta", "Kuala Lumpur, Malaysia", "Manila, Filipina", "Hanoi, Vietnam"],
    "ms": ["Vientiane, Laos", "Bangkok, Thailand", "Jakarta, Indonesia", "Putrajaya", "Manila, Filipina", "Hanoi, Vietnam"],
    "vi": ["Viên Chăn, CHDCND Lào", "Băng Cốc, Thái Lan", "Gia-các-ta, In-đô-nê-xi-a", "Hà Nội", "Ma-ni-la, Phi-líp-pin"],
    "th": ["นครเวียงจันทน์ สปป. ลาว", "กรุงเทพมหานคร", "กรุงจาการ์ตา ประเทศอินโดนีเซีย", "กรุงกัวลาลัมเปอร์ ประเทศมาเลเซีย", "กรุงมะนิลา ประเทศฟิลิปปินส์"],
}  # fmt: skip
PARTNERS = {
    "en": ["Japan", "the Republic of Korea", "China", "the European Union", "the United States", "Australia"],
    "id": ["Jepang", "Korea Selatan", "Tiongkok", "Uni Eropa", "Amerika Serikat", "Australia"],
    "ms": ["Jepun", "Korea Selatan", "China", "Kesatuan Eropah", "Amerika Syarikat", "Australia"],
    "vi": ["Nhật Bản", "Hàn Quốc", "Trung Quốc", "Liên minh châu Âu", "Hoa Kỳ", "Ô-xtrây-li-a"],
    "th": ["ญี่ปุ่น", "สาธารณรัฐเกาหลี", "จีน", "สหภาพยุโรป", "สหรัฐอเมริกา", "ออสเตรเลีย"],
}  # fmt: skip

SENTENCES = {
    "en": [
        "The {ordinal} {series} was held in {place} on {range}.",
        "Ministers adopted the ASEAN Joint Statement on Climate Change and welcomed the Memorandum of Understanding signed with {partner} on {date}.",
        "The project on marine debris monitoring, funded by {partner} through the ASEAN Cooperation Fund, runs from {month} to {year2}.",
        "Delegates reviewed progress on haze prevention, peatland fires and hotspot counts, which fell by {pct} per cent compared with {year}.",
        "A workshop on mangrove restoration and coastal blue carbon took place on {date} with {count} participants.",
        "The Secretariat will circulate the draft report by {month}, ahead of the next meeting in {place}.",
        "Officials discussed circular economy policies, e-waste and plastics, and agreed to meet again in {year2}.",
    ],
    "id": [
        "{series} ke-{n} berlangsung di {place} pada {range}.",
        "Para menteri mengesahkan Pernyataan Bersama ASEAN tentang Perubahan Iklim dan menyambut Nota Kesepahaman dengan {partner} yang ditandatangani pada {date}.",
        "Proyek pemantauan sampah laut yang didanai {partner} berjalan dari {month} hingga {year2}.",
        "Jumlah titik panas kebakaran hutan dan lahan gambut turun {pct} persen dibandingkan tahun {year}.",
        "Lokakarya restorasi mangrove diadakan pada {date} dan diikuti {count} peserta dari negara anggota ASEAN.",
        "Sekretariat akan mengedarkan rancangan laporan pada {month} sebelum pertemuan berikutnya di {place}.",
    ],
    "ms": [
        "{series} Ke-{n} telah diadakan di {place} pada {range}.",
        "Para menteri menerima pakai Kenyataan Bersama ASEAN mengenai Perubahan Iklim dan mengalu-alukan Memorandum Persefahaman dengan {partner} yang ditandatangani pada {date}.",
        "Projek pemantauan sisa marin yang dibiayai oleh {partner} berjalan dari {month} hingga {year2}.",
        "Bilangan titik panas kebakaran tanah gambut menurun sebanyak {pct} peratus berbanding tahun {year}.",
        "Bengkel pemulihan bakau telah diadakan pada {date} dengan penyertaan {count} peserta.",
        "Sekretariat akan mengedarkan draf laporan pada {month} sebelum mesyuarat seterusnya di {place}.",
    ],
    "vi": [
        "{series} lần thứ {n} đã diễn ra tại {place} vào {range}.",
        "Các Bộ trưởng đã thông qua Tuyên bố chung ASEAN về biến đổi khí hậu và hoan nghênh Bản ghi nhớ với {partner} được ký ngày {date}.",
        "Dự án giám sát rác thải nhựa đại dương do {partner} tài trợ được thực hiện từ {month} đến năm {year2}.",
        "Số điểm cháy rừng và cháy đất than bùn giảm {pct}% so với năm {year}.",
        "Hội thảo về phục hồi rừng ngập mặn được tổ chức {date} với sự tham gia của {count} đại biểu.",
        "Ban Thư ký sẽ gửi dự thảo báo cáo vào {month} trước cuộc họp tiếp theo tại {place}.",
    ],
    "th": [
        "{series} ครั้งที่ {n} จัดขึ้นที่{place} ระหว่าง{range}",
        "ที่ประชุมได้รับรองแถลงการณ์ร่วมอาเซียนว่าด้วยการเปลี่ยนแปลงสภาพภูมิอากาศ และยินดีต่อบันทึกความเข้าใจกับ{partner}ซึ่งลงนามเมื่อ{date}",
        "โครงการติดตามขยะทะเลที่ได้รับการสนับสนุนจาก{partner}ดำเนินการตั้งแต่{month} ถึงปี {year2}",
        "จำนวนจุดความร้อนจากไฟป่าและพื้นที่พรุลดลงร้อยละ {pct} เมื่อเทียบกับปี {year}",
        "การฝึกอบรมเรื่องการฟื้นฟูป่าชายเลนจัดขึ้นเมื่อ{date} มีผู้เข้าร่วม {count} คน",
        "สำนักเลขาธิการจะเวียนร่างรายงานภายใน{month} ก่อนการประชุมครั้งต่อไปที่{place}",
    ],
}  # fmt: skip


# Sentences with no date, number or name in them, as news items and minutes carry between
# the facts (background, quotes, purposes), so the documents are as dense in facts as the
# annotated set rather than a list of facts.
NARRATIVE = {
    "en": [
        "Participants shared experiences on policies that reduce pollution at its source and on ways to involve local communities.",
        "The discussion highlighted the need for reliable data, stronger monitoring and closer coordination among national agencies.",
        "Speakers stressed that regional cooperation remains essential to protect ecosystems that do not stop at national borders.",
        "Delegates agreed that capacity building for local governments should remain a priority in the coming work programme.",
        "The meeting also exchanged views on financing, technology transfer and the role of the private sector.",
        "Officials noted that public awareness campaigns had helped change behaviour in several pilot areas.",
    ],
    "id": [
        "Para peserta berbagi pengalaman mengenai kebijakan pengendalian pencemaran dan cara melibatkan masyarakat setempat.",
        "Diskusi menekankan pentingnya data yang andal, pemantauan yang lebih kuat, serta koordinasi antarlembaga.",
        "Kerja sama regional dinilai penting untuk melindungi ekosistem yang tidak mengenal batas negara.",
        "Peningkatan kapasitas pemerintah daerah tetap menjadi prioritas dalam program kerja mendatang.",
        "Pertemuan juga membahas pembiayaan, alih teknologi, dan peran sektor swasta.",
        "Kampanye kesadaran publik dinilai berhasil mengubah perilaku masyarakat di beberapa lokasi percontohan.",
    ],
    "ms": [
        "Para peserta berkongsi pengalaman tentang dasar kawalan pencemaran dan cara melibatkan komuniti setempat.",
        "Perbincangan menekankan keperluan data yang boleh dipercayai, pemantauan yang lebih kukuh dan penyelarasan antara agensi.",
        "Kerjasama serantau kekal penting untuk melindungi ekosistem yang merentasi sempadan negara.",
        "Pembinaan kapasiti pihak berkuasa tempatan akan terus diberi keutamaan dalam program kerja akan datang.",
        "Mesyuarat turut bertukar pandangan mengenai pembiayaan, pemindahan teknologi dan peranan sektor swasta.",
        "Kempen kesedaran awam didapati berjaya mengubah tingkah laku orang ramai di beberapa kawasan perintis.",
    ],
    "vi": [
        "Các đại biểu đã chia sẻ kinh nghiệm về chính sách kiểm soát ô nhiễm từ nguồn và cách thu hút cộng đồng địa phương tham gia.",
        "Thảo luận nhấn mạnh sự cần thiết của dữ liệu tin cậy, tăng cường quan trắc và phối hợp chặt chẽ giữa các cơ quan.",
        "Hợp tác khu vực được đánh giá là rất cần thiết để bảo vệ các hệ sinh thái vượt qua biên giới quốc gia.",
        "Nâng cao năng lực cho chính quyền địa phương tiếp tục là ưu tiên trong chương trình công tác sắp tới.",
        "Hội nghị cũng trao đổi về tài chính, chuyển giao công nghệ và vai trò của khu vực tư nhân.",
        "Các chiến dịch nâng cao nhận thức cộng đồng đã góp phần thay đổi hành vi tại nhiều địa bàn thí điểm.",
    ],
    "th": [
        "ผู้เข้าร่วมได้แลกเปลี่ยนประสบการณ์ด้านนโยบายการควบคุมมลพิษจากแหล่งกำเนิดและการมีส่วนร่วมของชุมชนท้องถิ่น",
        "ที่ประชุมเน้นย้ำความสำคัญของข้อมูลที่เชื่อถือได้ การติดตามตรวจสอบที่เข้มแข็ง และการประสานงานระหว่างหน่วยงาน",
        "ความร่วมมือในระดับภูมิภาคยังคงมีความจำเป็นต่อการปกป้องระบบนิเวศที่ไม่มีพรมแดน",
        "การเสริมสร้างศักยภาพขององค์กรปกครองส่วนท้องถิ่นจะยังคงเป็นลำดับความสำคัญในแผนงานต่อไป",
        "ที่ประชุมยังได้หารือเรื่องการเงิน การถ่ายทอดเทคโนโลยี และบทบาทของภาคเอกชน",
        "การรณรงค์สร้างความตระหนักรู้ช่วยให้ประชาชนในพื้นที่นำร่องหลายแห่งปรับเปลี่ยนพฤติกรรม",
    ],
}  # fmt: skip


@dataclass
class GeneratedDocument:
    name: str
    language: str
    data: bytes


def _dates(language: str, rng: random.Random) -> dict[str, str]:
    year = rng.randint(2015, 2026)
    month = rng.randint(1, 12)
    day = rng.randint(1, 25)
    end = day + rng.randint(1, 3)
    if language == "th":
        be = year + 543
        digits = (lambda s: s.translate(THAI_DIGITS)) if rng.random() < 0.3 else (lambda s: s)
        return {
            "date": digits(f"วันที่ {day} {TH_SHORT[month - 1]} {be}"),
            "range": digits(f"วันที่ {day} - {end} {TH_MONTHS[month - 1]} {be}"),
            "month": f"เดือน{TH_MONTHS[month - 1]} พ.ศ. {be}",
            "year": digits(f"พ.ศ. {be - 1}"),
            "year2": digits(f"{be + 2}"),
        }
    if language == "vi":
        return {
            "date": f"ngày {day}/{month}/{year}",
            "range": f"ngày {day}-{end}/{month}/{year}",
            "month": f"tháng {month} năm {year}",
            "year": str(year - 1),
            "year2": str(year + 2),
        }
    months = {"en": EN_MONTHS, "id": ID_MONTHS, "ms": MS_MONTHS}[language]
    joiner = {"en": "–", "id": "-", "ms": " hingga "}[language]
    return {
        "date": f"{day} {months[month - 1]} {year}",
        "range": f"{day}{joiner}{end} {months[month - 1]} {year}",
        "month": f"{months[month - 1]} {year}",
        "year": str(year - 1),
        "year2": str(year + 2),
    }


def _paragraph(language: str, rng: random.Random) -> str:
    sentences = []
    for _ in range(rng.randint(2, 5)):
        if rng.random() < 0.5:
            sentences.append(rng.choice(NARRATIVE[language]))
            continue
        template = rng.choice(SENTENCES[language])
        n = rng.randint(1, 40)
        slots = {
            "series": rng.choice(SERIES[language]),
            "ordinal": f"{n}{'th' if 10 <= n % 100 <= 20 else {1: 'st', 2: 'nd', 3: 'rd'}.get(n % 10, 'th')}",
            "n": str(n),
            "place": rng.choice(PLACES[language]),
            "partner": rng.choice(PARTNERS[language]),
            "pct": str(rng.randint(5, 60)),
            "count": f"{rng.randint(20, 2500):,}",
            **_dates(language, rng),
        }
        sentences.append(template.format(**slots))
    return (
        ("" if language == "th" else " ")
        .join(s + (" " if language == "th" else "") for s in sentences)
        .strip()
    )


def _wrap(text: str, title: str, kind: str) -> bytes:
    if kind == "html":
        body = "".join(f"<p>{p}</p>" for p in text.split("\n\n"))
        return (
            f"<!doctype html><html><head><title>{title}</title><script>var built='2001-01-01';</script>"
            f"</head><body><nav><a href='/'>Home</a> | <a href='/news'>News</a></nav>"
            f"<article><h1>{title}</h1>{body}</article><footer>Contact us</footer></body></html>"
        ).encode()
    if kind == "md":
        return f"# {title}\n\n{text}\n".encode()
    return f"{title}\n\n{text}\n".encode()


def generate(count: int, *, seed: int = 2026) -> list[GeneratedDocument]:
    """`count` documents, the five languages in turn; sizes from one paragraph to about 30."""
    rng = random.Random(seed)
    languages = ["th", "vi", "en", "id", "ms"]
    documents = []
    for number in range(count):
        language = languages[number % len(languages)]
        paragraphs = rng.choice([1, 3, 5, 8, 12, 30])
        text = "\n\n".join(_paragraph(language, rng) for _ in range(paragraphs))
        title = rng.choice(SERIES[language])
        kind = rng.choices(["txt", "html", "md"], weights=[8, 1, 1])[0]
        documents.append(
            GeneratedDocument(f"{number:05d}-{language}.{kind}", language, _wrap(text, title, kind))
        )
    return documents
