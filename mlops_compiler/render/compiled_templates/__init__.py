"""Jinja templates compiled to Python by `make regen` (see render.precompiled).

Generated: do not edit. Loaded only while both values below match this installation.
"""

TEMPLATES_FINGERPRINT = "1de91587b2e41365633404effb77e8e44751da58c0ae426bfee7cb4567027fcf"
JINJA_VERSION = "3.1.6"
