"""Model commands: ``mixwise fit``."""

from __future__ import annotations

import warnings
from typing import Annotated, Any

import typer
from rich.table import Table

from mixwise.cli.common import (
    DataArgs,
    JsonOpt,
    console,
    data_command,
    err_console,
    handle_errors,
    print_json,
)

__all__ = ["register", "fit_settings", "render_fit"]

ModelOpt = Annotated[str, typer.Option("--model", "-m", help="Model: bayes (default, Bayesian MCMC) or ols (fast).")]
DrawsOpt = Annotated[
    int | None, typer.Option("--draws", help="Posterior draws per chain (bayes) or bootstrap draws (ols).", min=1)
]
ChainsOpt = Annotated[int | None, typer.Option("--chains", help="MCMC chains (bayes only).", min=1)]
SeedOpt = Annotated[int | None, typer.Option("--seed", help="Random seed.", min=0)]
HoldoutOpt = Annotated[
    int, typer.Option("--holdout-weeks", help="Hold out the last N weeks and report forecast MAPE on them.", min=0)
]
AdstockOpt = Annotated[
    str | None,
    typer.Option(
        "--adstock",
        help="Bayesian model's carry-over kernel: geometric (default) or weibull (the effect can peak a week or "
        "two after the spend, as TV's often does).",
    ),
]
LiftTestOpt = Annotated[
    list[str] | None,
    typer.Option(
        "--lift-test",
        help="A lift test to calibrate the Bayesian model with, as CHANNEL,START,END,LIFT,SE (dates YYYY-MM-DD; "
        "lift = measured incremental kpi over the window, se = its standard error). Repeat for several tests.",
    ),
]
NoCacheOpt = Annotated[bool, typer.Option("--no-cache", help="Refit even if a cached fit exists.")]


def fit_settings(
    model: str,
    draws: int | None = None,
    chains: int | None = None,
    seed: int | None = None,
    holdout_weeks: int = 0,
    adstock: str | None = None,
    lift_tests: list[str] | None = None,
) -> dict[str, Any]:
    """Translate CLI flags into the hyper-parameters of ``model``.

    Raises:
        ConfigError: unknown model, or a flag the model does not use (e.g. --chains with ols).
    """
    from mixwise.errors import ConfigError
    from mixwise.models.registry import MODEL_NAMES

    name = model.strip().lower()
    if name not in MODEL_NAMES:
        raise ConfigError(f"Unknown model '{model}'. Allowed models: {', '.join(MODEL_NAMES)}.")
    settings: dict[str, Any] = {}
    if name == "ols":
        if chains is not None:
            raise ConfigError(
                f"--chains applies to the Bayesian model only; received --chains {chains} with --model ols. "
                "Drop --chains, or use --model bayes."
            )
        if draws is not None:
            settings["bootstrap_draws"] = draws
        if lift_tests:
            raise ConfigError(
                "--lift-test calibrates the Bayesian model only (OLS has no priors to update). "
                "Drop --lift-test, or use --model bayes."
            )
        if adstock is not None and adstock.strip().lower() != "geometric":
            raise ConfigError(
                f"--adstock {adstock} applies to the Bayesian model only (OLS searches geometric adstock). "
                "Drop --adstock, or use --model bayes."
            )
    else:
        if adstock is not None:
            settings["adstock"] = adstock.strip().lower()
        if lift_tests:
            settings["experiments"] = [parse_lift_test(text) for text in lift_tests]
        if draws is not None:
            settings["draws"] = draws
        if chains is not None:
            settings["chains"] = chains
    if seed is not None:
        settings["seed"] = seed
    if holdout_weeks:
        settings["holdout_weeks"] = holdout_weeks
    return settings


def _fmt(value: float | None, pct: bool = False) -> str:
    if value is None:
        return "-"
    return f"{value:.1%}" if pct else f"{value:.2f}"


def parse_lift_test(text: str) -> dict[str, Any]:
    """``"tv,2024-03-04,2024-04-01,125000,20000"`` -> an experiment mapping (validated by the model).

    Raises:
        ConfigError: not five comma-separated fields, or lift / se not numbers.
    """
    from mixwise.errors import ConfigError

    parts = [p.strip() for p in str(text).split(",")]
    example = "--lift-test tv,2024-03-04,2024-04-01,125000,20000"
    if len(parts) != 5 or not all(parts):
        raise ConfigError(
            f"A lift test needs five comma-separated fields CHANNEL,START,END,LIFT,SE; received {text!r}. "
            f"For example: {example}."
        )
    try:
        lift, se = float(parts[3].replace("_", "")), float(parts[4].replace("_", ""))
    except ValueError:
        raise ConfigError(
            f"The lift and standard error of a lift test must be numbers; received {parts[3]!r} and {parts[4]!r} "
            f"in {text!r}. For example: {example}."
        ) from None
    return {"channel": parts[0], "start": parts[1], "end": parts[2], "lift": lift, "se": se}


def _count(value: float | None, spec: str) -> str:
    return "-" if value is None else format(float(value), spec)


def render_fit(doc: dict[str, Any]) -> None:
    """Print the ``summarize`` document as rich tables."""
    table = Table(title=f"Model: {doc['model']} (fitted in {doc['seconds'] or 0:.1f} s)", title_justify="left")
    for col, justify in (("channel", "left"), ("ROI", "right"), ("marginal ROI", "right"), ("share", "right")):
        table.add_column(col, justify=justify)  # type: ignore[arg-type]
    for ch in doc["channels"]:
        r, m = doc["roi"][ch], doc["marginal_roi"][ch]
        table.add_row(
            ch,
            f"{_fmt(r['mean'])} [{_fmt(r['lower'])}, {_fmt(r['upper'])}]",
            f"{_fmt(m['mean'])} [{_fmt(m['lower'])}, {_fmt(m['upper'])}]",
            _fmt(doc["contribution_share"].get(ch), pct=True),
        )
    console.print(table)
    fit = doc["fit"]
    line = f"Fit: R2 {_fmt(fit['r2'])}, MAPE {_fmt(fit['mape'], pct=True)}"
    if fit.get("holdout_mape") is not None:
        line += f", holdout MAPE {_fmt(fit['holdout_mape'], pct=True)}"
    console.print(line, highlight=False)
    carry = doc.get("carryover") or {}
    if carry:
        parts = [
            f"{ch} {c['mean_lag_weeks']:.1f}" + (f" (peaks week {c['peak_week']})" if c.get("peak_week") else "")
            for ch, c in carry.items()
            if c.get("mean_lag_weeks") is not None
        ]
        console.print("Carry-over, average delay in weeks: " + ", ".join(parts), highlight=False)
    diag = doc["diagnostics"]
    if any(v is not None for v in diag.values()):
        console.print(
            f"Sampler: max R-hat {_count(diag['max_rhat'], '.3f')}, min ESS {_count(diag['min_ess'], ',.0f')}, "
            f"divergences {_count(diag['divergences'], ',.0f')}",
            highlight=False,
        )
    console.print(f"[bold]{doc['headline']}[/]", highlight=False)
    console.print("[dim]ROI intervals are 90% intervals; share is the share of predicted kpi.[/]")


def register(app: typer.Typer) -> None:
    """Add ``fit`` to the app."""

    @app.command("fit")
    @handle_errors
    @data_command
    def fit(
        data: DataArgs | None = None,
        model: ModelOpt = "bayes",
        draws: DrawsOpt = None,
        chains: ChainsOpt = None,
        seed: SeedOpt = None,
        holdout_weeks: HoldoutOpt = 0,
        adstock: AdstockOpt = None,
        lift_test: LiftTestOpt = None,
        no_cache: NoCacheOpt = False,
        json_out: JsonOpt = False,
    ) -> None:
        """Fit a marketing-mix model and print ROI, marginal ROI, contribution shares and fit quality."""
        from mixwise.analysis import summarize
        from mixwise.cli.fitting import load_and_fit

        name = model.strip().lower()
        settings = fit_settings(name, draws, chains, seed, holdout_weeks, adstock, lift_test)
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always")
            fitted, _ = load_and_fit(data, name, settings, show_progress=not json_out, use_cache=not no_cache)
            doc = summarize(fitted)
        for message in dict.fromkeys(str(w.message) for w in caught if issubclass(w.category, UserWarning)):
            err_console.print(f"[yellow]Warning:[/] {message}", highlight=False, soft_wrap=True)
        if json_out:
            doc.pop("headline", None)
            print_json(doc)
        else:
            render_fit(doc)
