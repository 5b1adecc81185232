"""Benchmark: the dashboard pages and the API's coverage and region endpoints under load
(issues 7 and 20).

Target: under a steady open-loop load of 50 page requests per second spread over 16 logged-in
clients, p95 latency stays under 100 ms for every page and overall, latency measured from each
request's scheduled time (a request the generator sends late counts against the server), and
every response is 200; the API's endpoints in the mix (`/api/v1/…`, asked by the same
clients: the API accepts a signed-in session) have a p95 under 30 ms each. Also reported: the
saturation throughput, a closed loop of the same 16 clients over the same pages, beside the
same closed loop on `/healthz` (one small query, two stat calls) and on one hashed static
file (WhiteNoise), measured in the same run. The server is `pantau serve` (gunicorn,
production settings, `PANTAU_WORKERS` / `PANTAU_THREADS` honoured) on loopback, over a demo
data directory prepared on first use with `pantau demo --no-serve` (about 1.5 minutes).
Prints one JSON object; exits 1 when the target is missed or any request failed.

    python benchmarks/web.py [--data-dir var/bench-web] [--rate 50] [--clients 16]
                             [--duration 30] [--warmup 5] [--saturation-seconds 15]
                             [--max-in-flight 64] [--url /wilayah/ --url /anggaran/ ...]
"""

from __future__ import annotations

import argparse
import contextlib
import http.client
import json
import math
import os
import re
import signal
import socket
import subprocess
import sys
import threading
import time
from collections import Counter
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from http.cookies import SimpleCookie
from pathlib import Path
from urllib.parse import urlencode

TARGET_P95_MS = 100.0
API_TARGET_P95_MS = 30.0  # the API reads the same aggregate tables, without a page to draw
ROOT = Path(__file__).resolve().parents[1]
# The demo accounts the clients log in as, round-robin (not admin).
ACCOUNTS = ("nasional", "kaltim", "kukar", "kaltara", "bpjs-balikpapan", "pemantau")
PAGES = (
    "/wilayah/",
    "/wilayah/?indikator=list_coverage&kategori=non_asn&bulan=2022-06",
    "/wilayah/64/",
    "/wilayah/64.02/",
    "/wilayah/64.02.05/",
    "/wilayah/64/?indikator=gap_cost",
    "/anggaran/",
    "/peringkat/",
    "/api/v1/coverage/64/?as_of=2022-07",
    "/api/v1/regions/64.02/",
)
# The server runs with production settings on its own SQLite file, whatever this shell has.
SERVER_ENV_DROP = ("DATABASE_URL", "DJANGO_SETTINGS_MODULE", "PANTAU_DEBUG", "DJANGO_DEBUG",
                   "PANTAU_HTTPS", "PANTAU_ALLOWED_HOSTS", "PANTAU_ACCESS_LOG")  # fmt: skip
TIMEOUT_S = 10.0  # a request not answered by then is an error
KEEPALIVE_S = 1.5  # gunicorn closes a keep-alive connection idle for 2 s; reuse younger ones
CSRF_INPUT = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')
CSS_LINK = re.compile(r'href="([^"]*/pantau/pantau[^"/]*\.css)"')


def log(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


ERRORS_LOCK = threading.Lock()


def count_error(errors: Counter, kind: str) -> None:
    with ERRORS_LOCK:
        errors[kind] += 1


@dataclass(frozen=True)
class Sample:
    url: str
    seconds: float  # completion minus scheduled time (open loop) or send time (closed loop)
    ok: bool


class Client:
    """One logged-in person: its own cookies, and keep-alive connections opened as needed."""

    def __init__(self, port: int, account: str) -> None:
        self.port = port
        self.account = account
        self.cookies: dict[str, str] = {}
        self.idle: list[tuple[float, http.client.HTTPConnection]] = []
        self.lock = threading.Lock()
        self.urls: list[str] = []
        self.turn = 0

    def next_url(self) -> str:
        with self.lock:
            self.turn += 1
            return self.urls[(self.turn - 1) % len(self.urls)]

    def _connection(self) -> tuple[http.client.HTTPConnection, bool]:
        now = time.monotonic()
        with self.lock:
            while self.idle:
                used, connection = self.idle.pop()
                if now - used < KEEPALIVE_S:
                    return connection, True
                connection.close()
        return http.client.HTTPConnection("127.0.0.1", self.port, timeout=TIMEOUT_S), False

    def request(
        self, method: str, path: str, body: str | None = None, headers: dict | None = None
    ) -> tuple[int, bytes]:
        headers = dict(headers or {})
        with self.lock:
            if self.cookies:
                headers["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        while True:
            connection, reused = self._connection()
            try:
                connection.request(method, path, body=body, headers=headers)
                response = connection.getresponse()
                data = response.read()
            except (http.client.RemoteDisconnected, BrokenPipeError, ConnectionResetError):
                connection.close()
                if reused:  # the server closed an idle connection first: browsers retry too
                    continue
                raise
            except BaseException:
                connection.close()
                raise
            with self.lock:
                for header in response.msg.get_all("Set-Cookie") or []:
                    for name, morsel in SimpleCookie(header).items():
                        self.cookies[name] = morsel.value
                if response.will_close:
                    connection.close()
                else:
                    self.idle.append((time.monotonic(), connection))
            return response.status, data

    def fetch(self, path: str) -> tuple[bool, str]:
        """GET a page: (answered 200, what went wrong)."""
        try:
            status, _ = self.request("GET", path)
        except (OSError, http.client.HTTPException) as error:
            return False, f"{type(error).__name__}: {error}"
        return status == 200, str(status)

    def login(self, password: str) -> None:
        status, page = self.request("GET", "/accounts/login/")
        token = CSRF_INPUT.search(page.decode())
        if status != 200 or not token or "csrftoken" not in self.cookies:
            raise SystemExit(f"web: login page answered {status}, CSRF token found: {bool(token)}")
        form = {"csrfmiddlewaretoken": token[1], "username": self.account, "password": password}
        content = {"Content-Type": "application/x-www-form-urlencoded"}
        status, _ = self.request("POST", "/accounts/login/", urlencode(form), content)
        if status != 302 or "sessionid" not in self.cookies:
            # Never retried: django-axes locks a username after 5 failures from one address.
            raise SystemExit(f"web: logging in as {self.account} failed (status {status})")

    def close(self) -> None:
        with self.lock:
            for _, connection in self.idle:
                connection.close()
            self.idle.clear()


def pantau(*args: str) -> list[str]:
    return [sys.executable, "-m", "pantau", *args]


def server_env(data_dir: Path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k not in SERVER_ENV_DROP}
    env["PANTAU_DATA_DIR"] = str(data_dir)
    return env


def prepare(data_dir: Path) -> dict[str, str]:
    """The demo data directory, made on first use; then migrations and static files of the
    code being measured (`pantau setup`, idempotent, about 1.5 s). Returns the passwords."""
    credentials = data_dir / "demo-credentials.json"
    env = server_env(data_dir)
    if not (data_dir / "pantau.sqlite3").exists() or not credentials.exists():
        log(f"web: preparing {data_dir} with `pantau demo --no-serve` (about 1.5 minutes)")
        subprocess.run(pantau("demo", "--no-serve"), env=env, check=True, stdout=sys.stderr)
    subprocess.run(pantau("setup"), env=env, check=True, stdout=subprocess.DEVNULL)
    return json.loads(credentials.read_text())


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def start_server(data_dir: Path, port: int) -> subprocess.Popen:
    """`pantau serve` in its own process group (without the idle import worker), once
    `/healthz` answers."""
    output = open(data_dir / "bench-web-server.log", "wb")  # noqa: SIM115 (the server's life)
    server = subprocess.Popen(
        pantau("serve", "--port", str(port), "--no-worker"), env=server_env(data_dir),
        stdout=output, stderr=subprocess.STDOUT, start_new_session=True,
    )  # fmt: skip
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise SystemExit(f"web: pantau serve exited ({server.returncode}), see {output.name}")
        probe = http.client.HTTPConnection("127.0.0.1", port, timeout=2)
        try:
            probe.request("GET", "/healthz")
            if probe.getresponse().status == 200:
                return server
        except (OSError, http.client.HTTPException):
            pass
        finally:
            probe.close()
        time.sleep(0.2)
    stop_server(server)
    raise SystemExit(f"web: /healthz did not answer in 60 s, see {output.name}")


def check_alive(server: subprocess.Popen, phase: str) -> None:
    """Refuse numbers measured against a server that went away (killed from outside)."""
    if server.poll() is not None:
        raise SystemExit(f"web: the server exited ({server.returncode}) during {phase}")


def stop_server(server: subprocess.Popen) -> None:
    """Stop gunicorn's master and workers: the whole process group."""
    try:
        os.killpg(server.pid, signal.SIGTERM)
        server.wait(5)
    except ProcessLookupError:
        pass
    except subprocess.TimeoutExpired:
        log("web: the server did not stop in 5 s (requests in flight); killing it")
    with contextlib.suppress(ProcessLookupError):
        os.killpg(server.pid, signal.SIGKILL)  # anything left behind
    server.wait()


def target_for(url: str) -> float:
    return API_TARGET_P95_MS if url.startswith("/api/") else TARGET_P95_MS


def percentile(ordered: list[float], q: float) -> float:
    """Nearest rank; 0 for no values."""
    return ordered[max(0, math.ceil(q * len(ordered)) - 1)] if ordered else 0.0


def summarize(samples: list[Sample]) -> dict:
    ordered = sorted(s.seconds * 1000 for s in samples if s.ok)
    return {
        "count": len(samples),
        "errors": sum(not s.ok for s in samples),
        **{
            name: round(percentile(ordered, q), 1)
            for name, q in (("p50_ms", 0.5), ("p95_ms", 0.95), ("p99_ms", 0.99), ("max_ms", 1))
        },
    }


def open_loop(clients: list[Client], options: argparse.Namespace, errors: Counter) -> dict:
    """Request i at start + i / rate, to client i modulo the clients, whatever is in flight."""
    rate = options.rate
    total = round((options.warmup + options.duration) * rate)
    measured_from = round(options.warmup * rate)
    samples: list[Sample] = []
    lags: list[float] = []

    def job(client: Client, url: str, scheduled: float, measured: bool) -> None:
        sent = time.perf_counter()
        if sent - scheduled > TIMEOUT_S:  # hopelessly late: keeps an overloaded run short
            ok, detail = False, f"not sent, over {TIMEOUT_S:g} s behind schedule"
        else:
            ok, detail = client.fetch(url)
        done = time.perf_counter()
        if measured:
            samples.append(Sample(url, done - scheduled, ok))
            lags.append(sent - scheduled)
            if not ok:
                count_error(errors, f"open loop {url}: {detail}")

    cpu = time.process_time()
    pool = ThreadPoolExecutor(options.max_in_flight)
    start = time.perf_counter() + 0.1
    try:
        for i in range(total):
            scheduled = start + i / rate
            delay = scheduled - time.perf_counter()
            if delay > 0:
                time.sleep(delay)
            client = clients[i % len(clients)]
            pool.submit(job, client, client.next_url(), scheduled, i >= measured_from)
    except BaseException:
        pool.shutdown(cancel_futures=True)
        raise
    pool.shutdown()
    per_url = {url: summarize([s for s in samples if s.url == url]) for url in options.urls}
    return {
        "overall": summarize(samples),
        "per_url": {url: summary for url, summary in per_url.items() if summary["count"]},
        "achieved_rps": round(len(samples) / options.duration, 1),
        # The generator's own delay between schedule and send (counted in the latencies).
        "send_lag_p99_ms": round(percentile(sorted(lags), 0.99) * 1000, 1),
        "generator_cpu_s": round(time.process_time() - cpu, 1),
    }


def closed_loop(
    clients: list[Client], seconds: float, pick: Callable[[Client], str], errors: Counter
) -> dict:
    """Each client sends its next request as soon as the previous one answered."""
    samples: list[Sample] = []
    end = time.perf_counter() + seconds

    def run(client: Client) -> None:
        while (sent := time.perf_counter()) < end:
            url = pick(client)
            ok, detail = client.fetch(url)
            samples.append(Sample(url, time.perf_counter() - sent, ok))
            if not ok:
                count_error(errors, f"closed loop {url}: {detail}")

    cpu, started = time.process_time(), time.perf_counter()
    threads = [threading.Thread(target=run, args=(client,), daemon=True) for client in clients]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    elapsed = time.perf_counter() - started
    summary = summarize(samples)
    return {
        "rps": round(sum(s.ok for s in samples) / elapsed, 1),
        "p95_ms": summary["p95_ms"],
        "count": summary["count"],
        "errors": summary["errors"],
        "generator_cpu_s": round(time.process_time() - cpu, 1),
    }


def probe(clients: list[Client], urls: list[str]) -> tuple[dict, str | None]:
    """Each account's pages that answer 200 (a regency officer is refused elsewhere), and
    the hashed URL of pantau.css from the first page."""
    accounts: dict[str, dict] = {}
    css = None
    for client in clients:
        if client.account not in accounts:
            kept, dropped = [], {}
            for url in urls:
                status, body = client.request("GET", url)
                if status == 200:
                    kept.append(url)
                    link = CSS_LINK.search(body.decode(errors="replace"))
                    css = css or (link[1] if link else None)
                else:
                    dropped[url] = status
            accounts[client.account] = {"urls": kept, "dropped": dropped}
        client.urls = accounts[client.account]["urls"]
        if not client.urls:
            refused = accounts[client.account]["dropped"]
            raise SystemExit(f"web: no page answers 200 for {client.account}: {refused}")
    return accounts, css


def git_commit() -> str | None:
    """HEAD's commit, read from .git without running git."""
    git = ROOT / ".git"
    try:
        head = (git / "HEAD").read_text().strip()
        if not head.startswith("ref: "):
            return head
        ref = head.removeprefix("ref: ")
        if (git / ref).exists():
            return (git / ref).read_text().strip()
        for line in (git / "packed-refs").read_text().splitlines():
            if line.endswith(f" {ref}"):
                return line.split()[0]
    except OSError:
        pass
    return None


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--data-dir", type=Path, default=ROOT / "var" / "bench-web")
    parser.add_argument("--rate", type=float, default=50.0, help="page requests per second")
    parser.add_argument("--clients", type=int, default=16)
    parser.add_argument("--duration", type=float, default=30.0, help="measured seconds")
    parser.add_argument("--warmup", type=float, default=5.0, help="unmeasured seconds first")
    parser.add_argument("--saturation-seconds", type=float, default=15.0, help="per closed loop")
    parser.add_argument("--max-in-flight", type=int, default=64, help="open-loop senders")
    parser.add_argument("--url", dest="urls", action="append", help="a page (repeatable)")
    options = parser.parse_args()
    options.urls = options.urls or list(PAGES)
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))  # stop the server on the way out
    data_dir = options.data_dir.resolve()
    data_dir.mkdir(parents=True, exist_ok=True)
    passwords = prepare(data_dir)
    cores = os.cpu_count() or 2
    port = free_port()
    results: dict = {
        "benchmark": "web",
        "config": {
            "rate": options.rate,
            "clients": options.clients,
            "duration_s": options.duration,
            "warmup_s": options.warmup,
            "saturation_s": options.saturation_seconds,
            "max_in_flight": options.max_in_flight,
            # As `pantau serve` reads them (pantau.site.server).
            "workers": int(os.environ.get("PANTAU_WORKERS", cores + 1)),
            "threads": int(os.environ.get("PANTAU_THREADS", "4")),
            "cpu_count": cores,
            "commit": git_commit(),
            "data_dir": str(data_dir),
            "urls": options.urls,
        },
    }
    errors: Counter = Counter()
    clients = [Client(port, ACCOUNTS[k % len(ACCOUNTS)]) for k in range(options.clients)]
    server = start_server(data_dir, port)
    try:
        log(f"web: server on port {port}; logging in {len(clients)} clients")
        for client in clients:
            client.login(passwords[client.account])
        results["accounts"], css = probe(clients, options.urls)
        for account, seen in results["accounts"].items():
            log(f"web: {account}: {len(seen['urls'])} pages, refused {seen['dropped'] or '-'}")
        if css is None:
            raise SystemExit("web: no page links pantau/pantau.css")
        log(f"web: open loop, {options.rate:g}/s for {options.warmup:g} + {options.duration:g} s")
        results["open_loop"] = open_loop(clients, options, errors)
        check_alive(server, "the open loop")
        seconds = options.saturation_seconds
        log(f"web: closed loops of {len(clients)} clients, {seconds:g} s each")
        pages = closed_loop(clients, seconds, Client.next_url, errors)
        check_alive(server, "the closed loop on pages")
        healthz = closed_loop(clients, seconds, lambda _: "/healthz", errors)
        static = closed_loop(clients, seconds, lambda _: css, errors)
        check_alive(server, "the closed loops on /healthz and static")
    finally:
        for client in clients:
            client.close()
        stop_server(server)
    results["saturation"] = {
        "pages_rps": pages["rps"],
        "pages_p95_ms": pages["p95_ms"],
        "healthz_rps": healthz["rps"],
        "healthz_p95_ms": healthz["p95_ms"],
        "static_rps": static["rps"],
        "static_p95_ms": static["p95_ms"],
        "static_url": css,
        "page_share_of_healthz": round(pages["rps"] / healthz["rps"], 3) if healthz["rps"] else 0,
        "runs": {"pages": pages, "healthz": healthz, "static": static},
    }
    loop = results["open_loop"]
    # A page no account could open (404, 403 for all) is not measured, and misses the target.
    loop["unmeasured"] = [url for url in options.urls if url not in loop["per_url"]]
    met = (
        not loop["unmeasured"]
        and loop["overall"]["p95_ms"] < TARGET_P95_MS
        and all(summary["p95_ms"] < target_for(url) for url, summary in loop["per_url"].items())
    )
    api = {url: s["p95_ms"] for url, s in loop["per_url"].items() if url.startswith("/api/")}
    results["targets"] = {"p95_ms": TARGET_P95_MS, "api_p95_ms": API_TARGET_P95_MS,
                          "api_measured_p95_ms": api, "met": met}  # fmt: skip
    results["errors"] = sum(errors.values())
    results["error_kinds"] = dict(errors.most_common(20))
    results["meets_target"] = met and not errors
    print(json.dumps(results))
    sys.exit(0 if results["meets_target"] else 1)


if __name__ == "__main__":
    main()
