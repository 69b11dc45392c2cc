"""Jinja templates compiled to Python by `make regen` (see render.precompiled).

Generated: do not edit. Loaded only while both values below match this installation.
"""

TEMPLATES_FINGERPRINT = "415b3fb67322701998258a62946ea99f97dd73a03da8e84543942811cccf8036"
JINJA_VERSION = "3.1.6"
