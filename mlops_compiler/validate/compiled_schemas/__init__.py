"""Core schemas of the spec's sections, by `make regen` (see validate.precompiled).

Generated: do not edit. Used only while the values below match this installation.
"""

SPEC_FINGERPRINT = "2e7d563ff43821079f74edd25f42bff4444796f74431f77ea6d81e52c5037847"
PYDANTIC_VERSION = "2.14.4"
PYDANTIC_CORE_VERSION = "2.50.5"
