#!/usr/bin/env python3
"""The register written to while bench/run.sh's mixed load reads it.

Signs in as an administrator and, every INTERVAL seconds, saves one
association through the administrator's form (POST /admin/foreningar/ID),
as an administrator or the yearly update does: the app's own write path,
its sort key, its place in the order, the search index and the content
generations all change as they do in use. The associations are taken in
turn from a random sample of listed ones. Each write, by KIND:
  rename   renames it with another prefix, so it moves elsewhere in the
           list and every page between its old and its new place changes,
           and adds one member: what lists, searches and counts read
           changes (the search generation too);
  members  adds one member (shown on its detail page) and nothing else, as
           a yearly update often does: only the pages change.

Usage: writer.py BASE_URL EMAIL PASSWORD MAXID [KIND]
  KIND is rename (the default) or members. Prints "ready" once signed in
  and the sample's forms are read, then writes until SIGTERM or SIGINT,
  then prints one line: "writes N failed F p50_ms P p99_ms Q max_ms M".
"""
import html.parser
import http.client
import random
import signal
import sys
import time
import urllib.parse

INTERVAL = 0.1
SAMPLE = 40
# Prefixes from the start to the end of the alphabet in Swedish order, so
# that a renamed association lands somewhere else each time.
PREFIXES = ["", "Aktiva ", "Bästa ", "Förenade ", "Lilla ", "Mellersta ",
            "Norra ", "Stora ", "Unga ", "Västra ", "Östra "]


class Client:
    """One keep-alive connection with the cookies the server set."""

    def __init__(self, base):
        u = urllib.parse.urlsplit(base)
        self.host, self.port = u.hostname, u.port
        self.cookies = {}
        self.conn = None

    def request(self, method, path, fields=None):
        body = urllib.parse.urlencode(fields) if fields is not None else None
        headers = {"Cookie": "; ".join(f"{k}={v}" for k, v in self.cookies.items())}
        if body is not None:
            headers["Content-Type"] = "application/x-www-form-urlencoded"
        for attempt in (0, 1):
            try:
                if self.conn is None:
                    self.conn = http.client.HTTPConnection(self.host, self.port, timeout=30)
                self.conn.request(method, path, body, headers)
                r = self.conn.getresponse()
                data = r.read()
                break
            except (OSError, http.client.HTTPException):
                self.conn = None
                if attempt:
                    raise
        for k, v in r.getheaders():
            if k.lower() == "set-cookie":
                name, _, rest = v.partition("=")
                self.cookies[name.strip()] = rest.split(";", 1)[0]
        return r.status, data.decode("utf-8", "replace")


class AssocForm(html.parser.HTMLParser):
    """The fields of the association form as a browser would send them:
    text inputs, the chosen option, the textarea, ticked boxes."""

    def __init__(self, action):
        super().__init__()
        self.action, self.inside, self.fields = action, False, []
        self.select = self.textarea = None
        self.listed = {"aktiv": False, "offentlig": False}

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "form":
            self.inside = a.get("action") == self.action
        if not self.inside:
            return
        if tag == "input" and a.get("name"):
            kind = a.get("type", "text")
            if kind == "checkbox":
                if "checked" in a:
                    self.fields.append((a["name"], a.get("value", "1")))
                    if a["name"] in self.listed:
                        self.listed[a["name"]] = True
            elif kind != "submit":
                self.fields.append((a["name"], a.get("value", "")))
        elif tag == "select":
            self.select = a.get("name")
        elif tag == "option" and self.select and "selected" in a:
            self.fields.append((self.select, a.get("value", "")))
        elif tag == "textarea":
            self.textarea = a.get("name")
            self.fields.append((self.textarea, ""))

    def handle_endtag(self, tag):
        if tag == "form":
            self.inside = False
        elif tag == "select":
            self.select = None
        elif tag == "textarea":
            self.textarea = None

    def handle_data(self, data):
        if self.textarea:
            name, value = self.fields[-1]
            self.fields[-1] = (name, value + data)


def sign_in(c, email, password):
    c.request("GET", "/logga-in")
    status, _ = c.request("POST", "/logga-in", {
        "csrf": c.cookies.get("csrf", ""), "epost": email, "losenord": password})
    if status != 303:
        sys.exit(f"writer: signing in answered {status}")


def read_form(c, aid):
    """The form of a listed association, or None."""
    action = f"/admin/foreningar/{aid}"
    status, page = c.request("GET", action)
    if status != 200:
        return None
    p = AssocForm(action)
    p.feed(page)
    if not all(p.listed.values()):
        return None
    return dict(p.fields) | {"omrade": [v for k, v in p.fields if k == "omrade"],
                             "malgrupp": [v for k, v in p.fields if k == "malgrupp"]}


def form_body(f):
    """The fields as pairs, repeated checkboxes as repeated pairs."""
    out = []
    for k, v in f.items():
        out += [(k, x) for x in v] if isinstance(v, list) else [(k, v)]
    return out


def main():
    if len(sys.argv) not in (5, 6) or sys.argv[5:] not in ([], ["rename"], ["members"]):
        sys.exit(__doc__)
    base, email, password, maxid = sys.argv[1], sys.argv[2], sys.argv[3], int(sys.argv[4])
    rename = sys.argv[5:] != ["members"]
    c = Client(base)
    sign_in(c, email, password)
    forms = {}
    for aid in random.sample(range(1, maxid + 1), min(maxid, SAMPLE * 2)):
        f = read_form(c, aid)
        if f:
            forms[aid] = f | {"base": f["namn"]}
        if len(forms) == SAMPLE:
            break
    stop = []
    signal.signal(signal.SIGTERM, lambda *_: stop.append(1))
    signal.signal(signal.SIGINT, lambda *_: stop.append(1))
    print("ready", flush=True)
    ids = list(forms)
    times, failed, k = [], 0, 0
    due = time.monotonic()
    while not stop:
        aid = ids[k % len(ids)]
        k += 1
        f = forms[aid]
        if rename:
            f["namn"] = random.choice([x for x in PREFIXES if x + f["base"] != f["namn"]]) + f["base"]
        f["medlemmar"] = str(int(f.get("medlemmar") or 0) + 1)
        f["csrf"] = c.cookies.get("csrf", "")
        body = form_body({k2: v for k2, v in f.items() if k2 != "base"})
        t0 = time.monotonic()
        try:
            status, _ = c.request("POST", f"/admin/foreningar/{aid}", body)
        except (OSError, http.client.HTTPException):
            status = 0
        times.append((time.monotonic() - t0) * 1000)
        if status != 303:
            failed += 1
        due = max(due + INTERVAL, time.monotonic())
        while not stop and time.monotonic() < due:
            time.sleep(max(0.0, min(0.01, due - time.monotonic())))
    times.sort()
    n = len(times)
    q = (lambda p: times[min(n - 1, int(p * n))]) if n else (lambda p: 0)
    print(f"writes {n} failed {failed} p50_ms {q(0.5):.1f} p99_ms {q(0.99):.1f} "
          f"max_ms {times[-1] if n else 0:.1f}", flush=True)


if __name__ == "__main__":
    main()
