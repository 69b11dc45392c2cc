"""Jinja templates compiled to Python by `make regen` (see render.precompiled).

Generated: do not edit. Loaded only while both values below match this installation.
"""

TEMPLATES_FINGERPRINT = "78f3f7047b3701ee654d1dcaa5cab48b9b57f2e86b24eeff24a9411d3ae02abf"
JINJA_VERSION = "3.1.6"
