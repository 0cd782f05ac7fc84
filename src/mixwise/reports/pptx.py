"""PowerPoint report with python-pptx: 16:9, one message per slide.

Slides: title; executive summary (the five headlines); one slide per main section whose title is
the section's headline, with its main chart (or its table) below; then the appendix (model
health, data quality, methodology). Bullets go to the speaker notes so the slide keeps one message.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from mixwise.reports.structure import ReportContent, ReportSection, ReportTable

__all__ = ["render_pptx", "slide_titles"]

_W, _H = 13.333, 7.5
_MARGIN = 0.5
_NAVY = (0x33, 0x41, 0x5C)
_BLUE = (0x4E, 0x79, 0xA7)
_INK = (0x22, 0x22, 0x22)
_MUTED = (0x66, 0x66, 0x66)
_STATUS = {
    "PASS": (0x1E, 0x7B, 0x34),
    "WARN": (0xA0, 0x64, 0x00),
    "REVIEW": (0xA0, 0x64, 0x00),
    "FAIL": (0xB4, 0x23, 0x18),
}
#: Sections whose table says more than their chart (shown as a table on the slide).
_TABLE_FIRST = ("health", "data_quality")
_MAX_ROWS = 10


def _rgb(color: tuple[int, int, int]) -> Any:
    from pptx.dml.color import RGBColor

    return RGBColor(*color)


def _text(frame: Any, text: str, size: float, color: tuple[int, int, int] = _INK, bold: bool = False) -> None:
    from pptx.util import Pt

    frame.word_wrap = True
    para = frame.paragraphs[0]
    para.text = text
    for run in para.runs:
        run.font.size = Pt(size)
        run.font.bold = bold
        run.font.color.rgb = _rgb(color)


def _box(slide: Any, left: float, top: float, width: float, height: float) -> Any:
    from pptx.util import Inches

    frame = slide.shapes.add_textbox(Inches(left), Inches(top), Inches(width), Inches(height)).text_frame
    frame.margin_left = frame.margin_right = 0
    return frame


def _title_fit(text: str, sizes: tuple[float, ...] = (26, 24, 22, 20)) -> tuple[float, int]:
    """The largest font size (pt) that fits ``text`` on two lines of the slide width, and its line count."""
    import math
    import textwrap

    width_pt = (_W - 2 * _MARGIN) * 72
    for size in sizes:
        lines = len(textwrap.wrap(text, max(10, int(width_pt / (size * 0.62))))) or 1
        if lines <= 2:
            return size, lines
    size = sizes[-1]
    return size, max(1, math.ceil(len(text) / max(10, int(width_pt / (size * 0.62)))) + 1)


def _titled_slide(prs: Any, title: str, label: str | None = None, size: float | None = None) -> tuple[Any, float]:
    """A "Title Only" slide, title moved to the top band of a 16:9 slide; returns it and the content top (in)."""
    from pptx.enum.text import MSO_ANCHOR, PP_ALIGN
    from pptx.util import Inches, Pt

    slide = prs.slides.add_slide(prs.slide_layouts[5])
    size, lines = (size, 1) if size else _title_fit(title)
    top = 0.45 if label else 0.3
    height = lines * size * 1.22 / 72 + 0.15
    shape = slide.shapes.title
    shape.left, shape.top = Inches(_MARGIN), Inches(top)
    shape.width, shape.height = Inches(_W - 2 * _MARGIN), Inches(height)
    frame = shape.text_frame
    frame.word_wrap = True
    frame.vertical_anchor = MSO_ANCHOR.TOP
    frame.margin_left = frame.margin_right = 0
    frame.margin_top = frame.margin_bottom = 0
    frame.text = title
    for para in frame.paragraphs:
        para.alignment = PP_ALIGN.LEFT
        for run in para.runs:
            run.font.size = Pt(size)
            run.font.bold = True
            run.font.color.rgb = _rgb(_INK)
    if label:
        _text(_box(slide, _MARGIN, 0.12, 8.0, 0.35), label.upper(), 11, _BLUE, bold=True)
    return slide, top + height + 0.2


def _picture(slide: Any, path: Path, top: float) -> None:
    from PIL import Image
    from pptx.util import Inches

    with Image.open(path) as img:
        ratio = img.height / img.width
    max_w, max_h = _W - 2 * _MARGIN, _H - top - 0.3
    width = min(max_w, max_h / ratio)
    left = (_W - width) / 2
    slide.shapes.add_picture(str(path), Inches(left), Inches(top), width=Inches(width), height=Inches(width * ratio))


def _table(slide: Any, table: ReportTable, top: float) -> None:
    from pptx.enum.text import PP_ALIGN
    from pptx.util import Inches, Pt

    rows = table.rows[:_MAX_ROWS]
    long_text = any(len(c) > 40 for r in rows for c in r)
    size = 11 if long_text else 13
    height = min(_H - top - 0.5, 0.4 * (len(rows) + 1))
    shape = slide.shapes.add_table(
        len(rows) + 1, len(table.columns), Inches(_MARGIN), Inches(top), Inches(_W - 2 * _MARGIN), Inches(height)
    )
    grid = shape.table
    lengths = [max([len(table.columns[i])] + [len(r[i]) for r in rows]) for i in range(len(table.columns))]
    weights = [min(max(n, 6), 60) for n in lengths]
    if table.status_column is not None:
        weights[table.status_column] = 11
    for i, w in enumerate(weights):
        grid.columns[i].width = Inches((_W - 2 * _MARGIN) * w / sum(weights))
    for j, values in enumerate([table.columns, *rows]):
        for i, value in enumerate(values):
            cell = grid.cell(j, i)
            cell.text = value
            para = cell.text_frame.paragraphs[0]
            para.alignment = PP_ALIGN.RIGHT if table.align[i] == "right" else PP_ALIGN.LEFT
            for run in para.runs:
                run.font.size = Pt(size)
                run.font.bold = j == 0 or (table.status_column == i and value.upper() in _STATUS)
                if j > 0 and table.status_column == i and value.upper() in _STATUS:
                    run.font.color.rgb = _rgb(_STATUS[value.upper()])
    note = table.note + (f" Showing {_MAX_ROWS} of {len(table.rows)} rows." if len(table.rows) > _MAX_ROWS else "")
    if note.strip():
        _text(_box(slide, _MARGIN, _H - 0.45, _W - 2 * _MARGIN, 0.3), note.strip(), 10, _MUTED)


def _notes(slide: Any, section: ReportSection) -> None:
    lines = list(section.bullets) + [f"{h}: {t}" for h, t in section.paragraphs]
    if lines:
        slide.notes_slide.notes_text_frame.text = "\n".join(lines)


def _section_slide(prs: Any, section: ReportSection) -> None:
    label = ("Appendix · " if section.appendix else "") + section.title
    slide, top = _titled_slide(prs, section.headline, label)
    charts = [c for c in section.charts if Path(c).is_file()]
    if section.paragraphs:
        frame = _box(slide, _MARGIN, top, _W - 2 * _MARGIN, _H - top - 0.4)
        _paragraphs(frame, section.paragraphs)
    elif section.table is not None and (section.key in _TABLE_FIRST or not charts):
        _table(slide, section.table, top)
    elif charts:
        _picture(slide, charts[0], top)
    elif section.bullets:
        frame = _box(slide, _MARGIN, top, _W - 2 * _MARGIN, _H - top - 0.4)
        _paragraphs(frame, tuple(("", b) for b in section.bullets))
    _notes(slide, section)


def _paragraphs(frame: Any, items: tuple[tuple[str, str], ...]) -> None:
    from pptx.util import Pt

    frame.word_wrap = True
    first = True
    for heading, text in items:
        para = frame.paragraphs[0] if first else frame.add_paragraph()
        first = False
        if heading:
            run = para.add_run()
            run.text = heading + ". "
            run.font.bold = True
            run.font.size = Pt(15)
            run.font.color.rgb = _rgb(_NAVY)
        run = para.add_run()
        run.text = text
        run.font.size = Pt(15)
        run.font.color.rgb = _rgb(_INK)
        para.space_after = Pt(8)


def _title_slide(prs: Any, content: ReportContent) -> None:
    from pptx.enum.shapes import MSO_SHAPE
    from pptx.enum.text import MSO_ANCHOR, PP_ALIGN
    from pptx.util import Inches, Pt

    slide = prs.slides.add_slide(prs.slide_layouts[0])
    band = slide.shapes.add_shape(MSO_SHAPE.RECTANGLE, 0, 0, prs.slide_width, Inches(4.3))
    band.fill.solid()
    band.fill.fore_color.rgb = _rgb(_NAVY)
    band.line.fill.background()
    tree = slide.shapes._spTree
    tree.remove(band._element)
    tree.insert(2, band._element)  # behind the placeholders
    title, subtitle = slide.shapes.title, slide.placeholders[1]
    for shape, top, height in ((title, 1.3, 1.3), (subtitle, 2.7, 1.2)):
        shape.left, shape.top = Inches(0.8), Inches(top)
        shape.width, shape.height = Inches(_W - 1.6), Inches(height)
        shape.text_frame.vertical_anchor = MSO_ANCHOR.TOP
        shape.text_frame.word_wrap = True
    title.text = content.title
    subtitle.text = content.subtitle
    for shape, size, color, bold in ((title, 40, (255, 255, 255), True), (subtitle, 20, (0xDF, 0xE4, 0xEE), False)):
        for para in shape.text_frame.paragraphs:
            para.alignment = PP_ALIGN.LEFT
            for run in para.runs:
                run.font.size, run.font.bold, run.font.color.rgb = Pt(size), bold, _rgb(color)
    meta = f"Data: {content.data_name}   ·   Period: {content.date_range}"
    _text(_box(slide, 0.8, 4.8, _W - 1.6, 0.5), meta, 16, _INK)
    _text(_box(slide, 0.8, 5.35, _W - 1.6, 0.5), f"Model: {content.model_type}", 16, _INK)
    _text(_box(slide, 0.8, 5.9, _W - 1.6, 0.5), f"Generated {content.generated} with mixwise", 14, _MUTED)


def _executive_slide(prs: Any, content: ReportContent) -> None:
    from pptx.util import Pt

    slide, top = _titled_slide(prs, "Executive summary", size=30)
    step = (_H - top - 0.3) / max(len(content.executive), 1)
    for item in content.executive:
        frame = _box(slide, _MARGIN, top, _W - 2 * _MARGIN, step - 0.05)
        frame.word_wrap = True
        para = frame.paragraphs[0]
        run = para.add_run()
        run.text = item.label.upper()
        run.font.size, run.font.bold, run.font.color.rgb = Pt(12), True, _rgb(_BLUE)
        para = frame.add_paragraph()
        run = para.add_run()
        run.text = item.text
        run.font.size, run.font.color.rgb = Pt(16), _rgb(_INK)
        top += step


def slide_titles(content: ReportContent) -> list[str]:
    """The titles the deck will have, in order (title, executive summary, one per section)."""
    return [content.title, "Executive summary", *(s.headline for s in content.sections)]


def render_pptx(content: ReportContent, path: str | Path) -> Path:
    """Write the report as a 16:9 PowerPoint deck and return the path."""
    from pptx import Presentation
    from pptx.util import Inches

    prs = Presentation()
    prs.slide_width, prs.slide_height = Inches(_W), Inches(_H)
    prs.core_properties.title = content.title
    prs.core_properties.author = "mixwise"
    _title_slide(prs, content)
    _executive_slide(prs, content)
    for section in content.sections:
        _section_slide(prs, section)
    path = Path(path)
    prs.save(str(path))
    return path
