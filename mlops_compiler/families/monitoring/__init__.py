"""Monitoring: Prometheus rules and tests, Alertmanager, the dashboard, the drift job."""
