"""Load: the spec's bytes to plain data with a position for every key and value."""
