"""The repository's layout beyond the root: more dvc.yaml files, params files, MLprojects."""
