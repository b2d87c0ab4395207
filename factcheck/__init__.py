"""factcheck: review rewritten news articles sentence by sentence against their canonical source."""

from importlib.metadata import PackageNotFoundError, version

try:
    __version__ = version("factcheck")
except PackageNotFoundError:  # running from a source tree that was never installed
    __version__ = "0.0.0"

APP_ID = "org.factcheck.Factcheck"
"""The reverse-DNS id shared by the desktop entry, the AppStream metainfo and the running app."""
