"""Burmese: no spaces between words (ICU cuts them), Burmese digits, dates written year
first ("၂၀၂၃ ခုနှစ် ဩဂုတ်လ ၂၂ ရက်"), names that end with their head word ("... အစည်းအဝေး"),
ordinals "(၁၇) ကြိမ်မြောက်" / "အကြိမ် ၁၇ မြောက်", sentences ending in "။". Text in the
Zawgyi encoding is converted to Unicode before it is read (parsers/zawgyi.py)."""

from functools import partial

from envcoop.ingestion.languages.base import LanguageProfile
from envcoop.ingestion.segment import words

PROFILE = LanguageProfile(
    code="my",
    babel_locale="my_MM",
    tokenize=partial(words, language="my"),
    unspaced=True,
    head_final=True,
    home_country="MM",
    abbreviated_months=False,
    extra_months={"သြဂုတ်": 8, "ဩဂုတ်": 8, "ဇွန်": 6},
    year_first=True,
    year_suffix=r"ခုနှစ်",
    month_suffix=r"လ(?![\u102b-\u103e])",
    day_suffix=r"ရက်(?:နေ့)?",
    and_date_words=r"(?:နှင့်|မှ)",
    range_words=("မှ", "အထိ", "ထိ", "-"),
    today=("ယနေ့",),
    yesterday=("မနေ့က",),
    meeting_words=(
        "အစည်းအဝေး",
        "ညီလာခံ",
        "အလုပ်ရုံဆွေးနွေးပွဲ",
        "ဆွေးနွေးပွဲ",
        "ဖိုရမ်",
        "အခမ်းအနား",
        "သင်တန်း",
        "ထိပ်သီးအစည်းအဝေး",
        "ဆွေးနွေးမှု",
    ),
    ordinal_patterns=(
        r"အကြိမ်\s*\(?\s*(?P<n>\d{1,3})\s*\)?\s*(?:ကြိမ်)?မြောက်",
        r"\(?\s*(?P<n>\d{1,3})\s*\)?\s*ကြိမ်မြောက်",
    ),
    place_words=("တွင်", "၌", "မှာ"),
    held_words=("ကျင်းပ", "ကျင်းပခဲ့", "ကျင်းပပြုလုပ်"),
    online_words=("ဗီဒီယိုကွန်ဖရင့်", "ဗီဒီယိုကွန်ဖရန့်", "အွန်လိုင်း"),
    host_words=("အိမ်ရှင်",),
    host_patterns=(r"(?P<host>\S{2,30}?)\s*(?:က)?\s*အိမ်ရှင်",),
    agreement_words={
        "နားလည်မှုစာချွန်လွှာ": "mou",
        "ပူးတွဲကြေညာချက်": "joint-statement",
        "ပူးတွဲထုတ်ပြန်ချက်": "joint-statement",
        "ကြေညာချက်": "declaration",
        "သဘောတူစာချုပ်": "agreement",
        "သဘောတူညီချက်": "agreement",
        "စာချုပ်": "treaty",
    },
    framework_words={
        "လုပ်ငန်းစီမံချက်": "action-plan",
        "မဟာဗျူဟာ": "strategy",
        "ပင်မလုပ်ငန်းအစီအစဉ်": "other",
        "မြေပုံလမ်းညွှန်": "roadmap",
    },
    priority_cues=(r"ဦးစားပေး",),
    signing_words=(
        "လက်မှတ်ရေးထိုး",
        "အတည်ပြု",
    ),
    draft_words=("မူကြမ်း",),
    project_words=("စီမံကိန်း",),
    fund_words=("ရန်ပုံငွေ",),
    area_terms={
        "climate-change": {"ရာသီဥတုပြောင်းလဲမှု": 3, "ရာသီဥတု": 1, "ဖန်လုံအိမ်ဓာတ်ငွေ့": 2, "ကာဗွန်": 1},
        "water-resources": {"ရေအရင်းအမြစ်": 3, "ရေစီမံခန့်ခွဲမှု": 2, "မြစ်ဝှမ်း": 2},
        "marine-coastal": {"ပင်လယ်": 2, "ကမ်းရိုးတန်း": 2, "သမုဒ္ဒရာ": 2, "ဒီရေတောများ": 2, "ဒီရေတော": 2},
        "biodiversity": {
            "ဇီဝမျိုးစုံမျိုးကွဲ": 3,
            "ဇီဝမျိုးကွဲ": 3,
            "အာဆီယံအမွေအနှစ်ဥယျာဉ်": 3,
            "တောရိုင်းတိရစ္ဆာန်": 2,
            "သဘာဝထိန်းသိမ်း": 2,
        },
        "sustainable-cities": {"စဉ်ဆက်မပြတ်မြို့": 3, "ရေရှည်တည်တံ့သောမြို့": 3, "သန့်ရှင်းသောမြို့": 2},
        "chemicals-waste": {"ဓာတုပစ္စည်း": 2, "စွန့်ပစ်ပစ္စည်း": 2, "အမှိုက်": 1, "ပလတ်စတစ်": 1},
        "environmental-education": {"ပတ်ဝန်းကျင်ပညာရေး": 3, "သဘာဝပတ်ဝန်းကျင်ပညာပေး": 3},
        "transboundary-haze": {"နယ်စပ်ဖြတ်ကျော်မီးခိုးမြူ": 3, "မီးခိုးမြူ": 2, "တောမီး": 2},
    },
)
