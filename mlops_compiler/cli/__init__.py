"""The `mlops` command line: argument parsing, printing, exit codes."""
