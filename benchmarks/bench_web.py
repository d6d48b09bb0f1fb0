"""Load test of `fineprint serve` on loopback: N requests in T seconds from this process against the server in
another, at an even pace (open loop: a slow answer does not slow the arrivals), a mix of pages and API calls.

    python benchmarks/bench_web.py                     # 2,000 requests in 60 s, 8 client threads
    python benchmarks/bench_web.py --requests 300 --seconds 15 --no-write

Measures latency (p50, p95, p99 per kind of request and overall), status codes (the run fails on any 5xx), and the
resident memory of the server and its analysis workers, sampled every second: "flat" means the last sample is within
10 % of the one taken after the first tenth of the run. Writes a table to docs/web.md (section bench:web).
"""
from __future__ import annotations

import argparse
import os
import socket
import statistics
import subprocess
import sys
import threading
import time
from collections import Counter, defaultdict
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _machine import ROOT, machine, today, write_section  # noqa: E402

TEMU = ("Except to the extent prohibited by applicable law, participation in the Program and/or receipt or use of "
        "Rewards constitutes a Member's consent for Sponsor to use and publish such Member's photo, name likeness, "
        "voice, opinions, statements, biographical information, and/or hometown and state for promotional or "
        "advertising purposes in any media worldwide, now known or hereafter developed, in perpetuity without "
        "further review, notification, payment, or consideration.")
CLAUSES = ["We may sell your personal data to our partners.", "These terms are governed by the laws of Ireland.",
           "Vous acceptez que nous modifiions ces conditions à tout moment sans préavis."]
# (kind, share of requests)
MIX = [("GET /", 2), ("GET /api/v1/taxonomy", 2), ("POST /api/v1/classify", 3), ("POST /api/v1/audit", 2),
       ("POST /report", 1)]


def rss_kb(pid: int) -> int:
    """Resident memory of ``pid`` and its descendants, in kB."""
    total = 0
    pids = [pid]
    while pids:
        p = pids.pop()
        try:
            for line in open(f"/proc/{p}/status"):
                if line.startswith("VmRSS:"):
                    total += int(line.split()[1])
            for task in os.listdir(f"/proc/{p}/task"):
                children = open(f"/proc/{p}/task/{task}/children").read().split()
                pids.extend(int(c) for c in children)
        except OSError:
            pass
    return total


def start_server(workers: int) -> tuple[subprocess.Popen, str]:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    proc = subprocess.Popen([sys.executable, "-m", "fineprint", "serve", "--port", str(port), "--workers",
                             str(workers)], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    base = f"http://127.0.0.1:{port}"
    import httpx

    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        try:
            if httpx.get(base + "/api/v1/health", timeout=2).status_code == 200:
                return proc, base
        except httpx.HTTPError:
            time.sleep(0.3)
    proc.kill()
    raise SystemExit("the server did not start")


def request(client, base: str, kind: str, i: int):
    if kind == "GET /":
        return client.get(base + "/", headers={"accept-language": "fr" if i % 2 else "en"})
    if kind == "GET /api/v1/taxonomy":
        return client.get(base + "/api/v1/taxonomy", params={"lang": "fr" if i % 2 else "en"})
    if kind == "POST /api/v1/classify":
        return client.post(base + "/api/v1/classify", json={"texts": [CLAUSES[i % len(CLAUSES)]]})
    if kind == "POST /api/v1/audit":
        return client.post(base + "/api/v1/audit", data={"text": TEMU if i % 2 else CLAUSES[i % 3]})
    return client.post(base + "/report", data={"text": TEMU, "ui": "en"})


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--requests", type=int, default=2000)
    ap.add_argument("--seconds", type=float, default=60.0)
    ap.add_argument("--threads", type=int, default=8)
    ap.add_argument("--workers", type=int, default=1, help="analysis workers of the server")
    ap.add_argument("--no-write", action="store_true", help="print the table, do not update docs/web.md")
    args = ap.parse_args()
    import httpx

    kinds = [k for k, share in MIX for _ in range(share)]
    proc, base = start_server(args.workers)
    try:
        with httpx.Client(timeout=120) as warm:  # first requests load nothing more: the workers are warm
            for i, kind in enumerate(k for k, _ in MIX):
                request(warm, base, kind, i)
        latencies: dict[str, list[float]] = defaultdict(list)
        statuses: Counter = Counter()
        errors: Counter = Counter()
        memory: list[tuple[float, int]] = []
        lock = threading.Lock()
        nxt = iter(range(args.requests))
        t0 = time.monotonic() + 0.5
        interval = args.seconds / args.requests

        def client_thread():
            with httpx.Client(timeout=120) as client:
                while True:
                    with lock:
                        i = next(nxt, None)
                    if i is None:
                        return
                    delay = t0 + i * interval - time.monotonic()
                    if delay > 0:
                        time.sleep(delay)
                    kind = kinds[i % len(kinds)]
                    start = time.perf_counter()
                    try:
                        r = request(client, base, kind, i)
                        status = r.status_code
                    except httpx.HTTPError as exc:
                        status = None
                        with lock:
                            errors[type(exc).__name__] += 1
                    took = time.perf_counter() - start
                    with lock:
                        latencies[kind].append(took)
                        statuses[status] += 1

        stop = threading.Event()

        def sampler():
            while not stop.is_set():
                memory.append((time.monotonic() - t0, rss_kb(proc.pid)))
                stop.wait(1.0)

        threads = [threading.Thread(target=client_thread) for _ in range(args.threads)]
        sampling = threading.Thread(target=sampler)
        sampling.start()
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        elapsed = time.monotonic() - t0
        stop.set()
        sampling.join()
    finally:
        proc.terminate()
        try:
            proc.wait(10)
        except subprocess.TimeoutExpired:
            proc.kill()

    def pct(values, q):
        values = sorted(values)
        return values[min(len(values) - 1, int(round(q * (len(values) - 1))))] * 1000

    every = [x for v in latencies.values() for x in v]
    rows = [(k, latencies[k]) for k, _ in MIX] + [("all", every)]
    after_tenth = next((kb for t, kb in memory if t >= args.seconds / 10), memory[0][1])
    last = memory[-1][1]
    peak = max(kb for _, kb in memory)
    five_xx = sum(n for s, n in statuses.items() if s is not None and s >= 500)
    flat = abs(last - after_tenth) <= 0.10 * after_tenth
    lines = [f"Load test (`python benchmarks/bench_web.py`): {args.requests:,} requests in {args.seconds:g} s "
             f"(took {elapsed:.1f} s) from {args.threads} client threads in a second process, on loopback, against "
             f"`fineprint serve --workers {args.workers}`; {machine()}; {today()}.", "",
             "| request | n | p50 (ms) | p95 (ms) | p99 (ms) |", "|---|---:|---:|---:|---:|"]
    for name, values in rows:
        if values:
            lines.append(f"| {name} | {len(values)} | {pct(values, .5):.0f} | {pct(values, .95):.0f} | "
                         f"{pct(values, .99):.0f} |")
    lines += ["", f"Status codes: {', '.join(f'{s}: {n}' for s, n in sorted(statuses.items(), key=str))}; "
                  f"5xx: {five_xx}; client errors (no answer): {sum(errors.values())}.",
              f"Memory of the server and its worker (resident): {after_tenth / 1024:.0f} MB after the first tenth, "
              f"{last / 1024:.0f} MB at the end, peak {peak / 1024:.0f} MB: "
              f"{'flat' if flat else 'NOT flat'} (within 10 %: {flat})."]
    table = "\n".join(lines)
    print(table)
    if not args.no_write:
        write_section(ROOT / "docs" / "web.md", "web", table)
    if five_xx or errors or not flat:
        sys.exit(1)


if __name__ == "__main__":
    main()
