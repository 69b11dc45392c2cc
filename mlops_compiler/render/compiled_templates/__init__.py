"""Jinja templates compiled to Python by `make regen` (see render.precompiled).

Generated: do not edit. Loaded only while both values below match this installation.
"""

TEMPLATES_FINGERPRINT = "e4069f075e872a72490a2927289cb5dd3ef70b74f346d39d744411ffff995782"
JINJA_VERSION = "3.1.6"
