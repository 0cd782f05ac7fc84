"""``mixwise demo`` (the one-shot executive briefing) and ``mixwise app`` (the web app)."""

from __future__ import annotations

import time
from pathlib import Path
from typing import Annotated, Any

import typer

from mixwise.cli.common import (
    CsvOpt,
    DataArgs,
    JsonOpt,
    console,
    data_command,
    handle_errors,
    print_json,
)

__all__ = ["register", "run_demo"]

#: The four stages of the briefing and the report sections they show.
STAGES = (
    ("1. Performance overview", "performance"),
    ("2. ROI and efficiency", "roi"),
    ("3. Saturation and headroom", "saturation"),
    ("4. Recommendations", "recommendation"),
)


def _print_section(title: str, section: Any) -> None:
    from rich.panel import Panel
    from rich.table import Table
    from rich.text import Text

    body: list[Any] = [Text(section.headline, style="bold")]
    if section.bullets:
        body.append(Text("\n".join(f"• {b}" for b in section.bullets[:6])))
    if section.table is not None:
        t = section.table
        table = Table(header_style="bold", show_edge=False, pad_edge=False)
        for col, align in zip(t.columns, t.align, strict=True):
            table.add_column(col, justify=align)
        for row in t.rows[:12]:
            table.add_row(*row)
        body.append(table)
        if t.note:
            short = t.note.split("; ")[0]
            body.append(Text((short if len(short) <= 220 else short.split(". ")[0]).rstrip(".") + ".", style="dim"))
    from rich.console import Group

    console.print(Panel(Group(*body), title=f"[bold cyan]{title}[/]", title_align="left", border_style="cyan"))


def run_demo(
    result: Any,
    model: str = "bayes",
    out: Path | None = Path("outputs"),
    quiet: bool = False,
    progress: bool = True,
) -> dict[str, Any]:
    """Fit (or load) the model, build the executive content, write charts and reports.

    Args:
        result: A :class:`mixwise.data.LoadResult`.
        model: ``bayes`` or ``ols``.
        out: Folder for charts and reports; ``None`` for none (``--no-charts``).
        quiet: Print nothing (the caller prints JSON).
        progress: Show a progress bar while fitting.

    Returns:
        JSON-able summary: headlines, files written, timings.
    """
    from mixwise.agent.session import AnalystSession
    from mixwise.cli.progress import fit_progress
    from mixwise.reports import build_report_content
    from mixwise.reports.render import render_report

    t0 = time.perf_counter()
    session = AnalystSession(result, model_name=model)
    ds = session.dataset
    if not quiet:
        console.rule("[bold]mixwise · executive briefing[/]")
        console.print(
            f"{ds.n_weeks} weeks ({ds.dates[0]:%d %b %Y} – {ds.dates[-1]:%d %b %Y}) · {ds.kpi_name} · "
            f"channels: {', '.join(ds.channels)} · data check: {result.report.headline}"
        )
    with fit_progress("Fitting the marketing-mix model", enabled=progress and not quiet) as callback:
        session.progress = callback
        fitted = session.model
    t_fit = time.perf_counter() - t0
    content = build_report_content(
        fitted,
        load_report=result.report,
        health=session.health,
        chart_dir=out,
        render_charts=out is not None,
        data_name=str(getattr(result, "source", None) or "bundled sample data"),
    )
    sections = {s.key: s for s in content.sections}
    if not quiet:
        for title, key in STAGES:
            if key in sections:
                _print_section(title, sections[key])
        health = sections.get("health")
        if health is not None:
            console.print(f"[bold]Model health:[/] {health.headline.removeprefix('Model health: ')}")
        for caveat in session.caveats()[:4]:
            console.print(f"[yellow]Caveat:[/] {caveat}")
    files: list[str] = []
    if out is not None:
        files = [str(p) for p in content.all_charts()]
        for fmt in ("pdf", "pptx"):
            files.append(str(render_report(content, Path(out) / f"mixwise_report.{fmt}", format=fmt)))
    seconds = time.perf_counter() - t0
    if not quiet:
        if files:
            console.print(f"[dim]Saved {len(files)} files to {out}/: {', '.join(Path(f).name for f in files)}[/]")
        console.print(f"[dim]Done in {seconds:.1f} s (model {t_fit:.1f} s).[/]")
    return {
        "model": fitted.model_name,
        "headlines": content.headlines,
        "files": files,
        "seconds": seconds,
        "fit_seconds": t_fit,
        "caveats": session.caveats(),
    }


def register(app: typer.Typer) -> None:
    """Add ``demo`` and ``app`` to ``app``."""

    @app.command()
    @handle_errors
    @data_command
    def demo(
        data: DataArgs | None = None,
        out: Annotated[Path, typer.Option("--out", help="Folder for charts and the PDF/PPTX report.")] = Path(
            "outputs"
        ),
        no_charts: Annotated[
            bool, typer.Option("--no-charts", help="Only the briefing: no charts or reports.")
        ] = False,
        model: Annotated[str, typer.Option("--model", "-m", help="bayes (default) or ols.")] = "bayes",
        quiet: Annotated[bool, typer.Option("--quiet", "-q", help="Print nothing but errors.")] = False,
        json_out: JsonOpt = False,
    ) -> None:
        """The executive demo: performance, ROI, saturation and a recommended budget split, with charts and reports."""
        result = data.load()
        summary = run_demo(result, model=model, out=None if no_charts else out, quiet=quiet or json_out)
        if json_out:
            print_json(summary)

    @app.command("app")
    @handle_errors
    def app_cmd(
        port: Annotated[int, typer.Option("--port", help="Port on localhost.")] = 8501,
        csv: CsvOpt = None,
    ) -> None:
        """Start the web app (Streamlit) on localhost."""
        import importlib.util
        import os
        import subprocess
        import sys

        from mixwise.errors import ConfigError

        spec = importlib.util.find_spec("mixwise.app.main")  # cli and app are sibling layers: locate, not import
        if spec is None or spec.origin is None or importlib.util.find_spec("streamlit") is None:
            raise ConfigError(
                "The web app needs the 'app' extra (streamlit): run `make app`, or `uv sync --extra app`."
            )
        env = dict(os.environ)
        if csv is not None:
            env["MIXWISE_APP_CSV"] = str(Path(csv).resolve())
        cmd = [
            sys.executable,
            "-m",
            "streamlit",
            "run",
            spec.origin,
            "--server.headless",
            "true",
            "--server.address",
            "127.0.0.1",
            "--server.port",
            str(port),
            "--browser.gatherUsageStats",
            "false",
            "--server.maxUploadSize",
            "50",
            "--client.toolbarMode",
            "viewer",
        ]
        console.print(f"mixwise app on http://127.0.0.1:{port} (Ctrl+C to stop)")
        raise typer.Exit(subprocess.call(cmd, env=env))
