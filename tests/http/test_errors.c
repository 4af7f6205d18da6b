/* Internal errors are logged: a column renamed behind the server's back
 * makes an association's page fail, and the 500 the visitor gets shows an
 * id (on the page and in X-Request-Id) that one line of the server's log
 * carries too, with the method, the route's pattern and the reason, and
 * without the address that was asked for. */
#include "harness.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static struct hclient *anon;
static char assoc_id[16];

/* The server's log so far. */
static void
server_log(struct hstr *out)
{
	FILE *f = fopen(h_path("server.log"), "r");
	char chunk[4096];
	size_t n;
	hstr_add(out, "", 0);
	while (f && (n = fread(chunk, 1, sizeof(chunk), f)) > 0)
		hstr_add(out, chunk, n);
	if (f)
		fclose(f);
}

/* The log line that carries id, into line; NULL when there is none. */
static const char *
log_line(const char *id, char *line, size_t n)
{
	struct hstr log = {0};
	char needle[96];
	server_log(&log);
	snprintf(needle, sizeof(needle), " 500 %s ", id);
	const char *at = id[0] ? strstr(log.p, needle) : NULL;
	const char *found = NULL;
	if (at) {
		while (at > log.p && at[-1] != '\n')
			at--;
		size_t len = strcspn(at, "\n");
		snprintf(line, n, "%.*s", (int)len, at);
		found = line;
	}
	hstr_free(&log);
	return found;
}

/* The page of an association whose groups table is gone. */
static void
page(void)
{
	char path[64], id[64] = "", line[1024], want[128], raw[64];
	struct hresp r;
	snprintf(path, sizeof(path), "/foreningar/%s", assoc_id);
	h_get(anon, path, &r);
	hresp_header(&r, "X-Request-Id", id, sizeof(id));
	h_check(r.status == 500 && id[0], "the page answers 500 with an X-Request-Id (%ld, %s)",
	        r.status, id);
	char shown[128];
	snprintf(shown, sizeof(shown), "Felkod: <code>%s</code>", id);
	h_check(id[0] && hresp_has(&r, shown), "the page shows the same id as its Felkod");
	hresp_free(&r);
	const char *l = log_line(id, line, sizeof(line));
	h_check(l != NULL, "the server's log has a line with that id");
	if (!l)
		return;
	h_note("%s", l);
	snprintf(want, sizeof(want), " 500 %s GET /foreningar/{id}: ", id);
	h_check(strstr(l, want) != NULL, "it names the method and the route's pattern");
	snprintf(raw, sizeof(raw), "/foreningar/%s", assoc_id);
	h_check(strstr(l, raw) == NULL, "and not the address asked for");
	h_check(strstr(l, ": the association could not be read (in register_detail_page, "
	                  "src/register/pages.c:") &&
	                strstr(l, "; database: ") && strstr(l, "website"),
	        "the reason: the handler's, where it was answered, what the database refused");
	char q[128], name[256] = "";
	snprintf(q, sizeof(q), "SELECT name FROM associations WHERE id = %s", assoc_id);
	h_sql_line(q, name, sizeof(name));
	h_check(name[0] && strstr(l, name) == NULL, "nor anything of the association (%s)", name);
}

/* Two failures have two ids; the API says it as JSON; English says
 * Reference; a 500 without a reason is logged with its place. */
static void
more(void)
{
	char path[80], id1[64] = "", id2[64] = "", line[1024], want[160];
	struct hresp r;
	snprintf(path, sizeof(path), "/api/v1/foreningar/%s", assoc_id);
	h_get(anon, path, &r);
	hresp_header(&r, "X-Request-Id", id1, sizeof(id1));
	snprintf(want, sizeof(want), "\"reference\": \"%s\"", id1);
	h_check(r.status == 500 && id1[0] && hresp_has(&r, want),
	        "the API answers 500 as JSON with the same reference as X-Request-Id (%s)", id1);
	hresp_free(&r);
	snprintf(want, sizeof(want), " 500 %s GET /api/v1/foreningar/{id}: ", id1);
	const char *l = log_line(id1, line, sizeof(line));
	h_check(l && strstr(l, want), "and the log has its line with the API's pattern");

	snprintf(path, sizeof(path), "/foreningar/%s?lang=en", assoc_id);
	h_get(anon, path, &r);
	hresp_header(&r, "X-Request-Id", id2, sizeof(id2));
	char shown[128];
	snprintf(shown, sizeof(shown), "Reference: <code>%s</code>", id2);
	h_check(r.status == 500 && id2[0] && strcmp(id1, id2) != 0 && hresp_has(&r, shown),
	        "another failure has another id, shown in English as Reference (%s)", id2);
	hresp_free(&r);
	l = log_line(id2, line, sizeof(line));
	h_check(l && !strstr(l, "lang=en"), "its log line leaves out the query too");

	struct hclient *admin = h_client();
	snprintf(path, sizeof(path), "/admin/foreningar/%s", assoc_id);
	h_check(h_login(admin, "admin") == 303, "the administrator signs in");
	h_get(admin, path, &r);
	hresp_header(&r, "X-Request-Id", id1, sizeof(id1));
	long st = r.status;
	hresp_free(&r);
	h_client_free(admin);
	snprintf(want, sizeof(want),
	         " 500 %s GET /admin/foreningar/{id}: no reason given (in admin_assoc_edit, "
	         "src/admin/admin.c:",
	         id1);
	l = log_line(id1, line, sizeof(line));
	h_check(st == 500 && l && strstr(l, want),
	        "a handler that gives no reason: the log says so, and where (%s)", l ? l : "");

	h_get(anon, "/logga-in", &r);
	h_check(r.status == 200 && !hresp_header(&r, "X-Request-Id", id1, sizeof(id1)),
	        "a page that works carries none");
	hresp_free(&r);
}

int
main(void)
{
	h_start();
	anon = h_client();
	h_sql_line("SELECT min(id) FROM associations WHERE public = 1 AND active = 1", assoc_id,
	           sizeof(assoc_id));
	h_check(assoc_id[0] && h_get_status(anon, "/healthz") == 200,
	        "the server answers; association %s is listed", assoc_id);
	h_check(h_sql("ALTER TABLE associations RENAME COLUMN website TO website_gone", NULL) == 0,
	        "a column every association page reads is renamed behind the server's back");
	page();
	more();
	h_client_free(anon);
	return h_finish();
}
