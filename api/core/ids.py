"""Global ids in filters: decoded once, checked against the expected type."""

from __future__ import annotations

from collections.abc import Iterable

from strawberry import relay

from api.core.errors import bad_input


def decode_ids(ids: Iterable[relay.GlobalID] | None, type_name: str, argument: str) -> list[int]:
    pks = []
    for gid in ids or ():
        if gid.type_name != type_name:
            raise bad_input(f"'{argument}' takes {type_name} ids; got a {gid.type_name} id.")
        try:
            pks.append(int(gid.node_id))
        except ValueError:
            raise bad_input(f"'{argument}': {gid} is not a valid {type_name} id.") from None
    return pks
