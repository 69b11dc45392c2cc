"""Jinja templates compiled to Python by `make regen` (see render.precompiled).

Generated: do not edit. Loaded only while both values below match this installation.
"""

TEMPLATES_FINGERPRINT = "353eab0c7dcd0c9bbcc4ad1d8d25be4fd63585359c51619c001862934e6d52a3"
JINJA_VERSION = "3.1.6"
