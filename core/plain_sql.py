"""Model instances from plain SQL, for the few queries on every page's hot path.

Compiling an ORM query costs this machine about a millisecond, often more than running
it, and a page view asks a dozen. Where the ORM's query is fixed and small (the menu, the
banner snippets, permissions, restrictions), the SQL is written once from the models'
table and column names and the rows are made into instances as the ORM would
(``Model.from_db``: fields not read are deferred, and load if touched).

The database's values are taken as they come: no field's ``from_db_value`` runs. That is
right for the plain columns read here (integers, text, and booleans, which SQLite gives as
0 and 1 and Python compares alike); a JSON, date or UUID column would need converting.
"""

from django.db import connection


def fields_of(model, names):
    """``(attnames, columns)`` of ``names``, in the model's field order (``from_db``'s)."""
    wanted = set(names)
    fields = [field for field in model._meta.concrete_fields if field.attname in wanted]
    missing = wanted - {field.attname for field in fields}
    if missing:
        raise ValueError(f"{model.__name__} has no columns {sorted(missing)}")
    return tuple(field.attname for field in fields), tuple(field.column for field in fields)


def instance(model, attnames, row):
    """A ``model`` loaded from ``row`` (values in the order of ``attnames``)."""
    return model.from_db(connection.alias, attnames, row)
