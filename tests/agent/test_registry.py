"""The tool registry: typed arguments, clear errors, one description per tool."""

from __future__ import annotations

import pytest

from mixwise.agent.registry import ToolArgumentError, all_tools, get_tool

EXPECTED = {
    "channel_roi",
    "compare_channels",
    "saturation",
    "contributions",
    "data_quality",
    "help",
}


def test_registry_has_the_model_and_data_tools() -> None:
    names = {t.name for t in all_tools()}
    assert EXPECTED <= names


def test_every_tool_has_description_and_object_schema() -> None:
    for t in all_tools():
        assert len(t.description) > 40, t.name
        schema = t.input_schema()
        assert schema["type"] == "object", t.name


def test_closed_choices_are_enums() -> None:
    schema = get_tool("compare_channels").input_schema()
    assert set(schema["properties"]["metric"]["enum"]) == {"roi", "marginal_roi", "contribution"}


def test_bad_arguments_name_the_argument_and_value() -> None:
    t = get_tool("compare_channels")
    with pytest.raises(ToolArgumentError) as exc:
        t.parse_args({"metric": "profitability"})
    msg = str(exc.value)
    assert "metric" in msg and "profitability" in msg and "compare_channels" in msg


def test_unknown_argument_is_rejected() -> None:
    with pytest.raises(ToolArgumentError, match="bogus"):
        get_tool("channel_roi").parse_args({"bogus": 1})


def test_unknown_tool_lists_available_tools() -> None:
    with pytest.raises(ToolArgumentError, match="channel_roi"):
        get_tool("delete_everything")
