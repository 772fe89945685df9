"""A small load test of `visitplan serve` on loopback: 50 logged-in sessions read the year page,
the trips, a trip's page and the plan page in a loop (a bounded count each) while a planner's
session keeps a plan running in the background; prints the latency percentiles and fails
(exit 1) on any error or when the median reaches 100 ms.

Each session pauses between its requests, as a person reading pages does, though far less
(`--think 0.2:0.8` seconds, drawn from a seeded generator per session); `--think 0:0` has every
session send its next request as soon as the last is answered, which measures the server
saturated (the latency is then mostly the queue of 50 requests, not the time of one page).

Run: `python3 Tests/browser/load_test.py [--sessions 50] [--rounds 5] [--think MIN:MAX]`
(standard library only). `VISITPLAN_BIN` names the binary (default `.build/debug/visitplan`);
the README's figures are measured on the release build.
"""

import argparse
import json
import os
import platform
import random
import re
import sys
import threading
import time
import urllib.parse
from concurrent.futures import ThreadPoolExecutor

import harness

PAGES = ["/", "/trips", None, "/plan"]  # None: a trip's page
EXPECTED_HEADING = {"/": "Year at a glance", "/trips": "Trips by status", "/plan": "Plan"}
DEADLINE = 150  # seconds for the whole load phase


def percentile(sorted_values, p):
    """Nearest-rank percentile of an ascending list."""
    if not sorted_values:
        return float("nan")
    rank = max(1, -(-len(sorted_values) * p // 100))
    return sorted_values[int(rank) - 1]


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sessions", type=int, default=50, help="concurrent logged-in sessions (default 50)")
    parser.add_argument("--rounds", type=int, default=5,
                        help="times each session reads its four pages (default 5: 20 requests each)")
    parser.add_argument("--accounts", type=int, default=10, help="accounts the sessions log in with (default 10)")
    parser.add_argument("--think", default="0.2:0.8",
                        help="seconds a session pauses between requests, MIN:MAX (default 0.2:0.8; 0:0 saturates)")
    parser.add_argument("--median-limit-ms", type=float, default=100.0)
    args = parser.parse_args()
    think_min, think_max = (float(x) for x in args.think.split(":"))

    started = time.monotonic()
    with harness.Server("load") as server:
        # A plan adopted from the command line, so that the pages have trips to show.
        out = os.path.join(server.tmp, "plans")
        server.cli("plan", "--out", out, register=False, timeout=300)
        folder = next(os.path.join(out, n) for n in sorted(os.listdir(out))
                      if os.path.isfile(os.path.join(out, n, "plan.json")))
        server.cli("adopt", folder, "--by", "load-test", data=False)
        with open(os.path.join(folder, "plan.json")) as f:
            trip_ids = [t["id"] for t in json.load(f)["trips"]]
        if not trip_ids:
            raise SystemExit("the plan has no trip to read")

        # Accounts that may read every page (planners and managers), each logged in several times.
        # bcrypt is slow on purpose: accounts and log-ins are made on every core at once.
        workers = ThreadPoolExecutor(max_workers=os.cpu_count() or 2)
        names = [f"{'planner' if i % 2 == 0 else 'manager'}{i:02d}" for i in range(args.accounts)]
        passwords = list(workers.map(lambda n: server.add_user(n, re.sub(r"\d+$", "", n)), names))
        accounts = list(zip(names, passwords))
        server.start()
        clients = list(workers.map(
            lambda i: harness.Client(server.port).login(*accounts[i % len(accounts)]), range(args.sessions + 1)))
        workers.shutdown()
        background = clients.pop()
        print(f"{args.sessions} sessions logged in ({len(accounts)} accounts) in {time.monotonic() - started:.1f} s",
              flush=True)

        latencies, errors, lock = [], [], threading.Lock()
        done = threading.Event()
        plan_runs = {"started": 0, "finished": 0, "polls": 0}
        barrier = threading.Barrier(args.sessions + 1)

        def reader(index, client):
            trip = "/trips/" + urllib.parse.quote(trip_ids[index % len(trip_ids)], safe="-._~+")
            pause = random.Random(index)
            mine, failures = [], []
            try:
                barrier.wait(timeout=60)
                for _ in range(args.rounds):
                    for page in PAGES:
                        time.sleep(pause.uniform(think_min, think_max))
                        path = page or trip
                        t0 = time.perf_counter()
                        try:
                            status, _, body = client.get(path)
                        except Exception as error:  # a refused or dropped connection, a timeout
                            failures.append(f"{path}: {type(error).__name__}: {error}")
                            continue
                        mine.append(time.perf_counter() - t0)
                        heading = re.search(r"<h1>(.*?)</h1>", body)
                        want = EXPECTED_HEADING.get(page) or "Trip "
                        if status != 200 or not heading or not heading.group(1).startswith(want):
                            failures.append(f"{path}: status {status}, heading {heading.group(1) if heading else None!r}")
                        if time.monotonic() - started > DEADLINE:
                            failures.append("the load phase ran past its deadline")
                            return
            except threading.BrokenBarrierError:
                failures.append("the sessions did not start together")
            finally:
                client.close()
                with lock:
                    latencies.extend(mine)
                    errors.extend(failures)

        def planner():
            """Keeps a plan running: starts one, follows /plan/status until it ends, again."""
            try:
                status, _, page = background.get("/plan")
                csrf = background.csrf(page)
                barrier.wait(timeout=60)
                while not done.is_set():
                    status, headers, _ = background.post("/plan/run", {"csrf": csrf})
                    if status not in (302, 303):
                        with lock:
                            errors.append(f"POST /plan/run: status {status}")
                        return
                    plan_runs["started"] += 1
                    while not done.is_set():
                        status, _, fragment = background.get("/plan/status")
                        plan_runs["polls"] += 1
                        if "data-running" not in fragment:
                            if "Finished" not in fragment:
                                with lock:
                                    errors.append(f"a background plan did not finish: {re.sub(r'<[^>]+>', '', fragment).strip()}")
                                return
                            plan_runs["finished"] += 1
                            break
                        time.sleep(0.05)
            except Exception as error:
                with lock:
                    errors.append(f"background plan: {type(error).__name__}: {error}")

        threads = [threading.Thread(target=reader, args=(i, c)) for i, c in enumerate(clients)]
        plan_thread = threading.Thread(target=planner)
        for t in threads + [plan_thread]:
            t.start()
        load_started = time.monotonic()
        for t in threads:
            t.join(timeout=DEADLINE)
        load_seconds = time.monotonic() - load_started
        done.set()
        plan_thread.join(timeout=DEADLINE)
        background.close()
        if any(t.is_alive() for t in threads + [plan_thread]):
            errors.append("a session was still running at the deadline")

    latencies.sort()
    ms = [x * 1000 for x in latencies]
    p50, p90, p99 = (percentile(ms, p) for p in (50, 90, 99))
    binary = os.path.relpath(harness.binary(), harness.ROOT)
    print(f"load test: {binary}, {os.cpu_count()} cores ({platform.machine()}), {args.sessions} sessions × "
          f"{args.rounds * len(PAGES)} requests (think {args.think} s) = {len(ms)} requests in {load_seconds:.1f} s "
          f"({len(ms) / load_seconds:.0f} requests/s); background plans {plan_runs['finished']} finished of "
          f"{plan_runs['started']} started")
    print(f"latency ms: p50 {p50:.1f}  p90 {p90:.1f}  p99 {p99:.1f}  max {ms[-1] if ms else float('nan'):.1f}  "
          f"errors {len(errors)}")
    for e in errors[:20]:
        print("  error:", e)
    failed = bool(errors) or not ms or p50 >= args.median_limit_ms or plan_runs["finished"] == 0
    if plan_runs["finished"] == 0:
        print("  error: no plan ran in the background during the load")
    if ms and p50 >= args.median_limit_ms:
        print(f"  error: the median {p50:.1f} ms is not under {args.median_limit_ms:.0f} ms")
    print(f"load test: {'FAILED' if failed else 'passed'} in {time.monotonic() - started:.1f} s wall time")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
