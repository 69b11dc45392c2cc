"""Jinja templates compiled to Python by `make regen` (see render.precompiled).

Generated: do not edit. Loaded only while both values below match this installation.
"""

TEMPLATES_FINGERPRINT = "299a70a1b28fe8a5fd317cfb6f6529508ab46be02cd959a868192575618ef3b6"
JINJA_VERSION = "3.1.6"
