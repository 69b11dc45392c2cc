"""Validate: loaded YAML data to an ``MlopsSpec``, or every problem at its line and column."""

from __future__ import annotations

from mlops_compiler.validate.document import validate_document as validate_document
