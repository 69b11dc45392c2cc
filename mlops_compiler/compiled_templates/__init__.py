"""Jinja templates compiled to Python by `make regen` (see mlops_compiler.precompiled).

Generated: do not edit. Loaded only while both values below match this installation.
"""

TEMPLATES_FINGERPRINT = "2ed8ce0ecc88d123ec009c0a8d22848660c216aad920b8ad3101b89b67b0ae51"
JINJA_VERSION = "3.1.6"
