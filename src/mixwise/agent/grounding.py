"""Grounding: every number the LLM says must come from a tool result, the question or a short whitelist.

Tool results go into an :class:`EvidenceLedger` (every number in their headline, bullets, rows and
data, collected recursively, including numbers written inside strings such as ``"$1.2M"``).
:func:`check_grounding` then reads every number in the final text and matches it against the ledger
after unit and rounding normalisation, at the precision the text shows:

* ``$1.2M`` matches 1,234,567 (1.2 million, shown to 0.1M: anything in 1.15M-1.25M);
* ``12.3%`` matches 0.1234 (a fraction) or 12.34 (already in percent);
* ``1.85`` matches 1.8512; ``$45.2k`` matches 45,210; ``1,234,000`` matches 1,234,321;
* signs are ignored (``-$50.0k`` and "a $50.0k cut" are the same figure).

Allowed without evidence: years 1990-2100, integers 0-10 (counts, list positions, ordinals such as
``3rd``), calendar constants (12, 13, 26, 52), 90 (as in "90% range") and 1 (as in "per $1"). Quarter and half names (Q1-Q4, H1, H2) and
other numbers glued to letters are identifiers, not figures. Dates (``2024-03-31``, ``31 Mar 2024``,
``Mar 31, 2024``) must match a date in the evidence or the question.
"""

from __future__ import annotations

import datetime as dt
import math
import re
from bisect import bisect_left
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

__all__ = [
    "NumberMention",
    "EvidenceLedger",
    "GroundingReport",
    "extract_numbers",
    "extract_dates",
    "check_grounding",
]

_SCALE = {
    "k": 1e3,
    "thousand": 1e3,
    "m": 1e6,
    "mm": 1e6,
    "mn": 1e6,
    "million": 1e6,
    "b": 1e9,
    "bn": 1e9,
    "billion": 1e9,
    "trillion": 1e12,
}

_NUMBER = re.compile(
    r"(?<![A-Za-z0-9_.])"
    r"(?P<cur>[$€£])?"
    r"(?P<num>\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?|\.\d+)"
    r"(?:(?P<suffix>mm|MM|mn|bn|BN|Bn|[kKmMbB])(?![A-Za-z])|\s?(?P<word>thousand|million|billion|trillion)\b)?"
    r"(?P<pct>\s?%|\s?percent\b|\s?per cent\b|\s?pp\b|\s?percentage points?\b)?"
    r"(?P<ord>st|nd|rd|th)?"
)
_LIST_MARKER = re.compile(r"(?m)^\s*(?:\d{1,3}[.)]|#{1,6})\s+")

_MONTHS = {
    m: i + 1 for i, m in enumerate(["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"])
}
_MON = r"(?P<mon>Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)[a-z]*\.?"
_DATE_PATTERNS = (
    re.compile(r"\b(?P<y>\d{4})-(?P<m>\d{1,2})-(?P<d>\d{1,2})(?:[T ][0-9:.]+)?\b"),
    re.compile(rf"\b(?P<d>\d{{1,2}})\s+{_MON}\s+(?P<y>\d{{4}})\b", re.IGNORECASE),
    re.compile(rf"\b{_MON}\s+(?P<d>\d{{1,2}}),?\s+(?P<y>\d{{4}})\b", re.IGNORECASE),
)

#: Numbers allowed without evidence (besides years 1990-2100): small counts, 90 (90% range) and calendar
#: constants (12 months, 13 weeks a quarter, 26 a half, 52 a year).
WHITELIST = frozenset({0.0, 1.0, 2.0, 3.0, 4.0, 5.0, 6.0, 7.0, 8.0, 9.0, 10.0, 12.0, 13.0, 26.0, 52.0, 90.0})


@dataclass(frozen=True)
class NumberMention:
    """One number written in a text.

    Attributes:
        text: The number as written (``$1.2M``, ``12.3%``, ``1,234``).
        shown: The number as shown, before the suffix (1.2 for ``$1.2M``); always positive.
        decimals: Decimals shown (1 for ``1.2M``).
        scale: The suffix's multiplier (1e6 for ``M``), 1 without a suffix.
        kind: ``number``, ``money``, ``percent`` or ``ordinal``.
    """

    text: str
    shown: float
    decimals: int
    scale: float
    kind: str

    @property
    def value(self) -> float:
        """The number in base units: 1.2e6 for ``$1.2M``, 0.123 for ``12.3%``."""
        return self.shown / 100.0 if self.kind == "percent" else self.shown * self.scale

    @property
    def tolerance(self) -> float:
        """Half a unit of the last shown digit, in the units of :attr:`shown` times :attr:`scale`."""
        step = 10.0 ** (-self.decimals)
        if self.decimals == 0 and self.scale == 1.0 and self.shown >= 1000:
            # 1,234,000 is shown to the thousand; keep at least two significant digits.
            integer = str(int(self.shown))
            zeros = len(integer) - len(integer.rstrip("0"))
            step = 10.0 ** min(zeros, len(integer) - 2)
        return 0.5 * step * self.scale + 1e-9 * max(1.0, self.shown * self.scale)

    def matches(self, x: float) -> bool:
        """Whether ``x`` rounds to this mention at the shown precision (sign ignored)."""
        x = abs(x)
        if self.kind == "percent":
            return abs(x * 100.0 - self.shown) <= self.tolerance or abs(x - self.shown) <= self.tolerance
        return abs(x - self.shown * self.scale) <= self.tolerance

    @property
    def whitelisted(self) -> bool:
        """Years, small counts, 90 (90% range) and 1 (per $1)."""
        if self.scale != 1.0:
            return False
        if self.kind == "percent":
            return self.shown == 90.0
        if self.kind != "money" and self.decimals == 0 and 1990 <= self.shown <= 2100:
            return True
        if self.kind == "money":
            return self.shown == 1.0
        return self.shown in WHITELIST and (self.decimals == 0 or self.shown == 1.0)


def _parse_date(match: re.Match[str]) -> dt.date | None:
    parts = match.groupdict()
    try:
        month = int(parts["m"]) if parts.get("m") else _MONTHS[parts["mon"][:3].lower()]
        return dt.date(int(parts["y"]), month, int(parts["d"]))
    except (ValueError, KeyError):
        return None


def extract_dates(text: str) -> tuple[list[tuple[str, dt.date]], str]:
    """Dates written in ``text`` and the text with them blanked out.

    Returns:
        ``([(as written, date)], text without the dates)``.
    """
    found: list[tuple[str, dt.date]] = []
    for pattern in _DATE_PATTERNS:

        def blank(m: re.Match[str]) -> str:
            date = _parse_date(m)
            if date is None:
                return m.group(0)
            found.append((m.group(0), date))
            return " " * len(m.group(0))

        text = pattern.sub(blank, text)
    return found, text


def extract_numbers(text: str) -> list[NumberMention]:
    """Every number written in ``text`` (dates and list markers excluded).

    Args:
        text: Any text: an answer, a question, a tool's headline.

    Returns:
        The numbers in reading order.
    """
    _, text = extract_dates(text)
    text = _LIST_MARKER.sub(lambda m: " " * len(m.group(0)), text)
    out: list[NumberMention] = []
    for m in _NUMBER.finditer(text):
        raw = m.group("num")
        shown = float(raw.replace(",", ""))
        decimals = len(raw.split(".")[1]) if "." in raw else 0
        suffix = (m.group("suffix") or m.group("word") or "").lower()
        scale = _SCALE.get(suffix, 1.0)
        if m.group("pct"):
            kind = "percent"
        elif m.group("ord"):
            kind = "ordinal"
        elif m.group("cur"):
            kind = "money"
        else:
            kind = "number"
        out.append(NumberMention(m.group(0).strip(), shown, decimals, scale, kind))
    return out


def _as_date(value: Any) -> dt.date | None:
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    to_pydatetime = getattr(value, "to_pydatetime", None)  # pandas.Timestamp, numpy.datetime64 wrappers
    if callable(to_pydatetime):
        try:
            return to_pydatetime().date()
        except (TypeError, ValueError, AttributeError):
            return None
    return None


@dataclass
class EvidenceLedger:
    """Every number (and date) the tools returned in a conversation.

    Attributes:
        values: Absolute values in base units (1.2e6 for ``$1.2M``, 0.123 for ``12.3%``).
        dates: Dates seen in the evidence.
        sources: Names of the tool results added, in order.
    """

    values: list[float] = field(default_factory=list)
    dates: set[dt.date] = field(default_factory=set)
    sources: list[str] = field(default_factory=list)
    _sorted: list[float] | None = field(default=None, repr=False)

    def __len__(self) -> int:
        return len(self.values)

    def add(self, obj: Any, source: str | None = None) -> None:
        """Add every number in ``obj`` (a ToolResult, dict, list, string or number), recursively."""
        if source is not None:
            self.sources.append(source)
        self._sorted = None
        self._walk(obj)

    def add_text(self, text: str) -> None:
        """Add the numbers and dates written in ``text``."""
        self._sorted = None
        dates, _ = extract_dates(text)
        self.dates.update(d for _, d in dates)
        for mention in extract_numbers(text):
            self.values.append(abs(mention.value))

    def _walk(self, obj: Any) -> None:
        if obj is None or isinstance(obj, bool):
            return
        if hasattr(obj, "model_dump"):
            self._walk(obj.model_dump())
        elif isinstance(obj, str):
            self.add_text(obj)
        elif isinstance(obj, dict):
            for value in obj.values():
                self._walk(value)
        elif isinstance(obj, list | tuple | set | frozenset):
            for value in obj:
                self._walk(value)
        elif (date := _as_date(obj)) is not None:
            self.dates.add(date)
        elif hasattr(obj, "tolist"):  # numpy scalars and arrays
            self._walk(obj.tolist())
        else:
            try:
                number = float(obj)
            except (TypeError, ValueError):
                return
            if math.isfinite(number):
                self.values.append(abs(number))

    def supports(self, mention: NumberMention) -> bool:
        """Whether some evidence number rounds to ``mention`` at its shown precision."""
        if self._sorted is None:
            self._sorted = sorted(self.values)
        tol = mention.tolerance
        windows = [(mention.shown * mention.scale, tol)]
        if mention.kind == "percent":
            windows = [(mention.shown / 100.0, tol / 100.0), (mention.shown, tol)]
        for centre, width in windows:
            i = bisect_left(self._sorted, centre - width)
            if i < len(self._sorted) and self._sorted[i] <= centre + width:
                return True
        return False


@dataclass(frozen=True)
class GroundingReport:
    """The outcome of :func:`check_grounding`.

    Attributes:
        ok: Every number and date in the text is grounded.
        mentions: Every number found in the text.
        ungrounded: The numbers and dates (as written) that match no evidence.
    """

    ok: bool
    mentions: tuple[NumberMention, ...]
    ungrounded: tuple[str, ...]

    def message(self) -> str:
        """A correction request naming the ungrounded numbers (for the LLM's retry)."""
        return (
            "These numbers in your answer do not appear in any tool result: "
            + ", ".join(self.ungrounded)
            + ". Rewrite the answer using only numbers exactly as the tools returned them (you may round them), "
            "or call a tool to get the number. Do not compute new figures yourself."
        )


def check_grounding(
    text: str, ledger: EvidenceLedger, question: str = "", extra: Iterable[float] = ()
) -> GroundingReport:
    """Check that every number in ``text`` comes from the evidence.

    Args:
        text: The final answer.
        ledger: Evidence from the tool results of this conversation.
        question: The user's question; its numbers ("cut TV by 20%") may be repeated.
        extra: More allowed numbers in base units.

    Returns:
        A :class:`GroundingReport`; ``ok`` is False when any number or date is ungrounded.
    """
    asked = EvidenceLedger()
    asked.add_text(question)
    asked.values.extend(abs(float(v)) for v in extra)
    ungrounded: list[str] = []
    for written, date in extract_dates(text)[0]:
        if date not in ledger.dates and date not in asked.dates:
            ungrounded.append(written)
    mentions = tuple(extract_numbers(text))
    for mention in mentions:
        if mention.whitelisted or ledger.supports(mention) or asked.supports(mention):
            continue
        if mention.kind == "ordinal" and mention.shown <= 10:
            continue
        ungrounded.append(mention.text)
    unique = tuple(dict.fromkeys(ungrounded))
    return GroundingReport(ok=not unique, mentions=mentions, ungrounded=unique)
