"""Jinja templates compiled to Python by `make regen` (see render.precompiled).

Generated: do not edit. Loaded only while both values below match this installation.
"""

TEMPLATES_FINGERPRINT = "b641b6f9916989962ea055b930c58d374f7eb93f693180242e5e242dfbd0e408"
JINJA_VERSION = "3.1.6"
