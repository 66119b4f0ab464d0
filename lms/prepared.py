"""Reads whose SQL is built once per process and thread.

The ORM builds a query's SQL anew each time it runs. For the reads on every
signed-in page, that cost several times running the query (measured on SQLite:
about 440 µs for the user and 1,400 µs for a lesson page, against 80 and 200 µs
this way; 2.5 ms to build My classes' query, which runs in 0.07 ms).

`PrimaryKeyLookup` reads a row by its primary key: the signed-in person
(people.auth_backends) and the page a URL leads to (lms.page_routes). The SQL
and the value converters are taken once from the ORM's own compiler for
`Model._base_manager.filter(pk=...)`, so they always match the model; each row
is converted and made an instance (`Model.from_db`) as the ORM itself does.

`PreparedRows` runs one `values_list()` query that an app builds from its own
queryset (so the rule stays in that app), with new parameters each run;
`instance_from_row` makes an instance of the columns it read.
"""

import datetime as dt
import re
import threading

from django.db import connections, router


class PrimaryKeyLookup:
    """`lookup.get(pk)`: the instance of `model` with that key, or None."""

    def __init__(self, model):
        self.model = model
        # The compiler holds its thread's connection: one per thread.
        self._local = threading.local()

    def get(self, pk):
        alias = router.db_for_read(self.model)
        prepared = getattr(self._local, "prepared", {})
        compiler, sql, converters, attnames = prepared.get(alias) or self._prepare(
            alias
        )
        with connections[alias].cursor() as cursor:
            cursor.execute(sql, [pk])
            row = cursor.fetchone()
        if row is None:
            return None
        if converters:
            row = next(iter(compiler.apply_converters([row], converters)))
        return self.model.from_db(alias, attnames, row)

    def _prepare(self, alias: str):
        query = self.model._base_manager.using(alias).filter(pk=0).order_by().query
        compiler = query.get_compiler(alias)
        sql, params = compiler.as_sql()
        if list(params) != [0]:  # never: one placeholder, the key
            raise RuntimeError(f"unexpected parameters for {self.model}: {params}")
        columns = [column for column, _sql, _alias in compiler.select]
        converters = compiler.get_converters(columns)
        attnames = [field.attname for field in self.model._meta.concrete_fields]
        if len(columns) != len(attnames):  # never: the default select is the fields
            raise RuntimeError(f"unexpected columns for {self.model}")
        prepared = (compiler, sql, converters, attnames)
        if not hasattr(self._local, "prepared"):
            self._local.prepared = {}
        self._local.prepared[alias] = prepared
        return prepared


class PreparedRows:
    """The rows of one `values_list()` query whose SQL is built once per process
    and thread, its parameters given anew for each run.

    `build(**parameters)` returns the queryset. It is built twice, with two sets
    of sentinel values: the parameters that differ between the two are the
    slots, each run puts the real values there. Parameters are integers, but
    for the names given as `dates`, `times` or `texts`. A parameter the SQL does not
    carry as given (transformed, or unused) fails at preparation, never
    silently; so does a date or time the query took for itself (today, say),
    which would otherwise be kept for the life of the process. Annotations
    may be selected. Only for queries on a hot path whose SQL the ORM builds
    dearly (the heartbeat's read: two thirds of its time was building it).
    """

    _SENTINELS = (29_873, 31_627)  # two odd numbers in a small integer's range

    def __init__(
        self,
        model,
        build,
        *names: str,
        dates: tuple[str, ...] = (),
        times: tuple[str, ...] = (),
        texts: tuple[str, ...] = (),
    ):
        self.model, self.build = model, build
        self.kinds: dict[str, type] = {
            **dict.fromkeys(names, int),
            **dict.fromkeys(dates, dt.date),
            **dict.fromkeys(times, dt.time),
            **dict.fromkeys(texts, str),
        }
        self.names = tuple(self.kinds)
        self._local = threading.local()

    def rows(self, **values) -> list[tuple]:
        if set(values) != set(self.names):
            raise TypeError(f"expected {self.names}, got {sorted(values)}")
        alias = router.db_for_read(self.model)
        prepared = getattr(self._local, "prepared", {})
        compiler, sql, params, slots, converters = prepared.get(alias) or self._prepare(
            alias
        )
        connection = connections[alias]
        run_params = list(params)
        for index, name in slots:
            run_params[index] = self._adapted(connection, name, values[name])
        with connection.cursor() as cursor:
            cursor.execute(sql, run_params)
            rows = cursor.fetchall()
        if converters:
            rows = [tuple(row) for row in compiler.apply_converters(rows, converters)]
        return rows

    def _adapted(self, connection, name: str, value):
        """The value as the ORM puts it in the parameters for this database."""
        kind = self.kinds[name]
        if kind is dt.date:
            return connection.ops.adapt_datefield_value(value)
        if kind is dt.time:
            return connection.ops.adapt_timefield_value(value)
        if kind is str:
            return str(value)
        return int(value)

    def _sentinels(self, run: int) -> dict[str, int | str | dt.date | dt.time]:
        """Values for each name, distinct between names and between the runs."""
        sentinels: dict[str, int | str | dt.date | dt.time] = {}
        for number, (name, kind) in enumerate(self.kinds.items()):
            if kind is dt.date:
                sentinels[name] = dt.date(1901 + run, 1, 1) + dt.timedelta(number)
            elif kind is dt.time:
                sentinels[name] = dt.time(1 + run, number % 60, 37)
            elif kind is str:
                sentinels[name] = f"prepared-{run}-{number}"
            else:
                sentinels[name] = self._SENTINELS[run] + 2 * number
        return sentinels

    def _compiled(self, alias: str, run: int):
        sentinels = self._sentinels(run)
        query = self.build(**sentinels).using(alias).query
        compiler = query.get_compiler(alias)
        sql, params = compiler.as_sql()
        connection = connections[alias]
        adapted = {
            name: self._adapted(connection, name, value)
            for name, value in sentinels.items()
        }
        return compiler, sql, list(params), adapted

    def _prepare(self, alias: str):
        compiler, sql, params, first = self._compiled(alias, 0)
        _compiler, other_sql, other_params, second = self._compiled(alias, 1)
        by_first = {value: name for name, value in first.items()}
        slots = [
            (index, by_first.get(value))
            for index, (value, other) in enumerate(
                zip(params, other_params, strict=True)
            )
            if value != other
        ]
        slot_indexes = {index for index, _name in slots}
        if (
            sql != other_sql
            or any(name is None for _index, name in slots)
            or any(other_params[index] != second[name] for index, name in slots)
            or {name for _index, name in slots} != set(self.names)
        ):
            raise RuntimeError(
                f"a parameter of {self.names} is not in the SQL as given"
            )
        frozen = [
            value
            for index, value in enumerate(params)
            if index not in slot_indexes and _is_a_moment(value)
        ]
        if frozen:
            raise RuntimeError(
                f"the query took a date or time for itself ({frozen}): "
                "give it as a parameter"
            )
        columns = [column for column, _sql, _alias in compiler.select]
        converters = compiler.get_converters(columns)
        # The compiler selects in values_list()'s order, annotations included.
        prepared = (compiler, sql, tuple(params), slots, converters)
        if not hasattr(self._local, "prepared"):
            self._local.prepared = {}
        self._local.prepared[alias] = prepared
        return prepared


_MOMENT = re.compile(r"^(\d{4}-\d{2}-\d{2}|\d{2}:\d{2}(:\d{2})?)")


def _is_a_moment(value) -> bool:
    """A date, time or timestamp, as an object or as SQLite's text for one."""
    if isinstance(value, dt.date | dt.time):
        return True
    return isinstance(value, str) and bool(_MOMENT.match(value))


def instance_from_row(model, alias: str, names, values):
    """`model.from_db` with the fields named in any order (from_db takes them
    in the model's own order): an instance of a prepared row's columns, the
    other fields deferred, as `.only()` would give."""
    given = dict(zip(names, values, strict=True))
    ordered = [f.attname for f in model._meta.concrete_fields if f.attname in given]
    if len(ordered) != len(given):
        unknown = set(given) - set(ordered)
        raise ValueError(f"not fields of {model.__name__}: {sorted(unknown)}")
    return model.from_db(alias, ordered, [given[name] for name in ordered])
