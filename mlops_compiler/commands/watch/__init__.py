"""The watch half of a rehearsal: the generated monitoring run against the real serving process.

`services` starts and stops local processes by their own ids (127.0.0.1 only); `stack` runs a
real Prometheus (the generated rules, a scrape of the serving process) and Alertmanager (the
generated inhibit rules, a webhook receiver that records what it is sent); `traffic` sends
bounded synthetic requests. ``stack.Watch`` is what a rehearsal command drives.
"""
