"""A queryset compiled once, run again with other values (issue 13).

Building a queryset and compiling it to SQL costs more than running a small
query. For a statement whose shape never changes (only the values do), the SQL
text with its placeholders is compiled once per process and database (it is
code, not content) and each call runs it with the values of the moment; the rows
are read fresh every time and turned into model objects as Django's
`ModelIterable` does (converters, `select_related`, annotations).

`build(**markers)` returns the queryset; each marker is a value (a string or an
integer) that appears as such among the compiled parameters, where the call's
value goes."""

from django.db import connections, router
from django.db.models.query import get_related_populators


class CompiledQuery:
    def __init__(self, model, build, **markers):
        self.model = model
        self.build = build
        self.markers = markers
        self._memo = {}

    def _compile(self, using):
        queryset = self.build(**self.markers)
        compiler = queryset.query.get_compiler(using)
        sql, params = compiler.as_sql()
        positions = {}
        for name, marker in self.markers.items():
            found = tuple(
                index for index, param in enumerate(params) if type(param) is type(marker) and param == marker
            )
            if not found:
                raise ValueError(f"{name} is not among the compiled parameters")
            positions[name] = found
        entry = (sql, tuple(params), positions, compiler.select, compiler.klass_info, compiler.annotation_col_map)
        self._memo[using] = entry
        return entry

    def __call__(self, using=None, **values):
        using = using or router.db_for_read(self.model)
        entry = self._memo.get(using) or self._compile(using)
        sql, params, positions, select, klass_info, annotation_col_map = entry
        params = list(params)
        for name, indexes in positions.items():
            for index in indexes:
                params[index] = values[name]
        connection = connections[using]
        with connection.cursor() as cursor:
            cursor.execute(sql, params)
            rows = cursor.fetchall()
        converters = []
        for index, (expression, _sql, _alias) in enumerate(select):
            functions = connection.ops.get_db_converters(expression) + expression.get_db_converters(connection)
            if functions:
                converters.append((index, functions, expression))
        model = klass_info["model"]
        fields = klass_info["select_fields"]
        start, end = fields[0], fields[-1] + 1
        names = [column[0].target.attname for column in select[start:end]]
        populators = get_related_populators(klass_info, select, using)
        objects = []
        for row in rows:
            if converters:
                row = list(row)
                for index, functions, expression in converters:
                    value = row[index]
                    for function in functions:
                        value = function(value, expression, connection)
                    row[index] = value
            obj = model.from_db(using, names, row[start:end])
            for populator in populators:
                populator.populate(row, obj)
            for name, position in annotation_col_map.items():
                setattr(obj, name, row[position])
            objects.append(obj)
        return objects
