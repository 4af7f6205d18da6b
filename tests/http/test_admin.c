/* The administrator's forms: associations with their checks, areas,
 * target groups, departments, users, and the department that keeps the
 * register. */
#include "harness.h"

#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

static struct hclient *admin;

/* The id of the checkbox (name="omrade" or "malgrupp") labelled label. */
static const char *
choice_id(const struct hresp *form, const char *name, const char *label)
{
	static char id[32];
	char start[64], tail[256];
	snprintf(start, sizeof(start), "name=\"%s\" value=\"", name);
	snprintf(tail, sizeof(tail), "> %s</label>", label);
	for (const char *p = form->body.p; p && (p = strstr(p, start)); p++) {
		const char *v = p + strlen(start);
		const char *gt = strchr(v, '>');
		if (!gt || strncmp(gt, tail, strlen(tail)) != 0)
			continue;
		snprintf(id, sizeof(id), "%.*s", (int)strcspn(v, "\""), v);
		return id;
	}
	return "";
}

struct assoc_fields {
	const char *namn, *form, *orgnr, *andamal, *omrade, *malgrupp;
	int aktiv, offentlig;
};

/* POSTs the association form; the id from the redirect, or 0. */
static long
post_assoc(const char *path, const struct assoc_fields *a, struct hresp *r)
{
	struct hstr f = {0};
	h_form_add(&f, "csrf", h_csrf(admin));
	h_form_add(&f, "namn", a->namn);
	h_form_add(&f, "form", a->form);
	h_form_add(&f, "organisationsnummer", a->orgnr);
	h_form_add(&f, "andamal", a->andamal ? a->andamal : "");
	h_form_add(&f, "epost", "kontakt@example.se");
	h_form_add(&f, "telefon", "040-12 34 56");
	h_form_add(&f, "webbplats", "https://example.se/");
	h_form_add(&f, "grundad", "1999");
	h_form_add(&f, "medlemmar", "42");
	if (a->omrade && *a->omrade)
		h_form_add(&f, "omrade", a->omrade);
	if (a->malgrupp && *a->malgrupp)
		h_form_add(&f, "malgrupp", a->malgrupp);
	if (a->aktiv)
		h_form_add(&f, "aktiv", "1");
	if (a->offentlig)
		h_form_add(&f, "offentlig", "1");
	h_post(admin, path, f.p, r);
	hstr_free(&f);
	char loc[256];
	long id = 0;
	if (r->status == 303 && hresp_header(r, "Location", loc, sizeof(loc)))
		sscanf(loc, "/admin/foreningar/%ld?sparad=1", &id);
	return id;
}

/* The JSON of /api/v1/foreningar/{id}, or NULL when it is not 200. */
static json_t *
api_assoc(long id, long *status)
{
	char path[64];
	struct hresp r;
	snprintf(path, sizeof(path), "/api/v1/foreningar/%ld", id);
	h_get(admin, path, &r);
	*status = r.status;
	json_t *j = r.status == 200 ? json_loads(r.body.p, 0, NULL) : NULL;
	hresp_free(&r);
	return j;
}

static const char *
jstr(json_t *o, const char *k)
{
	json_t *v = json_object_get(o, k);
	return json_is_string(v) ? json_string_value(v) : "";
}

/* The error paragraph of one field holds msg, and its input is marked. */
static int
field_error(const struct hresp *r, const char *field, const char *msg)
{
	char id[128];
	snprintf(id, sizeof(id), "<p class=\"field-error\" id=\"%s-error\">", field);
	const char *p = r->body.p ? strstr(r->body.p, id) : NULL;
	const char *end = p ? strstr(p, "</p>") : NULL;
	if (!p || !end)
		return 0;
	const char *m = strstr(p, msg);
	char input[128];
	snprintf(input, sizeof(input), "id=\"%s\"", field);
	const char *in = strstr(end, input);
	return m && m < end && in && strstr(in, "aria-invalid=\"true\"") &&
	       strstr(in, "aria-invalid=\"true\"") - in < 300;
}

static long sql_count(const char *q);

/* A form whose values no declaration allows: a form of association not in
 * the list, a year that is no number, a negative member count. Each is
 * refused beside its field, the summary links to it, what was typed stays
 * and no association is stored. */
static void
refused_values(void)
{
	struct hresp r;
	struct hstr f = {0};
	long before = sql_count("SELECT count(*) FROM associations");
	const char *const kv[] = {"namn",      "Felvärdenas förening", "form",      "klubb",
	                          "grundad",   "nittonhundra",         "medlemmar", "-5",
	                          "webbplats", "https://example.se/",  NULL};
	h_form_add(&f, "csrf", h_csrf(admin));
	for (int i = 0; kv[i]; i += 2)
		h_form_add(&f, kv[i], kv[i + 1]);
	h_post(admin, "/admin/foreningar/ny", f.p, &r);
	hstr_free(&f);
	h_check(r.status == 422 && field_error(&r, "form", "Välj en av formerna i listan.") &&
	                field_error(&r, "grundad", "Skriv ett årtal") &&
	                field_error(&r, "medlemmar", "Skriv antalet medlemmar som en siffra."),
	        "a form not in the list, a year in words, -5 members: 422 beside each (got %ld)",
	        r.status);
	h_check(h_summary_links(&r, "form") && h_summary_links(&r, "grundad") &&
	                h_summary_links(&r, "medlemmar") && !h_summary_links(&r, "namn"),
	        "the summary links to the three fields and no other");
	h_check(hresp_has(&r, "value=\"Felvärdenas förening\"") &&
	                hresp_has(&r, "value=\"nittonhundra\"") && hresp_has(&r, "value=\"-5\"") &&
	                hresp_has(&r, "value=\"https://example.se/\""),
	        "what was typed is kept");
	h_check(sql_count("SELECT count(*) FROM associations") == before,
	        "no association is stored");
	hresp_free(&r);
}

static char good_orgnr[12];
static long good_id;

/* Creating associations: the checks and what the public then sees. */
static void
create_associations(struct hresp *form)
{
	struct hresp r;
	char v[256];
	const char *lind = choice_id(form, "omrade", "Lindängen");
	const char *barn = choice_id(form, "malgrupp", "Barn");
	h_check(*lind && *barn, "the form offers the area Lindängen and the group Barn");
	long before = h_api_total(admin, "");

	struct assoc_fields bad = {"Testföreningen Felnummer",
	                           "ideell",
	                           "802000-0414",
	                           "Ett ändamål.",
	                           lind,
	                           barn,
	                           1,
	                           1};
	long id = post_assoc("/admin/foreningar/ny", &bad, &r);
	h_check(id == 0 && r.status == 422, "a wrong check digit (802000-0414): 422 (got %ld)",
	        r.status);
	h_check(field_error(&r, "organisationsnummer",
	                    "Kontrollsiffran stämmer inte: kontrollera numret."),
	        "the Swedish error stands next to the organisationsnummer field");
	h_check(hresp_has(&r, "Formuläret har fel") && h_summary_links(&r, "organisationsnummer"),
	        "the error summary is shown and links to the field");
	h_check(hresp_has(&r, "value=\"Testföreningen Felnummer\""), "the typed name is kept");
	h_check(hresp_has(&r, "value=\"802000-0414\""), "the typed number is kept");
	h_check(hresp_has(&r, "Ett ändamål.</textarea>"), "the typed purpose is kept");
	hresp_free(&r);
	h_check(h_api_total(admin, "q=Felnummer") == 0, "nothing was stored for the bad form");

	bad.orgnr = "12345";
	post_assoc("/admin/foreningar/ny", &bad, &r);
	h_check(r.status == 422 && field_error(&r, "organisationsnummer",
	                                       "Skriv organisationsnumret som NNNNNN-NNNN"),
	        "a number of five digits: 422 with the format message");
	hresp_free(&r);
	bad.orgnr = "";
	post_assoc("/admin/foreningar/ny", &bad, &r);
	h_check(r.status == 422 && field_error(&r, "organisationsnummer",
	                                       "Bara informella nätverk kan sakna det."),
	        "an ideell förening without a number: 422");
	hresp_free(&r);
	bad.orgnr = "802000-0413";
	bad.namn = "   ";
	post_assoc("/admin/foreningar/ny", &bad, &r);
	h_check(r.status == 422 && field_error(&r, "namn", "Fältet måste fyllas i."),
	        "a blank name: 422 with the message at the name");
	hresp_free(&r);

	char typed[16];
	h_orgnr("802555123", good_orgnr);
	snprintf(typed, sizeof(typed), "%.6s%.4s", good_orgnr, good_orgnr + 7);
	struct assoc_fields good = {"Testföreningen Bärnstenen",
	                            "ideell",
	                            typed,
	                            "Vi samlar bärnstensslipare, unga som gamla.",
	                            lind,
	                            barn,
	                            1,
	                            1};
	good_id = post_assoc("/admin/foreningar/ny", &good, &r);
	h_check(r.status == 303 && good_id > 0, "a valid association (%s): 303 (got %ld)", typed,
	        r.status);
	hresp_free(&r);
	snprintf(v, sizeof(v), "/admin/foreningar/%ld?sparad=1", good_id);
	h_get(admin, v, &r);
	h_check(r.status == 200 && hresp_has(&r, "Sparat.") &&
	                hresp_has(&r, "value=\"Testföreningen Bärnstenen\""),
	        "the saved form says Sparat. and shows the name");
	hresp_free(&r);

	h_get(admin, "/foreningar?q=b%C3%A4rnstensslipare", &r);
	snprintf(v, sizeof(v), "<a href=\"/foreningar/%ld\">Testföreningen Bärnstenen</a>",
	         good_id);
	h_check(h_page_total(&r) == 1 && hresp_has(&r, v),
	        "it is found in the public register by a word of its purpose");
	hresp_free(&r);
	h_check(h_api_total(admin, "") == before + 1, "the public total grew by one");
	long st;
	json_t *j = api_assoc(good_id, &st);
	h_check(j && strcmp(jstr(j, "namn"), "Testföreningen Bärnstenen") == 0,
	        "the API has it (status %ld)", st);
	h_check(j && strcmp(jstr(j, "organisationsnummer"), good_orgnr) == 0,
	        "the number typed without a hyphen is stored as %s (got %s)", good_orgnr,
	        j ? jstr(j, "organisationsnummer") : "-");
	json_t *om = j ? json_object_get(j, "omraden") : NULL;
	json_t *mg = j ? json_object_get(j, "malgrupper") : NULL;
	h_check(json_array_size(om) == 1 &&
	                strcmp(json_string_value(json_array_get(om, 0)), "Lindängen") == 0 &&
	                json_array_size(mg) == 1 &&
	                strcmp(json_string_value(json_array_get(mg, 0)), "Barn") == 0,
	        "the ticked area and target group are stored");
	h_check(j && json_integer_value(json_object_get(j, "grundad")) == 1999 &&
	                json_integer_value(json_object_get(j, "medlemmar")) == 42,
	        "year and members are stored");
	json_decref(j);

	struct assoc_fields informal = {"Bärnstensnätverket",
	                                "informell",
	                                "",
	                                "Ett nätverk utan organisationsnummer.",
	                                lind,
	                                "",
	                                1,
	                                1};
	long inf_id = post_assoc("/admin/foreningar/ny", &informal, &r);
	h_check(r.status == 303 && inf_id > 0, "an informal network without a number: 303");
	hresp_free(&r);
	j = api_assoc(inf_id, &st);
	h_check(j && json_is_null(json_object_get(j, "organisationsnummer")),
	        "its organisationsnummer is null in the API");
	json_decref(j);

	struct assoc_fields dup = {
	        "Dubblettföreningen", "stiftelse", good_orgnr, "Samma nummer igen.", "", "", 1, 1};
	id = post_assoc("/admin/foreningar/ny", &dup, &r);
	h_check(id == 0 && r.status == 422,
	        "a second association with the same number: 422 (got %ld)", r.status);
	h_check(field_error(&r, "organisationsnummer",
	                    "En annan förening har redan detta organisationsnummer."),
	        "the duplicate number is explained at the field");
	h_check(hresp_has(&r, "value=\"Dubblettföreningen\""), "the typed name is kept");
	hresp_free(&r);
	h_check(h_api_total(admin, "q=Dubblettf%C3%B6reningen") == 0,
	        "the duplicate was not stored");
}

/* What a visitor who is not signed in sees (and what the server may have
 * kept in its page cache for such visitors): the page, the API, a search
 * and the CSV, each asked twice so both pool threads have seen them. */
static void
visit(struct hclient *visitor, long id)
{
	char path[4][64];
	snprintf(path[0], sizeof(path[0]), "/foreningar/%ld", id);
	snprintf(path[1], sizeof(path[1]), "/api/v1/foreningar/%ld", id);
	snprintf(path[2], sizeof(path[2]), "/foreningar?q=b%%C3%%A4rnstensslipare");
	snprintf(path[3], sizeof(path[3]), "/oppna-data/foreningar.csv");
	for (int k = 0; k < 2; k++)
		for (int i = 0; i < 4; i++) {
			struct hresp r;
			h_get(visitor, path[i], &r);
			hresp_free(&r);
		}
}

/* Editing: a new name shows at once; deactivating removes it from the
 * public register but not from the administrator's list. Checked as a
 * visitor who saw the old pages just before. */
static void
edit_and_deactivate(struct hresp *form)
{
	struct hresp r;
	char path[64], page[64], api[64];
	struct hclient *visitor = h_client();
	const char *lind = choice_id(form, "omrade", "Lindängen");
	long before = h_api_total(visitor, "");
	snprintf(path, sizeof(path), "/admin/foreningar/%ld", good_id);
	snprintf(page, sizeof(page), "/foreningar/%ld", good_id);
	snprintf(api, sizeof(api), "/api/v1/foreningar/%ld", good_id);
	struct assoc_fields edit = {"Bärnstensklubben Malmö",
	                            "ideell",
	                            good_orgnr,
	                            "Vi samlar bärnstensslipare.",
	                            lind,
	                            "",
	                            1,
	                            1};
	visit(visitor, good_id);
	h_check(post_assoc(path, &edit, &r) == good_id, "editing the name: 303 back to the form");
	hresp_free(&r);
	int fresh = 0;
	for (int i = 0; i < 2; i++) {
		h_get(visitor, page, &r);
		fresh += r.status == 200 && hresp_has(&r, "<h1>Bärnstensklubben Malmö</h1>") &&
		         !hresp_has(&r, "Testföreningen Bärnstenen");
		hresp_free(&r);
		h_get(visitor, "/foreningar?q=b%C3%A4rnstensslipare", &r);
		fresh += hresp_has(&r, "Bärnstensklubben Malmö") &&
		         !hresp_has(&r, "Testföreningen Bärnstenen");
		hresp_free(&r);
		h_get(visitor, api, &r);
		fresh += hresp_has(&r, "\"Bärnstensklubben Malmö\"");
		hresp_free(&r);
	}
	h_check(fresh == 6, "a visitor sees the new name at once on the page, in search and API");
	h_check(h_api_total(visitor, "q=Testf%C3%B6reningen") == 0 &&
	                h_api_total(visitor, "q=B%C3%A4rnstensklubben") == 1,
	        "search finds the new name, not the old");

	visit(visitor, good_id);
	edit.aktiv = 0;
	h_check(post_assoc(path, &edit, &r) == good_id, "unticking aktiv: 303");
	hresp_free(&r);
	int gone = 0;
	for (int i = 0; i < 2; i++) {
		h_get(visitor, page, &r);
		gone += r.status == 404;
		hresp_free(&r);
		h_get(visitor, api, &r);
		gone += r.status == 404;
		hresp_free(&r);
		h_get(visitor, "/oppna-data/foreningar.csv", &r);
		gone += r.status == 200 && !hresp_has(&r, good_orgnr);
		hresp_free(&r);
	}
	h_check(gone == 6, "the inactive association is 404 on its page and in the API, and not "
	                   "in the CSV");
	h_check(h_api_total(visitor, "q=B%C3%A4rnstensklubben") == 0 &&
	                h_api_total(visitor, "") == before - 1,
	        "it has left the public list and its total");
	h_get(admin, "/admin/foreningar?q=B%C3%A4rnstensklubben", &r);
	h_check(r.status == 200 && hresp_has(&r, "Bärnstensklubben Malmö") &&
	                hresp_has(&r, "Inaktiv"),
	        "the administrator still finds it, marked Inaktiv");
	hresp_free(&r);
	h_client_free(visitor);
}

/* Posts a reference form and returns the status. */
static long
post_ref(const char *path, const char *const *kv, struct hresp *r)
{
	struct hstr f = {0};
	h_form_add(&f, "csrf", h_csrf(admin));
	for (int i = 0; kv[i]; i += 2)
		h_form_add(&f, kv[i], kv[i + 1]);
	h_post(admin, path, f.p, r);
	hstr_free(&f);
	return r->status;
}

static void
reference_data(void)
{
	struct hresp r;
	char v[256];
	struct hclient *visitor = h_client();
	for (int i = 0; i < 4; i++) {
		h_get(visitor, "/foreningar", &r);
		hresp_free(&r);
	}
	const char *area[] = {"namn", "Östra Bärnsten", NULL};
	long st = post_ref("/admin/omraden", area, &r);
	h_check(st == 303 && hresp_header(&r, "Location", v, sizeof(v)) &&
	                strcmp(v, "/admin/omraden?tillagd=1") == 0,
	        "adding an area: 303 (got %ld)", st);
	hresp_free(&r);
	h_get(admin, "/admin/omraden?tillagd=1", &r);
	h_check(hresp_has(&r, "Tillagt.") && hresp_has(&r, "Östra Bärnsten") &&
	                hresp_has(&r, "ostra-barnsten"),
	        "the area is listed with the slug ostra-barnsten");
	hresp_free(&r);
	int offered = 0;
	for (int i = 0; i < 4; i++) {
		h_get(visitor, "/foreningar", &r);
		offered +=
		        hresp_has(&r, "<option value=\"ostra-barnsten\">Östra Bärnsten</option>");
		hresp_free(&r);
	}
	h_check(offered == 4, "the register's area filter offers it to visitors (%d of 4 times)",
	        offered);
	st = post_ref("/admin/omraden", area, &r);
	h_check(st == 422 && hresp_has(&r, "Detta finns redan."),
	        "the same area twice: 422 with a message (got %ld)", st);
	hresp_free(&r);
	const char *empty_area[] = {"namn", "  ", NULL};
	st = post_ref("/admin/omraden", empty_area, &r);
	h_check(st == 422 && hresp_has(&r, "Fältet måste fyllas i."),
	        "an area without a name: 422 (got %ld)", st);
	h_check(field_error(&r, "namn", "Fältet måste fyllas i.") && h_summary_links(&r, "namn"),
	        "the area's name is marked and linked from the summary");
	hresp_free(&r);

	/* the new area can be ticked, and filters the register */
	h_get(admin, "/admin/foreningar/ny", &r);
	const char *id = choice_id(&r, "omrade", "Östra Bärnsten");
	h_check(*id != 0, "the association form offers the new area");
	char idcopy[32];
	snprintf(idcopy, sizeof(idcopy), "%s", id);
	hresp_free(&r);
	char orgnr[12];
	h_orgnr("802555456", orgnr);
	struct assoc_fields a = {"Föreningen Östra Bärnsten",
	                         "ideell",
	                         orgnr,
	                         "Grannar i Östra Bärnsten.",
	                         idcopy,
	                         "",
	                         1,
	                         1};
	h_check(post_assoc("/admin/foreningar/ny", &a, &r) > 0, "an association in the new area");
	hresp_free(&r);
	h_get(admin, "/foreningar?omrade=ostra-barnsten", &r);
	h_check(h_page_total(&r) == 1 && hresp_has(&r, "Föreningen Östra Bärnsten"),
	        "?omrade=ostra-barnsten finds exactly it");
	hresp_free(&r);

	for (int i = 0; i < 4; i++) {
		h_get(visitor, "/foreningar", &r);
		hresp_free(&r);
	}
	const char *group[] = {"namn", "Bärnstenssamlare", "namn_en", "Amber collectors", NULL};
	h_check(post_ref("/admin/malgrupper", group, &r) == 303, "adding a target group: 303");
	hresp_free(&r);
	h_get(admin, "/admin/malgrupper", &r);
	h_check(hresp_has(&r, "Bärnstenssamlare") && hresp_has(&r, "Amber collectors"),
	        "the target group is listed in both languages");
	hresp_free(&r);
	offered = 0;
	for (int i = 0; i < 4; i++) {
		h_get(visitor, "/foreningar", &r);
		offered += hresp_has(
		        &r, "<option value=\"barnstenssamlare\">Bärnstenssamlare</option>");
		hresp_free(&r);
	}
	h_check(offered == 4,
	        "the register's target-group filter offers it to visitors (%d of 4 times)",
	        offered);
	h_client_free(visitor);
	const char *group_half[] = {"namn", "Halva gruppen", "namn_en", "", NULL};
	h_check(post_ref("/admin/malgrupper", group_half, &r) == 422 &&
	                hresp_has(&r, "value=\"Halva gruppen\""),
	        "a target group without its English name: 422, typed name kept");
	hresp_free(&r);

	const char *dept[] = {"kod",     "BRN",
	                      "namn",    "Bärnstensförvaltningen",
	                      "namn_en", "Amber Department",
	                      "namnd",   "Bärnstensnämnden",
	                      NULL};
	h_check(post_ref("/admin/forvaltningar", dept, &r) == 303, "adding a department: 303");
	hresp_free(&r);
	h_get(admin, "/admin/forvaltningar", &r);
	h_check(hresp_has(&r, "BRN") && hresp_has(&r, "Bärnstensförvaltningen") &&
	                hresp_has(&r, "Bärnstensnämnden"),
	        "the department is listed with its nämnd");
	hresp_free(&r);
	const char *bad_dept[] = {"kod",     "brn1",  "namn",  "Fel förvaltning",
	                          "namn_en", "Wrong", "namnd", "Felnämnden",
	                          NULL};
	long depts = sql_count("SELECT count(*) FROM departments");
	st = post_ref("/admin/forvaltningar", bad_dept, &r);
	h_check(st == 422 && hresp_has(&r, "Två till fem versaler A–Z.") &&
	                hresp_has(&r, "value=\"Fel förvaltning\""),
	        "a bad department code: 422 with the rule, typed name kept (got %ld)", st);
	h_check(field_error(&r, "kod", "Två till fem versaler A–Z.") &&
	                h_summary_links(&r, "kod") && hresp_has(&r, "value=\"brn1\"") &&
	                sql_count("SELECT count(*) FROM departments") == depts,
	        "the code's rule is beside the field, linked from the summary, the code kept, "
	        "no department stored");
	hresp_free(&r);
	h_check(post_ref("/admin/forvaltningar", dept, &r) == 422 &&
	                hresp_has(&r, "Detta finns redan."),
	        "the same department code twice: 422");
	hresp_free(&r);
}

/* Adds a user through the form; the status. */
static long
add_user(const char *email, const char *name, const char *pw, const char *role, const char *dept,
         const char *orgnr, struct hresp *r)
{
	const char *kv[] = {
	        "ny_epost",       email, "ny_namn",  name,  "ny_losenord", pw, "ny_roll", role,
	        "ny_forvaltning", dept,  "ny_orgnr", orgnr, "ny_omrade",   "", NULL};
	return post_ref("/admin/anvandare", kv, r);
}

static void
users(void)
{
	struct hresp r;
	char v[256];
	long st = add_user("nora.ny@example.se", "Nora Ny", "ett-långt-lösenord", "officer", "BRN",
	                   "", &r);
	h_check(st == 303 && hresp_header(&r, "Location", v, sizeof(v)) &&
	                strcmp(v, "/admin/anvandare?sparad=1") == 0,
	        "adding an officer in BRN: 303 (got %ld)", st);
	hresp_free(&r);
	h_get(admin, "/admin/anvandare", &r);
	h_check(hresp_has(&r, "Nora Ny") && hresp_has(&r, "nora.ny@example.se") &&
	                hresp_has(&r, "Handläggare (BRN)"),
	        "the user list shows her with her role and department");
	hresp_free(&r);

	struct hclient *c = h_client();
	h_check(h_login_as(c, "nora.ny@example.se", "ett-långt-lösenord") == 303,
	        "the new officer signs in");
	h_get(c, "/mina-sidor", &r);
	h_check(r.status == 200 && hresp_has(&r, "Nora Ny"), "her /mina-sidor greets her");
	hresp_free(&r);
	h_get(c, "/admin", &r);
	h_check(r.status == 403, "an officer gets 403 on /admin (got %ld)", r.status);
	hresp_free(&r);
	h_client_free(c);

	char orgnr[12];
	h_orgnr("802555789", orgnr);
	struct assoc_fields a = {"Representantföreningen", "ideell", orgnr, "", "", "", 1, 1};
	h_check(post_assoc("/admin/foreningar/ny", &a, &r) > 0, "an association to represent");
	hresp_free(&r);
	st = add_user("rita.rep@example.se", "Rita Representant", "ett-annat-losenord",
	              "representative", "", orgnr, &r);
	h_check(st == 303, "adding a representative of it: 303 (got %ld)", st);
	hresp_free(&r);
	c = h_client();
	h_check(h_login_as(c, "rita.rep@example.se", "ett-annat-losenord") == 303,
	        "the representative signs in");
	h_get(c, "/mina-sidor", &r);
	h_check(hresp_has(&r, "Representantföreningen"),
	        "her /mina-sidor lists the association she represents");
	hresp_free(&r);
	h_client_free(c);

	h_check(add_user("kort@example.se", "Kort Lösen", "kort", "officer", "BRN", "", &r) ==
	                        422 &&
	                hresp_has(&r, "Lösenordet ska vara 10 till 256 tecken."),
	        "a short password: 422 with the rule");
	hresp_free(&r);
	h_check(add_user("utan@example.se", "Utan Förvaltning", "ett-langt-losenord", "officer", "",
	                 "", &r) == 422 &&
	                hresp_has(&r, "En handläggare behöver en förvaltning."),
	        "an officer without a department: 422");
	hresp_free(&r);
	h_check(add_user("nora.ny@example.se", "Nora Igen", "ett-langt-losenord", "coordinator", "",
	                 "", &r) == 422 &&
	                hresp_has(&r, "Det finns redan en användare med denna adress."),
	        "the same address twice: 422");
	hresp_free(&r);
	h_check(add_user("rep2@example.se", "Rep Utan", "ett-langt-losenord", "representative", "",
	                 "802000-0414", &r) == 422 &&
	                hresp_has(&r, "Kontrollsiffran stämmer inte"),
	        "a representative with a bad organisationsnummer: 422");
	hresp_free(&r);
	c = h_client();
	h_check(h_login_as(c, "kort@example.se", "kort") == 401, "the refused user does not exist");
	h_client_free(c);

	/* giving a role: refused beside the fields, in that form only */
	long roles = sql_count("SELECT count(*) FROM user_roles");
	const char *grant[] = {"roll_epost", "ingen.alls@example.se", "roll_roll",
	                       "officer",    "roll_forvaltning",      "",
	                       NULL};
	st = post_ref("/admin/anvandare/roll", grant, &r);
	h_check(st == 422 && field_error(&r, "roll_epost", "Ingen användare har denna adress.") &&
	                field_error(&r, "roll_forvaltning",
	                            "En handläggare behöver en förvaltning.") &&
	                h_summary_links(&r, "roll_epost") &&
	                h_summary_links(&r, "roll_forvaltning"),
	        "a role for an unknown address without a department: 422 beside both fields, "
	        "linked from the summary (got %ld)",
	        st);
	h_check(hresp_has(&r, "value=\"ingen.alls@example.se\"") &&
	                hresp_has(&r, "<option value=\"officer\" selected>") &&
	                hresp_count(&r, "<option value=\"officer\" selected>") == 1 &&
	                !h_field_invalid(&r, "ny_epost"),
	        "what was typed is kept in the role form, and the add form is left alone");
	h_check(sql_count("SELECT count(*) FROM user_roles") == roles, "no role is given");
	char lang[256];
	h_check(h_lang_link(&r, lang, sizeof(lang)) &&
	                strcmp(lang, "/admin/anvandare?lang=en") == 0,
	        "the refused role change's English link leads to /admin/anvandare, not to the "
	        "POST-only address (got %s)",
	        h_lang_link(&r, lang, sizeof(lang)) ? lang : "none");
	hresp_free(&r);
	h_get(admin, lang, &r);
	h_check(r.status == 200 && hresp_has(&r, "Users and roles"),
	        "and it opens the users page in English (got %ld)", r.status);
	hresp_free(&r);
	h_get(admin, "/admin/anvandare?lang=sv", &r);
	hresp_free(&r);
	const char *bad_role[] = {"roll_epost", "nora.ny@example.se", "roll_roll", "kung", NULL};
	st = post_ref("/admin/anvandare/roll", bad_role, &r);
	h_check(st == 422 && field_error(&r, "roll_roll", "Välj en roll.") &&
	                sql_count("SELECT count(*) FROM user_roles") == roles,
	        "a role that does not exist: 422 beside the role, nothing given (got %ld)", st);
	hresp_free(&r);
}

/* --- the department that keeps the register ------------------------------ */

/* The smallest file the server takes for a PDF: it is checked by content. */
static const char PDF[] = "%PDF-1.4\n1 0 obj\n<< /Type /Catalog >>\nendobj\n"
                          "trailer\n<< /Root 1 0 R >>\n%%EOF\n";

/* Sends the registration form as a browser does, with two small PDFs; the
 * status, and the redirect's target in loc ("" when none). */
static long
send_registration(struct hclient *c, const char *name, const char *orgnr, char *loc, size_t n)
{
	const char *kv[] = {"csrf",
	                    h_csrf(c),
	                    "namn",
	                    name,
	                    "form",
	                    "ideell",
	                    "organisationsnummer",
	                    orgnr,
	                    "epost",
	                    "styrelsen@example.se",
	                    "styrelse",
	                    "Anna Andersson, ordförande",
	                    NULL};
	struct hstr b = {0};
	for (int i = 0; kv[i]; i += 2)
		h_mp_field(&b, kv[i], kv[i + 1]);
	h_mp_file(&b, "stadgar", "stadgar.pdf", "application/pdf", PDF, strlen(PDF));
	h_mp_file(&b, "protokoll", "protokoll.pdf", "application/pdf", PDF, strlen(PDF));
	h_mp_end(&b);
	struct hresp r;
	h_post_multipart(c, "/registrera-forening", &b, &r);
	hstr_free(&b);
	long st = r.status;
	if (!hresp_header(&r, "Location", loc, n))
		loc[0] = 0;
	hresp_free(&r);
	return st;
}

/* The register department's code as the database holds it ("" for none). */
static const char *
keeper(void)
{
	static char code[32];
	struct hstr out = {0};
	code[0] = 0;
	if (h_sql("SELECT value FROM settings WHERE key = 'register_department'", &out) == 0 &&
	    out.p)
		snprintf(code, sizeof(code), "%.*s", (int)strcspn(out.p, "\r\n"), out.p);
	hstr_free(&out);
	return code;
}

/* The number a counting query answers, or -1. */
static long
sql_count(const char *q)
{
	struct hstr out = {0};
	long n = h_sql(q, &out) == 0 && out.p ? strtol(out.p, NULL, 10) : -1;
	hstr_free(&out);
	return n;
}

/* Chooses the register department on /admin/installningar; the status. */
static long
choose_keeper(struct hclient *c, const char *code, struct hresp *r)
{
	struct hstr f = {0};
	h_form_add(&f, "csrf", h_csrf(c));
	h_form_add(&f, "forvaltning", code);
	h_post(c, "/admin/installningar", f.p, r);
	hstr_free(&f);
	return r->status;
}

/* The register's e-services are filed where the administrator says: the
 * lead texts name that department and new cases take its code. Only an
 * administrator may choose, only among the departments; with none chosen
 * the e-services say they are not open and create nothing. */
static void
register_department(void)
{
	struct hresp r;
	char loc[256], want[64];
	time_t now = time(NULL);
	struct tm tm;
	gmtime_r(&now, &tm);
	int year = tm.tm_year + 1900;

	h_get(admin, "/admin", &r);
	h_check(hresp_has(&r, "href=\"/admin/installningar\""),
	        "the admin index links the settings");
	hresp_free(&r);
	h_get(admin, "/admin/installningar", &r);
	h_check(r.status == 200 && hresp_has(&r, "Förvaltning som för föreningsregistret") &&
	                hresp_has(&r, "<option value=\"FRI\" selected>"),
	        "the settings page shows FRI keeping the register, as the demo set it (got %ld)",
	        r.status);
	hresp_free(&r);
	h_get(admin, "/registrera-forening", &r);
	h_check(hresp_has(&r, "Ansökan blir ett ärende hos Fritidsförvaltningen."),
	        "the registration form names Fritidsförvaltningen");
	hresp_free(&r);

	struct hclient *officer = h_client();
	h_check(h_login(officer, "officer") == 303, "an officer signs in");
	h_get(officer, "/admin/installningar", &r);
	h_check(r.status == 403, "an officer gets 403 on the settings page (got %ld)", r.status);
	hresp_free(&r);
	long st = choose_keeper(officer, "KUL", &r);
	h_check(st == 403 && strcmp(keeper(), "FRI") == 0,
	        "an officer choosing KUL gets 403 and FRI still keeps the register (got %ld, %s)",
	        st, keeper());
	hresp_free(&r);
	h_client_free(officer);

	const char *bad[] = {"XYZ", "fri", ""};
	for (int i = 0; i < 3; i++) {
		st = choose_keeper(admin, bad[i], &r);
		h_check(st == 422 &&
		                field_error(&r, "forvaltning",
		                            "Välj en av förvaltningarna i listan.") &&
		                hresp_has(&r, "Formuläret har fel") &&
		                h_summary_links(&r, "forvaltning") && strcmp(keeper(), "FRI") == 0,
		        "choosing \"%s\": 422 with the message at the select, FRI kept (got %ld, "
		        "%s)",
		        bad[i], st, keeper());
		hresp_free(&r);
	}
	struct hstr f = {0};
	h_form_add(&f, "forvaltning", "KUL");
	h_post(admin, "/admin/installningar", f.p, &r);
	hstr_free(&f);
	h_check(r.status == 403 && strcmp(keeper(), "FRI") == 0,
	        "choosing without the CSRF token: 403, nothing changed (got %ld)", r.status);
	hresp_free(&r);

	st = choose_keeper(admin, "KUL", &r);
	h_check(st == 303 && hresp_header(&r, "Location", loc, sizeof(loc)) &&
	                strcmp(loc, "/admin/installningar?sparad=1") == 0,
	        "the admin chooses KUL: 303 (got %ld)", st);
	hresp_free(&r);
	h_get(admin, "/admin/installningar?sparad=1", &r);
	h_check(hresp_has(&r, "Sparat.") && hresp_has(&r, "<option value=\"KUL\" selected>") &&
	                !hresp_has(&r, "<option value=\"FRI\" selected>"),
	        "the settings page says Sparat. with KUL chosen");
	hresp_free(&r);
	h_get(admin, "/registrera-forening", &r);
	h_check(r.status == 200 &&
	                hresp_has(&r, "Ansökan blir ett ärende hos Kulturförvaltningen.") &&
	                !hresp_has(&r, "Fritidsförvaltningen"),
	        "the registration form now names Kulturförvaltningen");
	hresp_free(&r);
	h_get(admin, "/registrera-forening?lang=en", &r);
	h_check(hresp_has(&r, "The application becomes a case at the Culture Department."),
	        "and in English the Culture Department");
	hresp_free(&r);
	h_get(admin, "/registrera-forening?lang=sv", &r);
	hresp_free(&r);

	char orgnr[12];
	h_orgnr("802555901", orgnr);
	st = send_registration(admin, "Bärnstensgillet", orgnr, loc, sizeof(loc));
	snprintf(want, sizeof(want), "/arenden/KUL-%d-0001?klart=1", year);
	h_check(st == 303 && strcmp(loc, want) == 0,
	        "a new registration becomes KUL's first case this year, %s (got %ld, %s)", want, st,
	        loc);
	snprintf(want, sizeof(want), "/arenden/KUL-%d-0001", year);
	h_get(admin, want, &r);
	h_check(r.status == 200 && hresp_has(&r, "Kulturförvaltningen"),
	        "the case page shows it at Kulturförvaltningen (got %ld)", r.status);
	hresp_free(&r);

	struct hclient *rep = h_client();
	h_check(h_login(rep, "representative") == 303, "the demo representative signs in");
	h_get(rep, "/mina-sidor", &r);
	const char *p = r.body.p ? strstr(r.body.p, "/arsuppdatering/") : NULL;
	char update[64] = "";
	if (p)
		snprintf(update, sizeof(update), "%.*s", (int)strcspn(p, "\""), p);
	hresp_free(&r);
	h_get(rep, update, &r);
	h_check(*update && r.status == 200 &&
	                hresp_has(&r, "Uppdateringen blir ett ärende hos Kulturförvaltningen."),
	        "the yearly update (%s) names Kulturförvaltningen (got %ld)", update, r.status);
	hresp_free(&r);

	/* a database where no department has been chosen yet */
	h_check(h_sql("DELETE FROM settings WHERE key = 'register_department'", NULL) == 0,
	        "the setting is removed, as on a fresh install");
	h_get(admin, "/registrera-forening", &r);
	h_check(r.status == 503 && hresp_has(&r, "E-tjänsten är inte öppen än") &&
	                hresp_has(&r, "<html") && !hresp_has(&r, "name=\"styrelse\""),
	        "the registration form: 503 saying it is not open yet, in the layout (got %ld)",
	        r.status);
	hresp_free(&r);
	h_get(admin, "/registrera-forening?lang=en", &r);
	h_check(r.status == 503 && hresp_has(&r, "The e-service is not open yet"),
	        "and in English");
	hresp_free(&r);
	h_get(admin, "/registrera-forening?lang=sv", &r);
	hresp_free(&r);
	h_orgnr("802555902", orgnr);
	long cases = sql_count("SELECT count(*) FROM cases");
	st = send_registration(admin, "Bärnstensgillet Två", orgnr, loc, sizeof(loc));
	h_check(st == 503 && cases > 0 && sql_count("SELECT count(*) FROM cases") == cases &&
	                sql_count("SELECT count(*) FROM associations WHERE name = "
	                          "'Bärnstensgillet Två'") == 0,
	        "a registration sent anyway: 503, no association and no case stored (got %ld)", st);
	h_get(rep, update, &r);
	h_check(r.status == 503 && hresp_has(&r, "E-tjänsten är inte öppen än"),
	        "the yearly update: 503 too (got %ld)", r.status);
	hresp_free(&r);
	h_get(admin, "/admin/installningar", &r);
	h_check(r.status == 200 && !hresp_has(&r, "\" selected>"),
	        "the settings page shows no department chosen");
	hresp_free(&r);
	h_check(choose_keeper(admin, "FRI", &r) == 303, "the admin chooses FRI again");
	hresp_free(&r);
	h_get(admin, "/registrera-forening", &r);
	h_check(r.status == 200 && hresp_has(&r, "hos Fritidsförvaltningen."),
	        "the registration form is open again at Fritidsförvaltningen");
	hresp_free(&r);
	h_client_free(rep);
}

int
main(void)
{
	h_start();
	admin = h_client();
	h_check(h_login(admin, "admin") == 303, "the admin signs in");
	struct hresp form;
	h_get(admin, "/admin/foreningar/ny", &form);
	h_check(form.status == 200 && hresp_has(&form, "name=\"organisationsnummer\""),
	        "the new-association form opens");
	create_associations(&form);
	refused_values();
	reference_data();
	users();
	edit_and_deactivate(&form);
	register_department();
	hresp_free(&form);
	h_client_free(admin);
	return h_finish();
}
