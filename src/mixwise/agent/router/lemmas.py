"""Word normalisation for the intent classifier: inflections and synonyms become one canonical word.

The classifier learns from about a thousand questions; 'spend', 'spending' and 'spent' or 'saturated', 'maxed out'
and 'diminishing returns' are one idea each, and reading them as one word lets a cue learned from one phrasing carry
to the others. Applied to the classifier's input only (the keyword rules and entity rules read the raw text).
"""

from __future__ import annotations

import re

__all__ = ["PHRASES", "LEMMAS", "lemmatise"]

# Multi-word phrases first (regex, replacement), applied in order.
PHRASES: tuple[tuple[str, str], ...] = (
    (r"what's|whats|wat's|wats", "what is"),
    (r"how's|hows", "how is"),
    (r"where's|wheres", "where is"),
    (r"who's", "who is"),
    (r"it's", "it is"),
    (r"don't|dont", "do not"),
    (r"doesn't|doesnt", "does not"),
    (r"isn't|isnt", "is not"),
    (r"we're", "we are"),
    (r"return on (?:investment|invest|ad spend|advertising spend|spend)|return of invest(?:ment)?", "roi"),
    (r"maxed out|maxed|tapped out|capped out|cap out|topped out", "saturation"),
    (r"diminishing returns?|decreasing returns?|less and less|flatten(?:s|ed|ing)? out", "saturation"),
    (r"how come|for what reason|what is the reason", "why"),
    (r"pay(?:s|ing)? back|pay(?:s|ing)? off|pay(?:s|ing)? for itself", "payback"),
    (r"bang for (?:the|our|your)? ?buck", "payback"),
    (r"tl;?dr|tl dr|cliff notes|in a nutshell|short version|elevator pitch", "summary"),
    (r"year over year|year on year|year-on-year|year-over-year|yoy", "yoy"),
    (r"what if|what happens if|what would happen if|suppose|imagine|simulate|scenario", "whatif"),
    (r"customer acquisition costs?|cost per (?:acquisition|acquired customer)|cac|cpas?", "cost per sale"),
    (r"i-?roas|roas", "roi"),
    (r"mroi|mroas|marginal roas", "marginal roi"),
    (r"incrementality", "incremental"),
    (r"decomps?", "decomposition"),
    (r"share of voice|sov", "competitors"),
    (r"carry-?over", "adstock"),
    (r"go(?:es|ing)? dark|turn(?:ed|ing)? off|switch(?:ed)? off|zero(?:ing|ed)? out|goes to zero", "cut"),
)

_GROUPS: dict[str, str] = {
    "spend": "spend spends spending spent expenditure investment investments invest invested investing",
    "saturation": "saturated saturation saturating saturate saturates oversaturated oversaturation saturatd diminishing",
    "return": "returns returning returned",
    "contribution": "contribute contributed contributes contributing contributions contribution contributon",
    "forecast": "forecast forecasts forecasting forecasted fcst projection projections projected projecting outlook",
    "predict": "predict predicts predicted predicting prediction predictions",
    "optimise": "optimise optimize optimised optimized optimising optimizing optimisation optimization optimal "
    "optimum optimiser optimizer",
    "allocate": "allocate allocates allocated allocating allocation allocations reallocate reallocated reallocation",
    "summary": "summary summaries summarise summarize summarised summarized summarising summarizing sumary recap "
    "rundown overview",
    "sales": "sales sale revenue revenues volume volumes units turnover orders",
    "cost": "cost costs costing",
    "channel": "channel channels chanel medium mediums media platform platforms",
    "budget": "budget budgets budgeting budgeted",
    "cut": "cut cuts cutting reduce reduced reduces reducing reduction trim trimmed trimming slash slashed lower "
    "lowered decrease decreased halve halved pause paused pausing eliminate eliminated kill killed",
    "increase": "increase increased increases increasing raise raised raising boost boosted boosting uplift",
    "shift": "shift shifted shifting move moved moving transfer transferred switch switched switching redirect "
    "redirected divert diverted",
    "drop": "drop dropped dropping dip dipped dipping fell fall falling decline declined declining slump slumped "
    "tank tanked tanking slowdown down",
    "rise": "jump jumped jumping spike spiked surge surged rose rise rising grew growth up",
    "accuracy": "accurate accuracy precise precision",
    "trust": "trust trusted trustworthy reliable reliability rely believe",
    "data": "data dataset datasets file files spreadsheet csv upload input inputs",
    "missing": "missing gap gaps hole holes incomplete",
    "profit": "profit profits profitable profitability lucrative payback accretive dilutive",
    "efficient": "efficient efficiency effective effectiveness efficiently",
    "best": "best top strongest highest",
    "worst": "worst weakest lowest poorest",
    "rank": "rank ranked ranking rankings",
    "headroom": "headroom ceiling capacity limit plateau",
    "week": "week weeks weekly",
    "month": "month months monthly",
    "quarter": "quarter quarters qtr quarterly",
    "year": "year years yearly annual",
    "please": "please pls plz",
    "compare": "compare compared comparing comparison versus vs",
    "explain": "explain explains explained explaining explanation",
    "driver": "driver drivers drive drives drove driving driven",
    "model": "model models modelling modeling mmm",
}
LEMMAS: dict[str, str] = {w: canon for canon, words in _GROUPS.items() for w in words.split()}
_PHRASE_RE = [(re.compile(r"(?<![a-z0-9])(?:" + p + r")(?![a-z0-9])"), r) for p, r in PHRASES]
_TOKEN = re.compile(r"[a-z]+")


def lemmatise(text: str) -> str:
    """Canonical words for a normalised question ('spent on tv, maxed out?' -> 'spend on tv, saturation?').

    Args:
        text: Lower-case text (normalised and masked by the classifier).

    Returns:
        The text with the phrases of :data:`PHRASES` and the words of :data:`LEMMAS` replaced.
    """
    for pattern, repl in _PHRASE_RE:
        text = pattern.sub(repl, text)
    return _TOKEN.sub(lambda m: LEMMAS.get(m.group(0), m.group(0)), text)
