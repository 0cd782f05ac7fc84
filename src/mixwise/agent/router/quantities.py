"""Spend changes (signed fractions) and money amounts in a question.

Conventions: ``pct`` is the signed fractional change of spend only ('cut 20%' -> -0.2, 'double' -> 1.0, 'halve'
-> -0.5, 'increase by a quarter' -> 0.25, 'turn off' -> -1.0, 'shift 20% of TV to digital' -> 0.2 of the source
moved); thresholds and shares ('ROI below 1', 'more than 10% of sales', 'MAPE under 5%', 'sales fell 12%') give
None. ``amount`` is an unsigned money magnitude ('$200K' -> 200000, '2M' -> 2000000, 'EUR 1.5 million',
'half a million'); a sales target counts.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from mixwise.agent.router.lexicon import (
    CUT_WORDS,
    INCREASE_WORDS,
    KPI_WORDS,
    NUMBER_WORDS,
    OFF_PHRASES,
    SHIFT_WORDS,
    SPEND_WORDS,
    THRESHOLD_WORDS,
)

__all__ = ["SpendChange", "extract_pct", "extract_amount", "words_to_digits"]

_B, _E = r"(?<![a-z0-9.])", r"(?![a-z0-9])"
_NUMWORD = "|".join(sorted(NUMBER_WORDS, key=len, reverse=True))
_WORD_PCT = re.compile(_B + rf"(?P<a>{_NUMWORD})(?:[ -](?P<b>{_NUMWORD}))? ?(?=%|percent|per cent|pct)")
_NUM_PCT = re.compile(r"(?<![a-z0-9.])(?P<sign>[+-])? ?(?P<num>\d+(?:\.\d+)?) ?(?:%|percent|per cent|pct)(?![a-z])")
_FRACTION = re.compile(_B + r"(?:(?:a|one) (?P<f>quarter|third|fifth|tenth)|(?P<h>half)(?= of ))" + _E)
_FRACTIONS = {"quarter": 0.25, "third": 1 / 3, "fifth": 0.2, "tenth": 0.1, "half": 0.5}
_HALF = re.compile(
    _B + r"(?:(?P<again>half as much again)|(?P<less>half as much)|(?P<fixed>halve|halved|halving|in half)|"
    r"(?P<by>by (?:a )?half|by 50 ?%)|(?P<at>at half(?: the)? (?:budget|spend|money)|half the (?:budget|spend)))" + _E
)
_MULT = re.compile(
    _B + r"(?:(?P<word>double|doubled|doubling|doubles|twice|triple|tripled|tripling|quadruple|quadrupled)|"
    r"(?P<x>\d+(?:\.\d+)?) ?x|x ?(?P<x2>[2-4]))" + _E
)
_MULT_WORDS = {"double": 1.0, "twice": 1.0, "triple": 2.0, "tripl": 2.0, "quadruple": 3.0}
_OFF = re.compile(
    _B
    + "(?:"
    + "|".join(re.escape(p) for p in OFF_PHRASES)
    + r"|(?:cut|drop|remove|stop|end|pull)(?: [a-z]+){1,3}? (?:entirely|completely|altogether|to zero))"
    + _E
)
_THRESHOLD_OFF = re.compile(r"^\s*off (?:the )?(?:peak|top|high|mark|target|pace)\b")
_TOKEN = re.compile(r"[a-z0-9$€£%+'-]+")
_CLAUSE = re.compile(r"[,;?!]|\bthen\b|\bwhat happens\b")
_THRESHOLD_PHRASE = re.compile(r"(?:plus or minus|\+/-|±|\bof\b) ?$")
_CHANGE_NOUNS = frozenset({"uplift", "lift", "increase", "rise", "growth", "drop", "decline", "fall", "dip"})
# A bare number after 'cut tv' or 'tv up' (no % sign): 'cut tv 20' -> -0.2. Not a count, money or time.
_BARE_UNITS = r"(?!\d|\.\d| ?(?:%|percent|per cent|pct|k|m|mm|bn|x|times|grand|thousand|million|billion|dollars|bucks"
_BARE_UNITS += r"|pounds|euros|weeks?|months?|days?|years?|quarters?|channels?)(?![a-z]))"
_BARE_VERBS = {"cut": "minus", "trim": "minus", "reduce": "minus", "drop": "minus", "lower": "minus", "slash": "minus"}
_BARE_VERBS.update({"raise": "plus", "increase": "plus", "boost": "plus", "lift": "plus", "uplift": "plus"})
_BARE_VERBS.update({"grow": "plus", "bump": "plus", "up": "plus", "down": "minus", "+": "plus", "-": "minus"})


@dataclass(frozen=True)
class SpendChange:
    """A spend change found in the text: ``pct`` (signed) and the ``direction`` word class."""

    pct: float | None
    direction: str | None


def words_to_digits(text: str) -> str:
    """Rewrite spelt-out percentages as digits: 'twenty five percent' -> '25 percent'."""

    def sub(m: re.Match[str]) -> str:
        value = NUMBER_WORDS[m.group("a")] + (NUMBER_WORDS[m.group("b")] if m.group("b") else 0)
        return f"{value} "

    return _WORD_PCT.sub(sub, text)


def _tokens_before(text: str, pos: int, n: int) -> list[str]:
    clause = _CLAUSE.split(text[:pos])[-1]
    return _TOKEN.findall(clause)[-n:]


def _tokens_after(text: str, pos: int, n: int) -> list[str]:
    clause = _CLAUSE.split(text[pos:])[0]
    return _TOKEN.findall(clause)[:n]


def _direction_word(words: list[str], reverse: bool = True) -> str | None:
    seq = reversed(words) if reverse else words
    for w in seq:
        if w in SHIFT_WORDS:
            return "shift"
        if w in CUT_WORDS:
            return "cut"
        if w in INCREASE_WORDS:
            return "increase"
    return None


def _is_threshold_or_share(text: str, start: int, end: int, channel_words: set[str]) -> bool:
    before = _tokens_before(text, start, 4)
    after = _tokens_after(text, end, 4)
    if any(w in THRESHOLD_WORDS for w in before[-3:]):
        return True
    if _THRESHOLD_PHRASE.search(text[:start].rstrip()) and not re.search(r"\bof\s*$", text[:start]):
        return True
    if after[:1] == ["of"] and any(w in KPI_WORDS for w in after[1:4]):
        return True
    if after[:1] and after[0] in KPI_WORDS:  # '10% sales uplift'
        return True
    if (
        after[:1]
        and after[0] in _CHANGE_NOUNS
        and after[1:2] in (["in"], ["of"], ["to"])
        and any(w in KPI_WORDS for w in after[2:4])
    ):  # 'a 25% uplift in sales' is about sales, not spend
        return True
    for i in range(len(before) - 1, -1, -1):  # a KPI word before the number, with no spend word between
        w = before[i]
        if w in SPEND_WORDS or w in channel_words or w in SHIFT_WORDS:
            return False
        if w in KPI_WORDS:
            return True
    return False


def _bare_numbers(text: str, channel_words: set[str]) -> list[tuple[int, int, float, str]]:
    """Candidates like 'cut tv 20', 'drop radio by 15', 'digital up 10' (a number 1..95 with no unit)."""
    if not channel_words:
        return []
    ch = "|".join(sorted((re.escape(w) for w in channel_words), key=len, reverse=True))
    verbs = "|".join(re.escape(v) for v in _BARE_VERBS if v not in {"up", "down", "+", "-"})
    found = []
    patterns = (
        rf"(?<![a-z])(?P<v>{verbs})(?: the)?(?: (?:{ch}))+(?: spend| budget| spending)?(?: by)? (?P<n>\d{{1,2}})",
        rf"(?<![a-z])(?:{ch})(?: spend| budget| spending)? (?P<v>up|down|\+|-) ?(?P<n>\d{{1,2}})",
    )
    for pattern in patterns:
        for m in re.finditer(pattern + _BARE_UNITS, text):
            value = int(m.group("n"))
            if 1 <= value <= 95:
                found.append((m.start("n"), m.end("n"), value / 100, _BARE_VERBS[m.group("v")]))
    return found


def _all_off(text: str, channel_words: set[str]) -> list[tuple[int, int, float, str]]:
    """'pull all radio spend', 'cut all of the print budget', 'scrap radio', 'ditch print': a whole channel
    stopped (only when the question gives no size at all)."""
    if not channel_words:
        return []
    ch = "|".join(sorted((re.escape(w) for w in channel_words), key=len, reverse=True))
    patterns = (
        rf"(?<![a-z])(?:cut|drop|remove|stop|end|pull|kill|axe|scrap|ditch|cancel)(?:ping|ped|ing|s)? "
        rf"(?:all|every|the whole|the entire|our entire|our whole)(?: of)?(?: the| our)? (?:{ch})(?![a-z])",
        rf"(?<![a-z])(?:axe|axed|scrap|scrapped|ditch|ditched|cancel|cancelled|canceled|pull the plug on)"
        rf"(?: the| our)? (?:{ch})(?![a-z])",
    )
    return [(m.start(), m.end(), 1.0, "minus") for p in patterns for m in re.finditer(p, text)]


def extract_pct(text: str, channel_words: set[str] | None = None, moving: bool = False) -> SpendChange:
    """The signed fractional spend change in ``text`` (normalised).

    Args:
        text: Normalised question.
        channel_words: Words that name channels (a channel between a KPI word and the number makes it a spend change).
        moving: The question moves money between channels ('put half of the tv money into digital'): a share
            with no cut or increase word is the share moved.

    Returns:
        SpendChange(pct, direction); direction is 'cut', 'increase', 'shift' or None.
    """
    channel_words = channel_words or set()
    text = words_to_digits(text)
    direction = _direction_word(_TOKEN.findall(text), reverse=False)
    candidates: list[tuple[int, int, float, str]] = []  # start, end, value, kind
    for m in _NUM_PCT.finditer(text):
        value = float(m.group("num")) / 100
        kind = {"+": "plus", "-": "minus"}.get(m.group("sign") or "", "free")
        candidates.append((m.start("num") if kind == "free" else m.start(), m.end(), value, kind))
    for m in _FRACTION.finditer(text):
        before = _tokens_before(text, m.start(), 3)
        after = _tokens_after(text, m.end(), 4)
        spend_after = after[:1] == ["of"] and any(w in SPEND_WORDS or w in channel_words for w in after[1:4])
        if before[-1:] and before[-1] in {"per", "each", "every", "in", "last", "next", "this"}:
            continue
        if spend_after or any(w in CUT_WORDS | INCREASE_WORDS | SHIFT_WORDS | {"by"} for w in before):
            candidates.append((m.start(), m.end(), _FRACTIONS[m.group("f") or m.group("h")], "free"))
    for m in _HALF.finditer(text):
        if m.group("again"):
            candidates.append((m.start(), m.end(), 0.5, "plus"))
        elif m.group("less") or m.group("fixed") or m.group("at"):
            candidates.append((m.start(), m.end(), 0.5, "minus"))
        else:
            candidates.append((m.start(), m.end(), 0.5, "free"))
    for m in _MULT.finditer(text):
        if m.group("word"):
            word = m.group("word")
            value = next(v for k, v in _MULT_WORDS.items() if word.startswith(k))
        else:
            value = float(m.group("x") or m.group("x2")) - 1.0
            if not 0 < value <= 9:
                continue
        candidates.append((m.start(), m.end(), value, "plus"))
    for m in _OFF.finditer(text):
        candidates.append((m.start(), m.end(), 1.0, "minus"))
    if not candidates:
        candidates += _bare_numbers(text, channel_words)
    if not candidates:
        candidates += _all_off(text, channel_words)
    for start, end, value, kind in sorted(candidates):
        if kind == "free" and _is_threshold_or_share(text, start, end, channel_words):
            continue
        if kind == "plus":
            return SpendChange(value, "increase" if direction != "shift" else direction)
        if kind == "minus":
            return SpendChange(-value, "cut")
        if "off" in _tokens_after(text, end, 2) and not _THRESHOLD_OFF.search(text[end:]):
            return SpendChange(-value, "cut")  # 'take 20% off tv', 'knock a quarter off radio'
        after = _direction_word(_tokens_after(text, end, 2), reverse=False)
        word = after if after in {"cut", "increase"} else _direction_word(_tokens_before(text, start, 6))
        if word == "shift" or (word is None and (direction == "shift" or moving)):
            return SpendChange(value, "shift")
        if word == "cut":
            return SpendChange(-value, "cut")
        if word == "increase":
            return SpendChange(value, "increase")
    return SpendChange(None, direction)


_MULTIPLIERS = {
    "k": 1e3,
    "thousand": 1e3,
    "grand": 1e3,
    "m": 1e6,
    "mm": 1e6,
    "mn": 1e6,
    "mil": 1e6,
    "million": 1e6,
    "millions": 1e6,
    "b": 1e9,
    "bn": 1e9,
    "billion": 1e9,
}
_AMOUNT = re.compile(
    r"(?<![a-z0-9.,-])(?:(?P<cur>[$€£]|usd|eur|gbp|us\$|aud|cad|chf) ?)?"
    r"(?P<num>\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?) ?"
    r"(?P<mult>k|mm|mn|m|bn|b|mil|million|millions|thousand|grand|billion)?(?![a-z0-9%-]|\.\d)"
    r"(?: ?(?P<unit>dollars|euros|pounds|usd|eur|gbp|bucks))?"
)
_WORD_AMOUNT = re.compile(
    _B + rf"(?P<n>half a|a|one|{_NUMWORD})(?: (?P<h>hundred))? (?P<mult>thousand|million|billion|grand)" + _E
)


def extract_amount(text: str) -> float | None:
    """The first money amount in ``text`` (normalised), unsigned; None when there is none.

    Bare numbers count only with a currency sign or code, a multiplier (k, M, million...), thousands separators,
    or a currency word after them; years, counts ('top 3', 'last 12 weeks') and percentages never do.
    """
    found: list[tuple[int, float]] = []
    for m in _AMOUNT.finditer(text):
        cur, num, mult, unit = m.group("cur"), m.group("num"), m.group("mult"), m.group("unit")
        if mult == "b" and not cur:
            continue
        if (
            mult in {"m", "k", "b", "mm", "mn", "bn"}
            and text[m.end("num") : m.start("mult")].strip() == ""
            and (text[m.end("num") : m.start("mult")] == " " and not cur)
        ):
            continue
        if not (cur or mult or unit or "," in num):
            continue
        value = float(num.replace(",", "")) * _MULTIPLIERS.get(mult or "", 1.0)
        found.append((m.start(), value))
    for m in _WORD_AMOUNT.finditer(text):
        n = m.group("n")
        base = 0.5 if n == "half a" else 1.0 if n in {"a", "one"} else float(NUMBER_WORDS[n])
        if m.group("h"):
            base *= 100
        found.append((m.start(), base * _MULTIPLIERS[m.group("mult")]))
    if not found:
        return None
    return min(found)[1]
