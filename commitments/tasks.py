"""Background work, run by the task worker (`manage.py db_worker`, started by `make run` and
`make serve`): the admin's transcript uploads (importers.run_import_job)."""

from django_tasks import task

from . import importers


@task()
def import_upload(job_id: int) -> str:
    return importers.run_import_job(job_id).status
