/* Uploads as an attacker sends them: bodies are read only after the route
 * and the session are known to be good, the form's token comes first and a
 * wrong one drops the rest, files stream to disk rather than memory, only
 * so many are received at once, and a file name with a NUL is refused. */
#include "harness.h"

#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

enum { HELD = 200, DECLARED = 10 * 1024 * 1024, SENT = 2 * 1024 * 1024 };

static char dnr[32], sid[128], upload_path[64];

/* Milliseconds on a monotonic clock. */
static long
now_ms(void)
{
	struct timespec t;
	clock_gettime(CLOCK_MONOTONIC, &t);
	return t.tv_sec * 1000 + t.tv_nsec / 1000000;
}

/* The head of an upload of a 10 MiB body to the case, with a session
 * cookie when session is given (and the CSRF cookie when cookie_token
 * is), and the start of its body: the token part (token NULL: none) and
 * the start of a file part. */
static int
upload_start(const char *session, const char *cookie_token, const char *token, char *out, size_t n)
{
	char part[512] = "";
	if (token)
		snprintf(part, sizeof(part),
		         "--" H_BOUNDARY "\r\nContent-Disposition: form-data; name=\"csrf\"\r\n\r\n"
		         "%s\r\n",
		         token);
	size_t k = strlen(part);
	snprintf(part + k, sizeof(part) - k,
	         "--" H_BOUNDARY "\r\nContent-Disposition: form-data; name=\"dokument\"; "
	         "filename=\"stort.pdf\"\r\nContent-Type: application/pdf\r\n\r\n%%PDF-1.4\n");
	char cookie[256] = "";
	if (session)
		snprintf(cookie, sizeof(cookie), "Cookie: sid=%s%s%s\r\n", session,
		         cookie_token ? "; csrf=" : "", cookie_token ? cookie_token : "");
	return snprintf(out, n,
	                "POST %s HTTP/1.1\r\nHost: x\r\n%s"
	                "Content-Type: multipart/form-data; boundary=" H_BOUNDARY "\r\n"
	                "Content-Length: %d\r\n\r\n%s",
	                upload_path, cookie, DECLARED, part);
}

/* Opens count connections that each send a head (start) and then up to
 * SENT bytes of filler, all at once without waiting for answers, within
 * a few seconds: the connections, still open, in fds. */
static void
hold_uploads(int *fds, int count, const char *start)
{
	static char filler[64 * 1024];
	memset(filler, 'x', sizeof(filler));
	size_t *sent = calloc((size_t)count, sizeof(*sent));
	size_t head = strlen(start);
	for (int i = 0; i < count; i++) {
		fds[i] = h_connect();
		if (fds[i] >= 0)
			fcntl(fds[i], F_SETFL, O_NONBLOCK);
	}
	struct pollfd *waits = calloc((size_t)count, sizeof(*waits));
	long until = now_ms() + 8000;
	int busy = 1;
	while (busy && now_ms() < until) {
		busy = 0;
		int moved = 0, nwait = 0;
		for (int i = 0; i < count; i++) {
			if (fds[i] < 0 || sent[i] >= head + SENT)
				continue;
			const char *p = sent[i] < head ? start + sent[i] : filler;
			size_t n = sent[i] < head ? head - sent[i] : sizeof(filler);
			if (sent[i] >= head && sent[i] + n > head + SENT)
				n = head + SENT - sent[i];
			ssize_t w = send(fds[i], p, n, MSG_NOSIGNAL);
			if (w > 0) {
				sent[i] += (size_t)w;
				moved = 1;
			} else if (w < 0 && errno != EAGAIN) {
				sent[i] = head + SENT; /* the server closed it: done */
			} else {
				waits[nwait++] = (struct pollfd){fds[i], POLLOUT, 0};
			}
			busy = 1;
		}
		/* every socket full: wait for the server to read, rather than
		 * spin on a core it needs (only 3 of 16 uploads had begun in 10 s
		 * beside a parallel suite under ASan) */
		if (!moved && nwait)
			poll(waits, (nfds_t)nwait, 50);
	}
	free(waits);
	free(sent);
}

/* The status the server answered on a held connection, 0 if none yet. */
static int
answer_of(int fd)
{
	char buf[512];
	struct pollfd p = {fd, POLLIN, 0};
	if (poll(&p, 1, 2000) <= 0)
		return 0;
	ssize_t got = recv(fd, buf, sizeof(buf) - 1, 0);
	if (got < 12 || memcmp(buf, "HTTP/1.", 7) != 0)
		return 0;
	return atoi(buf + 9);
}

/* How many files the spool folder holds. */
static int
spooled(void)
{
	char cmd[4200];
	snprintf(cmd, sizeof(cmd), "ls -A '%s/.incoming' | wc -l", h_files());
	FILE *f = popen(cmd, "r");
	int n = -1;
	if (f && fscanf(f, "%d", &n) != 1)
		n = -1;
	if (f)
		pclose(f);
	return n;
}

/* 200 uploads of 10 MiB held open, half without a session, half signed in
 * but with a wrong token: the server's memory stays under 100 MB. */
static void
held_uploads(struct hclient *rep)
{
	int fds[HELD];
	static char anon[1024], forged[1024];
	upload_start(NULL, NULL, NULL, anon, sizeof(anon));
	upload_start(sid, h_csrf(rep), "0123456789abcdef0123456789abcdef", forged, sizeof(forged));
	long before = h_server_kib("VmRSS");
	hold_uploads(fds, HELD / 2, anon);
	hold_uploads(fds + HELD / 2, HELD / 2, forged);
	long during = h_server_kib("VmRSS");
	int refused = 0;
	for (int i = 0; i < HELD / 2; i++)
		refused += answer_of(fds[i]) == 403;
	for (int i = 0; i < HELD; i++)
		if (fds[i] >= 0)
			close(fds[i]);
	h_check(during > 0 && during < 100 * 1024,
	        "200 held 10 MiB uploads without a session or with a forged token: the server "
	        "holds %ld MB (%ld MB before)",
	        during / 1024, before / 1024);
	h_check(refused == HELD / 2,
	        "an upload without a session is answered 403 before its body (%d of %d)", refused,
	        HELD / 2);
	struct hclient *visitor = h_client();
	h_check(h_alive() && h_get_status(visitor, "/foreningar") == 200,
	        "the server still answers");
	h_client_free(visitor);
}

/* The token must come first: after it, a file; never a file before it.
 * (The forged uploads held before may still be draining: the server reads
 * what was sent of each before it sees the close, and until then the
 * uploads under way are at their limit and this one waits, 503.) */
static void
token_first(struct hclient *rep)
{
	struct hstr b = {0};
	struct hresp r;
	h_mp_field(&b, "typ", "ovrigt");
	h_mp_field(&b, "csrf", h_csrf(rep));
	h_mp_file(&b, "dokument", "a.pdf", "application/pdf", "%PDF-1.4\n%%EOF\n", 15);
	h_mp_end(&b);
	long until = now_ms() + 3000;
	for (;;) {
		h_post_multipart(rep, upload_path, &b, &r);
		if (r.status != 503 || now_ms() > until)
			break;
		hresp_free(&r);
		usleep(200 * 1000);
	}
	h_check(r.status == 403, "a form whose token is not its first field: 403 (got %ld)",
	        r.status);
	hresp_free(&r);
	hstr_free(&b);

	b = (struct hstr){0};
	h_mp_field(&b, "csrf", h_csrf(rep));
	h_mp_field(&b, "epost", "a@example.se");
	h_mp_end(&b);
	h_post_multipart(rep, "/logga-in", &b, &r);
	h_check(r.status == 400, "a multipart body to a form that takes no files: 400 (got %ld)",
	        r.status);
	hresp_free(&r);
	hstr_free(&b);
}

/* A NUL in a file name refuses the form; it is not cut short and stored. */
static void
nul_in_name(struct hclient *rep)
{
	char count_before[32], count_after[32];
	h_sql_line("SELECT count(*) FROM case_documents", count_before, sizeof(count_before));
	struct hstr b = {0};
	h_mp_field(&b, "csrf", h_csrf(rep));
	h_mp_field(&b, "typ", "ovrigt");
	static const char head[] = "--" H_BOUNDARY "\r\nContent-Disposition: form-data; "
	                           "name=\"dokument\"; filename=\"stadgar.pdf\0.html\"\r\n"
	                           "Content-Type: application/pdf\r\n\r\n%PDF-1.4\n%%EOF\n\r\n";
	hstr_add(&b, head, sizeof(head) - 1);
	h_mp_end(&b);
	struct hresp r;
	h_post_multipart(rep, upload_path, &b, &r);
	h_sql_line("SELECT count(*) FROM case_documents", count_after, sizeof(count_after));
	h_check(r.status == 400 && strcmp(count_before, count_after) == 0,
	        "a NUL in a file name: 400 and nothing stored (got %ld, %s then %s documents)",
	        r.status, count_before, count_after);
	hresp_free(&r);
	hstr_free(&b);
}

/* Only so many uploads are received at once: with 16 under way, the next
 * gets 503 and Retry-After; once they end, it goes through. */
static void
in_flight(struct hclient *rep)
{
	enum { AT_ONCE = 16 };
	int fds[AT_ONCE];
	static char start[1024];
	upload_start(sid, h_csrf(rep), h_csrf(rep), start, sizeof(start));
	hold_uploads(fds, AT_ONCE, start);
	/* under way once each has its spool file: on a busy machine the heads
	 * take longer than a fixed wait (a 300 ms sleep failed under a
	 * parallel suite) */
	long ready = now_ms() + 10000;
	while (spooled() < AT_ONCE && now_ms() < ready)
		usleep(50 * 1000);
	struct hstr ans = {0};
	int st = h_raw(start, strlen(start), &ans);
	h_check(st == 503 && strstr(ans.p, "Retry-After:"),
	        "with 16 uploads under way the next is answered 503 with Retry-After (got %d)", st);
	hstr_free(&ans);
	h_check(spooled() == AT_ONCE, "each upload under way writes to its own spool file (%d)",
	        spooled());
	/* dropped while the server is still reading them: each has begun (its
	 * spool file is there), so none is counted gone before it has begun;
	 * dropping a second batch at once after sending raced a slow server,
	 * which had not yet begun them when the count was read */
	for (int i = 0; i < AT_ONCE; i++)
		close(fds[i]);
	long until = now_ms() + 5000;
	while (spooled() != 0 && now_ms() < until)
		usleep(50 * 1000);
	h_check(spooled() == 0,
	        "uploads dropped by their senders after 2 MiB are noticed at once, not at the "
	        "30 s timeout: their spool files are removed within 5 s (%d left)",
	        spooled());
	struct hstr b = {0};
	struct hresp r;
	h_mp_field(&b, "csrf", h_csrf(rep));
	h_mp_field(&b, "typ", "ovrigt");
	h_mp_file(&b, "dokument", "protokoll.pdf", "application/pdf", "%PDF-1.4\n%%EOF\n", 15);
	h_mp_end(&b);
	h_post_multipart(rep, upload_path, &b, &r);
	h_check(r.status == 303 && spooled() == 0,
	        "then an upload goes through and leaves no spool file (got %ld)", r.status);
	hresp_free(&r);
	hstr_free(&b);
}

int
main(void)
{
	h_serve_own_files();
	h_start();
	struct hclient *rep = h_client();
	h_check(h_login(rep, "representative") == 303, "the representative signs in");
	h_cookie(rep, "sid", sid, sizeof(sid));
	h_sql_line("SELECT diarienummer FROM cases ORDER BY id LIMIT 1", dnr, sizeof(dnr));
	snprintf(upload_path, sizeof(upload_path), "/arenden/%s/dokument", dnr);
	held_uploads(rep);
	token_first(rep);
	nul_in_name(rep);
	in_flight(rep);
	h_client_free(rep);
	return h_finish();
}
