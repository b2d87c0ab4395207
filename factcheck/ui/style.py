"""The window's few styles beyond the platform's own: headers, captions, hints and the panel."""

STYLE = """
#paneHeader { border-bottom: 1px solid palette(mid); background: palette(window); }
#paneKind { color: #5f6b76; font-size: 8pt; font-weight: 700; letter-spacing: 1px; }
#paneTitle { font-size: 11.5pt; font-weight: 600; }
#paneDetails { color: #5f6b76; }
#verdictPanel { background: palette(window); border: none; border-top: 1px solid palette(mid); }
#sentencePosition { font-weight: 600; }
#savedIndicator { color: #2E7D32; }
#caption { color: #5f6b76; font-weight: 600; font-size: 8.5pt; }
#hint { color: #6b7782; }
#scopeBanner { color: #6b5200; }
#emptyTitle { font-size: 15pt; font-weight: 600; }
#findBar { border-top: 1px solid palette(mid); }
"""
