"""The commands beyond compile: import, absorb, explain, verify, graph, init, build, schema."""
