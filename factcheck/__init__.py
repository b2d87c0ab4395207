"""factcheck: review rewritten news articles sentence by sentence against their canonical source."""

__version__ = "0.1.0"
"""The one place the version is written (pyproject.toml reads it from here)."""

APP_ID = "org.factcheck.Factcheck"
"""The reverse-DNS id shared by the desktop entry, the AppStream metainfo and the running app."""
