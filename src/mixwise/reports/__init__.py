"""Executive reports: format-neutral content built from analysis results, rendered to PDF, PPTX or HTML.

``build_report_content(model, ...)`` assembles the content (title page, five executive
headlines, sections with tables and charts, appendix); ``render_report(content, path, format)``
writes it. Plotting and document libraries load only inside the renderers.
"""

from __future__ import annotations

from mixwise.reports.content import EXECUTIVE_LABELS, build_report_content, compute_tables, executive_headlines
from mixwise.reports.render import FORMATS, render_report
from mixwise.reports.structure import ExecutiveHeadline, ReportContent, ReportSection, ReportTable

__all__ = [
    "build_report_content",
    "executive_headlines",
    "compute_tables",
    "render_report",
    "FORMATS",
    "EXECUTIVE_LABELS",
    "ReportContent",
    "ReportSection",
    "ReportTable",
    "ExecutiveHeadline",
]
