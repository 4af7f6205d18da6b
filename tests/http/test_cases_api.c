/* The case APIs over HTTP: /api/v1/mina-arenden (a signed-in person's own
 * cases) and /api/v1/handlaggning (an officer's department inbox, with its
 * filters). Who may call them, what a list holds and leaves out, and the
 * unread counts as messages come and are read. */
#include "harness.h"

#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>

#define MINE "/api/v1/mina-arenden"
#define INBOX "/api/v1/handlaggning"

static const char PDF[] = "%PDF-1.4\n1 0 obj\n<< /Type /Catalog >>\nendobj\n"
                          "trailer\n<< /Root 1 0 R >>\n%%EOF\n";
static const char BOARD[] = "Gunnel Styrbjörnsdotter, ordförande\n"
                            "Ivar Kassaskrin, kassör\n";
static const char *const BOARD_NAMES[] = {"Styrbjörnsdotter", "Kassaskrin", NULL};
static const char ASSOC_NAME[] = "Ekbackens bridgesällskap";
static const char APPLICANT_EMAIL[] = "bridge@example.se";
static const char APPLICANT_PASSWORD[] = "bridge-losenord-2026";
static const char OFFICER_NAME[] = "Hamid Handläggare";
static const char COLLEAGUE_NAME[] = "Frida Fritidshandläggare";

static int year;
static time_t started;
static char reg_dnr[32]; /* the new applicant's registration, FRI's case 7 */
static char officer_id[32], colleague_id[32];
static struct hclient *anon, *rep, *applicant, *moderator, *admin, *officer, *colleague, *kul;

/* --- one answer of a case API -------------------------------------------- */

struct api {
	struct hresp r;
	json_t *j;     /* the body, parsed; NULL when it is not JSON */
	json_t *items; /* borrowed from j; NULL when there is no list */
	int json;      /* the Content-Type says application/json */
	int no_store;  /* Cache-Control: no-store */
};

/* GETs a case API path and reads what a client would look at. */
static void
api_get(struct hclient *c, const char *path, struct api *a)
{
	char v[256];
	memset(a, 0, sizeof(*a));
	h_get(c, path, &a->r);
	a->json = hresp_header(&a->r, "Content-Type", v, sizeof(v)) &&
	          strncmp(v, "application/json", 16) == 0 && (v[16] == 0 || v[16] == ';');
	a->no_store = hresp_header(&a->r, "Cache-Control", v, sizeof(v)) && strstr(v, "no-store");
	a->j = a->r.body.p ? json_loads(a->r.body.p, 0, NULL) : NULL;
	a->items = json_object_get(a->j, "items");
}

/* Frees an answer from api_get. */
static void
api_free(struct api *a)
{
	json_decref(a->j);
	hresp_free(&a->r);
}

/* A string member, or NULL when it is null or absent. */
static const char *
jstr(json_t *o, const char *k)
{
	json_t *v = json_object_get(o, k);
	return json_is_string(v) ? json_string_value(v) : NULL;
}

/* One case of a list: exactly the ten fields, each of its type; a case's
 * payload (the board, personal data) is never one of them. */
static int
item_ok(json_t *it)
{
	static const char *const text[] = {"diarienummer", "typ",         "status",
	                                   "rubrik",       "forvaltning", NULL};
	static const char *const text_or_null[] = {"forening", "handlaggare", NULL};
	static const char *const number[] = {"olasta", "inkom", "andrad", NULL};
	int ok = json_is_object(it) && json_object_size(it) == 10;
	for (int i = 0; ok && text[i]; i++)
		ok = json_is_string(json_object_get(it, text[i]));
	for (int i = 0; ok && text_or_null[i]; i++)
		ok = json_is_string(json_object_get(it, text_or_null[i])) ||
		     json_is_null(json_object_get(it, text_or_null[i]));
	for (int i = 0; ok && number[i]; i++)
		ok = json_is_integer(json_object_get(it, number[i]));
	if (!ok)
		return 0;
	json_int_t in = json_integer_value(json_object_get(it, "inkom"));
	json_int_t changed = json_integer_value(json_object_get(it, "andrad"));
	return json_integer_value(json_object_get(it, "olasta")) >= 0 && in >= started - 60 &&
	       in <= changed && changed <= time(NULL) + 60;
}

/* A list answer as a client relies on it: 200, JSON, not to be stored,
 * `total` the number of items, every item well-formed. */
static int
list_ok(const struct api *a)
{
	int ok = a->r.status == 200 && a->json && a->no_store && json_is_array(a->items) &&
	         json_is_integer(json_object_get(a->j, "total")) &&
	         json_integer_value(json_object_get(a->j, "total")) ==
	                 (json_int_t)json_array_size(a->items);
	size_t i;
	json_t *it;
	json_array_foreach(a->items, i, it)
	{
		if (item_ok(it))
			continue;
		char *s = json_dumps(it, JSON_COMPACT);
		h_note("malformed item %zu: %s", i, s);
		free(s);
		ok = 0;
	}
	if (!ok)
		h_note("status %ld, json %d, no-store %d: %.300s", a->r.status, a->json,
		       a->no_store, a->r.body.p ? a->r.body.p : "");
	return ok;
}

/* The list's cases in order, FRI's of this year by serial ("6 5 4"),
 * others by their whole diarienummer. */
static const char *
serials(const struct api *a)
{
	static char s[4][512];
	static int next;
	char *out = s[next++ % 4];
	size_t i, n = 0;
	json_t *it;
	out[0] = 0;
	json_array_foreach(a->items, i, it)
	{
		const char *d = jstr(it, "diarienummer");
		int y, k;
		char one[64];
		if (d && sscanf(d, "FRI-%d-%d", &y, &k) == 2 && y == year &&
		    strcmp(d, h_dnr("FRI", k)) == 0)
			snprintf(one, sizeof(one), "%d", k);
		else
			snprintf(one, sizeof(one), "%s", d ? d : "?");
		n += (size_t)snprintf(out + n, sizeof(s[0]) - n, "%s%s", n ? " " : "", one);
		if (n >= sizeof(s[0]))
			break;
	}
	return out;
}

/* Whether every item's key holds want (NULL: JSON null). */
static int
all(const struct api *a, const char *key, const char *want)
{
	size_t i;
	json_t *it;
	json_array_foreach(a->items, i, it)
	{
		const char *v = jstr(it, key);
		if (want ? !v || strcmp(v, want) != 0 : v != NULL)
			return 0;
	}
	return 1;
}

/* The case in the list, or NULL. */
static json_t *
find(const struct api *a, const char *d)
{
	size_t i;
	json_t *it;
	json_array_foreach(a->items, i, it)
	{
		const char *v = jstr(it, "diarienummer");
		if (v && strcmp(v, d) == 0)
			return it;
	}
	return NULL;
}

/* A case's unread count in a list fetched now; -1 when it is not listed. */
static long
unread(struct hclient *c, const char *path, const char *d)
{
	struct api a;
	api_get(c, path, &a);
	json_t *it = list_ok(&a) ? find(&a, d) : NULL;
	long n = it ? (long)json_integer_value(json_object_get(it, "olasta")) : -1;
	api_free(&a);
	return n;
}

/* The serials a path lists for a client, or "(refused)" when the answer is
 * not a good list. */
static const char *
listed(struct hclient *c, const char *path)
{
	static char s[4][512];
	static int next;
	char *out = s[next++ % 4];
	struct api a;
	api_get(c, path, &a);
	snprintf(out, sizeof(s[0]), "%s", list_ok(&a) ? serials(&a) : "(refused)");
	api_free(&a);
	return out;
}

/* --- the people ---------------------------------------------------------- */

/* A user's id as text, read from the database. */
static void
user_id(const char *email, char *out, size_t n)
{
	char q[256];
	struct hstr s = {0};
	snprintf(q, sizeof(q), "SELECT id FROM users WHERE email = '%s'", email);
	out[0] = 0;
	if (h_sql(q, &s) == 0 && s.p)
		snprintf(out, n, "%.*s", (int)strcspn(s.p, "\n"), s.p);
	hstr_free(&s);
}

/* A new person signs up on /skapa-konto and applies to register an
 * association: FRI's seventh case, after the six of the demo. */
static void
new_applicant(void)
{
	struct hresp r;
	struct hstr f = {0};
	h_form_add(&f, "csrf", h_csrf(applicant));
	h_form_add(&f, "epost", APPLICANT_EMAIL);
	h_form_add(&f, "namn", "Berit Bridge");
	h_form_add(&f, "losenord", APPLICANT_PASSWORD);
	h_post(applicant, "/skapa-konto", f.p, &r);
	h_check(r.status == 303, "a new person signs up on /skapa-konto (got %ld)", r.status);
	hresp_free(&r);
	hstr_free(&f);

	struct api a;
	api_get(applicant, MINE, &a);
	h_check(list_ok(&a) && json_array_size(a.items) == 0,
	        "before applying, the new person's mina-arenden is an empty list (got %s)",
	        serials(&a));
	api_free(&a);

	char area[32] = "", orgnr[12], loc[256] = "";
	h_get(applicant, "/registrera-forening", &r);
	const char *p = r.body.p ? strstr(r.body.p, "name=\"omrade\" value=\"") : NULL;
	if (p)
		sscanf(p + strlen("name=\"omrade\" value=\""), "%31[0-9]", area);
	hresp_free(&r);
	h_orgnr("802733001", orgnr);
	struct hstr b = {0};
	h_mp_field(&b, "csrf", h_csrf(applicant));
	h_mp_field(&b, "namn", ASSOC_NAME);
	h_mp_field(&b, "form", "ideell");
	h_mp_field(&b, "organisationsnummer", orgnr);
	h_mp_field(&b, "andamal", "Bridge varje tisdag i Ekbacken.");
	h_mp_field(&b, "epost", "styrelsen@ekbacken.example");
	h_mp_field(&b, "omrade", area);
	h_mp_field(&b, "styrelse", BOARD);
	h_mp_field(&b, "offentlig", "1");
	h_mp_file(&b, "stadgar", "stadgar.pdf", "application/pdf", PDF, strlen(PDF));
	h_mp_file(&b, "protokoll", "arsmote.pdf", "application/pdf", PDF, strlen(PDF));
	h_mp_end(&b);
	h_post_multipart(applicant, "/registrera-forening", &b, &r);
	hstr_free(&b);
	snprintf(reg_dnr, sizeof(reg_dnr), "%s", h_dnr("FRI", 7));
	char want[64];
	snprintf(want, sizeof(want), "/arenden/%s?klart=1", reg_dnr);
	hresp_header(&r, "Location", loc, sizeof(loc));
	h_check(r.status == 303 && strcmp(loc, want) == 0,
	        "the application becomes case %s (got %ld, %s)", reg_dnr, r.status, loc);
	hresp_free(&r);
}

/* Everyone the test needs, signed in. */
static void
people(void)
{
	anon = h_client();
	rep = h_client();
	applicant = h_client();
	moderator = h_client();
	admin = h_client();
	officer = h_client();
	colleague = h_client();
	kul = h_client();
	h_check(h_user_add("fritid2@example.se", COLLEAGUE_NAME, "officer", "FRI",
	                   "fritid-losenord-2026") == 0 &&
	                h_user_add("kultur@example.se", "Karin Kulturhandläggare", "officer", "KUL",
	                           "kultur-losenord-2026") == 0,
	        "user add creates a second FRI officer and an officer of the culture department");
	h_check(h_login_as(rep, "forening@demo.samverka.se", "demo-forening-2026") == 303 &&
	                h_login_as(moderator, "moderator@demo.samverka.se",
	                           "demo-moderator-2026") == 303 &&
	                h_login_as(admin, "admin@demo.samverka.se", "demo-admin-2026") == 303 &&
	                h_login_as(officer, "handlaggare@demo.samverka.se",
	                           "demo-handlaggare-2026") == 303 &&
	                h_login_as(colleague, "fritid2@example.se", "fritid-losenord-2026") ==
	                        303 &&
	                h_login_as(kul, "kultur@example.se", "kultur-losenord-2026") == 303,
	        "the demo representative, moderator, admin and FRI officer, the second FRI "
	        "officer and the KUL officer sign in");
	user_id("handlaggare@demo.samverka.se", officer_id, sizeof(officer_id));
	user_id("fritid2@example.se", colleague_id, sizeof(colleague_id));
	h_check(atoi(officer_id) > 0 && atoi(colleague_id) > 0,
	        "the FRI officers' ids are known (%s, %s)", officer_id, colleague_id);
	new_applicant();
}

/* --- 1. anonymous visitors ------------------------------------------------ */

/* A refusal: the status, as JSON ({"error": status}), not to be stored,
 * no redirect and no case in it. */
static int
refused(struct hclient *c, const char *path, long status)
{
	struct api a;
	api_get(c, path, &a);
	char loc[256];
	int ok = a.r.status == status && a.json && a.no_store && json_is_object(a.j) &&
	         json_integer_value(json_object_get(a.j, "error")) == status && !a.items &&
	         !hresp_has(&a.r, "FRI-") && !hresp_has(&a.r, "diarienummer") &&
	         !hresp_header(&a.r, "Location", loc, sizeof(loc));
	if (!ok)
		h_note("status %ld, json %d, no-store %d: %.300s", a.r.status, a.json, a.no_store,
		       a.r.body.p ? a.r.body.p : "");
	api_free(&a);
	return ok;
}

/* Nobody signed in gets a case, nor with a session that never was. */
static void
anonymous(void)
{
	h_check(refused(anon, MINE, 401),
	        "an anonymous GET " MINE " gets 401 as JSON, no redirect to the sign-in page and "
	        "no case");
	h_check(refused(anon, INBOX, 401) && refused(anon, INBOX "?status=inkommen", 401),
	        "an anonymous GET " INBOX " (with or without a filter) gets 401 as JSON and no "
	        "case");
	const char *const forged[] = {"Cookie: sid=0123456789abcdef0123456789abcdef", NULL};
	struct api a;
	memset(&a, 0, sizeof(a));
	h_request(anon, "GET", MINE, NULL, NULL, 0, forged, &a.r);
	h_check(a.r.status == 401 && !hresp_has(&a.r, "FRI-"),
	        "a made-up session cookie is anonymous too (got %ld)", a.r.status);
	hresp_free(&a.r);
}

/* --- 2. a person's own cases ----------------------------------------------- */

/* The demo representative's six cases: one per status, newest first. */
static void
mine_representative(void)
{
	struct api a;
	api_get(rep, MINE, &a);
	h_check(list_ok(&a) && strcmp(serials(&a), "6 5 4 3 2 1") == 0,
	        "the demo representative's mina-arenden lists the demo's six FRI cases, newest "
	        "first, and not %s (got %s)",
	        reg_dnr, serials(&a));
	h_check(all(&a, "forvaltning", "FRI") && all(&a, "typ", "arsuppdatering"),
	        "each is an årsuppdatering at FRI");
	static const struct {
		int serial;
		const char *status, *officer;
		long unread;
	} want[] = {
	        {1, "inkommen", NULL, 0},
	        {2, "handlaggning", OFFICER_NAME, 0},
	        {3, "komplettering", OFFICER_NAME, 1},
	        {4, "beslutad", OFFICER_NAME, 0},
	        {5, "avslutad", OFFICER_NAME, 0},
	        {6, "aterkallad", NULL, 0},
	};
	int same = 1;
	for (size_t i = 0; i < sizeof(want) / sizeof(want[0]); i++) {
		json_t *it = find(&a, h_dnr("FRI", want[i].serial));
		const char *st = jstr(it, "status"), *off = jstr(it, "handlaggare");
		const char *title = jstr(it, "rubrik"), *assoc = jstr(it, "forening");
		int ok = it && st && strcmp(st, want[i].status) == 0 &&
		         (want[i].officer ? off && strcmp(off, want[i].officer) == 0 : !off) &&
		         json_integer_value(json_object_get(it, "olasta")) == want[i].unread &&
		         assoc && title && strlen(title) > strlen(assoc) &&
		         strcmp(title + strlen(title) - strlen(assoc), assoc) == 0;
		if (!ok) {
			char *s = it ? json_dumps(it, JSON_COMPACT) : NULL;
			h_note("%s: %s", h_dnr("FRI", want[i].serial), s ? s : "missing");
			free(s);
		}
		same &= ok;
	}
	h_check(same,
	        "status, officer, association and unread count are the demo's: one per status, "
	        "Hamid on the handled ones, one unread request for completion");
	api_free(&a);
}

/* The new applicant sees their registration and nothing of anyone else;
 * nobody else sees it as theirs. */
static void
mine_applicant(void)
{
	struct api a;
	api_get(applicant, MINE, &a);
	char title[128];
	snprintf(title, sizeof(title), "Registrering: %s", ASSOC_NAME);
	json_t *it = json_array_size(a.items) == 1 ? json_array_get(a.items, 0) : NULL;
	const char *d = jstr(it, "diarienummer"), *t = jstr(it, "typ"), *st = jstr(it, "status");
	const char *ti = jstr(it, "rubrik"), *dep = jstr(it, "forvaltning");
	const char *as = jstr(it, "forening");
	h_check(list_ok(&a) && it && d && strcmp(d, reg_dnr) == 0 && t &&
	                strcmp(t, "registrering") == 0 && st && strcmp(st, "inkommen") == 0 && ti &&
	                strcmp(ti, title) == 0 && dep && strcmp(dep, "FRI") == 0 && !as &&
	                !jstr(it, "handlaggare") &&
	                json_integer_value(json_object_get(it, "olasta")) == 0,
	        "the new applicant's mina-arenden holds exactly %s: registrering, inkommen, "
	        "\"%s\", FRI, no association yet (a pending registration reserves nothing in "
	        "the register), no officer yet, nothing unread (got %s)",
	        reg_dnr, title, serials(&a));
	int personal = hresp_has(&a.r, "styrelse") || hresp_has(&a.r, "payload") ||
	               hresp_has(&a.r, APPLICANT_EMAIL);
	for (int i = 0; BOARD_NAMES[i]; i++)
		personal |= hresp_has(&a.r, BOARD_NAMES[i]);
	h_check(!personal, "the list holds no board member, no \"styrelse\", no payload and no "
	                   "e-mail address");
	api_free(&a);

	h_check(strcmp(listed(moderator, MINE), "") == 0 && strcmp(listed(admin, MINE), "") == 0 &&
	                strcmp(listed(officer, MINE), "") == 0 &&
	                strcmp(listed(kul, MINE), "") == 0,
	        "the moderator, the admin and the officers have no case of their own: each "
	        "mina-arenden is an empty list");
}

/* --- 3. the inbox is for officers ----------------------------------------- */

/* The inbox is refused to everyone who is not an officer, whatever the
 * filter. */
static void
not_officers(void)
{
	struct {
		struct hclient *c;
		const char *who;
	} them[] = {{rep, "the demo representative"},
	            {applicant, "the new applicant"},
	            {moderator, "the moderator"},
	            {admin, "the admin"}};
	for (size_t i = 0; i < sizeof(them) / sizeof(them[0]); i++)
		h_check(refused(them[i].c, INBOX, 403) &&
		                refused(them[i].c, INBOX "?status=inkommen&handlaggare=ingen", 403),
		        "%s gets 403 as JSON and no case from " INBOX, them[i].who);
}

/* --- 4. the officer's inbox and its filters ------------------------------- */

/* One filter and the FRI cases it must give, in the inbox's order. */
static void
filter(const char *query, const char *want, const char *key, const char *value, const char *why)
{
	char path[256];
	snprintf(path, sizeof(path), INBOX "?%s", query);
	struct api a;
	api_get(officer, path, &a);
	h_check(list_ok(&a) && strcmp(serials(&a), want) == 0 && all(&a, "forvaltning", "FRI") &&
	                (!key || all(&a, key, value)),
	        "?%s gives %s: %s (got %s)", query, *want ? want : "nothing", why, serials(&a));
	api_free(&a);
}

/* FRI's officer sees FRI's cases, filtered as asked; KUL's sees none. */
static void
inbox(void)
{
	struct api a;
	api_get(officer, INBOX, &a);
	h_check(list_ok(&a) && strcmp(serials(&a), "1 2 3 4 5 6 7") == 0 &&
	                all(&a, "forvaltning", "FRI"),
	        "the FRI officer's inbox holds FRI's seven cases, oldest first, each at FRI (got "
	        "%s)",
	        serials(&a));
	api_free(&a);

	filter("status=inkommen", "1 7", "status", "inkommen",
	       "the demo's received case and the new registration");
	filter("status=handlaggning", "2", "status", "handlaggning", "the one being handled");
	filter("status=aterkallad", "6", "status", "aterkallad", "the withdrawn one");
	filter("status=okand", "", NULL, NULL, "no case has an unknown status");
	filter("typ=registrering", "7", "typ", "registrering", "the one registration");
	filter("typ=arsuppdatering", "1 2 3 4 5 6", "typ", "arsuppdatering", "the demo's updates");
	filter("handlaggare=mig", "2 3 4 5", "handlaggare", OFFICER_NAME,
	       "the cases assigned to Hamid");
	filter("handlaggare=ingen", "1 6 7", "handlaggare", NULL, "the unassigned ones");
	filter("status=inkommen&typ=arsuppdatering", "1", NULL, NULL, "both filters at once");
	filter("status=inkommen&handlaggare=ingen", "1 7", NULL, NULL, "received and unassigned");
	filter("status=inkommen&handlaggare=mig", "", NULL, NULL, "none of them is Hamid's");
	filter("status=&typ=&handlaggare=", "1 2 3 4 5 6 7", NULL, NULL, "empty filters are none");
	filter("handlaggare=me", "", NULL, NULL, "a value that names no officer matches no case");
	filter("handlaggare=Ingen", "", NULL, NULL, "the values are as the inbox page sends them");
	filter("aldre=1", "", NULL, NULL, "every case came in today");
	filter("aldre=0&status=beslutad", "4", "status", "beslutad", "aldre=0 is no age limit");

	char q[128], path[128];
	snprintf(q, sizeof(q), "handlaggare=%s", officer_id);
	filter(q, "2 3 4 5", "handlaggare", OFFICER_NAME, "an officer's id is the same as mig");

	/* Hamid gives the registration to his colleague */
	struct hstr f = {0};
	struct hresp r;
	h_form_add(&f, "csrf", h_csrf(officer));
	h_form_add(&f, "handlaggare", colleague_id);
	snprintf(path, sizeof(path), "/arenden/%s/tilldela", reg_dnr);
	h_post(officer, path, f.p, &r);
	h_check(r.status == 303, "the FRI officer assigns %s to the colleague (got %ld)", reg_dnr,
	        r.status);
	hresp_free(&r);
	hstr_free(&f);
	filter("handlaggare=ingen", "1 6", "handlaggare", NULL, "the registration is assigned now");
	filter("handlaggare=mig", "2 3 4 5", "handlaggare", OFFICER_NAME,
	       "the colleague's case is not Hamid's");
	snprintf(q, sizeof(q), "handlaggare=%s", colleague_id);
	filter(q, "7", "handlaggare", COLLEAGUE_NAME, "the colleague's id gives the colleague's");
	h_check(strcmp(listed(colleague, INBOX "?handlaggare=mig"), "7") == 0 &&
	                strcmp(listed(colleague, INBOX), "1 2 3 4 5 6 7") == 0,
	        "for the colleague, mig is the registration, and the inbox is FRI's");
	/* the inbox page offers the department's officers as a filter */
	struct hresp page;
	char option[160];
	snprintf(path, sizeof(path), "/handlaggning?handlaggare=%s", colleague_id);
	h_get(officer, path, &page);
	snprintf(option, sizeof(option), "<option value=\"%s\" selected>%s</option>", colleague_id,
	         COLLEAGUE_NAME);
	h_check(page.status == 200 && hresp_has(&page, option) &&
	                hresp_has(&page, h_dnr("FRI", 7)) && !hresp_has(&page, h_dnr("FRI", 1)) &&
	                hresp_has(&page, "1 ärende"),
	        "the inbox page filters by a colleague chosen from its list");
	hresp_free(&page);
	api_get(applicant, MINE, &a);
	json_t *it = find(&a, reg_dnr);
	const char *off = jstr(it, "handlaggare");
	h_check(list_ok(&a) && off && strcmp(off, COLLEAGUE_NAME) == 0,
	        "the applicant's mina-arenden names the officer now (%s)", off ? off : "none");
	api_free(&a);

	/* another department sees none of it */
	api_get(kul, INBOX, &a);
	h_check(list_ok(&a) && json_array_size(a.items) == 0 && !hresp_has(&a.r, "FRI-"),
	        "the KUL officer's inbox is empty: no FRI case (got %s)", serials(&a));
	api_free(&a);
	snprintf(path, sizeof(path), INBOX "?handlaggare=%s", officer_id);
	h_check(strcmp(listed(kul, INBOX "?status=inkommen"), "") == 0 &&
	                strcmp(listed(kul, INBOX "?handlaggare=ingen"), "") == 0 &&
	                strcmp(listed(kul, path), "") == 0,
	        "nor with a filter, not even naming the FRI officer's id");
}

/* --- 5. unread messages --------------------------------------------------- */

/* A message on a case; the status of the POST. */
static long
message(struct hclient *c, const char *d, const char *text)
{
	char path[128];
	struct hstr f = {0};
	struct hresp r;
	snprintf(path, sizeof(path), "/arenden/%s/meddelande", d);
	h_form_add(&f, "csrf", h_csrf(c));
	h_form_add(&f, "meddelande", text);
	h_post(c, path, f.p, &r);
	long st = r.status;
	hresp_free(&r);
	hstr_free(&f);
	return st;
}

/* Opens a case page; its status. */
static long
open_case(struct hclient *c, const char *d)
{
	char path[128];
	snprintf(path, sizeof(path), "/arenden/%s", d);
	return h_get_status(c, path);
}

/* olasta counts the other side's messages until the case page is opened. */
static void
unread_counts(void)
{
	h_check(unread(applicant, MINE, reg_dnr) == 0 && unread(officer, INBOX, reg_dnr) == 0,
	        "nothing is unread on %s to begin with", reg_dnr);
	h_check(message(officer, reg_dnr, "Välkomna! Vi återkommer.") == 303,
	        "the FRI officer writes to the applicant");
	long mine = unread(applicant, MINE, reg_dnr), theirs = unread(officer, INBOX, reg_dnr);
	h_check(mine == 1 && theirs == 0,
	        "the applicant's olasta goes up to 1, the officer's own message is not unread for "
	        "the officer (%ld, %ld)",
	        mine, theirs);
	h_check(message(officer, reg_dnr, "Och en sak till.") == 303 &&
	                unread(applicant, MINE, reg_dnr) == 2,
	        "a second message makes it 2");
	h_check(unread(rep, MINE, h_dnr("FRI", 3)) == 1 && unread(rep, MINE, reg_dnr) == -1,
	        "the demo representative's counts stay as they were");
	h_check(open_case(applicant, reg_dnr) == 200 && unread(applicant, MINE, reg_dnr) == 0,
	        "after the applicant opens the case page, olasta is 0 again");

	h_check(message(applicant, reg_dnr, "Tack!") == 303, "the applicant answers");
	mine = unread(applicant, MINE, reg_dnr);
	theirs = unread(officer, INBOX, reg_dnr);
	h_check(theirs == 1 && mine == 0 && unread(colleague, INBOX, reg_dnr) == 1,
	        "the answer is unread in the department's inbox, not for the applicant (%ld, %ld)",
	        theirs, mine);
	h_check(open_case(officer, reg_dnr) == 200 && unread(officer, INBOX, reg_dnr) == 0,
	        "after an officer opens the case page, the inbox shows 0 again");

	h_check(open_case(rep, h_dnr("FRI", 3)) == 200 && unread(rep, MINE, h_dnr("FRI", 3)) == 0,
	        "the demo representative reads the request for completion: %s drops to 0",
	        h_dnr("FRI", 3));
}

/* --- 6. nothing signed in is stored --------------------------------------- */

/* A shared cache must never keep a signed-in person's cases. */
static void
no_store(void)
{
	struct api a, b;
	api_get(applicant, MINE, &a);
	api_get(officer, INBOX "?status=inkommen", &b);
	char v1[128] = "", v2[128] = "";
	hresp_header(&a.r, "Cache-Control", v1, sizeof(v1));
	hresp_header(&b.r, "Cache-Control", v2, sizeof(v2));
	h_check(a.r.status == 200 && b.r.status == 200 && a.json && b.json &&
	                strstr(v1, "no-store") && strstr(v2, "no-store"),
	        "both APIs answer signed-in users with Content-Type application/json and "
	        "Cache-Control: no-store (%s; %s)",
	        v1, v2);
	api_free(&a);
	api_free(&b);
}

/* The demo's six cases and one new registration are the data; the parts
 * run in order, the unread counts last as they change them. */
int
main(void)
{
	h_serve_own_files();
	started = time(NULL);
	struct tm tm;
	gmtime_r(&started, &tm);
	year = tm.tm_year + 1900;

	h_start();
	people();
	anonymous();
	mine_representative();
	mine_applicant();
	not_officers();
	inbox();
	unread_counts();
	no_store();

	struct hclient *every[] = {anon, rep, applicant, moderator, admin, officer, colleague, kul};
	for (size_t i = 0; i < sizeof(every) / sizeof(every[0]); i++)
		h_client_free(every[i]);
	return h_finish();
}
