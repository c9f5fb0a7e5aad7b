"""gunicorn's settings, read from the working directory by every `gunicorn` start here
(the image's CMD, compose's web service, benchmarks/_server.py, the Caddy test).

3 sync workers for 2 cores: the dashboard is CPU-bound; measured with
benchmarks/dashboard_http.py (50 users, 30 s, loopback, 2 cores shared with locust), 3 sync
workers gave 95 req/s, p95 510 ms; 2 gave 75 req/s, p95 590 ms; 5 gave 58 req/s, p95 690 ms;
3 gthread workers x 4 threads 66 req/s, p95 1,200 ms. WEB_CONCURRENCY overrides it on a larger
machine.
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
