"""``mixwise ask`` (one question) and ``mixwise chat`` (an interactive analyst)."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Any

import typer

from mixwise.cli.common import (
    DataArgs,
    JsonOpt,
    console,
    data_command,
    handle_errors,
    print_json,
)

__all__ = ["register"]

ModelOpt = Annotated[
    str, typer.Option("--model", "-m", help="bayes (default, Bayesian) or ols (transparent regression).")
]
NoLlmOpt = Annotated[bool, typer.Option("--no-llm", help="Answer offline even when ANTHROPIC_API_KEY is set.")]
NoChartsOpt = Annotated[bool, typer.Option("--no-charts", help="Do not write the answer's charts.")]
OutOpt = Annotated[Path, typer.Option("--out", help="Folder for charts.")]
QuietOpt = Annotated[bool, typer.Option("--quiet", "-q", help="Print only the headline.")]


def _session(data: DataArgs, model: str) -> Any:
    from mixwise.agent.session import AnalystSession

    return AnalystSession(data.load(), model_name=model)


def _analyst(session: Any, no_llm: bool) -> Any:
    """The LLM agent when a key or cloud provider is configured (and not disabled), else None (offline router)."""
    try:
        from mixwise.agent.llm import LLMAgent
        from mixwise.agent.llm_client import llm_configured
    except ImportError:
        return None
    if not llm_configured(no_llm):
        return None
    return LLMAgent.from_env(session)


def _ask_one(session: Any, question: str, agent: Any, show_progress: bool = True) -> Any:
    """Answer with the LLM agent or the offline analyst; a progress bar shows while a fit runs."""
    from mixwise.agent.answer import answer
    from mixwise.cli.progress import fit_progress

    with fit_progress("Fitting the model", enabled=show_progress and not session.is_fitted) as callback:
        session.progress = callback
        return agent.ask(question) if agent is not None else answer(session, question)


def _write_charts(session: Any, ans: Any, out: Path) -> list[Path]:
    if ans.result is None or not ans.result.charts:
        return []
    try:
        from mixwise.agent.charts import render_charts
    except ImportError:
        return []
    return render_charts(session, ans.result.charts, out)


def register(app: typer.Typer) -> None:
    """Add ``ask`` and ``chat`` to ``app``."""

    @app.command()
    @handle_errors
    @data_command
    def ask(
        question: Annotated[str, typer.Argument(help='The question, e.g. "What is the ROI of TV vs Digital?"')],
        data: DataArgs | None = None,
        model: ModelOpt = "bayes",
        no_llm: NoLlmOpt = False,
        no_charts: NoChartsOpt = False,
        out: OutOpt = Path("outputs"),
        quiet: QuietOpt = False,
        json_out: JsonOpt = False,
    ) -> None:
        """Answer one plain-English question about the data (fits or loads the cached model)."""
        from mixwise.cli.render import print_answer

        session = _session(data, model)
        ans = _ask_one(session, question, _analyst(session, no_llm), show_progress=not (quiet or json_out))
        charts = [] if no_charts else _write_charts(session, ans, out)
        if json_out:
            doc = ans.to_dict()
            doc["chart_files"] = [str(p) for p in charts]
            print_json(doc)
            return
        print_answer(ans, quiet=quiet)
        if charts and not quiet:
            console.print(f"[dim]Charts saved: {', '.join(str(p) for p in charts)}[/]")

    @app.command()
    @handle_errors
    @data_command
    def chat(
        data: DataArgs | None = None,
        model: ModelOpt = "bayes",
        no_llm: NoLlmOpt = False,
        no_charts: NoChartsOpt = False,
        out: OutOpt = Path("outputs"),
    ) -> None:
        """Interactive analyst: ask questions one after another (type 'help', 'examples', 'history', 'demo', 'quit')."""
        from mixwise.agent.tools_data import EXAMPLE_QUESTIONS
        from mixwise.cli.render import print_answer
        from mixwise.errors import MixwiseError

        session = _session(data, model)
        agent = _analyst(session, no_llm)
        ds = session.dataset
        console.print(
            f"[bold cyan]mixwise[/] analyst · {ds.n_weeks} weeks · channels: {', '.join(ds.channels)} · "
            f"{'Claude' if agent else 'offline router'}\nAsk a question, or type [bold]help[/], [bold]examples[/], "
            "[bold]history[/], [bold]demo[/] or [bold]quit[/]."
        )
        while True:
            try:
                question = typer.prompt("you", prompt_suffix=" > ").strip()
            except (EOFError, typer.Abort):
                console.print("Goodbye.")
                return
            low = question.lower()
            if not question:
                continue
            if low in {"quit", "exit", "q", "bye"}:
                console.print("Goodbye.")
                return
            if low in {"examples", "example"}:
                console.print("\n".join(f"  • {q}" for q in EXAMPLE_QUESTIONS))
                continue
            if low == "history":
                console.print(
                    "\n".join(f"  {i + 1}. {q} -> {h}" for i, (q, h) in enumerate(session.history)) or "  (none yet)"
                )
                continue
            if low == "demo":  # the four-stage executive briefing, on the same data and model
                from mixwise.cli.output_cmds import run_demo

                try:
                    run_demo(session.load_result, model=session.model_name, out=None)
                except MixwiseError as exc:
                    console.print(f"[bold red]Error:[/] {exc}")
                continue
            try:
                ans = _ask_one(session, question, agent)
            except MixwiseError as exc:
                console.print(f"[bold red]Error:[/] {exc}")
                continue
            print_answer(ans)
            if not no_charts:
                saved = _write_charts(session, ans, out)
                if saved:
                    console.print(f"[dim]Charts saved: {', '.join(str(p) for p in saved)}[/]")
