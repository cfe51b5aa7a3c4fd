"""Where things live in a factcheck project. Paths only: no reading, no writing."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

RECORD_DIRS = {"people": "person", "articles": "article", "claims": "claim"}


class ProjectError(Exception):
    """A usage problem with the project itself (exit code 2), not with its content."""


@dataclass(frozen=True)
class Project:
    root: Path

    @classmethod
    def at(cls, root: str | Path) -> Project:
        path = Path(root).resolve()
        if not path.is_dir():
            raise ProjectError(f"project folder '{root}' does not exist")
        if not (path / "content").is_dir():
            raise ProjectError(f"'{root}' has no content/ folder; is this a factcheck project? (use -C DIR to choose one)")
        return cls(path)

    @property
    def content_dir(self) -> Path:
        return self.root / "content"

    @property
    def site_file(self) -> Path:
        return self.content_dir / "site.yaml"

    @property
    def templates_dir(self) -> Path:
        return self.root / "templates"

    @property
    def locale_dir(self) -> Path:
        """The project's own interface catalogues: locale/<language>.po."""
        return self.root / "locale"

    @property
    def default_output(self) -> Path:
        return self.root / "site"

    @property
    def cache_dir(self) -> Path:
        return self.root / ".factcheck-cache"

    def relative(self, path: Path) -> str:
        """A path as diagnostics show it: relative to the project, with forward slashes."""
        try:
            return path.resolve().relative_to(self.root).as_posix()
        except ValueError:
            return path.as_posix()

    def check_output(self, output: Path) -> Path:
        """Refuse output folders that would overwrite the project's own sources."""
        out = output.resolve()
        for guarded in (self.content_dir, self.templates_dir, self.locale_dir, self.root / "generator"):
            if out == guarded.resolve() or guarded.resolve() in out.parents:
                raise ProjectError(f"output folder '{output}' is inside {guarded.name}/; choose another with -o")
        if out == self.root or out in self.root.parents:
            raise ProjectError(f"output folder '{output}' would contain the project itself; choose another with -o")
        return out
