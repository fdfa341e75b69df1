"""An upload handler that records each file part it is handed: a test can tell whether a view
(or a middleware) parsed a multipart body at all."""

from django.core.files.uploadhandler import MemoryFileUploadHandler

STARTED: list[str] = []


class RecordingUploadHandler(MemoryFileUploadHandler):
    def new_file(self, field_name, file_name, *args, **kwargs):
        STARTED.append(file_name)
        return super().new_file(field_name, file_name, *args, **kwargs)
