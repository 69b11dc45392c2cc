"""Jinja templates compiled to Python by `make regen` (see render.precompiled).

Generated: do not edit. Loaded only while both values below match this installation.
"""

TEMPLATES_FINGERPRINT = "35698ccfded93e3351e71c2416743693574bbda99504b00cdc8a812ac93bd0e2"
JINJA_VERSION = "3.1.6"
