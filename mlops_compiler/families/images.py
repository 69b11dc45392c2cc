"""What every family that names a container image checks of it."""

from __future__ import annotations

from mlops_compiler.errors import Diagnostic, Loc


def unpinned_image(image: str, loc: Loc) -> list[Diagnostic]:
    """An image reference without a tag or digest, or tagged `latest`, changes under a build."""
    if "@sha256:" in image or "$" in image:
        return []
    tag = image.rsplit("/", 1)[-1].partition(":")[2]
    if tag and tag != "latest":
        return []
    return [
        Diagnostic(
            f"`{image}` is not pinned: `latest` (or no tag) is whatever was pushed last",
            loc=loc,
            hint="name a version tag (`python:3.11-slim`) or a digest (`@sha256:...`)",
        )
    ]
