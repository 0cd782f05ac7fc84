"""Self-contained HTML report: inline CSS, charts as base64 ``data:`` URIs, no external reference."""

from __future__ import annotations

import base64
from html import escape
from pathlib import Path

from mixwise.reports.structure import ReportContent, ReportSection, ReportTable

__all__ = ["render_html", "to_html"]

_CSS = """
*{box-sizing:border-box}
body{margin:0;background:#f4f5f7;color:#222;font:16px/1.5 -apple-system,"Segoe UI",Roboto,"DejaVu Sans",Arial,sans-serif}
main{max-width:1080px;margin:0 auto;padding:24px}
header.cover{background:#33415C;color:#fff;padding:40px 48px;border-radius:8px;margin-bottom:24px}
header.cover h1{margin:0 0 8px;font-size:34px}
header.cover p.subtitle{margin:0 0 20px;font-size:18px;color:#dfe4ee}
header.cover dl{display:grid;grid-template-columns:max-content 1fr;gap:4px 16px;margin:0;font-size:15px}
header.cover dt{color:#b9c3d6}header.cover dd{margin:0}
nav{background:#fff;border-radius:8px;padding:12px 24px;margin-bottom:24px;font-size:15px}
nav a{color:#33415C;margin-right:18px;text-decoration:none;display:inline-block;white-space:nowrap}nav a:hover{text-decoration:underline}
section{background:#fff;border-radius:8px;padding:28px 36px;margin-bottom:24px;box-shadow:0 1px 2px rgba(0,0,0,.06)}
section .label{text-transform:uppercase;letter-spacing:.08em;font-size:12px;color:#667;margin:0}
section h2{font-size:23px;line-height:1.35;margin:6px 0 14px}
ol.exec{list-style:none;padding:0;margin:0}
ol.exec li{border-left:5px solid #4E79A7;background:#f7f9fc;padding:10px 16px;margin:10px 0}
ol.exec li b{display:block;font-size:12px;text-transform:uppercase;letter-spacing:.06em;color:#4E79A7}
ul.bullets{padding-left:22px}ul.bullets li{margin:4px 0}
figure{margin:18px 0}figure img{width:100%;height:auto;border:1px solid #e6e6e6;border-radius:4px}
table{border-collapse:collapse;width:100%;margin:14px 0 4px;font-size:14px}
th{background:#33415C;color:#fff;text-align:left;padding:7px 10px;font-weight:600}
td{border-bottom:1px solid #e6e6e6;padding:6px 10px;vertical-align:top}
tr:nth-child(even) td{background:#fafbfc}
.r{text-align:right;white-space:nowrap}
p.note{font-size:13px;color:#666;font-style:italic;margin:4px 0 0}
.st{font-weight:700;border-radius:3px;padding:1px 6px;font-size:12px}
.PASS{background:#e3f4e6;color:#1e7b34}.WARN,.REVIEW{background:#fff3d6;color:#8a5a00}.FAIL{background:#fde2e1;color:#b42318}
footer{text-align:center;color:#888;font-size:13px;padding:8px 0 24px}
@media print{body{background:#fff}nav{display:none}section{box-shadow:none;break-inside:avoid-page}}
""".strip()


def _image(path: Path) -> str:
    data = base64.b64encode(Path(path).read_bytes()).decode("ascii")
    mime = "image/png" if Path(path).suffix.lower() == ".png" else "image/jpeg"
    return f'<figure><img alt="{escape(Path(path).stem.replace("_", " "))}" src="data:{mime};base64,{data}"></figure>'


def _table(table: ReportTable) -> str:
    head = "".join(
        f'<th class="{"r" if a == "right" else ""}">{escape(c)}</th>'
        for c, a in zip(table.columns, table.align, strict=True)
    )
    body = []
    for row in table.rows:
        cells = []
        for i, (cell, align) in enumerate(zip(row, table.align, strict=True)):
            text = escape(cell)
            if table.status_column == i:
                text = f'<span class="st {escape(cell.upper())}">{text}</span>'
            cells.append(f'<td class="{"r" if align == "right" else ""}">{text}</td>')
        body.append("<tr>" + "".join(cells) + "</tr>")
    note = f'<p class="note">{escape(table.note)}</p>' if table.note else ""
    return f"<table><thead><tr>{head}</tr></thead><tbody>{''.join(body)}</tbody></table>{note}"


def _section(section: ReportSection) -> str:
    parts = [
        f'<section id="{escape(section.key)}">',
        f'<p class="label">{"Appendix · " if section.appendix else ""}{escape(section.title)}</p>',
        f"<h2>{escape(section.headline)}</h2>",
    ]
    if section.bullets:
        parts.append('<ul class="bullets">' + "".join(f"<li>{escape(b)}</li>" for b in section.bullets) + "</ul>")
    for heading, text in section.paragraphs:
        parts.append(f"<h3>{escape(heading)}</h3><p>{escape(text)}</p>")
    parts.extend(_image(c) for c in section.charts if Path(c).is_file())
    if section.table is not None:
        parts.append(_table(section.table))
    parts.append("</section>")
    return "\n".join(parts)


def to_html(content: ReportContent) -> str:
    """The report as one HTML document string (UTF-8, self-contained)."""
    meta = (
        ("Data", content.data_name),
        ("Period", content.date_range),
        ("Model", content.model_type),
        ("Generated", content.generated),
    )
    nav = "".join(f'<a href="#{escape(s.key)}">{escape(s.title)}</a>' for s in content.sections)
    execs = "".join(f"<li><b>{escape(h.label)}</b>{escape(h.text)}</li>" for h in content.executive)
    return "\n".join(
        [
            "<!DOCTYPE html>",
            '<html lang="en"><head><meta charset="utf-8">',
            '<meta name="viewport" content="width=device-width, initial-scale=1">',
            f"<title>{escape(content.title)}</title>",
            f"<style>{_CSS}</style></head><body><main>",
            f'<header class="cover"><h1>{escape(content.title)}</h1><p class="subtitle">{escape(content.subtitle)}</p>',
            "<dl>" + "".join(f"<dt>{escape(k)}</dt><dd>{escape(v)}</dd>" for k, v in meta) + "</dl></header>",
            f'<nav><a href="#summary">Executive summary</a>{nav}</nav>',
            '<section id="summary"><p class="label">Executive summary</p>',
            f'<h2>What matters most</h2><ol class="exec">{execs}</ol></section>',
            *(_section(s) for s in content.sections),
            f"<footer>{escape(content.title)} · generated {escape(content.generated)} by mixwise</footer>",
            "</main></body></html>",
        ]
    )


def render_html(content: ReportContent, path: str | Path) -> Path:
    """Write the self-contained HTML report to ``path`` and return it."""
    path = Path(path)
    path.write_text(to_html(content), encoding="utf-8")
    return path
