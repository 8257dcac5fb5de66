"""Bulk writes in plain SQL: the rows Django's bulk_create and bulk_update would
write, without building a query per batch object by object.

Django's bulk_update writes thousands of rows as one UPDATE per batch with a
CASE WHEN id = ... THEN ... for every field and row, each case built and
resolved as an expression in Python (seconds for the record's import); its
bulk_create compiles every value of every object. Here the values are prepared
a column at a time (`get_db_prep_save`, as Django does, once per distinct value;
a column of plain strings, numbers or booleans is sent as it is) and sent as
plain statements: `UPDATE ... SET a = %s, b = %s WHERE id = %s` for each row, by one
executemany; `INSERT ... VALUES (...), (...) RETURNING id` in batches where the
new rows' ids are wanted, else one executemany. The statements pass through the
connection's cursor like any other (the page cache's version is raised by them,
resolutions/pagecache.py), inside the caller's transaction.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence

from django.db import connections, models, router
from django.db.models import NOT_PROVIDED, Model
from django.db.models.fields import AutoFieldMixin

# The most rows in one multi-row INSERT (where the database sets no lower limit).
BATCH = 2000


def _connection(model: type[Model]):
    return connections[router.db_for_write(model)]


# Fields that send a value of these kinds to the database as it is (their
# get_db_prep_save returns it unchanged): a column of such values is sent as it is.
UNCHANGED = {
    **dict.fromkeys([models.CharField, models.TextField, models.SlugField, models.URLField], str),
    **dict.fromkeys(
        [
            models.IntegerField,
            models.SmallIntegerField,
            models.BigIntegerField,
            models.PositiveIntegerField,
            models.PositiveSmallIntegerField,
            models.AutoField,
            models.BigAutoField,
        ],
        int,
    ),
    models.BooleanField: bool,
}


def _unchanged(field, column: Sequence) -> bool:
    """Whether `get_db_prep_save` gives every value of the column as it is."""
    target = field.target_field if type(field) is models.ForeignKey else field
    kind = UNCHANGED.get(type(target))
    if kind is None:
        return False
    kinds = set(map(type, column)) - {type(None)}
    if kind is int:  # (not a bool: True is an int to Python, not to PostgreSQL)
        return kinds <= {int}
    return all(issubclass(k, kind) for k in kinds)


def _prepared(field, column: Sequence, connection) -> Sequence:
    """The column's values as `field.get_db_prep_save` gives them to the database,
    each distinct value prepared once."""
    if _unchanged(field, column):
        return column
    prep = field.get_db_prep_save
    known: dict = {}
    values = []
    for value in column:
        try:
            key = (type(value), value)
            if key not in known:
                known[key] = prep(value, connection)
            values.append(known[key])
        except TypeError:  # a value that cannot be a key (a list, a dict)
            values.append(prep(value, connection))
    return values


def _rows(fields: Sequence, rows: Iterable[Sequence], connection) -> list[tuple]:
    """Rows of plain values, one per field, as the database is sent them
    (prepared a column at a time)."""
    rows = list(rows)
    return _from_columns(fields, list(zip(*rows, strict=True)) if rows else [], connection)


def _from_columns(fields: Sequence, columns: Sequence[Sequence], connection) -> list[tuple]:
    if not columns or not len(columns[0]):
        return []
    prepared = [_prepared(f, c, connection) for f, c in zip(fields, columns, strict=True)]
    return list(zip(*prepared, strict=True))


def insert(model: type[Model], fields: Sequence, rows: Iterable[Sequence]) -> int:
    """Insert rows of plain values (one per field of `fields`, model fields) by
    one executemany; their ids are not read back. The number of rows."""
    rows = list(rows)
    return insert_columns(model, fields, list(zip(*rows, strict=True)) if rows else [])


def insert_columns(model: type[Model], fields: Sequence, columns: Sequence[Sequence]) -> int:
    """`insert`, the values given a column (one per field) at a time."""
    connection = _connection(model)
    quote = connection.ops.quote_name
    prepared = _from_columns(fields, columns, connection)
    if not prepared:
        return 0
    names = ", ".join(quote(f.column) for f in fields)
    marks = ", ".join(["%s"] * len(fields))
    with connection.cursor() as cursor:
        cursor.executemany(
            f"INSERT INTO {quote(model._meta.db_table)} ({names}) VALUES ({marks})",  # noqa: S608
            prepared,
        )
    return len(prepared)


def returns_ids(model: type[Model]) -> bool:
    """Whether `insert_returning` can write rows of this model: a model with an
    automatic id and no database defaults, on a database that returns the ids of
    a multi-row insert (SQLite from 3.35, PostgreSQL)."""
    return (
        _connection(model).features.can_return_rows_from_bulk_insert
        and isinstance(model._meta.pk, AutoFieldMixin)
        and all(f.db_default is NOT_PROVIDED for f in model._meta.concrete_fields)
    )


def insert_returning(model: type[Model], fields: Sequence, rows: Sequence[Sequence]) -> list:
    """Insert rows of plain values (`returns_ids`), their ids in the order of the
    rows: `INSERT ... VALUES (...), (...) RETURNING id` in batches of the
    database's bulk batch size, at most BATCH (as Django's bulk_create reads
    them)."""
    connection = _connection(model)
    opts = model._meta
    prepared = _rows(fields, rows, connection)
    quote = connection.ops.quote_name
    table = quote(opts.db_table)
    columns = ", ".join(quote(f.column) for f in fields)
    one = "(" + ", ".join(["%s"] * len(fields)) + ")"
    size = max(1, min(BATCH, connection.ops.bulk_batch_size(list(fields), prepared)))
    ids: list = []
    with connection.cursor() as cursor:
        for start in range(0, len(prepared), size):
            batch = prepared[start : start + size]
            cursor.execute(
                f"INSERT INTO {table} ({columns}) VALUES {', '.join([one] * len(batch))} "  # noqa: S608
                f"RETURNING {table}.{quote(opts.pk.column)}",
                [value for row in batch for value in row],
            )
            returned = [row[0] for row in cursor.fetchall()]
            if len(returned) != len(batch):
                raise RuntimeError(f"{opts.db_table}: {len(returned)} ids for {len(batch)} rows")
            ids += returned
    return ids


def create(model: type[Model], objs: Sequence[Model]) -> list[Model]:
    """Insert new objects (without ids, of a model that `returns_ids`) and set
    their ids, as bulk_create does: each field's pre_save (auto_now and
    auto_now_add), related objects' ids taken, the rows by `insert_returning`."""
    if not objs:
        return []
    fields = [f for f in model._meta.concrete_fields if not f.primary_key]
    for obj in objs:
        obj._prepare_related_fields_for_save(operation_name="bulk_create")
    ids = insert_returning(model, fields, [[f.pre_save(obj, True) for f in fields] for obj in objs])
    alias = _connection(model).alias
    for obj, pk in zip(objs, ids, strict=True):
        obj.pk = pk
        obj._state.adding = False
        obj._state.db = alias
    return list(objs)


def update(model: type[Model], changes: Iterable[tuple[Model, Sequence[str]]]) -> int:
    """Write each object's named fields (attribute names or field names), as
    bulk_update does but one plain UPDATE per row: the rows that change the same
    fields by one executemany. The number of rows."""
    connection = _connection(model)
    opts = model._meta
    quote = connection.ops.quote_name
    groups: dict[tuple[str, ...], list[Model]] = defaultdict(list)
    for obj, names in changes:
        groups[tuple(names)].append(obj)
    written = 0
    with connection.cursor() as cursor:
        for names, objs in groups.items():
            if not names:
                continue
            fields = [opts.get_field(name) for name in names]
            setting = ", ".join(f"{quote(f.column)} = %s" for f in fields)
            cursor.executemany(
                f"UPDATE {quote(opts.db_table)} SET {setting} "  # noqa: S608
                f"WHERE {quote(opts.pk.column)} = %s",
                _rows(
                    [*fields, opts.pk],
                    ([*(getattr(o, f.attname) for f in fields), o.pk] for o in objs),
                    connection,
                ),
            )
            written += len(objs)
    return written
