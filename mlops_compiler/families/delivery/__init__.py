"""CI/CD: the GitHub Actions workflows, the Dockerfiles and .dockerignore."""
