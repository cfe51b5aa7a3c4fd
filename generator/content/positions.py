"""Where each value of a YAML document sits (1-based line and column), and what the editor typed for it."""

from __future__ import annotations

from dataclasses import dataclass, field

KeyPath = tuple[str | int, ...]


@dataclass(frozen=True)
class Scalar:
    """What the editor typed for a scalar: its text and its style (None plain, quote char, '|' or '>')."""

    text: str
    style: str | None

    @property
    def quoted(self) -> bool:
        return self.style in ("'", '"')


@dataclass
class Positions:
    """Where each value (and each mapping key) of a document sits, 1-based."""

    values: dict[KeyPath, tuple[int, int]] = field(default_factory=dict)
    keys: dict[KeyPath, tuple[int, int]] = field(default_factory=dict)
    scalars: dict[KeyPath, Scalar] = field(default_factory=dict)
    line_offset: int = 0  # for front matter that does not start on line 1

    def value_at(self, path: KeyPath) -> tuple[int, int]:
        """Position of the value at `path`, or of its nearest ancestor that exists."""
        path = tuple(path)
        while path:
            if path in self.values:
                return self._shift(self.values[path])
            path = path[:-1]
        return self._shift(self.values.get((), (1, 1)))

    def key_at(self, path: KeyPath) -> tuple[int, int]:
        """Position of the key that introduces `path`, falling back to the value."""
        path = tuple(path)
        if path in self.keys:
            return self._shift(self.keys[path])
        return self.value_at(path)

    def scalar_at(self, path: KeyPath) -> Scalar | None:
        return self.scalars.get(tuple(path))

    def _shift(self, pos: tuple[int, int]) -> tuple[int, int]:
        return (pos[0] + self.line_offset, pos[1])
