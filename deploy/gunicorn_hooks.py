"""gunicorn's hooks for `make serve` (deploy/serve.py passes this file as its --config).

Python's cyclic garbage collector stops every thread of a worker while it runs, and a full
collection walks every object the worker holds: the loaded project (modules, URL patterns,
templates) and its caches (commitments/caching.py), tens of milliseconds each time, more on a
busy machine. Once a worker has loaded the project, that part is moved out of the collector's
sight (gc.freeze) and young objects are collected less often, so the pauses are short and rare.
"""

import gc


def post_worker_init(worker):
    gc.collect()
    gc.freeze()
    gc.set_threshold(5_000, 20, 20)
