"""Scripts `mlops verify` runs with the same interpreter to load outputs with DVC's and MLflow's
own code. They are never imported by the compiler: DVC and MLflow are slow to import and keep
global state, and compiling must not need them."""
