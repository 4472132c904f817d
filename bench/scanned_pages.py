"""Scanned-looking pages made at run time: text in a language, drawn with the fonts Debian
installs (fonts-noto-core, fonts-thai-tlwg, fonts-noto-cjk), rasterised, optionally degraded
(blur, noise, a slight rotation, a coarser scan and JPEG artefacts), saved as PDF, PNG, JPEG
or TIFF. The OCR tests and bench/ocr.py read them; nothing is downloaded.

Lines are broken with ICU's line-break rules (Thai, Lao, Khmer, Burmese and Chinese have no
spaces between words), and each line is drawn in runs: the script's font for its letters,
Noto Sans for Latin letters and digits (Noto Sans Thai, Lao and Khmer have no Latin digits).
"""

from __future__ import annotations

import io
import random
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import icu
from PIL import Image, ImageDraw, ImageFilter, ImageFont

FONT_DIRS = (Path("/usr/share/fonts/truetype"), Path("/usr/share/fonts/opentype"))
LATIN_FONT = "noto/NotoSans-Regular.ttf"
SCRIPT_FONTS = {
    "th": "noto/NotoSansThai-Regular.ttf",
    "lo": "noto/NotoSansLao-Regular.ttf",
    "km": "noto/NotoSansKhmer-Regular.ttf",
    "my": "noto/NotoSansMyanmar-Regular.ttf",
    "zh": "noto/NotoSansCJK-Regular.ttc",
}
# The paragraphs of one page per language: each names a meeting with its ordinal and
# date(s), as officers write them (our own sentences).
SAMPLES: dict[str, list[str]] = {
    "th": [
        "การประชุมเจ้าหน้าที่อาวุโสอาเซียนด้านสิ่งแวดล้อม ครั้งที่ 35 จัดขึ้นเมื่อวันที่ 12 มีนาคม 2567 ณ กรุงเทพมหานคร",
        "ที่ประชุมได้หารือแผนปฏิบัติการว่าด้วยมลพิษจากหมอกควันข้ามแดน และการจัดการขยะทะเล",
        "ผู้แทนจากประเทศสมาชิกทั้งสิบประเทศเข้าร่วมการประชุม",
    ],
    "vi": [
        "Hội nghị Bộ trưởng Môi trường ASEAN lần thứ 18 diễn ra ngày 14 tháng 10 năm 2025 tại Hà Nội.",
        "Các đại biểu đã thảo luận về kế hoạch hành động chống ô nhiễm khói mù xuyên biên giới.",
        "Việt Nam sẽ chủ trì nhóm công tác về đa dạng sinh học trong hai năm tới.",
    ],
    "en": [
        "The 36th ASEAN Senior Officials Meeting on the Environment (ASOEN) was held on 9 September 2025 in Jakarta.",
        "Delegates reviewed the regional plan of action on transboundary haze pollution.",
        "The next meeting will be hosted by Malaysia.",
    ],
    "km": [
        "កិច្ចប្រជុំរដ្ឋមន្ត្រីបរិស្ថានអាស៊ាន លើកទី១៨ បានប្រព្រឹត្តទៅនៅថ្ងៃទី១៤ ខែតុលា ឆ្នាំ២០២៥ នៅរាជធានីភ្នំពេញ។",
        "អង្គប្រជុំបានពិភាក្សាអំពីផែនការសកម្មភាពស្តីពីការបំពុលផ្សែងអ័ព្ទឆ្លងដែន។",
    ],
    "lo": [
        "ກອງປະຊຸມລັດຖະມົນຕີສິ່ງແວດລ້ອມອາຊຽນ ຄັ້ງທີ 18 ໄດ້ຈັດຂຶ້ນໃນວັນທີ 14 ຕຸລາ 2025 ທີ່ນະຄອນຫຼວງວຽງຈັນ.",
        "ກອງປະຊຸມໄດ້ປຶກສາຫາລືກ່ຽວກັບແຜນການຫຼຸດຜ່ອນມົນລະພິດຈາກໝອກຄວັນ.",
    ],
    "my": [
        "အာဆီယံ ပတ်ဝန်းကျင်ဆိုင်ရာ ဝန်ကြီးများ အစည်းအဝေးကို ၂၀၂၅ ခုနှစ် အောက်တိုဘာလ ၁၄ ရက်နေ့တွင် နေပြည်တော်၌ ကျင်းပခဲ့သည်။",
        "အစည်းအဝေးတွင် နယ်စပ်ဖြတ်ကျော် မီးခိုးမြူ ညစ်ညမ်းမှုကို ဆွေးနွေးခဲ့ကြသည်။",
    ],
    "zh": [
        "第十八届东盟环境部长会议于2025年10月14日在吉隆坡举行。",
        "与会代表讨论了跨境烟霾污染区域行动计划，并通过了联合声明。",
        "下一届会议将由泰国主办。",
    ],
}


@dataclass(frozen=True)
class Page:
    lang: str
    text: str  # what is drawn: paragraphs separated by a blank line, lines as broken
    image: Image.Image


@cache
def _font(name: str, size: int) -> ImageFont.FreeTypeFont:
    for folder in FONT_DIRS:
        path = folder / name
        if path.exists():
            return ImageFont.truetype(str(path), size)
    raise FileNotFoundError(f"font {name} is not installed (scripts/system-packages.sh test)")


def fonts_installed(lang: str) -> bool:
    try:
        _font(SCRIPT_FONTS.get(lang, LATIN_FONT), 10)
        _font(LATIN_FONT, 10)
    except (FileNotFoundError, OSError):
        return False
    return True


def _latin(char: str) -> bool:
    code = ord(char)
    return code < 0x250 or 0x1E00 <= code <= 0x1EFF or 0x2000 <= code <= 0x206F


def _runs(line: str, lang: str) -> list[tuple[str, str]]:
    """(font name, text) runs: Latin letters, digits and punctuation in Noto Sans."""
    script = SCRIPT_FONTS.get(lang)
    if script is None:
        return [(LATIN_FONT, line)]
    runs: list[tuple[str, str]] = []
    for char in line:
        # (a space belongs to the run before it; CJK punctuation to the CJK font)
        name = LATIN_FONT if _latin(char) and not (char == " " and runs) else script
        if char == " " and runs:
            name = runs[-1][0]
        if runs and runs[-1][0] == name:
            runs[-1] = (name, runs[-1][1] + char)
        else:
            runs.append((name, char))
    return runs


def _width(line: str, lang: str, size: int) -> float:
    return sum(_font(name, size).getlength(text) for name, text in _runs(line, lang))


def _wrap(paragraph: str, lang: str, size: int, width: int) -> list[str]:
    """Lines no wider than ``width``, broken where ICU allows a line break."""
    breaker = icu.BreakIterator.createLineInstance(icu.Locale(lang))
    breaker.setText(paragraph)
    pieces, start = [], 0
    for end in breaker:
        pieces.append(paragraph[start:end])
        start = end
    lines, line = [], ""
    for piece in pieces:
        if line and _width((line + piece).rstrip(), lang, size) > width:
            lines.append(line.rstrip())
            line = piece
        else:
            line += piece
    if line.strip():
        lines.append(line.rstrip())
    return lines


def render(
    lang: str,
    paragraphs: list[str] | None = None,
    *,
    size: int = 42,
    width: int = 1700,
    margin: int = 110,
    dpi: int = 300,
) -> Page:
    """A clean page (greyscale, ``dpi`` dots per inch): the text as printed."""
    paragraphs = SAMPLES[lang] if paragraphs is None else paragraphs
    blocks = [_wrap(paragraph, lang, size, width - 2 * margin) for paragraph in paragraphs]
    line_height = int(size * (2.0 if lang in ("my", "km", "lo", "th") else 1.7))
    height = 2 * margin + sum(len(block) + 1 for block in blocks) * line_height
    image = Image.new("L", (width, max(height, 600)), 255)
    image.info["dpi"] = (dpi, dpi)
    draw = ImageDraw.Draw(image)
    y = margin
    for block in blocks:
        for line in block:
            x = float(margin)
            for name, text in _runs(line, lang):
                font = _font(name, size)
                draw.text((x, y), text, font=font, fill=0)
                x += font.getlength(text)
            y += line_height
        y += line_height
    return Page(lang=lang, text="\n\n".join("\n".join(block) for block in blocks), image=image)


def degrade(page: Page, *, seed: int = 0) -> Page:
    """The same page as a poor scan: a coarser resolution (200 dpi), a rotation of about a
    degree, blur, speckles, uneven grey and JPEG artefacts. Deterministic for a seed."""
    rng = random.Random(seed)
    image = page.image
    scale = 200 / 300
    image = image.resize((int(image.width * scale), int(image.height * scale)), Image.LANCZOS)
    image = image.rotate(rng.uniform(-1.2, 1.2), resample=Image.BICUBIC, expand=True, fillcolor=245)
    image = image.filter(ImageFilter.GaussianBlur(0.9))
    pixels = image.load()
    for _ in range(image.width * image.height // 400):  # speckles, dark and light
        x, y = rng.randrange(image.width), rng.randrange(image.height)
        pixels[x, y] = rng.choice((30, 90, 255))
    # paper that is not white: a grey ramp from left to right
    ramp = Image.linear_gradient("L").rotate(90).resize(image.size)
    image = Image.blend(image, Image.eval(ramp, lambda v: 200 + v // 5), 0.12)
    buffer = io.BytesIO()
    image.save(buffer, "JPEG", quality=45)
    image = Image.open(io.BytesIO(buffer.getvalue())).convert("L")
    image.info["dpi"] = (200, 200)
    return Page(lang=page.lang, text=page.text, image=image)


def save(page: Page | list[Page], kind: str = "pdf") -> bytes:
    """The page(s) as a file of ``kind``: pdf (images only, no text layer), png, jpeg, tiff."""
    pages = page if isinstance(page, list) else [page]
    images = [p.image for p in pages]
    dpi = images[0].info.get("dpi", (300, 300))
    buffer = io.BytesIO()
    if kind == "pdf":
        images[0].save(
            buffer, "PDF", resolution=float(dpi[0]), save_all=True, append_images=images[1:]
        )
    elif kind == "tiff":
        images[0].save(
            buffer, "TIFF", dpi=dpi, compression="tiff_lzw", save_all=True, append_images=images[1:]
        )
    elif kind in ("png", "jpeg"):
        images[0].save(buffer, kind.upper(), dpi=dpi, **({"quality": 85} if kind == "jpeg" else {}))
    else:
        raise ValueError(kind)
    return buffer.getvalue()
