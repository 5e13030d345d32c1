"""Depth and alias limits as validation rules that cost one walk per fragment.

strawberry's ``QueryDepthLimiter`` and ``MaxAliasesLimiter`` walk a fragment
again at every spread, so a chain of fragments each spreading the previous one
twice costs 2^n walks: 18 fragments (about 1,200 characters, inside every other
limit) took 22 s. Here a fragment's depth and alias count are computed once and
memoised, so validation is linear in the size of the document. The numbers are
the same as strawberry's: a fragment spread twice still counts its aliases
twice (the count is multiplied, not re-walked).

Unknown fragments and fragment cycles count nothing here: graphql's own
``KnownFragmentNamesRule`` and ``NoFragmentCyclesRule`` report them.
"""

from __future__ import annotations

from collections.abc import Callable

from graphql import (
    DocumentNode,
    FieldNode,
    FragmentDefinitionNode,
    FragmentSpreadNode,
    GraphQLError,
    InlineFragmentNode,
    OperationDefinitionNode,
    SelectionSetNode,
    ValidationContext,
    ValidationRule,
)


class FragmentWalker:
    """Folds each fragment once; ``walks`` counts the selection sets visited (for tests)."""

    def __init__(self, document: DocumentNode) -> None:
        self.fragments = {
            d.name.value: d for d in document.definitions if isinstance(d, FragmentDefinitionNode)
        }
        self._memo: dict[str, int] = {}
        self._in_progress: set[str] = set()
        self.walks = 0

    def fragment(self, name: str, measure: Callable[[SelectionSetNode], int]) -> int:
        if name in self._memo:
            return self._memo[name]
        fragment = self.fragments.get(name)
        if fragment is None or name in self._in_progress:
            return 0
        self._in_progress.add(name)
        try:
            value = measure(fragment.selection_set)
        finally:
            self._in_progress.discard(name)
        self._memo[name] = value
        return value


def selection_depth(walker: FragmentWalker, selection_set: SelectionSetNode | None) -> int:
    """Levels of fields with sub-selections below this set (introspection fields ignored)."""
    if selection_set is None:
        return 0
    walker.walks += 1
    depth = 0
    for selection in selection_set.selections:
        if isinstance(selection, FieldNode):
            if selection.name.value.startswith("__") or selection.selection_set is None:
                continue
            depth = max(depth, 1 + selection_depth(walker, selection.selection_set))
        elif isinstance(selection, InlineFragmentNode):
            depth = max(depth, selection_depth(walker, selection.selection_set))
        elif isinstance(selection, FragmentSpreadNode):
            measure = lambda s: selection_depth(walker, s)  # noqa: E731
            depth = max(depth, walker.fragment(selection.name.value, measure))
    return depth


def selection_aliases(walker: FragmentWalker, selection_set: SelectionSetNode | None) -> int:
    """Aliased fields in this set, every spread of a fragment counting its aliases again."""
    if selection_set is None:
        return 0
    walker.walks += 1
    count = 0
    for selection in selection_set.selections:
        if isinstance(selection, FieldNode):
            count += 1 if selection.alias else 0
            count += selection_aliases(walker, selection.selection_set)
        elif isinstance(selection, InlineFragmentNode):
            count += selection_aliases(walker, selection.selection_set)
        elif isinstance(selection, FragmentSpreadNode):
            measure = lambda s: selection_aliases(walker, s)  # noqa: E731
            count += walker.fragment(selection.name.value, measure)
    return count


def _operations(document: DocumentNode) -> list[OperationDefinitionNode]:
    return [d for d in document.definitions if isinstance(d, OperationDefinitionNode)]


def create_depth_rule(max_depth: int) -> type[ValidationRule]:
    class MaxDepthRule(ValidationRule):
        """Each operation at most ``max_depth`` levels of fields with sub-selections."""

        def __init__(self, context: ValidationContext) -> None:
            super().__init__(context)
            walker = FragmentWalker(context.document)
            for operation in _operations(context.document):
                if selection_depth(walker, operation.selection_set) > max_depth:
                    name = operation.name.value if operation.name else "anonymous"
                    context.report_error(
                        GraphQLError(
                            f"'{name}' exceeds maximum operation depth of {max_depth}",
                            operation,
                        )
                    )

    return MaxDepthRule


def create_alias_rule(max_aliases: int) -> type[ValidationRule]:
    class MaxAliasesRule(ValidationRule):
        """At most ``max_aliases`` aliased fields in the document, fragments expanded."""

        def __init__(self, context: ValidationContext) -> None:
            super().__init__(context)
            walker = FragmentWalker(context.document)
            total = sum(
                selection_aliases(walker, operation.selection_set)
                for operation in _operations(context.document)
            )
            if total > max_aliases:
                context.report_error(GraphQLError(f"{total} aliases found. Allowed: {max_aliases}"))

    return MaxAliasesRule
