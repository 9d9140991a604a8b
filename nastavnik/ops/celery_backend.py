"""A Django task backend that hands tasks to Celery (see `nastavnik.ops.celery_app`)."""

from django.conf import settings
from django.db import transaction
from django.tasks.backends.base import BaseTaskBackend
from django.tasks.base import TaskResult, TaskResultStatus
from django.utils import timezone
from django.utils.crypto import get_random_string


class CeleryBackend(BaseTaskBackend):
    supports_defer = True

    def enqueue(self, task, args, kwargs):
        self.validate_task(task)
        from nastavnik.ops.celery_app import run_task

        result = TaskResult(
            task=task, id=get_random_string(32), status=TaskResultStatus.READY, enqueued_at=timezone.now(),
            started_at=None, last_attempted_at=None, finished_at=None, args=list(args), kwargs=dict(kwargs),
            backend=self.alias, errors=[], worker_ids=[],
        )
        # Sent only once the enqueuing transaction commits: a reminder for a meeting whose save rolled back never
        # leaves, and the worker always finds the rows the task reads.
        transaction.on_commit(lambda: run_task.apply_async(
            args=[task.module_path, result.args, result.kwargs], task_id=result.id, queue=queue_for(task.queue_name),
            eta=task.run_after,
        ))
        return result


def queue_for(name: str) -> str:
    """The broker's queue for a Django task queue: prefixed, so installations sharing a broker stay apart."""
    return f"{settings.TASKS_QUEUE_PREFIX}{name}"
