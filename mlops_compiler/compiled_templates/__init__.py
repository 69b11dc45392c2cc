"""Jinja templates compiled to Python by `make regen` (see mlops_compiler.precompiled).

Generated: do not edit. Loaded only while both values below match this installation.
"""

TEMPLATES_FINGERPRINT = "b2ee86b384b3c4a7de556c487a1412f440334d2f9e0b31ee00f154a76aa5f946"
JINJA_VERSION = "3.1.6"
