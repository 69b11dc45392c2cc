"""Core schemas of the spec's sections, by `make regen` (see validate.precompiled).

Generated: do not edit. Used only while the values below match this installation.
"""

SPEC_FINGERPRINT = "0e12aef9e46685f4ffc50696eaa30f2f5dd78c4749cc1d37fc7c160b8394ec4a"
PYDANTIC_VERSION = "2.14.4"
PYDANTIC_CORE_VERSION = "2.50.5"
