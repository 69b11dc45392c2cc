"""MLflow: the MLproject and its environment file (python_env.yaml or conda.yaml)."""
