"""Jinja templates compiled to Python by `make regen` (see render.precompiled).

Generated: do not edit. Loaded only while both values below match this installation.
"""

TEMPLATES_FINGERPRINT = "61cd58c036793960a5334512be0f254a706e0f3ade1065c745df561af85abc2c"
JINJA_VERSION = "3.1.6"
