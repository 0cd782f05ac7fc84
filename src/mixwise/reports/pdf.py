"""PDF report with fpdf2: title page, executive summary, one section per page, tables and charts.

Text is real text in an embedded Unicode font (DejaVu Sans, shipped with matplotlib), so the PDF
is searchable and copy-pastable; charts are embedded PNGs scaled to the page width.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from mixwise.reports.structure import ReportContent, ReportSection, ReportTable

__all__ = ["render_pdf"]

_NAVY = (51, 65, 92)
_BLUE = (78, 121, 167)
_INK = (34, 34, 34)
_MUTED = (102, 102, 102)
_RULE = (225, 228, 234)
_STATUS = {"PASS": (30, 123, 52), "WARN": (160, 100, 0), "REVIEW": (160, 100, 0), "FAIL": (180, 35, 24)}
_FONT = "DejaVu"


def _font_dir() -> Path:
    import matplotlib

    return Path(matplotlib.get_data_path()) / "fonts" / "ttf"


def _new_pdf(content: ReportContent) -> Any:
    from fpdf import FPDF

    class _Report(FPDF):
        def footer(self) -> None:
            if self.page_no() == 1:
                return
            self.set_y(-12)
            self.set_font(_FONT, "", 8)
            self.set_text_color(*_MUTED)
            self.cell(0, 6, f"{content.title} · {content.date_range}", align="L")
            self.set_x(self.l_margin)
            self.cell(0, 6, f"Page {self.page_no()}", align="R")

    pdf = _Report(orientation="portrait", unit="mm", format="A4")
    fonts = _font_dir()
    pdf.add_font(_FONT, "", str(fonts / "DejaVuSans.ttf"))
    pdf.add_font(_FONT, "B", str(fonts / "DejaVuSans-Bold.ttf"))
    pdf.add_font(_FONT, "I", str(fonts / "DejaVuSans-Oblique.ttf"))
    pdf.set_margins(18, 18, 18)
    pdf.set_auto_page_break(True, margin=18)
    pdf.set_title(content.title)
    pdf.set_author("mixwise")
    pdf.set_creator("mixwise")
    return pdf


def _title_page(pdf: Any, content: ReportContent) -> None:
    pdf.add_page()
    pdf.set_fill_color(*_NAVY)
    pdf.rect(0, 0, pdf.w, 120, style="F")
    pdf.set_xy(18, 48)
    pdf.set_text_color(255, 255, 255)
    pdf.set_font(_FONT, "B", 28)
    pdf.multi_cell(pdf.epw, 12, content.title)
    pdf.set_x(18)
    pdf.set_font(_FONT, "", 13)
    pdf.set_text_color(223, 228, 238)
    pdf.multi_cell(pdf.epw, 7, content.subtitle)
    pdf.set_y(138)
    for label, value in (
        ("Data", content.data_name),
        ("Period", content.date_range),
        ("Model", content.model_type),
        ("Generated", content.generated),
    ):
        pdf.set_x(18)
        pdf.set_font(_FONT, "B", 11)
        pdf.set_text_color(*_MUTED)
        pdf.cell(32, 8, label)
        pdf.set_font(_FONT, "", 11)
        pdf.set_text_color(*_INK)
        pdf.multi_cell(pdf.epw - 32, 8, value)
    pdf.set_y(-40)
    pdf.set_font(_FONT, "I", 9)
    pdf.set_text_color(*_MUTED)
    pdf.multi_cell(
        pdf.epw,
        5,
        "Ranges are 90% intervals. An MMM estimates effects from historical data; see the methodology appendix "
        "for what the numbers mean and what they do not.",
    )


def _heading(pdf: Any, label: str, headline: str) -> None:
    pdf.set_font(_FONT, "B", 9)
    pdf.set_text_color(*_BLUE)
    pdf.cell(0, 6, label.upper(), new_x="LMARGIN", new_y="NEXT")
    pdf.set_font(_FONT, "B", 15)
    pdf.set_text_color(*_INK)
    pdf.multi_cell(pdf.epw, 7.5, headline, align="L", new_x="LMARGIN", new_y="NEXT")
    pdf.set_draw_color(*_RULE)
    pdf.set_line_width(0.4)
    pdf.line(pdf.l_margin, pdf.get_y() + 2, pdf.w - pdf.r_margin, pdf.get_y() + 2)
    pdf.ln(5)


def _executive(pdf: Any, content: ReportContent) -> None:
    pdf.add_page()
    _heading(pdf, "Executive summary", "What matters most")
    for i, item in enumerate(content.executive, start=1):
        y0 = pdf.get_y()
        pdf.set_x(pdf.l_margin + 5)
        pdf.set_font(_FONT, "B", 9)
        pdf.set_text_color(*_BLUE)
        pdf.cell(0, 6, f"{i}. {item.label.upper()}", new_x="LMARGIN", new_y="NEXT")
        pdf.set_x(pdf.l_margin + 5)
        pdf.set_font(_FONT, "", 12)
        pdf.set_text_color(*_INK)
        pdf.multi_cell(pdf.epw - 5, 6.5, item.text, align="L", new_x="LMARGIN", new_y="NEXT")
        pdf.set_fill_color(*_BLUE)
        pdf.rect(pdf.l_margin, y0, 1.6, pdf.get_y() - y0, style="F")
        pdf.ln(5)


def _bullets(pdf: Any, bullets: tuple[str, ...]) -> None:
    pdf.set_font(_FONT, "", 10.5)
    pdf.set_text_color(*_INK)
    for text in bullets:
        pdf.set_x(pdf.l_margin)
        pdf.cell(5, 5.6, "•")
        pdf.multi_cell(pdf.epw - 5, 5.6, text, align="L", new_x="LMARGIN", new_y="NEXT")
        pdf.ln(0.8)
    pdf.ln(2)


def _chart(pdf: Any, path: Path, reserve: float = 0.0) -> None:
    """Embed a chart at page width, shrunk (down to 60%) rather than pushed to a new page when nearly fitting.

    Args:
        reserve: Height (mm) to keep free below the chart (for the table that follows), when possible.
    """
    from PIL import Image

    with Image.open(path) as img:
        ratio = img.height / img.width
    width = pdf.epw
    height = width * ratio
    room = pdf.h - pdf.b_margin - pdf.get_y() - 2
    if reserve and room - reserve >= 0.6 * height:
        room -= reserve
    if height > room:
        if room >= 0.6 * height:
            height = room
            width = height / ratio
        else:
            pdf.add_page()
    x = pdf.l_margin + (pdf.epw - width) / 2
    pdf.image(str(path), x=x, y=pdf.get_y(), w=width, h=height)
    pdf.set_y(pdf.get_y() + height + 4)


def _col_widths(table: ReportTable) -> tuple[float, ...]:
    lengths = [max([len(table.columns[i])] + [len(r[i]) for r in table.rows]) for i in range(len(table.columns))]
    weights = [min(max(n, 8), 60) for n in lengths]
    if table.status_column is not None:
        others = sum(w for i, w in enumerate(weights) if i != table.status_column)
        weights[table.status_column] = max(10, others / 9)
    return tuple(float(w) for w in weights)


def _table_height(table: ReportTable) -> float:
    """Rough height (mm) of a table of short cells with its note."""
    return (len(table.rows) + 1) * 7.0 + (8.0 if table.note else 0.0) + 4.0


def _table(pdf: Any, table: ReportTable) -> None:
    from fpdf.fonts import FontFace

    long_text = any(len(cell) > 40 for row in table.rows for cell in row)
    size = 8 if long_text or len(table.columns) > 6 else 9
    pdf.set_font(_FONT, "", size)
    pdf.set_text_color(*_INK)
    pdf.set_draw_color(*_RULE)
    pdf.set_fill_color(247, 249, 252)
    heading = FontFace(emphasis="BOLD", color=(255, 255, 255), fill_color=_NAVY)
    with pdf.table(
        col_widths=_col_widths(table),
        text_align=tuple("RIGHT" if a == "right" else "LEFT" for a in table.align),
        headings_style=heading,
        line_height=size * 0.55,
        padding=1.2,
        borders_layout="HORIZONTAL_LINES",
        cell_fill_color=(247, 249, 252),
        cell_fill_mode="ROWS",
        first_row_as_headings=True,
    ) as tbl:
        row = tbl.row()
        for col in table.columns:
            row.cell(col)
        for values in table.rows:
            row = tbl.row()
            for i, value in enumerate(values):
                style = None
                if table.status_column == i and value.upper() in _STATUS:
                    style = FontFace(emphasis="BOLD", color=_STATUS[value.upper()])
                row.cell(value, style=style)
    if table.note:
        pdf.ln(1.5)
        pdf.set_font(_FONT, "I", 8)
        pdf.set_text_color(*_MUTED)
        pdf.multi_cell(pdf.epw, 4.5, table.note, align="L", new_x="LMARGIN", new_y="NEXT")
    pdf.ln(3)


def _section(pdf: Any, section: ReportSection) -> None:
    pdf.add_page()
    _heading(pdf, ("Appendix · " if section.appendix else "") + section.title, section.headline)
    _bullets(pdf, section.bullets)
    for heading, text in section.paragraphs:
        pdf.set_font(_FONT, "B", 11)
        pdf.set_text_color(*_INK)
        pdf.multi_cell(pdf.epw, 6, heading, new_x="LMARGIN", new_y="NEXT")
        pdf.set_font(_FONT, "", 10.5)
        pdf.multi_cell(pdf.epw, 5.6, text, align="L", new_x="LMARGIN", new_y="NEXT")
        pdf.ln(3)
    charts = [c for c in section.charts if Path(c).is_file()]
    table_first = section.table is not None and section.table.status_column is not None
    if table_first:
        _table(pdf, section.table)
    elif charts:
        _chart(pdf, charts[0], reserve=_table_height(section.table) if section.table is not None else 0.0)
        charts = charts[1:]
    if section.table is not None and not table_first:
        if pdf.get_y() + _table_height(section.table) > pdf.h - pdf.b_margin:
            pdf.add_page()
        _table(pdf, section.table)
    for chart in charts:
        _chart(pdf, chart)


def render_pdf(content: ReportContent, path: str | Path) -> Path:
    """Write the report as an A4 PDF and return the path.

    Layout: title page; executive summary (the five headlines); one page (or more) per section
    with its headline, bullets, main chart, table and further charts; page numbers in the footer.
    """
    pdf = _new_pdf(content)
    _title_page(pdf, content)
    _executive(pdf, content)
    for section in content.sections:
        _section(pdf, section)
    path = Path(path)
    pdf.output(str(path))
    return path
