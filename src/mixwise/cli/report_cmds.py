"""Report command: ``mixwise report`` writes the executive report as PDF, PowerPoint or HTML."""

from __future__ import annotations

import tempfile
from pathlib import Path
from typing import Annotated

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

FormatOpt = Annotated[
    str | None,
    typer.Option("--format", "-f", help="Report format: pdf, pptx or html (default: from --out's suffix, else pdf)."),
]
OutOpt = Annotated[
    Path | None, typer.Option("--out", "-o", help="Output file (default: mixwise_report.<format> in this folder).")
]
ModelOpt = Annotated[str, typer.Option("--model", "-m", help="Model: bayes (default, Bayesian MCMC) or ols (fast).")]
TitleOpt = Annotated[str, typer.Option("--title", help="Report title.")]
WeeksOpt = Annotated[
    int, typer.Option("--weeks", help="Weeks of the budget recommendation (same budget, re-split).", min=1)
]
ChartsOpt = Annotated[
    Path | None, typer.Option("--charts-dir", help="Also keep the chart PNGs in this folder (default: temporary).")
]


def register(app: typer.Typer) -> None:
    """Add ``report`` to the app."""

    @app.command("report")
    @handle_errors
    @data_command
    def report(
        data: DataArgs | None = None,
        format: FormatOpt = None,
        out: OutOpt = None,
        model: ModelOpt = "bayes",
        title: TitleOpt = "Marketing mix report",
        weeks: WeeksOpt = 13,
        charts_dir: ChartsOpt = None,
        json_out: JsonOpt = False,
    ) -> None:
        """Write the executive report: five headlines, ROI, contributions, saturation, a budget
        recommendation, model health and methodology, with charts (PDF, PowerPoint or HTML)."""
        from mixwise.cli.fitting import load_and_fit
        from mixwise.errors import ConfigError
        from mixwise.models.registry import MODEL_NAMES, model_class
        from mixwise.reports import build_report_content, render_report
        from mixwise.reports.render import resolve_format

        name = model.strip().lower()
        if name not in MODEL_NAMES:
            raise ConfigError(f"Unknown model '{model}'. Allowed models: {', '.join(MODEL_NAMES)}. Use --model ols.")
        model_class(name)  # fail early when a model cannot be imported
        path, fmt = resolve_format(out if out is not None else Path(f"mixwise_report.{format or 'pdf'}"), format)
        fitted, loaded = load_and_fit(data, name, show_progress=not json_out)
        load_report = loaded.report
        data_name = data.csv.name if data.csv is not None else "bundled sample data"
        with tempfile.TemporaryDirectory(prefix="mixwise-report-") as tmp:
            chart_dir = charts_dir if charts_dir is not None else Path(tmp)
            content = build_report_content(
                fitted, load_report, chart_dir=chart_dir, title=title, data_name=data_name, weeks=weeks
            )
            written = render_report(content, path, fmt)
        if json_out:
            print_json({"path": str(written.resolve()), "format": fmt, "headlines": content.headlines})
            return
        console.print(f"[bold]{content.title}[/] written to [cyan]{written}[/] ({fmt}).", highlight=False)
        for item in content.executive:
            console.print(f"  [bold]{item.label}:[/] {item.text}", highlight=False, soft_wrap=True)
