"""Global ids: the one place their node part is checked and decoded.

Every record id is ``base64("<Type>:<primary key>")``. A node part that is not a
primary key (``Event:abc``, ``Event:``, ``Event:-1``, a NUL byte, 25 digits) is
the client's mistake and answers ``BAD_USER_INPUT``; before, it reached the
database as a string and came back as an internal error.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Any

from strawberry import relay
from strawberry.extensions import FieldExtension

from api.core.errors import bad_input

MAX_PK = 2**63 - 1  # bigint primary keys
_PK = re.compile(r"[1-9][0-9]{0,18}")
MAX_NODE_IDS = 100  # ids one `nodes(ids:)` call may ask for


def parse_pk(node_id: str, type_name: str, argument: str = "id") -> int:
    """The primary key in a global id's node part, or a BAD_USER_INPUT error."""
    if isinstance(node_id, str) and _PK.fullmatch(node_id) and int(node_id) <= MAX_PK:
        return int(node_id)
    shown = relay.to_base64(type_name, node_id) if isinstance(node_id, str) else repr(node_id)
    raise bad_input(
        f"'{argument}': {shown} is not a valid {type_name} id "
        f"(its node part must be a positive integer, got {node_id!r})."
    )


def decode_ids(ids: Iterable[relay.GlobalID] | None, type_name: str, argument: str) -> list[int]:
    """The primary keys of global ids given to a filter that takes ``type_name`` ids."""
    pks = []
    for gid in ids or ():
        if gid.type_name != type_name:
            raise bad_input(f"'{argument}' takes {type_name} ids; got a {gid.type_name} id.")
        pks.append(parse_pk(gid.node_id, type_name, argument))
    return pks


class MaxIds(FieldExtension):
    """Refuses more than ``MAX_NODE_IDS`` ids in one ``ids`` argument.

    The cost estimate counts each id as a record; the cap keeps a variable list
    of 20,000 ids from being costed as cheap and then fetched.
    """

    def __init__(self, maximum: int = MAX_NODE_IDS) -> None:
        super().__init__()
        self.maximum = maximum

    def resolve(self, next_, source: Any, info, **kwargs: Any) -> Any:
        ids = kwargs.get("ids")
        if ids is not None and len(ids) > self.maximum:
            raise bad_input(
                f"'ids' takes at most {self.maximum} ids; got {len(ids)}. Split the request."
            )
        return next_(source, info, **kwargs)
