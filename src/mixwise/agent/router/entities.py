"""Entity rules for the offline router: channels (synonyms, typos, negation), spend change, money, period, shift.

Conventions (see the router issue): ``channels`` are the channels the question acts on, in mention order, without
negated ones, and empty when it covers all channels; 'everything except TV' gives the data's channels minus tv in
data order. ``pct``/``amount``: see :mod:`mixwise.agent.router.quantities`; ``period``: see
:mod:`mixwise.agent.router.periods`.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field

from mixwise.agent.router.lexicon import (
    ALL_MARKERS,
    EXCLUSION_MARKERS,
    QUIET_SYNONYMS,
    SAMPLE_CHANNELS,
    SUBGROUPS,
    SYNONYMS,
    TRADITIONAL,
)
from mixwise.agent.router.periods import extract_period
from mixwise.agent.router.quantities import extract_amount, extract_pct
from mixwise.agent.router.text import correct_typos, normalise

__all__ = ["Entities", "ChannelMention", "extract_entities", "find_channels", "channel_key"]

_B, _E = r"(?<![a-z0-9])", r"(?![a-z0-9])"
# A channel word used as an ordinary word: 'print the results', 'display me', 'search for'.
_NOT_CHANNEL_AFTER = {
    "print": re.compile(r"^\s+(?:the|me|a|an|out|this|that|it|them|results?|summary|report|table|everything)\b"),
    "display": re.compile(r"^\s+(?:the|me|a|an|this|that|it|them|results?|summary|report|table|all)\b"),
    "search": re.compile(r"^\s+(?:for|the)\b"),
    "linear": re.compile(r"^\s+(?:regression|model|trend|relationship)\b"),
    "google": re.compile(r"^\s+(?:it|that|this)\b"),
}
_VERB_CHANNELS = {"print", "display", "search"}
# ...but after these words it is the channel: 'is print a slow burn', 'does our display an...'.
_NOUN_BEFORE = re.compile(r"(?:\b(?:is|was|are|does|did|our|my|the|for|of|on|in|and|vs|than)\s+)$")
_VERB_BEFORE = re.compile(r"\b(?:can you|could you|would you|please|pls|let's|lets|i want to)\s*$")
_CONNECTOR = re.compile(r"^(?:\s|,|/|and|or|nor|the|&|\+)*$")


def channel_key(name: str) -> str:
    """Normalised channel name: lower case, '_' and '-' as spaces ('Paid_Search' -> 'paid search')."""
    return re.sub(r"[_\-\s]+", " ", name.strip().lower())


@dataclass(frozen=True)
class ChannelMention:
    """A channel phrase found in the text, the data channels it means, and a note when it was mapped."""

    start: int
    end: int
    phrase: str
    channels: tuple[str, ...]
    note: str | None = None


@dataclass
class Entities:
    """Everything the rules found in one question (channels are data channel names)."""

    channels: list[str] = field(default_factory=list)
    negated: list[str] = field(default_factory=list)
    pct: float | None = None
    amount: float | None = None
    period: str | None = None
    direction: str | None = None
    source: str | None = None
    target: str | None = None
    notes: list[str] = field(default_factory=list)
    all_channels: bool = False
    all_channels_said: bool = False
    text: str = ""
    mentions: list[ChannelMention] = field(default_factory=list)


def _phrase_table(channels: Sequence[str]) -> dict[str, tuple[tuple[str, ...], str | None]]:
    """phrase -> (data channels, note) for the data's channels, their families' synonyms and 'traditional'."""
    keys = {channel_key(c): c for c in channels}
    table: dict[str, tuple[tuple[str, ...], str | None]] = {k: ((c,), None) for k, c in keys.items()}
    family_channels: dict[str, tuple[str, ...]] = {}
    for family, phrases in SYNONYMS.items():
        if family in keys:
            family_channels[family] = (keys[family],)
        else:
            family_channels[family] = tuple(c for k, c in keys.items() if k in phrases)
    for family, phrases in SYNONYMS.items():
        for phrase in phrases:
            if phrase in table:
                continue
            group = next((g for g in SUBGROUPS if phrase in g), frozenset())
            targets = tuple(c for k, c in keys.items() if k in group) or family_channels[family]
            if not targets:
                known = ", ".join(channels)
                table[phrase] = ((), f"Your data has no '{phrase}' channel (its channels: {known}); ignored it.")
                continue
            note = None
            if phrase not in QUIET_SYNONYMS and phrase != family:
                note = f"Your data has no '{phrase}' channel; read it as {', '.join(targets)}."
            table[phrase] = (targets, note)
    offline = tuple(c for c in channels if any(c in family_channels[f] for f in ("tv", "radio", "print")))
    if offline:
        for phrase in TRADITIONAL:
            table.setdefault(phrase, (offline, None))
    return table


def find_channels(text: str, channels: Sequence[str]) -> list[ChannelMention]:
    """Channel mentions in ``text`` (normalised, typo-corrected), non-overlapping, in text order."""
    table = _phrase_table(channels)
    pattern = re.compile(_B + "(?:" + "|".join(re.escape(p) for p in sorted(table, key=len, reverse=True)) + ")" + _E)
    found = []
    for m in pattern.finditer(text):
        phrase = m.group(0)
        guard = _NOT_CHANNEL_AFTER.get(phrase)
        if guard and guard.match(text[m.end() :]) and not _NOUN_BEFORE.search(text[: m.start()]):
            continue
        if phrase in _VERB_CHANNELS and _VERB_BEFORE.search(text[: m.start()]):
            continue  # 'can you display tv roi', 'please print it'
        targets, note = table[phrase]
        found.append(ChannelMention(m.start(), m.end(), phrase, targets, note))
    return found


def _negated_mentions(text: str, mentions: list[ChannelMention]) -> set[int]:
    """Indexes of mentions that follow an exclusion marker ('everything except tv and radio')."""
    marker = re.compile(_B + "(?:" + "|".join(re.escape(m) for m in EXCLUSION_MARKERS) + ")" + _E)
    negated: set[int] = set()
    for m in marker.finditer(text):
        boundary = m.end()
        for i, mention in enumerate(mentions):
            if mention.start < boundary:
                continue
            if not _CONNECTOR.match(text[boundary : mention.start]):
                break
            negated.add(i)
            boundary = mention.end
    return negated


def _source_target(text: str, mentions: list[ChannelMention], names: list[str]) -> tuple[str | None, str | None]:
    """Source and target of a shift: 'from A to B', 'to B from A', 'out of A into B', else first and second."""
    source = target = None
    for mention in mentions:
        before = text[: mention.start].rstrip()
        if re.search(r"(?:\bfrom|\bout of|\bof)(?:\s+(?:the|our|my))?(?:\s+\$?[\d.,]+[km]?%?)?$", before):
            source = source or mention.channels[0]
        elif re.search(r"(?:\bto|\binto|\bin|\btowards|\bonto|\bfor)(?:\s+(?:the|our|my))?$", before):
            target = target or mention.channels[0]
    if len(names) >= 2:
        source = source or next((n for n in names if n != target), None)
        target = target or next((n for n in names if n != source), None)
    elif len(names) == 1 and target is None:
        source = source or names[0]
    return source, target


_MOVE = re.compile(
    r"\b(?:put|putting|puts|push|pushing|pour|pouring|send|sending|give|giving|reinvest|reinvesting|redeploy|"
    r"redeploying|plough|plow|funnel|funnelling|funneling|channel|channelling|put it|use)\b"
)


def _into_later(text: str, positive: list[ChannelMention]) -> bool:
    """A later channel is the destination: 'into digital', 'to search', 'towards social'."""
    return any(
        re.search(r"\b(?:into|to|towards|onto|in)(?:\s+(?:the|our|my))?\s*$", text[: m.start]) for m in positive[1:]
    )


def extract_entities(question: str, channels: Sequence[str] | None = None) -> Entities:
    """Run every entity rule on one question.

    Args:
        question: Raw question text.
        channels: The data's channel names (default: the sample data's tv, radio, digital, print).

    Returns:
        :class:`Entities` with channels in mention order (see the module conventions) and notes on every synonym
        mapping and typo correction.
    """
    channels = list(channels or SAMPLE_CHANNELS)
    text = normalise(question)
    text, fixes = correct_typos(text, extra_targets=[channel_key(c) for c in channels])
    out = Entities(text=text)
    out.notes += [f"Read '{a}' as '{b}'." for a, b in fixes if a.rstrip("s") != b]
    mentions = find_channels(text, channels)
    out.mentions = mentions
    negated_idx = _negated_mentions(text, mentions)
    acting: list[str] = []
    negated: list[str] = []
    for i, mention in enumerate(mentions):
        bucket = negated if i in negated_idx else acting
        bucket.extend(c for c in mention.channels if c not in bucket)
        if mention.note and mention.note not in out.notes:
            out.notes.append(mention.note)
    if negated and not acting:
        acting = [c for c in channels if c not in negated]
    out.channels = [c for c in acting if c not in negated]
    out.negated = negated
    out.all_channels_said = bool(re.search(_B + "(?:" + "|".join(ALL_MARKERS) + ")" + _E, text))
    out.all_channels = not out.channels or out.all_channels_said
    channel_words = {w for m in mentions for w in m.phrase.split()}
    positive = [m for i, m in enumerate(mentions) if i not in negated_idx]
    moving = len(positive) >= 2 and bool(_MOVE.search(text)) and _into_later(text, positive)
    change = extract_pct(text, channel_words, moving=moving)
    out.pct, out.direction = change.pct, change.direction
    if out.pct is not None and out.pct < -1.0:
        out.notes.append(f"Spend cannot fall by more than 100%; read a cut of {-out.pct:.0%} as turning it off.")
        out.pct = -1.0
    if len(channels) > 1 and set(out.channels) == set(channels) and out.direction != "shift":
        out.channels = []  # naming every channel means all channels
    out.amount = extract_amount(text)
    out.period = extract_period(text)
    if (out.direction == "shift" or moving or re.search(r"\bout of\b.*\b(?:into|in)\b", text)) and positive:
        out.direction = "shift"
        out.source, out.target = _source_target(text, positive, out.channels)
    return out
