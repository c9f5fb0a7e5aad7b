"""A small collection read in the same query as the rows it belongs to.

Prefetching costs one query per collection. For the handful of child rows a page shows per
parent (an activity's photos, a concern's replies) a correlated subquery that returns them as a
JSON list costs none: `json_rows` builds that subquery for an annotation, and `from_json` turns
each list back into unsaved model instances whose values went through their fields, as if read
from the database (dates are dates again). Works on PostgreSQL and SQLite.
"""

import datetime

from django.db.models import Aggregate, DateTimeField, JSONField, OuterRef, QuerySet, Subquery
from django.db.models.functions import JSONObject


class JSONList(Aggregate):
    """The aggregated values as a JSON array."""

    function = "JSONB_AGG"  # PostgreSQL: jsonb, which Django reads back as JSON text
    output_field = JSONField()

    def as_sqlite(self, compiler, connection, **extra_context):
        return super().as_sql(compiler, connection, function="JSON_GROUP_ARRAY", **extra_context)


def json_rows(queryset: QuerySet, *, parent: str, fields: list[str], outer: str = "pk") -> Subquery:
    """For an annotation: the rows of `queryset` whose `parent` (a lookup, e.g. "activity") is
    the annotated row's `outer` field, as a JSON list of objects with `fields` (a lookup one
    relation deep, like "author__name", becomes that related object in `from_json`)."""
    rows = (
        queryset.filter(**{parent: OuterRef(outer)})
        .order_by()
        .values(parent)
        .annotate(rows=JSONList(JSONObject(**{field: field for field in fields})))
        .values("rows")
    )
    return Subquery(rows, output_field=JSONField())


def _value(field, value):
    if value is None:
        return None
    value = field.to_python(value)
    if isinstance(field, DateTimeField) and value.tzinfo is None:
        # SQLite writes the stored UTC time without its offset.
        value = value.replace(tzinfo=datetime.UTC)
    return value


def _instance(model, values: dict):
    fields, related = {}, {}
    for key, value in values.items():
        name, _sep, rest = key.partition("__")
        field = model._meta.get_field(name)
        if rest:
            related.setdefault(field, {})[rest] = value
        else:
            fields[field.attname] = _value(field, value)
    for field, nested in related.items():
        # The related object's key is the key the row holds (setting the object sets both).
        key = field.target_field.name
        if key not in nested and fields.get(field.attname) is not None:
            nested[key] = fields[field.attname]
    instance = model(**fields)
    for field, nested in related.items():
        # Set as the related object, so reading it costs no query.
        setattr(instance, field.name, _instance(field.related_model, nested))
    return instance


def from_json(model, rows: list[dict] | None, *, order_by: tuple[str, ...] = ()) -> list:
    """The JSON rows of `json_rows` as unsaved `model` instances, sorted by the fields
    `order_by` (None first). Read them, never save them."""
    objects = [_instance(model, row) for row in rows or []]
    if order_by:
        objects.sort(key=lambda obj: tuple(_sortable(getattr(obj, name)) for name in order_by))
    return objects


def _sortable(value):
    return (value is not None, value)


def read_along(instance, annotation: str, model, stored: QuerySet, *, order_by=()) -> list:
    """A collection of `instance`: from its JSON `annotation` when the query that read the
    instance brought it along (`json_rows`), else `stored` (a queryset, read only then)."""
    if hasattr(instance, annotation):
        return from_json(model, getattr(instance, annotation), order_by=order_by)
    return list(stored)
