"""Decision commands: ``scenario``, ``optimize``, ``drivers``, ``forecast``, ``health``.

Each loads the data (same flags as ``mixwise fit``), reuses the cached fit (``--model``), calls one
public analysis function and prints its table and headline, or one JSON document with ``--json``.
"""

from __future__ import annotations

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

__all__ = ["register", "fitted_model"]

ModelOpt = Annotated[str, typer.Option("--model", "-m", help="Model: bayes (default, Bayesian MCMC) or ols (fast).")]
LevelOpt = Annotated[float, typer.Option("--level", help="Interval probability (0.9 = 90% interval).")]


def fitted_model(data: DataArgs, model: str, json_out: bool) -> tuple[Any, Any]:
    """Load the data from CLI flags and return ``(fitted model, validation report)`` (cached fit).

    Raises:
        ConfigError: unknown model; DataValidationError: the data failed validation.
    """
    from mixwise.cli.fitting import load_and_fit
    from mixwise.cli.model_cmds import fit_settings

    fitted, loaded = load_and_fit(data, model, fit_settings(model.strip().lower()), show_progress=not json_out)
    return fitted, loaded.report


def _money(v: float) -> str:
    from mixwise.optimize.money import format_money

    return format_money(v)


def _num(v: float) -> str:
    from mixwise.optimize.money import format_number

    return format_number(v)


def _table(title: str, columns: list[str], rows: list[list[str]], text: bool = False) -> Table:
    table = Table(title=title, title_justify="left")
    for i, col in enumerate(columns):
        table.add_column(col, justify="left" if i == 0 or text else "right")
    for row in rows:
        table.add_row(*row)
    return table


def _footer(headline: str, notes: tuple[str, ...] | list[str] = ()) -> None:
    console.print(f"[bold]{headline}[/]", highlight=False)
    for note in notes:
        console.print(f"[dim]- {note}[/]", highlight=False)


def register(app: typer.Typer) -> None:  # noqa: C901 - one nested function per command
    """Add the decision commands to the app."""

    @app.command("scenario")
    @handle_errors
    @data_command
    def scenario(
        change: Annotated[
            list[str] | None,
            typer.Option("--change", help="Change a channel: tv=-20%, print=-50000, tv=+10k (totals over the window)."),
        ] = None,
        set_: Annotated[
            list[str] | None, typer.Option("--set", help="Set a channel's window total: tv=100000.")
        ] = None,
        shift: Annotated[
            list[str] | None, typer.Option("--shift", help="Move money: print:digital=50000 (source:target=amount).")
        ] = None,
        weeks: Annotated[
            int | None,
            typer.Option("--weeks", help="Future plan of N weeks (repeats the last N weeks); default: history.", min=1),
        ] = None,
        level: LevelOpt = 0.9,
        data: DataArgs | None = None,
        model: ModelOpt = "bayes",
        json_out: JsonOpt = False,
    ) -> None:
        """What-if: change channels' spend and see the kpi effect with its interval."""
        from mixwise.optimize.scenarios import Scenario, run_scenario

        sc = Scenario.from_strings(change or (), set_ or (), shift or (), weeks)
        fitted, _ = fitted_model(data, model, json_out)
        res = run_scenario(fitted, sc, level=level)
        if json_out:
            print_json(res.to_dict())
            return
        rows = [
            [
                r.channel,
                _money(r.spend_before),
                _money(r.spend_after),
                _num(r.delta_kpi),
                f"{_num(r.lower)} .. {_num(r.upper)}",
            ]
            for r in res.channels.itertuples()
        ]
        console.print(
            _table(
                f"Scenario: {sc.describe()} ({res.window})",
                ["channel", "spend before", "spend after", f"change in {res.kpi_name}", f"{level:.0%} interval"],
                rows,
            )
        )
        _footer(res.headline, res.notes)

    @app.command("optimize")
    @handle_errors
    @data_command
    def optimize_cmd(
        budget: Annotated[
            str | None, typer.Option("--budget", help="Total budget for the period: 2M, $500k. Default: current spend.")
        ] = None,
        weeks: Annotated[int, typer.Option("--weeks", help="Planning period in weeks.", min=1)] = 13,
        bounds: Annotated[
            str | None,
            typer.Option("--bounds", help="Per-channel bounds: tv=0.8:1.2 (times current), print=0:50000 (amount)."),
        ] = None,
        lock: Annotated[
            list[str] | None, typer.Option("--lock", help="Keep a channel at its current spend (repeatable).")
        ] = None,
        goal: Annotated[
            str, typer.Option("--goal", help="kpi, profit, target_kpi, target_roi or target_mroi.")
        ] = "kpi",
        margin: Annotated[
            float | None, typer.Option("--margin", help="Profit per unit of kpi, for --goal profit (0.3).")
        ] = None,
        target: Annotated[
            str | None, typer.Option("--target", help="Target kpi, ROI or marginal ROI for target_* goals.")
        ] = None,
        level: LevelOpt = 0.9,
        data: DataArgs | None = None,
        model: ModelOpt = "bayes",
        json_out: JsonOpt = False,
    ) -> None:
        """Recommend the budget split that maximises the kpi (or profit, or meets a target)."""
        from mixwise.optimize.money import parse_money
        from mixwise.optimize.optimizer import optimize

        total = parse_money(budget, "budget") if budget is not None else None
        tgt = parse_money(target, "target") if target is not None else None
        locked = [c.strip() for item in (lock or []) for c in item.split(",") if c.strip()]
        fitted, _ = fitted_model(data, model, json_out)
        plan = optimize(
            fitted,
            budget=total,
            weeks=weeks,
            bounds=bounds,
            locked=locked,
            goal=goal,
            margin=margin,
            target=tgt,
            level=level,
        )  # type: ignore[arg-type]
        if json_out:
            print_json(plan.to_dict())
            return
        rows = [
            [
                r.channel,
                _money(r.current),
                _money(r.recommended),
                f"{r.change_pct:+.0%}" if r.change_pct == r.change_pct else "new",
                f"{r.marginal_roi:.2f}",
                r.bound,
            ]
            for r in plan.allocation.itertuples()
        ]
        console.print(
            _table(
                f"Budget plan, next {weeks} weeks (goal: {goal})",
                ["channel", "current", "recommended", "change", "marginal ROI", "bound"],
                rows,
            )
        )
        _footer(plan.headline, plan.notes)

    @app.command("drivers")
    @handle_errors
    @data_command
    def drivers_cmd(
        period: Annotated[
            str,
            typer.Option("--period", help="2023Q4, Q4, March 2023, 2023H2, 2023, last quarter, ytd, the holidays..."),
        ] = "last quarter",
        vs: Annotated[
            str | None, typer.Option("--vs", help="Compare with: previous or yoy (default depends on the period).")
        ] = None,
        data: DataArgs | None = None,
        model: ModelOpt = "bayes",
        json_out: JsonOpt = False,
    ) -> None:
        """Explain why the kpi moved between two periods (waterfall of components)."""
        from mixwise.analysis.drivers import drivers

        fitted, _ = fitted_model(data, model, json_out)
        res = drivers(fitted, period, vs=vs)
        if json_out:
            print_json(res.to_dict())
            return
        rows = [
            [r.component, r.kind, _num(r.previous), _num(r.current), _num(r.change)] for r in res.table.itertuples()
        ]
        rows.append(["total (actual)", "", _num(res.kpi_previous), _num(res.kpi_current), _num(res.kpi_change)])
        console.print(
            _table(
                f"{res.kpi_name}: {res.period.label} vs {res.comparison.label}",
                ["component", "kind", res.comparison.label, res.period.label, "change"],
                rows,
            )
        )
        _footer(res.headline, res.notes)

    @app.command("forecast")
    @handle_errors
    @data_command
    def forecast_cmd(
        weeks: Annotated[int, typer.Option("--weeks", help="Weeks ahead (ignored with --plan).", min=1)] = 13,
        plan: Annotated[
            Path | None, typer.Option("--plan", help="Plan CSV: date plus one spend column per channel.")
        ] = None,
        level: LevelOpt = 0.9,
        data: DataArgs | None = None,
        model: ModelOpt = "bayes",
        json_out: JsonOpt = False,
    ) -> None:
        """Forecast the kpi for the next weeks under a spend plan (default: last year's same weeks)."""
        from mixwise.analysis.forecast import forecast

        fitted, _ = fitted_model(data, model, json_out)
        res = forecast(fitted, weeks=weeks, plan=plan, level=level)
        if json_out:
            print_json(res.to_dict())
            return
        rows = [
            [str(r.date.date()), _num(r.mean), f"{_num(r.lower)} .. {_num(r.upper)}", _num(r.media), _money(r.spend)]
            for r in res.weekly.itertuples()
        ]
        console.print(
            _table(
                f"{res.kpi_name} forecast", ["week", "forecast", f"{level:.0%} interval", "from media", "spend"], rows
            )
        )
        _footer(res.headline, [*res.flags, *res.notes])

    @app.command("health")
    @handle_errors
    @data_command
    def health_cmd(
        data: DataArgs | None = None,
        model: ModelOpt = "bayes",
        json_out: JsonOpt = False,
    ) -> None:
        """Check the fitted model: convergence, fit, baseline, ROI plausibility, data, residuals."""
        from mixwise.analysis.health import health

        fitted, report = fitted_model(data, model, json_out)
        res = health(fitted, report=report)
        if json_out:
            print_json(res.to_dict())
            return
        colour = {"PASS": "green", "REVIEW": "yellow", "FAIL": "red", "SKIP": "dim"}
        rows = [[c.check, f"[{colour[c.status]}]{c.status}[/]", c.message, c.recommendation] for c in res.checks]
        table = _table("Model health", ["check", "status", "finding", "recommendation"], rows, text=True)
        console.print(table)
        _footer(res.headline)
