"""A row by its primary key, with the SQL built once per process and thread.

The ORM builds a query's SQL anew each time it runs: for a lookup by primary key
that costs several times the query itself (measured on SQLite: about 440 µs for
the user and 1,400 µs for a lesson page, against 80 and 200 µs this way). Two
lookups run on almost every request: the signed-in person (people.auth_backends)
and the page a URL leads to (lms.page_routes). For them the SQL and the value
converters are taken once from the ORM's own compiler for
`Model._base_manager.filter(pk=...)`, so they always match the model; each row
is converted and made an instance (`Model.from_db`) as the ORM itself does.
"""

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
    and thread, its integer parameters given anew for each run.

    `build(**parameters)` returns the queryset. It is built twice, with two sets
    of sentinel numbers (small enough for any integer column): the parameters
    that differ between the two are the slots, each run puts the real values
    there. A parameter the SQL does not carry as given (transformed, or unused),
    or a query that selects annotations, fails at preparation, never silently.
    Only for queries on a hot path whose SQL the ORM builds dearly (the
    heartbeat's read: two thirds of its time was building the query).
    """

    _SENTINELS = (29_873, 31_627)  # two odd numbers in a small integer's range

    def __init__(self, model, build, *names: str):
        self.model, self.build, self.names = model, build, names
        self._local = threading.local()

    def rows(self, **values: int) -> list[tuple]:
        if set(values) != set(self.names):
            raise TypeError(f"expected {self.names}, got {sorted(values)}")
        alias = router.db_for_read(self.model)
        prepared = getattr(self._local, "prepared", {})
        compiler, sql, params, slots, converters = prepared.get(alias) or self._prepare(
            alias
        )
        run_params = list(params)
        for index, name in slots:
            run_params[index] = int(values[name])
        with connections[alias].cursor() as cursor:
            cursor.execute(sql, run_params)
            rows = cursor.fetchall()
        if converters:
            rows = [tuple(row) for row in compiler.apply_converters(rows, converters)]
        return rows

    def _compiled(self, alias: str, base: int):
        sentinels = {name: base + 2 * number for number, name in enumerate(self.names)}
        query = self.build(**sentinels).using(alias).query
        if query.annotation_select or query.extra_select:
            raise RuntimeError("PreparedRows selects fields only, no annotations")
        compiler = query.get_compiler(alias)
        sql, params = compiler.as_sql()
        return compiler, sql, list(params), sentinels

    def _prepare(self, alias: str):
        compiler, sql, params, first = self._compiled(alias, self._SENTINELS[0])
        _compiler, other_sql, other_params, second = self._compiled(
            alias, self._SENTINELS[1]
        )
        by_first = {value: name for name, value in first.items()}
        slots = [
            (index, by_first.get(value))
            for index, (value, other) in enumerate(
                zip(params, other_params, strict=True)
            )
            if value != other
        ]
        if (
            sql != other_sql
            or any(name is None for _index, name in slots)
            or any(other_params[index] != second[name] for index, name in slots)
            or {name for _index, name in slots} != set(self.names)
        ):
            raise RuntimeError(
                f"a parameter of {self.names} is not in the SQL as given"
            )
        columns = [column for column, _sql, _alias in compiler.select]
        converters = compiler.get_converters(columns)
        prepared = (compiler, sql, tuple(params), slots, converters)
        if not hasattr(self._local, "prepared"):
            self._local.prepared = {}
        self._local.prepared[alias] = prepared
        return prepared
