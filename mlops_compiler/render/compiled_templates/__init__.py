"""Jinja templates compiled to Python by `make regen` (see render.precompiled).

Generated: do not edit. Loaded only while both values below match this installation.
"""

TEMPLATES_FINGERPRINT = "19243011805e71f5de1bd12b87c4eccbefb3d1194d0a464882a37c9b5298f74d"
JINJA_VERSION = "3.1.6"
