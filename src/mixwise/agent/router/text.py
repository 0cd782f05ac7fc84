"""Text normalisation and domain-word typo correction for the offline router."""

from __future__ import annotations

import difflib
import re
import unicodedata
from collections.abc import Iterable

from mixwise.agent.router.lexicon import NOT_TYPOS, TYPO_TARGETS

__all__ = ["normalise", "correct_typos", "WORD_RE"]

WORD_RE = re.compile(r"[a-z][a-z0-9']*|[0-9][a-z0-9]*[a-z][a-z0-9]*")

_REPLACEMENTS = {
    "\u2019": "'",
    "\u2018": "'",
    "\u201c": '"',
    "\u201d": '"',
    "\u2013": "-",
    "\u2014": "-",
    "\u00a0": " ",
    "&": " and ",
}
_SPACE_RE = re.compile(r"\s+")


def normalise(text: str) -> str:
    """Lower-case, ASCII-fy punctuation, turn '&' into 'and', collapse white space.

    Args:
        text: Raw question.

    Returns:
        Normalised text; currency signs, %, +, -, digits and punctuation are kept.
    """
    text = unicodedata.normalize("NFKC", text or "")
    for old, new in _REPLACEMENTS.items():
        text = text.replace(old, new)
    text = text.lower().replace("0f ", "of ")
    return _SPACE_RE.sub(" ", text).strip()


def _candidates(word: str, targets: Iterable[str]) -> list[str]:
    """Targets close to ``word``: similarity >= 0.8 (0.9 if the first letter differs), length within 2 (1 if short)."""
    max_diff = 2 if len(word) >= 8 else 1
    pool = [t for t in targets if abs(len(t) - len(word)) <= max_diff]
    found = difflib.get_close_matches(word, pool, n=1, cutoff=0.8)
    if found and found[0][0] != word[0] and difflib.SequenceMatcher(None, word, found[0]).ratio() < 0.9:
        return []  # typos rarely change the first letter: 'imagine' is not 'magazine'
    return found


_SUFFIXES = ("s", "es", "d", "ed", "ing", "er", "ers", "ly", "al")


def _is_inflection(word: str, targets: set[str]) -> bool:
    """True for a real inflection of a domain word ('compared', 'forecasts'), which is not a typo."""
    return any(word.endswith(s) and (word[: -len(s)] in targets or word[: -len(s)] + "e" in targets) for s in _SUFFIXES)


def correct_typos(text: str, extra_targets: Iterable[str] = ()) -> tuple[str, list[tuple[str, str]]]:
    """Replace misspelt domain words ('telivision' -> 'television', 'radi0' -> 'radio').

    Only words of five or more letters that are not themselves a domain word and not in a list of real words near
    one ('ratio', 'point') are corrected, and only towards domain words (channels, synonyms, months, analysis
    words) plus ``extra_targets`` (the data's own channel names).

    Args:
        text: Normalised text (see :func:`normalise`).
        extra_targets: Further words to correct towards.

    Returns:
        (corrected text, list of (original, corrected) pairs in order).
    """
    targets = set(TYPO_TARGETS) | {t for t in extra_targets if len(t) >= 4 and " " not in t}
    fixes: list[tuple[str, str]] = []

    def fix(match: re.Match[str]) -> str:
        word = match.group(0)
        if len(word) < 5 or word in targets or word in NOT_TYPOS or "'" in word or _is_inflection(word, targets):
            return word
        found = _candidates(word, targets)
        if not found:
            return word
        fixes.append((word, found[0]))
        return found[0]

    return WORD_RE.sub(fix, text), fixes
