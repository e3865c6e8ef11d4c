"""Several `rapport serve` on one PostgreSQL, driven the way a careful operator would try
them: started together, a burst of writes on one company and its people, racing unique
keys, sign-in throttling and token revocation across instances, a database restart under
load, and SIGTERM. Run by .ci/run:

    RAPPORT_BIN=.build/debug/rapport DATABASE_URL=postgres://…/rapport_multi \
    PG_RESTART='pg_ctl … restart' python3 Tests/multi/instances.py

Stdlib only. Every wait is bounded; every process it starts it ends by PID. Exits non-zero
on the first failed check, naming it.
"""
import concurrent.futures as cf
import json
import os
import secrets
import signal
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request

BIN = os.environ["RAPPORT_BIN"]
DB = os.environ["DATABASE_URL"]
RESTART = os.environ.get("PG_RESTART")
PORTS = [18091, 18092, 18093]
procs = []


def check(condition, what):
    if not condition:
        raise SystemExit(f"FAILED: {what}")
    print(f"ok - {what}", flush=True)


def call(port, method, path, body=None, token=None, headers=None, timeout=30):
    data = None if body is None else (body if isinstance(body, bytes) else json.dumps(body).encode())
    req = urllib.request.Request(f"http://127.0.0.1:{port}{path}", data=data, method=method)
    if body is not None and not isinstance(body, bytes):
        req.add_header("Content-Type", "application/json")
    if token:
        req.add_header("Authorization", f"Bearer {token}")
    for k, v in (headers or {}).items():
        req.add_header(k, v)
    try:
        with urllib.request.urlopen(req, timeout=timeout) as r:
            return r.status, r.read(), dict(r.headers)
    except urllib.error.HTTPError as e:
        return e.code, e.read(), dict(e.headers)
    except Exception as e:  # timeouts and refused connections count as no answer
        return 0, str(e).encode(), {}


def healthy(port, within):
    end = time.time() + within
    while time.time() < end:
        status, _, _ = call(port, "GET", "/healthz", timeout=2)
        if status == 200:
            return True
        time.sleep(0.1)
    return False


def start(port, log):
    p = subprocess.Popen([BIN, "serve", "--database", DB, "--port", str(port)], stdout=log, stderr=subprocess.STDOUT)
    procs.append(p)
    return p


def stop_all():
    for p in procs:
        if p.poll() is None:
            p.kill()


def main():
    logdir = os.environ.get("LOG_DIR", "/tmp")
    subprocess.run([BIN, "migrate", "--database", DB], check=True, timeout=120)
    token = subprocess.run([BIN, "token", "create", "--name", "multi", "--scope", "write", "--database", DB],
                           check=True, capture_output=True, text=True, timeout=60).stdout.strip().splitlines()[-1]

    # Three instances started at the same moment on one database.
    logs = [open(f"{logdir}/multi-{port}.log", "w") for port in PORTS]
    for port, log in zip(PORTS, logs):
        start(port, log)
    check(all(healthy(port, 60) for port in PORTS), "three instances started together all answer /healthz")
    status, body, _ = call(PORTS[0], "GET", "/api/v1/pipelines", token=token)
    pipelines = json.loads(body).get("data", []) if status == 200 else []
    check(status == 200 and len(pipelines) == 1, f"one default pipeline after a simultaneous start (got {len(pipelines)})")

    # The burst that froze every request: renames of one company and edits of its people.
    status, body, _ = call(PORTS[0], "POST", "/api/v1/organizations", {"name": "Hanbit Software", "domain": "hanbit.example"}, token)
    check(status == 201, "company created")
    org = json.loads(body)["id"]
    people = []
    for i in range(10):
        status, body, _ = call(PORTS[i % 3], "POST", "/api/v1/people", {"display_name": f"김보경 {i}", "organization_id": org}, token)
        check(status == 201, f"person {i} created")
        people.append(json.loads(body)["id"])
    outcomes = {}
    lock = threading.Lock()
    health = []

    def one(i, n):
        port = PORTS[(i + n) % 3]
        if i < 10:
            status, _, _ = call(port, "PATCH", f"/api/v1/organizations/{org}", {"name": f"Hanbit Software {n}-{i}"}, token)
        else:
            status, _, _ = call(port, "PATCH", f"/api/v1/people/{people[i - 10]}", {"job_title": f"Engineer {n}"}, token)
        with lock:
            outcomes[status] = outcomes.get(status, 0) + 1

    def watch():
        for _ in range(20):
            t = time.time()
            status, _, _ = call(PORTS[2], "GET", "/healthz", timeout=5)
            health.append((status, time.time() - t))
            time.sleep(0.05)

    watcher = threading.Thread(target=watch)
    watcher.start()
    with cf.ThreadPoolExecutor(20) as pool:
        list(pool.map(lambda args: one(*args), [(i, n) for n in range(5) for i in range(20)]))
    watcher.join()
    check(outcomes == {200: 100}, f"100 racing PATCHes on a company and its people all answer 200 ({outcomes})")
    check(all(s == 200 for s, _ in health) and max(d for _, d in health) < 2.5, "/healthz answers during the burst")

    # Racing unique keys across instances: one winner, the rest a 409 naming it.
    email = f"race-{secrets.token_hex(4)}@example.com"
    with cf.ThreadPoolExecutor(20) as pool:
        replies = list(pool.map(lambda i: call(PORTS[i % 3], "POST", "/api/v1/people", {"display_name": f"Race {i}", "emails": [email]}, token), range(20)))
    codes = sorted(r[0] for r in replies)
    winners = [json.loads(r[1])["id"] for r in replies if r[0] == 201]
    check(codes.count(201) == 1 and codes.count(409) == 19, f"20 racing creates with one email: one 201, nineteen 409 ({codes})")
    check(all(winners[0] in r[1].decode() for r in replies if r[0] == 409), "every 409 names the record that holds the email")

    # A partnership's roadmap across instances: two edits that each close half of a
    # dependency circle, sent at once to different instances, never both land, and none is
    # a 500.
    status, body, _ = call(PORTS[0], "POST", "/api/v1/partnerships", {"name": "Race partner", "partner_id": org, "kind": "reseller"}, token)
    check(status == 201, "partnership created")
    partnership = json.loads(body)["id"]
    both, failures, outcomes = 0, [], []
    for n in range(10):
        ids = []
        for name in ("X", "Y"):
            status, body, _ = call(PORTS[n % 3], "POST", "/api/v1/milestones", {"partnership_id": partnership, "name": f"{name}{n}", "due_on": "2027-06-01"}, token)
            ids.append(json.loads(body)["id"])
        with cf.ThreadPoolExecutor(2) as pool:
            pair = list(pool.map(lambda k: call(PORTS[(n + k) % 3], "PATCH", f"/api/v1/milestones/{ids[k]}", {"depends_on_ids": [ids[1 - k]]}, token)[0], range(2)))
        outcomes += pair
        both += pair.count(200) == 2
        failures += [c for c in pair if c >= 500 and c != 503]
    check(both == 0 and not failures, f"10 racing pairs of roadmap edits on three instances: never a circle, no 500 ({sorted(outcomes)})")

    # Sign-in throttling is shared: once A refuses, B refuses without checking the password.
    form_token = secrets.token_hex(32)
    victim = f"nobody-{secrets.token_hex(3)}@example.com"

    def sign_in(port):
        body = f"_csrf={form_token}&email={victim}&password=wrong".encode()
        return call(port, "POST", "/signin", body, headers={
            "Content-Type": "application/x-www-form-urlencoded", "Cookie": f"rapport_form={form_token}"})[0]

    seen = [sign_in(PORTS[0]) for _ in range(6)]
    check(seen[-1] == 429, f"instance A throttles an account after repeated failures ({seen})")
    check(sign_in(PORTS[1]) == 429, "instance B throttles the same account at once")

    # A token revoked on A is refused on C within a second.
    status, body, _ = call(PORTS[0], "POST", "/api/v1/tokens", {"name": "short-lived", "scope": "read"}, token)
    check(status == 201, "second token created")
    created = json.loads(body)
    check(call(PORTS[2], "GET", "/api/v1/me", token=created["token"])[0] == 200, "the new token works on C")
    status, _, _ = call(PORTS[0], "DELETE", f"/api/v1/tokens/{created['id']}", token=token)
    revoked_at = time.time()
    check(status == 204, "token revoked on A")
    refused = None
    while time.time() - revoked_at < 3:
        if call(PORTS[2], "GET", "/api/v1/me", token=created["token"])[0] == 401:
            refused = time.time() - revoked_at
            break
        time.sleep(0.05)
    check(refused is not None and refused <= 1.0, f"the revoked token is refused on C within 1 s ({refused})")

    # A database restart under load: requests in flight may fail (503), none is a 500,
    # and every instance answers again within 5 s of the database coming back.
    if RESTART:
        stop = threading.Event()
        codes = {}

        def load(port, path):
            while not stop.is_set():
                status, _, _ = call(port, "GET", path, token=token, timeout=10)
                with lock:
                    codes[status] = codes.get(status, 0) + 1

        # People, and a partnership's children through the parent visibility rule.
        paths = ["/api/v1/people?limit=5", f"/api/v1/milestones?limit=5&filter[partnership_id]={partnership}"]
        threads = [threading.Thread(target=load, args=(p, path)) for p in PORTS for path in paths]
        for t in threads:
            t.start()
        time.sleep(1)
        subprocess.run(RESTART, shell=True, check=True, timeout=120)
        back = time.time()
        answered = []
        for port in PORTS:
            ok = False
            while time.time() - back < 5:
                if call(port, "GET", "/api/v1/people?limit=1", token=token, timeout=2)[0] == 200:
                    ok = True
                    break
                time.sleep(0.1)
            answered.append(ok)
        stop.set()
        for t in threads:
            t.join()
        check(all(answered), f"every instance answers within 5 s of a database restart ({answered})")
        check(not any(c >= 500 and c != 503 for c in codes), f"no 500 during the restart, only 503 for requests in flight ({codes})")

    # SIGTERM drains and exits.
    for p in procs:
        p.send_signal(signal.SIGTERM)
    deadline = time.time() + 20
    for p in procs:
        try:
            p.wait(timeout=max(0.1, deadline - time.time()))
        except subprocess.TimeoutExpired:
            pass
    check(all(p.poll() is not None for p in procs), "every instance exits within 20 s of SIGTERM")
    for log in logs:
        log.close()
    for port in PORTS:
        text = open(f"{logdir}/multi-{port}.log").read()
        check(token not in text and "password=" not in text, f"the log of :{port} holds no token or password")


if __name__ == "__main__":
    try:
        main()
    finally:
        stop_all()
