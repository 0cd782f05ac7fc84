"""The LLM agent and grounding on a real session: the bundled sample with the OLS model (no network)."""

from __future__ import annotations

import copy
import json
import re
from typing import Any

import pytest

from mixwise.agent.answer import Answer
from mixwise.agent.grounding import EvidenceLedger, check_grounding
from mixwise.agent.llm import LLMAgent
from mixwise.agent.narratives import render_text
from mixwise.agent.registry import all_tools, call_tool

#: Arguments for tools that need some.
EXAMPLE_ARGS: dict[str, dict[str, Any]] = {
    "scenario": {"changes": [{"channel": "tv", "pct": -0.2}]},
    "optimize_budget": {"budget": 2_000_000},
    "period_drivers": {"period": "last quarter"},
    "forecast": {"weeks": 13},
}


@pytest.fixture(scope="module")
def session() -> Any:
    from mixwise.agent.session import AnalystSession

    s = AnalystSession.from_source(None, model_name="ols", use_cache=False)
    _ = s.model
    return s


def _callable_tools() -> list[str]:
    return [t.name for t in all_tools() if not t.input_schema().get("required") or t.name in EXAMPLE_ARGS]


@pytest.mark.parametrize("name", _callable_tools())
def test_every_tool_narrative_is_grounded_in_its_own_result(session: Any, name: str) -> None:
    result = call_tool(session, name, EXAMPLE_ARGS.get(name, {"channels": []} if name == "channel_roi" else {}))
    ledger = EvidenceLedger()
    ledger.add(result)
    report = check_grounding(render_text(result, max_bullets=99), ledger)
    assert report.ok, report.ungrounded


class EchoModel:
    """A scripted model: calls one tool, then answers with the tool's headline (optionally with a number changed)."""

    def __init__(self, tool: str, args: dict, tamper: bool = False) -> None:
        self.tool, self.args, self.tamper = tool, args, tamper
        self.requests: list[dict] = []

    def create(self, **kwargs: Any) -> dict:
        self.requests.append(copy.deepcopy(kwargs))
        last = kwargs["messages"][-1]["content"]
        if len(self.requests) == 1:
            return {"content": [{"type": "tool_use", "id": "toolu_1", "name": self.tool, "input": self.args}]}
        headline = next(
            json.loads(m["content"][0]["content"])["headline"]
            for m in reversed(kwargs["messages"])
            if isinstance(m["content"], list) and m["content"][0].get("type") == "tool_result"
        )
        if self.tamper:  # every dollar figure moved by $0.50: no longer what the tool said
            headline = re.sub(r"\$(\d+\.\d\d)", lambda m: f"${float(m.group(1)) + 0.5:.2f}", headline)
        assert isinstance(last, list | str)
        return {"content": [{"type": "text", "text": f"In short: {headline}"}]}


def offline(session: Any, question: str) -> Answer:
    return Answer(question=question, intent="roi", confidence=0.5, text="offline answer")


def test_echoing_the_tool_headline_is_a_grounded_llm_answer(session: Any) -> None:
    model = EchoModel("channel_roi", {"channels": ["tv"]})
    ans = LLMAgent(session, model, fallback=offline).ask("What is the ROI of TV?")
    expected = call_tool(session, "channel_roi", {"channels": ["tv"]}).headline
    assert ans.source == "llm" and ans.text == f"In short: {expected}"
    assert ans.result is not None and [r["channel"] for r in ans.result.rows] == ["tv"]


def test_tampered_numbers_fall_back_to_the_offline_analyst(session: Any) -> None:
    model = EchoModel("channel_roi", {"channels": ["tv"]}, tamper=True)
    ans = LLMAgent(session, model, fallback=offline).ask("What is the ROI of TV?")
    assert ans.source == "router-fallback" and ans.text == "offline answer"
    assert len(model.requests) == 3  # the answer, one retry, then the fallback


def test_tool_results_sent_to_the_model_are_strict_json(session: Any) -> None:
    model = EchoModel("contributions", {})
    LLMAgent(session, model, fallback=offline).ask("What drives sales?")
    block = model.requests[1]["messages"][-1]["content"][0]
    doc = json.loads(block["content"], parse_constant=lambda c: pytest.fail(f"non-JSON constant {c}"))
    assert doc["tool"] == "contributions" and doc["rows"]


def test_default_fallback_is_the_offline_analyst(session: Any) -> None:
    router = pytest.importorskip("mixwise.agent.router")
    if not hasattr(router, "route"):
        pytest.skip("the offline router is not available yet")
    model = EchoModel("channel_roi", {"channels": ["tv"]}, tamper=True)
    ans = LLMAgent(session, model).ask("What is the ROI of TV?")
    assert ans.source == "router-fallback" and ans.result is not None and ans.result.tool == "channel_roi"
    assert "ungrounded" in ans.route["llm_fallback_reason"]
