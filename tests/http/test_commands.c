/* The operator's commands against the database of a running server:
 * import, user add and backup, checked through what the server then shows. */
#include "harness.h"

#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static struct hclient *anon;

static const char header[] = "organisationsnummer,namn,form,andamal,omraden,malgrupper,epost,"
                             "telefon,webbplats,grundad,medlemmar";

/* Runs `samverka import foreningar` on a file with the given content. */
static int
import(const char *name, const char *csv, struct hstr *out, struct hstr *err)
{
	const char *path = h_path(name);
	h_write_file(path, csv);
	const char *argv[] = {"samverka", "import", "foreningar", "--db", H.db_url, path, NULL};
	return h_run(argv, NULL, out, err);
}

/* A command's output without its final line break, for messages. */
static const char *
text(struct hstr *s)
{
	while (s->n && (s->p[s->n - 1] == '\n' || s->p[s->n - 1] == '\r'))
		s->p[--s->n] = 0;
	return s->p ? s->p : "";
}

/* The one association a search finds, or NULL. */
static json_t *
find_one(const char *query)
{
	char path[256];
	struct hresp r;
	snprintf(path, sizeof(path), "/api/v1/foreningar?%s", query);
	h_get(anon, path, &r);
	json_t *j = r.status == 200 ? json_loads(r.body.p, 0, NULL) : NULL;
	hresp_free(&r);
	json_t *it = NULL;
	if (json_integer_value(json_object_get(j, "total")) == 1)
		it = json_incref(json_array_get(json_object_get(j, "items"), 0));
	json_decref(j);
	return it;
}

static const char *
jstr(json_t *o, const char *k)
{
	json_t *v = json_object_get(o, k);
	return json_is_string(v) ? json_string_value(v) : "";
}

/* "A|B" of a JSON array of strings. */
static void
joined(json_t *arr, char *out, size_t n)
{
	size_t i, k = 0;
	json_t *v;
	out[0] = 0;
	json_array_foreach(arr, i, v)
	{
		k += (size_t)snprintf(out + k, n - k, "%s%s", i ? "|" : "", json_string_value(v));
		if (k >= n)
			break;
	}
}

static char org[6][12];

static void
good_imports(void)
{
	struct hstr csv = {0}, out = {0}, err = {0};
	long before = h_api_total(anon, "");
	for (int i = 0; i < 6; i++) {
		char nine[10];
		snprintf(nine, sizeof(nine), "80299900%d", i);
		h_orgnr(nine, org[i]);
	}
	hstr_printf(&csv, "%s\n", header);
	hstr_printf(&csv,
	            "%s,\"Kvarnby Roddklubb, sektion öst\",ideell,\"Rodd på kanalen, året om.\","
	            "Lindängen|hyllie,Äldre|Young people,rodd@example.se,040-11 22 33,"
	            "https://rodd.example.se,1921,140\n",
	            org[0]);
	hstr_printf(&csv,
	            "%s,Radbrytarna,ekonomisk,\"Första raden.\nAndra raden, med komma.\","
	            "Hyllie,Barn,,,,,\n",
	            org[1]);
	hstr_printf(&csv,
	            "%s,\"Citatklubben \"\"Ordet\"\"\",stiftelse,Stipendier till "
	            "skrivande unga.,,,,,,2001,\n",
	            org[2]);
	int rc = import("komma.csv", csv.p, &out, &err);
	h_check(rc == 0, "a comma-separated file imports (exit %d; %s)", rc, text(&err));
	h_check(strstr(text(&out), "imported 3 associations (3 new, 0 updated)") != NULL,
	        "it prints the count: %s", text(&out));
	h_check(h_api_total(anon, "") == before + 3, "the register has three more");

	json_t *a = find_one("q=Kvarnby");
	char list[256];
	h_check(a && strcmp(jstr(a, "namn"), "Kvarnby Roddklubb, sektion öst") == 0 &&
	                strcmp(jstr(a, "organisationsnummer"), org[0]) == 0,
	        "a quoted name with a comma arrives whole");
	joined(json_object_get(a, "omraden"), list, sizeof(list));
	h_check(strcmp(list, "Hyllie|Lindängen") == 0, "areas by name and by slug are linked (%s)",
	        list);
	joined(json_object_get(a, "malgrupper"), list, sizeof(list));
	h_check(strcmp(list, "Unga|Äldre") == 0,
	        "target groups by Swedish and English name are linked (%s)", list);
	h_check(a && json_integer_value(json_object_get(a, "grundad")) == 1921 &&
	                json_integer_value(json_object_get(a, "medlemmar")) == 140 &&
	                strcmp(jstr(a, "webbplats"), "https://rodd.example.se") == 0,
	        "year, members and web site are stored");
	json_decref(a);
	a = find_one("q=Radbrytarna");
	h_check(a && strcmp(jstr(a, "andamal"), "Första raden.\nAndra raden, med komma.") == 0,
	        "a quoted purpose with a line break and a comma arrives whole");
	json_decref(a);
	a = find_one("q=Citatklubben");
	h_check(a && strcmp(jstr(a, "namn"), "Citatklubben \"Ordet\"") == 0,
	        "doubled quotes become one");
	json_decref(a);

	/* as Swedish Excel saves it: BOM, semicolons, CRLF */
	hstr_free(&csv);
	hstr_free(&out);
	hstr_free(&err);
	hstr_puts(&csv, "\xef\xbb\xbf");
	for (const char *p = header; *p; p++)
		hstr_add(&csv, *p == ',' ? ";" : p, 1);
	hstr_puts(&csv, "\r\n");
	hstr_printf(&csv,
	            "%s;Semikolonkören;ideell;\"Vi sjunger; ibland, "
	            "ofta.\";Hyllie;Vuxna;;;;1988;30\r\n",
	            org[3]);
	hstr_printf(&csv, "%s;Semikolonklubben;ideell;Schack;Lindängen;Alla malmöbor;;;;;\r\n",
	            org[4]);
	rc = import("semikolon.csv", csv.p, &out, &err);
	h_check(rc == 0 && strstr(text(&out), "imported 2 associations (2 new, 0 updated)"),
	        "a semicolon file with BOM and CRLF imports (exit %d; %s%s)", rc, text(&out),
	        text(&err));
	a = find_one("q=Semikolonk%C3%B6ren");
	h_check(a && strcmp(jstr(a, "andamal"), "Vi sjunger; ibland, ofta.") == 0,
	        "a quoted field with a semicolon and a comma arrives whole");
	h_check(a && strcmp(jstr(a, "namn"), "Semikolonkören") == 0,
	        "the first column is read despite the BOM");
	json_decref(a);
	h_check(h_api_total(anon, "") == before + 5, "the register has five more in all");
	hstr_free(&csv);
	hstr_free(&out);
	hstr_free(&err);
}

static void
bad_imports(void)
{
	struct hstr csv = {0}, out = {0}, err = {0};
	long before = h_api_total(anon, "");
	hstr_printf(&csv, "%s\n", header);
	hstr_printf(&csv, "%s,Felfria föreningen,ideell,\"Två\nrader\",Hyllie,Barn,,,,,\n", org[5]);
	hstr_printf(&csv, "802000-0414,Felnumrets förening,ideell,Fel kontrollsiffra.,Hyllie,"
	                  "Barn,,,,,\n");
	char valid[12];
	h_orgnr("802999010", valid);
	hstr_printf(&csv, "%s,Atlantisföreningen,ideell,Okänt område.,Atlantis,Barn,,,,,\n", valid);
	/* lines: 1 header, 2–3 a good row over two lines, 4 bad number, 5 unknown area */
	int rc = import("fel.csv", csv.p, &out, &err);
	h_check(rc != 0, "a file with bad rows exits non-zero (%d)", rc);
	h_check(strstr(text(&err), "line 4: organisationsnummer") != NULL,
	        "the bad organisationsnummer is reported on line 4");
	h_check(strstr(text(&err), "line 5: omraden: unknown area 'Atlantis'") != NULL,
	        "the unknown area is reported on line 5");
	h_check(strstr(text(&err), "nothing was imported") != NULL, "it says nothing was imported");
	h_note("stderr: %s", text(&err));
	h_check(h_api_total(anon, "") == before, "the register's count is unchanged");
	h_check(h_api_total(anon, "q=Felfria") == 0, "not even the good row was imported");

	hstr_free(&csv);
	hstr_free(&out);
	hstr_free(&err);
	hstr_printf(&csv, "%s\n%s,Första,ideell,,,,,,,,\n%s,Andra,ideell,,,,,,,,\n", header, org[5],
	            org[5]);
	rc = import("dubbel.csv", csv.p, &out, &err);
	h_check(rc != 0 && strstr(text(&err), "line 3") && strstr(text(&err), "also on line 2"),
	        "the same number twice in one file is refused, naming both lines");
	hstr_free(&csv);
	hstr_free(&out);
	hstr_free(&err);

	hstr_puts(&csv, "namn,form\nNågon,ideell\n");
	rc = import("huvud.csv", csv.p, &out, &err);
	h_check(rc != 0 && strstr(text(&err), "organisationsnummer"),
	        "a header without the required columns is refused, naming one");
	hstr_free(&csv);
	hstr_free(&out);
	hstr_free(&err);
	h_check(h_api_total(anon, "") == before, "still nothing imported");
}

/* A known organisationsnummer updates that association. */
static void
reimport(void)
{
	struct hstr csv = {0}, out = {0}, err = {0};
	long before = h_api_total(anon, "");
	json_t *old = find_one("q=Kvarnby");
	long id = old ? (long)json_integer_value(json_object_get(old, "id")) : 0;
	json_decref(old);
	hstr_printf(&csv,
	            "%s\n%s,Kvarnby Kanotklubb,ideell,Paddling på kanalen.,Hyllie,Vuxna,,,,"
	            "1921,150\n",
	            header, org[0]);
	int rc = import("igen.csv", csv.p, &out, &err);
	h_check(rc == 0 && strstr(text(&out), "(0 new, 1 updated)"),
	        "re-importing a known number updates it: %s%s", text(&out), text(&err));
	char path[64];
	struct hresp r;
	snprintf(path, sizeof(path), "/api/v1/foreningar/%ld", id);
	h_get(anon, path, &r);
	h_check(r.status == 200 && hresp_has(&r, "\"Kvarnby Kanotklubb\"") &&
	                hresp_has(&r, "\"medlemmar\":150"),
	        "the same id now has the new name and members");
	hresp_free(&r);
	h_check(h_api_total(anon, "") == before, "the count is unchanged");
	h_check(h_api_total(anon, "q=Roddklubb") == 0, "the old name is gone from search");
	hstr_free(&csv);
	hstr_free(&out);
	hstr_free(&err);
}

static void
user_add(void)
{
	struct hstr out = {0}, err = {0};
	const char *argv[] = {
	        "samverka",           "user",   "add",     "--db",   H.db_url,      "--email",
	        "nils.ny@example.se", "--name", "Nils Ny", "--role", "coordinator", NULL};
	int rc = h_run(argv, "ett-hemligt-lösenord\n", &out, &err);
	h_check(rc == 0 && strstr(text(&out), "added"), "user add with the password on stdin: %s%s",
	        text(&out), text(&err));
	struct hclient *c = h_client();
	h_check(h_login_as(c, "nils.ny@example.se", "fel-lösenord-här") == 401,
	        "the new user with a wrong password: 401");
	h_check(h_login_as(c, "nils.ny@example.se", "ett-hemligt-lösenord") == 303,
	        "the new user signs in over HTTP");
	struct hresp r;
	h_get(c, "/mina-sidor", &r);
	h_check(r.status == 200 && hresp_has(&r, "Nils Ny"), "his /mina-sidor greets him");
	hresp_free(&r);
	h_client_free(c);

	hstr_free(&out);
	hstr_free(&err);
	const char *shortpw[] = {
	        "samverka",        "user",   "add",  "--db",   H.db_url,      "--email",
	        "kort@example.se", "--name", "Kort", "--role", "coordinator", NULL};
	rc = h_run(shortpw, "kort\n", &out, &err);
	h_check(rc != 0 && strstr(text(&err), "10"), "a short password is refused: %s", text(&err));
	c = h_client();
	h_check(h_login_as(c, "kort@example.se", "kort") == 401, "and that user cannot sign in");
	h_client_free(c);

	hstr_free(&out);
	hstr_free(&err);
	const char *nodept[] = {
	        "samverka",          "user",   "add",    "--db",   H.db_url,  "--email",
	        "ofelia@example.se", "--name", "Ofelia", "--role", "officer", NULL};
	rc = h_run(nodept, "ett-hemligt-lösenord\n", &out, &err);
	h_check(rc != 0, "an officer without --department is refused (%d)", rc);
	hstr_free(&out);
	hstr_free(&err);
	const char *dept[] = {"samverka",
	                      "user",
	                      "add",
	                      "--db",
	                      H.db_url,
	                      "--email",
	                      "ofelia@example.se",
	                      "--name",
	                      "Ofelia",
	                      "--role",
	                      "officer",
	                      "--department",
	                      "FRI",
	                      NULL};
	rc = h_run(dept, "ett-hemligt-lösenord\n", &out, &err);
	h_check(rc == 0, "an officer with --department FRI is added: %s", text(&err));
	c = h_client();
	h_check(h_login_as(c, "ofelia@example.se", "ett-hemligt-lösenord") == 303,
	        "the officer signs in");
	h_get(c, "/admin", &r);
	h_check(r.status == 403, "and is not an administrator (got %ld)", r.status);
	hresp_free(&r);
	h_client_free(c);
	hstr_free(&out);
	hstr_free(&err);
}

/* The first line of `sqlite3 FILE SQL`, or "" when it fails. */
static void
sqlite_scalar(const char *file, const char *sql, char *out, size_t n)
{
	struct hstr o = {0}, e = {0};
	const char *argv[] = {"sqlite3", file, sql, NULL};
	int rc = h_run(argv, NULL, &o, &e);
	snprintf(out, n, "%.*s", rc == 0 ? (int)strcspn(text(&o), "\r\n") : 0, text(&o));
	hstr_free(&o);
	hstr_free(&e);
}

static void
backup(void)
{
	struct hstr out = {0}, err = {0};
	const char *file = h_path("backup.db");
	const char *argv[] = {"samverka", "backup", "--db", H.db_url, file, NULL};
	int rc = h_run(argv, NULL, &out, &err);
	if (H.pg) {
		h_check(rc != 0 && strstr(text(&err), "pg_dump"),
		        "backup on PostgreSQL exits non-zero and points to pg_dump: %s",
		        text(&err));
		hstr_free(&out);
		hstr_free(&err);
		return;
	}
	h_check(rc == 0 && strstr(text(&out), "backup written"),
	        "backup while the server runs: %s%s", text(&out), text(&err));
	char live[64], copy[64], check[64];
	sqlite_scalar(H.db_file, "select count(*) from associations", live, sizeof(live));
	sqlite_scalar(file, "select count(*) from associations", copy, sizeof(copy));
	h_check(*copy && strcmp(live, copy) == 0,
	        "sqlite3 counts the same associations in the copy (%s) as in the live file (%s)",
	        copy, live);
	h_check(atol(copy) > h_api_total(anon, ""),
	        "the copy also holds the hidden ones (%s, public %ld)", copy,
	        h_api_total(anon, ""));
	sqlite_scalar(file, "pragma integrity_check", check, sizeof(check));
	h_check(strcmp(check, "ok") == 0, "the copy passes integrity_check (%s)", check);
	hstr_free(&out);
	hstr_free(&err);
	rc = h_run(argv, NULL, &out, &err);
	h_check(rc != 0 && strstr(text(&err), "exists"), "backup never overwrites a file: %s",
	        text(&err));
	hstr_free(&out);
	hstr_free(&err);
}

int
main(void)
{
	h_start();
	anon = h_client();
	good_imports();
	bad_imports();
	reimport();
	user_add();
	backup();
	h_client_free(anon);
	return h_finish();
}
