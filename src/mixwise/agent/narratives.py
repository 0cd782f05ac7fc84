"""Turn tool results into answers a CMO can read aloud: headline, key numbers, so-what, caveats, charts."""

from __future__ import annotations

from mixwise.agent.registry import ToolResult

__all__ = ["render_text", "render_markdown"]


def render_text(result: ToolResult, max_bullets: int = 8, show_caveats: bool = True) -> str:
    """Plain text: the headline, then bullets, caveats and the charts that go with the answer."""
    lines = [result.headline]
    lines.extend(f"  - {b}" for b in result.bullets[:max_bullets])
    if show_caveats and result.caveats:
        lines.append("Caveats: " + " ".join(c if c.endswith(".") else c + "." for c in result.caveats[:4]))
    if result.charts:
        lines.append("Charts: " + ", ".join(result.charts))
    return "\n".join(lines)


def render_markdown(result: ToolResult, max_bullets: int = 8) -> str:
    """Markdown for the web app and MCP clients."""
    lines = [f"**{result.headline}**", ""]
    lines.extend(f"- {b}" for b in result.bullets[:max_bullets])
    if result.caveats:
        lines += ["", "_Caveats: " + " ".join(result.caveats[:4]) + "_"]
    return "\n".join(lines)
