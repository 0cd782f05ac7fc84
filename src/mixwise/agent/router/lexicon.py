"""Word lists the offline router reads: channel synonyms, number words, direction verbs, typo targets.

Everything here is data (no logic), so the rules in ``entities``/``quantities``/``periods`` stay short.
"""

from __future__ import annotations

__all__ = [
    "SYNONYMS",
    "SUBGROUPS",
    "QUIET_SYNONYMS",
    "TRADITIONAL",
    "ALL_MARKERS",
    "EXCLUSION_MARKERS",
    "NUMBER_WORDS",
    "CUT_WORDS",
    "INCREASE_WORDS",
    "SHIFT_WORDS",
    "OFF_PHRASES",
    "THRESHOLD_WORDS",
    "KPI_WORDS",
    "SPEND_WORDS",
    "TYPO_TARGETS",
    "NOT_TYPOS",
    "MONTHS",
    "SAMPLE_CHANNELS",
]


def _words(text: str) -> list[str]:
    return text.split()


SAMPLE_CHANNELS: tuple[str, ...] = ("tv", "radio", "digital", "print")

# family name -> phrases that mean that family (the family name itself first). A phrase maps to a data channel of
# the same name when the data has one, else to the family's channel, else to the data channels in that family.
SYNONYMS: dict[str, tuple[str, ...]] = {
    "tv": (
        "tv",
        "t.v.",
        "television",
        "televisions",
        "telly",
        "linear tv",
        "linear",
        "connected tv",
        "ctv",
        "ott",
        "broadcast",
        "tv ads",
    ),
    "radio": ("radio", "podcasts", "podcast", "audio", "spotify", "streaming audio"),
    "print": ("print", "newspapers", "newspaper", "magazines", "magazine", "print ads", "direct mail", "flyers"),
    "digital": (
        "digital",
        "online",
        "facebook",
        "fb",
        "meta",
        "instagram",
        "insta",
        "ig",
        "tiktok",
        "paid social",
        "social media",
        "social",
        "paid search",
        "search",
        "sem",
        "ppc",
        "google ads",
        "adwords",
        "google",
        "youtube",
        "display",
        "programmatic",
        "banner ads",
        "banners",
    ),
}

# Groups inside a family: 'facebook' prefers a data channel 'social' or 'meta' over 'digital'.
SUBGROUPS: tuple[frozenset[str], ...] = (
    frozenset(
        {"facebook", "fb", "meta", "instagram", "insta", "ig", "tiktok", "paid social", "social media", "social"}
    ),
    frozenset({"paid search", "search", "sem", "ppc", "google ads", "adwords", "google"}),
    frozenset({"youtube", "online video", "video"}),
    frozenset({"display", "programmatic", "banner ads", "banners"}),
    frozenset({"podcasts", "podcast", "audio", "spotify", "streaming audio"}),
    frozenset({"linear tv", "linear", "broadcast"}),
    frozenset({"connected tv", "ctv", "ott"}),
    frozenset({"newspapers", "newspaper", "press"}),
    frozenset({"magazines", "magazine"}),
)

# Synonyms that are only other spellings of the family name: no note when mapped.
QUIET_SYNONYMS: frozenset[str] = frozenset({"t.v.", "television", "televisions", "telly", "tv ads", "print ads"})

# Phrases that expand to the offline families.
TRADITIONAL: tuple[str, ...] = ("traditional media", "traditional channels", "traditional", "offline media", "offline")

# Phrases that mean "every channel" (channels stays empty).
ALL_MARKERS: tuple[str, ...] = (
    "all channels",
    "all the channels",
    "all our channels",
    "all of our channels",
    "each channel",
    "every channel",
    "all media",
    "across the board",
    "all of them",
)

EXCLUSION_MARKERS: tuple[str, ...] = (
    "everything except",
    "everything but",
    "all channels except",
    "all but",
    "except for",
    "except",
    "excluding",
    "exclude",
    "other than",
    "apart from",
    "aside from",
    "but not",
    "besides",
    "leaving out",
    "leave out",
)

NUMBER_WORDS: dict[str, int] = {
    "zero": 0,
    "one": 1,
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
    "ten": 10,
    "eleven": 11,
    "twelve": 12,
    "thirteen": 13,
    "fourteen": 14,
    "fifteen": 15,
    "sixteen": 16,
    "seventeen": 17,
    "eighteen": 18,
    "nineteen": 19,
    "twenty": 20,
    "thirty": 30,
    "forty": 40,
    "fourty": 40,
    "fifty": 50,
    "sixty": 60,
    "seventy": 70,
    "eighty": 80,
    "ninety": 90,
    "hundred": 100,
}

CUT_WORDS: frozenset[str] = frozenset(
    _words(
        "cut cuts cutting cutt reduce reduced reduces reducing reduction decrease decreased decreasing lower lowered "
        "lowering less drop dropped dropping slash slashed slashing trim trimmed trimming down fewer shrink shrank "
        "shrunk pare pared scale scaled pull pulled halve halved halving lose minus smaller"
    )
)
INCREASE_WORDS: frozenset[str] = frozenset(
    _words(
        "increase increased increases increasing raise raised raising boost boosted boosting add added adding more up "
        "grow grew growing bump bumped bumping ramp ramped higher extra plus double doubled doubling triple tripled "
        "upweight expand expanded invest another lift lifted lifting uplift uplifted bigger larger"
    )
)
SHIFT_WORDS: frozenset[str] = frozenset(
    _words(
        "shift shifted shifting move moved moving reallocate reallocated reallocating reallocation transfer "
        "transferred redirect redirected divert diverted swap swapped rebalance take taking switch switched switching"
    )
)
# Phrases meaning "stop spending entirely" (pct -1.0).
OFF_PHRASES: tuple[str, ...] = (
    "turn off",
    "turned off",
    "turning off",
    "switch off",
    "switched off",
    "shut off",
    "shut down",
    "go dark",
    "went dark",
    "going dark",
    "stop spending",
    "stopped spending",
    "stop all",
    "stopped all",
    "zero out",
    "zeroed out",
    "kill",
    "killed",
    "pause",
    "paused",
    "pausing",
    "zeroing out",
    "goes to zero",
    "go to zero",
    "going to zero",
    "cut entirely",
    "cut completely",
    "eliminate",
    "eliminated",
    "drop entirely",
    "dropped entirely",
    "get rid of",
    "got rid of",
)
THRESHOLD_WORDS: frozenset[str] = frozenset(
    _words(
        "above below over under than least most exceed exceeds exceeding within capped cap caps limit limited max "
        "maximum min minimum threshold at"
    )
)
KPI_WORDS: frozenset[str] = frozenset(
    _words(
        "sales revenue revenues kpi profit profits units volume conversions mape accuracy error roi roas growth "
        "share r2 nrmse topline"
    )
)
SPEND_WORDS: frozenset[str] = frozenset(
    _words("spend spending spent budget budgets investment invest money dollars allocation media")
)

MONTHS: dict[str, str] = {
    "january": "January",
    "jan": "January",
    "february": "February",
    "feb": "February",
    "march": "March",
    "mar": "March",
    "april": "April",
    "apr": "April",
    "may": "May",
    "june": "June",
    "jun": "June",
    "july": "July",
    "jul": "July",
    "august": "August",
    "aug": "August",
    "september": "September",
    "sept": "September",
    "sep": "September",
    "october": "October",
    "oct": "October",
    "november": "November",
    "nov": "November",
    "december": "December",
    "dec": "December",
}

# Words a misspelling is corrected to (domain words only, so ordinary English is never "fixed").
TYPO_TARGETS: tuple[str, ...] = tuple(
    sorted(
        {
            *(p for ps in SYNONYMS.values() for p in ps if " " not in p and "." not in p and len(p) >= 5),
            *(m for m in MONTHS if len(m) >= 6),  # not 'march', 'april': 'match' must stay 'match'
            *_words(
                "saturation saturated diminishing returns contribution contribute forecast projection predict "
                "summary summarize summarise executive overview optimize optimise optimal allocation allocate "
                "increase decrease reduce double triple halve percent million thousand billion quarter compare "
                "comparison channel channels return revenue traditional everything except excluding budget spend "
                "scenario quality accuracy accurate model diagnostics missing outliers validation validate "
                "holidays happened happen efficiency efficient effective performance incremental baseline "
                "marginal headroom response curve drivers driving explain capabilities questions what about "
                "television spending reallocate shift instead"
            ),
        }
    )
)

# Real words close to a typo target that must never be corrected.
NOT_TYPOS: frozenset[str] = frozenset(
    _words(
        "ratio ratios point points paint pint printer printers printed printing radius digit digits modal mode "
        "modes models meter metal social score store stores sound spent spends sender agent dial medal metric metrics "
        "model's channel's return's month months over cover recover fact facts display ideal radios audit costs posts "
        "reduced reduces summer winter quarters quarterly shifts shifted moved spent instead insight insights stead "
        "predicted predicting projection projections current currently marginally orders order forest forecasts "
        "season seasons reason reasons million millions percent budgets"
    )
)
