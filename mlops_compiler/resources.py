"""Where the templates and the JSON Schema are: inside the wheel, or in the checkout.

The wheel maps the top-level `templates/` and `schemas/` into the package (hatchling
force-include); an editable install does not, so we fall back to the checkout.
"""

from __future__ import annotations

from pathlib import Path

_PACKAGE_DIR = Path(__file__).resolve().parent


def resource_dir(name: str) -> Path:
    """The folder ``templates`` or ``schemas``, wherever this installation keeps it."""
    for candidate in (_PACKAGE_DIR / name, _PACKAGE_DIR.parent / name):
        if candidate.is_dir():
            return candidate
    raise FileNotFoundError(f"mlops-compiler is missing its {name}/ folder")


def templates_dir() -> Path:
    """The Jinja templates."""
    return resource_dir("templates")


def schema_path() -> Path:
    """The published JSON Schema of mlops.yaml."""
    return resource_dir("schemas") / "mlops.schema.json"
