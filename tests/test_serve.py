"""`make serve` as a slow client or a large anonymous upload meets it: nginx in front keeps
gunicorn's workers free, and a body over the limit is refused before any of it is stored."""

import os
import shutil
import signal
import socket
import subprocess
import tempfile
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest

from tests.factories import REPO

pytestmark = pytest.mark.slow

PORT = int(os.environ.get("SERVE_TEST_PORT", "8640"))  # this project's test range; gunicorn behind it on PORT + 1
HALF_REQUESTS = 12
BIG_BODY = 300 * 1024 * 1024


def get(path, timeout):
    with urllib.request.urlopen(f"http://127.0.0.1:{PORT}{path}", timeout=timeout) as response:
        return response.status, response.read()


@pytest.fixture(scope="module")
def served():
    if not (shutil.which("nginx") or Path("/usr/sbin/nginx").exists()):
        pytest.skip("nginx is not installed: `make serve` installs it (apt-get install nginx)")
    # Not tmp_path_factory: another pytest run on the machine may prune its folders mid-test.
    work = Path(tempfile.mkdtemp(prefix="tracker-serve-test-"))
    env = {
        **os.environ,
        "DATABASE_URL": f"sqlite:///{work / 'db.sqlite3'}",
        "SECRET_KEY": "serve-test-secret-key-0123456789-abcdefghijklmnopqrstuvwxyz-0123456789",
        "ALLOWED_HOSTS": "127.0.0.1",
        "ADMIN_PASSWORD": "serve-test-admin-password-1",
        "PORT": str(PORT),
        "WORKERS": "2",
        "RUN_DIR": str(work / "run"),
        "ACCESS_LOG": str(work / "access.log"),
        "TMPDIR": str(work / "tmp"),
    }
    (work / "tmp").mkdir()
    log = open(work / "serve.log", "w")
    process = subprocess.Popen(["make", "serve"], cwd=REPO, env=env, stdout=log, stderr=subprocess.STDOUT, start_new_session=True)
    try:
        deadline = time.monotonic() + 180
        while True:
            try:
                if get("/healthz", 2)[0] == 200:
                    break
            except OSError:
                pass
            if process.poll() is not None or time.monotonic() > deadline:
                raise AssertionError("make serve did not come up:\n" + (work / "serve.log").read_text()[-3000:])
            time.sleep(0.5)
        yield work
    finally:
        os.killpg(process.pid, signal.SIGTERM)
        process.wait(timeout=60)
        log.close()
        shutil.rmtree(work, ignore_errors=True)


def test_idle_half_requests_do_not_stall_healthz(served):
    sockets = []
    try:
        for n in range(HALF_REQUESTS):
            s = socket.create_connection(("127.0.0.1", PORT))
            if n % 2:
                s.sendall(b"GET / HTTP/1.1\r\nHost: 127.0.0.1\r\n")  # headers never finished
            else:
                s.sendall(b"POST / HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: 5000\r\n\r\nab")  # body never finished
            sockets.append(s)
        time.sleep(0.5)

        for _ in range(3):
            started = time.perf_counter()
            status, body = get("/healthz", timeout=1)
            elapsed = time.perf_counter() - started

            assert (status, body) == (200, b"ok\n")
            assert elapsed < 1
    finally:
        for s in sockets:
            s.close()


def files_under(path: Path) -> int:
    return sum(f.stat().st_size for f in path.rglob("*") if f.is_file())


def test_a_300_mb_anonymous_post_is_refused_without_being_written(served):
    before_tmp = files_under(served / "tmp")
    s = socket.create_connection(("127.0.0.1", PORT), timeout=10)
    s.sendall(
        b"POST / HTTP/1.1\r\nHost: 127.0.0.1\r\n"
        b"Content-Type: multipart/form-data; boundary=xyz\r\n"
        + f"Content-Length: {BIG_BODY}\r\n\r\n".encode()
    )
    sent, chunk = 0, b"--xyz\r\n" + b"x" * (1024 * 1024)
    started = time.perf_counter()
    try:
        while sent < BIG_BODY:
            s.sendall(chunk)
            sent += len(chunk)
            if sent > 50 * 1024 * 1024:
                break
    except OSError:
        pass  # refused: nginx closed the connection
    answer = s.recv(4096)
    s.close()

    assert answer.startswith(b"HTTP/1.1 413"), answer[:200]
    assert time.perf_counter() - started < 5
    assert files_under(served / "run" / "client_body") == 0
    assert files_under(served / "tmp") == before_tmp
    deadline = time.monotonic() + 5  # nginx logs the request once it has closed the connection
    while b'"POST / HTTP/1.1" 413' not in (served / "access.log").read_bytes() and time.monotonic() < deadline:
        time.sleep(0.2)
    assert b'"POST / HTTP/1.1" 413' in (served / "access.log").read_bytes()


def test_the_app_behind_nginx_is_not_reachable_from_outside(served):
    """gunicorn listens on 127.0.0.1 only; nginx is the one door."""
    config = (served / "run" / "nginx.conf").read_text()

    assert f"server 127.0.0.1:{PORT + 1}" in config
    assert "client_max_body_size" in config and "proxy_request_buffering on" in config


def post_raw(path, size):
    s = socket.create_connection(("127.0.0.1", PORT), timeout=10)
    s.sendall(
        f"POST {path} HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/x-www-form-urlencoded\r\n"
        f"Content-Length: {size}\r\nConnection: close\r\n\r\n".encode()
    )
    try:
        for _ in range(size // (256 * 1024)):
            s.sendall(b"x" * (256 * 1024))
    except OSError:
        pass  # refused: nginx closed the connection
    answer = s.recv(4096)
    s.close()
    return answer


@pytest.mark.parametrize("path", ["/", "/commitments/launch-mainnet/correction/", "/admin/login/"])
def test_a_few_megabytes_posted_to_a_public_page_get_a_clean_413_from_nginx(served, path):
    """nginx refuses it itself (client_max_body_size per location), so gunicorn never answers
    early while nginx still sends the body: that was a 502 (broken pipe) now and then."""
    answers = [post_raw(path, 5 * 1024 * 1024).split(b"\r\n")[0] for _ in range(10)]

    assert answers == [b"HTTP/1.1 413 Request Entity Too Large"] * 10, answers


def post_admin(path, size, cookie=""):
    s = socket.create_connection(("127.0.0.1", PORT), timeout=10)
    s.sendall(
        f"POST {path} HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/x-www-form-urlencoded\r\n"
        f"{cookie}Content-Length: {size}\r\nConnection: close\r\n\r\n".encode()
    )
    try:
        for _ in range(size // (64 * 1024)):
            s.sendall(b"x" * (64 * 1024))
    except OSError:
        pass  # refused: nginx closed the connection
    answer = b""
    while chunk := s.recv(65536):
        answer += chunk
    s.close()
    return answer


@pytest.mark.parametrize("path", ["/admin/", "/admin/commitments/source/add/", "/admin/commitments/importjob/add/"])
def test_an_anonymous_post_over_64_kb_to_the_admin_is_refused_by_nginx(served, path):
    """Without a session cookie nobody may send the admin more than a logged-out visitor may
    send anywhere: nginx answers 413 from the Content-Length, and gunicorn never sees it."""
    answer = post_admin(path, 1024 * 1024)

    assert answer.startswith(b"HTTP/1.1 413"), answer[:200]
    assert b"nginx" in answer and b"Request body of" not in answer  # nginx's page, not the app's


def test_a_post_to_the_admin_with_a_session_cookie_reaches_the_app(served):
    """The session is the app's to check (a made-up one gets the app's own 413)."""
    answer = post_admin("/admin/commitments/source/add/", 1024 * 1024, cookie="Cookie: sessionid=made-up\r\n")

    assert answer.startswith(b"HTTP/1.1 413"), answer[:200]
    assert b"without logging in" in answer


def test_an_anonymous_visit_to_the_admin_still_reaches_the_login(served):
    answer = post_admin("/admin/commitments/source/?q=x", 0).split(b"\r\n\r\n")[0]  # a small POST: the app's CSRF answer
    assert answer.startswith(b"HTTP/1.1 403"), answer[:200]
    request = urllib.request.Request(f"http://127.0.0.1:{PORT}/admin/commitments/source/?q=x")
    opener = urllib.request.build_opener(NoRedirect)
    with pytest.raises(urllib.error.HTTPError) as redirect:
        opener.open(request, timeout=10)
    assert redirect.value.code == 302
    assert redirect.value.headers["Location"] == "/admin/login/?next=/admin/commitments/source/%3Fq%3Dx"


class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None
