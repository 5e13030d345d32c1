"""The floor: the benchmarked operations as hand-written SQL behind a bare WSGI app.

Served by the same gunicorn as our API (same workers, same HTTP stack), so the
difference between the two is the GraphQL layer. PostgreSQL builds the JSON; Python
wraps it with orjson without decoding it (``orjson.Fragment``). The treaty's parties
come from the same pure replay function the models use (the rule, not the API).

    FLOOR_DATABASE=<libpq conninfo> gunicorn tests.bench.floor_app:application
"""

from __future__ import annotations

import datetime as dt
import os

import orjson
import psycopg

from tests.bench import operations as ops
from timeline import treaty_status

_connection: psycopg.Connection | None = None


def _cursor() -> psycopg.Cursor:
    global _connection
    if _connection is None or _connection.closed:
        _connection = psycopg.connect(os.environ["FLOOR_DATABASE"], autocommit=True)
    return _connection.cursor()


def _json(sql: str, params: dict) -> orjson.Fragment:
    with _cursor() as cursor:
        cursor.execute(sql, params)
        row = cursor.fetchone()
    return orjson.Fragment(row[0] if row and row[0] is not None else "null")


def _treaty(params: dict):
    with _cursor() as cursor:
        cursor.execute(ops.FLOOR_TREATY, params)
        rows = cursor.fetchall()
    if not rows:
        return None
    name, kind, expires = rows[0][:3]
    facts, names = [], {}
    for _, _, _, action, actor_id, day, until, actor_name in rows:
        if action is None:
            continue
        facts.append(treaty_status.ActionFact(action, actor_id, day, until))
        names[actor_id] = actor_name
    as_of = dt.date.fromisoformat(params["asOf"])
    parties = treaty_status.replay(
        facts, as_of, bilateral=kind == "bilateral", expires=expires
    ).parties
    return {
        "name": name,
        "parties": [
            {"actor": {"name": names[actor]}, "status": state.status.upper(), "since": state.since}
            for actor, state in parties.items()
            if names.get(actor)
        ],
    }


HANDLERS = {
    "page": lambda p: {"events": _json(ops.FLOOR_PAGE, p)},
    "filtered": lambda p: {"events": _json(ops.FLOOR_FILTERED, p)},
    "treaty": lambda p: {"treaty": _treaty(p)},
    "search": lambda p: {"events": _json(ops.FLOOR_SEARCH, p)},
    "node": lambda p: {"node": _json(ops.FLOOR_NODE, p)},
}


def application(environ, start_response):
    try:
        size = int(environ.get("CONTENT_LENGTH") or 0)
        request = orjson.loads(environ["wsgi.input"].read(size))
        data = HANDLERS[request.pop("op")](request)
        body, status = orjson.dumps({"data": data}), "200 OK"
    except (KeyError, ValueError, orjson.JSONDecodeError) as exc:
        body, status = orjson.dumps({"errors": [{"message": repr(exc)}]}), "400 Bad Request"
    start_response(
        status, [("Content-Type", "application/json"), ("Content-Length", str(len(body)))]
    )
    return [body]
