/* Venue management (issue 11, point 1): an administrator creates a venue
 * with its hours, prices, a closed day and two parts; the owning
 * department's officer changes it; an officer of another department
 * finds no such venue (404) and writes nothing; and every bad input is
 * refused beside its field, with what was typed kept and nothing
 * written. */
#include "harness.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

static struct hclient *admin, *officer, *culture;
static char area[64], other_area[64];

/* What the venue form is sent with. */
struct venue_form {
	const char *namn, *typ, *forvaltning, *adress, *omrade, *kapacitet, *avbokning;
	int steglos, toalett, horslinga, hiss, godkannande, aktiv;
	const char *utrustning;
};

/* A good venue of the leisure department. */
static struct venue_form
hall(const char *name)
{
	return (struct venue_form){.namn = name,
	                           .typ = "idrottshall",
	                           .forvaltning = "FRI",
	                           .adress = "Amiralsgatan 40",
	                           .omrade = area,
	                           .kapacitet = "400",
	                           .avbokning = "48",
	                           .steglos = 1,
	                           .toalett = 1,
	                           .godkannande = 1,
	                           .aktiv = 1,
	                           .utrustning = "Handbollsmål, läktare"};
}

/* The venue's id from the redirect after a save (…/lokaler/ID?sparad=1),
 * 0 when it was not saved. */
static long
saved_venue(const struct hresp *r)
{
	char loc[256];
	long id = 0;
	const char *at = r->status == 303 && hresp_header(r, "Location", loc, sizeof(loc))
	                         ? strstr(loc, "/lokaler/")
	                         : NULL;
	if (at)
		sscanf(at, "/lokaler/%ld?sparad=1", &id);
	return id;
}

/* POSTs the venue form as c to path; the saved venue's id, or 0. */
static long
post_venue(struct hclient *c, const char *path, const struct venue_form *v, struct hresp *r)
{
	struct hstr f = {0};
	h_form_add(&f, "csrf", h_csrf(c));
	h_form_add(&f, "namn", v->namn);
	h_form_add(&f, "typ", v->typ);
	h_form_add(&f, "forvaltning", v->forvaltning);
	h_form_add(&f, "adress", v->adress);
	h_form_add(&f, "omrade", v->omrade);
	h_form_add(&f, "kapacitet", v->kapacitet);
	h_form_add(&f, "avbokning", v->avbokning);
	h_form_add(&f, "utrustning", v->utrustning ? v->utrustning : "");
	h_form_add(&f, "beskrivning", "");
	const char *flags[] = {"steglos", "toalett", "horslinga", "hiss", "godkannande", "aktiv"};
	int on[] = {v->steglos, v->toalett, v->horslinga, v->hiss, v->godkannande, v->aktiv};
	for (int i = 0; i < 6; i++)
		if (on[i])
			h_form_add(&f, flags[i], "1");
	h_post(c, path, f.p, r);
	hstr_free(&f);
	return saved_venue(r);
}

/* POSTs a form of name, value pairs (NULL-ended) with the CSRF token; the
 * status, the answer in r when given. */
static long
post_pairs(struct hclient *c, const char *path, const char *const *kv, struct hresp *r)
{
	struct hstr f = {0};
	struct hresp own;
	h_form_add(&f, "csrf", h_csrf(c));
	for (int i = 0; kv && kv[i]; i += 2)
		h_form_add(&f, kv[i], kv[i + 1]);
	h_post(c, path, f.p, r ? r : &own);
	hstr_free(&f);
	long status = (r ? r : &own)->status;
	if (!r)
		hresp_free(&own);
	return status;
}

/* The number a query about venue id answers (%ld in q stands for it). */
static long
about(const char *q, long id)
{
	char sql[512];
	snprintf(sql, sizeof(sql), q, id);
	return h_sql_number(sql);
}

/* Everything the venue tables hold, as one line per table, to tell that
 * a refused request wrote nothing. */
static void
snapshot(struct hstr *out)
{
	static const char *const q[] = {
	        "SELECT id, coalesce(parent_id, 0), department_id, type, name, sort_key, address, "
	        "coalesce(area_id, 0), capacity, step_free, accessible_toilet, hearing_loop, lift, "
	        "equipment, description, approval, cancel_hours, active FROM venues ORDER BY id",
	        "SELECT venue_id, weekday, opens, closes FROM venue_hours ORDER BY venue_id, "
	        "weekday",
	        "SELECT venue_id, day, reason FROM venue_closed ORDER BY venue_id, day",
	        "SELECT venue_id, category, per_hour FROM venue_prices ORDER BY venue_id, category",
	        "SELECT department_id, share_pct FROM venue_youth_rules ORDER BY department_id"};
	out->n = 0;
	for (size_t i = 0; i < sizeof q / sizeof *q; i++) {
		hstr_puts(out, "--\n");
		h_sql(q[i], out);
	}
}

/* Whether the tables still hold what before held. */
static int
unchanged(const struct hstr *before)
{
	struct hstr now = {0};
	snapshot(&now);
	int same = now.n == before->n && memcmp(now.p, before->p, now.n) == 0;
	hstr_free(&now);
	return same;
}

/* Who may come at all: a visitor is sent to sign in, a representative is
 * refused on both roads, an officer under /admin. */
static void
access(void)
{
	struct hclient *anon = h_client(), *rep = h_client();
	struct hresp r;
	char loc[256];
	h_get(anon, "/admin/lokaler", &r);
	h_check(r.status == 303 && hresp_header(&r, "Location", loc, sizeof(loc)) &&
	                strcmp(loc, "/logga-in?till=%2Fadmin%2Flokaler") == 0,
	        "a visitor asking for /admin/lokaler is sent to sign in (got %ld)", r.status);
	hresp_free(&r);
	struct venue_form v = hall("Smyghallen");
	post_venue(anon, "/admin/lokaler/ny", &v, &r);
	h_check(r.status == 403 && h_sql_number("SELECT count(*) FROM venues") == 0,
	        "a visitor's POST of a venue is refused with 403, nothing written (got %ld)",
	        r.status);
	hresp_free(&r);
	h_check(h_login(rep, "representative") == 303, "the representative signs in");
	h_check(h_get_status(rep, "/admin/lokaler") == 403 &&
	                h_get_status(rep, "/handlaggning/lokaler") == 403 &&
	                h_get_status(rep, "/handlaggning/lokaler/ny") == 403,
	        "a representative gets 403 on venue management, both roads");
	h_check(h_get_status(officer, "/admin/lokaler") == 403 &&
	                h_get_status(officer, "/admin/lokaler/ny") == 403,
	        "an officer gets 403 under /admin/lokaler, as everywhere under /admin");
	h_client_free(anon);
	h_client_free(rep);
}

/* The administrator creates a venue of the leisure department with its
 * hours, prices, a closed day, the department's nolltaxa threshold and
 * two parts; its path under /admin/lokaler into path. */
static long
create(void)
{
	struct hresp r;
	struct venue_form v = hall("Åbyhallen");
	long id = post_venue(admin, "/admin/lokaler/ny", &v, &r);
	hresp_free(&r);
	h_check(id > 0 && about("SELECT count(*) FROM venues v JOIN departments d ON "
	                        "d.id = v.department_id WHERE v.id = %ld AND d.code = 'FRI' AND "
	                        "v.capacity = 400 AND v.step_free = 1 AND v.accessible_toilet = 1 "
	                        "AND v.hearing_loop = 0 AND v.lift = 0 AND v.approval = 1 AND "
	                        "v.cancel_hours = 48 AND v.active = 1 AND v.type = 'idrottshall' "
	                        "AND v.parent_id IS NULL",
	                        id) == 1,
	        "the administrator creates Åbyhallen for the leisure department, as typed");
	char sql[256];
	snprintf(sql, sizeof(sql),
	         "SELECT count(*) FROM venues v JOIN areas a ON a.id = v.area_id "
	         "WHERE a.slug = '%s' AND v.address = 'Amiralsgatan 40'",
	         area);
	h_check(h_sql_number(sql) == 1, "with its area and address");
	char path[64], p[96];
	snprintf(path, sizeof(path), "/admin/lokaler/%ld", id);

	static const char *const hours[] = {"fran-1", "08:00", "till-1", "22:00", "fran-2", "08:00",
	                                    "till-2", "22:00", "fran-3", "08:00", "till-3", "22:00",
	                                    "fran-4", "08:00", "till-4", "22:00", "fran-5", "08:00",
	                                    "till-5", "21:30", "fran-6", "09:00", "till-6", "16:00",
	                                    "fran-7", "",      "till-7", "",      NULL};
	snprintf(p, sizeof(p), "%s/tider", path);
	h_check(post_pairs(admin, p, hours, NULL) == 303 &&
	                about("SELECT count(*) FROM venue_hours WHERE venue_id = %ld", id) == 6 &&
	                about("SELECT opens * 10000 + closes FROM venue_hours WHERE venue_id = %ld "
	                      "AND weekday = 1",
	                      id) == 480 * 10000 + 1320 &&
	                about("SELECT closes FROM venue_hours WHERE venue_id = %ld AND weekday = 5",
	                      id) == 1290 &&
	                about("SELECT count(*) FROM venue_hours WHERE venue_id = %ld AND weekday = "
	                      "7",
	                      id) == 0,
	        "its hours: weekdays 08:00–22:00 (Friday to 21:30), Saturday 09:00–16:00, "
	        "closed on Sunday");

	static const char *const prices[] = {
	        "pris-ordinarie", "450", "pris-forening", "150,50", "pris-ungdom", "0", NULL};
	snprintf(p, sizeof(p), "%s/priser", path);
	h_check(post_pairs(admin, p, prices, NULL) == 303 &&
	                about("SELECT per_hour FROM venue_prices WHERE venue_id = %ld AND "
	                      "category = 'ordinarie'",
	                      id) == 45000 &&
	                about("SELECT per_hour FROM venue_prices WHERE venue_id = %ld AND "
	                      "category = 'forening'",
	                      id) == 15050 &&
	                about("SELECT per_hour FROM venue_prices WHERE venue_id = %ld AND "
	                      "category = 'ungdom'",
	                      id) == 0,
	        "its prices in öre: 450 kr, 150,50 kr and 0 kr an hour");

	char day[11];
	h_day(30, day);
	const char *closed[] = {"dag", day, "orsak", "Golvslipning", NULL};
	snprintf(p, sizeof(p), "%s/stangt", path);
	snprintf(sql, sizeof(sql),
	         "SELECT count(*) FROM venue_closed WHERE venue_id = %ld AND day = '%s' AND "
	         "reason = 'Golvslipning'",
	         id, day);
	h_check(post_pairs(admin, p, closed, NULL) == 303 && h_sql_number(sql) == 1,
	        "a closed day in a month, with its reason");

	const char *youth[] = {"andel", "60", NULL};
	snprintf(p, sizeof(p), "%s/nolltaxa", path);
	h_check(post_pairs(admin, p, youth, NULL) == 303 &&
	                h_sql_number("SELECT share_pct FROM venue_youth_rules WHERE department_id "
	                             "= (SELECT id FROM departments WHERE code = 'FRI')") == 60,
	        "the leisure department's nolltaxa threshold: 60 per cent");

	snprintf(p, sizeof(p), "%s/delar", path);
	const char *a[] = {"del-namn", "Åbyhallen halva A", "del-kapacitet", "200", NULL};
	const char *b[] = {"del-namn", "Åbyhallen halva B", "del-kapacitet", "180", NULL};
	h_check(post_pairs(admin, p, a, NULL) == 303 && post_pairs(admin, p, b, NULL) == 303 &&
	                about("SELECT count(*) FROM venues p JOIN venues w ON w.id = p.parent_id "
	                      "WHERE w.id = %ld AND p.department_id = w.department_id AND "
	                      "p.type = w.type AND p.address = w.address AND p.area_id = w.area_id",
	                      id) == 2 &&
	                about("SELECT capacity FROM venues WHERE parent_id = %ld AND name = "
	                      "'Åbyhallen halva B'",
	                      id) == 180,
	        "two parts, each with the whole's department, type, address and area");

	h_get(admin, path, &r);
	h_check(r.status == 200 && hresp_has(&r, "Åbyhallen halva A") &&
	                hresp_has(&r, "Åbyhallen halva B") &&
	                hresp_has(&r,
	                          "id=\"till-5\" name=\"till-5\" type=\"time\" value=\"21:30\"") &&
	                hresp_has(&r, "value=\"150,50\"") && hresp_has(&r, "Golvslipning") &&
	                hresp_has(&r, day) &&
	                hresp_has(&r, "id=\"andel\" name=\"andel\" type=\"text\" value=\"60\""),
	        "the venue's page shows its parts, hours, prices, closed day and threshold");
	hresp_free(&r);
	char part_path[64];
	snprintf(part_path, sizeof(part_path), "/admin/lokaler/%ld",
	         about("SELECT min(id) FROM venues WHERE parent_id = %ld", id));
	h_get(admin, part_path, &r);
	h_check(r.status == 200 &&
	                hresp_has(&r, "id=\"till-1\" name=\"till-1\" type=\"time\" value=\"\"") &&
	                hresp_has(&r, "id=\"pris-forening\" name=\"pris-forening\" type=\"text\" "
	                              "value=\"\"") &&
	                hresp_has(&r, "En del utan några egna tider har hela lokalens.") &&
	                !hresp_has(&r, "Golvslipning") &&
	                !hresp_has(&r, "/delar\" class=\"stack\""),
	        "a part's page shows its own (empty) hours and prices, says it has the whole's, "
	        "and "
	        "offers no parts of its own");
	hresp_free(&r);
	return id;
}

/* The list names the venues in Swedish order (Åby before Ängen, though
 * the bytes of Ä come before those of Å), each whole with its parts. */
static void
list(long id)
{
	struct hresp r;
	struct venue_form v = hall("Ängens gymnastiksal");
	v.typ = "gymnastiksal";
	v.omrade = other_area;
	long angen = post_venue(admin, "/admin/lokaler/ny", &v, &r);
	hresp_free(&r);
	v = hall("Bergsskolans aula");
	v.typ = "samlingssal";
	v.forvaltning = "KUL";
	long aula = post_venue(admin, "/admin/lokaler/ny", &v, &r);
	hresp_free(&r);
	h_check(angen > 0 && aula > 0, "two more venues, one of the culture department");
	h_get(admin, "/admin/lokaler", &r);
	const char *berg = strstr(r.body.p, "Bergsskolans aula");
	const char *aby = strstr(r.body.p, ">Åbyhallen<");
	const char *half = strstr(r.body.p, "Åbyhallen halva A");
	const char *ang = strstr(r.body.p, "Ängens gymnastiksal");
	h_check(r.status == 200 && berg && aby && half && ang && berg < aby && aby < half &&
	                half < ang,
	        "the administrators' list: Bergsskolans aula, Åbyhallen with its parts, Ängens "
	        "gymnastiksal");
	h_check(hresp_count(&r, "<th scope=\"row\">") == 3,
	        "three rows: the parts stand with their whole (got %d)",
	        hresp_count(&r, "<th scope=\"row\">"));
	hresp_free(&r);
	h_get(officer, "/handlaggning/lokaler", &r);
	h_check(r.status == 200 && hresp_has(&r, ">Åbyhallen<") &&
	                hresp_has(&r, "Ängens gymnastiksal") && !hresp_has(&r, "Bergsskolans aula"),
	        "the leisure officer's list has the leisure department's venues only");
	hresp_free(&r);
	h_get(culture, "/handlaggning/lokaler", &r);
	h_check(r.status == 200 && hresp_has(&r, "Bergsskolans aula") &&
	                !hresp_has(&r, "Åbyhallen"),
	        "the culture officer's list has the culture department's only");
	hresp_free(&r);
	(void)id;
}

/* The leisure officer changes the venue under /handlaggning/lokaler; the
 * parts follow the whole's address and area. */
static void
officer_changes(long id)
{
	char path[64];
	struct hresp r;
	snprintf(path, sizeof(path), "/handlaggning/lokaler/%ld", id);
	h_get(officer, path, &r);
	h_check(r.status == 200 && hresp_has(&r, "value=\"Åbyhallen\"") &&
	                hresp_has(&r, "<option value=\"FRI\" selected>") &&
	                !hresp_has(&r, "<option value=\"KUL\""),
	        "the leisure officer opens the venue; the only department offered is their own");
	hresp_free(&r);
	struct venue_form v = hall("Åbyhallen");
	v.kapacitet = "450";
	v.adress = "Amiralsgatan 42";
	v.omrade = other_area;
	v.hiss = 1;
	v.godkannande = 0;
	v.avbokning = "24";
	h_check(post_venue(officer, path, &v, &r) == id &&
	                about("SELECT count(*) FROM venues WHERE id = %ld AND capacity = 450 AND "
	                      "lift = 1 AND approval = 0 AND cancel_hours = 24 AND address = "
	                      "'Amiralsgatan 42'",
	                      id) == 1,
	        "the officer changes capacity, lift, approval, cancellation hours and address");
	hresp_free(&r);
	char sql[256];
	snprintf(sql, sizeof(sql),
	         "SELECT count(*) FROM venues p JOIN areas a ON a.id = p.area_id WHERE "
	         "p.parent_id = %ld AND p.address = 'Amiralsgatan 42' AND a.slug = '%s'",
	         id, other_area);
	h_check(h_sql_number(sql) == 2, "both parts follow the whole's address and area");
	static const char *const prices[] = {
	        "pris-ordinarie", "500", "pris-forening", "", "pris-ungdom", "0", NULL};
	char p[96];
	snprintf(p, sizeof(p), "%s/priser", path);
	h_check(post_pairs(officer, p, prices, NULL) == 303 &&
	                about("SELECT count(*) FROM venue_prices WHERE venue_id = %ld", id) == 2 &&
	                about("SELECT per_hour FROM venue_prices WHERE venue_id = %ld AND "
	                      "category = 'ordinarie'",
	                      id) == 50000,
	        "the officer sets 500 kr and leaves the association price empty: not let at it");
}

/* The culture officer finds no such venue: 404 on its page, its part's
 * and on every POST, and nothing is written. */
static void
other_department(long id)
{
	struct hstr before = {0};
	snapshot(&before);
	char path[64], p[128];
	snprintf(path, sizeof(path), "/handlaggning/lokaler/%ld", id);
	long part = about("SELECT min(id) FROM venues WHERE parent_id = %ld", id);
	snprintf(p, sizeof(p), "/handlaggning/lokaler/%ld", part);
	h_check(h_get_status(culture, path) == 404 && h_get_status(culture, p) == 404,
	        "the culture officer gets 404 on the leisure venue and on its part");
	struct hresp r;
	struct venue_form v = hall("Kapad hall");
	v.forvaltning = "KUL";
	post_venue(culture, path, &v, &r);
	h_check(r.status == 404, "and 404 on changing it (got %ld)", r.status);
	hresp_free(&r);
	char day[11];
	h_day(40, day);
	const char *hours[] = {"fran-1", "06:00", "till-1", "23:00", NULL};
	const char *closed[] = {"dag", day, "orsak", "Kapat", NULL};
	const char *prices[] = {"pris-ordinarie", "1", NULL};
	const char *part_kv[] = {"del-namn", "Kapad del", "del-kapacitet", "10", NULL};
	const char *youth[] = {"andel", "1", NULL};
	struct {
		const char *tail;
		const char *const *kv;
	} posts[] = {{"/tider", hours},
	             {"/stangt", closed},
	             {"/priser", prices},
	             {"/delar", part_kv},
	             {"/nolltaxa", youth}};
	int all = 1;
	for (size_t i = 0; i < sizeof posts / sizeof *posts; i++) {
		snprintf(p, sizeof(p), "%s%s", path, posts[i].tail);
		long st = post_pairs(culture, p, posts[i].kv, NULL);
		if (st != 404) {
			h_note("%s answered %ld", posts[i].tail, st);
			all = 0;
		}
	}
	char closed_day[11];
	h_day(30, closed_day);
	snprintf(p, sizeof(p), "%s/stangt/%s/ta-bort", path, closed_day);
	long st = post_pairs(culture, p, NULL, NULL);
	h_check(all && st == 404,
	        "404 on its hours, closed days, prices, parts, threshold and on removing its "
	        "closed day (got %ld)",
	        st);
	h_check(unchanged(&before), "and nothing was written");
	hstr_free(&before);
}

/* The venue form refuses each bad input beside its field, keeps what was
 * typed and writes nothing, for a new venue and a stored one. */
static void
bad_venue(long id)
{
	struct hstr before = {0};
	snapshot(&before);
	struct hresp r;
	struct venue_form v = hall("");
	v.kapacitet = "0";
	v.typ = "slott";
	v.omrade = "atlantis";
	v.avbokning = "1000";
	post_venue(admin, "/admin/lokaler/ny", &v, &r);
	h_check(r.status == 422, "a venue with errors is answered 422 (got %ld)", r.status);
	h_field_says(&r, "namn", "Skriv lokalens namn.");
	h_field_says(&r, "kapacitet", "Skriv ett heltal från 1 till 100 000.");
	h_field_says(&r, "typ", "Välj en av lokaltyperna");
	h_field_says(&r, "omrade", "Välj ett av områdena");
	h_field_says(&r, "avbokning", "Skriv ett heltal från 0 till 720.");
	h_check(hresp_has(&r, "id=\"kapacitet\" name=\"kapacitet\" type=\"text\" value=\"0\"") &&
	                hresp_has(&r, "value=\"Amiralsgatan 40\"") &&
	                hresp_has(&r, ">Handbollsmål, läktare</textarea>"),
	        "the typed capacity, address and equipment are kept");
	hresp_free(&r);
	v = hall("Tiohallen");
	v.kapacitet = "tio";
	post_venue(admin, "/admin/lokaler/ny", &v, &r);
	h_field_says(&r, "kapacitet", "Skriv ett heltal");
	h_check(hresp_has(&r, "value=\"tio\"") && hresp_has(&r, "value=\"Tiohallen\""),
	        "capacity 'tio' is refused with it and the name kept");
	hresp_free(&r);

	char path[64];
	snprintf(path, sizeof(path), "/handlaggning/lokaler/%ld", id);
	v = hall("");
	v.kapacitet = "tio";
	post_venue(officer, path, &v, &r);
	h_check(r.status == 422, "changing the stored venue with errors is answered 422");
	h_field_says(&r, "namn", "Skriv lokalens namn.");
	h_field_says(&r, "kapacitet", "Skriv ett heltal");
	hresp_free(&r);
	v = hall("Åbyhallen");
	v.forvaltning = "KUL";
	post_venue(officer, path, &v, &r);
	h_field_says(&r, "forvaltning", "Välj en av förvaltningarna");
	hresp_free(&r);

	long part = about("SELECT min(id) FROM venues WHERE parent_id = %ld", id);
	char part_path[64];
	snprintf(part_path, sizeof(part_path), "/handlaggning/lokaler/%ld", part);
	v = hall("Åbyhallen halva A");
	v.adress = "Någon annanstans 1";
	v.omrade = other_area;
	v.kapacitet = "200";
	post_venue(officer, part_path, &v, &r);
	h_check(r.status == 422, "a part's own address is refused (got %ld)", r.status);
	h_field_says(&r, "adress", "samma förvaltning, typ, adress och område som hela lokalen");
	hresp_free(&r);
	h_check(unchanged(&before), "none of the refused venue forms wrote anything");
	hstr_free(&before);
}

/* The forms below the venue's refuse their bad input the same way. */
static void
bad_details(long id)
{
	struct hstr before = {0};
	snapshot(&before);
	char path[64], p[128];
	struct hresp r;
	snprintf(path, sizeof(path), "/handlaggning/lokaler/%ld", id);

	static const char *const hours[] = {"fran-1", "18:00", "till-1", "08:00", "fran-2", "25:00",
	                                    "till-2", "26:00", "fran-3", "10:00", "till-3", "10:00",
	                                    "fran-4", "10:00", "till-4", "",      "fran-5", "08:00",
	                                    "till-5", "20:00", NULL};
	snprintf(p, sizeof(p), "%s/tider", path);
	post_pairs(officer, p, hours, &r);
	h_check(r.status == 422, "hours with errors are answered 422 (got %ld)", r.status);
	h_field_says(&r, "till-1", "måste stänga senare än den öppnar");
	h_field_says(&r, "fran-2", "Skriv tiden som TT:MM");
	h_field_says(&r, "till-2", "Skriv tiden som TT:MM");
	h_field_says(&r, "till-3", "måste stänga senare än den öppnar");
	h_field_says(&r, "till-4", "Skriv både när lokalen öppnar och när den stänger");
	h_check(hresp_has(&r, "value=\"25:00\"") && hresp_has(&r, "value=\"18:00\"") &&
	                hresp_has(&r,
	                          "id=\"till-5\" name=\"till-5\" type=\"time\" value=\"20:00\""),
	        "the typed times are kept, the good ones too");
	h_check(!h_field_error(&r, "fran-5", (char[64]){0}, 64), "a good weekday has no error");
	hresp_free(&r);

	const char *bad_day[] = {"dag", "2026-02-30", "orsak", "Ingen sådan dag", NULL};
	snprintf(p, sizeof(p), "%s/stangt", path);
	post_pairs(officer, p, bad_day, &r);
	h_check(r.status == 422, "a closed day that does not exist is answered 422");
	h_field_says(&r, "dag", "Skriv ett datum som finns");
	h_check(hresp_has(&r, "value=\"2026-02-30\"") && hresp_has(&r, "value=\"Ingen sådan dag\""),
	        "the typed day and reason are kept");
	hresp_free(&r);
	char day[11];
	const char *past[] = {"dag", h_day(-1, day), NULL};
	post_pairs(officer, p, past, &r);
	h_field_says(&r, "dag", "från och med i dag");
	hresp_free(&r);
	char again_day[11];
	const char *again[] = {"dag", h_day(30, again_day), "orsak", "Igen", NULL};
	post_pairs(officer, p, again, &r);
	h_field_says(&r, "dag", "redan stängd");
	hresp_free(&r);

	static const char *const prices[] = {
	        "pris-ordinarie", "999", "pris-forening", "12,5x", "pris-ungdom", "-100", NULL};
	snprintf(p, sizeof(p), "%s/priser", path);
	post_pairs(officer, p, prices, &r);
	h_check(r.status == 422, "prices with errors are answered 422");
	h_field_says(&r, "pris-forening", "Skriv priset per timme i kronor");
	h_field_says(&r, "pris-ungdom", "kan inte vara negativt");
	h_check(hresp_has(&r, "value=\"12,5x\"") && hresp_has(&r, "value=\"-100\"") &&
	                hresp_has(&r, "value=\"999\""),
	        "the typed prices are kept");
	hresp_free(&r);

	const char *parts[] = {"del-namn", "", "del-kapacitet", "tio", NULL};
	snprintf(p, sizeof(p), "%s/delar", path);
	post_pairs(officer, p, parts, &r);
	h_check(r.status == 422, "a part with errors is answered 422");
	h_field_says(&r, "del-namn", "Skriv delens namn.");
	h_field_says(&r, "del-kapacitet", "Skriv ett heltal");
	h_check(hresp_has(&r, "value=\"tio\""), "the typed capacity is kept");
	hresp_free(&r);
	long part = about("SELECT min(id) FROM venues WHERE parent_id = %ld", id);
	snprintf(p, sizeof(p), "/handlaggning/lokaler/%ld/delar", part);
	const char *quarter[] = {"del-namn", "Kvarts hall", "del-kapacitet", "50", NULL};
	post_pairs(officer, p, quarter, &r);
	h_check(r.status == 422 && hresp_has(&r, "En del av en lokal kan inte delas i sin tur.") &&
	                !hresp_has(&r, "/delar\" class=\"stack\""),
	        "a part of a part is refused in the summary of the part's page, which has no form "
	        "for parts (got %ld)",
	        r.status);
	hresp_free(&r);

	const char *youth[] = {"andel", "101", NULL};
	snprintf(p, sizeof(p), "%s/nolltaxa", path);
	post_pairs(officer, p, youth, &r);
	h_field_says(&r, "andel", "Skriv ett heltal från 1 till 100.");
	h_check(hresp_has(&r, "value=\"101\""), "the typed threshold is kept");
	hresp_free(&r);

	h_check(unchanged(&before), "none of the refused forms wrote anything");
	hstr_free(&before);
}

/* A closed day is removed; one that is not closed is a 404. A venue with
 * a booking to come is not split, since the booking holds only the leaves
 * it had. */
static void
remove_and_split(long id)
{
	char path[64], p[128], day[11];
	snprintf(path, sizeof(path), "/handlaggning/lokaler/%ld", id);
	snprintf(p, sizeof(p), "%s/stangt/%s/ta-bort", path, h_day(30, day));
	h_check(post_pairs(officer, p, NULL, NULL) == 303 &&
	                about("SELECT count(*) FROM venue_closed WHERE venue_id = %ld", id) == 0,
	        "the officer removes the closed day");
	h_check(post_pairs(officer, p, NULL, NULL) == 404, "removing it again is a 404");
	snprintf(p, sizeof(p), "%s/stangt/2026-02-30/ta-bort", path);
	h_check(post_pairs(officer, p, NULL, NULL) == 404, "and so is a day that does not exist");

	long angen = h_sql_number("SELECT id FROM venues WHERE name = 'Ängens gymnastiksal'");
	char sql[512];
	long now = (long)time(NULL);
	snprintf(sql, sizeof(sql),
	         "INSERT INTO bookings (venue_id, association_id, starts, ends, status, category, "
	         "price, activity, participants, at) SELECT %ld, min(id), %ld, %ld, 'confirmed', "
	         "'forening', 0, 'Innebandy', 12, %ld FROM associations",
	         angen, now + 86400, now + 86400 + 3600, now);
	h_sql(sql, NULL);
	snprintf(p, sizeof(p), "/handlaggning/lokaler/%ld/delar", angen);
	const char *half[] = {"del-namn", "Halva salen", "del-kapacitet", "30", NULL};
	struct hresp r;
	post_pairs(officer, p, half, &r);
	h_check(r.status == 422 && hresp_has(&r, "Lokalen har bokningar framöver.") &&
	                about("SELECT count(*) FROM venues WHERE parent_id = %ld", angen) == 0,
	        "a venue with a booking to come is not split (got %ld)", r.status);
	hresp_free(&r);
	h_sql("UPDATE bookings SET status = 'cancelled'", NULL);
	h_check(post_pairs(officer, p, half, NULL) == 303 &&
	                about("SELECT count(*) FROM venues WHERE parent_id = %ld", angen) == 1,
	        "once it is cancelled, the venue is split");
}

/* The pages in English: the list and a venue's form with an error. */
static void
english(long id)
{
	struct hresp r;
	h_get(officer, "/handlaggning/lokaler?lang=en", &r);
	h_check(r.status == 200 && hresp_has(&r, "<h1>Venues</h1>") && hresp_has(&r, "New venue"),
	        "the officer's list in English");
	hresp_free(&r);
	char p[96];
	snprintf(p, sizeof(p), "/handlaggning/lokaler/%ld/tider", id);
	const char *hours[] = {"fran-1", "25:00", "till-1", "22:00", NULL};
	post_pairs(officer, p, hours, &r);
	h_field_says(&r, "fran-1", "Write the time as HH:MM");
	h_check(hresp_has(&r, "Bookable hours"), "the venue's page in English with the error");
	hresp_free(&r);
}

int
main(void)
{
	setenv("TZ", "Europe/Stockholm", 1);
	tzset();
	h_start();
	struct hclient *rep, *other_rep;
	char assoc[32];
	admin = h_client();
	h_check(h_login(admin, "admin") == 303, "the admin signs in");
	h_parties(&officer, &rep, &other_rep, &culture, assoc);
	h_sql_line("SELECT slug FROM areas ORDER BY id LIMIT 1", area, sizeof(area));
	h_sql_line("SELECT slug FROM areas ORDER BY id DESC LIMIT 1", other_area,
	           sizeof(other_area));
	h_check(area[0] && other_area[0] && strcmp(area, other_area) != 0,
	        "the demo has two areas to choose");
	access();
	long id = create();
	list(id);
	officer_changes(id);
	other_department(id);
	bad_venue(id);
	bad_details(id);
	remove_and_split(id);
	english(id);
	h_client_free(admin);
	h_client_free(officer);
	h_client_free(culture);
	h_client_free(rep);
	h_client_free(other_rep);
	return h_finish();
}
