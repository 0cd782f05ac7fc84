"""``mixwise route``: the offline question router from the command line (no data, no model, no network).

The router is imported inside the command; this module imports only typer and rich, so the command starts fast.
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Any

import typer
from rich.table import Table

from mixwise.cli.common import JsonOpt, console, handle_errors, print_json
from mixwise.errors import ConfigError

__all__ = ["register", "route_questions"]

_COLUMNS = ("intent", "confidence", "channels", "pct", "amount", "period")


def route_questions(questions: list[str], channels: list[str] | None = None) -> list[Any]:
    """Route each question independently; returns RouteResult objects in input order."""
    from mixwise.agent.router import route

    return [route(q, channels=channels) for q in questions]


def _read_questions(path: Path) -> list[str]:
    if not path.is_file():
        raise ConfigError(f"Question file not found: '{path}'. Give a text file with one question per line.")
    lines = path.read_text(encoding="utf-8").splitlines()
    questions = [line.strip() for line in lines if line.strip()]
    if not questions:
        raise ConfigError(f"Question file '{path}' has no questions. Write one question per line.")
    return questions


def _parse_channels(text: str | None) -> list[str] | None:
    if text is None:
        return None
    names = [c.strip() for c in text.split(",") if c.strip()]
    if not names:
        raise ConfigError(
            f"--channels got '{text}': no channel names. Give names separated by commas: tv,radio,search."
        )
    return names


def _cell(value: Any) -> str:
    if value is None:
        return "-"
    if isinstance(value, list):
        return ", ".join(value) if value else "all"
    if isinstance(value, float):
        return f"{value:g}"
    return str(value)


def _show(questions: list[str], results: list[Any]) -> None:
    if len(results) == 1:
        result = results[0]
        table = Table(title=f"Route: {questions[0]}", title_justify="left", show_header=False)
        table.add_column("field", style="bold")
        table.add_column("value")
        full = result.to_dict(full=True)
        for key in (*_COLUMNS, "direction", "source", "target", "negated"):
            if key in _COLUMNS or full.get(key):
                value = full[key]
                table.add_row(key, f"{value:.2f}" if key == "confidence" else _cell(value))
        console.print(table)
        for note in result.notes:
            console.print(f"[dim]note:[/] {note}", highlight=False)
        if result.clarify:
            console.print("Did you mean:", *(f"  - {s}" for s in result.clarify), sep="\n", highlight=False)
        if result.refusal:
            console.print(result.refusal, highlight=False)
        return
    table = Table(title="Routes", title_justify="left")
    table.add_column("question")
    for col in _COLUMNS:
        table.add_column(col)
    for question, result in zip(questions, results, strict=True):
        d = result.to_dict()
        table.add_row(question, *(f"{d[c]:.2f}" if c == "confidence" else _cell(d[c]) for c in _COLUMNS))
    console.print(table)


def register(app: typer.Typer) -> None:
    """Add ``route`` to the mixwise app."""

    @app.command("route")
    @handle_errors
    def route_cmd(
        question: Annotated[str | None, typer.Argument(help="The question, in quotes.")] = None,
        file: Annotated[Path | None, typer.Option("--file", "-f", help="Text file with one question per line.")] = None,
        channels: Annotated[
            str | None,
            typer.Option(
                "--channels", help="Your data's channel names, comma separated (default: tv,radio,digital,print)."
            ),
        ] = None,
        json_out: JsonOpt = False,
    ) -> None:
        """Show how mixwise understands a question: intent, channels, spend change, amount and period (offline)."""
        if (question is None) == (file is None):
            raise ConfigError(
                "Give either a QUESTION or --file FILE (not both, not neither). "
                'Example: mixwise route "what\'s the ROI of TV?" --json'
            )
        questions = _read_questions(file) if file is not None else [question or ""]
        results = route_questions(questions, _parse_channels(channels))
        if json_out:
            docs = [r.to_dict() for r in results]
            print_json(docs if file is not None else docs[0])
            return
        _show(questions, results)
