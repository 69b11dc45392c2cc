"""Deploy: the Kubernetes manifests, Argo CD applications and the MLflow training backend."""
