"""NUL characters in arguments: the client's error, named by the argument that holds one.

PostgreSQL text cannot hold U+0000, so a slug, cursor, id, date or search text
with one could never match anything; left alone the driver raised on it. Every
string is checked before execution, in literals (``NoNulInStringsRule``, part of
the cached document validation) and in variables (``nul_in_variables``), and the
error names the argument the way the filters' own errors do: "Argument
'filters.from': …", "Argument 'after': …".
"""

from __future__ import annotations

from graphql import (
    ArgumentNode,
    DocumentNode,
    GraphQLError,
    ListValueNode,
    ObjectValueNode,
    ValueNode,
    VariableNode,
    Visitor,
    visit,
)
from graphql.validation import ValidationRule


def nul_message(path: str) -> str:
    return (
        f"Argument '{path}': NUL characters (U+0000) are not allowed; "
        "no text stored here can hold one."
    )


class NoNulInStringsRule(ValidationRule):
    """A string literal with a NUL, reported under the argument (and input fields) holding it."""

    def __init__(self, context) -> None:
        super().__init__(context)
        self.path: list[str] = []

    def enter_argument(self, node: ArgumentNode, *_args) -> None:
        self.path.append(node.name.value)

    def leave_argument(self, *_args) -> None:
        self.path.pop()

    def enter_object_field(self, node, *_args) -> None:
        self.path.append(node.name.value)

    def leave_object_field(self, *_args) -> None:
        self.path.pop()

    def enter_variable_definition(self, node, *_args) -> None:
        self.path.append(f"${node.variable.name.value}")

    def leave_variable_definition(self, *_args) -> None:
        self.path.pop()

    def enter_string_value(self, node, *_args) -> None:
        if "\x00" in node.value:
            self.report_error(GraphQLError(nul_message(".".join(self.path) or "?"), node))


def _nul_path(value: object) -> list[str] | None:
    """The input-field path to the first NUL in a variable value, or None if it holds none."""
    if isinstance(value, str):
        return [] if "\x00" in value else None
    if isinstance(value, dict):
        for key, item in value.items():
            if "\x00" in str(key):
                return [str(key)]
            found = _nul_path(item)
            if found is not None:
                return [str(key), *found]
    if isinstance(value, list | tuple):
        for item in value:
            found = _nul_path(item)
            if found is not None:
                return found
    return None


class _VariableUses(Visitor):
    """Where each variable is used: the argument and input fields leading to it."""

    def __init__(self) -> None:
        super().__init__()
        self.uses: dict[str, str] = {}

    def enter_argument(self, node: ArgumentNode, *_args) -> None:
        self._record(node.value, [node.name.value])

    def _record(self, value: ValueNode, path: list[str]) -> None:
        if isinstance(value, VariableNode):
            self.uses.setdefault(value.name.value, ".".join(path))
        elif isinstance(value, ObjectValueNode):
            for field in value.fields:
                self._record(field.value, [*path, field.name.value])
        elif isinstance(value, ListValueNode):
            for item in value.values:
                self._record(item, path)


def nul_in_variables(document: DocumentNode, variables: dict | None) -> GraphQLError | None:
    """The error for the first variable holding a NUL, named by the argument it feeds."""
    if not variables:
        return None
    uses = None
    for name, value in variables.items():
        inner = _nul_path(value)
        if inner is None:
            continue
        if uses is None:
            visitor = _VariableUses()
            visit(document, visitor)
            uses = visitor.uses
        path = ".".join([uses.get(name, f"${name}"), *inner])
        return GraphQLError(nul_message(path))
    return None
