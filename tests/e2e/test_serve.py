#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""End-to-end test of fahras-serve over the sample corpus (loopback only, bounded in time).

Every endpoint; /api/search equal to `fahras-query --format json` field by field (took_ms
aside) for queries with filters, facets and collapse, over one database and over local shards;
/api/article equal to `fahras-query show --format json`; error statuses; traversal and encoded
traversal; a POST and a gzip body refused; a `--rebuild` while 16 clients loop on requests
(0 failures, new data seen); SIGTERM drains and exits 0.

Usage: test_serve.py FAHRAS_INDEX FAHRAS_QUERY FAHRAS_SERVE SOURCE_DIR
"""
import gzip
import http.client
import json
import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
import urllib.parse

INDEX, QUERY, SERVE, SRC = sys.argv[1:5]
WORK = tempfile.mkdtemp(prefix="fahras-serve.")
SERVERS = []
checks = failures = 0


def check(what, ok, detail=""):
    global checks, failures
    checks += 1
    if ok:
        print("ok - " + what)
    else:
        failures += 1
        print("FAIL - " + what + (": " + str(detail)[:600] if detail else ""))


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Server:
    def __init__(self, db, *extra):
        self.port = free_port()
        self.log = os.path.join(WORK, "access-%d.log" % self.port)
        self.stderr = open(os.path.join(WORK, "serve-%d.err" % self.port), "w")
        self.proc = subprocess.Popen(
            [SERVE, "--db", db, "--listen", "127.0.0.1:%d" % self.port, "--threads", "4",
             "--access-log", self.log, *extra], stderr=self.stderr)
        SERVERS.append(self)
        deadline = time.time() + 30
        while time.time() < deadline:
            try:
                if self.get("/healthz")[0] == 200:
                    return
            except OSError:
                pass
            if self.proc.poll() is not None:
                break
            time.sleep(0.1)
        raise RuntimeError("fahras-serve did not start: " + open(self.stderr.name).read())

    def request(self, method, target, body=None, headers=None, timeout=30):
        conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=timeout)
        try:
            conn.putrequest(method, target, skip_accept_encoding=True)
            for k, v in (headers or {}).items():
                conn.putheader(k, v)
            if body is not None:
                conn.putheader("Content-Length", str(len(body)))
            conn.endheaders(body)
            r = conn.getresponse()
            return r.status, r.read(), dict(r.getheaders())
        finally:
            conn.close()

    def get(self, target, **kw):
        return self.request("GET", target, **kw)

    def api(self, path, params):
        status, body, headers = self.get(path + "?" + urllib.parse.urlencode(params))
        return status, json.loads(body) if body else None, headers

    def stop(self, sig=signal.SIGTERM, timeout=15):
        if self.proc.poll() is None:
            self.proc.send_signal(sig)
        try:
            return self.proc.wait(timeout)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            return None


def run(*args, **kw):
    return subprocess.run(list(args), capture_output=True, timeout=120, **kw)


def cli_json(db, args):
    r = run(QUERY, "--db", db, "--format", "json", *args)
    return json.loads(r.stdout) if r.stdout.strip() else None


def without(obj, key):
    obj = dict(obj)
    obj.pop(key, None)
    return obj


def main():
    db = os.path.join(WORK, "db")
    r = run(INDEX, "--db", db, "-q", os.path.join(SRC, "sample_corpus"))
    check("index the sample corpus", r.returncode == 0, r.stderr)
    srv = Server(db)

    # --- /api/search equals fahras-query --format json ---------------------------------
    cases = [
        ([], [("q", "سوريا")]),
        (["--facets"], [("q", "سوريا OR العراق"), ("facets", "1")]),
        (["--limit", "3"], [("q", "source:france24 (ترامب OR أمريكا) -كندا"), ("limit", "3")]),
        (["--facets", "--limit", "0"], [("q", "mentioned:2014-08"), ("facets", "1"), ("limit", "0")]),
        (["--collapse", "--agency", "AFP"], [("q", "سوريا"), ("collapse", "1"), ("agency", "AFP")]),
        (["--same-story", "sample_corpus/seeds/000_d7d323a442f094ad.txt"],
         [("same_story", "sample_corpus/seeds/000_d7d323a442f094ad.txt")]),
        (["--person", "Shoigu", "--facets", "--limit", "5"],
         [("person", "Shoigu"), ("facets", "1"), ("limit", "5")]),
        ([], [("q", 'place:حلب person:"جون كيري"')]),
        (["--from", "2015-09", "--to", "2015-10", "--sort", "-date"],
         [("q", "سوريا"), ("from", "2015-09"), ("to", "2015-10"), ("sort", "-date")]),
        (["--match", "any"], [("q", "مسئول رفيع"), ("match", "any")]),
        (["--entity", "حلب", "--place", "سوريا"], [("entity", "حلب"), ("place", "سوريا")]),
        (["--mentioned-from", "2014", "--mentioned-to", "2015", "--facets"],
         [("q", "سوريا OR العراق"), ("mentioned_from", "2014"), ("mentioned_to", "2015"),
          ("facets", "1")]),
        (["--collapse", "--facets", "--facet-top", "2", "--offset", "1", "--limit", "2"],
         [("q", "سوريا"), ("collapse", "1"), ("facets", "1"), ("facet_top", "2"),
          ("offset", "1"), ("limit", "2")]),
        (["--source", "CNN", "--source", "alarabia", "--sort", "date"],
         [("source", "CNN"), ("source", "alarabia"), ("sort", "date")]),
        (["--facet", "source", "--facet", "year"], [("q", "سوريا"), ("facets", "source,year")]),
        (["--agency", "رويترز", "--agency", "AFP"], [("agency", "رويترز"), ("agency", "AFP")]),
    ]
    for args, params in cases:
        want = cli_json(db, args + ([p[1] for p in params if p[0] == "q"] or []))
        status, got, headers = srv.api("/api/search", params)
        ok = status == 200 and got is not None and "took_ms" in got and without(got, "took_ms") == want
        check("/api/search = fahras-query: %s" % urllib.parse.urlencode(params), ok,
              "status %s, want %s, got %s" % (status, json.dumps(want, ensure_ascii=False)[:200],
                                             json.dumps(got, ensure_ascii=False)[:200]))
    status, got, headers = srv.api("/api/search", [("q", "سوريا")])
    check("JSON content type", headers.get("Content-Type", "").startswith("application/json"), headers)
    check("security headers", "script-src 'self'" in headers.get("Content-Security-Policy", "")
          and "unsafe-inline" not in headers.get("Content-Security-Policy", "")
          and headers.get("X-Content-Type-Options") == "nosniff"
          and headers.get("Referrer-Policy") == "no-referrer", headers)
    check("HEAD is answered", srv.request("HEAD", "/healthz")[0] == 200)

    # --- the other endpoints -----------------------------------------------------------
    hit = got["hits"][0]["id"]
    status, article, _ = srv.api("/api/article", [("id", hit)])
    show = run(QUERY, "--db", db, "show", "--format", "json", hit)
    check("/api/article = fahras-query show --format json", status == 200 and show.returncode == 0
          and article == json.loads(show.stdout), (status, show.stderr))
    check("  it has the whole body and the story", article and "body" in article
          and len(article["body"]) > 100 and "versions" in article, article)
    text = run(QUERY, "--db", db, "show", hit)
    check("fahras-query show writes text for people", text.returncode == 0
          and article["title"] in text.stdout.decode(), text.stderr)
    check("/api/article of an unknown id is a 404",
          srv.api("/api/article", [("id", "no-such-id")])[0] == 404)
    check("fahras-query show of an unknown id exits 1",
          run(QUERY, "--db", db, "show", "no-such-id").returncode == 1)
    for by in ("year", "month", "day"):
        status, h, _ = srv.api("/api/histogram", [("q", "سوريا"), ("by", by)])
        total = cli_json(db, ["--limit", "0", "--facets", "سوريا"])["facets_counted"]
        ok = status == 200 and sum(b["count"] for b in h["histogram"]) + h["undated"] == total
        ok = ok and [b["period"] for b in h["histogram"]] == sorted(b["period"] for b in h["histogram"])
        ok = ok and all(len(b["period"]) == {"year": 4, "month": 7, "day": 10}[by] for b in h["histogram"])
        check("/api/histogram by %s sums to the match (%d)" % (by, total), ok, h)
    status, h, _ = srv.api("/api/histogram", [("person", "Shoigu"), ("by", "month")])
    want = cli_json(db, ["--person", "Shoigu", "--facet", "month", "--facet-top", "0", "--limit", "0"])
    check("/api/histogram with a filter = the month facet",
          status == 200 and sorted((b["period"], b["count"]) for b in h["histogram"])
          == sorted((v["value"], v["count"]) for v in want["facets"]["month"]), h)
    status, e, _ = srv.api("/api/entities", [("type", "person"), ("top", "5")])
    want = cli_json(db, ["entities", "--type", "person", "--top", "5"]) if False else json.loads(
        run(QUERY, "entities", "--db", db, "--format", "json", "--type", "person", "--top", "5").stdout)
    check("/api/entities = fahras-query entities", status == 200 and e == want, e)
    status, e, _ = srv.api("/api/entities", [("q", "كيري")])
    check("/api/entities matches any word of a name",
          status == 200 and any("كيري" in x["name"] for x in e["entities"]), e)
    status, a, _ = srv.api("/api/analyze", [("text", "وزيرا الدفاع الأميركي والروسي")])
    want = json.loads(run(QUERY, "analyze", "--format", "json", "وزيرا الدفاع الأميركي والروسي").stdout)
    check("/api/analyze = fahras-query analyze --format json", status == 200 and a == want, a)
    # --gazetteer: the extractor set up as fahras-index's; a file that cannot be read stops it.
    mine = os.path.join(WORK, "mine.tsv")
    with open(mine, "w", encoding="utf-8") as f:
        f.write("canonical_id\ttype\tarabic_name\taliases\tenglish_name\tsource\n"
                "my:x\tORG\tالاتصالات العسكرية المباشرة\t\tUS DoD\ttest\n")
    text = "وبحثت الاتصالات العسكرية المباشرة"
    mine_srv = Server(db, "--gazetteer", mine)
    status, a, _ = mine_srv.api("/api/analyze", [("text", text)])
    want = json.loads(run(QUERY, "analyze", "--format", "json", "--gazetteer", mine, text).stdout)
    check("fahras-serve --gazetteer: /api/analyze finds the user's entry as analyze does",
          status == 200 and a == want and [e["id"] for e in a["entities"]] == ["my:x"], a)
    mine_srv.stop()
    r = run(SERVE, "--db", db, "--listen", "127.0.0.1:%d" % free_port(), "--gazetteer",
            os.path.join(WORK, "missing.tsv"))
    check("fahras-serve --gazetteer with a missing file exits 2 naming it",
          r.returncode == 2 and b"missing.tsv" in r.stderr, r.stderr)
    status, health, _ = srv.api("/healthz", [])
    check("/healthz ok with the document count", status == 200 and health["status"] == "ok"
          and health["documents"] > 50 and "generation" in health and health["last_indexed"], health)

    # --- errors ------------------------------------------------------------------------
    for params, want_status, words in [
        ([("q", "سوريا"), ("limit", "1000")], 400, "limit"),
        ([("q", "سوريا"), ("limit", "x")], 400, "limit"),
        ([("q", "سوريا"), ("offset", "10001")], 400, "offset"),
        ([("q", "سوريا"), ("sort", "up")], 400, "sort"),
        ([("q", "سوريا"), ("match", "some")], 400, "match"),
        ([("q", "سوريا"), ("qq", "x")], 400, "unknown parameter"),
        ([("q", "سوريا"), ("facets", "nope")], 400, "unknown facet"),
        ([("q", "(سوريا")], 400, "column"),
        ([("q", "date:2015-13")], 400, "column"),
        ([("from", "2015-99")], 400, "2015-99"),
        ([("agency", "NoSuchAgency")], 400, "unknown agency"),
        ([("same_story", "no-such-id")], 400, "no article"),
        ([("q", "سوريا"), ("from", "2015"), ("from", "2016")], 400, "more than once"),
        ([("q", "س" * 1001)], 414, "1000"),
    ]:
        status, body, _ = srv.api("/api/search", params)
        ok = status == want_status and words in body["error"]["message"]
        if words == "column":
            ok = ok and body["error"].get("column", 0) >= 1
        check("%d for %s" % (want_status, urllib.parse.urlencode(params)[:60]), ok, (status, body))
    status, body, _ = srv.get("/api/search?q=" + "a" * 9000)
    check("414 for a URL over 8 KiB", status == 414, status)
    status, body, headers = srv.request("POST", "/api/search", body=b"q=x",
                                        headers={"Content-Type": "application/x-www-form-urlencoded"})
    check("405 for a POST (JSON, Allow: GET, HEAD)", status == 405
          and json.loads(body)["error"]["status"] == 405 and "GET" in headers.get("Allow", ""), body)
    bomb = gzip.compress(b"\0" * 1000000)
    status, body, _ = srv.request("GET", "/api/search?q=x", body=bomb,
                                  headers={"Content-Encoding": "gzip"})
    check("a gzip Content-Encoding body is refused (415)", status == 415, (status, body[:100]))
    status, body, _ = srv.request("GET", "/api/search?q=x", body=b"x" * 100)
    check("a request body is refused (413)", status == 413, status)
    check("404 JSON for an unknown API path", srv.get("/api/nothing")[0] == 404)
    check("405 for DELETE", srv.request("DELETE", "/healthz")[0] == 405)

    # --- static files and traversal ----------------------------------------------------
    assets = os.path.join(WORK, "assets")
    os.makedirs(os.path.join(assets, "css"))
    with open(os.path.join(assets, "index.html"), "w") as f:
        f.write("<!doctype html><title>Fahras</title>")
    with open(os.path.join(assets, "css", "site.css"), "w") as f:
        f.write("body{}")
    with open(os.path.join(WORK, "secret.txt"), "w") as f:
        f.write("SECRET")
    os.symlink(os.path.join(WORK, "secret.txt"), os.path.join(assets, "link.txt"))
    os.symlink(WORK, os.path.join(assets, "up"))
    web = Server(db, "--assets", assets)
    status, body, headers = web.get("/")
    check("/ serves index.html", status == 200 and b"Fahras" in body
          and headers.get("Content-Type", "").startswith("text/html"), status)
    check("an asset in a subdirectory", web.get("/css/site.css")[0] == 200)
    for target in ["/../secret.txt", "/%2e%2e/secret.txt", "/css/..%2f..%2fsecret.txt",
                   "/%2e%2e%2fsecret.txt", "/css/%2e%2e/%2e%2e/secret.txt", "/link.txt",
                   "/up/secret.txt", "/..\\secret.txt", "/css%2fsite.css", "/.hidden",
                   "/%2E%2E/%2E%2E/etc/passwd", "/....//secret.txt"]:
        status, body, _ = web.get(target)
        check("traversal %s is a 404" % target, status == 404 and b"SECRET" not in body, (status, body[:80]))
    web.stop()

    # --- a pathological query answers in bounded time; the server stays responsive ------
    counts = {}
    for name in os.listdir(os.path.join(SRC, "sample_corpus", "ant")):
        for line in open(os.path.join(SRC, "sample_corpus", "ant", name), encoding="utf-8"):
            for w in json.loads(line).get("body", "").split():
                if w.isalpha():
                    counts[w] = counts.get(w, 0) + 1
    common = sorted(counts, key=lambda w: -counts[w])
    or300 = " OR ".join(common[:300])
    start = time.time()
    status = srv.api("/api/search", [("q", or300)])[0]
    check("an OR of 300 common words fails fast (%.2f s, %d: q over 1,000 characters)"
          % (time.time() - start, status), status == 414 and time.time() - start < 5)
    # The longest free-text query the limit lets through: as many common short words as fit.
    words = ""
    for w in sorted(common[:3000], key=len):
        if len(words) + len(w) + 1 > 1000:
            break
        words += w + " "
    slow = {}

    def pathological():
        start = time.time()
        slow["status"] = srv.api("/api/search", [("q", words), ("match", "any"), ("facets", "1")])[0]
        slow["seconds"] = time.time() - start
    t = threading.Thread(target=pathological)
    t.start()
    start = time.time()
    health = srv.get("/healthz")[0]
    responsive = time.time() - start
    t.join(30)
    check("%d common words OR'ed answer in bounded time (%.2f s, status %s)"
          % (len(words.split()), slow.get("seconds", -1), slow.get("status")),
          slow.get("status") == 200 and slow.get("seconds", 99) < 10)
    check("the server answers meanwhile (%.2f s)" % responsive, health == 200 and responsive < 5)

    # --- shards: the API answers the same over a sharded stub --------------------------
    sdb = os.path.join(WORK, "sharded")
    r = run(INDEX, "--db", sdb, "--shards", "2", "-q", os.path.join(SRC, "sample_corpus"))
    check("index the sample corpus as 2 shards", r.returncode == 0, r.stderr)
    shard_srv = Server(sdb)
    for args, params in cases[:6]:
        want = cli_json(sdb, args + ([p[1] for p in params if p[0] == "q"] or []))
        status, got, _ = shard_srv.api("/api/search", params)
        check("shards: /api/search = fahras-query: %s" % urllib.parse.urlencode(params)[:60],
              status == 200 and without(got, "took_ms") == want, got)
    shard_srv.stop()

    # --- a --rebuild while 16 clients loop on requests ---------------------------------
    corpus = os.path.join(WORK, "corpus")
    shutil.copytree(os.path.join(SRC, "sample_corpus"), corpus)
    with open(os.path.join(corpus, "new.jsonl"), "w", encoding="utf-8") as f:
        f.write(json.dumps({"id": "new-1", "title": "علامةجديدة في الأرشيف",
                            "body": "خبر جديد فيه علامةجديدة للاختبار.", "source": "test",
                            "date": "2020-01-01"}, ensure_ascii=False) + "\n")
    stop = threading.Event()
    results = {"ok": 0, "failed": 0, "errors": []}
    lock = threading.Lock()

    def client(i):
        targets = ["/api/search?" + urllib.parse.urlencode({"q": "سوريا", "facets": "1"}),
                   "/api/search?" + urllib.parse.urlencode({"q": "علامةجديدة"}),
                   "/api/histogram?" + urllib.parse.urlencode({"q": "سوريا"}), "/healthz"]
        n = 0
        while not stop.is_set():
            target = targets[(i + n) % len(targets)]
            n += 1
            try:
                status, body, _ = srv.get(target, timeout=20)
                good = status == 200
            except OSError as e:
                good, status, body = False, str(e), b""
            with lock:
                if good:
                    results["ok"] += 1
                else:
                    results["failed"] += 1
                    results["errors"].append((target, status, body[:200]))
    threads = [threading.Thread(target=client, args=(i,)) for i in range(16)]
    for t in threads:
        t.start()
    time.sleep(1.5)
    # The first rebuild exchanges the plain directory for a stub directory, the second
    # switches the stub to a new generation: both while the clients run.
    r = run(INDEX, "--db", db, "--rebuild", "-q", os.path.join(SRC, "sample_corpus"))
    check("--rebuild of the plain database under load exits 0", r.returncode == 0, r.stderr)
    time.sleep(1.5)
    r = run(INDEX, "--db", db, "--rebuild", "-q", corpus)
    check("--rebuild of the stub directory under load exits 0", r.returncode == 0, r.stderr)
    seen = None
    start = time.time()
    while time.time() - start < 8:
        status, got, _ = srv.api("/api/search", [("q", "علامةجديدة")])
        if status == 200 and any(h["id"] == "new-1" for h in got["hits"]):
            seen = time.time() - start
            break
        time.sleep(0.1)
    time.sleep(max(0.0, 10 - 1.5 - (time.time() - start)))
    stop.set()
    for t in threads:
        t.join(30)
    print("# requests during the rebuild: %d ok, %d failed" % (results["ok"], results["failed"]))
    check("requests ran during the rebuild (%d)" % results["ok"], results["ok"] >= 50)
    check("0 failed requests during the rebuild", results["failed"] == 0, results["errors"][:3])
    check("the new article is served after the rebuild (%.2f s)" % (seen if seen is not None else -1),
          seen is not None and seen <= 3)
    status, health, _ = srv.api("/healthz", [])
    check("/healthz names the new generation", status == 200 and (health["generation"] or "").startswith("gen-"), health)

    # --- the database goes away: 503 ----------------------------------------------------
    moved = db + ".away"
    os.rename(db, moved)
    time.sleep(1.5)
    status, body, _ = srv.api("/api/search", [("q", "سوريا")])
    check("503 while the database cannot be opened", status == 503 and body["error"]["status"] == 503, (status, body))
    status, body, _ = srv.api("/healthz", [])
    check("/healthz 503 unavailable", status == 503 and body["status"] == "unavailable", (status, body))
    os.rename(moved, db)
    time.sleep(1.5)
    check("back to 200 when it is back", srv.api("/api/search", [("q", "سوريا")])[0] == 200)

    # --- access log, and SIGTERM drains -------------------------------------------------
    lines = open(srv.log, encoding="utf-8").read().splitlines()
    check("one access-log line per request (%d)" % len(lines), len(lines) >= results["ok"]
          and all(len(l.split()) == 5 for l in lines[-20:]), lines[-3:])
    check("the access log holds no query", not any("سوريا" in l or "?" in l for l in lines))
    pending = {}

    def in_flight():
        pending["status"] = srv.api("/api/search", [("q", words), ("match", "any"), ("facets", "1")])[0]
    t = threading.Thread(target=in_flight)
    t.start()
    time.sleep(0.05)
    rc = srv.stop(signal.SIGTERM)
    t.join(30)
    check("SIGTERM: exit 0", rc == 0, rc)
    check("SIGTERM: the request in flight was answered", pending.get("status") == 200, pending)


try:
    main()
except Exception as e:  # a crash of the test itself is a failure, never a pass
    import traceback
    traceback.print_exc()
    check("the test ran to the end", False, e)
finally:
    for s in SERVERS:
        if s.proc.poll() is None:
            s.proc.kill()
            s.proc.wait()
    shutil.rmtree(WORK, ignore_errors=True)
print("%d passed, %d failed" % (checks - failures, failures))
sys.exit(0 if failures == 0 else 1)
