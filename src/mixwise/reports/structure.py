"""Format-neutral report content: what the PDF, PPTX and HTML renderers draw, and nothing else.

Every string is already formatted (numbers as ``$1.2M``, ``12.3%``, ``$1.85``), so a renderer
never computes or formats a number; it only lays the content out.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any, Literal

from mixwise.errors import ConfigError

__all__ = ["ReportTable", "ReportSection", "ExecutiveHeadline", "ReportContent", "Align"]

Align = Literal["left", "right"]


@dataclass(frozen=True)
class ReportTable:
    """A small table of formatted strings.

    Attributes:
        columns: Column headers.
        rows: One tuple of cell strings per row, each as long as ``columns``.
        align: ``"left"`` or ``"right"`` per column (numbers right-aligned).
        note: Optional footnote under the table (e.g. what the interval is).
        status_column: Index of a column holding PASS/WARN/REVIEW/FAIL, coloured by renderers.
    """

    columns: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]
    align: tuple[Align, ...] = ()
    note: str | None = None
    status_column: int | None = None

    def __post_init__(self) -> None:
        columns = tuple(str(c) for c in self.columns)
        rows = tuple(tuple(str(v) for v in row) for row in self.rows)
        object.__setattr__(self, "columns", columns)
        object.__setattr__(self, "rows", rows)
        bad = [i for i, row in enumerate(rows) if len(row) != len(columns)]
        if not columns or bad:
            raise ConfigError(
                f"A report table needs at least one column and rows as long as its {len(columns)} columns; "
                f"rows {bad} differ. Build rows with one cell per column."
            )
        align = tuple(self.align) or tuple("left" if i == 0 else "right" for i in range(len(columns)))
        if len(align) != len(columns) or any(a not in ("left", "right") for a in align):
            raise ConfigError(
                f"align must give 'left' or 'right' for each of the {len(columns)} columns; received {align}."
            )
        object.__setattr__(self, "align", align)


@dataclass(frozen=True)
class ReportSection:
    """One section: one message (the headline), supporting bullets, an optional table and charts.

    Attributes:
        key: Stable identifier (``performance``, ``roi``, ``saturation``, ``recommendation``,
            ``health``, ``data_quality``, ``methodology``).
        title: Short section title ("Return on investment").
        headline: The one message of the section (a full sentence; the slide title in PPTX).
        bullets: Supporting points, each a sentence.
        table: Optional table.
        charts: Paths of PNG charts, most important first (may be empty).
        appendix: Whether the section belongs in the appendix.
        paragraphs: Optional longer prose (methodology), rendered as paragraphs.
    """

    key: str
    title: str
    headline: str
    bullets: tuple[str, ...] = ()
    table: ReportTable | None = None
    charts: tuple[Path, ...] = ()
    appendix: bool = False
    paragraphs: tuple[tuple[str, str], ...] = ()

    def __post_init__(self) -> None:
        object.__setattr__(self, "bullets", tuple(str(b) for b in self.bullets))
        object.__setattr__(self, "charts", tuple(Path(c) for c in self.charts))
        object.__setattr__(self, "paragraphs", tuple((str(h), str(t)) for h, t in self.paragraphs))
        if not str(self.headline).strip():
            raise ConfigError(f"Report section '{self.key}' needs a headline (one sentence with its message).")


@dataclass(frozen=True)
class ExecutiveHeadline:
    """One line of the executive summary: a label (``Best ROI``) and its message."""

    label: str
    text: str


@dataclass(frozen=True)
class ReportContent:
    """Everything a report shows, in reading order.

    Attributes:
        title: Report title.
        subtitle: One line under the title (what was analysed).
        data_name: Name of the data (file name or "bundled sample data").
        date_range: ``"4 Jan 2021 – 25 Dec 2024 (208 weeks)"``.
        model_type: Plain description of the model ("Bayesian MMM (NumPyro)", "OLS MMM").
        generated: Date the report was generated (ISO ``YYYY-MM-DD``).
        executive: The five executive headlines, in order.
        sections: Sections in reading order (main sections first, then the appendix).
    """

    title: str
    subtitle: str
    data_name: str
    date_range: str
    model_type: str
    generated: str
    executive: tuple[ExecutiveHeadline, ...]
    sections: tuple[ReportSection, ...] = field(default_factory=tuple)

    @property
    def headlines(self) -> list[str]:
        """The executive headline sentences."""
        return [h.text for h in self.executive]

    @property
    def main_sections(self) -> list[ReportSection]:
        """Sections outside the appendix."""
        return [s for s in self.sections if not s.appendix]

    @property
    def appendix_sections(self) -> list[ReportSection]:
        """Appendix sections."""
        return [s for s in self.sections if s.appendix]

    def all_charts(self) -> list[Path]:
        """Every chart path referenced, in order, without duplicates."""
        return list(dict.fromkeys(c for s in self.sections for c in s.charts))

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready dict (paths as strings)."""
        doc = asdict(self)
        for section in doc["sections"]:
            section["charts"] = [str(c) for c in section["charts"]]
        doc["headlines"] = self.headlines
        return doc
