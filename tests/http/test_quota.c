/* Upload quotas: a case keeps at most --case-quota bytes of documents and
 * an association's cases together at most --association-quota. The next
 * file over a limit is refused beside its field with what is used of which
 * limit and how large the file is, nothing stored; eight uploads at once
 * into one case cannot squeeze more under the limit than fits; and the
 * file fields of the case page and the yearly update say how much is
 * used. */
#include "harness.h"

#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/wait.h>
#include <unistd.h>

enum { DOC = 15000, AT_ONCE = 8 };

static char doc[DOC];
static char case_quota[24] = "50000", assoc_quota[24] = "1000000";
static const char *serve_args[] = {"--max-upload",
                                   "20000",
                                   "--case-quota",
                                   case_quota,
                                   "--association-quota",
                                   assoc_quota,
                                   "--threads",
                                   "8",
                                   NULL};

/* A PDF the server takes, DOC bytes long. */
static void
make_doc(void)
{
	memset(doc, 'x', sizeof(doc));
	memcpy(doc, "%PDF-1.4\n", 9);
	memcpy(doc + sizeof(doc) - 6, "%%EOF\n", 6);
}

/* One document to a case; the answer into r. */
static long
upload(struct hclient *c, const char *dnr, struct hresp *r)
{
	char path[96];
	struct hstr b = {0};
	snprintf(path, sizeof(path), "/arenden/%s/dokument", dnr);
	h_mp_field(&b, "csrf", h_csrf(c));
	h_mp_field(&b, "typ", "ovrigt");
	h_mp_file(&b, "dokument", "bilaga.pdf", "application/pdf", doc, sizeof(doc));
	h_mp_end(&b);
	h_post_multipart(c, path, &b, r);
	hstr_free(&b);
	return r->status;
}

static long
upload_status(struct hclient *c, const char *dnr)
{
	struct hresp r;
	long st = upload(c, dnr, &r);
	hresp_free(&r);
	return st;
}

/* A number the database gives for a query with one %s (the case's
 * number) filled in. */
static long
sql_long(const char *fmt, const char *arg)
{
	char q[512], v[32];
	snprintf(q, sizeof(q), fmt, arg);
	return atol(h_sql_line(q, v, sizeof(v)));
}

static long
case_bytes(const char *dnr)
{
	return sql_long("SELECT coalesce(sum(d.size), 0) FROM case_documents d JOIN cases c ON "
	                "c.id = d.case_id WHERE c.diarienummer = '%s'",
	                dnr);
}

static long
assoc_bytes(const char *dnr)
{
	return sql_long("SELECT coalesce(sum(d.size), 0) FROM case_documents d JOIN cases c ON "
	                "c.id = d.case_id WHERE c.association_id = (SELECT association_id FROM "
	                "cases WHERE diarienummer = '%s')",
	                dnr);
}

/* The case quota: three files fit, the fourth is refused beside its field
 * in Swedish and in English, and the page says what is used. */
static void
case_limit(struct hclient *rep, struct hclient *rep_en)
{
	const char *dnr = h_dnr("FRI", 1);
	int ok = 1;
	for (int i = 0; i < 3; i++)
		ok &= upload_status(rep, dnr) == 303;
	h_check(ok && case_bytes(dnr) == 3 * DOC, "three files of %d bytes fit a %s-byte case", DOC,
	        case_quota);
	long before = case_bytes(dnr);
	struct hresp r;
	char err[300];
	long st = upload(rep, dnr, &r);
	const char *e = h_field_error(&r, "dokument-fil", err, sizeof(err));
	h_check(st == 422 && e && strstr(e, "Ärendet har 44 kB av 48 kB. Filen är 15 kB.") &&
	                h_field_invalid(&r, "dokument-fil") && h_summary_links(&r, "dokument-fil"),
	        "the fourth is refused beside the file field (%ld: %s)", st, e ? e : "none");
	hresp_free(&r);
	st = upload(rep_en, dnr, &r);
	e = h_field_error(&r, "dokument-fil", err, sizeof(err));
	h_check(st == 422 && e && strstr(e, "The case has 44 kB of 48 kB. The file is 15 kB."),
	        "and in English (%s)", e ? e : "none");
	hresp_free(&r);
	h_check(case_bytes(dnr) == before, "nothing was stored");
	char path[96];
	snprintf(path, sizeof(path), "/arenden/%s", dnr);
	h_get(rep, path, &r);
	h_check(r.status == 200 && hresp_has(&r, "Använt: 44 kB av 48 kB, och av föreningens "
	                                         "ärenden "),
	        "the case page's file field says how much is used of the case's and the "
	        "association's quotas");
	hresp_free(&r);
}

/* AT_ONCE uploads into one empty case at the same moment: exactly as many
 * as fit are stored, the others refused. */
static void
at_once(void)
{
	const char *dnr = h_dnr("FRI", 2);
	int go[2], done[2];
	if (pipe(go) != 0 || pipe(done) != 0)
		return;
	/* signed in one after the other: sign-ins at once are throttled */
	struct hclient *clients[AT_ONCE];
	int signed_in = 0;
	for (int i = 0; i < AT_ONCE; i++) {
		clients[i] = h_client();
		signed_in += h_login(clients[i], "representative") == 303;
	}
	pid_t pids[AT_ONCE];
	for (int i = 0; i < AT_ONCE; i++) {
		fflush(stdout);
		pids[i] = fork();
		if (pids[i] == 0) {
			prctl(PR_SET_PDEATHSIG, SIGKILL);
			char ready = 'r';
			if (write(done[1], &ready, 1) != 1 || read(go[0], &ready, 1) != 1)
				_exit(3);
			long st = upload_status(clients[i], dnr);
			_exit(st == 303 ? 0 : st == 422 ? 1 : 2);
		}
	}
	int ready = 0;
	for (int i = 0; i < AT_ONCE; i++) {
		char c;
		ready += read(done[0], &c, 1) == 1 && c == 'r';
	}
	char start[AT_ONCE];
	memset(start, 'g', sizeof(start));
	if (write(go[1], start, sizeof(start)) != (ssize_t)sizeof(start))
		return;
	int stored = 0, refused = 0;
	for (int i = 0; i < AT_ONCE; i++) {
		int status;
		waitpid(pids[i], &status, 0);
		int code = WIFEXITED(status) ? WEXITSTATUS(status) : 9;
		stored += code == 0;
		refused += code == 1;
	}
	for (int i = 0; i < AT_ONCE; i++)
		h_client_free(clients[i]);
	long bytes = case_bytes(dnr);
	h_check(signed_in == AT_ONCE && ready == AT_ONCE && stored == 3 && refused == AT_ONCE - 3 &&
	                bytes == 3 * DOC,
	        "%d uploads at once into an empty case: %d stored, %d refused, %ld bytes kept "
	        "(quota %s)",
	        AT_ONCE, stored, refused, bytes, case_quota);
}

/* The association quota, over all its cases: with room for one more
 * file, the next is refused with the association's numbers, on the case
 * page and in the yearly update alike. */
static void
association_limit(struct hclient *rep)
{
	const char *dnr = h_dnr("FRI", 3);
	long used = assoc_bytes(dnr);
	snprintf(case_quota, sizeof(case_quota), "1000000");
	snprintf(assoc_quota, sizeof(assoc_quota), "%ld", used + DOC + 5000);
	h_check(h_restart(SIGTERM),
	        "the server starts again with an association quota of %s "
	        "bytes, %ld of them used",
	        assoc_quota, used);
	h_check(upload_status(rep, dnr) == 303, "one more file fits the association's quota");
	struct hresp r;
	char err[300], want[300];
	long st = upload(rep, dnr, &r);
	const char *e = h_field_error(&r, "dokument-fil", err, sizeof(err));
	long now = used + DOC, limit = used + DOC + 5000;
	snprintf(want, sizeof(want), "Föreningens ärenden har %ld kB av %ld kB. Filen är 15 kB.",
	         (now + 1023) / 1024, limit / 1024);
	h_check(st == 422 && e && strstr(e, want),
	        "the next is refused beside its field: %s (got %ld: %s)", want, st, e ? e : "none");
	hresp_free(&r);
	h_check(assoc_bytes(dnr) == now, "nothing was stored");

	/* the yearly update of the same association */
	char assoc[32], path[64], q[256], v[32];
	snprintf(q, sizeof(q), "SELECT association_id FROM cases WHERE diarienummer = '%s'", dnr);
	h_sql_line(q, assoc, sizeof(assoc));
	snprintf(path, sizeof(path), "/arsuppdatering/%s", assoc);
	long cases = atol(h_sql_line("SELECT count(*) FROM cases", v, sizeof(v)));
	char hint[200];
	snprintf(hint, sizeof(hint), "Använt av föreningens ärenden: %ld kB av %ld kB.",
	         (now + 1023) / 1024, limit / 1024);
	h_get(rep, path, &r);
	h_check(r.status == 200 && hresp_has(&r, hint),
	        "the yearly update's minutes field says how much is used: %s", hint);
	hresp_free(&r);
	struct hstr b = {0};
	h_mp_field(&b, "csrf", h_csrf(rep));
	h_mp_field(&b, "styrelse", "Ada Andersson, ordförande\nBo Berg, kassör\n");
	h_mp_field(&b, "medlemmar", "77");
	h_mp_field(&b, "epost", "kvot@forening.example");
	h_mp_field(&b, "telefon", "040-123 45 67");
	h_mp_field(&b, "webbplats", "https://forening.example");
	h_mp_file(&b, "protokoll", "arsmote.pdf", "application/pdf", doc, sizeof(doc));
	h_mp_end(&b);
	h_post_multipart(rep, path, &b, &r);
	hstr_free(&b);
	e = h_between(r.body.p,
	              "id=\"protokoll-error\"><span class=\"visually-hidden\">Fel:</span> ", "</p>",
	              err, sizeof(err));
	h_check(r.status == 422 && e && strcmp(e, want) == 0 &&
	                atol(h_sql_line("SELECT count(*) FROM cases", v, sizeof(v))) == cases,
	        "a yearly update with its minutes is refused beside the file, no case stored "
	        "(%ld: %s)",
	        r.status, e ? e : "none");
	hresp_free(&r);
}

int
main(void)
{
	make_doc();
	h_serve_own_files();
	h_serve_args(serve_args);
	h_start();
	struct hclient *rep = h_client(), *rep_en = h_client();
	h_check(h_login(rep, "representative") == 303 && h_login(rep_en, "representative") == 303,
	        "the demo representative signs in twice");
	h_get_status(rep_en, "/?lang=en");
	case_limit(rep, rep_en);
	at_once();
	association_limit(rep);
	h_client_free(rep);
	h_client_free(rep_en);
	return h_finish();
}
