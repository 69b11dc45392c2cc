"""Core schemas of the spec's sections, by `make regen` (see validate.precompiled).

Generated: do not edit. Used only while the values below match this installation.
"""

SPEC_FINGERPRINT = "b3593832de74f6f916997550f113b4963733719f9c3746ce8e23972b1291ef1b"
PYDANTIC_VERSION = "2.14.4"
PYDANTIC_CORE_VERSION = "2.50.5"
