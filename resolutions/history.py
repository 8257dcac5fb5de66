"""The record's history (django-simple-history).

Every change to a vote record, its members' votes and its sources is stored as a
historical row holding the values after the change, when, the editor (for a change
made in the admin) and what made it: an editor, a review action, an article
attached, an import (with its file), the bundled load, or a restore. Code that
writes outside the admin's forms says what it is with `recorded_as(...)`; bulk
writes go through `bulk_create`, `insert` (rows of plain values) and `update` here
so that they are recorded too (in plain SQL: resolutions/bulk.py).

`changes_of(resolution)` reads it back as the vote page shows it: "How this record
changed", one entry per action, each change with its old and new value.
"""

from __future__ import annotations

import contextvars
import datetime as dt
import operator
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from types import SimpleNamespace

from django.conf import settings
from django.db import models, transaction
from django.dispatch import receiver
from django.utils import timezone
from simple_history.signals import pre_create_historical_record
from simple_history.utils import bulk_create_with_history

from . import bulk


class Change(models.TextChoices):
    EDITOR = "editor", "an editor"
    REVIEW = "review", "a review action"
    ARTICLE = "article", "an article attached"
    IMPORT = "import", "an import"
    BUNDLED = "bundled", "the bundled data"
    RESTORE = "restore", "a restore of an earlier version"
    OTHER = "other", "a change outside the admin"


_current: contextvars.ContextVar[tuple[str, str] | None] = contextvars.ContextVar(
    "history_change", default=None
)


@contextmanager
def recorded_as(kind: Change, detail: str = "") -> Iterator[None]:
    """Every change written inside is recorded as made by `kind` (with its detail:
    the imported file, the article's address...)."""
    token = _current.set((kind, detail[:300]))
    try:
        yield
    finally:
        _current.reset(token)


class ChangeOrigin(models.Model):
    """What the historical models add to the copied fields: what made the change."""

    change_kind = models.CharField(max_length=10, choices=Change.choices, default=Change.OTHER)
    change_detail = models.CharField(max_length=300, blank=True)

    class Meta:
        abstract = True


def current_origin(user=None) -> dict[str, str]:
    kind, detail = _current.get() or (Change.EDITOR if user else Change.OTHER, "")
    return {"change_kind": kind, "change_detail": detail}


@receiver(pre_create_historical_record)
def _mark_origin(sender, history_instance, history_user=None, **kwargs) -> None:
    for name, value in current_origin(history_user).items():
        setattr(history_instance, name, value)


def bulk_create(model: type[models.Model], objs: list, batch_size: int | None = None) -> list:
    """`model.objects.bulk_create(objs)`, recorded in the history: in plain SQL
    (resolutions/bulk.py) where it can be, else by django-simple-history."""
    if not objs:
        return []
    if not bulk.returns_ids(model) or any(obj.pk is not None for obj in objs):
        return bulk_create_with_history(
            objs, model, batch_size=batch_size, custom_historical_attrs=current_origin()
        )
    with transaction.atomic(savepoint=False):
        bulk.create(model, objs)
        _record(model, objs, "+")
    return objs


def insert(model: type[models.Model], names: list[str], rows: list[tuple]) -> None:
    """New rows of `model` given as plain values of the named fields (attribute
    names: `resolution_id`; the other fields take their defaults), inserted and
    recorded in the history as `bulk_create` would, without making a model
    object of each."""
    if not rows:
        return
    opts = model._meta
    fields = [f for f in opts.concrete_fields if not f.primary_key]
    given = {name: i for i, name in enumerate(names)}
    others = [f for f in fields if f.attname not in given]
    if not bulk.returns_ids(model) or any(getattr(f, "auto_now_add", False) for f in others):
        bulk_create(model, [model(**dict(zip(names, row, strict=True))) for row in rows])
        return
    defaults = {f.attname: f.get_default() for f in others}
    full = [
        [row[given[f.attname]] if f.attname in given else defaults[f.attname] for f in fields]
        for row in rows
    ]
    with transaction.atomic(savepoint=False):
        ids = bulk.insert_returning(model, fields, full)
        attnames = [f.attname for f in fields]
        pk = opts.pk.attname
        _record(
            model,
            [
                SimpleNamespace(**dict(zip(attnames, row, strict=True)), **{pk: id_})
                for row, id_ in zip(full, ids, strict=True)
            ],
            "+",
        )


def update(model: type[models.Model], changes: list[tuple[models.Model, list[str]]]) -> None:
    """Write each object's named fields (only those), and record each object in
    the history as it now is: one historical row per object, as
    django-simple-history's bulk_update_with_history writes them."""
    if not changes:
        return
    with transaction.atomic(savepoint=False):
        bulk.update(model, changes)
        _record(model, [obj for obj, _ in changes], "~")


def _record(model: type[models.Model], objs: list, history_type: str) -> None:
    """The historical rows of objects just written, as simple-history's
    bulk_history_create makes them (the tracked fields' values, the user and
    change reason of each object, what made the change), by one executemany;
    one moment for the rows of one call."""
    if not objs or not getattr(settings, "SIMPLE_HISTORY_ENABLED", True):
        return
    historical = model.history.model
    tracked = {f.attname for f in historical.tracked_fields}
    fixed = {
        "history_date": timezone.now(),
        "history_type": history_type,
        **current_origin(),
    }
    fields = [f for f in historical._meta.concrete_fields if f.attname != "history_id"]
    unknown = [
        f.attname
        for f in fields
        if f.attname not in tracked
        and f.attname not in fixed
        and f.attname not in ("history_user_id", "history_change_reason")
    ]
    if unknown:
        raise ValueError(f"{historical.__name__}: no value for {', '.join(unknown)}")

    # The user of the change: an object's own (`_history_user`), else the one
    # simple-history's getter gives (the signed-in user of the request, if any).
    first = next((obj for obj in objs if not hasattr(obj, "_history_user")), None)
    user = historical.get_default_history_user(first) if first is not None else None

    def column(name: str) -> list:
        if name in tracked:
            return list(map(operator.attrgetter(name), objs))
        if name == "history_user_id":
            return [getattr(getattr(o, "_history_user", user), "pk", None) for o in objs]
        if name == "history_change_reason":
            return [getattr(o, "_change_reason", None) or None for o in objs]
        if name == "history_date":  # an object's own moment, as simple-history allows
            return [getattr(o, "_history_date", fixed[name]) for o in objs]
        return [fixed[name]] * len(objs)

    bulk.insert_columns(historical, fields, [column(f.attname) for f in fields])


# --- Reading it back ---------------------------------------------------------------

# Fields whose change is the bookkeeping of another change, not a fact.
UNSHOWN = {"id", "slug", "created", "updated", "version", "resolution"}
# Changes made within this time by the same action are one entry.
SAME_ACTION = dt.timedelta(seconds=5)


@dataclass
class FieldChange:
    what: str
    old: str
    new: str


@dataclass
class Entry:
    """One action on the record: when, what made it, by whom, what it changed."""

    when: dt.datetime
    kind: str
    detail: str
    user: str
    until: dt.datetime | None = None  # its last change: the version to restore
    created: bool = False
    saves_record: bool = False
    changes: list[FieldChange] = field(default_factory=list)

    @property
    def kind_label(self) -> str:
        return Change(self.kind).label if self.kind in Change.values else self.kind


def shown(value, model_field) -> str:
    if value is None or value == "":
        return "—"
    if getattr(model_field, "choices", None):
        return str(dict(model_field.flatchoices).get(value, value))
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, dt.date):
        return value.isoformat()
    return str(value)


def field_changes(model, old, new, label: str = "") -> list[FieldChange]:
    """What changed between two historical rows of one object, field by field."""
    changes = []
    for model_field in model._meta.concrete_fields:
        name = model_field.attname
        if model_field.name in UNSHOWN or name in UNSHOWN:
            continue
        before = getattr(old, name) if old is not None else None
        after = getattr(new, name) if new is not None else None
        if before != after:
            what = f"{label}{model_field.verbose_name}"
            changes.append(FieldChange(what, shown(before, model_field), shown(after, model_field)))
    return changes


def _pairs(rows, key: str = "id") -> Iterator[tuple[object | None, object]]:
    """Each historical row with the previous row of the same object (or, for
    votes, of the same member's vote)."""
    last: dict[object, object] = {}
    for row in rows:
        yield last.get(getattr(row, key)), row
        last[getattr(row, key)] = row


def changes_of(resolution, names: dict[str, str], with_users: bool) -> list[Entry]:
    """The record's history, newest first: three queries (four with the editors'
    names, for staff)."""
    from .models import Resolution, Source, Vote

    def rows(model, **where):
        query = model.history.filter(**where).order_by("history_date", "history_id")
        return list(query.select_related("history_user") if with_users else query)

    # (historical row, its changes, whether it created the record)
    events: list[tuple[object, list[FieldChange], bool]] = []
    for old, new in _pairs(rows(Resolution, id=resolution.pk)):
        created = new.history_type == "+"
        changes = [] if created else field_changes(Resolution, old, new)
        if created or changes:
            events.append((new, changes, created))
    for old, new in _pairs(rows(Vote, resolution_id=resolution.pk), key="member_id"):
        member = names.get(new.member_id, new.member_id)
        before = old.position if old is not None and old.history_type != "-" else None
        after = None if new.history_type == "-" else new.position
        if before != after:
            position = Vote._meta.get_field("position")
            change = FieldChange(
                f"{member}'s vote", shown(before, position), shown(after, position)
            )
            events.append((new, [change], False))
    for old, new in _pairs(rows(Source, resolution_id=resolution.pk)):
        if new.history_type == "+":
            title = new.title or new.url or new.get_kind_display()
            events.append((new, [FieldChange("source added", "—", title)], False))
        elif new.history_type == "-":
            removed = FieldChange("source removed", new.title or new.url, "—")
            events.append((new, [removed], False))
        else:
            label = f"source “{new.title or new.url}”: "
            events.append((new, field_changes(Source, old, new, label), False))
    return _grouped(events, with_users)


def changes_since(resolution, version: int) -> list[Entry]:
    """The actions on the record after the save that gave it `version`, oldest
    first, with the editors' names (for an editor whose form is out of date)."""
    from .models import MemberState

    opened = (
        resolution.history.filter(version__lte=version)
        .order_by("-history_date", "-history_id")
        .values_list("history_date", flat=True)
        .first()
    )
    names = dict(MemberState.objects.values_list("code", "name"))
    entries = changes_of(resolution, names, with_users=True)
    return [e for e in reversed(entries) if opened is None or e.when > opened]


def _grouped(events, with_users: bool) -> list[Entry]:
    entries: list[Entry] = []
    for row, changes, created in sorted(events, key=lambda e: e[0].history_date):
        user = ""
        if with_users and row.history_user_id:
            user = row.history_user.get_username()
        last = entries[-1] if entries else None
        # An action saves the record at most once: a second save of it is the next.
        is_record = type(row).__name__ == "HistoricalResolution"
        same = (
            last is not None
            and (last.kind, last.detail, last.user) == (row.change_kind, row.change_detail, user)
            and row.history_date - last.when <= SAME_ACTION
            and not (is_record and last.saves_record)
        )
        if not same:
            last = Entry(row.history_date, row.change_kind, row.change_detail, user)
            entries.append(last)
        last.saves_record = last.saves_record or is_record
        last.created = last.created or created
        last.until = row.history_date
        if not last.created:
            _merge(last.changes, changes)
    for entry in entries:
        entry.changes = [c for c in entry.changes if c.old != c.new]
    return list(reversed(entries))


def _merge(changes: list[FieldChange], more: list[FieldChange]) -> None:
    """Within one action a fact changed twice (a vote deleted and written again by
    an import) is one change, from its first old value to its last new one."""
    for change in more:
        earlier = next((c for c in changes if c.what == change.what), None)
        if earlier is None:
            changes.append(FieldChange(change.what, change.old, change.new))
        else:
            earlier.new = change.new


# --- Restoring a version -------------------------------------------------------------


@dataclass
class Version:
    """The record, its votes and its sources as they stood at one moment."""

    fields: dict[str, object]
    votes: dict[str, str]  # member code -> position
    sources: list[dict[str, object]]


def _as_of(model, moment: dt.datetime, **where) -> list:
    """The objects of `model` present at `moment`: the last historical row of each."""
    latest: dict[int, object] = {}
    rows = model.history.filter(history_date__lte=moment, **where)
    for row in rows.order_by("history_date", "history_id"):
        latest[row.id] = row
    return [row for row in latest.values() if row.history_type != "-"]


SOURCE_FIELDS = ["kind", "url", "title", "outlet", "date", "quote"]


def version_at(resolution, moment: dt.datetime) -> Version | None:
    from .models import Resolution, Source, Vote

    record = _as_of(Resolution, moment, id=resolution.pk)
    if not record:
        return None
    fields = {
        f.attname: getattr(record[0], f.attname)
        for f in Resolution._meta.concrete_fields
        if f.name not in UNSHOWN
    }
    votes = {
        row.member_id: row.position for row in _as_of(Vote, moment, resolution_id=resolution.pk)
    }
    sources = [
        {name: getattr(row, name) for name in SOURCE_FIELDS}
        for row in _as_of(Source, moment, resolution_id=resolution.pk)
    ]
    return Version(fields, votes, sources)


def restore(resolution, version: Version) -> None:
    """Write `version` back: the record's fields, then its votes and sources, each
    change through save() or delete() so that the restore is itself recorded. The
    caller holds the transaction and says `recorded_as(Change.RESTORE, ...)`."""
    from .models import Source, Vote

    for name, value in version.fields.items():
        setattr(resolution, name, value)
    resolution.save()
    current = {vote.member_id: vote for vote in resolution.votes.all()}
    for code, vote in current.items():
        if code not in version.votes:
            vote.delete()
        elif vote.position != version.votes[code]:
            vote.position = version.votes[code]
            vote.save()
    for code, position in version.votes.items():
        if code not in current:
            Vote.objects.create(resolution=resolution, member_id=code, position=position)
    wanted = [tuple(s[name] for name in SOURCE_FIELDS) for s in version.sources]
    for source in resolution.sources.all():
        key = tuple(getattr(source, name) for name in SOURCE_FIELDS)
        if key in wanted:
            wanted.remove(key)
        else:
            source.delete()
    for key in wanted:
        Source.objects.create(resolution=resolution, **dict(zip(SOURCE_FIELDS, key, strict=True)))
