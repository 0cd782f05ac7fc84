"""Shared CLI plumbing: data options, error translation, JSON output, consoles."""

from __future__ import annotations

import dataclasses
import functools
import inspect
import json
import os
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Annotated, Any, TypeVar

import typer
from rich.console import Console
from rich.markup import escape

from mixwise.errors import MixwiseError

__all__ = [
    "console",
    "err_console",
    "handle_errors",
    "print_json",
    "CsvOpt",
    "DateOpt",
    "KpiOpt",
    "SpendOpt",
    "ControlsOpt",
    "GeoOpt",
    "ConfigOpt",
    "SheetOpt",
    "QueryOpt",
    "FreqOpt",
    "JsonOpt",
    "load_data",
    "DataArgs",
    "data_command",
]

console = Console()
err_console = Console(stderr=True)

F = TypeVar("F", bound=Callable[..., Any])

CsvOpt = Annotated[
    Path | None,
    typer.Option(
        "--csv",
        "--data",
        help="Data file: CSV, Parquet, Excel, or a DuckDB/SQLite database (with --query). "
        "Defaults to the bundled sample data.",
    ),
]
DateOpt = Annotated[str | None, typer.Option("--date", help="Date column (auto-detected when omitted).")]
KpiOpt = Annotated[str | None, typer.Option("--kpi", help="KPI column: sales, revenue, conversions...")]
SpendOpt = Annotated[
    str | None,
    typer.Option("--spend", help="Channel spend columns as name=COLUMN pairs: tv=TV_Spend,search=search_S."),
]
ControlsOpt = Annotated[str | None, typer.Option("--controls", help="Control columns, comma separated.")]
GeoOpt = Annotated[str | None, typer.Option("--geo", help="Geo column (geo data is summed to national).")]
ConfigOpt = Annotated[
    Path | None, typer.Option("--config", help="Project file (mixwise.toml); found in the working dir if omitted.")
]
SheetOpt = Annotated[str | None, typer.Option("--sheet", help="Excel sheet name or index.")]
QueryOpt = Annotated[
    str | None, typer.Option("--query", help="SQL query or table name, for a DuckDB/SQLite database file.")
]
FreqOpt = Annotated[str | None, typer.Option("--freq", help="Aggregate to this frequency first: W for weekly.")]
RevenuePerKpiOpt = Annotated[
    str | None,
    typer.Option(
        "--revenue-per-kpi",
        help="Column with the revenue of one kpi unit: a count kpi (conversions) times it is modelled as revenue, "
        "so ROI is money. Auto-detected (revenue_per_*, value_per_*) when the kpi is a count; 'none' turns it off.",
    ),
]
JsonOpt = Annotated[bool, typer.Option("--json", help="Print exactly one JSON document on stdout.")]


def _default(obj: Any) -> Any:
    import numpy as np

    if isinstance(obj, np.generic):
        return obj.item()
    if isinstance(obj, np.ndarray):
        return obj.tolist()
    if hasattr(obj, "isoformat"):
        return obj.isoformat()
    if hasattr(obj, "model_dump"):
        return obj.model_dump(mode="json")
    raise TypeError(f"Cannot serialise {type(obj).__name__} to JSON")


def _clean(obj: Any) -> Any:
    """Replace NaN/inf by None so the output is strict JSON."""
    import math

    if isinstance(obj, float):
        return None if math.isnan(obj) or math.isinf(obj) else obj
    if isinstance(obj, dict):
        return {str(k): _clean(v) for k, v in obj.items()}
    if isinstance(obj, list | tuple):
        return [_clean(v) for v in obj]
    return obj


def print_json(doc: Any) -> None:
    """Write one strict JSON document to stdout."""
    text = json.dumps(_clean(json.loads(json.dumps(doc, default=_default))), indent=2, allow_nan=False)
    sys.stdout.write(text + "\n")
    sys.stdout.flush()


def handle_errors(func: F) -> F:
    """Translate MixwiseError (and a few expected errors) into one readable paragraph and exit 1."""

    @functools.wraps(func)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        try:
            return func(*args, **kwargs)
        except MixwiseError as exc:
            err_console.print(f"[bold red]Error:[/] {escape(str(exc))}", highlight=False, soft_wrap=True)
            raise typer.Exit(1) from None
        except FileNotFoundError as exc:
            err_console.print(
                f"[bold red]Error:[/] File not found: {escape(str(exc.filename or exc))}.", highlight=False
            )
            raise typer.Exit(1) from None
        except KeyboardInterrupt:
            err_console.print("Interrupted.")
            raise typer.Exit(130) from None
        except (typer.Exit, typer.Abort, SystemExit):
            raise
        except Exception as exc:  # noqa: BLE001 - the CLI never shows a raw traceback
            if os.environ.get("MIXWISE_DEBUG"):
                raise
            err_console.print(
                f"[bold red]Unexpected error:[/] {type(exc).__name__}: {escape(str(exc))}. This is a bug in mixwise, not in "
                "your input; run again with MIXWISE_DEBUG=1 for the full traceback and report it.",
                highlight=False,
                soft_wrap=True,
            )
            raise typer.Exit(1) from None

    return wrapper  # type: ignore[return-value]


def load_data(
    csv: Path | None = None,
    *,
    date: str | None = None,
    kpi: str | None = None,
    spend: str | None = None,
    controls: str | None = None,
    geo: str | None = None,
    config: Path | None = None,
    sheet: str | None = None,
    query: str | None = None,
    freq: str | None = None,
    revenue_per_kpi: str | None = None,
) -> Any:
    """Load and validate data from CLI options; returns a :class:`mixwise.data.LoadResult`."""
    from mixwise.data import load

    return load(
        csv,
        date=date,
        kpi=kpi,
        spend=spend,
        controls=controls,
        geo=geo,
        config=config,
        sheet=sheet,
        query=query,
        freq=freq,
        revenue_per_kpi=revenue_per_kpi,
    )


@dataclasses.dataclass(frozen=True)
class DataArgs:
    """The data flags every data command shares (``--csv --date --kpi --spend ...``)."""

    csv: Path | None = None
    date: str | None = None
    kpi: str | None = None
    spend: str | None = None
    controls: str | None = None
    geo: str | None = None
    config: Path | None = None
    sheet: str | None = None
    query: str | None = None
    freq: str | None = None
    revenue_per_kpi: str | None = None

    def options(self) -> dict[str, Any]:
        """The mapping options without ``csv`` (keyword arguments of :func:`mixwise.data.load`)."""
        return {k: v for k, v in dataclasses.asdict(self).items() if k != "csv"}

    def load(self) -> Any:
        """Load and validate the data these flags describe."""
        return load_data(self.csv, **self.options())


_DATA_OPTIONS: dict[str, Any] = {
    "csv": CsvOpt,
    "date": DateOpt,
    "kpi": KpiOpt,
    "spend": SpendOpt,
    "controls": ControlsOpt,
    "geo": GeoOpt,
    "config": ConfigOpt,
    "sheet": SheetOpt,
    "query": QueryOpt,
    "freq": FreqOpt,
    "revenue_per_kpi": RevenuePerKpiOpt,
}


def data_command(func: F) -> F:
    """Give a command the shared data flags; the command receives them as one ``data: DataArgs`` argument.

    The flags are added to the signature typer reads, after the command's own options.
    """
    signature = inspect.signature(func, eval_str=True)
    own = [p for p in signature.parameters.values() if p.name != "data"]
    flags = [
        inspect.Parameter(name, inspect.Parameter.KEYWORD_ONLY, default=None, annotation=annotation)
        for name, annotation in _DATA_OPTIONS.items()
    ]

    @functools.wraps(func)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        data = DataArgs(**{name: kwargs.pop(name, None) for name in _DATA_OPTIONS})
        return func(*args, data=data, **kwargs)

    wrapper.__signature__ = signature.replace(parameters=[*own, *flags])  # type: ignore[attr-defined]
    return wrapper  # type: ignore[return-value]
