"""Jinja templates compiled to Python by `make regen` (see render.precompiled).

Generated: do not edit. Loaded only while both values below match this installation.
"""

TEMPLATES_FINGERPRINT = "33be15ba62db5469cb0090c423c2f8015a741c62f60167cf01a23f919176c593"
JINJA_VERSION = "3.1.6"
