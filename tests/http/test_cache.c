/* The page cache by content domain: a register page stays cached when a
 * case is written, and is made anew when the register changes; the public
 * diary, a domain of its own, the other way round; an import of many rows
 * bumps the generation once and empties the cache at its commit. A kept
 * page answers with "X-Cache: hit". One server thread, so every request
 * meets one cache. */
#include "harness.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* The smallest file the server takes for a PDF: it is checked by content. */
static const char PDF[] = "%PDF-1.4\n1 0 obj\n<< /Type /Catalog >>\nendobj\n"
                          "trailer\n<< /Root 1 0 R >>\n%%EOF\n";

static struct hclient *anon, *rep, *officer;
static char assoc_id[16], assoc_page[48];

/* GETs path as the anonymous visitor: 1 when the answer came from the
 * cache, 0 when it was made, -1 when it was no 200; the body into out. */
static int
cached(const char *path, struct hresp *out)
{
	char v[32];
	h_get(anon, path, out);
	if (out->status != 200)
		return -1;
	return hresp_header(out, "X-Cache", v, sizeof(v)) && strcmp(v, "hit") == 0;
}

/* GETs path and drops the body. */
static int
cached_status(const char *path)
{
	struct hresp r;
	int c = cached(path, &r);
	hresp_free(&r);
	return c;
}

/* A yearly update from the demo representative: a new case. Its number. */
static long
send_update(char dnr[32])
{
	struct hstr b = {0};
	struct hresp r;
	char path[64], loc[128] = "";
	snprintf(path, sizeof(path), "/arsuppdatering/%s", assoc_id);
	h_mp_field(&b, "csrf", h_csrf(rep));
	h_mp_field(&b, "styrelse", "Ada Andersson, ordförande\nBo Berg, kassör\n");
	h_mp_field(&b, "medlemmar", "77");
	h_mp_field(&b, "epost", "cache@forening.example");
	h_mp_field(&b, "telefon", "040-123 45 67");
	h_mp_field(&b, "webbplats", "https://forening.example");
	h_mp_file(&b, "protokoll", "arsmote.pdf", "application/pdf", PDF, strlen(PDF));
	h_mp_end(&b);
	h_post_multipart(rep, path, &b, &r);
	hstr_free(&b);
	dnr[0] = 0;
	if (r.status == 303 && hresp_header(&r, "Location", loc, sizeof(loc)))
		sscanf(loc, "/arenden/%31[^?]", dnr);
	long st = r.status;
	hresp_free(&r);
	return st;
}

/* The officer grants the case: the register takes the new details. */
static long
grant(const char *dnr)
{
	return h_decide(officer, dnr, "bifall");
}

/* Public pages are kept, per domain; pages for signed-in users never. */
static void
kept(void)
{
	h_check(cached_status("/foreningar") == 0 && cached_status("/foreningar") == 1,
	        "the register's list is made once, then answered from the cache (X-Cache: hit)");
	h_check(cached_status(assoc_page) == 0 && cached_status(assoc_page) == 1,
	        "so is an association's page");
	h_check(cached_status("/diarium") == 0 && cached_status("/diarium") == 1,
	        "and the diary, a domain of its own");
	h_check(cached_status("/foreningar?x=1") == 0 && cached_status("/foreningar?x=1") == 0,
	        "a page with a parameter nobody reads is never kept");
	struct hresp r;
	char v[32];
	h_get(rep, "/foreningar", &r);
	h_check(r.status == 200 && !hresp_header(&r, "X-Cache", v, sizeof(v)),
	        "a signed-in user gets the page made for them");
	hresp_free(&r);
}

/* A case written: the diary's pages go, the register's stay. */
static void
case_written(char dnr[32])
{
	struct hresp r;
	h_check(send_update(dnr) == 303 && dnr[0], "the representative sends a yearly update (%s)",
	        dnr);
	int c = cached("/diarium", &r);
	h_check(c == 0 && hresp_has(&r, dnr),
	        "the diary is made anew and lists the new case (cached %d)", c);
	hresp_free(&r);
	h_check(cached_status("/diarium") == 1, "and is kept again");
	h_check(cached_status("/foreningar") == 1 && cached_status(assoc_page) == 1,
	        "the register's pages stay in the cache after the case is written");
}

/* The register changed: its pages are made anew with the change, and the
 * diary's page stays; then a decision that changes both. */
static void
register_changed(const char *dnr)
{
	char q[160];
	struct hresp r;
	snprintf(q, sizeof(q),
	         "UPDATE associations SET name = name || ' (nytt namn)' WHERE id = %s", assoc_id);
	h_check(h_sql(q, NULL) == 0, "the association is renamed in the register");
	int c = cached(assoc_page, &r);
	h_check(c == 0 && hresp_has(&r, "(nytt namn)"),
	        "its page is made anew with the new name (cached %d)", c);
	hresp_free(&r);
	h_check(cached_status("/foreningar") == 0 && cached_status("/foreningar") == 1,
	        "the list is made anew, then kept again");
	h_check(cached_status("/diarium") == 1, "the diary stays in the cache");

	h_check(grant(dnr) == 303, "the officer grants the yearly update");
	c = cached(assoc_page, &r);
	h_check(c == 0 && hresp_has(&r, "cache@forening.example"),
	        "the association's page shows the new e-mail at once (cached %d)", c);
	hresp_free(&r);
	h_check(cached_status("/diarium") == 0, "and the diary, whose case was decided, is new");
}

/* The register's generation as the database has it, or -1. */
static long
generation(void)
{
	char v[32] = "";
	h_sql_line("SELECT v FROM meta WHERE k = 'generation'", v, sizeof(v));
	return v[0] ? atol(v) : -1;
}

/* An import of many rows, by `samverka import` in a process of its own, is
 * one transaction stored in batches: it bumps the register's generation
 * once on PostgreSQL (a bump per statement made a large load slower with
 * every row; SQLite's triggers bump per row, which costs it nothing), and
 * the register's cached pages are made anew after it with every row. Two
 * rows of one informal network: the later updates the earlier. */
static void
bulk_import(void)
{
	enum { ROWS = 600 };
	struct hstr csv = {0}, out = {0}, err = {0};
	hstr_puts(&csv, "organisationsnummer,namn,form,andamal,omraden,malgrupper,epost,telefon,"
	                "webbplats,grundad,medlemmar\n");
	for (int i = 0; i < ROWS; i++) {
		char nine[10], orgnr[12];
		snprintf(nine, sizeof(nine), "8029%05d", i);
		h_orgnr(nine, orgnr);
		hstr_printf(&csv,
		            "%s,Massimportens förening %d,ideell,Import i mängd.,%s,Barn,,,,,\n",
		            orgnr, i, i % 2 ? "Lindängen|Hyllie" : "Hyllie");
	}
	hstr_puts(&csv, ",Massimportens nätverk,informell,Första raden.,Hyllie,Barn,,,,,\n");
	hstr_puts(&csv, ",Massimportens nätverk,informell,Andra raden.,Lindängen,Vuxna,,,,,\n");
	const char *path = h_path("massimport.csv");
	h_write_file(path, csv.p);
	const char *search = "/foreningar?q=Massimportens";
	cached_status("/foreningar");
	h_check(cached_status(search) == 0 && cached_status(search) == 1 &&
	                cached_status("/foreningar") == 1,
	        "a search with no hits yet and the list are kept");
	long before = generation();
	const char *argv[] = {"samverka", "import", "foreningar", "--db", H.db_url, path, NULL};
	int rc = h_run(argv, NULL, &out, &err);
	h_check(rc == 0 && strstr(out.p ? out.p : "", "(601 new, 1 updated)"),
	        "%d rows are imported by another process: %s%s", ROWS + 2, out.p ? out.p : "",
	        err.p ? err.p : "");
	long after = generation();
	if (H.pg)
		h_check(after == before + 1,
		        "the import's one transaction bumps the generation once (%ld, then %ld)",
		        before, after);
	else
		h_check(after > before, "the import bumps the generation (%ld, then %ld)", before,
		        after);
	struct hresp r;
	int c = cached(search, &r);
	long total = h_page_total(&r);
	h_check(c == 0 && total == ROWS + 1,
	        "the kept search is made anew and finds every imported association (cached %d, "
	        "%ld hits)",
	        c, total);
	hresp_free(&r);
	h_check(cached_status("/foreningar") == 0, "and the list is made anew");
	long linked = h_api_total(anon, "q=Massimportens&omrade=lindangen");
	h_check(linked == ROWS / 2 + 1,
	        "every batch's rows keep their own areas (%ld in Lindängen, expected %d)", linked,
	        ROWS / 2 + 1);
	char net[128] = "";
	h_sql_line("SELECT count(*) || ' ' || max(purpose) FROM associations "
	           "WHERE orgnr IS NULL AND name = 'Massimportens nätverk'",
	           net, sizeof(net));
	h_check(strcmp(net, "1 Andra raden.") == 0,
	        "the informal network's second row updated its first (%s)", net);
	hstr_free(&csv);
	hstr_free(&out);
	hstr_free(&err);
}

/* A write undone by rolling back to its savepoint takes its bump back,
 * and with it the transaction's note that it bumped: a later write of the
 * same transaction bumps the generation, and the page is made anew. */
static void
savepoint_undone(void)
{
	char q[512];
	struct hresp r;
	h_check(cached_status(assoc_page) >= 0 && cached_status(assoc_page) == 1,
	        "the association's page is kept");
	long before = generation();
	snprintf(q, sizeof(q),
	         "BEGIN; SAVEPOINT s; UPDATE associations SET purpose = purpose WHERE id = %s; "
	         "ROLLBACK TO SAVEPOINT s; UPDATE associations SET name = name || ' (efter "
	         "savepoint)' WHERE id = %s; COMMIT",
	         assoc_id, assoc_id);
	h_check(h_sql(q, NULL) == 0,
	        "a transaction writes, rolls back to a savepoint, writes again");
	long after = generation();
	h_check(H.pg ? after == before + 1 : after > before,
	        "the generation is bumped for the write that stayed (%ld, then %ld)", before,
	        after);
	int c = cached(assoc_page, &r);
	h_check(c == 0 && hresp_has(&r, "(efter savepoint)"),
	        "the page is made anew with the new name (cached %d)", c);
	hresp_free(&r);
}

int
main(void)
{
	static const char *const one_thread[] = {"--threads", "1", NULL};
	h_serve_args(one_thread);
	h_serve_own_files();
	h_start();
	anon = h_client();
	rep = h_client();
	officer = h_client();
	h_check(h_login(rep, "representative") == 303 && h_login(officer, "officer") == 303,
	        "the demo representative and officer sign in");
	h_sql_line("SELECT ur.association_id FROM user_roles ur JOIN users u ON u.id = ur.user_id "
	           "JOIN associations a ON a.id = ur.association_id WHERE u.email = "
	           "'forening@demo.samverka.se' AND ur.role = 'representative' AND a.public = 1 "
	           "AND a.active = 1",
	           assoc_id, sizeof(assoc_id));
	snprintf(assoc_page, sizeof(assoc_page), "/foreningar/%s", assoc_id);
	h_check(assoc_id[0] != 0, "the representative's association is %s", assoc_id);
	char dnr[32];
	kept();
	case_written(dnr);
	register_changed(dnr);
	bulk_import();
	savepoint_undone();
	h_client_free(anon);
	h_client_free(rep);
	h_client_free(officer);
	return h_finish();
}
