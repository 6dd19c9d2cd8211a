"""gunicorn settings for every service's web process (overridable by environment)."""

import os

bind = os.environ.get("GUNICORN_BIND", "0.0.0.0:8000")
workers = int(os.environ.get("GUNICORN_WORKERS", "2"))
threads = int(os.environ.get("GUNICORN_THREADS", "4"))
# gthread, answering what gunicorn itself refuses (414, 431, 400) in the platform's JSON
# error shape instead of an HTML page (shared/web/gunicorn_worker.py).
worker_class = "shared.web.gunicorn_worker.JsonErrorThreadWorker"
timeout = 30
graceful_timeout = 20
# Not preloaded: each worker builds its app, and so its database engine, after the fork.
preload_app = False
accesslog = None  # the app writes its own structured access log
errorlog = "-"
# gunicorn's own lines (a refused request, a failed one) without the query strings and
# request lines they would quote: a search's query string names a person.
logger_class = "shared.web.gunicorn_logging.RedactingLogger"
forwarded_allow_ips = os.environ.get("FORWARDED_ALLOW_IPS", "127.0.0.1")
# Above nginx's large_client_header_buffers (4k, deploy/nginx/), so that behind the front
# nginx refuses an over-long request line or header first; without it, these answer
# 414 and 431 here.
limit_request_line = 8190
limit_request_field_size = 8190
limit_request_fields = 100
# gunicorn's control socket (gunicornc) defaults to one path per user, which every web
# process on a machine would take from the one started before it. Each has its own
# where one is wanted (`vidnova run` names it per service under the data dir, owner-only);
# elsewhere (a container per process) it is off.
control_socket = os.environ.get("GUNICORN_CONTROL_SOCKET", "")
control_socket_disable = not control_socket
control_socket_mode = 0o600

# Metrics: every worker process counts in files of one folder, which /metrics adds up
# (shared/web/gunicorn_metrics.py). The master names it when it starts, before it forks
# any worker (and before anything here imports prometheus_client: preload_app stays off).
from shared.web import gunicorn_metrics  # noqa: E402


def on_starting(server):
    gunicorn_metrics.prepare_folder()


def child_exit(server, worker):
    gunicorn_metrics.worker_exited(worker.pid)


def on_exit(server):
    gunicorn_metrics.remove_folder()
