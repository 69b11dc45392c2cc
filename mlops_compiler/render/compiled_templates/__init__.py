"""Jinja templates compiled to Python by `make regen` (see render.precompiled).

Generated: do not edit. Loaded only while both values below match this installation.
"""

TEMPLATES_FINGERPRINT = "1cd612cd3d0cf425cbaa62cd0ba932952a655615d78bd586289eb7af5522e2d5"
JINJA_VERSION = "3.1.6"
