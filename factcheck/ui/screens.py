"""Windows that fit the screen they open on: a laptop at 1024×600, or a scale factor of 2."""

from PySide6.QtCore import QByteArray, QRect, QSettings, Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QWidget

_FRAME_ROOM = (40, 60)
"""What the desktop's frame and panels may add around a window, in each direction."""


def fits_a_screen(frame: QRect) -> bool:
    """Whether a window with this frame lies wholly inside the available area of one screen."""
    screen = QGuiApplication.screenAt(frame.center())
    return screen is not None and screen.availableGeometry().contains(frame)


def fit_to_screen(window: QWidget, preferred: tuple[int, int]) -> None:
    """The first size: `preferred` where the screen has room for it (centred), else the whole of
    the screen's available area."""
    screen = window.screen() or QGuiApplication.primaryScreen()
    available = screen.availableGeometry()
    width, height = preferred
    if width + _FRAME_ROOM[0] <= available.width() and height + _FRAME_ROOM[1] <= available.height():
        window.resize(width, height)
        window.move(available.center() - window.rect().center())
    else:
        window.resize(available.size())
        window.move(available.topLeft())
        window.setWindowState(window.windowState() | Qt.WindowState.WindowMaximized)


def restore_geometry(window: QWidget, settings: QSettings, key: str, preferred: tuple[int, int]) -> None:
    """The geometry saved under `key` if it still fits a screen (the screen may be another one
    now, smaller or scaled), else a first size that fits."""
    geometry, frame = settings.value(f"{key}/geometry"), settings.value(f"{key}/frame")
    if isinstance(geometry, QByteArray) and isinstance(frame, QRect) and fits_a_screen(frame):
        window.restoreGeometry(geometry)
    else:
        fit_to_screen(window, preferred)


def save_geometry(window: QWidget, settings: QSettings, key: str) -> None:
    settings.setValue(f"{key}/geometry", window.saveGeometry())
    settings.setValue(f"{key}/frame", window.frameGeometry())
