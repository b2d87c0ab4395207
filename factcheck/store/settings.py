"""Project-wide settings: blind review (changed from the audit window) and who publishes the
team's fact checks (the export dialog, `factcheck settings`)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from factcheck.core.events import format_time, now
from factcheck.store.ledger import set_settings
from factcheck.store.project import Project

if TYPE_CHECKING:  # ClaimReview's machinery loads when a publisher is asked for, not at start-up
    from factcheck.core.claimreview import Publisher

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


ORGANISATION = "organisation"
BASE_URL = "base_url"


def publisher(project: Project) -> Publisher:
    """Who publishes the team's fact checks, and where: set once, kept in the project."""
    from factcheck.core.claimreview import Publisher

    return Publisher(project.setting(ORGANISATION) or "", project.setting(BASE_URL) or "")


def set_publisher(
    project: Project, by: str, organisation: str | None = None, base_url: str | None = None
) -> Publisher:
    """Change the organisation and/or the base URL (None leaves one as it is; "" clears it)."""
    from factcheck.core.claimreview import check_base_url

    values = {}
    if organisation is not None:
        values[ORGANISATION] = " ".join(organisation.split())
    if base_url is not None:
        values[BASE_URL] = check_base_url(base_url)
    stamp = f"{by} {format_time(now())}"
    with project.write() as conn:
        set_settings(conn, {**values, **{f"{key}_changed": stamp for key in values}})
    return publisher(project)
