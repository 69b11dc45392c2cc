"""Jinja templates compiled to Python by `make regen` (see render.precompiled).

Generated: do not edit. Loaded only while both values below match this installation.
"""

TEMPLATES_FINGERPRINT = "9b564afd90bcad9cc9361e6dd04f169a9da4624df13cd004e25a9fd6e4f981ad"
JINJA_VERSION = "3.1.6"
