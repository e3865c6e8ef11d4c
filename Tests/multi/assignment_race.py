"""Round-robin assignment and the web form's limit across instances, by hand (not in CI):
three `rapport serve` on one fresh PostgreSQL database, an admin token, and a command that
restarts that PostgreSQL.

    TOKEN=rpt_… PORTS=18201,18202,18203 PG_RESTART="pg_ctl -D DIR -m fast -w restart" \
      python3 Tests/multi/assignment_race.py

Prints the statuses and how tickets spread over a group's three agents: a burst, a burst
during the restart, a burst after it; then six form submissions from one address through
the three instances (the sixth must be 429).
"""
import json, os, threading, urllib.parse, urllib.request, urllib.error, collections, subprocess, time
TOKEN = os.environ["TOKEN"]
PORTS = [int(p) for p in os.environ.get("PORTS", "18201,18202,18203").split(",")]
def call(port, method, path, body=None, token=TOKEN, form=None, headers=None):
    h = {"Authorization": "Bearer " + token} if token else {}
    data = None
    if body is not None:
        data = json.dumps(body).encode(); h["Content-Type"] = "application/json"
    if form is not None:
        data = form.encode(); h["Content-Type"] = "application/x-www-form-urlencoded"
    h.update(headers or {})
    req = urllib.request.Request(f"http://127.0.0.1:{port}{path}", data=data, method=method, headers=h)
    try:
        with urllib.request.urlopen(req, timeout=30) as r:
            return r.status, r.read().decode(), r.headers
    except urllib.error.HTTPError as e:
        return e.code, e.read().decode(), e.headers
    except Exception as e:
        return 0, str(e), {}
s, b, _ = call(PORTS[0], "POST", "/api/v1/teams", {"name": "Desk", "assignment": "round_robin", "support_address": "help@multi.example"})
team = json.loads(b)["id"]
members = []
for n in ("a", "b", "c"):
    s, b, _ = call(PORTS[0], "POST", "/api/v1/users", {"email": f"{n}@multi.example", "role": "support", "teams": ["Desk"]})
    members.append(json.loads(b)["id"])
time.sleep(1.2)  # directory snapshots on the other instances expire (0.5 s)

def burst(n, restart=False):
    results = []
    lock = threading.Lock()
    def one(i):
        s, b, _ = call(PORTS[i % len(PORTS)], "POST", "/api/v1/tickets", {"subject": f"race {i}", "group_id": team})
        with lock: results.append((s, json.loads(b).get("assignee_id") if s == 201 else None))
    threads = [threading.Thread(target=one, args=(i,)) for i in range(n)]
    for t in threads: t.start()
    if restart:
        time.sleep(0.3)
        subprocess.run(os.environ["PG_RESTART"], shell=True, capture_output=True)
    for t in threads: t.join()
    return results

r = burst(30)
print("burst of 30 across 3 instances: statuses", dict(collections.Counter(s for s, _ in r)), "assignees", sorted(collections.Counter(a for _, a in r).values()))
r = burst(60, restart=True)
print("burst of 60 with pg_ctl restart: statuses", dict(collections.Counter(s for s, _ in r)), "assignees of created", sorted(collections.Counter(a for s, a in r if s == 201).values()))
time.sleep(3)
# After the restart: every instance answers, and the rotation carries on evenly.
r = burst(30)
print("burst of 30 after restart: statuses", dict(collections.Counter(s for s, _ in r)), "assignees", sorted(collections.Counter(a for _, a in r).values()))
s, b, _ = call(PORTS[0], "GET", "/api/v1/tickets?limit=200&filter[group_id]=" + team)
rows = json.loads(b)["data"]
print("stored tickets in the group:", len(rows), "by assignee", sorted(collections.Counter(t.get("assignee_id") for t in rows).values()))

# The web form's limit is shared: six submissions from one address through three instances.
import re, http.cookiejar
statuses = []
for i in range(6):
    port = PORTS[i % len(PORTS)]
    jar = http.cookiejar.CookieJar()
    opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar))
    page = opener.open(f"http://127.0.0.1:{port}/support/{team}").read().decode()
    csrf = re.search(r'name="_csrf" value="([0-9a-f]+)"', page).group(1)
    data = urllib.parse.urlencode({"_csrf": csrf, "email": "same@visitor.example", "subject": f"form {i}", "body": "hello"}).encode()
    try:
        statuses.append(opener.open(urllib.request.Request(f"http://127.0.0.1:{port}/support/{team}", data=data)).status)
    except urllib.error.HTTPError as e:
        statuses.append(e.code)
print("six form submissions from one address across three instances:", statuses)
