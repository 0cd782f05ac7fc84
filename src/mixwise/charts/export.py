"""Write figures to disk: one figure in several formats, or the six standard charts of a model."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

import matplotlib as mpl
import pandas as pd
from matplotlib.figure import Figure

from mixwise.charts.channels import plot_budget_efficiency, plot_decomposition_pie, plot_roi_comparison
from mixwise.charts.curves import plot_response_curves
from mixwise.charts.trends import plot_channel_contributions, plot_sales_spend_trend
from mixwise.errors import ConfigError, DataValidationError

__all__ = ["save_figure", "save_standard_charts", "STANDARD_CHARTS", "FORMATS", "MIN_DPI"]

FORMATS = ("png", "pdf", "svg")
MIN_DPI = 150
# Text stays text: selectable in PDF (TrueType), searchable/editable in SVG.
_SAVE_RC = {"svg.fonttype": "none", "pdf.fonttype": 42}

# file stem -> (tables it needs, how to draw it)
STANDARD_CHARTS: dict[str, tuple[tuple[str, ...], Callable[..., Figure]]] = {
    "01_sales_spend_trend": (
        ("contributions", "spend"),
        lambda t, kw: plot_sales_spend_trend(
            t["contributions"], t["spend"], channels=kw.get("channels"), **_common(kw)
        ),
    ),
    "02_channel_contributions": (
        ("contributions",),
        lambda t, kw: plot_channel_contributions(t["contributions"], channels=kw.get("channels"), **_common(kw)),
    ),
    "03_roi_comparison": (("roi",), lambda t, kw: plot_roi_comparison(t["roi"], **_common(kw))),
    "04_response_curves": (
        ("response_curves",),
        lambda t, kw: plot_response_curves(t["response_curves"], **_common(kw)),
    ),
    "05_budget_efficiency": (
        ("roi",),
        lambda t, kw: plot_budget_efficiency(t["roi"], kpi_label=kw.get("kpi_label", "Sales")),
    ),
    "06_decomposition_pie": (
        ("contribution_shares",),
        lambda t, kw: plot_decomposition_pie(t["contribution_shares"], **_common(kw)),
    ),
}
"""The six seed charts: file stem -> (required table keys, drawing function)."""


def _common(kw: dict[str, Any]) -> dict[str, Any]:
    return {k: kw[k] for k in ("kpi_label", "currency") if k in kw}


def save_figure(fig: Figure, path: str | Path, formats: Sequence[str] = ("png",), dpi: int = 150) -> list[Path]:
    """Write ``fig`` once per format next to ``path`` (its suffix is replaced by each format's).

    Args:
        fig: A figure from any ``plot_*`` function.
        path: Target file, with or without suffix (``out/03_roi`` or ``out/03_roi.png``); parent folders
            are created.
        formats: Any of ``png``, ``pdf``, ``svg``.
        dpi: Raster resolution, at least 150 (applies to PNG and to raster parts of PDF/SVG).

    Returns:
        The written paths, in the order of ``formats``.

    Raises:
        ConfigError: Unknown format or dpi below 150.
    """
    fmts = [str(f).lower().lstrip(".") for f in ([formats] if isinstance(formats, str) else formats)]
    bad = [f for f in fmts if f not in FORMATS]
    if bad or not fmts:
        raise ConfigError(
            f"Unknown chart format(s): {', '.join(bad) or 'none given'}. Allowed: {', '.join(FORMATS)}. "
            f"Pass e.g. formats=('png', 'pdf')."
        )
    if dpi < MIN_DPI:
        raise ConfigError(
            f"Chart dpi {dpi} is too low for slides and print. Allowed: {MIN_DPI} or more; use dpi=150 or 200."
        )
    path = Path(path)
    stem = path.with_suffix("") if path.suffix.lower().lstrip(".") in FORMATS else path
    stem.parent.mkdir(parents=True, exist_ok=True)
    written = []
    for fmt in dict.fromkeys(fmts):
        target = stem.with_name(stem.name + "." + fmt)
        metadata = (
            {"Software": None} if fmt == "png" else {"Creator": None, "Date": None} if fmt in ("pdf", "svg") else None
        )
        with mpl.rc_context(_SAVE_RC):
            extra = {"pil_kwargs": {"compress_level": 1}} if fmt == "png" else {}  # fast zlib: ~25% quicker
            fig.savefig(target, format=fmt, dpi=dpi, facecolor="white", metadata=metadata, **extra)
        written.append(target)
    return written


def save_standard_charts(
    tables: dict[str, pd.DataFrame],
    out_dir: str | Path,
    *,
    formats: Sequence[str] = ("png",),
    dpi: int = 150,
    channels: Sequence[str] | None = None,
    kpi_label: str = "Sales",
    currency: str = "$",
) -> list[Path]:
    """Render and save the six standard charts.

    Files: ``01_sales_spend_trend``, ``02_channel_contributions``, ``03_roi_comparison``,
    ``04_response_curves``, ``05_budget_efficiency``, ``06_decomposition_pie`` (``.png``, plus
    ``.pdf``/``.svg`` when asked).

    Args:
        tables: Result tables by key: ``contributions`` (weekly wide frame), ``spend`` (``date, <channel>...``),
            ``roi``, ``response_curves``, ``contribution_shares``.
        out_dir: Folder to write into (created if needed).
        formats: Output formats per chart (``png``, ``pdf``, ``svg``).
        dpi: PNG resolution, at least 150.
        channels: Channel names; default the ``channel`` column of ``tables['roi']`` (tells channel columns
            of the contributions frame from controls).
        kpi_label: Name of the kpi for labels.
        currency: Currency symbol.

    Returns:
        Paths written, chart by chart, format by format.

    Raises:
        DataValidationError: When a needed table is missing (all missing keys are listed at once) or malformed.
        ConfigError: Unknown format or dpi below 150.
    """
    needed = sorted({key for keys, _ in STANDARD_CHARTS.values() for key in keys})
    missing = [k for k in needed if k not in tables or tables[k] is None]
    if missing:
        raise DataValidationError(
            f"save_standard_charts needs tables {', '.join(needed)}; missing {', '.join(missing)} "
            f"(received: {', '.join(sorted(tables)) or 'none'}). Build them with mixwise.analysis and pass them by key."
        )
    if channels is None:
        roi = tables["roi"]
        channels = [str(c) for c in roi["channel"]] if "channel" in getattr(roi, "columns", ()) else None
    kw: dict[str, Any] = {"channels": channels, "kpi_label": kpi_label, "currency": currency}
    out = Path(out_dir)
    written: list[Path] = []
    for stem, (_keys, draw) in STANDARD_CHARTS.items():
        fig = draw(tables, kw)
        written += save_figure(fig, out / stem, formats=formats, dpi=dpi)
    return written
