/* The public diary names no association that is not in the public
 * register: a registration whose applicant chose not to be shown lists its
 * number, date and type, in Swedish and English, while it is handled and
 * once it is granted; a public one lists its name. An association that
 * leaves the public register takes its name out of the diary at once, the
 * cached page included (one server thread: one cache). */
#include "harness.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char PDF[] = "%PDF-1.4\n1 0 obj\n<< /Type /Catalog >>\nendobj\n"
                          "trailer\n<< /Root 1 0 R >>\n%%EOF\n";
static const char SHOWN[] = "Ljusa schackklubben";
static const char HIDDEN[] = "Skuggornas stödförening";

static struct hclient *rep, *officer;

/* A registration as a browser sends it, with "offentlig" ticked or not;
 * the case's number, "" when it was not stored. */
static void
apply(const char *name, const char *nine, int shown, char dnr[32])
{
	char orgnr[12];
	h_orgnr(nine, orgnr);
	struct hstr b = {0};
	h_mp_field(&b, "csrf", h_csrf(rep));
	h_mp_field(&b, "namn", name);
	h_mp_field(&b, "form", "ideell");
	h_mp_field(&b, "organisationsnummer", orgnr);
	h_mp_field(&b, "andamal", "Möten och samtal för medlemmarna.");
	h_mp_field(&b, "epost", "styrelsen@forening.example");
	h_mp_field(&b, "styrelse", "Ada Andersson, ordförande\nBo Berg, kassör");
	if (shown)
		h_mp_field(&b, "offentlig", "1");
	h_mp_file(&b, "stadgar", "stadgar.pdf", "application/pdf", PDF, strlen(PDF));
	h_mp_file(&b, "protokoll", "protokoll.pdf", "application/pdf", PDF, strlen(PDF));
	h_mp_end(&b);
	struct hresp r;
	char loc[128] = "";
	h_post_multipart(rep, "/registrera-forening", &b, &r);
	hstr_free(&b);
	dnr[0] = 0;
	if (r.status == 303 && hresp_header(&r, "Location", loc, sizeof(loc)))
		sscanf(loc, "/arenden/%31[^?]", dnr);
	h_check(dnr[0] != 0, "a registration of %s (%s) is stored as %s", name,
	        shown ? "shown in the register" : "not shown", dnr);
	hresp_free(&r);
}

/* The officer takes the case, handles it and grants it. */
static void
grant(const char *dnr)
{
	const char *start[] = {"till", "handlaggning", NULL};
	const char *decision[] = {"utfall",
	                          "bifall",
	                          "motivering",
	                          "Stadgarna uppfyller villkoren.",
	                          "beslutsfattare",
	                          "Hamid Handläggare",
	                          "datum",
	                          "2026-03-12",
	                          "referens",
	                          "FRI 2026-03-12 § 3",
	                          NULL};
	long a = h_case_action(officer, dnr, "tilldela", NULL),
	     s = h_case_action(officer, dnr, "status", start);
	long d = h_case_action(officer, dnr, "beslut", decision);
	h_check(a == 303 && s == 303 && d == 303, "the officer grants %s (%ld, %ld, %ld)", dnr, a,
	        s, d);
}

/* The diary's row for a case, as an anonymous visitor sees the first page
 * in the language asked for; "" when it is not there. Whether the page
 * came from the cache into *hit. */
static const char *
row_of(const char *dnr, int english, char *out, size_t n, int *hit)
{
	struct hclient *anon = h_client();
	struct hresp r;
	char start[64], v[16];
	h_get(anon, english ? "/diarium?lang=en" : "/diarium", &r);
	if (hit)
		*hit = hresp_header(&r, "X-Cache", v, sizeof(v)) && strcmp(v, "hit") == 0;
	snprintf(start, sizeof(start), "<tr><td>%s</td>", dnr);
	if (r.status != 200 || !h_between(r.body.p, start, "</tr>", out, n))
		out[0] = 0;
	hresp_free(&r);
	h_client_free(anon);
	return out;
}

/* The hidden association's case in both languages: its type (in the type
 * column and for its description) and not its name; the shown one's with
 * its name. */
static void
check_rows(const char *hidden, const char *shown, const char *when)
{
	for (int en = 0; en < 2; en++) {
		char row[1024];
		row_of(hidden, en, row, sizeof(row), NULL);
		const char *type = en ? "Association registration" : "Föreningsregistrering";
		const char *first = strstr(row, type);
		h_check(*row && !strstr(row, "Skuggornas") && first && strstr(first + 1, type),
		        "%s, /diarium%s lists %s with its type only, not the name (%s)", when,
		        en ? "?lang=en" : "", hidden, row);
		row_of(shown, en, row, sizeof(row), NULL);
		h_check(strstr(row, SHOWN) != NULL, "%s, /diarium%s lists %s with its name (%s)",
		        when, en ? "?lang=en" : "", shown, row);
	}
}

int
main(void)
{
	/* one server thread, so every request meets one page cache */
	static const char *const one_thread[] = {"--threads", "1", NULL};
	h_serve_args(one_thread);
	h_start();
	rep = h_client();
	officer = h_client();
	h_check(h_login(rep, "representative") == 303 && h_login(officer, "officer") == 303,
	        "the demo representative and the officer sign in");
	char row[1024];
	int hit;
	row_of("FRI-", 0, row, sizeof(row), NULL);
	row_of("FRI-", 0, row, sizeof(row), &hit);
	h_check(hit, "the diary is kept in the cache before the registrations");

	char shown[32], hidden[32];
	apply(SHOWN, "802712341", 1, shown);
	apply(HIDDEN, "802712342", 0, hidden);
	check_rows(hidden, shown, "received");
	grant(hidden);
	grant(shown);
	check_rows(hidden, shown, "granted");
	struct hclient *anon = h_client();
	struct hresp r;
	h_get(anon, "/foreningar?q=Skuggornas", &r);
	h_check(r.status == 200 && !hresp_has(&r, HIDDEN),
	        "the granted hidden association is not in the public register");
	hresp_free(&r);
	h_client_free(anon);

	/* the shown association leaves the public register: the kept diary
	 * page is made anew without its name */
	row_of(shown, 0, row, sizeof(row), NULL);
	row_of(shown, 0, row, sizeof(row), &hit);
	h_check(hit && strstr(row, SHOWN), "the diary with %s's name is in the cache", SHOWN);
	char sql[256];
	snprintf(sql, sizeof(sql), "UPDATE associations SET public = 0 WHERE name = '%s'", SHOWN);
	h_check(h_sql(sql, NULL) == 0, "%s is taken out of the public register", SHOWN);
	row_of(shown, 0, row, sizeof(row), &hit);
	h_check(!hit && *row && !strstr(row, SHOWN) && strstr(row, "Föreningsregistrering"),
	        "and the diary, made anew, lists %s without its name (%s)", shown, row);

	h_client_free(rep);
	h_client_free(officer);
	return h_finish();
}
