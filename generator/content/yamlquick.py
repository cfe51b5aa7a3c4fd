"""The quick reading of a YAML record: the values of an ordinary mapping document, with no positions,
or UNUSUAL at the first thing out of the ordinary (see yamlfile, which then reads the file fully and
alone writes diagnostics). Also the limits and the PyYAML loader both readings share.
"""

from __future__ import annotations

import re
from datetime import date
from typing import Any

import yaml

try:  # The C parser is about ten times faster; the pure one behaves the same.
    from yaml import CSafeLoader as Loader
except ImportError:  # pragma: no cover - depends on how PyYAML was built
    from yaml import SafeLoader as Loader  # type: ignore[assignment]

MAX_DEPTH = 32
MAX_NODES = 50_000

# What PyYAML's constructors raise on a value they cannot build: besides ValueError, a tag the value
# does not fit can raise KeyError ('!!bool maybe') or AttributeError ('!!timestamp yes').
CONSTRUCT_ERRORS = (ValueError, OverflowError, LookupError, AttributeError, TypeError, yaml.constructor.ConstructorError)


UNUSUAL: Any = object()  # what `quick_load` returns when the full builder must read the text
_PLAIN_DATE = re.compile("[0-9]{4}-[0-9]{2}-[0-9]{2}")


class _QuickLoader(Loader):
    """The composer with PyYAML's resolver taken out of it.

    The composer calls three resolver methods for every node, keys included. Records have no
    path resolvers, so descending and ascending do nothing, and `resolve` is `slice`: a builtin
    (no Python frame per node) that keeps its arguments, so a scalar left untagged by the editor
    gets `slice(ScalarNode, value, (plain_implicit, quoted_implicit))` as its tag. `quick_load`
    then resolves only the values that need it: plain ones whose first character can start a
    boolean, number, null or date. Keys are never resolved; they stay text.
    """

    # Typed Any: builtins in the place of methods, which the resolver's stubs cannot describe.
    descend_resolver: Any = {}.get  # called as (parent, index): returns None
    ascend_resolver: Any = int  # called without arguments
    resolve = slice


def quick_load(text: str) -> Any:
    """The values of a mapping document that the full builder would accept, built as it builds them,
    or UNUSUAL.

    Gives up on syntax errors, several documents, a document that is not a mapping, tags, merge
    keys, keys that are not plain text, duplicate keys, nesting deeper than MAX_DEPTH and more than
    MAX_NODES values (aliases counted each time they are used, as `_Builder` counts them). Keys stay
    text; every plain value is resolved by PyYAML's implicit resolvers and built by its constructors.
    """
    loader = _QuickLoader(text)
    try:
        root = loader.get_single_node()
    except Exception:
        return UNUSUAL
    finally:
        loader.dispose()
    if root.__class__ is not yaml.MappingNode:  # empty, a list or a bare value: not a record
        return UNUSUAL
    resolvers = loader.yaml_implicit_resolvers
    if None in resolvers:  # a resolver for any first character: not worth a quick path
        return UNUSUAL
    try:
        return _QuickBuilder(loader.construct_object, resolvers).collection(root, 0)
    except Exception:
        return UNUSUAL


class _QuickBuilder:
    """`quick_load`'s walk over the composed nodes (a class, not closures: a recursive closure is a
    reference cycle that would keep every document's nodes alive until the garbage collector runs)."""

    __slots__ = ("construct", "left", "resolvers")

    def __init__(self, construct: Any, resolvers: dict):
        self.construct = construct
        self.resolvers = resolvers
        self.left = MAX_NODES - 1  # values still allowed; the root is one

    def collection(self, node: yaml.Node, depth: int) -> Any:
        items = node.value
        if node.tag.__class__ is not slice or depth >= MAX_DEPTH:
            raise _GiveUp
        self.left -= len(items)
        if self.left < 0:
            raise _GiveUp
        depth += 1
        resolvers = self.resolvers
        if node.__class__ is yaml.MappingNode:
            result: dict = {}
            for key_node, item in items:
                if key_node.__class__ is not yaml.ScalarNode or key_node.tag.__class__ is not slice:
                    raise _GiveUp
                key = key_node.value
                if key in result or key == "<<":
                    raise _GiveUp
                if item.__class__ is yaml.ScalarNode:
                    tag = item.tag
                    if tag.__class__ is not slice:
                        raise _GiveUp
                    value = item.value
                    if tag.step[0]:  # plain_implicit: what PyYAML's resolver would look at
                        candidates = resolvers.get(value[:1])
                        if candidates is not None:
                            value = self.typed(item, value, candidates)
                    result[key] = value
                else:
                    result[key] = self.collection(item, depth)
            return result
        values = []
        for item in items:
            if item.__class__ is yaml.ScalarNode:
                tag = item.tag
                if tag.__class__ is not slice:
                    raise _GiveUp
                value = item.value
                if tag.step[0]:
                    candidates = resolvers.get(value[:1])
                    if candidates is not None:
                        value = self.typed(item, value, candidates)
                values.append(value)
            else:
                values.append(self.collection(item, depth))
        return values

    def typed(self, node: yaml.ScalarNode, value: str, candidates: list) -> Any:
        """A plain scalar whose first character can start a non-text value, as `_Builder._scalar` builds it:
        the tag of the first implicit resolver that matches, then PyYAML's constructor for it."""
        if _PLAIN_DATE.fullmatch(value):  # of all the resolvers, only the timestamp one matches this shape
            try:
                return date.fromisoformat(value)  # what construct_yaml_timestamp builds, or raises
            except ValueError:
                return value
        for tag, regexp in candidates:
            if regexp.match(value):
                try:  # a node of its own: the composed one may be reached again through an alias
                    return self.construct(yaml.ScalarNode(tag, value, node.start_mark, node.end_mark), deep=True)
                except CONSTRUCT_ERRORS:
                    return value
        return value


class _GiveUp(Exception):
    pass
