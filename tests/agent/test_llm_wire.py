"""The real Anthropic SDK against a mock HTTP transport: the wire format of the tool-use loop (no network)."""

from __future__ import annotations

import json
import warnings
from typing import Any

import pytest

anthropic = pytest.importorskip("anthropic")
httpx2 = pytest.importorskip("httpx2")

import test_llm as fakes  # noqa: E402  (the scripted-client test module beside this one)

from mixwise.agent.llm import LLMAgent  # noqa: E402
from mixwise.agent.llm_client import DEFAULT_MODEL, make_client  # noqa: E402

GOOD, FakeSession, make_dataset, offline = fakes.GOOD, fakes.FakeSession, fakes.make_dataset, fakes.offline
calls = fakes.calls  # the fake-registry fixture
pytestmark = pytest.mark.usefixtures("calls")

KEY = "sk-ant-api03-WIRETEST-abcdef0123456789"


def _message(content: list[dict[str, Any]], stop: str) -> dict[str, Any]:
    return {
        "id": "msg_01",
        "type": "message",
        "role": "assistant",
        "model": DEFAULT_MODEL,
        "content": content,
        "stop_reason": stop,
        "stop_sequence": None,
        "usage": {"input_tokens": 10, "output_tokens": 10},
    }


class MockApi:
    """A scripted Messages API: records request bodies, answers in order."""

    def __init__(self, *responses: httpx2.Response | dict[str, Any]) -> None:
        self.responses = list(responses)
        self.bodies: list[dict[str, Any]] = []
        self.headers: list[dict[str, str]] = []

    def __call__(self, request: httpx2.Request) -> httpx2.Response:
        assert request.url.path == "/v1/messages"
        self.bodies.append(json.loads(request.content))
        self.headers.append(dict(request.headers))
        reply = self.responses.pop(0)
        return reply if isinstance(reply, httpx2.Response) else httpx2.Response(200, json=reply)

    def client(self) -> Any:
        http = httpx2.Client(transport=httpx2.MockTransport(self))
        return make_client("anthropic", api_key=KEY, http_client=http, max_retries=0)


def test_sdk_round_trip_tool_use_to_tool_result() -> None:
    api = MockApi(
        _message(
            [{"type": "tool_use", "id": "toolu_01A", "name": "channel_roi", "input": {"channels": ["tv"]}}], "tool_use"
        ),
        _message([{"type": "text", "text": GOOD}], "end_turn"),
    )
    session = FakeSession(make_dataset())
    with warnings.catch_warnings():
        warnings.simplefilter("error", DeprecationWarning)  # the default model is not a deprecated one
        ans = LLMAgent(session, api.client(), fallback=offline).ask("Is TV paying back?")

    assert ans.source == "llm" and ans.text == GOOD
    first, second = api.bodies
    assert first["model"] == DEFAULT_MODEL and first["max_tokens"] == 1024 and "every number" in first["system"].lower()
    tool = next(t for t in first["tools"] if t["name"] == "channel_roi")
    assert tool["input_schema"]["type"] == "object" and "channels" in tool["input_schema"]["properties"]
    assert tool["description"]
    assert first["messages"][0]["role"] == "user" and "Is TV paying back?" in first["messages"][0]["content"]
    echoed, answered = second["messages"][-2], second["messages"][-1]
    assert echoed == {
        "role": "assistant",
        "content": [{"type": "tool_use", "id": "toolu_01A", "name": "channel_roi", "input": {"channels": ["tv"]}}],
    }
    result = answered["content"][0]
    assert answered["role"] == "user" and result["type"] == "tool_result" and result["tool_use_id"] == "toolu_01A"
    assert json.loads(result["content"])["tool"] == "channel_roi"
    # the key travels only in the auth header, never in a request body
    assert all(KEY not in json.dumps(body) for body in api.bodies)
    assert any(KEY in v for v in api.headers[0].values())


def test_sdk_http_error_falls_back_to_the_router() -> None:
    api = MockApi(
        httpx2.Response(529, json={"type": "error", "error": {"type": "overloaded_error", "message": "busy"}})
    )
    ans = LLMAgent(FakeSession(make_dataset()), api.client(), fallback=offline).ask("Is TV paying back?")
    assert ans.source == "router-fallback"
    assert "529" in ans.route["llm_fallback_reason"] and len(api.bodies) == 1
    assert KEY not in json.dumps(ans.to_dict())
