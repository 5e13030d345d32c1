"""Schema extensions that guard the API against hostile queries.

Placeholder interface: api/schema.py calls ``schema_extensions()``; the
hardening work fills it (depth, aliases, tokens, cost, masking, caches).
"""


def schema_extensions() -> list:
    return []
