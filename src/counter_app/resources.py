"""Locate shipped files (fonts, catalog, translations, migrations) in a wheel or a checkout."""

from __future__ import annotations

from pathlib import Path

_PACKAGE_DIR = Path(__file__).resolve().parent
_CHECKOUT_DIR = _PACKAGE_DIR.parent.parent  # src/counter_app -> repository root


def _shipped_dir(name: str) -> Path:
    # In a wheel, hatch force-includes the top-level folder inside the package;
    # in a checkout (editable install, tests) it sits at the repository root.
    inside = _PACKAGE_DIR / name
    if inside.is_dir():
        return inside
    return _CHECKOUT_DIR / name


def resources_dir() -> Path:
    return _shipped_dir("resources")


def alembic_dir() -> Path:
    return _shipped_dir("alembic")


def resource_path(*parts: str) -> Path:
    """Path of a file under resources/, e.g. resource_path("fonts", "LiberationSerif-Regular.ttf")."""
    return resources_dir().joinpath(*parts)
