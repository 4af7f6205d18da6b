/* Cases over HTTP: the registration e-service from application to decision,
 * the status rules, who may see a case, many applications at once, and the
 * registration form's checks. */
#include "harness.h"

#include <curl/curl.h>
#include <fcntl.h>
#include <jansson.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

/* The smallest file the server takes for a PDF: it is checked by content. */
static const char PDF[] = "%PDF-1.4\n1 0 obj\n<< /Type /Catalog >>\nendobj\n"
                          "trailer\n<< /Root 1 0 R >>\n%%EOF\n";
/* A page with script, named and declared as a PDF. */
static const char HTML_PAGE[] = "<!DOCTYPE html><html><body><script>alert(1)</script>"
                                "</body></html>\n";
/* A PDF header in front of a page a browser would render. */
static const char PDF_WITH_HTML[] = "%PDF-1.4\n<html><body><script>alert(1)</script>"
                                    "</body></html>\n%%EOF\n";

static const char BOARD[] = "Britt-Marie Kvarnström, ordförande\n"
                            "Johan Lindqvist, kassör\n"
                            "Noor Haddad, sekreterare\n";
static const char *const BOARD_NAMES[] = {"Kvarnström", "Lindqvist", "Noor Haddad", NULL};
static const char APPLICANT_NAME[] = "Sara Sökande";
static const char APPLICANT_EMAIL[] = "sokande@example.se";
static const char APPLICANT_PASSWORD[] = "sokande-losenord-2026";
static const char ASSOC_NAME[] = "Kvarnbackens schackklubb";
static const char REFERENCE[] = "FRI 2026-03-12 § 14";
static const char REFUSED[] = "Det går inte i ärendets nuvarande status.";

static int year;
static char today[16];
static char area_id[32];
static char officer_name[128];
static char flow_dnr[32], flow_orgnr[12];
static long flow_doc;
static int next_serial; /* the number the next stored case must get */
static struct hclient *officer, *applicant, *demo_rep, *admin, *rep_b, *kul, *anon;

/* One application for registration; a NULL member leaves its part out. */
struct reg {
	const char *namn, *orgnr, *andamal, *styrelse, *omrade;
	const char *stadgar, *protokoll; /* the files' contents */
};

/* An application the server must accept: every check passes. */
static struct reg
good_reg(const char *namn, const char *orgnr)
{
	return (struct reg){namn, orgnr, "Schack för barn och vuxna i Kvarnby.", BOARD, area_id,
	                    PDF,  PDF};
}

/* The registration form as a browser sends it. */
static void
reg_body(struct hstr *b, const char *csrf, const struct reg *g)
{
	h_mp_field(b, "csrf", csrf);
	h_mp_field(b, "namn", g->namn);
	h_mp_field(b, "form", "ideell");
	h_mp_field(b, "organisationsnummer", g->orgnr);
	h_mp_field(b, "andamal", g->andamal);
	h_mp_field(b, "epost", "styrelsen@kvarnbacken.example");
	if (g->omrade)
		h_mp_field(b, "omrade", g->omrade);
	if (g->styrelse)
		h_mp_field(b, "styrelse", g->styrelse);
	h_mp_field(b, "offentlig", "1");
	if (g->stadgar)
		h_mp_file(b, "stadgar", "stadgar.pdf", "application/pdf", g->stadgar,
		          strlen(g->stadgar));
	if (g->protokoll)
		h_mp_file(b, "protokoll", "arsmote-2026.pdf", "application/pdf", g->protokoll,
		          strlen(g->protokoll));
	h_mp_end(b);
}

/* Sends an application; the status, and the case's number from the
 * redirect (serial 0 when there was none). */
static long
apply(struct hclient *c, const struct reg *g, struct hresp *r, int *serial)
{
	struct hstr b = {0};
	reg_body(&b, h_csrf(c), g);
	h_post_multipart(c, "/registrera-forening", &b, r);
	hstr_free(&b);
	char loc[256], want[64];
	int y = 0, n = 0;
	*serial = 0;
	if (r->status == 303 && hresp_header(r, "Location", loc, sizeof(loc)) &&
	    sscanf(loc, "/arenden/FRI-%d-%d", &y, &n) == 2) {
		snprintf(want, sizeof(want), "/arenden/%s?klart=1", h_dnr("FRI", n));
		if (y == year && strcmp(loc, want) == 0)
			*serial = n;
		else
			h_note("unexpected redirect %s", loc);
	}
	return r->status;
}

/* --- reading pages ------------------------------------------------------- */

/* The status a case page shows, or "" when the page is not the case's. */
static const char *
page_status(struct hclient *c, const char *d)
{
	static char st[64];
	char path[96];
	struct hresp r;
	snprintf(path, sizeof(path), "/arenden/%s", d);
	h_get(c, path, &r);
	if (r.status != 200 ||
	    !h_between(r.body.p, "<dt>Status</dt><dd><strong>", "</strong>", st, sizeof(st)))
		st[0] = 0;
	hresp_free(&r);
	return st;
}

/* A case action as a form POST: csrf and at most one more field. */
static long
act(struct hclient *c, const char *d, const char *action, const char *k1, const char *v1,
    struct hresp *r)
{
	char path[128];
	struct hstr f = {0};
	snprintf(path, sizeof(path), "/arenden/%s/%s", d, action);
	h_form_add(&f, "csrf", h_csrf(c));
	if (k1)
		h_form_add(&f, k1, v1);
	h_post(c, path, f.p, r);
	hstr_free(&f);
	return r->status;
}

/* The decision form filled in as an officer would. */
static long
decide(struct hclient *c, const char *d, const char *outcome, struct hresp *r)
{
	char path[128];
	struct hstr f = {0};
	snprintf(path, sizeof(path), "/arenden/%s/beslut", d);
	h_form_add(&f, "csrf", h_csrf(c));
	h_form_add(&f, "utfall", outcome);
	h_form_add(&f, "motivering", "Stadgarna och protokollet uppfyller villkoren.");
	h_form_add(&f, "beslutsfattare", "Hamid Handläggare, enligt delegation");
	h_form_add(&f, "datum", "2026-03-12");
	h_form_add(&f, "referens", REFERENCE);
	h_post(c, path, f.p, r);
	hstr_free(&f);
	return r->status;
}

/* The applicant's answer to a request for completion, with a document. */
static long
complete(struct hclient *c, const char *d, const char *message, struct hresp *r)
{
	char path[128];
	struct hstr b = {0};
	snprintf(path, sizeof(path), "/arenden/%s/komplettera", d);
	h_mp_field(&b, "csrf", h_csrf(c));
	h_mp_field(&b, "meddelande", message);
	h_mp_file(&b, "dokument", "komplettering.pdf", "application/pdf", PDF, strlen(PDF));
	h_mp_end(&b);
	h_post_multipart(c, path, &b, r);
	hstr_free(&b);
	return r->status;
}

/* An extra document on a case (the document upload route). */
static long
upload(struct hclient *c, const char *d, struct hresp *r)
{
	char path[128];
	struct hstr b = {0};
	snprintf(path, sizeof(path), "/arenden/%s/dokument", d);
	h_mp_field(&b, "csrf", h_csrf(c));
	h_mp_field(&b, "typ", "ovrigt");
	h_mp_file(&b, "dokument", "bilaga.pdf", "application/pdf", PDF, strlen(PDF));
	h_mp_end(&b);
	h_post_multipart(c, path, &b, r);
	hstr_free(&b);
	return r->status;
}

/* --- the database, read with the engine's own shell ---------------------- */

/* Everything a refused action must leave alone: the case's status,
 * officer, time of change, trail, messages, decision, documents, and the
 * outbox. */
static const char *
fingerprint(const char *d, char *out, size_t n)
{
	char q[1024];
	snprintf(q, sizeof(q),
	         "SELECT c.status, coalesce(c.officer_id, 0), c.updated, "
	         "(SELECT count(*) FROM case_events e WHERE e.case_id = c.id), "
	         "(SELECT count(*) FROM case_messages m WHERE m.case_id = c.id), "
	         "(SELECT count(*) FROM case_decisions x WHERE x.case_id = c.id), "
	         "(SELECT count(*) FROM case_documents x WHERE x.case_id = c.id), "
	         "(SELECT count(*) FROM outbox) FROM cases c WHERE c.diarienummer = '%s'",
	         d);
	return h_sql_line(q, out, n);
}

/* What a refused application must leave alone: every table it writes to,
 * the serial counter and the documents directory. */
static const char *
totals(char *out, size_t n)
{
	char row[256];
	h_sql_line("SELECT (SELECT count(*) FROM cases), (SELECT count(*) FROM associations), "
	           "(SELECT count(*) FROM case_documents), (SELECT count(*) FROM case_events), "
	           "(SELECT count(*) FROM outbox), (SELECT max(last) FROM case_serials)",
	           row, sizeof(row));
	snprintf(out, n, "%s|files %d", row, h_count_files(h_files()));
	return out;
}

/* How many documents the database knows whose file is not on disk; *rows
 * gets how many it knows. */
static int
missing_files(int *rows)
{
	struct hstr names = {0};
	int missing = 0;
	*rows = 0;
	if (h_sql("SELECT storage_name FROM case_documents", &names) != 0)
		return -1;
	for (char *p = names.p; p && *p;) {
		char *nl = strchr(p, '\n'), path[512];
		if (nl)
			*nl = 0;
		snprintf(path, sizeof(path), "%s/%s", h_files(), p);
		(*rows)++;
		if (access(path, R_OK) != 0)
			missing++, h_note("no file for document %s", p);
		p = nl ? nl + 1 : NULL;
	}
	hstr_free(&names);
	return missing;
}

/* --- the people ---------------------------------------------------------- */

/* The signed-in user's name as Mina sidor greets them. */
static void
my_name(struct hclient *c, char *out, size_t n)
{
	struct hresp r;
	h_get(c, "/mina-sidor", &r);
	if (!h_between(r.body.p, "Inloggad som ", " (", out, n))
		out[0] = 0;
	hresp_free(&r);
}

/* The demo users, a new applicant, a representative of another association
 * and an officer of another department, each signed in. */
static void
people(void)
{
	struct hresp r;
	officer = h_client();
	applicant = h_client();
	demo_rep = h_client();
	admin = h_client();
	rep_b = h_client();
	kul = h_client();
	anon = h_client();
	h_check(h_user_add(APPLICANT_EMAIL, APPLICANT_NAME, "representative", NULL,
	                   APPLICANT_PASSWORD) == 0 &&
	                h_user_add("kultur@example.se", "Karin Kulturhandläggare", "officer", "KUL",
	                           "kultur-losenord-2026") == 0,
	        "user add creates the applicant and an officer of the culture department");
	h_check(h_login(officer, "officer") == 303 && h_login(demo_rep, "representative") == 303 &&
	                h_login(admin, "admin") == 303 &&
	                h_login_as(applicant, APPLICANT_EMAIL, APPLICANT_PASSWORD) == 303 &&
	                h_login_as(kul, "kultur@example.se", "kultur-losenord-2026") == 303,
	        "the officer, the demo representative, the admin, the applicant and the KUL "
	        "officer sign in");
	my_name(officer, officer_name, sizeof(officer_name));
	h_check(officer_name[0] != 0, "Mina sidor names the officer (%s)", officer_name);

	/* association B and its representative, through the admin's forms */
	char orgnr_b[12];
	h_orgnr("802790001", orgnr_b);
	struct hstr f = {0};
	h_form_add(&f, "csrf", h_csrf(admin));
	h_form_add(&f, "namn", "Rosengårds bouleklubb");
	h_form_add(&f, "form", "ideell");
	h_form_add(&f, "organisationsnummer", orgnr_b);
	h_form_add(&f, "andamal", "Boule i parken.");
	h_form_add(&f, "aktiv", "1");
	h_form_add(&f, "offentlig", "1");
	h_post(admin, "/admin/foreningar/ny", f.p, &r);
	h_check(r.status == 303, "the admin registers association B directly (got %ld)", r.status);
	hresp_free(&r);
	hstr_free(&f);
	h_form_add(&f, "csrf", h_csrf(admin));
	h_form_add(&f, "ny_epost", "boule@example.se");
	h_form_add(&f, "ny_namn", "Bertil Boule");
	h_form_add(&f, "ny_losenord", "boule-losenord-2026");
	h_form_add(&f, "ny_roll", "representative");
	h_form_add(&f, "ny_orgnr", orgnr_b);
	h_post(admin, "/admin/anvandare", f.p, &r);
	h_check(r.status == 303, "the admin adds B's representative (got %ld)", r.status);
	hresp_free(&r);
	hstr_free(&f);
	h_check(h_login_as(rep_b, "boule@example.se", "boule-losenord-2026") == 303,
	        "B's representative signs in");
	h_get(rep_b, "/mina-sidor", &r);
	h_check(hresp_has(&r, "Rosengårds bouleklubb") && !hresp_has(&r, "FRI-"),
	        "B's representative sees B on Mina sidor and no case of A");
	hresp_free(&r);
}

/* --- 1. the whole registration ------------------------------------------ */

/* The trail lists these entries, in this order, and nothing else. */
static void
check_trail(const struct hresp *page)
{
	char app[160], off[160], created[256];
	snprintf(app, sizeof(app), "%s: ", APPLICANT_NAME);
	snprintf(off, sizeof(off), "%s: ", officer_name);
	snprintf(created, sizeof(created), "ärendet skapades (Registrering: %s)", ASSOC_NAME);
	char assigned[256], decided[256];
	snprintf(assigned, sizeof(assigned), "tilldelat (%s)", officer_name);
	snprintf(decided, sizeof(decided), "status ändrad (Under handläggning → Beslutad: %s)",
	         REFERENCE);
	const struct {
		const char *who, *what;
	} want[] = {
	        {app, created},
	        {app, "dokument tillagt (stadgar.pdf)"},
	        {app, "dokument tillagt (arsmote-2026.pdf)"},
	        {off, assigned},
	        {off, "status ändrad (Inkommen → Under handläggning)"},
	        {off, "meddelande"},
	        {off, "status ändrad (Under handläggning → Komplettering begärd)"},
	        {app, "dokument tillagt (komplettering.pdf)"},
	        {app, "meddelande"},
	        {app, "status ändrad (Komplettering begärd → Inkommen)"},
	        {off, "status ändrad (Inkommen → Under handläggning)"},
	        {off, "beslut (Bifall)"},
	        {off, decided},
	};
	size_t nwant = sizeof(want) / sizeof(want[0]);
	const char *p = page->body.p ? strstr(page->body.p, "<ol class=\"trail\">") : NULL;
	const char *end = p ? strstr(p, "</ol>") : NULL;
	size_t found = 0, items = 0;
	for (const char *li = p; li && end && (li = strstr(li, "<li>")) && li < end; li++) {
		items++;
		const char *close = strstr(li, "</li>");
		char entry[512];
		snprintf(entry, sizeof(entry), "%.*s", close ? (int)(close - li - 4) : 0, li + 4);
		const char *dash = strstr(entry, " – ");
		char expect[512] = "";
		if (found < nwant)
			snprintf(expect, sizeof(expect), "%s%s", want[found].who, want[found].what);
		if (dash && found < nwant && strcmp(dash + strlen(" – "), expect) == 0)
			found++;
		else
			h_note("trail entry %zu: %s (expected %s)", items, entry, expect);
	}
	h_check(found == nwant && items == nwant,
	        "the trail lists all %zu steps in order, each with who did it (%zu matched of %zu "
	        "entries)",
	        nwant, found, items);
}

/* Apply, start, ask for completion, complete, decide: the association is
 * then in the register and the applicant represents it. */
static void
registration_flow(void)
{
	struct hresp r;
	char path[160], v[256];
	h_get(applicant, "/registrera-forening", &r);
	h_check(r.status == 200 && hresp_has(&r, "enctype=\"multipart/form-data\"") &&
	                h_between(r.body.p, "name=\"omrade\" value=\"", "\"", area_id,
	                          sizeof(area_id)),
	        "the registration form is a multipart form offering areas (first area %s)",
	        area_id);
	hresp_free(&r);

	h_orgnr("802700001", flow_orgnr);
	struct reg g = good_reg(ASSOC_NAME, flow_orgnr);
	int serial;
	long st = apply(applicant, &g, &r, &serial);
	h_check(st == 303 && serial == 7,
	        "the application becomes case %s after the six demo cases (got %ld, serial %d)",
	        h_dnr("FRI", 7), st, serial);
	hresp_free(&r);
	snprintf(flow_dnr, sizeof(flow_dnr), "%s", h_dnr("FRI", 7));
	next_serial = 8;

	snprintf(path, sizeof(path), "/arenden/%s?klart=1", flow_dnr);
	h_get(applicant, path, &r);
	h_check(r.status == 200 && hresp_has(&r, "Klart.") &&
	                hresp_has(&r, "<strong>Inkommen</strong>") &&
	                hresp_has(&r, ">stadgar.pdf</a>") && hresp_has(&r, ">arsmote-2026.pdf</a>"),
	        "the applicant sees the case received with both documents");
	snprintf(v, sizeof(v), "/arenden/%s/dokument/", flow_dnr);
	const char *doc = r.body.p ? strstr(r.body.p, v) : NULL;
	flow_doc = doc ? strtol(doc + strlen(v), NULL, 10) : 0;
	hresp_free(&r);
	snprintf(path, sizeof(path), "/arenden/%s/dokument/%ld", flow_dnr, flow_doc);
	h_get(applicant, path, &r);
	h_check(r.status == 200 && r.body.n == strlen(PDF) && memcmp(r.body.p, PDF, r.body.n) == 0,
	        "the applicant downloads the statutes as sent (%s: %ld)", path, r.status);
	hresp_free(&r);

	char q[128];
	snprintf(q, sizeof(q), "q=Kvarnbackens");
	h_check(h_api_total(anon, q) == 0, "before the decision the association is not public");
	h_get(anon, "/foreningar?q=Kvarnbackens", &r);
	h_check(r.status == 200 && !hresp_has(&r, ASSOC_NAME),
	        "nor on the register page (which is now cached)");
	hresp_free(&r);

	h_get(officer, "/handlaggning", &r);
	snprintf(v, sizeof(v), "<a href=\"/arenden/%s\">%s</a>", flow_dnr, flow_dnr);
	h_check(r.status == 200 && hresp_has(&r, v), "the FRI officer's inbox lists %s", flow_dnr);
	hresp_free(&r);

	st = act(officer, flow_dnr, "tilldela", NULL, NULL, &r);
	h_check(st == 303, "the officer takes the case (got %ld)", st);
	hresp_free(&r);
	h_check(act(officer, flow_dnr, "status", "till", "handlaggning", &r) == 303 &&
	                strcmp(page_status(applicant, flow_dnr), "Under handläggning") == 0,
	        "the officer starts handling it");
	hresp_free(&r);
	const char *ask =
	        "Protokollet saknar justerares underskrift. Skicka ett justerat protokoll.";
	h_check(act(officer, flow_dnr, "komplettering", "meddelande", ask, &r) == 303 &&
	                strcmp(page_status(officer, flow_dnr), "Komplettering begärd") == 0,
	        "the officer asks for completion with a message");
	hresp_free(&r);

	h_get(applicant, "/mina-sidor", &r);
	snprintf(v, sizeof(v),
	         "<a href=\"/arenden/%s\">%s</a> <strong class=\"badge\">1 olästa</strong>",
	         flow_dnr, flow_dnr);
	h_check(r.status == 200 && hresp_has(&r, v) && hresp_has(&r, "Komplettering begärd"),
	        "Mina sidor marks the case with one unread message, completion requested");
	hresp_free(&r);
	snprintf(path, sizeof(path), "/arenden/%s", flow_dnr);
	h_get(applicant, path, &r);
	const char *msg = r.body.p ? strstr(r.body.p, "<li class=\"from-officer\">") : NULL;
	const char *msg_end = msg ? strstr(msg, "</li>") : NULL;
	const char *badge = msg ? strstr(msg, "<strong class=\"badge\">Oläst</strong>") : NULL;
	const char *text = msg ? strstr(msg, ask) : NULL;
	h_check(r.status == 200 && badge && badge < msg_end && text && text < msg_end,
	        "the case page shows the officer's message marked unread");
	h_check(hresp_has(&r, "action=\"/arenden/") && hresp_has(&r, "/komplettera\""),
	        "and offers the applicant the completion form");
	hresp_free(&r);
	h_get(applicant, path, &r);
	h_check(r.status == 200 && hresp_has(&r, ask) && !hresp_has(&r, ">Oläst<"),
	        "once read, the message is no longer marked");
	hresp_free(&r);
	h_get(applicant, "/mina-sidor", &r);
	h_check(!hresp_has(&r, "olästa"), "and Mina sidor no longer counts it");
	hresp_free(&r);

	const char *answer = "Här kommer det justerade protokollet.";
	h_check(complete(applicant, flow_dnr, answer, &r) == 303 &&
	                strcmp(page_status(applicant, flow_dnr), "Inkommen") == 0,
	        "the applicant completes the case with a document; it is received again");
	hresp_free(&r);
	h_get(officer, "/handlaggning", &r);
	snprintf(v, sizeof(v),
	         "<a href=\"/arenden/%s\">%s</a> <strong class=\"badge\">1 olästa</strong>",
	         flow_dnr, flow_dnr);
	h_check(hresp_has(&r, v), "the officer's inbox shows the applicant's answer unread");
	hresp_free(&r);
	h_get(officer, path, &r);
	h_check(hresp_has(&r, answer) && hresp_has(&r, ">komplettering.pdf</a>"),
	        "the officer reads the answer and sees the new document");
	hresp_free(&r);

	st = act(officer, flow_dnr, "status", "till", "handlaggning", &r);
	h_check(st == 303, "the officer resumes handling (got %ld)", st);
	hresp_free(&r);
	st = decide(officer, flow_dnr, "bifall", &r);
	h_check(st == 303, "the officer grants it (got %ld)", st);
	hresp_free(&r);
	h_get(applicant, path, &r);
	h_check(hresp_has(&r, "<strong>Beslutad</strong>") && hresp_has(&r, "Beslut: Bifall") &&
	                hresp_has(&r, REFERENCE),
	        "the applicant sees the decision, granted, with its reference %s", REFERENCE);
	check_trail(&r);
	hresp_free(&r);

	/* the register, as anyone sees it */
	h_get(anon, "/api/v1/foreningar?q=Kvarnbackens", &r);
	json_t *j = r.status == 200 ? json_loads(r.body.p, 0, NULL) : NULL;
	json_t *item = json_array_get(json_object_get(j, "items"), 0);
	const char *got = json_string_value(json_object_get(item, "organisationsnummer"));
	long assoc_id = (long)json_integer_value(json_object_get(item, "id"));
	h_check(json_integer_value(json_object_get(j, "total")) == 1 && got &&
	                strcmp(got, flow_orgnr) == 0,
	        "/api/v1/foreningar now has the association with %s", flow_orgnr);
	int board_hidden = 1;
	for (int i = 0; BOARD_NAMES[i]; i++)
		board_hidden &= !hresp_has(&r, BOARD_NAMES[i]);
	h_check(board_hidden, "the API does not show the board");
	json_decref(j);
	hresp_free(&r);
	h_get(anon, "/foreningar?q=Kvarnbackens", &r);
	h_check(r.status == 200 && hresp_has(&r, ASSOC_NAME) && h_page_total(&r) == 1,
	        "/foreningar lists it (the cached page was renewed)");
	hresp_free(&r);
	snprintf(path, sizeof(path), "/foreningar/%ld", assoc_id);
	h_get(anon, path, &r);
	board_hidden = 1;
	for (int i = 0; BOARD_NAMES[i]; i++)
		board_hidden &= !hresp_has(&r, BOARD_NAMES[i]);
	h_check(r.status == 200 && hresp_has(&r, ASSOC_NAME) && board_hidden,
	        "its public page shows it without the board");
	hresp_free(&r);

	h_get(applicant, "/mina-sidor", &r);
	snprintf(v, sizeof(v), "<a href=\"/foreningar/%ld\">%s</a>", assoc_id, ASSOC_NAME);
	const char *mine = r.body.p ? strstr(r.body.p, "Mina föreningar") : NULL;
	const char *cases = r.body.p ? strstr(r.body.p, "Mina ärenden") : NULL;
	const char *listed = r.body.p ? strstr(r.body.p, v) : NULL;
	h_check(mine && listed && listed > mine && listed < cases,
	        "the applicant now represents it: Mina sidor lists it under Mina föreningar");
	hresp_free(&r);
}

/* --- 2. refused transitions ---------------------------------------------- */

/* An action that must be refused with status want and change nothing. */
static void
refused(struct hclient *c, const char *who, const char *d, const char *action, const char *k,
        const char *v, long want)
{
	char before[512], after[512];
	struct hresp r;
	fingerprint(d, before, sizeof(before));
	long st = strcmp(action, "beslut") == 0        ? decide(c, d, "bifall", &r)
	          : strcmp(action, "komplettera") == 0 ? complete(c, d, "Ett svar.", &r)
	                                               : act(c, d, action, k, v, &r);
	fingerprint(d, after, sizeof(after));
	/* a message on a closed case has its own reason */
	const char *why = strcmp(action, "meddelande") == 0 ? "Ärendet är avslutat." : REFUSED;
	int reason = want != 422 || hresp_has(&r, why);
	h_check(st == want && reason && before[0] && strcmp(before, after) == 0,
	        "%s: %s on %s (%s) is refused with %ld and changes nothing (got %ld)", who, action,
	        d, page_status(officer, d), want, st);
	if (strcmp(before, after) != 0)
		h_note("before %s\nafter  %s", before, after);
	hresp_free(&r);
}

/* The demo's cases 1–6 are, in order: received, being handled, completion
 * requested, decided, closed, withdrawn. */
static void
illegal_transitions(void)
{
	static const char *const statuses[] = {
	        "Inkommen", "Under handläggning", "Komplettering begärd",
	        "Beslutad", "Avslutad",           "Återkallad"};
	int ok = 1;
	for (int i = 0; i < 6; i++)
		ok &= strcmp(page_status(officer, h_dnr("FRI", i + 1)), statuses[i]) == 0;
	h_check(ok, "the demo cases %s…%s are in every status", h_dnr("FRI", 1), h_dnr("FRI", 6));

	refused(officer, "officer", h_dnr("FRI", 6), "beslut", NULL, NULL, 422);
	refused(officer, "officer", h_dnr("FRI", 5), "beslut", NULL, NULL, 422);
	refused(officer, "officer", h_dnr("FRI", 4), "beslut", NULL, NULL, 422);
	refused(officer, "officer", h_dnr("FRI", 1), "komplettering", "meddelande", "Mer, tack.",
	        422);
	refused(officer, "officer", h_dnr("FRI", 2), "status", "till", "avslutad", 422);
	refused(officer, "officer", h_dnr("FRI", 4), "status", "till", "handlaggning", 422);
	refused(officer, "officer", h_dnr("FRI", 2), "aterkalla", "bekrafta", "1", 422);
	refused(officer, "officer", h_dnr("FRI", 5), "meddelande", "meddelande", "Hej igen.", 422);
	refused(officer, "officer", flow_dnr, "komplettering", "meddelande", "Mer, tack.", 422);
	refused(demo_rep, "applicant", h_dnr("FRI", 4), "aterkalla", "bekrafta", "1", 422);
	refused(demo_rep, "applicant", h_dnr("FRI", 5), "aterkalla", "bekrafta", "1", 422);
	refused(applicant, "applicant", flow_dnr, "aterkalla", "bekrafta", "1", 422);
	refused(demo_rep, "applicant", h_dnr("FRI", 2), "komplettera", NULL, NULL, 422);
	refused(demo_rep, "applicant", h_dnr("FRI", 1), "tilldela", NULL, NULL, 403);
	refused(demo_rep, "applicant", h_dnr("FRI", 1), "status", "till", "handlaggning", 403);
	refused(demo_rep, "applicant", h_dnr("FRI", 2), "komplettering", "meddelande", "Själv.",
	        403);
	refused(demo_rep, "applicant", h_dnr("FRI", 1), "beslut", NULL, NULL, 403);
	refused(demo_rep, "applicant", h_dnr("FRI", 6), "beslut", NULL, NULL, 403);
}

/* --- 3. who sees what ------------------------------------------------------ */

/* Every GET and POST on a case, for one person; want is the status the
 * routes open to any signed-in user must give, officer_want that of the
 * officer-only routes. Each must equal the answer for a case that does not
 * exist, so that a number does not reveal whether it is in use. */
static void
shut_out(struct hclient *c, const char *who, const char *d, long doc, long want, long officer_want)
{
	static const char *const missing = "FRI-1999-9999";
	char before[512], after[512];
	fingerprint(d, before, sizeof(before));
	int bad = 0, leak = 0;
	for (int pass = 0; pass < 2; pass++) {
		const char *x = pass ? missing : d;
		long got[10];
		struct hresp r;
		char path[128];
		snprintf(path, sizeof(path), "/arenden/%s", x);
		h_get(c, path, &r);
		got[0] = r.status;
		leak |= hresp_has(&r, ASSOC_NAME) || hresp_has(&r, "Årlig uppdatering");
		hresp_free(&r);
		snprintf(path, sizeof(path), "/arenden/%s/dokument/%ld", x, doc);
		h_get(c, path, &r);
		got[1] = r.status;
		leak |= r.body.n && memcmp(r.body.p, "%PDF", 4) == 0;
		hresp_free(&r);
		got[2] = act(c, x, "meddelande", "meddelande", "Hej!", &r);
		hresp_free(&r);
		got[3] = act(c, x, "aterkalla", "bekrafta", "1", &r);
		hresp_free(&r);
		got[4] = complete(c, x, "Svar.", &r);
		hresp_free(&r);
		got[5] = upload(c, x, &r);
		hresp_free(&r);
		got[6] = act(c, x, "tilldela", NULL, NULL, &r);
		hresp_free(&r);
		got[7] = act(c, x, "status", "till", "handlaggning", &r);
		hresp_free(&r);
		got[8] = act(c, x, "komplettering", "meddelande", "Mer.", &r);
		hresp_free(&r);
		got[9] = decide(c, x, "bifall", &r);
		hresp_free(&r);
		for (int i = 0; i < 10; i++) {
			long w = i < 6 ? want : officer_want;
			if (got[i] != w) {
				bad++;
				h_note("%s: request %d on %s answered %ld, expected %ld", who, i, x,
				       got[i], w);
			}
		}
	}
	fingerprint(d, after, sizeof(after));
	h_check(!bad && !leak && before[0] && strcmp(before, after) == 0,
	        "%s: every GET and POST on %s and its document %ld answers %ld (officer routes "
	        "%ld), as for a case that does not exist; nothing changes",
	        who, d, doc, want, officer_want);
}

/* Representatives of another association, officers of another department
 * and anonymous visitors learn nothing about a case; the diary tells
 * everyone what it may. */
static void
authorization(void)
{
	struct hresp r;
	char path[128];
	/* the document exists and its owner can fetch it, so the 404s below
	 * are about who asks */
	snprintf(path, sizeof(path), "/arenden/%s/dokument/%ld", flow_dnr, flow_doc);
	h_get(applicant, path, &r);
	h_check(r.status == 200, "the applicant can fetch %s", path);
	hresp_free(&r);
	h_get(officer, path, &r);
	h_check(r.status == 200, "and so can the FRI officer");
	hresp_free(&r);
	snprintf(path, sizeof(path), "/arenden/%s/dokument/%ld", h_dnr("FRI", 2), flow_doc);
	h_get(demo_rep, path, &r);
	h_check(r.status == 404,
	        "a document id under another case's number is a 404, even for that case's "
	        "applicant (got %ld)",
	        r.status);
	hresp_free(&r);

	/* B's representative: the routes open to users answer 404; the
	 * officer-only routes answer 403 to any non-officer whatever the case */
	shut_out(rep_b, "B's representative", flow_dnr, flow_doc, 404, 403);
	shut_out(rep_b, "B's representative", h_dnr("FRI", 2), flow_doc, 404, 403);
	shut_out(rep_b, "B's representative", h_dnr("FRI", 3), flow_doc, 404, 403);
	/* an officer of the culture department sees no leisure case at all */
	shut_out(kul, "the KUL officer", flow_dnr, flow_doc, 404, 404);
	shut_out(kul, "the KUL officer", h_dnr("FRI", 1), flow_doc, 404, 404);
	shut_out(kul, "the KUL officer", h_dnr("FRI", 3), flow_doc, 404, 404);
	h_get(kul, "/handlaggning", &r);
	h_check(r.status == 200 && hresp_has(&r, "Kulturförvaltningen") && !hresp_has(&r, "FRI-") &&
	                hresp_has(&r, "<p class=\"count\" role=\"status\">0 ärenden</p>"),
	        "the KUL officer's inbox is empty of FRI cases");
	hresp_free(&r);
	h_get(kul, "/handlaggning?status=inkommen&handlaggare=ingen", &r);
	h_check(r.status == 200 && !hresp_has(&r, "FRI-"), "whatever the filter");
	hresp_free(&r);

	/* anonymous: pages send to sign-in, posts are refused */
	char doc[32];
	snprintf(doc, sizeof(doc), "/dokument/%ld", flow_doc);
	const char *const gets[] = {"", doc, NULL};
	int ok = 1;
	for (int pass = 0; pass < 2; pass++) {
		const char *x = pass ? "FRI-1999-9999" : flow_dnr;
		for (int i = 0; gets[i]; i++) {
			char loc[256], want[256], *esc;
			snprintf(path, sizeof(path), "/arenden/%s%s", x, gets[i]);
			esc = h_escape(path);
			snprintf(want, sizeof(want), "/logga-in?till=%s", esc);
			free(esc);
			h_get(anon, path, &r);
			if (r.status != 303 || !hresp_header(&r, "Location", loc, sizeof(loc)) ||
			    strcmp(loc, want) != 0) {
				ok = 0;
				h_note("anonymous GET %s: %ld", path, r.status);
			}
			hresp_free(&r);
		}
	}
	h_check(ok, "anonymous GETs of a case and its document are sent to /logga-in?till=…");
	h_get(anon, "/handlaggning", &r);
	long inbox = r.status;
	hresp_free(&r);
	h_get(anon, "/registrera-forening", &r);
	h_check(inbox == 303 && r.status == 303, "so are the inbox and the registration form");
	hresp_free(&r);
	char before[512], after[512];
	fingerprint(flow_dnr, before, sizeof(before));
	long a1 = act(anon, flow_dnr, "meddelande", "meddelande", "Hej!", &r);
	hresp_free(&r);
	long a2 = act(anon, h_dnr("FRI", 1), "aterkalla", "bekrafta", "1", &r);
	hresp_free(&r);
	long a3 = decide(anon, flow_dnr, "avslag", &r);
	hresp_free(&r);
	fingerprint(flow_dnr, after, sizeof(after));
	h_check(a1 == 403 && a2 == 403 && a3 == 403 && strcmp(before, after) == 0 &&
	                strcmp(page_status(officer, h_dnr("FRI", 1)), "Inkommen") == 0,
	        "anonymous POSTs are refused (403) and change nothing");

	/* the public diary */
	h_get(anon, "/diarium", &r);
	char row[512];
	snprintf(row, sizeof(row),
	         "<tr><td>%s</td><td>%s</td><td>Föreningsregistrering</td>"
	         "<td>Fritidsförvaltningen</td><td>Registrering: %s</td></tr>",
	         flow_dnr, today, ASSOC_NAME);
	int all = 1;
	for (int i = 1; i <= 6; i++) {
		char cell[128];
		snprintf(cell, sizeof(cell), "<tr><td>%s</td><td>%s</td><td>Årlig uppdatering</td>",
		         h_dnr("FRI", i), today);
		all &= hresp_has(&r, cell);
	}
	h_check(r.status == 200 && hresp_has(&r, row) && all,
	        "/diarium lists every case with number, date, type and description");
	const char *secret[] = {APPLICANT_NAME,       APPLICANT_EMAIL,
	                        "Fatima Företrädare", "forening@demo.samverka.se",
	                        officer_name,         "styrelsen@kvarnbacken.example",
	                        BOARD_NAMES[0],       BOARD_NAMES[1],
	                        BOARD_NAMES[2],       NULL};
	int clean = 1;
	for (int i = 0; secret[i]; i++)
		if (hresp_has(&r, secret[i])) {
			clean = 0;
			h_note("the diary shows %s", secret[i]);
		}
	h_check(clean, "it never shows the applicant's name or e-mail, the officer, or the board");
	hresp_free(&r);
}

/* --- 5. the registration form's checks ----------------------------------- */

/* A refused application: 422, the message next to its field (aria-invalid,
 * linked from the summary), as many fields marked wrong as there were
 * mistakes, the typed values kept, and nothing stored, no file either.
 * The page is kept in *page when it is given. */
static void
bad_application(const char *what, const struct reg *g, const char *field, const char *msg,
                int mistakes, struct hresp *page)
{
	char before[512], after[512], got[512];
	struct hresp r;
	int serial;
	totals(before, sizeof(before));
	long st = apply(applicant, g, &r, &serial);
	totals(after, sizeof(after));
	const char *next_to = h_field_error(&r, field, got, sizeof(got));
	char name[256], orgnr[64], area_checked[96];
	snprintf(area_checked, sizeof(area_checked), "value=\"%s\" checked", area_id);
	snprintf(name, sizeof(name), "name=\"namn\" type=\"text\" value=\"%s\"", g->namn);
	snprintf(orgnr, sizeof(orgnr), "name=\"organisationsnummer\" type=\"text\" value=\"%s\"",
	         g->orgnr);
	int kept = hresp_has(&r, name) && hresp_has(&r, orgnr) && hresp_has(&r, g->andamal) &&
	           (!g->styrelse || !strchr(g->styrelse, ',') ||
	            hresp_has(&r, "Johan Lindqvist, kassör")) &&
	           (!g->omrade || hresp_has(&r, area_checked));
	h_check(st == 422 && next_to && strstr(got, msg) && hresp_has(&r, "error-summary") && kept,
	        "%s: 422 with \"%s\" next to the field, typed values kept (got %ld)", what, msg,
	        st);
	if (st == 422 && !(next_to && strstr(got, msg)))
		h_note("the %s error says: %s", field, next_to ? got : "(none)");
	int invalid = hresp_count(&r, "aria-invalid=\"true\""),
	    linked = hresp_count(&r, "<li><a href=\"#");
	h_check(h_field_invalid(&r, field) && h_summary_links(&r, field) && invalid == mistakes &&
	                linked == mistakes,
	        "%s: #%s is marked invalid and linked from the summary, %d field(s) in all (got "
	        "%d marked, %d linked)",
	        what, field, mistakes, invalid, linked);
	h_check(strcmp(before, after) == 0, "%s: nothing is stored, no file is left", what);
	if (strcmp(before, after) != 0)
		h_note("before %s\nafter  %s", before, after);
	if (page)
		*page = r;
	else
		hresp_free(&r);
}

/* Every kind of mistake the form names, then the corrected application. */
static void
bad_input(void)
{
	char orgnr[12], wrong[16];
	h_orgnr("802700002", orgnr);
	snprintf(wrong, sizeof(wrong), "%.10s%d", orgnr, (orgnr[10] - '0' + 1) % 10);
	const char *name = "Föreningen Prövostenen";

	struct reg g = good_reg(name, wrong);
	bad_application("a wrong check digit", &g, "organisationsnummer",
	                "Kontrollsiffran stämmer inte", 1, NULL);
	g = good_reg(name, "12345");
	bad_application("a short organisation number", &g, "organisationsnummer", "NNNNNN-NNNN", 1,
	                NULL);
	g = good_reg(name, flow_orgnr);
	bad_application("an association already registered", &g, "organisationsnummer",
	                "redan registrerad", 1, NULL);
	g = good_reg(name, orgnr);
	g.styrelse = NULL;
	bad_application("no board", &g, "styrelse", "Skriv minst en styrelseledamot", 1, NULL);
	g.styrelse = " \r\n  \r\n";
	bad_application("a blank board", &g, "styrelse", "Skriv minst en styrelseledamot", 1, NULL);
	g.styrelse = "Britt-Marie Kvarnström, ordförande\nJohan Lindqvist, kassör\nNoor Haddad\n";
	bad_application("a board member without a role", &g, "styrelse",
	                "namn, kommatecken och roll", 1, NULL);
	g = good_reg(name, orgnr);
	g.stadgar = g.protokoll = NULL;
	struct hresp r;
	char got[512];
	bad_application("no files", &g, "stadgar", "Bifoga stadgarna", 2, &r);
	h_check(h_field_error(&r, "protokoll", got, sizeof(got)) &&
	                strstr(got, "Bifoga det senaste årsmötesprotokollet"),
	        "no files: each file field says which file is missing");
	hresp_free(&r);
	g.stadgar = PDF;
	bad_application("no minutes", &g, "protokoll", "Bifoga det senaste årsmötesprotokollet", 1,
	                &r);
	h_check(!h_field_invalid(&r, "stadgar") && !h_summary_links(&r, "stadgar") &&
	                hresp_has(&r, "Välj filen igen"),
	        "no minutes: the statutes are not marked wrong, their hint asks for the file "
	        "again (a browser does not keep it)");
	hresp_free(&r);
	g = good_reg(name, orgnr);
	g.stadgar = HTML_PAGE;
	bad_application("HTML named stadgar.pdf", &g, "stadgar", "känns igen på sitt innehåll", 1,
	                NULL);
	g = good_reg(name, orgnr);
	g.protokoll = PDF_WITH_HTML;
	/* the statutes, stored before the minutes were refused, are removed
	 * again with the rollback */
	bad_application("a PDF carrying HTML as the minutes", &g, "protokoll", "innehåller HTML", 1,
	                NULL);

	/* the same number again, right: the refused ones left no association
	 * behind and took no number */
	int serial;
	g = good_reg(name, orgnr);
	long st = apply(applicant, &g, &r, &serial);
	h_check(st == 303 && serial == next_serial,
	        "the corrected application is stored as %s, the next number without a gap (got "
	        "%ld, serial %d)",
	        h_dnr("FRI", next_serial), st, serial);
	hresp_free(&r);
	next_serial++;
	int rows, missing = missing_files(&rows);
	h_check(missing == 0 && rows == 5,
	        "the database knows 5 documents, each with its file on disk (%d of %d missing)",
	        missing, rows);
}

/* --- 4. many applications at once ---------------------------------------- */

/* A second server on the same database with many more threads, as a
 * second machine behind a load balancer would be. */
static pid_t
second_server(int port)
{
	char listen[64], threads[] = "16";
	snprintf(listen, sizeof(listen), "127.0.0.1:%d", port);
	const char *argv[] = {getenv("SAMVERKA_BIN"),
	                      "serve",
	                      "--insecure-cookies",
	                      "--listen",
	                      listen,
	                      "--db",
	                      H.db_url,
	                      "--threads",
	                      threads,
	                      "--files",
	                      h_files(),
	                      NULL};
	fflush(stdout);
	pid_t pid = fork();
	if (pid == 0) {
		prctl(PR_SET_PDEATHSIG, SIGTERM);
		int fd = open(h_path("second.log"), O_WRONLY | O_CREAT | O_APPEND, 0600);
		dup2(fd, 1);
		dup2(fd, 2);
		close(fd);
		execv(argv[0], (char *const *)argv);
		_exit(127);
	}
	return pid;
}

/* One application in flight. */
struct job {
	CURL *e;
	struct curl_slist *headers;
	struct hstr body, head, answer;
	int index;
};

/* Keeps what a handle receives, body or headers. */
static size_t
collect(char *d, size_t size, size_t n, void *arg)
{
	hstr_add(arg, d, size * n);
	return size * n;
}

/* Loads the next application into a handle: its own organisationsnummer
 * and name, the shared session, one of the two servers. */
static void
job_load(struct job *j, int index, const char *const bases[2], const char *cookie, const char *csrf)
{
	char url[128], nine[16], orgnr[12], name[96];
	j->index = index;
	hstr_free(&j->body);
	hstr_free(&j->head);
	hstr_free(&j->answer);
	hstr_add(&j->answer, "", 0);
	hstr_add(&j->head, "", 0);
	snprintf(nine, sizeof(nine), "8027%05d", 10000 + index);
	h_orgnr(nine, orgnr);
	snprintf(name, sizeof(name), "Parallellföreningen nummer %d", index + 1);
	struct reg g = good_reg(name, orgnr);
	reg_body(&j->body, csrf, &g);
	snprintf(url, sizeof(url), "%s/registrera-forening", bases[index % 2]);
	if (!j->e) {
		j->e = curl_easy_init();
		j->headers = curl_slist_append(NULL, "Content-Type: multipart/form-data; "
		                                     "boundary=" H_BOUNDARY);
		j->headers = curl_slist_append(j->headers, "Expect:");
		j->headers = curl_slist_append(j->headers, cookie);
		curl_easy_setopt(j->e, CURLOPT_HTTPHEADER, j->headers);
		curl_easy_setopt(j->e, CURLOPT_WRITEFUNCTION, collect);
		curl_easy_setopt(j->e, CURLOPT_HEADERFUNCTION, collect);
		curl_easy_setopt(j->e, CURLOPT_TIMEOUT, 120L);
	}
	curl_easy_setopt(j->e, CURLOPT_URL, url);
	curl_easy_setopt(j->e, CURLOPT_WRITEDATA, &j->answer);
	curl_easy_setopt(j->e, CURLOPT_HEADERDATA, &j->head);
	curl_easy_setopt(j->e, CURLOPT_POSTFIELDSIZE_LARGE, (curl_off_t)j->body.n);
	curl_easy_setopt(j->e, CURLOPT_POSTFIELDS, j->body.p);
	curl_easy_setopt(j->e, CURLOPT_PRIVATE, j);
}

/* The serial in a finished job's redirect, or 0. */
static int
job_serial(struct job *j, long status)
{
	const char *loc = strstr(j->head.p, "\r\nLocation: /arenden/");
	int y = 0, n = 0;
	if (status != 303 || !loc ||
	    sscanf(loc, "\r\nLocation: /arenden/FRI-%d-%d?klart=1", &y, &n) != 2 || y != year)
		return 0;
	return n;
}

/* For qsort: serials in ascending order. */
static int
by_value(const void *a, const void *b)
{
	return *(const int *)a - *(const int *)b;
}

/* Sends count applications through `parallel` connections at once to two
 * servers on one database; every one must be stored, and the numbers must
 * run on without a gap or a repeat. */
static void
many_at_once(void)
{
	const char *env = getenv("SAMVERKA_TEST_REGISTRATIONS");
	int count = env && atoi(env) > 0 ? atoi(env) : 1000, parallel = 32;
	int port = h_free_port();
	char base2[64], sid[128], csrf[128], cookie[300];
	snprintf(base2, sizeof(base2), "http://127.0.0.1:%d", port);
	pid_t second = second_server(port);
	int up = 0;
	for (int i = 0; i < 150 && !up; i++) {
		CURL *e = curl_easy_init();
		char url[128];
		long st = 0;
		snprintf(url, sizeof(url), "%s/healthz", base2);
		curl_easy_setopt(e, CURLOPT_URL, url);
		curl_easy_setopt(e, CURLOPT_NOBODY, 1L);
		if (curl_easy_perform(e) == CURLE_OK)
			curl_easy_getinfo(e, CURLINFO_RESPONSE_CODE, &st);
		curl_easy_cleanup(e);
		up = st == 200;
		if (!up)
			usleep(100000);
	}
	h_check(up, "a second server with 16 threads runs on the same database");
	h_check(h_cookie(applicant, "sid", sid, sizeof(sid)) != NULL &&
	                h_cookie(applicant, "csrf", csrf, sizeof(csrf)) != NULL,
	        "the applicant's session is shared by every connection");
	snprintf(cookie, sizeof(cookie), "Cookie: sid=%s; csrf=%s", sid, csrf);
	const char *bases[2] = {H.base, base2};

	int first = next_serial;
	int *serials = calloc((size_t)count, sizeof(int));
	struct job *jobs = calloc((size_t)parallel, sizeof(struct job));
	CURLM *m = curl_multi_init();
	int sent = 0, done = 0, stored = 0, errors = 0, other = 0, running = 0;
	double slowest = 0;
	struct timespec t0, t1;
	clock_gettime(CLOCK_MONOTONIC, &t0);
	for (int i = 0; i < parallel && sent < count; i++) {
		job_load(&jobs[i], sent++, bases, cookie, csrf);
		curl_multi_add_handle(m, jobs[i].e);
	}
	while (done < count) {
		curl_multi_perform(m, &running);
		CURLMsg *msg;
		int left;
		while ((msg = curl_multi_info_read(m, &left))) {
			if (msg->msg != CURLMSG_DONE)
				continue;
			struct job *j;
			long st = 0;
			curl_easy_getinfo(msg->easy_handle, CURLINFO_PRIVATE, (char **)&j);
			if (msg->data.result == CURLE_OK)
				curl_easy_getinfo(j->e, CURLINFO_RESPONSE_CODE, &st);
			double took = 0;
			curl_easy_getinfo(j->e, CURLINFO_TOTAL_TIME, &took);
			if (took > slowest)
				slowest = took;
			int n = job_serial(j, st);
			if (n)
				serials[stored++] = n;
			else if (st >= 500 || st <= 0)
				errors++;
			else
				other++;
			if (!n && errors + other <= 5)
				h_note("application %d: %ld after %.1f s %s %.300s", j->index, st,
				       took,
				       msg->data.result == CURLE_OK
				               ? ""
				               : curl_easy_strerror(msg->data.result),
				       j->answer.p ? j->answer.p : "");
			done++;
			curl_multi_remove_handle(m, j->e);
			if (sent < count) {
				job_load(j, sent++, bases, cookie, csrf);
				curl_multi_add_handle(m, j->e);
			}
		}
		if (done < count)
			curl_multi_poll(m, NULL, 0, 1000, NULL);
	}
	clock_gettime(CLOCK_MONOTONIC, &t1);
	double secs = (double)(t1.tv_sec - t0.tv_sec) + (double)(t1.tv_nsec - t0.tv_nsec) / 1e9;
	h_check(stored == count && errors == 0 && other == 0,
	        "%d applications through %d connections at once: %d stored, %d server errors, %d "
	        "other answers (%.1f s, %.0f per second, the slowest took %.1f s)",
	        count, parallel, stored, errors, other, secs, secs > 0 ? count / secs : 0, slowest);
	qsort(serials, (size_t)stored, sizeof(int), by_value);
	int gapless = stored == count;
	for (int i = 0; i < stored && gapless; i++)
		gapless = serials[i] == first + i;
	h_check(gapless, "their numbers are exactly %s…%s, each once", h_dnr("FRI", first),
	        h_dnr("FRI", first + count - 1));
	next_serial = first + count;

	/* the same, as the database has it */
	char q[512];
	struct hstr rows = {0};
	snprintf(q, sizeof(q),
	         "SELECT c.diarienummer, c.serial FROM cases c JOIN departments d ON "
	         "d.id = c.department_id WHERE d.code = 'FRI' AND c.year = %d ORDER BY c.serial",
	         year);
	int k = 0, in_order = h_sql(q, &rows) == 0;
	for (const char *p = rows.p; in_order && p && *p; k++) {
		char want[64];
		snprintf(want, sizeof(want), "%s|%d\n", h_dnr("FRI", k + 1), k + 1);
		in_order = strncmp(p, want, strlen(want)) == 0;
		if (!in_order)
			h_note("row %d: %.40s, expected %s", k + 1, p, want);
		p = strchr(p, '\n');
		p = p ? p + 1 : NULL;
	}
	h_check(in_order && k == next_serial - 1,
	        "the database holds FRI-%d-0001…%s: %d cases, numbered 1 to %d without a gap", year,
	        h_dnr("FRI", next_serial - 1), k, next_serial - 1);
	hstr_free(&rows);
	char got[128];
	snprintf(q, sizeof(q),
	         "SELECT last FROM case_serials s JOIN departments d ON d.id = s.department_id "
	         "WHERE d.code = 'FRI' AND s.year = %d",
	         year);
	h_check(atoi(h_sql_line(q, got, sizeof(got))) == next_serial - 1,
	        "the department's counter stands at %d (%s)", next_serial - 1, got);
	snprintf(
	        q, sizeof(q),
	        "SELECT count(*) FROM cases WHERE title LIKE 'Registrering: Parallellföreningen "
	        "nummer %%' AND association_id IS NULL AND payload LIKE '%%Parallellföreningen%%'");
	h_check(atoi(h_sql_line(q, got, sizeof(got))) == count,
	        "each application carries its association in the case, none yet linked (%s)", got);
	snprintf(q, sizeof(q),
	         "SELECT count(*) FROM associations WHERE name LIKE 'Parallellföreningen nummer "
	         "%%'");
	h_check(atoi(h_sql_line(q, got, sizeof(got))) == 0,
	        "and none is in the register before it is granted (%s)", got);
	int docs, missing = missing_files(&docs);
	h_check(docs == 2 * (count + 2) + 1 && missing == 0,
	        "with both documents each, every one on disk (%d documents, %d missing)", docs,
	        missing);

	/* the diary pages back to the first case */
	struct hresp r;
	long pages = (next_serial - 1 + 49) / 50;
	snprintf(q, sizeof(q), "/diarium?sida=%ld", pages);
	h_get(anon, q, &r);
	char first_row[64];
	snprintf(first_row, sizeof(first_row), "<tr><td>%s</td>", h_dnr("FRI", 1));
	h_check(r.status == 200 && hresp_has(&r, first_row) && !hresp_has(&r, "rel=\"next\"") &&
	                (pages == 1 || hresp_has(&r, "rel=\"prev\"")),
	        "/diarium pages back to %s on its last page, %ld", h_dnr("FRI", 1), pages);
	hresp_free(&r);

	for (int i = 0; i < parallel; i++) {
		if (jobs[i].e)
			curl_easy_cleanup(jobs[i].e);
		curl_slist_free_all(jobs[i].headers);
		hstr_free(&jobs[i].body);
		hstr_free(&jobs[i].head);
		hstr_free(&jobs[i].answer);
	}
	curl_multi_cleanup(m);
	free(jobs);
	free(serials);

	kill(second, SIGTERM);
	int status;
	waitpid(second, &status, 0);
	h_check(WIFEXITED(status) && WEXITSTATUS(status) == 0,
	        "the second server stops cleanly (status %d)", status);
	FILE *f = fopen(h_path("second.log"), "r");
	char line[1024];
	int busy = 0;
	while (f && fgets(line, sizeof(line), f))
		if (strcasestr(line, "locked") || strcasestr(line, "busy") ||
		    strcasestr(line, "deadlock") || strcasestr(line, "serializ"))
			busy++, h_note("second server: %s", line);
	if (f)
		fclose(f);
	h_check(busy == 0, "its log reports no lock, busy or serialization error");
}

/* The officer's inbox, now holding more than a page of received cases:
 * the JSON API and the page agree on the count, and paging through every
 * page gives each case once, oldest first. */
static void
inbox_pages(void)
{
	char q[256], got[64];
	h_sql_line("SELECT count(*) FROM cases c JOIN departments d ON d.id = c.department_id "
	           "WHERE d.code = 'FRI' AND c.status = 'inkommen'",
	           got, sizeof(got));
	long want = atol(got), pages = (want + 49) / 50, seen = 0, total = -1;
	int ordered = 1, sizes = 1;
	char last[32] = "";
	for (long page = 1; page <= pages; page++) {
		struct hresp r;
		snprintf(q, sizeof(q), "/api/v1/handlaggning?status=inkommen&sida=%ld", page);
		h_get(officer, q, &r);
		json_t *o = json_loads(r.body.p ? r.body.p : "", 0, NULL);
		json_t *items = json_object_get(o, "items");
		total = (long)json_integer_value(json_object_get(o, "total"));
		size_t n = json_array_size(items);
		sizes &= n == (size_t)(page < pages ? 50 : want - 50 * (pages - 1)) &&
		         json_integer_value(json_object_get(o, "page")) == page;
		for (size_t i = 0; i < n; i++) {
			const char *d = json_string_value(
			        json_object_get(json_array_get(items, i), "diarienummer"));
			/* received oldest first, and numbers follow the order of arrival */
			ordered &= d && strcmp(d, last) > 0;
			snprintf(last, sizeof(last), "%s", d ? d : "");
			seen++;
		}
		json_decref(o);
		hresp_free(&r);
	}
	h_check(total == want && sizes && ordered && seen == want,
	        "the inbox API pages through all %ld received cases, 50 a page, each once in "
	        "order (total %ld, seen %ld)",
	        want, total, seen);
	struct hresp r;
	h_get(officer, "/handlaggning?status=inkommen", &r);
	snprintf(q, sizeof(q), "%ld ärenden · sida 1 av %ld", want, pages);
	h_check(hresp_has(&r, q) &&
	                hresp_has(&r,
	                          "href=\"/handlaggning?status=inkommen&amp;sida=2\" rel=\"next\""),
	        "the inbox page says \"%s\" and its next link keeps the filter", q);
	hresp_free(&r);
}

/* The parts in order: the flow creates the case the others look at, and
 * the thousand applications come last so that the pages above stay short. */
int
main(void)
{
	/* the documents go to a directory of our own, counted file by file */
	h_serve_own_files();
	/* numbers take the year in UTC; pages show days in Stockholm */
	time_t now = time(NULL);
	struct tm tm;
	gmtime_r(&now, &tm);
	year = tm.tm_year + 1900;
	setenv("TZ", "Europe/Stockholm", 1);
	tzset();
	localtime_r(&now, &tm);
	strftime(today, sizeof(today), "%Y-%m-%d", &tm);

	h_start();
	people();
	registration_flow();
	illegal_transitions();
	authorization();
	bad_input();
	many_at_once();
	inbox_pages();

	struct hclient *all[] = {officer, applicant, demo_rep, admin, rep_b, kul, anon};
	for (size_t i = 0; i < sizeof(all) / sizeof(all[0]); i++)
		h_client_free(all[i]);
	return h_finish();
}
