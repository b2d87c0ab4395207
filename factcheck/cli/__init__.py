"""The command-line interface (no Qt unless it opens the window)."""

from factcheck.cli.main import main

__all__ = ["main"]
