"""DVC: dvc.yaml, params.yaml and .dvc/config."""
