"""`make serve`: nginx in front, gunicorn behind it on a private port, and the task worker
(`manage.py db_worker`: admin uploads imported in the background), all stopped together.

    HOST, PORT       where nginx listens (default 127.0.0.1:8000)
    APP_PORT         gunicorn's port on 127.0.0.1, reachable only from this machine (default PORT+1)
    WORKERS          gunicorn's worker processes (default: one per CPU core, at least 2)
    THREADS          threads per worker (default 4; 1 makes them sync workers)
    APP_TIMEOUT      seconds gunicorn lets a request run (default 30)
    RUN_DIR          nginx's rendered config, pid, logs and temp files (default .run/ in the project)

nginx buffers each request and response whole (deploy/nginx.conf), so gunicorn's workers only
ever see complete requests, as gunicorn's deployment guide asks. Each worker is a process with a
few threads (gthread): the threads of a process share its copy of the page cache and render a
page missed by several of them at once only once (commitments/caching.py), and a worker whose
threads wait on the database or on each other leaves the core to another; a process per core
keeps both cores busy on a small machine.
"""

import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))


def render(template: str, values: dict) -> str:
    for name, value in values.items():
        template = template.replace("{{" + name + "}}", str(value))
    if "{{" in template:
        raise SystemExit(f"deploy/nginx.conf: no value for {template[template.index('{{'):].split('}}')[0]}}}}}")
    return template


def main() -> int:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "tracker.settings")
    os.environ.setdefault("DEBUG", "0")
    os.environ.setdefault("TRUSTED_PROXIES", "127.0.0.1")  # nginx, below, is the only client gunicorn has
    import django

    django.setup()
    from django.conf import settings

    host, port = os.environ.get("HOST", "127.0.0.1"), int(os.environ.get("PORT", "8000"))
    app_port = int(os.environ.get("APP_PORT") or port + 1)
    timeout = int(os.environ.get("APP_TIMEOUT", "30"))
    threads = int(os.environ.get("THREADS") or "4")
    run_dir = Path(os.environ.get("RUN_DIR") or REPO / ".run").resolve()
    run_dir.mkdir(parents=True, exist_ok=True)
    nginx = shutil.which("nginx") or "/usr/sbin/nginx"
    if not Path(nginx).exists():
        raise SystemExit("nginx is not installed: `make serve` installs it (apt-get install nginx).")

    config = run_dir / "nginx.conf"
    config.write_text(
        render(
            (REPO / "deploy" / "nginx.conf").read_text(),
            {
                "HOST": host,
                "PORT": port,
                "APP_ADDRESS": f"127.0.0.1:{app_port}",
                "APP_TIMEOUT_PLUS": timeout + 5,
                "BODY_MAX_BYTES": settings.REQUEST_BODY_MAX_BYTES,
                "PUBLIC_BODY_MAX_BYTES": settings.ANONYMOUS_REQUEST_BODY_MAX_BYTES,
                "ADMIN_PATH": "/" + settings.ADMIN_URL,
                "SESSION_COOKIE": settings.SESSION_COOKIE_NAME,
                "RUN_DIR": run_dir,
                "ACCESS_LOG": os.environ.get("ACCESS_LOG", "/dev/stdout"),
            },
        )
    )
    test = subprocess.run([nginx, "-t", "-q", "-c", str(config), "-p", str(run_dir), "-e", str(run_dir / "nginx-error.log")],
                          capture_output=True, text=True)
    if test.returncode != 0:
        raise SystemExit(f"nginx refused {config}:\n{test.stderr}")

    gunicorn = subprocess.Popen(
        [
            str(Path(sys.executable).parent / "gunicorn"), "tracker.wsgi",
            "--bind", f"127.0.0.1:{app_port}",
            "--workers", os.environ.get("WORKERS") or str(max(os.cpu_count() or 1, 2)),
            "--threads", str(threads),
            "--worker-class", "gthread" if threads > 1 else "sync",
            "--timeout", str(timeout),
            "--graceful-timeout", "20",
            "--forwarded-allow-ips", "127.0.0.1",
            "--control-socket", str(run_dir / "gunicorn.ctl"),
            "--config", str(REPO / "deploy" / "gunicorn_hooks.py"),
        ],
        cwd=REPO,
    )
    # The database queue's worker; with TASKS_BACKEND=immediate tasks run in gunicorn and need none.
    worker = None
    if settings.TASKS["default"]["BACKEND"] == settings.TASK_BACKENDS["database"]:
        worker = subprocess.Popen([sys.executable, "manage.py", "db_worker"], cwd=REPO)
    front = subprocess.Popen([nginx, "-c", str(config), "-p", str(run_dir), "-e", str(run_dir / "nginx-error.log")])
    print(f"Serving http://{host}:{port}/ (nginx) → gunicorn on 127.0.0.1:{app_port}", flush=True)

    stopping = False

    def stop(*_):
        nonlocal stopping
        stopping = True

    signal.signal(signal.SIGTERM, stop)
    signal.signal(signal.SIGINT, stop)
    processes = [(front, signal.SIGQUIT), (gunicorn, signal.SIGTERM)] + ([(worker, signal.SIGTERM)] if worker else [])
    while not stopping and all(process.poll() is None for process, _ in processes):
        time.sleep(0.2)
    for process, sig in processes:
        if process.poll() is None:
            process.send_signal(sig)
    for process, _ in processes:
        try:
            process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            process.kill()
    return 0 if stopping else 1


if __name__ == "__main__":
    sys.exit(main())
