"""The project file: SQLite schema, migrations and every query. No Qt here."""

from factcheck.store.project import Project, ProjectError

__all__ = ["Project", "ProjectError"]
