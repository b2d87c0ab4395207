"""The strip above each pane: which article it is, and for the source, where it was published."""

from urllib.parse import urlsplit

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QGuiApplication, QPaintEvent, QResizeEvent
from PySide6.QtWidgets import QHBoxLayout, QLabel, QSizePolicy, QToolButton, QVBoxLayout, QWidget

from factcheck.core.article import Article
from factcheck.ui import palette
from factcheck.ui.style import paint_divider, set_text_colour, styled


class PaneHeader(QWidget):
    def __init__(self, kind: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("paneHeader")
        self.kind = styled(QLabel(kind.upper()), "paneKind")
        self.title = styled(ElidedLabel(), "paneTitle")
        self.details = styled(QLabel(), "paneDetails")
        self.details.setWordWrap(True)
        # The address is text to read and copy, never a link: nothing is fetched or opened.
        self.details.setTextFormat(Qt.TextFormat.PlainText)
        self.details.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.address = ""
        self.copy = QToolButton()
        self.copy.setText(self.tr("Copy address"))
        self.copy.setAutoRaise(True)
        self.copy.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.copy.setAccessibleName(self.tr("Copy the source's address"))
        self.copy.clicked.connect(lambda: QGuiApplication.clipboard().setText(self.address))
        details_row = QHBoxLayout()
        details_row.setSpacing(6)
        details_row.addWidget(self.details, 1)
        details_row.addWidget(self.copy)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(14, 8, 14, 6)
        layout.setSpacing(1)
        layout.addWidget(self.kind)
        layout.addWidget(self.title)
        layout.addLayout(details_row)

    def show_focus(self, focused: bool) -> None:
        """The pane below has the keyboard: say so in its name, in the focus colour."""
        set_text_colour(self.kind, palette.FOCUS if focused else palette.MUTED)

    def paintEvent(self, event: QPaintEvent) -> None:
        paint_divider(self, top=False)

    def show_article(self, article: Article | None, details: str = "") -> None:
        self.title.set_full_text(article.title if article else "")
        self.details.setText(details)
        self.details.setVisible(bool(details))
        # The original's address can be read and copied; it is never opened or fetched from here.
        self.address = article.url if article else ""
        self.copy.setVisible(bool(self.address))
        self.copy.setToolTip(self.address)
        self.details.setToolTip(self.address)


class ElidedLabel(QLabel):
    """One line, cut with "…" when the pane is narrow (the whole text in its tooltip): a long
    title must not take the lines the article needs on a small screen."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._full = ""
        self.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)

    def set_full_text(self, text: str) -> None:
        self._full = text
        self.setToolTip(text)
        self.setAccessibleName(text)
        self._elide()

    def full_text(self) -> str:
        return self._full

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._elide()

    def _elide(self) -> None:
        self.setText(self.fontMetrics().elidedText(self._full, Qt.TextElideMode.ElideRight, self.width()))


def source_details(source: Article) -> str:
    """Where and when the source was published: "scmp.com · 2026-06-24 · en"."""
    parts = []
    url = source.url
    if url:
        parts.append(urlsplit(url).netloc.removeprefix("www."))
    published = source.metadata.get("published_at")
    if isinstance(published, str) and published:
        parts.append(published[:10])
    if source.lang:
        parts.append(source.lang)
    return " · ".join(p for p in parts if p)


def rewrite_details(
    rewrite: Article,
    reviewed: int,
    to_review: int,
    revises: int | None = None,
    recheck: tuple[int, int] = (0, 0),
) -> str:
    """The rewrite's file, version and progress; for a revision, the version it revises and how
    many of the sentences changed since are checked (`recheck`: checked, to check)."""

    def tr(text: str) -> str:
        return QCoreApplication.translate("PaneHeader", text)

    parts = [rewrite.file_name]
    if revises is not None:
        parts.append(tr("v%d · %d / %d changed checked") % (rewrite.version, *recheck))
    elif rewrite.version > 1:
        parts.append(tr("version %d") % rewrite.version)
    parts.append(tr("%d / %d reviewed") % (reviewed, to_review))
    left_out = len(rewrite.sentences) - to_review
    if left_out:
        parts.append(tr("%d left out (boilerplate)") % left_out)
    return " · ".join(parts)
