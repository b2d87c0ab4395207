"""Errors that reach the user as one clear line (a dialog in the window, stderr on the command line)."""


class FactcheckError(Exception):
    """Something the user can fix; str() is the one line shown to them."""


class BadInput(FactcheckError):
    """A file, label, id or value given by the user that cannot be used as it is."""
