"""The window's few styles beyond the platform's own: headers, captions, hints, the panel, and a
visible ring around whatever has the keyboard (a border that only changes colour, so that moving
the focus never changes a widget's size or lays out its text again)."""

from factcheck.core.themes import Colours


def style_sheet(c: Colours) -> str:
    return f"""
#paneHeader {{ border-bottom: 1px solid palette(mid); background: palette(window); }}
#paneKind {{ color: {c.muted}; font-size: 8pt; font-weight: 700; letter-spacing: 1px; }}
#paneKind[focused="true"] {{ color: {c.focus}; }}
#paneTitle {{ font-size: 11.5pt; font-weight: 600; }}
#paneDetails {{ color: {c.muted}; }}
#verdictPanel {{ background: palette(window); border: none; border-top: 1px solid palette(mid); }}
#sentencePosition {{ font-weight: 600; }}
#savedIndicator {{ color: {c.saved}; }}
#caption {{ color: {c.muted}; font-weight: 600; font-size: 8.5pt; }}
#hint {{ color: {c.muted}; }}
#scopeBanner {{ color: {c.scope}; }}
#emptyTitle {{ font-size: 15pt; font-weight: 600; }}
#findBar {{ border-top: 1px solid palette(mid); }}
#sentenceList, #articleList, #omissions, #evidenceList, #noteEdit {{
    border: 2px solid palette(window); border-radius: 3px; }}
#sentenceList:focus, #articleList:focus, #omissions:focus, #evidenceList:focus, #noteEdit:focus {{
    border-color: {c.focus}; }}
#noteEdit {{ border-color: palette(mid); background: palette(base); }}
#paneFrame {{ border: 2px solid palette(window); }}
#paneFrame[focused="true"] {{ border-color: {c.focus}; }}
"""
