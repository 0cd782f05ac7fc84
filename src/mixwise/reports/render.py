"""One entry point for every report format: ``render_report(content, path, format)``."""

from __future__ import annotations

from pathlib import Path

from mixwise.errors import ConfigError
from mixwise.reports.structure import ReportContent

__all__ = ["FORMATS", "render_report", "resolve_format"]

FORMATS = ("pdf", "pptx", "html")


def resolve_format(path: str | Path, format: str | None = None) -> tuple[Path, str]:
    """The output path and format: the format from ``format`` or the file suffix (default pdf).

    A path without a suffix gets the format's suffix.

    Raises:
        ConfigError: Unknown format, or a file suffix naming another report format.
    """
    path = Path(path)
    suffix = path.suffix.lower().lstrip(".")
    suffix = "html" if suffix == "htm" else suffix
    fmt = (format or (suffix if suffix in FORMATS else "pdf")).lower().lstrip(".")
    if fmt not in FORMATS:
        raise ConfigError(f"Unknown report format '{format}'. Allowed: {', '.join(FORMATS)}. Use e.g. --format pdf.")
    if suffix in FORMATS and suffix != fmt:
        raise ConfigError(
            f"The output file '{path.name}' ends in .{suffix} but the format is {fmt}. "
            f"Name the file *.{fmt} or pass --format {suffix}."
        )
    if not path.suffix:
        path = path.with_suffix("." + fmt)
    return path, fmt


def render_report(content: ReportContent, path: str | Path, format: str | None = None) -> Path:
    """Write ``content`` as a PDF, PowerPoint or self-contained HTML file.

    Args:
        content: From :func:`mixwise.reports.build_report_content`.
        path: Output file (parent folders are created; a missing suffix is added).
        format: ``"pdf"``, ``"pptx"`` or ``"html"``; ``None`` (default) infers it from the suffix, pdf without one.

    Returns:
        The path written.

    Raises:
        ConfigError: Unknown format or a suffix that contradicts it.
    """
    if not isinstance(content, ReportContent):
        raise ConfigError(
            f"render_report needs a ReportContent; received {type(content).__name__}. "
            "Build it with mixwise.reports.build_report_content(model)."
        )
    path, fmt = resolve_format(path, format)
    path.parent.mkdir(parents=True, exist_ok=True)
    if fmt == "pdf":
        from mixwise.reports.pdf import render_pdf

        return render_pdf(content, path)
    if fmt == "pptx":
        from mixwise.reports.pptx import render_pptx

        return render_pptx(content, path)
    from mixwise.reports.html import render_html

    return render_html(content, path)
