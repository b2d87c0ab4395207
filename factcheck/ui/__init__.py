"""The window: Qt widgets, item models, undo commands and dialogs."""
