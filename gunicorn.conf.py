"""gunicorn's settings, read from the working directory by every `gunicorn` start here
(the image's CMD, compose's web service, benchmarks/_server.py, the Caddy test).

3 sync workers for 2 cores: a warm page is a few milliseconds of CPU (the dashboard and the
project page are kept rendered), so threads only add contention. Measured with
benchmarks/dashboard_http.py (50 users without pause, 30 s, loopback, 2 cores shared with
locust, PostgreSQL and Redis), one run each on a quiet machine: 3 sync workers 251 req/s, p95
170 ms; 3 gthread workers x 4 threads 245 req/s, p95 270 ms; 2 x 4 threads 259 req/s, p95
250 ms. WEB_CONCURRENCY overrides it on a larger machine. The database connection is kept
(CONN_MAX_AGE, checked before reuse) and templates are compiled once per process (Django's
cached loader, on whenever DEBUG is off).
"""

import os

bind = os.environ.get("GUNICORN_BIND", "0.0.0.0:8000")
workers = int(os.environ.get("WEB_CONCURRENCY", "3"))
timeout = 30
graceful_timeout = 30
accesslog = "-"
# The client's address first: the X-Forwarded-For that Caddy, the only proxy, writes itself
# (Caddyfile); "-" for a request that did not come through it (the healthcheck).
access_log_format = '%({x-forwarded-for}i)s "%(r)s" %(s)s %(b)s %(M)sms "%(a)s"'
