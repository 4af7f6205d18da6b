/* Hostile and broken requests: each gets a 4xx with the security headers,
 * never a 500, and the server keeps answering. */
#include "harness.h"

#include <errno.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

/* The headers every response must carry, error pages included. */
static void
check_headers(const struct hresp *r, const char *what)
{
	char v[512];
	const char *csp = hresp_header(r, "Content-Security-Policy", v, sizeof(v));
	h_check(csp && strstr(csp, "default-src 'self'") && !strstr(csp, "unsafe-inline"),
	        "%s: Content-Security-Policy with default-src 'self' (%s)", what,
	        csp ? csp : "none");
	const char *nosniff = hresp_header(r, "X-Content-Type-Options", v, sizeof(v));
	h_check(nosniff && strcmp(nosniff, "nosniff") == 0, "%s: X-Content-Type-Options nosniff",
	        what);
	h_check(hresp_header(r, "Referrer-Policy", v, sizeof(v)) != NULL, "%s: Referrer-Policy",
	        what);
}

/* One request whose status must be exactly want, with the headers. */
static void
expect(struct hclient *c, const char *method, const char *path, const char *ctype, const char *body,
       size_t len, const char *const *headers, long want, const char *what)
{
	struct hresp r;
	h_request(c, method, path, ctype, body, len, headers, &r);
	h_check(r.status == want, "%s: %ld (want %ld)", what, r.status, want);
	if (r.status > 0)
		check_headers(&r, what);
	hresp_free(&r);
	h_check(h_alive(), "%s: the server is still running", what);
}

/* A body far over the 1 MiB limit, sent as a browser does (no Expect) and
 * as curl does by default (Expect: 100-continue), and with no length. */
static void
oversized_bodies(struct hclient *c)
{
	size_t n = 2 * 1024 * 1024;
	char *big = malloc(n);
	memcpy(big, "q=", 2);
	memset(big + 2, 'a', n - 2);
	const char *no_expect[] = {"Expect:", NULL};
	const char *expect100[] = {"Expect: 100-continue", NULL};
	const char *chunked[] = {"Transfer-Encoding: chunked", "Expect:", NULL};
	const char *ct = "application/x-www-form-urlencoded";
	expect(c, "POST", "/logga-in", ct, big, n, no_expect, 413, "2 MB urlencoded POST");
	expect(c, "POST", "/logga-in", ct, big, n, expect100, 413,
	       "2 MB urlencoded POST with Expect: 100-continue");
	expect(c, "POST", "/logga-in", ct, big, n, chunked, 413, "2 MB chunked POST");
	expect(c, "POST", "/logga-in", "text/plain", big, n, no_expect, 413,
	       "2 MB of another type");
	free(big);

	/* refused on the headers alone: a client that waits for 100 Continue
	 * before sending 5 MB of form gets 413 at once, not an invitation to
	 * send what would be refused (documents, up to 10 MB, come as
	 * multipart/form-data, which may be that large) */
	const char *head = "POST /logga-in HTTP/1.1\r\nHost: x\r\n"
	                   "Content-Type: application/x-www-form-urlencoded\r\n"
	                   "Content-Length: 5242880\r\nExpect: 100-continue\r\n\r\n";
	struct hstr ans = {0};
	int st = h_raw(head, strlen(head), &ans);
	h_check(st == 413,
	        "a 5 MB form announced with Expect: 100-continue: 413 before the body "
	        "(got %d)",
	        st);
	hstr_free(&ans);
	/* one already sending is let finish up to 4 MiB (so it reads the
	 * answer, not a reset); past that it is answered from the headers */
	head = "POST /logga-in HTTP/1.1\r\nHost: x\r\n"
	       "Content-Type: application/x-www-form-urlencoded\r\n"
	       "Content-Length: 8388608\r\n\r\n";
	st = h_raw(head, strlen(head), &ans);
	h_check(st == 413, "an 8 MB form sent without waiting: 413 before the body (got %d)", st);
	hstr_free(&ans);
	head = "POST /arenden/FRI-2026-0001/dokument HTTP/1.1\r\nHost: x\r\n"
	       "Content-Type: multipart/form-data; boundary=x\r\n"
	       "Content-Length: 5242880\r\nExpect: 100-continue\r\n\r\n";
	st = h_raw(head, strlen(head), &ans);
	h_check(st == 403,
	        "a 5 MB document announced the same way by someone not signed in: 403 before "
	        "the body, not an invitation (got %d)",
	        st);
	hstr_free(&ans);
	/* the applicant, signed in, is invited to send it */
	struct hclient *rep = h_client();
	h_login(rep, "representative");
	char sid[128], raw[1024];
	h_cookie(rep, "sid", sid, sizeof(sid));
	snprintf(raw, sizeof(raw),
	         "POST /arenden/FRI-2026-0001/dokument HTTP/1.1\r\nHost: x\r\n"
	         "Cookie: sid=%s\r\n"
	         "Content-Type: multipart/form-data; boundary=x\r\n"
	         "Content-Length: 5242880\r\nExpect: 100-continue\r\n\r\n",
	         sid);
	st = h_raw(raw, strlen(raw), &ans);
	h_check(st == 100,
	        "the applicant's 5 MB document announced the same way is invited (got %d)", st);
	h_client_free(rep);
	hstr_free(&ans);
}

/* Request lines libmicrohttpd or our router must refuse, over a raw socket. */
static void
raw_requests(void)
{
	static const struct {
		const char *data, *what;
		int may_close;
	} cases[] = {
	        {"GET foreningar HTTP/1.1\r\nHost: x\r\n\r\n", "a target without the leading /", 0},
	        {"GET /foreningar%zz HTTP/1.1\r\nHost: x\r\n\r\n", "a broken %-escape in the path",
	         0},
	        {"GET / HTTP/1.1 trailing\r\nHost: x\r\n\r\n", "junk after the version", 0},
	        {"GET / HTTP/1.1\r\n\r\n", "HTTP/1.1 without Host", 0},
	        {"GET /a b c HTTP/1.1\r\nHost: x\r\n\r\n", "spaces inside the target", 0},
	        {"GET /a\tb HTTP/1.1\r\nHost: x\r\n\r\n", "a tab inside the target", 0},
	        /* libmicrohttpd drops this without an answer: no 2xx, no 5xx */
	        {"GARBAGE\r\n\r\n", "a request line of one word", 1},
	};
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		struct hstr ans = {0};
		int st = h_raw(cases[i].data, strlen(cases[i].data), &ans);
		if (cases[i].may_close)
			h_check(st == 0 || (st >= 400 && st < 500),
			        "raw %s: a 4xx or the connection closed (got %d)", cases[i].what,
			        st);
		else
			h_check(st >= 400 && st < 500, "raw %s: a 4xx (got %d)", cases[i].what, st);
		hstr_free(&ans);
		h_check(h_alive(), "raw %s: the server is still running", cases[i].what);
	}
	struct hclient *c = h_client();
	struct hresp r;
	h_get(c, "/healthz", &r);
	h_check(r.status == 200 && hresp_has(&r, "ok"), "/healthz answers after the raw requests");
	hresp_free(&r);
	h_client_free(c);
}

/* Heads too large for us are answered 431 with the error page, however
 * they are large: many cookies (libmicrohttpd keeps a record of 64 bytes
 * for each), one long header, or more than libmicrohttpd can hold at all,
 * which it answers itself. None is dropped unanswered. */
static void
large_heads(struct hclient *c)
{
	struct hstr cookies = {0};
	hstr_puts(&cookies, "Cookie: ");
	for (int i = 0; i < 900; i++)
		hstr_printf(&cookies, "%s_c%03d=%08x", i ? "; " : "", i, (unsigned)i * 2654435761u);
	const char *many[] = {cookies.p, NULL};
	struct hresp r;
	h_request(c, "GET", "/foreningar", NULL, NULL, 0, many, &r);
	h_check(r.status == 431, "900 cookies (%zu bytes): 431 (got %ld)", cookies.n, r.status);
	check_headers(&r, "900 cookies");
	h_check(hresp_has(&r, "kakor"), "900 cookies: the error page says to delete the cookies");
	hresp_free(&r);
	hstr_free(&cookies);

	struct hstr few = {0};
	hstr_puts(&few, "Cookie: ");
	for (int i = 0; i < 150; i++)
		hstr_printf(&few, "%s_c%03d=%08x", i ? "; " : "", i, (unsigned)i);
	const char *browser[] = {few.p, NULL};
	expect(c, "GET", "/foreningar", NULL, NULL, 0, browser, 200,
	       "150 cookies, as a browser may keep for a site");
	hstr_free(&few);

	size_t n = 60 * 1024;
	char *big = malloc(n + 16);
	memcpy(big, "X-Filler: ", 10);
	memset(big + 10, 'b', n);
	big[10 + n] = 0;
	const char *long_header[] = {big, NULL};
	expect(c, "GET", "/foreningar", NULL, NULL, 0, long_header, 431, "a 60 KiB header");
	free(big);

	struct hstr huge = {0};
	hstr_puts(&huge, "GET /foreningar HTTP/1.1\r\nHost: x\r\nX-Filler: ");
	for (int i = 0; i < 300 * 1024 / 64; i++)
		hstr_puts(&huge,
		          "bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb");
	hstr_puts(&huge, "\r\n\r\n");
	struct hstr ans = {0};
	int st = h_raw(huge.p, huge.n, &ans);
	h_check(st == 431, "a 300 KiB header: 431 from libmicrohttpd itself (got %d)", st);
	hstr_free(&ans);
	hstr_free(&huge);
	h_check(h_alive(), "large heads: the server is still running");
}

/* PostgreSQL ends the server's connections (a restart, a failover, an
 * administrator): the next requests are answered on new connections, none
 * fails, and a signed-in session still works. */
static void
database_connections_end(struct hclient *c)
{
	if (!H.pg)
		return;
	struct hclient *officer = h_client();
	h_check(h_login(officer, "officer") == 303, "an officer signs in");
	struct hstr out = {0};
	int ended = h_sql("SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity WHERE "
	                  "datname = current_database() AND pid <> pg_backend_pid()",
	                  &out) == 0 &&
	                            out.p
	                    ? atoi(out.p)
	                    : 0;
	h_check(ended >= 1, "the database server ends samverka's connections (%d)", ended);
	hstr_free(&out);
	int ok = 0;
	char path[64];
	for (int i = 0; i < 8; i++) {
		snprintf(path, sizeof(path), "/foreningar?q=idrott&sida=%d", i + 1);
		ok += h_get_status(c, "/healthz") == 200;
		ok += h_get_status(c, path) == 200;
		ok += h_get_status(officer, "/handlaggning") == 200;
	}
	h_check(ok == 24, "every request after it is answered on a new connection (%d of 24)", ok);
	h_client_free(officer);
}

/* Whether the server closed the socket within ms milliseconds. */
static int
closed_within(int s, int ms)
{
	struct pollfd p = {s, POLLIN, 0};
	char b;
	return poll(&p, 1, ms) > 0 && (recv(s, &b, 1, MSG_DONTWAIT) == 0 || errno == ECONNRESET);
}

/* One address holds at most 256 connections, whichever of the server's
 * threads (a daemon each, the kernel choosing) took them: of 260 opened at
 * once, the ones past 256 are closed (one more may pass per thread when
 * two take their last place at the same moment), and once some are let
 * go the address is served again. */
static void
connections_per_address(void)
{
	enum { OPENED = 260, LIMIT = 256, THREADS = 2 };
	int s[OPENED], opened = 0, closed = 0;
	for (int i = 0; i < OPENED; i++)
		opened += (s[i] = h_connect()) >= 0;
	usleep(500 * 1000);
	for (int i = 0; i < OPENED; i++)
		if (s[i] >= 0 && closed_within(s[i], 0)) {
			closed++;
			close(s[i]);
			s[i] = -1;
		}
	h_check(opened == OPENED && closed <= OPENED - LIMIT &&
	                closed >= OPENED - LIMIT - (THREADS - 1),
	        "260 connections from one address: %d of %d closed at once (want %d, or one "
	        "fewer)",
	        closed, opened, OPENED - LIMIT);
	int open_one = h_connect();
	h_check(open_one >= 0 && closed_within(open_one, 300),
	        "and one more is closed as it opens");
	if (open_one >= 0)
		close(open_one);
	for (int i = 0; i < OPENED; i++)
		if (s[i] >= 0)
			close(s[i]);
	usleep(200 * 1000);
	struct hclient *c = h_client();
	h_check(h_get_status(c, "/healthz") == 200,
	        "once they are let go, the address is served again");
	h_client_free(c);
}

int
main(void)
{
	h_start();
	connections_per_address(); /* first: no connection of ours is open yet */
	struct hclient *c = h_client();
	char big_header[20000];
	memcpy(big_header, "X-Filler: ", 10);
	memset(big_header + 10, 'b', 17 * 1024);
	big_header[10 + 17 * 1024] = 0;
	const char *big_headers[] = {big_header, NULL};
	const char *mp = "multipart/form-data; boundary=XYZ";
	const char *broken_mp = "--XYZ\r\nContent-Disposition: form-data; name=\"a\"\r\n\r\nno end";
	const char *no_boundary = "--XYZ\r\n\r\n";

	database_connections_end(c);
	expect(c, "GET", "/", NULL, NULL, 0, NULL, 200, "GET /");
	expect(c, "GET", "/foreningar", NULL, NULL, 0, NULL, 200, "GET /foreningar");
	expect(c, "GET", "/api/v1/foreningar", NULL, NULL, 0, NULL, 200, "GET the JSON API");
	expect(c, "GET", "/oppna-data/foreningar.csv", NULL, NULL, 0, NULL, 200, "GET the CSV");
	expect(c, "GET", "/finns-inte", NULL, NULL, 0, NULL, 404, "an unknown page");
	expect(c, "GET", "/foreningar/999999999", NULL, NULL, 0, NULL, 404,
	       "an unknown association");
	expect(c, "GET", "/api/v1/foreningar/999999999", NULL, NULL, 0, NULL, 404,
	       "an unknown association in the API");
	expect(c, "GET", "/foreningar/abc", NULL, NULL, 0, NULL, 404, "a non-numeric id");
	expect(c, "DELETE", "/foreningar", NULL, NULL, 0, NULL, 405, "DELETE /foreningar");
	expect(c, "PUT", "/foreningar", "application/x-www-form-urlencoded", "a=1", 3, NULL, 405,
	       "PUT /foreningar");
	expect(c, "GET", "/foreningar%00", NULL, NULL, 0, NULL, 400, "GET /foreningar%00");
	expect(c, "GET", "/foreningar?q=%ff", NULL, NULL, 0, NULL, 400,
	       "invalid UTF-8 in the query (?q=%ff)");
	expect(c, "GET", "/foreningar?q=%c3%28", NULL, NULL, 0, NULL, 400,
	       "an invalid UTF-8 sequence (?q=%c3%28)");
	expect(c, "GET", "/foreningar?q=%zz", NULL, NULL, 0, NULL, 400,
	       "a broken %-escape in the query");
	expect(c, "GET", "/foreningar/%ff", NULL, NULL, 0, NULL, 400, "invalid UTF-8 in the path");
	expect(c, "GET", "/foreningar", NULL, NULL, 0, big_headers, 431, "a 17 KiB header");
	expect(c, "POST", "/logga-in", mp, broken_mp, strlen(broken_mp), NULL, 400,
	       "a multipart body without its closing boundary");
	expect(c, "POST", "/logga-in", mp, no_boundary, strlen(no_boundary), NULL, 400,
	       "a multipart part without headers");
	expect(c, "POST", "/logga-in", "multipart/form-data", broken_mp, strlen(broken_mp), NULL,
	       400, "multipart without a boundary parameter");
	expect(c, "POST", "/logga-in", "application/octet-stream", "abc", 3, NULL, 400,
	       "a POST body of an unknown type");
	oversized_bodies(c);
	large_heads(c);
	raw_requests();
	expect(c, "GET", "/healthz", NULL, NULL, 0, NULL, 200, "/healthz at the end");
	h_client_free(c);
	return h_finish();
}
