"""The offline question router: intent + entities for one question, with conversation context.

``route("tv roi?")`` runs the entity rules, the numpy intent classifier and the keyword rules, and returns a
:class:`RouteResult`. Low confidence gives ``clarify`` (two or three suggested phrasings); out-of-scope questions
get a polite ``refusal``. A :class:`RouterContext` carries the previous answer so follow-ups work: 'and radio?'
after 'what's the ROI of TV?' is roi for radio.
"""

from __future__ import annotations

import math
import re
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from typing import Any

from pydantic import BaseModel, Field

from mixwise.agent.router.classifier import load_classifier, mask_text
from mixwise.agent.router.entities import Entities, extract_entities
from mixwise.agent.router.lemmas import lemmatise
from mixwise.agent.router.lexicon import SAMPLE_CHANNELS
from mixwise.agent.router.rules import CUES, has_domain_words, rule_scores

__all__ = ["INTENTS", "RouteResult", "RouterContext", "Router", "route", "CLARIFY_BELOW", "REFUSAL"]

INTENTS: tuple[str, ...] = (
    "roi",
    "compare_channels",
    "saturation",
    "contribution",
    "budget_scenario",
    "budget_optimize",
    "period_drivers",
    "forecast",
    "model_quality",
    "data_quality",
    "executive_summary",
    "help",
    "out_of_scope",
    "carryover",
)
#: Intents the keyword rules alone decide (the statistical classifier has no class for them).
RULE_INTENTS = ("carryover",)
CLARIFY_BELOW = 0.4
# Router score = CLASSIFIER_WEIGHT x classifier log-probability + RULE_WEIGHT x keyword-rule bonus, then a softmax.
# Chosen by 5-fold cross-validation on the training questions only (python -m mixwise.agent.router.tune; 963
# questions): the ratio 1.5 by accuracy, the scale 1.4 by log loss so that the confidence is calibrated. Never tuned
# on the held-out or blind files.
CLASSIFIER_WEIGHT = 1.4
RULE_WEIGHT = 2.1
REFUSAL = (
    "Sorry, that is outside what I can help with. I answer questions about your marketing mix: ROI and channel "
    "comparisons, saturation, sales contributions, what-if budget scenarios, budget optimisation, what drove a "
    "period, forecasts, and model and data quality, or I can give you an executive summary. For example: "
    "'What is the ROI of TV?' or 'What if we cut radio by 20%?'"
)
_NO_ENTITY_INTENTS = {"help", "out_of_scope"}
_FOLLOW_UP = re.compile(
    r"^(?:and|also|ok(?:ay)?,? and|what about|how about|same (?:for|with)|now|then|and what about|and for)\b|"
    r"\binstead\b|\b(?:it|that|them|those|the same)\b"
)


@dataclass
class RouterContext:
    """Conversation state: the previous routed question, used to resolve follow-ups."""

    intent: str | None = None
    channels: list[str] = field(default_factory=list)
    pct: float | None = None
    amount: float | None = None
    period: str | None = None
    direction: str | None = None
    source: str | None = None
    target: str | None = None

    def remember(self, result: RouteResult) -> None:
        """Store ``result`` as the previous question (clarifications and refusals are not remembered)."""
        if result.clarify or result.intent in _NO_ENTITY_INTENTS:
            return
        self.intent = result.intent
        self.channels = list(result.channels)
        self.pct, self.amount, self.period = result.pct, result.amount, result.period
        self.direction, self.source, self.target = result.direction, result.source, result.target


class RouteResult(BaseModel):
    """What the router understood from one question.

    Attributes:
        intent: One of :data:`INTENTS`.
        confidence: Probability of ``intent`` after classifier and rules, 0..1.
        channels: Data channels the question acts on, in mention order; empty means all channels.
        pct: Signed fractional spend change (cut 20% -> -0.2), or None.
        amount: Unsigned money amount, or None.
        period: Period text ('Q4 2023', 'last quarter', 'year over year'), or None.
        direction: 'cut', 'increase', 'shift' or None.
        source, target: Channels of a shift ('from tv to digital').
        negated: Channels the question excludes ('everything except tv').
        notes: How words were read (synonyms, typos, follow-up context).
        clarify: Suggested phrasings when the question is unclear, else None.
        refusal: Polite refusal for out-of-scope questions, else None.
        context: The conversation context after this question (pass it to the next ``route`` call); not in dumps.
    """

    intent: str
    confidence: float
    channels: list[str] = Field(default_factory=list)
    pct: float | None = None
    amount: float | None = None
    period: str | None = None
    direction: str | None = None
    source: str | None = None
    target: str | None = None
    negated: list[str] = Field(default_factory=list)
    notes: list[str] = Field(default_factory=list)
    clarify: list[str] | None = None
    refusal: str | None = None
    context: RouterContext | None = Field(default=None, exclude=True, repr=False)

    def to_dict(self, full: bool = False) -> dict[str, Any]:
        """JSON-ready dict: intent, confidence, channels, pct, amount, period (every field when ``full``)."""
        if full:
            return self.model_dump(mode="json")
        return {
            "intent": self.intent,
            "confidence": round(self.confidence, 4),
            "channels": list(self.channels),
            "pct": self.pct,
            "amount": self.amount,
            "period": self.period,
        }


def _probabilities(ents: Entities, channels: Sequence[str]) -> dict[str, float]:
    """Classifier probabilities combined with rule bonuses (softmax of log p + bonus)."""
    clf = load_classifier()
    probs = clf.predict_proba([mask_text(ents.text, ents.mentions)])[0]
    bonus = rule_scores(ents.text, ents, clf.classes)
    logits = {
        c: CLASSIFIER_WEIGHT * math.log(max(float(p), 1e-12)) + RULE_WEIGHT * bonus[c]
        for c, p in zip(clf.classes, probs, strict=True)
    }
    top = max(logits.values())
    exp = {c: math.exp(v - top) for c, v in logits.items()}
    total = sum(exp.values())
    return {c: v / total for c, v in exp.items()}


def _cue_intents(text: str) -> set[str]:
    return {intent for intent, cues in CUES.items() for p, w in cues if w >= 2.0 and p.search(text)}


def _is_gibberish(text: str, ents: Entities) -> bool:
    """No domain word, no cue, and most words unknown to the classifier's vocabulary ('asdf qwer')."""
    if has_domain_words(text, ents) or any(p.search(text) for cues in CUES.values() for p, _ in cues):
        return False
    words = re.findall(r"[a-z]+", lemmatise(text))
    if not words:
        return True
    vocab = load_classifier().known_words
    return sum(w in vocab for w in words) / len(words) < 0.5


def _suggestions(ranked: list[str], ents: Entities) -> list[str]:
    ch = " and ".join(ents.channels) if ents.channels else "each channel"
    one = ents.channels[0] if ents.channels else "TV"
    period = ents.period or "last quarter"
    period = period if period.split()[0] in {"last", "this", "next", "the"} else f"in {period}"
    templates = {
        "roi": f"What is the ROI of {ch}?",
        "compare_channels": "Which channel has the best ROI?",
        "saturation": f"Is {one} saturated?",
        "contribution": f"How much of our sales came from {ch}?",
        "budget_scenario": f"What if we cut {one} by 20%?",
        "budget_optimize": "How should we allocate our budget?",
        "period_drivers": f"What drove sales {period}?",
        "forecast": "What will sales be next quarter?",
        "model_quality": "How accurate is the model?",
        "data_quality": "Are there any problems with the data?",
        "executive_summary": "Give me an executive summary.",
        "help": "What can you do?",
    }
    out = [templates[i] for i in ranked if i in templates]
    for default in ("Give me an executive summary.", f"What is the ROI of {ch}?", "What can you do?"):
        if len(out) >= 3:
            break
        if default not in out:
            out.append(default)
    return out[:3]


def _apply_context(result: dict[str, Any], ents: Entities, probs: dict[str, float], ctx: RouterContext) -> bool:
    """Resolve a follow-up against the previous question; returns True when it was one."""
    text = ents.text
    cues = _cue_intents(text) - {"out_of_scope", "help"}
    short = len(re.findall(r"[a-z0-9%$]+", text)) <= 5
    compare_one = cues == {"compare_channels"} and len(ents.channels) == 1 and bool(ctx.channels)
    if not (_FOLLOW_UP.search(text) or (short and (not cues or compare_one))):
        return False
    if not cues or ctx.intent in cues:
        result["intent"] = ctx.intent
        result["confidence"] = max(result["confidence"], probs.get(ctx.intent or "", 0.0), 0.6)
    elif result["intent"] not in cues:
        return False
    same_intent = result["intent"] == ctx.intent
    if not ents.channels and not ents.negated and not ents.all_channels_said:
        result["channels"] = list(ctx.channels)
    elif result["intent"] == "compare_channels" and len(ents.channels) == 1:
        result["channels"] = [c for c in ctx.channels if c not in ents.channels] + list(ents.channels)
    if same_intent or result["intent"] in {"budget_scenario", "forecast"}:
        for key in ("pct", "amount", "period"):
            if result[key] is None and getattr(ctx, key) is not None and same_intent:
                result[key] = getattr(ctx, key)
        if result["direction"] is None and same_intent:
            result["direction"], result["source"], result["target"] = ctx.direction, ctx.source, ctx.target
    result["notes"].append(f"Follow-up: read with the previous question ({ctx.intent}).")
    return True


_DEFINITION = re.compile(
    r"^(?:so |ok |and )?(?:(?:can|could) you |please )?"
    r"(?:what(?:'s| is| are| does)?|define|explain|meaning of|what do you mean by)\b"
)
_ROI_WORDS = re.compile(r"\b(?:roi|roas|return on (?:investment|ad spend)|payback ratio)\b")
_OWN_DATA = re.compile(r"\b(?:our|my|we|us|each|per|by|which|longest|shortest|most|least)\b")
_QUALITY_WORDS = re.compile(r"\b(?:fit|fits|accura\w*|good|trust\w*|reliab\w*|handl\w*|converge\w*|diagnos\w*)\b")
_DATA_WORDS = re.compile(r"\b(?:missing|columns?|rows?|duplicates?|gaps?|data quality|clean|errors?|outliers?)\b")
_PERIOD_WORDS = re.compile(r"\b(?:drove|drive|drivers?|why|explain\w*|forecast\w*|predict\w*|next)\b")


def _rule_intent_applies(result: dict[str, Any], ents: Entities, gibberish: bool) -> bool:
    """A rule intent (carry-over) may replace the classifier's, except for: a what-if with a size (going dark
    is fine: how long the effect outlasts the spend is a carry-over question), a definition ('what is
    adstock?' is a help question), or a question that is really about model or data quality or a period."""
    if gibberish or ents.amount is not None or (ents.pct not in (None, -1.0) and ents.direction is not None):
        return False
    text, intent = ents.text, result["intent"]
    if _DEFINITION.search(text) and not ents.channels and not _OWN_DATA.search(text):
        return False
    if intent == "model_quality" and _QUALITY_WORDS.search(text):
        return False
    if intent == "roi" and _ROI_WORDS.search(text):  # "the ROI of radio once its delayed sales are counted"
        return False
    if intent == "data_quality" and _DATA_WORDS.search(text):
        return False
    return not (intent in {"period_drivers", "forecast"} and ents.period and _PERIOD_WORDS.search(text))


def route(question: str, channels: Sequence[str] | None = None, context: RouterContext | None = None) -> RouteResult:
    """Route one question to an intent with its entities.

    Args:
        question: The user's question, in any case, with typos, slang or rambling.
        channels: The data's channel names (default: the sample data's tv, radio, digital, print).
        context: The conversation so far (see :class:`RouterContext`); not modified here. The result's
            ``context`` is the context after this question: pass it with the next question.

    Returns:
        A :class:`RouteResult`.
    """
    channels = list(channels or SAMPLE_CHANNELS)
    ents = extract_entities(question, channels)
    probs = _probabilities(ents, channels)
    ranked = sorted(probs, key=probs.get, reverse=True)  # type: ignore[arg-type]
    result: dict[str, Any] = {
        "intent": ranked[0],
        "confidence": probs[ranked[0]],
        "channels": list(ents.channels),
        "pct": ents.pct,
        "amount": ents.amount,
        "period": ents.period,
        "direction": ents.direction,
        "source": ents.source,
        "target": ents.target,
        "negated": list(ents.negated),
        "notes": list(ents.notes),
        "clarify": None,
        "refusal": None,
    }
    follow_up = bool(context and context.intent) and _apply_context(result, ents, probs, context)  # type: ignore[arg-type]
    gibberish = _is_gibberish(ents.text, ents)
    if gibberish:
        ranked = [i for i in ranked if i != "out_of_scope"]
        result["intent"], result["confidence"] = ranked[0], min(probs[ranked[0]], CLARIFY_BELOW / 2)
    if _rule_intent_applies(result, ents, gibberish):
        for intent in RULE_INTENTS:
            if any(p.search(ents.text) for p, _ in CUES[intent]):
                result.update(intent=intent, confidence=max(result["confidence"], 0.9), clarify=None)
                result.update(pct=None, amount=None, period=None, direction=None)  # not what carry-over is about
    if result["intent"] in _NO_ENTITY_INTENTS and not follow_up:
        result.update(channels=[], pct=None, amount=None, period=None, direction=None, source=None, target=None)
        result.update(negated=[])
    if result["intent"] == "out_of_scope" and not gibberish:
        result["refusal"] = REFUSAL
    elif gibberish or (result["confidence"] < CLARIFY_BELOW and not follow_up):
        result["clarify"] = _suggestions([i for i in ranked if i != "out_of_scope"], ents)
        result["notes"].append("Not sure what you mean; did you mean one of the suggested questions?")
    if result["direction"] != "shift":
        result["source"] = result["target"] = None
    routed = RouteResult(**result)
    after = replace(context) if context is not None else RouterContext()
    after.remember(routed)
    routed.context = after
    return routed


class Router:
    """A routing conversation: remembers each answer so follow-ups resolve ('and radio?')."""

    def __init__(self, channels: Sequence[str] | None = None) -> None:
        self.channels = list(channels or SAMPLE_CHANNELS)
        self.context = RouterContext()

    def ask(self, question: str) -> RouteResult:
        """Route ``question`` in the current context and remember the result."""
        result = route(question, self.channels, self.context)
        self.context = result.context or self.context
        return result
