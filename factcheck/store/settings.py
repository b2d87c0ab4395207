"""Project-wide settings a team lead changes from the audit window."""

from factcheck.core.events import format_time, now
from factcheck.store.ledger import set_settings
from factcheck.store.project import Project

BLIND_REVIEW = "blind_review"


def blind_review(project: Project) -> bool:
    """While on, reviewers do not see other reviewers' verdicts on sentences they have not decided."""
    return project.setting(BLIND_REVIEW) == "on"


def set_blind_review(project: Project, on: bool, by: str) -> None:
    with project.write() as conn:
        set_settings(
            conn,
            {BLIND_REVIEW: "on" if on else "off", f"{BLIND_REVIEW}_changed": f"{by} {format_time(now())}"},
        )
