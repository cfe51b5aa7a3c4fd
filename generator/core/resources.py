"""The files factcheck reads from its own installation: the built-in theme (the top-level templates/
folder, installed as the package `generator.theme`), the interface catalogues, the skeletons of new
records and the starter files of a new site with its rating scales. Found through importlib's package
specs (as importlib.resources finds them, without running the packages), so a wheel installed anywhere
and an editable checkout behave alike.
"""

from __future__ import annotations

from functools import cache
from importlib import util
from pathlib import Path


class InstallationError(Exception):
    """A file that ships with factcheck is missing: the installation is broken, not the project."""


@cache
def package_folder(package: str, *parts: str) -> Path:
    """A folder inside an installed package of factcheck, as a path on disk (Jinja and os.walk need one)."""
    try:
        spec = util.find_spec(package)  # the theme is data: found, never imported
    except ModuleNotFoundError:
        spec = None
    locations = list(spec.submodule_search_locations or []) if spec is not None else []
    if not locations:
        raise InstallationError(f"factcheck's package {package} is missing; reinstall factcheck")
    folder = Path(locations[0]).joinpath(*parts)
    if not folder.is_dir():  # wheels install as files, never zipped
        where = "/".join((package, *parts))
        raise InstallationError(f"factcheck's folder {where} is missing from its installation; reinstall factcheck")
    return folder.resolve()


def builtin_theme() -> Path:
    """The built-in theme: templates and static/."""
    return package_folder("generator.theme")


def locale_folder() -> Path:
    """The interface catalogues: <language>/LC_MESSAGES/messages.po."""
    return package_folder("generator.core", "locale")


def skeletons_folder() -> Path:
    """The commented skeletons of new records: <kind>.yaml."""
    return package_folder("generator.tasks", "skeletons")


def scales_folder() -> Path:
    """The rating scales `factcheck init` offers: <preset>.yaml, kept beside the skeletons."""
    return package_folder("generator.tasks", "skeletons", "scales")


def starter_folder() -> Path:
    """The files `factcheck init` starts a site from: README, workflows, pre-commit config, pages."""
    return package_folder("generator.tasks", "skeletons", "site")
