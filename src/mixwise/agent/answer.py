"""The offline analyst: route a question, call the matching tool, write the answer.

This is the default path (no network, no key) and the LLM agent's fallback.
"""

from __future__ import annotations

import re
from typing import Any

from pydantic import BaseModel, Field

from mixwise.agent.narratives import render_text
from mixwise.agent.registry import ToolResult, call_tool

__all__ = ["Answer", "answer", "plan_call", "CLARIFY_THRESHOLD"]

#: Below this router confidence the analyst asks a clarifying question instead of guessing.
CLARIFY_THRESHOLD = 0.45

_WEEKS_IN = {"quarter": 13, "month": 4, "half": 26, "year": 52, "week": 1}


class Answer(BaseModel):
    """One answer: the text to show, the tool result behind it, and how the question was understood."""

    question: str
    intent: str
    confidence: float
    text: str
    result: ToolResult | None = None
    clarify: list[str] | None = None
    route: dict[str, Any] = Field(default_factory=dict)
    source: str = "router"

    def to_dict(self) -> dict[str, Any]:
        """JSON-able form for ``--json`` output."""
        return self.model_dump(mode="json")


def _horizon_weeks(question: str, period: str | None) -> int | None:
    text = f"{question} {period or ''}".lower()
    m = re.search(r"(\d+)\s*(?:-\s*)?weeks?", text)
    if m:
        return int(m.group(1))
    m = re.search(r"(\d+)\s*months?", text)
    if m:
        return round(int(m.group(1)) * 52 / 12)
    if re.search(r"\bq[1-4]\b", text):
        return _WEEKS_IN["quarter"]
    for word, weeks in _WEEKS_IN.items():
        if re.search(rf"\b(next|this|coming|per|a|one)\s+{word}\b", text):
            return weeks
    return None


def plan_call(route: Any, question: str, session: Any) -> tuple[str, dict[str, Any]]:
    """Map a router result to ``(tool name, arguments)``."""
    intent = route.intent
    chans = list(route.channels or [])
    if intent == "roi":
        return "channel_roi", {"channels": chans}
    if intent == "compare_channels":
        # "Where should the next dollar go?" is a marginal question; "what worked?" an average one.
        marginal = r"marginal|next (dollar|\$|euro|pound)|extra (dollar|\$|money|budget|spend)|more (money|budget|spend)|invest more|(put|spend|add) more"
        metric = "marginal_roi" if re.search(marginal, question.lower()) else "roi"
        if re.search(r"contribut|drives? the most|biggest", question.lower()):
            metric = "contribution"
        return "compare_channels", {"channels": chans, "metric": metric}
    if intent == "saturation":
        return "saturation", {"channels": chans}
    if intent == "carryover":
        return "carryover", {"channels": chans}
    if intent == "contribution":
        return "contributions", {}
    if intent == "budget_scenario":
        return "scenario", _scenario_args(route, question, session)
    if intent == "budget_optimize":
        args: dict[str, Any] = {"budget": route.amount}
        weeks = _horizon_weeks(question, route.period)
        if weeks:
            args["weeks"] = weeks
        return "optimize_budget", args
    if intent == "period_drivers":
        period = route.period or "last quarter"
        vs = (
            "yoy"
            if re.search(r"year over year|yoy|year-on-year|last year|a year (ago|earlier)", question.lower())
            else "previous"
        )
        if period.lower() in {"year over year", "yoy", "year-over-year"}:
            period = "last quarter"
        return "period_drivers", {"period": period, "vs": vs}
    if intent == "forecast":
        return "forecast", {"weeks": _horizon_weeks(question, route.period) or 13}
    if intent == "model_quality":
        return "model_health", {}
    if intent == "data_quality":
        return "data_quality", {}
    if intent == "executive_summary":
        return "executive_summary", {}
    return "help", {}


def _scenario_args(route: Any, question: str, session: Any) -> dict[str, Any]:
    """Scenario tool arguments; with no size in the question, a stated 10% assumption (``assumed``, ``example``)."""
    source, target = getattr(route, "source", None), getattr(route, "target", None)
    weeks = _horizon_weeks(question, route.period)
    base: dict[str, Any] = {"weeks": weeks} if weeks else {}
    if source and target:
        shift = {"source": source, "target": target, "amount": route.amount, "pct": route.pct}
        if route.amount is None and route.pct is None:
            shift["pct"] = 0.1
            base |= {"assumed": f"moving 10% of {source}'s spend", "example": f"move 25% of {source} to {target}"}
        return {**base, "shifts": [shift]}
    chans = list(route.channels or []) or list(session.channels)
    if route.pct is not None:
        return {**base, "changes": [{"channel": c, "pct": route.pct} for c in chans]}
    if route.amount is not None:
        sign = -1.0 if getattr(route, "direction", None) in {"cut", "decrease", "down"} else 1.0
        return {**base, "changes": [{"channel": c, "amount": sign * route.amount} for c in chans]}
    up = getattr(route, "direction", None) == "increase"
    return {
        **base,
        "changes": [{"channel": c, "pct": 0.1 if up else -0.1} for c in chans],
        "assumed": "a 10% increase" if up else "a 10% cut",
        "example": f"{'raise' if up else 'cut'} {chans[0]} by 25%",
    }


#: Intents a question keeps on its own even mid-conversation ("help" never continues the last topic).
_STANDALONE = {"out_of_scope", "help", "executive_summary", "data_quality", "model_quality"}


def _route_in_context(session: Any, question: str, route_question: Any) -> Any:
    """Route with the conversation context, unless the question clearly stands on its own."""
    channels = list(session.channels)
    route = route_question(question, channels=channels, context=session.router_context)
    if session.router_context is None:
        return route
    alone = route_question(question, channels=channels, context=None)
    if alone.intent != route.intent and alone.intent in _STANDALONE and alone.confidence >= 0.5:
        return alone
    return route


_GENERIC_TARGETS = {
    "spend", "spending", "budget", "budgets", "media", "marketing", "advertising", "ads", "everything", "all",
    "total", "overall", "it", "that", "them", "this", "each", "every", "across", "our", "the", "by", "back",
    "down", "up", "investment", "paid", "channels", "channel", "costs", "cost",
}  # fmt: skip
_CHANGE_VERB = re.compile(
    r"\b(?:cut|cutting|reduce|reducing|increase|increasing|raise|raising|boost|boosting|double|doubling|halve|"
    r"halving|drop|dropping|slash|slashing|trim|trimming|scale|scaling|pause|pausing|stop|stopping)\s+"
    r"(?:our\s+|the\s+|all\s+)?([a-z][a-z0-9_-]*)"
)


#: Media platforms people name; when the router maps none of the question's words to a channel of the data,
#: a platform named here is a channel the data does not have.
_PLATFORMS = (
    "snapchat", "pinterest", "linkedin", "twitter", "reddit", "amazon", "bing", "taboola", "outbrain", "twitch",
    "hulu", "netflix", "roku", "billboard", "billboards", "cinema", "sponsorship", "influencer", "influencers",
    "affiliate", "affiliates", "email", "sms", "direct mail",
)  # fmt: skip


def _unknown_platform(route: Any, question: str) -> str | None:
    """A platform the question names that none of the data's channels stands for (router found no channel)."""
    if route.channels or getattr(route, "source", None):
        return None
    text = f" {re.sub(r'[^a-z ]+', ' ', question.lower())} "
    return next((p for p in _PLATFORMS if f" {p} " in text), None)


def _unknown_target(route: Any, question: str, session: Any) -> str | None:
    """The word a what-if acts on when it is neither a channel of the data nor a whole-budget word.

    "What if we cut snapchat by 10%?" on data without such a channel must not silently cut every channel.
    """
    if route.intent != "budget_scenario" or route.channels or getattr(route, "source", None):
        return None
    platform = _unknown_platform(route, question)
    if platform is not None:
        return platform
    match = _CHANGE_VERB.search(question.lower())
    if match is None:
        return None
    word = match.group(1)
    if word in _GENERIC_TARGETS or word.isdigit():
        return None
    return word


def answer(session: Any, question: str, route: Any | None = None) -> Answer:
    """Answer ``question`` offline: route it, call the tool, write the narrative.

    Args:
        session: An :class:`~mixwise.agent.session.AnalystSession`.
        question: The user's question, as typed.
        route: A precomputed router result (otherwise the router runs here, with the session context).
    """
    from mixwise.agent.router import route as route_question

    if route is None:
        route = _route_in_context(session, question, route_question)
    session.router_context = getattr(route, "context", None) or session.router_context
    info = route.to_dict() if hasattr(route, "to_dict") else {}
    if route.intent == "out_of_scope":
        text = route.refusal or (
            "That is outside what I can answer. I can tell you about ROI, saturation, what drives sales, "
            "what-if scenarios, budget allocation, period drivers, forecasts and model quality."
        )
        return Answer(question=question, intent=route.intent, confidence=route.confidence, text=text, route=info)
    if route.clarify and route.confidence < CLARIFY_THRESHOLD:
        text = "I am not sure what you mean. Did you mean:\n" + "\n".join(f"  - {s}" for s in route.clarify)
        return Answer(
            question=question,
            intent=route.intent,
            confidence=route.confidence,
            text=text,
            clarify=list(route.clarify),
            route=info,
        )
    unknown = _unknown_target(route, question, session)
    if unknown is not None:
        known = ", ".join(session.channels)
        text = (
            f"Your data has no channel called '{unknown}'. Which channel do you mean? Known channels: {known}. "
            f'For example: "what if we cut {session.channels[0]} by 20%?"'
        )
        return Answer(
            question=question, intent=route.intent, confidence=route.confidence, text=text, clarify=[text], route=info
        )
    name, args = plan_call(route, question, session)
    assumed, example = args.pop("assumed", None), args.pop("example", None)
    result = call_tool(session, name, args)
    notes = [n for n in (getattr(route, "notes", None) or [])]
    if assumed:
        notes.append(f'You did not say how much, so this assumes {assumed}; ask e.g. "what if we {example}?"')
    platform = _unknown_platform(route, question)
    if platform is not None:
        notes.append(
            f"Your data has no '{platform}' channel (channels: {', '.join(session.channels)}), so this covers "
            "every channel."
        )
    text = render_text(result)
    if notes:
        text += "\nNote: " + " ".join(notes)
    session.history.append((question, result.headline))
    return Answer(
        question=question, intent=route.intent, confidence=route.confidence, text=text, result=result, route=info
    )
