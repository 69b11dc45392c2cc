"""Core schemas of the spec's sections, by `make regen` (see validate.precompiled).

Generated: do not edit. Used only while the values below match this installation.
"""

SPEC_FINGERPRINT = "1bc4ec0cb56d542a94401d49f688f382bf2e681289a3b51dbaca2bd8927ddd1c"
PYDANTIC_VERSION = "2.14.4"
PYDANTIC_CORE_VERSION = "2.50.5"
