"""Organisations and bodies: names the registry knows, and national bodies written out in full.

Known names come from the gazetteer (the registry's names, acronyms and aliases).
Others are recognised by how each language names a ministry, department or centre
("Ministry of ...", "Bộ ...", "กรม...", "Kementerian ...", "Jabatan ..."); such a
body is given the country its name mentions, or else the country whose language
names national bodies that way (a Thai "กรม..." is Thai).
"""

from __future__ import annotations

import re
from functools import cache

from envcoop.ingestion.extractors.base import Claim, Context
from envcoop.ingestion.extractors.names import countries_in, gazetteer_of, known_names
from envcoop.ingestion.spans import Spans

NAME = "organisations"
VERSION = "1"

# Words that end a name in scripts without spaces: the verbs and clause words that follow
# a body's name straight away ("กรมอาเซียนจับมือ...", "ກົມປ່າໄມ້ເປັນຜູ້...").
_VERB_AFTER = {
    "th": re.compile(
        r"(?:ได้|จะ|เป็น|ร่วม|จัด|มี|ให้|ลงนาม|เข้าร่วม|กล่าว|นำ|ส่ง|รับรอง|จับมือ|ประชุม|โดย|ซึ่ง|และ|ที่|ใน|ณ|เมื่อ|ร่วมกับ|พร้อม|ภายใต้)"
    ),
    "lo": re.compile(r"(?:ໄດ້|ຈະ|ເປັນ|ຮ່ວມ|ຈັດ|ມີ|ໃຫ້|ລົງນາມ|ເຂົ້າຮ່ວມ|ກ່າວ|ນຳ|ໂດຍ|ຊຶ່ງ|ເຊິ່ງ|ແລະ|ທີ່|ໃນ|ຢູ່)"),
    "km": re.compile(r"(?:បាន|នឹង|ជា|រួម|រៀបចំ|មាន|ឲ្យ|ចុះ|ចូលរួម|ថ្លែង|ដឹកនាំ|ដោយ|ដែល|និង|នៅ|ក្នុង|សហការ)"),
}

_CAP = r"[A-ZÀ-ÞĐ][\w&’'\-]*"
# Names lie on one line, their words separated by spaces ("[ ]+", never a tab or a line
# break: a table of names must not read as one name), and the words before a head word
# are bounded, so that a long run of capitalised words costs linear time, not quadratic.
_PATTERNS = {
    "en": rf"(?:(?:{_CAP}|of|the|and|for|&) +){{0,8}}?(?:Ministry|Department|Agency|Office|Centre|Center|"
    rf"Secretariat|Institute|Authority|Commission|Bureau|Council|Foundation|Directorate|Administration)"
    rf"(?: +(?:of|for|on|and|&) +(?:the +)?{_CAP}(?: +(?:{_CAP}|and|&))*)+"
    # "Forest Research Institute Malaysia", "Sarawak Digital Economy Corporation": the kind
    # of body last, after two capitalised words or more
    rf"|(?<![\w-])(?:{_CAP} +){{2,5}}(?:Agency|Institute|Service|Corporation|Secretariat|Centre|Center|"
    rf"Authority|Commission|Council|Foundation|University|Network|Task Force)"
    rf"(?: +(?:Malaysia|Singapore|Indonesia|Thailand))?(?![\w-])",
    "vi": r"(?:Bộ|Tổng cục|Cục|Viện|Trung tâm|Sở|Ủy ban|Văn phòng|Vụ) +[A-ZĐ][\wÀ-ỹ]*(?: +(?:[A-ZĐ][\wÀ-ỹ]*|và|về|biến|đổi|khí|hậu|môi|trường|tài|nguyên|nước|biển|hải|đảo))*",
    "th": r"(?:กระทรวง|กรม|สำนักงาน|ศูนย์|สถาบัน|องค์การ|มูลนิธิ)[\u0e01-\u0e4e]{3,60}",
    "lo": r"(?:ກະຊວງ|ກົມ|ສູນ|ສະຖາບັນ|ອົງການ|ຄະນະກຳມະການ|ແຂວງ)[\u0e81-\u0ecd]{3,50}",
    "km": r"(?:ក្រសួង|អគ្គនាយកដ្ឋាន|នាយកដ្ឋាន|មជ្ឈមណ្ឌល|វិទ្យាស្ថាន|គណៈកម្មាធិការ|ទីភ្នាក់ងារ|អង្គការ)[\u1780-\u17d2]{3,50}",
    "my": r"[\u1000-\u104f]{2,30}(?:ဝန်ကြီးဌာန|ဦးစီးဌာန|ဌာန|ကော်မတီ)",
    "zh": r"[\u4e00-\u9fff]{2,14}?(?:部|局|厅|廳|署|中心|委员会|委員會|研究院|秘书处|秘書處)(?![\u4e00-\u9fff]{0,1}长)",
    "id": rf"(?:Kementerian|Badan|Direktorat Jenderal|Direktorat|Subdirektorat|Dinas|Pusat|Lembaga|Sekretariat|"
    rf"Komisi|Komite|Yayasan|Biro|Balai Besar|Balai|Universitas|Institut|Kelompok Kerja)"
    rf" +{_CAP}(?: +(?:{_CAP}|dan|&))*",
    "ms": rf"(?:Kementerian|Jabatan|Bahagian|Agensi|Lembaga|Pusat|Institut|Yayasan|Majlis|Suruhanjaya|"
    rf"Jawatankuasa|Perbadanan|Universiti|Pertubuhan|Perikatan|Kumpulan Kerja|Pihak Berkuasa)"
    rf" +{_CAP}(?: +(?:{_CAP}|dan|&|mengenai))*",
}
# Kinds of bodies that the name patterns would take for names ("educational institutions",
# "local administrations", "the agencies concerned", "各有关部门")
_GENERIC_BODY = re.compile(
    r"สถาบันการศึกษา|สถาบันวิจัย|องค์การปกครองส่วนท้องถิ่น|องค์การพัฒนาเอกชน|องค์การระหว่างประเทศ"
    r"|องค์การบริหารส่วน(?:ตำบล|จังหวัด)|(?:กระทรวง|กรม|สำนักงาน|ศูนย์|สถาบัน|องค์การ)(?:ต่าง\s?ๆ|ที่เกี่ยวข้อง)"
    r"|ສະຖາບັນການສຶກສາ|ອົງການຈັດຕັ້ງສາກົນ|ກະຊວງທີ່ກ່ຽວຂ້ອງ|ស្ថាប័នអប់រំ|ក្រសួងពាក់ព័ន្ធ|អង្គការអន្តរជាតិ"
    r"|[各有关相关政府]{1,4}(?:部门|部門|机构|機構)|有关部|相关部"
)
_ACRONYM_AFTER = re.compile(r"\s*\(\s*(?P<acr>[A-Z][A-Za-z&.\-]{1,11})\s*\)")


@cache
def _pattern(language: str) -> re.Pattern | None:
    pattern = _PATTERNS.get(language)
    return re.compile(pattern) if pattern else None


def extract(context: Context) -> list[Claim]:
    claims: list[Claim] = []
    taken = Spans()
    for match in known_names(context):
        meeting_bodies = gazetteer_of(context).meeting_bodies
        organisations = [
            entry
            for entry in match.entries
            if entry.kind == "organisation" and entry.key not in meeting_bodies
        ]
        if not organisations:
            continue
        named = _country_after(context, match.end)
        entry = _pick(organisations, context, named)
        text = context.text[match.start : match.end]
        if named and entry.country and entry.country != named and not entry.acronym:
            # "กระทรวงทรัพยากรธรรมชาติและสิ่งแวดล้อม สปป.ลาว": the Lao ministry of that name,
            # not the Thai one the registry knows by it
            claims.append(_unknown(match.start, match.end, text, named, context.text))
            taken.add(match.start, match.end)
            continue
        acronym = text if entry.acronym else _acronym_after(context.text, match.end)
        claims.append(
            Claim(
                kind="organisation",
                span=(match.start, match.end),
                text=text,
                value={
                    "name": text,
                    "acronym": acronym,
                    "country": entry.country,
                    "key": entry.key,
                },
                extractor=NAME,
                version=VERSION,
                confidence=0.9,
            )
        )
        taken.add(match.start, match.end)
    pattern = _pattern(context.language)
    if pattern is not None:
        for match in pattern.finditer(context.text):
            start, end = match.span()
            # "The Ministry of ... and" -> "Ministry of ...": no article before, no connector after
            leading = re.match(r"(?:The|the)\s+", context.text[start:end])
            if leading:
                start += leading.end()
            name = re.sub(
                r"(?:\s+(?:and|of|for|the|&|dan|và))+$", "", context.text[start:end].rstrip(" -’'")
            )
            end = start + len(name)
            end = _before_verb(context, start, end)
            name = context.text[start:end]
            if len(name.split()) < 2 and not context.profile.unspaced:
                continue
            if context.profile.unspaced and end - start < 4:
                continue
            if _GENERIC_BODY.fullmatch(name):
                continue  # "สถาบันการศึกษา" (educational institutions): a kind of body, not one
            if taken.overlaps(start, end):
                continue
            named = countries_in(context, start, end)
            country = named[0] if named else context.profile.home_country
            claims.append(
                Claim(
                    kind="organisation",
                    span=(start, end),
                    text=name,
                    value={
                        "name": name,
                        "acronym": _acronym_after(context.text, end),
                        "country": country,
                        "key": None,
                    },
                    extractor=NAME,
                    version=VERSION,
                    confidence=0.6,
                )
            )
            taken.add(start, end)
    claims.sort(key=lambda claim: claim.span)
    return claims


def _before_verb(context: Context, start: int, end: int) -> int:
    """A name found by its head word in Thai, Lao or Khmer ends before the first verb or
    clause word that stands as a word of its own after the head (ICU's boundaries)."""
    verbs = _VERB_AFTER.get(context.language)
    if verbs is None:
        return end
    is_boundary = context.boundaries.is_boundary
    # (not in the word right after the head word: "กรม|ส่ง|เสริม..." is one name)
    first, seen = end, 0
    for position in range(start + 1, min(end, start + 40)):
        if is_boundary(position):
            seen += 1
            if seen == 2:
                first = position
                break
    for found in verbs.finditer(context.text, first, end):
        if is_boundary(found.start()):
            return found.start()
    return end


def _pick(entries: list, context: Context, named: str | None = None):
    """Of several organisations with this name, the one of the country named right after
    it, else the one of the document's own country."""
    for wanted in (named, context.profile.home_country):
        for entry in entries:
            if wanted and entry.country == wanted:
                return entry
    return entries[0]


# What may stand between a body's name and its country: "of the", "ของ", "แห่ง", "của", ...
_COUNTRY_LINK = re.compile(
    r"(?:\s*,)?\s*(?:(?:of|of the|ของ|แห่ง|ประเทศ|สปป\.?|của|nước|negara|republik)\s*)*",
    re.IGNORECASE,
)


def _country_after(context: Context, end: int) -> str | None:
    """The country a body's name goes on to name ("... of the Lao PDR", "... Lào",
    "... สปป.ลาว"), when its name follows at once."""
    from envcoop.ingestion.extractors.positions import names_at

    link = _COUNTRY_LINK.match(context.text, end)
    spaces = re.match(r"\s*", context.text[end : end + 20])
    starts = {end + (spaces.end() if spaces else 0), link.end() if link else end}
    for match in names_at(context).inside(min(starts), max(starts) + 40):
        if match.start not in starts:
            continue
        for entry in match.entries:
            if entry.kind == "country":
                return entry.key
    return None


def _unknown(start: int, end: int, name: str, country: str, text: str) -> Claim:
    return Claim(
        kind="organisation",
        span=(start, end),
        text=name,
        value={
            "name": name,
            "acronym": _acronym_after(text, end),
            "country": country,
            "key": None,
        },
        extractor=NAME,
        version=VERSION,
        confidence=0.6,
    )


def _acronym_after(text: str, end: int) -> str | None:
    match = _ACRONYM_AFTER.match(text, end)
    return match.group("acr") if match else None
