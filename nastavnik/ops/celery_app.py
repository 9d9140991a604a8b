"""Celery on an existing broker (RabbitMQ or Redis), for a region with many app servers and workers.

The code enqueues through Django's task framework as everywhere else; with `TASKS_BACKEND` set to
`nastavnik.ops.celery_backend.CeleryBackend` the task travels through the broker (`TASKS_BROKER_URL`) and
`nastavnik worker` (which then starts a Celery worker) runs it. One generic Celery task runs any Django task by path,
so no task is declared twice.
"""

import os

from celery import Celery

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "nastavnik.settings")

app = Celery("nastavnik")
app.config_from_object("django.conf:settings", namespace="CELERY")


@app.task(name="nastavnik.run_task", acks_late=True)
def run_task(module_path: str, args: list, kwargs: dict):
    """Run the Django task `module_path` with its arguments, as the database worker would."""
    from django.utils.module_loading import import_string

    return import_string(module_path).call(*args, **kwargs)
