"""Data commands: ``mixwise validate`` and ``mixwise sample``.

``_data_briefing(result)`` prints the data summary and validation report of a LoadResult, for
reuse by other commands (the demo).
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated, Any

import typer
from rich.table import Table

from mixwise.cli.common import (
    DataArgs,
    JsonOpt,
    console,
    data_command,
    handle_errors,
    print_json,
)

__all__ = ["register", "render_summary", "render_report"]

_STATUS_STYLE = {"PASS": "green", "WARN": "yellow", "FAIL": "bold red"}


def _money(x: float) -> str:
    return f"{x:,.0f}"


def render_summary(summary: dict[str, Any]) -> None:
    """Print the data summary (from :meth:`LoadResult.summary`) as rich tables."""
    head = Table(title="Data summary", show_header=False, title_justify="left")
    head.add_column("item", style="bold")
    head.add_column("value")
    head.add_row("Source", f"{summary['source']} ({summary['format']})")
    if "n_weeks" in summary:
        head.add_row("Weeks", f"{summary['n_weeks']} ({summary['start']} to {summary['end']})")
        head.add_row(
            "KPI", f"{summary['kpi']}: total {_money(summary['kpi_total'])}, mean {_money(summary['kpi_mean'])}/week"
        )
        head.add_row("Total spend", _money(summary["total_spend"]))
        head.add_row("Controls", ", ".join(summary["controls"]) or "(none)")
    if summary.get("geo"):
        head.add_row("Geo", f"{summary['geo']['column']}: {summary['geo']['n_geos']} geos summed to national")
    if summary.get("exposures"):
        head.add_row("Exposures", ", ".join(summary["exposures"]) + " (recorded, not modelled)")
    console.print(head)
    if summary.get("channels"):
        table = Table(title="Channels", title_justify="left")
        for col, justify in (
            ("channel", "left"),
            ("column", "left"),
            ("total spend", "right"),
            ("share", "right"),
            ("active weeks", "right"),
        ):
            table.add_column(col, justify=justify)  # type: ignore[arg-type]
        for ch in summary["channels"]:
            table.add_row(
                ch["channel"], ch["column"], _money(ch["total_spend"]), f"{ch['share']:.0%}", str(ch["active_weeks"])
            )
        console.print(table)
    for note in summary.get("notes", []):
        console.print(f"[dim]- {note}[/]", highlight=False)


def render_report(report: Any) -> None:
    """Print a :class:`ValidationReport` as a rich table with its headline."""
    table = Table(title="Validation report", title_justify="left")
    table.add_column("status")
    table.add_column("check")
    table.add_column("finding", overflow="fold")
    table.add_column("recommendation", overflow="fold")
    for c in report.checks:
        style = _STATUS_STYLE[c.status]
        table.add_row(f"[{style}]{c.status}[/]", c.check, c.message, c.recommendation)
    console.print(table)
    console.print(report.headline, highlight=False)


def _data_briefing(result: Any) -> dict[str, Any]:
    """Print the data summary and validation report of a LoadResult; return them as one JSON-ready dict."""
    summary = result.summary()
    render_summary(summary)
    render_report(result.report)
    return {"summary": summary, "report": result.report.to_dict()}


def register(app: typer.Typer) -> None:
    """Add the data commands to the CLI app."""

    @app.command("validate")
    @handle_errors
    @data_command
    def validate_cmd(
        data: DataArgs | None = None,
        json_out: JsonOpt = False,
    ) -> None:
        """Load a data file, detect its columns and report every data issue (exit 1 on a failure)."""
        from mixwise.data import load

        result = load(data.csv, **data.options(), strict=False)
        if json_out:
            print_json({"summary": result.summary(), "report": result.report.to_dict()})
        else:
            _data_briefing(result)
        result.report.raise_if_failed()  # the error paragraph goes to stderr; exit 1

    @app.command("sample")
    @handle_errors
    def sample_cmd(
        out: Annotated[Path, typer.Option("--out", help="Folder to write sample_data.csv and truth.json into.")],
        seed: Annotated[int, typer.Option("--seed", help="Random seed.")] = 42,
        weeks: Annotated[int, typer.Option("--weeks", min=2, help="Number of weeks.")] = 208,
        channels: Annotated[str, typer.Option("--channels", help="Channel names, comma separated.")] = (
            "tv,radio,digital,print"
        ),
        json_out: JsonOpt = False,
    ) -> None:
        """Write synthetic weekly data with a known answer (true ROI per channel) to a folder."""
        from mixwise.data.synthetic import generate
        from mixwise.errors import ConfigError

        names = tuple(c.strip() for c in channels.split(",") if c.strip())
        if not names or len(set(names)) != len(names):
            raise ConfigError(f"--channels needs distinct names, comma separated; received {channels!r}.")
        data = generate(seed=seed, n_weeks=weeks, channels=names)
        out.mkdir(parents=True, exist_ok=True)
        csv_path, truth_path = out / "sample_data.csv", out / "truth.json"
        data.frame.to_csv(csv_path, index=False)
        truth_path.write_text(json.dumps(data.truth, indent=2, sort_keys=True) + "\n")
        doc = {
            "data": str(csv_path),
            "truth": str(truth_path),
            "seed": seed,
            "n_weeks": weeks,
            "channels": list(names),
            "true_roi": {ch: v["roi"] for ch, v in data.truth["channels"].items()},
        }
        if json_out:
            print_json(doc)
            return
        console.print(f"Wrote {csv_path} ({weeks} weeks, channels {', '.join(names)}) and {truth_path}.")
        console.print("True ROI: " + ", ".join(f"{ch} {r:.2f}" for ch, r in doc["true_roi"].items()))
