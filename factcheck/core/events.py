"""Decision events: the append-only history from which every current verdict is derived.

Each event carries the whole state it leaves behind, so the current verdict of a (sentence,
reviewer) is simply its latest event. Events written in one project file form a hash chain
(`prev_hash` → `hash`), so any edit of history behind the app's back is detectable, and merging
project files is a union of events that keeps every origin's chain intact.
"""

import json
import os
import re
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from hashlib import sha256

from factcheck.core.error_types import ErrorType
from factcheck.core.errors import BadInput
from factcheck.core.labels import Verdict
from factcheck.core.review import DecisionKind, Span, VerdictState, Via

GENESIS = ""
"""The `prev_hash` of the first event of an origin."""

FUTURE_TOLERANCE = timedelta(days=1)
"""How far ahead of this machine's clock a decision may be dated (another machine's clock, a time
zone written wrong). The latest decision counts, so one dated far ahead would outvote every later
one until that date came."""


@dataclass(frozen=True, slots=True)
class Event:
    id: str
    """Globally unique (a random UUID)."""
    origin: str
    """The random id of the project file the event was first written in."""
    seq: int
    """The event's place in its origin's chain: 1, 2, 3, …"""
    kind: DecisionKind
    sentence_id: str
    reviewer: str
    state: VerdictState
    """The reviewer's whole decision on the sentence after this event."""
    previous_label: Verdict | None
    via: Via
    decided_at: str
    """When the decision was made: ISO 8601 in UTC with microseconds, e.g. 2026-11-22T09:30:00.000001Z."""
    prev_hash: str
    """The hash of the previous event of the same origin (GENESIS for the first)."""
    hash: str
    suggestion: Verdict | None = None
    """The evidence assistant's suggestion on screen when a verdict was given (None: there was none)."""
    carried_from: str | None = None
    """For a decision carried over to a revised rewrite (via CARRIED): the id of the previous
    version's sentence it was made on."""


NO_SPANS = "[]"
"""`evidence_json(())`: the stored form of no spans (and of no error types)."""


def evidence_json(evidence: tuple[Span, ...]) -> str:
    if not evidence:  # most decisions: a million of them are read back in one import
        return NO_SPANS
    return json.dumps([list(span) for span in evidence], separators=(",", ":"))


def evidence_from_json(text: str) -> tuple[Span, ...]:
    return tuple((int(start), int(end)) for start, end in json.loads(text))


def error_types_json(types: tuple[ErrorType, ...]) -> str:
    if not types:
        return NO_SPANS
    return json.dumps([t.value for t in types], separators=(",", ":"))


def error_types_from_json(text: str) -> tuple[ErrorType, ...]:
    return tuple(ErrorType(value) for value in json.loads(text))


def event_hash(
    *,
    id: str,
    origin: str,
    seq: int,
    kind: str,
    sentence_id: str,
    reviewer: str,
    label: str | None,
    previous_label: str | None,
    evidence: str,
    note: str,
    included: bool | None,
    via: str,
    decided_at: str,
    prev_hash: str,
    suggestion: str | None = None,
    problems: str | None = NO_SPANS,
    error_types: str | None = NO_SPANS,
    correction: str | None = "",
    carried_from: str | None = None,
) -> str:
    """The chain hash of an event: SHA-256 over its fields in a fixed canonical form.

    Fields added by later versions are hashed only when set, so older events keep their hashes:
    `suggestion` is appended when there is one; then, when any of the correction loop's fields
    (problem spans, error types, correction, the sentence a decision was carried from) differs
    from its default, one object holding all four by name, which no other field can be mistaken
    for. Spans and types are hashed as the JSON text stored.
    """
    fields = [
        id,
        origin,
        seq,
        kind,
        sentence_id,
        reviewer,
        label,
        previous_label,
        evidence,
        note,
        included,
        via,
        decided_at,
        prev_hash,
    ]
    if suggestion is not None:
        fields.append(suggestion)
    if problems != NO_SPANS or error_types != NO_SPANS or correction != "" or carried_from is not None:
        fields.append(
            {
                "problems": problems,
                "error_types": error_types,
                "correction": correction,
                "carried_from": carried_from,
            }
        )
    canonical = json.dumps(fields, ensure_ascii=False, separators=(",", ":"))
    return sha256(canonical.encode("utf-8")).hexdigest()


def random_id() -> str:
    """A random (version 4) UUID in hex, as `uuid.uuid4().hex` writes one, without making the
    UUID object (a million of them are a second of a verdict import)."""
    n = int.from_bytes(os.urandom(16), "big")
    n = n & ~(0xC000 << 48) | 0x8000 << 48  # the RFC 4122 variant
    n = n & ~(0xF000 << 64) | 4 << 76  # version 4
    return f"{n:032x}"


def new_event(
    *,
    origin: str,
    seq: int,
    prev_hash: str,
    sentence_id: str,
    reviewer: str,
    kind: DecisionKind,
    before: VerdictState,
    after: VerdictState,
    via: Via,
    decided_at: str,
    suggestion: Verdict | None = None,
    carried_from: str | None = None,
) -> Event:
    """A new event that turns `before` into `after`, chained after `prev_hash`."""
    event_id = random_id()
    digest = event_hash(
        id=event_id,
        origin=origin,
        seq=seq,
        kind=kind.value,
        sentence_id=sentence_id,
        reviewer=reviewer,
        label=after.label.value if after.label else None,
        previous_label=before.label.value if before.label else None,
        evidence=evidence_json(after.evidence),
        note=after.note,
        included=after.included,
        via=via.value,
        decided_at=decided_at,
        prev_hash=prev_hash,
        suggestion=suggestion.value if suggestion else None,
        problems=evidence_json(after.problems),
        error_types=error_types_json(after.error_types),
        correction=after.correction,
        carried_from=carried_from,
    )
    return Event(
        id=event_id,
        origin=origin,
        seq=seq,
        kind=kind,
        sentence_id=sentence_id,
        reviewer=reviewer,
        state=after,
        previous_label=before.label,
        via=via,
        decided_at=decided_at,
        prev_hash=prev_hash,
        hash=digest,
        suggestion=suggestion,
        carried_from=carried_from,
    )


_FORMAT = "%Y-%m-%dT%H:%M:%S.%fZ"


def format_time(moment: datetime) -> str:
    """ISO 8601 in UTC with microseconds and a `Z`, which sorts as text in time order."""
    return moment.astimezone(UTC).strftime(_FORMAT)


def now() -> datetime:
    return datetime.now(UTC)


def stored_time(text: str) -> datetime:
    """A time as stored (`format_time`) back as an aware datetime."""
    return datetime.strptime(text, _FORMAT).replace(tzinfo=UTC)


def next_time(moment: datetime, last: str | None) -> str:
    """`moment` as text, nudged past `last` so that one origin's events never share a time."""
    text = format_time(moment)
    if last is not None and text <= last:  # the stored form sorts as text in time order
        text = format_time(stored_time(last) + timedelta(microseconds=1))
    return text


_STORED = re.compile(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{6}Z")
"""The stored form of a time (`format_time`)."""


def parse_time(text: str) -> str:
    """A user-given ISO 8601 time (a naive one is taken as UTC) in the stored form, or BadInput."""
    shown = text if len(text) <= 40 else f"{text[:40]}…"
    try:
        if _STORED.fullmatch(text):  # as exported: only its date needs checking
            datetime.fromisoformat(text[:-1])
            return text
        moment = datetime.fromisoformat(text.strip().replace("Z", "+00:00"))
        if moment.tzinfo is None:
            moment = moment.replace(tzinfo=UTC)
        return format_time(moment)
    except ValueError:
        raise BadInput(f"not an ISO 8601 time: {shown!r}") from None
    except OverflowError:  # 9999-12-31T23:59:59-05:00 is in the year 10000 in UTC
        raise BadInput(f"the time {shown!r} is out of range") from None
