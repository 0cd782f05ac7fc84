"""Rich rendering of answers and tables for the terminal (colours that read on light and dark themes)."""

from __future__ import annotations

from typing import Any

from rich.console import Group
from rich.panel import Panel
from rich.table import Table
from rich.text import Text

from mixwise.cli.common import console

__all__ = ["print_answer", "rows_table"]


def rows_table(rows: list[dict[str, Any]], title: str | None = None, max_rows: int = 20) -> Table:
    """A rich table from a list of row dicts (numbers formatted compactly)."""
    from mixwise.agent.format import fmt_number

    table = Table(title=title, show_lines=False, header_style="bold")
    if not rows:
        return table
    cols = list(rows[0])
    for col in cols:
        table.add_column(col.replace("_", " "), justify="right" if isinstance(rows[0][col], int | float) else "left")
    for row in rows[:max_rows]:
        cells = []
        for col in cols:
            v = row.get(col)
            if isinstance(v, bool) or v is None:
                cells.append(str(v))
            elif isinstance(v, float):
                cells.append(fmt_number(v, 2) if abs(v) >= 1000 else f"{v:.3g}" if abs(v) < 10 else f"{v:.1f}")
            else:
                cells.append(str(v))
        table.add_row(*cells)
    return table


def print_answer(answer: Any, show_table: bool = False, quiet: bool = False) -> None:
    """Print an :class:`~mixwise.agent.answer.Answer` as a panel: headline, key points, caveats, charts."""
    result = answer.result
    if result is None:
        console.print(Panel(Text(answer.text), border_style="cyan", title="mixwise"))
        return
    if quiet:
        console.print(result.headline)
        return
    parts: list[Any] = [Text(result.headline, style="bold")]
    if result.bullets:
        parts.append(Text("\n".join(f"• {b}" for b in result.bullets[:8])))
    if show_table and result.rows:
        parts.append(rows_table(result.rows))
    if result.caveats:
        parts.append(Text("Caveats: " + " ".join(result.caveats[:4]), style="yellow"))
    extra = answer.text.split("\nNote: ", 1)
    if len(extra) == 2:
        parts.append(Text("Note: " + extra[1], style="italic"))
    if result.charts:
        parts.append(Text("Charts: " + ", ".join(result.charts), style="dim"))
    console.print(Panel(Group(*parts), border_style="cyan", title=f"mixwise · {answer.intent}", title_align="left"))
