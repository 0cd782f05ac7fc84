"""docs/mcp.md: the Claude Desktop snippet is valid JSON and uses options ``mixwise mcp`` accepts."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from typer.testing import CliRunner

from mixwise.cli.main import app

DOC = Path(__file__).resolve().parents[2] / "docs" / "mcp.md"


def test_claude_desktop_snippet_matches_the_command() -> None:
    if not DOC.exists():
        pytest.skip("docs/mcp.md not found")
    block = re.search(r"```json\n(.*?)```", DOC.read_text(), re.DOTALL)
    assert block, "docs/mcp.md has no JSON block"
    server = json.loads(block.group(1))["mcpServers"]["mixwise"]
    assert server["command"].endswith("/.venv/bin/mixwise") and server["args"][0] == "mcp"
    help_text = CliRunner().invoke(app, ["mcp", "--help"]).output
    for option in (a for a in server["args"] if a.startswith("--")):
        assert option in help_text, option
    model = server["args"][server["args"].index("--model") + 1]
    assert model in {"bayes", "ols"}
