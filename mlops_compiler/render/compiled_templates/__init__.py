"""Jinja templates compiled to Python by `make regen` (see render.precompiled).

Generated: do not edit. Loaded only while both values below match this installation.
"""

TEMPLATES_FINGERPRINT = "f0f66b79b2583c22f2c6f007537751cb895bbd74a4486e75675014245884d8dd"
JINJA_VERSION = "3.1.6"
