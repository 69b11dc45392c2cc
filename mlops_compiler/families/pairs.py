"""The one ordered-mapping type the monitoring and deploy models share."""

from __future__ import annotations

from typing import Any

Pairs = tuple[tuple[str, Any], ...]
"""An ordered mapping that stays hashable (labels, annotations, options)."""
