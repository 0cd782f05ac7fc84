"""One registry of typed tools, shared by the offline router, the LLM agent and the MCP server.

A tool is a typed function ``(session, args) -> ToolResult``: its arguments are a pydantic model
(closed choices as ``Literal``), its Google-style docstring's first paragraph is its description,
and its result is a :class:`ToolResult` with a one-sentence ``headline`` plus rows. Tools hold no
modelling logic: they check arguments, call the public API and convert.
"""

from __future__ import annotations

import importlib
import inspect
import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from mixwise.errors import MixwiseError

__all__ = ["ToolResult", "Tool", "ToolArgumentError", "REGISTRY", "tool", "get_tool", "call_tool", "relevant_caveats"]


class ToolArgumentError(MixwiseError, ValueError):
    """A tool was called with arguments that do not fit its schema."""


class ToolResult(BaseModel):
    """What every tool returns.

    Attributes:
        tool: The tool's name.
        headline: One sentence a CMO can read aloud.
        rows: The table behind the headline (one dict per row, JSON-able values).
        bullets: Key numbers and the so-what, as short sentences.
        charts: Names of the charts that go with the answer (e.g. ``03_roi_comparison.png``).
        caveats: Data and model-health caveats attached to this answer.
        data: Extra structured numbers (totals, intervals) for the JSON output and the grounding check.
    """

    model_config = ConfigDict(extra="forbid")

    tool: str
    headline: str
    rows: list[dict[str, Any]] = Field(default_factory=list)
    bullets: list[str] = Field(default_factory=list)
    charts: list[str] = Field(default_factory=list)
    caveats: list[str] = Field(default_factory=list)
    data: dict[str, Any] = Field(default_factory=dict)


@dataclass(frozen=True)
class Tool:
    """A registered tool."""

    name: str
    description: str
    args_model: type[BaseModel]
    func: Callable[[Any, BaseModel], ToolResult]
    needs_model: bool = True

    def input_schema(self) -> dict[str, Any]:
        """JSON schema of the arguments (for the LLM and MCP adapters)."""
        schema = self.args_model.model_json_schema()
        schema.pop("title", None)
        return schema

    def parse_args(self, raw: dict[str, Any] | BaseModel | None) -> BaseModel:
        """Validate raw arguments; a clear :class:`ToolArgumentError` when they do not fit."""
        if isinstance(raw, self.args_model):
            return raw
        try:
            return self.args_model.model_validate(raw or {})
        except ValidationError as exc:
            problems = "; ".join(
                f"{'.'.join(str(p) for p in err['loc']) or 'arguments'}: {err['msg']} (received {err.get('input')!r})"
                for err in exc.errors()
            )
            allowed = ", ".join(self.args_model.model_fields) or "none"
            raise ToolArgumentError(
                f"Invalid arguments for tool '{self.name}': {problems}. Allowed arguments: {allowed}."
            ) from exc


REGISTRY: dict[str, Tool] = {}


def _description(func: Callable[..., Any]) -> str:
    doc = inspect.getdoc(func) or ""
    head = doc.split("\n\nArgs:")[0].split("\n\nReturns:")[0]
    return " ".join(head.split())


def tool(name: str, args_model: type[BaseModel], needs_model: bool = True) -> Callable[[Callable], Callable]:
    """Register ``func`` as a tool called ``name`` with arguments ``args_model``."""

    def decorate(func: Callable[[Any, BaseModel], ToolResult]) -> Callable[[Any, BaseModel], ToolResult]:
        if name in REGISTRY:
            raise ValueError(f"Tool '{name}' is registered twice.")
        REGISTRY[name] = Tool(name, _description(func), args_model, func, needs_model)
        return func

    return decorate


def get_tool(name: str) -> Tool:
    """The tool called ``name``; a clear error listing the tools otherwise."""
    _ensure_loaded()
    if name not in REGISTRY:
        raise ToolArgumentError(f"Unknown tool '{name}'. Available tools: {', '.join(sorted(REGISTRY))}.")
    return REGISTRY[name]


def call_tool(session: Any, name: str, args: dict[str, Any] | BaseModel | None = None) -> ToolResult:
    """Validate ``args`` and run tool ``name`` in ``session``; caveats are attached to the result."""
    t = get_tool(name)
    parsed = t.parse_args(args)
    result = t.func(session, parsed)
    if not result.caveats:
        result.caveats = relevant_caveats(session.caveats(), result, list(getattr(session, "channels", []) or []))
    return result


def relevant_caveats(caveats: list[str], result: ToolResult, channels: list[str]) -> list[str]:
    """The caveats that concern this answer: a caveat naming channels is kept only when the answer
    mentions one of them (a TV question does not carry a caveat about print); the others always are."""
    answer = " ".join([result.headline, *result.bullets]).lower()

    def says(text: str, channel: str) -> bool:
        forms = {channel.lower(), channel.lower().replace("_", " ")}
        return any(re.search(rf"(?<![a-z0-9]){re.escape(f)}(?![a-z0-9])", text) for f in forms)

    kept = []
    for caveat in caveats:
        names = [c for c in channels if says(caveat.lower(), c)]
        if not names or any(says(answer, c) for c in names):
            kept.append(caveat)
    return kept


def all_tools() -> list[Tool]:
    """Every registered tool, in registration order."""
    _ensure_loaded()
    return list(REGISTRY.values())


def _ensure_loaded() -> None:
    # Importing the tool modules registers their tools.
    from mixwise.agent import tools_data, tools_model  # noqa: F401

    try:
        importlib.import_module("mixwise.agent.tools_decide")
    except ModuleNotFoundError as exc:  # decision tools not available yet
        if exc.name != "mixwise.agent.tools_decide":
            raise
