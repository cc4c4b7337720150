# gunicorn for production and `make run`: `gunicorn config.wsgi -c deploy/gunicorn.conf.py`.
# GUNICORN_BIND and GUNICORN_WORKERS come from the environment (deploy/stack.sh runs two
# instances, on 127.0.0.1:8001 and :8002).
import multiprocessing
import os

bind = os.environ.get("GUNICORN_BIND", "127.0.0.1:8000")
workers = int(os.environ.get("GUNICORN_WORKERS", multiprocessing.cpu_count() * 2 + 1))
threads = int(os.environ.get("GUNICORN_THREADS", "2"))
timeout = 60
max_requests = 2000
max_requests_jitter = 200
accesslog = "-"
# Several instances run on one host: the default control socket path
# (~/.gunicorn/gunicorn.ctl) would be shared between them, and nothing here uses it.
control_socket_disable = True
