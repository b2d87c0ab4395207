"""The demo: one canonical source (000_…) and two rewrites of it with real distortions."""
