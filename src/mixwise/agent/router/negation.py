"""Clauses a question sets aside: 'ignoring saturation, which channel ...', 'forget the forecast, what drove Q4'.

Such a clause names an intent the user does NOT want, so it must not vote for it. :func:`drop_set_aside` removes it
before the classifier and the keyword rules read the question (entities still read the whole question).
"""

from __future__ import annotations

import re

__all__ = ["drop_set_aside"]

# Words that open a set-aside clause (at the start of the question or of a clause).
_LEAD = (
    r"ignoring|ignore|forget(?: about)?|never ?mind(?: about)?|nevermind|set(?:ting)? aside|leav(?:e|ing) aside"
    r"|apart from|aside from|skip(?:ping)?|no need for(?: the| a| an)?|rather than|instead of|less about"
    r"|not (?:the|a|an|about|interested in|looking for)|i (?:do not|don'?t) (?:want|need)(?: the| a| an)?"
    r"|not so much|other than"
)
_START = re.compile(
    r"(?:^|(?<=[,;.!?])\s*|(?<![a-z])(?:so|ok|okay|well|but|and|look)\s*,?\s+)(?:" + _LEAD + r")(?![a-z])\s*"
)
# 'leaving model accuracy aside, ...', 'saturation aside, ...'
_ASIDE = re.compile(
    r"(?:^|(?<=[,;.!?])\s*)(?:(?:leaving|leave|putting|put|setting|set)\s+)?[a-z' -]{2,40}?\s+aside\s*[,;:-]+\s*"
)
# Where a set-aside clause ends when it has no punctuation: before a question word or a new request.
_STOP = re.compile(
    r"\s(?=(?:what|which|how|why|is|are|does|do|did|can|could|should|would|will|where|who|give|show|tell|just"
    r"|rank|but|please|i|we|more about)(?![a-z]))"
)
# In a long question, the words that introduce the main ask ('..., but what I really need is ...'): the preamble
# before them is context, not the question.
_MAIN_ASK = re.compile(
    r"(?:^|\s)(?:but |so |and )?(?:(?:the )?(?:one |only )?thing i (?:really |actually )?(?:want|need)"
    r"|what i (?:really |actually |just )?(?:want|need)|all i (?:really )?(?:want|need)"
    r"|i (?:really |actually |just |only )+(?:want|need)(?: to know)?|for (?:today|now),? just|my (?:real |main )?question is)"
    r"(?![a-z])"
)
_BOUNDARY = re.compile(r"\s*(?:[,;:.!?]+|\s-+\s|\s–\s|\s—\s|\s(?=but(?![a-z])))\s*")


def _clause_end(rest: str) -> int | None:
    """Index in ``rest`` where the set-aside clause ends (None when it runs to the end of the question)."""
    punct = _BOUNDARY.search(rest)
    if punct and punct.start() > 0 and len(rest[: punct.start()].split()) <= 10:
        return punct.start()
    stop = _STOP.search(rest)
    if stop and stop.start() > 0:
        return stop.start()
    return None


def drop_set_aside(text: str) -> str:
    """``text`` without the clauses it sets aside; unchanged when nothing sensible would remain.

    Args:
        text: Normalised lower-case question.

    Returns:
        The question without 'ignoring X', 'forget X', 'not the X -', 'X aside,' clauses, e.g.
        'ignoring saturation, which channel is best' -> 'which channel is best'; in a long question, only the
        part from 'but what I really need ...' on.
    """
    out = text
    if len(out.split()) >= 16:
        asks = list(_MAIN_ASK.finditer(out))
        if asks and len(out[: asks[-1].start()].split()) >= 8 and len(out[asks[-1].start() :].split()) >= 4:
            out = out[asks[-1].start() :]
    m = _ASIDE.search(out)
    if m and len(out[m.end() :].split()) >= 2:
        out = out[: m.start()] + " " + out[m.end() :]
    pos = 0
    while (m := _START.search(out, pos)) is not None:
        rest = out[m.end() :]
        end = _clause_end(rest)
        if end is None:  # a trailing 'tv roi please, not the forecast': drop it when enough comes before
            if m.start() > 0 and len(re.findall(r"[a-z0-9]+", out[: m.start()])) >= 2:
                out = out[: m.start()].rstrip(" ,;:-")
            break
        remainder = rest[end:]
        if len(re.findall(r"[a-z0-9]+", remainder)) < 2:
            break
        remainder = re.sub(r"^[\s,;:.!?\-–—]*(?:but\s+)?", "", remainder)
        out = out[: m.start()] + " " + remainder
        pos = m.start()
    return " ".join(out.split())
