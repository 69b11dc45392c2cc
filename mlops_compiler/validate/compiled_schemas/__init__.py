"""Core schemas of the spec's sections, by `make regen` (see validate.precompiled).

Generated: do not edit. Used only while the values below match this installation.
"""

SPEC_FINGERPRINT = "2c88a155bd355a427524cb8c804f1b31ca49b379cf9704e098615ea31fc4c889"
PYDANTIC_VERSION = "2.14.4"
PYDANTIC_CORE_VERSION = "2.50.5"
