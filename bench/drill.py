"""Fault drill: the portal under load while its services fail, one at a time.

    .venv/bin/python bench/drill.py [--seconds 15] [--clients 8]

Starts everything it needs on private ports of this machine, so that nothing else running
here is touched: a PostgreSQL cluster of its own (initdb in a temporary folder), one Redis for
the cache and one for the Celery broker, gunicorn (2 sync workers), a Celery worker and beat.
It loads the demo data, then runs wrk on public pages (GET, --clients connections) through
these phases and prints, for each, the statuses seen and the count of 5xx answers:

  baseline          everything up
  cache down        the cache's Redis stopped: pages must render from the database (no 5xx)
  broker down       the broker's Redis stopped: password-reset requests are sent meanwhile and
                    must be accepted; after the broker returns, their mails must be delivered
  database down     PostgreSQL stopped: cached pages are served, the rest answers the 500 page
  recovered         everything up again

Needs PostgreSQL's server binaries (initdb, pg_ctl), redis-server and wrk (Debian packages).
Run as root it runs PostgreSQL as the postgres user. The load is bounded by --seconds per
phase and targets only 127.0.0.1.
"""

import argparse
import collections
import contextlib
import glob
import http.cookiejar
import os
import re
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PUBLIC_PAGES = ["/", "/van-ban/", "/tim-kiem/?q=xang+dau", "/chi-so-papi/", "/ke-hoach/"]
MAIL_WAIT = 150  # seconds for queued mail after the broker returns (beat sweeps every minute)


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def wait_until(condition, seconds: float, what: str) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if condition():
            return
        time.sleep(0.3)
    raise RuntimeError(f"timed out waiting for {what}")


class PostgreSQL:
    """A throwaway cluster in a temporary folder, owned by postgres when run as root."""

    def __init__(self, folder: Path):
        self.folder = folder / "pg"
        self.port = free_port()
        binaries = sorted(glob.glob("/usr/lib/postgresql/*/bin"))
        self.bin = Path(binaries[-1]) if binaries else Path(shutil.which("pg_ctl")).parent

    def _run(self, *command: str) -> None:
        if os.geteuid() == 0:
            command = ("su", "postgres", "-c", " ".join(command))
        subprocess.run(command, check=True, stdout=subprocess.DEVNULL)

    def init(self) -> None:
        self.folder.mkdir()
        if os.geteuid() == 0:
            shutil.chown(self.folder, "postgres")
        self._run(
            str(self.bin / "initdb"),
            "-D", str(self.folder), "-A", "trust", "-U", "postgres", "-E", "UTF8",
            "--locale=C.UTF-8",
        )  # fmt: skip

    def start(self) -> None:
        options = f"'-p {self.port} -k {self.folder} -c listen_addresses=127.0.0.1'"
        log = self.folder / "log"
        self._run(str(self.bin / "pg_ctl"), "-D", str(self.folder), "-o", options, "-l", str(log),
                  "-w", "start")  # fmt: skip

    def stop(self) -> None:
        self._run(str(self.bin / "pg_ctl"), "-D", str(self.folder), "-m", "fast", "-w", "stop")

    @property
    def url(self) -> str:
        return f"postgres://postgres@127.0.0.1:{self.port}/postgres"


class Redis:
    def __init__(self, folder: Path, name: str):
        self.port = free_port()
        self.folder = folder
        self.name = name
        self.process = None

    def start(self) -> None:
        self.process = subprocess.Popen(
            ["redis-server", "--port", str(self.port), "--bind", "127.0.0.1", "--save", "",
             "--appendonly", "no", "--dir", str(self.folder)],
            stdout=subprocess.DEVNULL,
        )  # fmt: skip
        wait_until(lambda: _answers(self.port), 10, f"{self.name} Redis")

    def stop(self) -> None:
        self.process.terminate()
        self.process.wait(10)

    def url(self, db: int = 0) -> str:
        return f"redis://127.0.0.1:{self.port}/{db}"


def _answers(port: int) -> bool:
    try:
        with socket.create_connection(("127.0.0.1", port), timeout=1):
            return True
    except OSError:
        return False


# wrk's Lua: rotate over the public pages; count every status per thread and print the totals.
WRK_SCRIPT = """
local paths = {%(paths)s}
local threads = {}
function setup(thread) table.insert(threads, thread) end
function init(args) statuses = {}; n = 0 end
function request()
  n = n + 1
  return wrk.format("GET", paths[(n %% #paths) + 1])
end
function response(status, headers, body) statuses[status] = (statuses[status] or 0) + 1 end
function done(summary, latency, requests)
  local total = {}
  for _, thread in ipairs(threads) do
    for status, count in pairs(thread:get("statuses")) do
      total[status] = (total[status] or 0) + count
    end
  end
  for status, count in pairs(total) do
    io.write(string.format("status %%d %%d\\n", status, count))
  end
  local e = summary.errors
  io.write(string.format("no-answer %%d\\n", e.connect + e.read + e.write + e.timeout))
end
"""


class Load:
    """wrk on the public pages (--clients connections); counts the statuses it saw."""

    def __init__(self, base: str, clients: int, folder: Path):
        self.base, self.clients = base, clients
        self.script = folder / "drill.lua"
        paths = ", ".join(f'"{path}"' for path in PUBLIC_PAGES)
        self.script.write_text(WRK_SCRIPT % {"paths": paths})

    def run(self, seconds: float, during=None) -> tuple[collections.Counter, object]:
        wrk = subprocess.Popen(
            ["wrk", "-t2", f"-c{self.clients}", f"-d{seconds:.0f}s", "--timeout", "10s",
             "-s", str(self.script), self.base + "/"],
            stdout=subprocess.PIPE, text=True,
        )  # fmt: skip
        extra = during() if during else None
        output, _ = wrk.communicate()
        statuses: collections.Counter = collections.Counter()
        for status, count in re.findall(r"^status (\d+) (\d+)$", output, re.M):
            statuses[int(status)] += int(count)
        no_answer = re.search(r"^no-answer (\d+)$", output, re.M)
        if no_answer and int(no_answer[1]):
            statuses["no answer"] += int(no_answer[1])
        return statuses, extra


def request_password_resets(base: str, email: str, count: int) -> list:
    """Posts the password-reset form as a browser does; returns the statuses."""
    statuses = []
    for _ in range(count):
        jar = http.cookiejar.CookieJar()
        opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar), NoRedirect())
        page = opener.open(base + "/tai-khoan/password/reset/", timeout=10).read().decode()
        token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page)[1]
        body = urllib.parse.urlencode({"csrfmiddlewaretoken": token, "email": email}).encode()
        request = urllib.request.Request(
            base + "/tai-khoan/password/reset/", data=body, headers={"Referer": base + "/"}
        )
        try:
            statuses.append(opener.open(request, timeout=10).status)
        except urllib.error.HTTPError as error:
            statuses.append(error.code)
    return statuses


class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


def report(phase: str, statuses: collections.Counter, note: str = "") -> int:
    errors = sum(n for status, n in statuses.items() if isinstance(status, int) and status >= 500)
    seen = ", ".join(f"{status}: {n}" for status, n in sorted(statuses.items(), key=str))
    print(f"{phase:14} {sum(statuses.values()):6} requests  5xx: {errors:5}  [{seen}]  {note}")
    return errors


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--seconds", type=float, default=15)
    parser.add_argument("--clients", type=int, default=8)
    parser.add_argument("--resets", type=int, default=3)
    options = parser.parse_args()

    folder = Path(tempfile.mkdtemp(prefix="portal-drill-"))
    if os.geteuid() == 0:
        shutil.chown(folder, "postgres")
        folder.chmod(0o777)
    database, cache, broker = PostgreSQL(folder), Redis(folder, "cache"), Redis(folder, "broker")
    processes = []
    web_port = free_port()
    mail = folder / "mail"
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "bench.settings",  # no per-address limit under one client
        "DJANGO_ENV": "development",
        "DEBUG": "false",
        "ALLOWED_HOSTS": "127.0.0.1",
        "DATABASE_URL": database.url,
        "REDIS_URL": cache.url(1),
        "CACHE_URL": cache.url(1),
        "CELERY_BROKER_URL": broker.url(0),
        "CELERY_TASK_ALWAYS_EAGER": "false",
        "CELERY_EMAIL_BACKEND": "django.core.mail.backends.filebased.EmailBackend",
        "EMAIL_FILE_PATH": str(mail),
        "MEDIA_ROOT": str(folder / "media"),
        "PRIVATE_MEDIA_ROOT": str(folder / "private"),
        "LOG_LEVEL": "ERROR",
        "CONN_MAX_AGE": "0",
    }
    python = sys.executable
    failures = 0
    try:
        database.init()
        database.start()
        cache.start()
        broker.start()
        print(f"Setting up in {folder} (migrate, demo data)...", flush=True)
        for command in (["migrate", "-v0"], ["seed_demo"], ["compilemessages", "-v0",
                        "--ignore", ".venv", "--ignore", "frontend"]):  # fmt: skip
            subprocess.run([python, "manage.py", *command], cwd=ROOT, env=env, check=True,
                           stdout=subprocess.DEVNULL)  # fmt: skip
        gunicorn = shutil.which("gunicorn") or str(Path(python).parent / "gunicorn")
        celery = str(Path(python).parent / "celery")
        logs = folder / "logs"
        logs.mkdir()
        for name, command in (
            ("web", [gunicorn, "portal.wsgi:application", "-w", "2", "-b",
                     f"127.0.0.1:{web_port}", "--log-level", "warning"]),
            ("worker", [celery, "-A", "portal", "worker", "--pool=solo", "--loglevel=WARNING"]),
            ("beat", [celery, "-A", "portal", "beat", "--loglevel=WARNING",
                      "--schedule", str(folder / "beat-schedule")]),
        ):  # fmt: skip
            log = (logs / f"{name}.log").open("wb")
            processes.append(subprocess.Popen(command, cwd=ROOT, env=env, stdout=log,
                                              stderr=subprocess.STDOUT))  # fmt: skip
        base = f"http://127.0.0.1:{web_port}"
        wait_until(lambda: _answers(web_port), 30, "gunicorn")
        load = Load(base, options.clients, folder)
        email = (
            subprocess.run(
                [
                    python,
                    "manage.py",
                    "shell",
                    "-c",
                    "from django.contrib.auth.models import User;print(User.objects.first().email)",
                ],
                cwd=ROOT,
                env=env,
                check=True,
                capture_output=True,
                text=True,
            )
            .stdout.strip()
            .splitlines()[-1]
        )  # fmt: skip  (the shell first says what it imported)

        print(f"\nLoad: {options.clients} clients, {options.seconds:.0f} s per phase, "
              f"pages {', '.join(PUBLIC_PAGES)}\n", flush=True)  # fmt: skip
        statuses, _ = load.run(options.seconds)
        failures += report("baseline", statuses)

        cache.stop()
        statuses, _ = load.run(options.seconds)
        failures += report("cache down", statuses, "(pages from the database)")
        cache.start()

        broker.stop()
        statuses, resets = load.run(
            options.seconds, lambda: request_password_resets(base, email, options.resets)
        )
        accepted = sum(1 for status in resets if status == 302)
        failures += report("broker down", statuses, f"(password resets accepted: {accepted}"
                           f"/{options.resets}, statuses {resets})")  # fmt: skip
        failures += accepted != options.resets
        broker.start()

        def mails() -> int:
            return (
                sum(p.read_text().count("Subject:") for p in mail.glob("*")) if mail.exists() else 0
            )

        try:
            wait_until(lambda: mails() >= options.resets, MAIL_WAIT, "the queued mails")
            print(f"{'':14} after the broker returned: {mails()} of {options.resets} reset mails "
                  "delivered", flush=True)  # fmt: skip
        except RuntimeError:
            print(f"{'':14} after the broker returned: only {mails()} of {options.resets} "
                  f"reset mails delivered in {MAIL_WAIT} s", flush=True)  # fmt: skip
            failures += 1

        database.stop()
        statuses, _ = load.run(options.seconds)
        errors = sum(n for s, n in statuses.items() if isinstance(s, int) and s >= 500)
        report("database down", statuses, "(cached pages served; the rest is the 500 page)")
        database.start()
        print(f"{'':14} ({errors} answers were the 500 page; not counted as a drill failure)")

        statuses, _ = load.run(options.seconds)
        failures += report("recovered", statuses)
    finally:
        for process in processes:
            process.terminate()
        for process in processes:
            try:
                process.wait(15)
            except subprocess.TimeoutExpired:
                process.kill()
        for redis in (cache, broker):
            if redis.process and redis.process.poll() is None:
                redis.stop()
        with contextlib.suppress(subprocess.CalledProcessError):
            database.stop()
        shutil.rmtree(folder, ignore_errors=True)
    print("\nDrill passed." if not failures else f"\nDrill FAILED ({failures} problems).")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
