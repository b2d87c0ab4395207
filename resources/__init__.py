"""Icons and other files the window loads through importlib.resources."""
