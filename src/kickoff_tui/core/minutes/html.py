"""HTML minutes: one self-contained file for rich paste into Outlook, Confluence or a browser.

Every piece of user text goes through :func:`html.escape`, the page loads nothing from
outside, and a Content-Security-Policy forbids scripts and remote resources outright, as a
second line of defence. Tables carry ``border``/``cellpadding`` attributes as well as CSS
because a rich paste into a mail client keeps attributes more reliably than style sheets.
"""

from __future__ import annotations

from html import escape

from kickoff_tui.core.minutes.layout import (
    Bullets,
    Facts,
    Heading,
    Table,
    Tasks,
    TimeChart,
    actions_table,
    layout,
)
from kickoff_tui.core.minutes.model import Minutes, SectionMinutes, clock_text

_STYLE = """\
body { font-family: -apple-system, "Segoe UI", Helvetica, Arial, sans-serif; font-size: 14px;
       line-height: 1.4; color: #1f2328; max-width: 60em; margin: 1.5em auto; padding: 0 1em; }
h1 { font-size: 1.6em; margin-bottom: 0.3em; }
h2 { font-size: 1.25em; margin-top: 1.4em; border-bottom: 1px solid #d0d7de; }
h3 { font-size: 1.05em; margin-top: 1.1em; }
table { border-collapse: collapse; margin: 0.4em 0 0.8em; }
th, td { border: 1px solid #d0d7de; padding: 4px 8px; text-align: left; vertical-align: top; }
th { background: #f6f8fa; }
td, li { overflow-wrap: anywhere; }
table.facts th { background: none; border: none; padding: 1px 12px 1px 0; }
table.facts td { border: none; padding: 1px 0; }
svg.time-chart { display: block; margin: 0.4em 0 0.8em; }
"""

#: Geometry of the agenda chart (SVG user units = CSS pixels).
_CHART_LABEL = 230
_CHART_BARS = 330
_CHART_ROW = 26

_TABLE_ATTRS = 'border="1" cellspacing="0" cellpadding="4"'


def _text(value: str) -> str:
    """Escape user text; its line breaks become ``<br>``."""
    escaped = escape(value)
    return escaped.replace("\n", "<br>\n") if "\n" in escaped else escaped


def _table(block: Table, out: list[str]) -> None:
    out.append(f"<table {_TABLE_ATTRS}>")
    out.append("<thead><tr>" + "".join(f"<th>{_text(h)}</th>" for h in block.headers)
               + "</tr></thead>")
    out.append("<tbody>")
    for row in block.rows:
        out.append("<tr>" + "".join(f"<td>{_text(c)}</td>" for c in row) + "</tr>")
    out.append("</tbody></table>")


def time_chart(sections: tuple[SectionMinutes, ...]) -> str:
    """The agenda's time as an inline SVG: per section, the box (grey) and the time used
    (blue, red past the box), on one scale, with the figures written beside the bars."""
    scale_s = max([max(s.box_s, s.used_s) for s in sections] + [1.0])
    width = _CHART_LABEL + _CHART_BARS + 110
    height = _CHART_ROW * len(sections) + 24
    out = [
        f'<svg class="time-chart" xmlns="http://www.w3.org/2000/svg" width="{width}" '
        f'height="{height}" viewBox="0 0 {width} {height}" role="img" '
        'aria-label="Agenda: time planned against time used per section">',
        "<title>Agenda: time planned against time used per section</title>",
        '<g font-family="Helvetica, Arial, sans-serif" font-size="12" fill="#1f2328">',
        '<rect x="0" y="2" width="10" height="10" fill="#d0d7de"/>'
        '<text x="14" y="11">planned</text>'
        '<rect x="74" y="2" width="10" height="10" fill="#0969da"/>'
        '<text x="88" y="11">used</text>'
        '<rect x="128" y="2" width="10" height="10" fill="#cf222e"/>'
        '<text x="142" y="11">over the box</text>',
    ]
    for row, section in enumerate(sections):
        y = 22 + row * _CHART_ROW
        label = section.heading
        if len(label) > 34:
            label = label[:33] + "…"
        box_w = round(_CHART_BARS * section.box_s / scale_s, 1)
        used_w = round(_CHART_BARS * section.used_s / scale_s, 1)
        colour = "#cf222e" if section.over else "#0969da"
        figures = f"{clock_text(section.used_s)} / {clock_text(section.box_s)}"
        out.append(
            f'<text x="0" y="{y + 14}">{escape(label)}</text>'
            f'<rect x="{_CHART_LABEL}" y="{y}" width="{box_w}" height="18" fill="#d0d7de"/>'
            f'<rect x="{_CHART_LABEL}" y="{y + 5}" width="{used_w}" height="8" '
            f'fill="{colour}"/>'
            f'<text x="{_CHART_LABEL + max(box_w, used_w) + 6}" y="{y + 14}">'
            f"{escape(figures)}</text>"
        )
    out += ["</g>", "</svg>"]
    return "\n".join(out)


def _bullets(block: Bullets, out: list[str]) -> None:
    out.append("<ul>")
    for item in block.items:
        label = f"<strong>{escape(item.label)}:</strong> " if item.label else ""
        children = ""
        if item.children:
            children = "<ul>" + "".join(f"<li>{_text(c)}</li>" for c in item.children) + "</ul>"
        out.append(f"<li>{label}{_text(item.text)}{children}</li>")
    out.append("</ul>")


def render_html(m: Minutes) -> str:
    """Render the minutes as one self-contained, escaped HTML page.

    Args:
        m: the minutes, from :func:`~kickoff_tui.core.minutes.build_minutes`.

    Returns:
        A complete HTML5 document.
    """
    out = [
        "<!DOCTYPE html>",
        '<html lang="en">',
        "<head>",
        '<meta charset="utf-8">',
        '<meta http-equiv="Content-Security-Policy" '
        "content=\"default-src 'none'; style-src 'unsafe-inline'\">",
        f"<title>{escape(f'Minutes: {m.title}')}</title>",
        f"<style>\n{_STYLE}</style>",
        "</head>",
        "<body>",
    ]
    for block in layout(m):
        if isinstance(block, Heading):
            out.append(f"<h{block.level}>{escape(block.text)}</h{block.level}>")
        elif isinstance(block, Facts):
            out.append('<table class="facts">')
            out.extend(
                f"<tr><th>{escape(label)}</th><td>{_text(value)}</td></tr>"
                for label, value in block.rows
            )
            out.append("</table>")
        elif isinstance(block, Table):
            _table(block, out)
        elif isinstance(block, Tasks):
            _table(actions_table(block.actions), out)
        elif isinstance(block, Bullets):
            _bullets(block, out)
        elif isinstance(block, TimeChart):
            out.append(time_chart(block.sections))
    out += ["</body>", "</html>", ""]
    return "\n".join(out)
