"""Period expressions ('Q4 2023', 'last quarter', 'year over year', 'January to March') as canonical text."""

from __future__ import annotations

import re

from mixwise.agent.router.lexicon import MONTHS, NUMBER_WORDS

__all__ = ["extract_period", "find_periods"]

_ORDINALS = {"first": 1, "second": 2, "third": 3, "fourth": 4, "1st": 1, "2nd": 2, "3rd": 3, "4th": 4}
_REL = {"last": "last", "past": "last", "previous": "last", "prior": "last", "this": "this", "current": "this"}
_REL.update({"next": "next", "coming": "next", "upcoming": "next"})
_UNITS = r"(?:quarter|qtr|year|yr|month|week|summer|winter|spring|autumn|fall|holiday season|holidays|half)"
_NUM = r"(?:\d+|" + "|".join(sorted(NUMBER_WORDS, key=len, reverse=True)) + r")"
_MONTH_RE = "|".join(sorted(MONTHS, key=len, reverse=True))
_YEAR = r"(?:19|20)\d{2}"

# (pattern, builder) in priority order; all patterns run on normalised text.
_B = r"(?<![a-z0-9])"
_E = r"(?![a-z0-9])"


def _year(text: str | None) -> str:
    if not text:
        return ""
    text = text.strip("' ")
    return " " + (text if len(text) == 4 else "20" + text)


def _quarter(m: re.Match[str]) -> str:
    return f"Q{m.group('q')}{_year(m.group('y'))}"


def _quarter_rev(m: re.Match[str]) -> str:
    return f"Q{m.group('q')} {m.group('y')}"


def _quarter_word(m: re.Match[str]) -> str:
    return f"Q{_ORDINALS[m.group('o')]}{_year(m.group('y'))}"


def _half(m: re.Match[str]) -> str:
    return f"H{m.group('h')}{_year(m.group('y'))}"


def _half_word(m: re.Match[str]) -> str:
    return f"H{_ORDINALS[m.group('o')]}{_year(m.group('y'))}"


def _month(m: re.Match[str]) -> str:
    return MONTHS[m.group("m")] + _year(m.group("y"))


def _relative_n(m: re.Match[str]) -> str:
    n = m.group("n")
    n = str(NUMBER_WORDS.get(n, n))
    return f"{_REL[m.group('r')]} {n} {m.group('u')}"


def _relative(m: re.Match[str]) -> str:
    unit = m.group("u")
    unit = {"holiday season": "holidays", "fall": "autumn", "yr": "year", "qtr": "quarter"}.get(unit, unit)
    return f"{_REL[m.group('r')]} {unit}"


def _fy(m: re.Match[str]) -> str:
    return "FY" + _year(m.group("y")).strip()


_PATTERNS: list[tuple[re.Pattern[str], object]] = [
    (re.compile(_B + r"(?P<a>\d{4}-\d{2}-\d{2})" + _E), lambda m: m.group("a")),
    (
        re.compile(
            _B + r"(?:year[- ]over[- ]year|yoy|y/y|y-o-y|year[- ]on[- ]year|"
            r"(?:vs\.?|versus|compared (?:to|with)|against) (?:the )?(?:same period )?last year)" + _E
        ),
        lambda m: "year over year",
    ),
    (re.compile(_B + r"(?:ytd|year[- ]to[- ]date)" + _E), lambda m: "YTD"),
    (re.compile(_B + r"(?:qtd|quarter[- ]to[- ]date)" + _E), lambda m: "QTD"),
    (re.compile(_B + r"(?:mtd|month[- ]to[- ]date)" + _E), lambda m: "MTD"),
    (re.compile(_B + r"fy ?'?(?P<y>\d{4}|\d{2})" + _E), _fy),
    (re.compile(_B + r"(?P<y>" + _YEAR + r") ?q(?P<q>[1-4])" + _E), _quarter_rev),
    (re.compile(_B + r"q(?P<q>[1-4])(?:(?: of| in)? ?(?P<y>'\d{2}|" + _YEAR + r"))?" + _E), _quarter),
    (
        re.compile(
            _B + r"(?:the )?(?P<o>first|second|third|fourth|1st|2nd|3rd|4th) quarter(?: of (?P<y>" + _YEAR + r"))?" + _E
        ),
        _quarter_word,
    ),
    (re.compile(_B + r"h(?P<h>[12])(?: ?(?P<y>" + _YEAR + r"))?" + _E), _half),
    (
        re.compile(_B + r"(?:the )?(?P<o>first|second|1st|2nd) half(?: of (?:the year|(?P<y>" + _YEAR + r")))?" + _E),
        _half_word,
    ),
    (
        re.compile(
            _B
            + r"(?P<r>last|past|previous|prior|next|coming|upcoming) (?P<n>"
            + _NUM
            + r") (?P<u>weeks|months|quarters|years|days)"
            + _E
        ),
        _relative_n,
    ),
    (
        re.compile(
            _B + r"(?P<r>last|past|previous|prior|this|current|next|coming|upcoming) (?P<u>" + _UNITS + r")" + _E
        ),
        _relative,
    ),
    (
        re.compile(_B + r"(?:the )?(?:holiday season|holiday period|holidays|christmas|xmas)" + _E),
        lambda m: "the holidays",
    ),
    (re.compile(_B + r"black friday" + _E), lambda m: "black friday"),
    (
        re.compile(
            _B + r"(?:(?<=in )|(?<=during )|(?<=since )|(?<=of )|(?<=through )|(?<=to )|(?<=from )|(?<=until )|"
            r"(?<=and )|(?<=explain ))?(?P<m>" + _MONTH_RE + r")\.?(?: ?(?P<y>" + _YEAR + r"|'\d{2}))?" + _E
        ),
        _month,
    ),
    (
        re.compile(
            _B + r"(?:(?<=the )|(?<=in )|(?<=over )|(?<=this )|(?<=during ))?(?P<s>summer|winter|spring|autumn)" + _E
        ),
        lambda m: m.group("s"),
    ),
    (re.compile(_B + r"(?P<y>" + _YEAR + r")" + _E), lambda m: m.group("y")),
]

_AMBIGUOUS_MONTHS = {"may", "mar", "sep"}  # also ordinary words: need "in May", "May 2024"...
_MONTH_CONTEXT = re.compile(r"(?:in|during|since|of|through|to|from|until|and|explain|vs|between|for|thru|-)\s*$")
_RANGE = re.compile(r"^\s*(?:to|through|thru|until|till|-|and)\s*$")
_VERSUS = re.compile(r"^\s*(?:vs\.?|versus|compared (?:to|with)|against)\s*$")


def find_periods(text: str) -> list[tuple[int, int, str]]:
    """All period atoms in ``text`` as (start, end, canonical text), non-overlapping, in text order."""
    found: list[tuple[int, int, str]] = []
    taken = [False] * (len(text) + 1)
    for pattern, build in _PATTERNS:
        for m in pattern.finditer(text):
            s, e = m.span()
            if any(taken[s:e]):
                continue
            if "m" in pattern.groupindex and m.group("m"):
                word = m.group("m")
                if word in _AMBIGUOUS_MONTHS and not m.group("y") and not _MONTH_CONTEXT.search(text[:s]):
                    continue
            found.append((s, e, build(m)))  # type: ignore[operator]
            for i in range(s, e):
                taken[i] = True
    return sorted(found)


def extract_period(text: str) -> str | None:
    """The first period expression in ``text``, joined with a following one into a range or a comparison.

    'from jan to march' -> 'January to March'; 'between Q2 and Q3' -> 'Q2 to Q3'; 'Q4 2023 vs Q4 2022' ->
    'Q4 2023 vs Q4 2022'; 'compared to last year' -> 'year over year'; 'a quarter' (a fraction) is not a period.

    Args:
        text: Normalised question text.

    Returns:
        Canonical period text, or None.
    """
    atoms = find_periods(text)
    if not atoms:
        return None
    s0, e0, first = atoms[0]
    if len(atoms) > 1:
        s1, _, second = atoms[1]
        between = text[e0:s1]
        if second != "year over year":
            if _RANGE.match(between) and (between.strip() != "and" or re.search(r"between\s*$", text[:s0])):
                return f"{first} to {second}"
            if _VERSUS.match(between):
                return f"{first} vs {second}"
    return first
