"""The families of generated files: one folder each, with its lowering, IR, checks and targets."""
