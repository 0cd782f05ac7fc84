"""One look for every mixwise chart: channel colours, greys for the base, number formats, slide-sized figures.

Colours are keyed by channel *name*, so a channel has the same colour on every chart whatever the
order or subset of channels a table holds. The sample channels (``tv``, ``radio``, ``digital``,
``print``) and common channel names have fixed colours; any other name gets a colour chosen from a
hash of the name (md5, stable across processes), with collisions inside one call resolved in sorted
name order so the result does not depend on the order channels are listed in.

Figures are built with :class:`matplotlib.figure.Figure` on an Agg canvas: no pyplot, no global
backend switch, no global rcParams change (the theme applies through :func:`themed` as an
``rc_context`` around each chart function).
"""

from __future__ import annotations

import functools
import hashlib
import math
import textwrap
from collections.abc import Callable, Iterable, Sequence
from typing import Any, TypeVar

import matplotlib as mpl
import matplotlib.dates as mdates
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure
from matplotlib.ticker import Formatter, FuncFormatter

from mixwise.formatting import (  # noqa: F401 - re-exported: one number style everywhere
    display_name,
    fmt_money,
    fmt_number,
    fmt_pct,
    fmt_roi,
    fmt_signed_money,
)

__all__ = [
    "SLIDE_SIZE",
    "COMPACT_SIZE",
    "FIXED_COLORS",
    "EXTRA_COLORS",
    "INK",
    "MUTED",
    "TOTAL_COLOR",
    "BREAK_EVEN_COLOR",
    "channel_colors",
    "base_colors",
    "display_name",
    "fmt_number",
    "fmt_money",
    "fmt_signed_money",
    "fmt_pct",
    "fmt_roi",
    "money_axis",
    "MoneyFormatter",
    "pct_axis",
    "date_axis",
    "figure",
    "themed",
    "set_titles",
    "figure_text",
    "style_axes",
    "short_list",
]

SLIDE_SIZE: tuple[float, float] = (13.33, 7.5)
"""Default figure size in inches: a 16:9 slide."""
COMPACT_SIZE: tuple[float, float] = (12.0, 6.75)
"""Smaller 16:9 size for reports."""

INK = "#222222"
MUTED = "#666666"
GRID = "#E6E6E6"
TOTAL_COLOR = "#33415C"
BREAK_EVEN_COLOR = "#C0392B"

# Tableau-10-like, colour-blind aware; fixed slots for the names marketers use most.
FIXED_COLORS: dict[str, str] = {
    "tv": "#4E79A7",
    "radio": "#F28E2B",
    "digital": "#59A14F",
    "print": "#B07AA1",
    "search": "#76B7B2",
    "social": "#EDC948",
    "display": "#FF9DA7",
    "video": "#9C755F",
    "ooh": "#E15759",
    "email": "#D37295",
}
EXTRA_COLORS: tuple[str, ...] = (
    "#A0CBE8",
    "#FFBE7D",
    "#B6992D",
    "#6A51A3",
    "#C35A1F",
    "#8CD17D",
    "#D4A6C8",
    "#1F6F8B",
    "#F1CE63",
    "#17BECF",
)
_BASE_GREYS: dict[str, str] = {"baseline": "#C8C8C8", "trend": "#A9A9A9", "seasonality": "#DCDCDC", "base": "#BDBDBD"}
_CONTROL_GREYS: tuple[str, ...] = ("#8F8F8F", "#B4B4B4", "#7A7A7A", "#D0D0D0", "#9E9E9E", "#6B6B6B")
_UNITS = ((1e9, "B"), (1e6, "M"), (1e3, "k"))

_RC: dict[str, Any] = {
    "font.family": "sans-serif",
    "font.size": 13,
    "axes.titlesize": 15,
    "axes.titleweight": "bold",
    "axes.titlelocation": "left",
    "axes.labelsize": 14,
    "axes.labelcolor": INK,
    "axes.edgecolor": "#999999",
    "axes.spines.top": False,
    "axes.spines.right": False,
    "axes.grid": False,
    "xtick.labelsize": 12,
    "ytick.labelsize": 12,
    "xtick.color": MUTED,
    "ytick.color": MUTED,
    "legend.fontsize": 12,
    "legend.frameon": False,
    "text.color": INK,
    "lines.linewidth": 2.2,
    "svg.fonttype": "none",
    "pdf.fonttype": 42,
    "text.parse_math": False,
}


def _hash_slot(name: str, n: int) -> int:
    return int(hashlib.md5(name.encode("utf-8")).hexdigest(), 16) % n


def _key(name: str) -> str:
    return str(name).strip().lower()


def _tokens(name: str) -> list[str]:
    return _key(name).replace("-", "_").replace(" ", "_").split("_")


def channel_colors(channels: Iterable[str]) -> dict[str, str]:
    """Colour of each channel, identical on every chart.

    Args:
        channels: Channel names (any order, duplicates allowed).

    Returns:
        ``{channel: hex colour}`` for every given name. Known names (``tv``, ``radio``, ``digital``,
        ``print``, ``search``, ``social``...) always get their fixed colour; a name containing one of
        them as a word (``paid_social``) takes that colour when no channel of the call uses it; other
        names get a deterministic colour from a hash of the name, distinct within the call while
        colours last.
    """
    names = list(dict.fromkeys(str(c) for c in channels))
    out: dict[str, str] = {}
    used: set[str] = set()
    for name in names:
        if _key(name) in FIXED_COLORS:
            out[name] = FIXED_COLORS[_key(name)]
            used.add(out[name])
    for name in sorted(n for n in names if n not in out):
        # "paid_social" -> social's colour, "tv_national" -> tv's, when this call does not use it yet.
        alias = next((FIXED_COLORS[t] for t in _tokens(name) if t in FIXED_COLORS), None)
        if alias is not None and alias not in used:
            out[name] = alias
            used.add(alias)
    spare = [c for c in FIXED_COLORS.values() if c not in used]
    for name in sorted(n for n in names if n not in out):
        out[name] = _pick(name, used, spare)
        used.add(out[name])
    return {name: out[name] for name in names}


def _pick(name: str, used: set[str], spare: list[str]) -> str:
    """Hashed slot among the extra colours, probing to the next free one; then spare fixed colours; then tab20."""
    slot = _hash_slot(_key(name), len(EXTRA_COLORS))
    for step in range(len(EXTRA_COLORS)):
        candidate = EXTRA_COLORS[(slot + step) % len(EXTRA_COLORS)]
        if candidate not in used:
            return candidate
    for candidate in spare:
        if candidate not in used:
            return candidate
    return mpl.colors.to_hex(mpl.colormaps["tab20"](_hash_slot(_key(name), 20)))


def base_colors(components: Iterable[str]) -> dict[str, str]:
    """Greys for non-media components (baseline, trend, seasonality, controls), stable by name.

    Args:
        components: Component names.

    Returns:
        ``{component: hex grey}``; ``baseline``/``trend``/``seasonality``/``base`` have fixed greys,
        controls take greys in the order given.
    """
    out: dict[str, str] = {}
    i = 0
    for name in dict.fromkeys(str(c) for c in components):
        if _key(name) in _BASE_GREYS:
            out[name] = _BASE_GREYS[_key(name)]
        else:
            out[name] = _CONTROL_GREYS[i % len(_CONTROL_GREYS)]
            i += 1
    return out


class MoneyFormatter(Formatter):
    """Tick labels in money with one shared unit per axis (``$0, $0.5M, $1.0M``), as few decimals as needed."""

    def __init__(self, currency: str = "$") -> None:
        self.currency = currency
        self._scale: tuple[float, str, int] | None = None

    def format_ticks(self, values: Sequence[float]) -> list[str]:
        """Pick the unit and decimals from all tick values, then format each."""
        finite = [abs(float(v)) for v in values if math.isfinite(float(v))]
        top = max(finite, default=0.0)
        scale, suffix = next(((lim, suf) for lim, suf in _UNITS if top >= lim), (1.0, ""))
        digits = 2
        for d in range(3):
            if all(abs(v / scale - round(v / scale, d)) < 1e-6 * max(1.0, v / scale) for v in finite):
                digits = d
                break
        self._scale = (scale, suffix, digits)
        return [self(v, i) for i, v in enumerate(values)]

    def __call__(self, x: float, pos: int | None = None) -> str:
        if not x:
            return f"{self.currency}0"
        if self._scale is None:
            return fmt_money(x, self.currency, 1)
        scale, suffix, digits = self._scale
        sign = "-" if x < 0 else ""
        return f"{sign}{self.currency}{abs(x) / scale:.{digits}f}{suffix}"


def money_axis(axis: Any, currency: str = "$") -> None:
    """Format an axis (``ax.xaxis`` / ``ax.yaxis``) as money with one k/M/B unit per axis."""
    axis.set_major_formatter(MoneyFormatter(currency))


def date_axis(axis: Any) -> None:
    """Concise date ticks on a time axis (``2022``, ``Apr``, ``Jul``... instead of ``2022-04``)."""
    locator = mdates.AutoDateLocator(minticks=5, maxticks=10)
    axis.set_major_locator(locator)
    axis.set_major_formatter(mdates.ConciseDateFormatter(locator, show_offset=False))


def pct_axis(axis: Any, digits: int = 0) -> None:
    """Format an axis holding fractions as percentages."""
    axis.set_major_formatter(FuncFormatter(lambda v, _pos: fmt_pct(v, digits)))


def style_axes(ax: Any, grid: str | None = "y") -> None:
    """Clean spines and a light grid on ``grid`` ("x", "y", "both" or None), behind the data."""
    for side in ("top", "right"):
        ax.spines[side].set_visible(False)
    ax.set_axisbelow(True)
    if grid:
        ax.grid(True, axis=grid, color=GRID, linewidth=1.0)
    ax.tick_params(length=0 if grid else 3.5)


def figure(size: tuple[float, float] = SLIDE_SIZE, dpi: int = 100) -> Figure:
    """A new themed figure on an Agg canvas (no pyplot state), with constrained layout.

    Args:
        size: Width and height in inches; default a 13.33 x 7.5 in slide.
        dpi: Screen dpi (saving picks its own, see ``save_figure``).
    """
    with mpl.rc_context(_RC):
        fig = Figure(figsize=size, dpi=dpi, layout="constrained")
    FigureCanvasAgg(fig)
    fig.set_facecolor("white")
    return fig


F = TypeVar("F", bound=Callable[..., Any])


def themed(func: F) -> F:
    """Decorator: run a chart function inside the mixwise rc theme (fonts, spines, colours)."""

    @functools.wraps(func)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        with mpl.rc_context(_RC):
            return func(*args, **kwargs)

    return wrapper  # type: ignore[return-value]


def _wrap_to_width(fig: Figure, text: Any, content: str, width_px: float) -> int:
    """Re-wrap ``text`` (a Text artist) on word boundaries until it fits ``width_px``; return its line count."""
    renderer = fig.canvas.get_renderer()
    n = max(len(content), 1)
    lines = [content]
    while n > 10:
        lines = textwrap.wrap(content, n) or [""]
        text.set_text("\n".join(lines))
        if text.get_window_extent(renderer).width <= width_px:
            break
        n -= 4
    return len(lines)


def set_titles(fig: Figure, title: str, subtitle: str | None = None, note: str | None = None) -> None:
    """Left-aligned takeaway title, optional grey subtitle and bottom note, space reserved in the layout.

    Title and subtitle are measured and wrapped on word boundaries to fit the figure width. The texts
    carry gids ``title``, ``subtitle`` and ``note`` (find them with :func:`figure_text`).

    Args:
        fig: Figure made by :func:`figure`.
        title: The takeaway.
        subtitle: How to read the chart.
        note: Small footnote at the bottom left (e.g. what the interval is).
    """
    width_in, height_in = fig.get_size_inches()
    width_px = width_in * fig.dpi * 0.97
    pad = 0.18
    y_in = height_in - pad
    head = fig.text(
        0.012, y_in / height_in, title, ha="left", va="top", fontsize=22, weight="bold", color=INK, gid="title"
    )
    y_in -= _wrap_to_width(fig, head, title, width_px) * 22 * 1.22 / 72
    if subtitle:
        y_in -= 0.06
        sub = fig.text(0.012, y_in / height_in, subtitle, ha="left", va="top", fontsize=14, color=MUTED, gid="subtitle")
        y_in -= _wrap_to_width(fig, sub, subtitle, width_px) * 14 * 1.3 / 72
    bottom = 0.0
    if note:
        foot = fig.text(
            0.012, 0.1 / height_in, note, ha="left", va="bottom", fontsize=11, color=MUTED, style="italic", gid="note"
        )
        bottom = (_wrap_to_width(fig, foot, note, width_px) * 11 * 1.3 / 72 + 0.18) / height_in
    top = max(0.5, (y_in - 0.12) / height_in)
    engine = fig.get_layout_engine()
    if engine is not None and hasattr(engine, "set"):
        engine.set(rect=(0.0, bottom, 1.0, top - bottom), w_pad=0.08, h_pad=0.1)


def figure_text(fig: Figure, gid: str = "title") -> str:
    """Text of the figure's ``title``, ``subtitle`` or ``note`` as one line (wrapping undone); "" if absent."""
    for text in fig.texts:
        if text.get_gid() == gid:
            return text.get_text().replace("\n", " ")
    return ""


def short_list(names: Sequence[str]) -> str:
    """``['TV'] -> 'TV'``, ``['TV','Radio'] -> 'TV and Radio'``, three or more -> ``'TV, Radio and Print'``."""
    names = list(names)
    if len(names) <= 1:
        return "".join(names)
    return ", ".join(names[:-1]) + " and " + names[-1]
