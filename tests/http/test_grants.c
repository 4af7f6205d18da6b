/* The grant programmes (issue 10, first part): their administration by
 * administrators and the department's own officers, and the public pages
 * that say what can be applied for, by whom and until when. */
#include "harness.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

static struct hclient *admin, *officer;

static long
programmes(void)
{
	return h_sql_number("SELECT count(*) FROM grant_programmes");
}

struct programme_fields {
	const char *namn, *adress, *forvaltning, *typ, *oppnar, *stanger, *budget, *regler,
	        *lattlast;
	const char *malgrupp; /* a target group's id to limit it to, or NULL */
	int informella;
	const char *form; /* an association form to limit it to, or NULL */
};

/* POSTs the programme form as c; the programme's id from the redirect,
 * or 0. */
static long
post_programme(struct hclient *c, const char *path, const struct programme_fields *p,
               struct hresp *r)
{
	struct hstr f = {0};
	h_form_add(&f, "csrf", h_csrf(c));
	h_form_add(&f, "namn", p->namn);
	h_form_add(&f, "adress", p->adress ? p->adress : "");
	h_form_add(&f, "forvaltning", p->forvaltning);
	h_form_add(&f, "typ", p->typ);
	h_form_add(&f, "oppnar", p->oppnar);
	h_form_add(&f, "stanger", p->stanger);
	h_form_add(&f, "budget", p->budget);
	h_form_add(&f, "aterrapport", "");
	h_form_add(&f, "regler", p->regler);
	h_form_add(&f, "lattlast", p->lattlast ? p->lattlast : "");
	if (p->malgrupp)
		h_form_add(&f, "malgrupp", p->malgrupp);
	if (p->informella)
		h_form_add(&f, "informella", "1");
	if (p->form) {
		char name[64];
		snprintf(name, sizeof(name), "form-%s", p->form);
		h_form_add(&f, name, "1");
	}
	h_post(c, path, f.p, r);
	hstr_free(&f);
	return h_saved_programme(r);
}

/* Who may reach the administration at all: a visitor is sent to sign in
 * as on every other admin page, a representative is refused. */
static void
access(void)
{
	struct hclient *anon = h_client(), *rep = h_client();
	struct hresp r, other;
	char loc[256], other_loc[256];
	h_get(anon, "/admin/bidrag", &r);
	h_get(anon, "/admin/foreningar", &other);
	h_check(r.status == 303 && other.status == 303 &&
	                hresp_header(&r, "Location", loc, sizeof(loc)) &&
	                strcmp(loc, "/logga-in?till=%2Fadmin%2Fbidrag") == 0 &&
	                hresp_header(&other, "Location", other_loc, sizeof(other_loc)),
	        "a visitor asking for /admin/bidrag is sent to sign in, as for /admin/foreningar "
	        "(got %ld)",
	        r.status);
	hresp_free(&r);
	hresp_free(&other);
	struct hstr f = {0};
	h_form_add(&f, "csrf", h_csrf(anon));
	h_form_add(&f, "namn", "Smygbidrag");
	h_post(anon, "/admin/bidrag/ny", f.p, &r);
	h_check(r.status == 403 && programmes() == 0,
	        "a visitor's POST of a programme is refused with 403, nothing written (got %ld)",
	        r.status);
	hresp_free(&r);
	hstr_free(&f);
	h_check(h_login(rep, "representative") == 303, "the representative signs in");
	h_check(h_get_status(rep, "/admin/bidrag") == 403 &&
	                h_get_status(rep, "/admin/bidrag/ny") == 403 &&
	                h_get_status(rep, "/handlaggning/bidrag") == 403,
	        "a representative gets 403 on the programmes' administration, both roads");
	h_get(anon, "/handlaggning/bidrag", &r);
	h_check(r.status == 303 && hresp_header(&r, "Location", loc, sizeof(loc)) &&
	                strcmp(loc, "/logga-in?till=%2Fhandlaggning%2Fbidrag") == 0,
	        "a visitor asking for the officers' road is sent to sign in");
	hresp_free(&r);
	h_client_free(anon);
	h_client_free(rep);
}

/* Bad input comes back beside its field with what was typed, and nothing
 * is written. */
static void
refused_input(void)
{
	struct hresp r;
	struct programme_fields p = {
	        "",           "",           "KUL",   "projektbidrag",
	        "2026-05-01", "2026-04-01", "12,5x", "Regler med <b>fetstil</b> kvar",
	        "",           NULL,         0,       NULL};
	post_programme(admin, "/admin/bidrag/ny", &p, &r);
	h_check(r.status == 422, "a programme with errors is answered 422 (got %ld)", r.status);
	h_field_says(&r, "namn", "Skriv programmets namn.");
	h_field_says(&r, "stanger", "kan inte vara före");
	h_field_says(&r, "budget", "Skriv beloppet i kronor");
	h_check(hresp_has(&r, "value=\"12,5x\"") &&
	                hresp_has(&r, ">Regler med &lt;b&gt;fetstil&lt;/b&gt; kvar</textarea>") &&
	                hresp_has(&r, "value=\"2026-05-01\""),
	        "the typed budget, dates and rules are kept");
	h_check(programmes() == 0, "nothing was written");
	hresp_free(&r);

	p = (struct programme_fields){"Projektbidrag kultur",
	                              "",
	                              "KUL",
	                              "projektbidrag",
	                              "2026-04-01",
	                              "2026-05-01",
	                              "-100",
	                              "Regler.",
	                              "",
	                              NULL,
	                              0,
	                              NULL};
	post_programme(admin, "/admin/bidrag/ny", &p, &r);
	h_check(r.status == 422, "a negative budget is answered 422 (got %ld)", r.status);
	h_field_says(&r, "budget", "kan inte vara negativt");
	h_check(programmes() == 0, "nothing was written for a negative budget");
	hresp_free(&r);

	p.budget = "100 000";
	p.adress = "Fel Adress!";
	post_programme(admin, "/admin/bidrag/ny", &p, &r);
	h_field_says(&r, "adress", "små bokstäver");
	h_check(programmes() == 0, "nothing was written for a bad address");
	hresp_free(&r);
}

/* The administrator creates a culture programme under /admin/bidrag; the
 * leisure officer, who manages programmes under /handlaggning/bidrag,
 * cannot see or change it there (404) and may not come under /admin at
 * all (403); they manage only the leisure department's. */
static void
departments(char kul_path[64])
{
	struct hresp r;
	struct programme_fields p = {"Projektbidrag kultur 2026",
	                             "",
	                             "KUL",
	                             "projektbidrag",
	                             "2026-04-01",
	                             "2026-05-01",
	                             "1 250 000",
	                             "## Regler\n\nText.",
	                             "",
	                             NULL,
	                             0,
	                             NULL};
	long id = post_programme(admin, "/admin/bidrag/ny", &p, &r);
	hresp_free(&r);
	h_check(id > 0 && programmes() == 1 &&
	                h_sql_number("SELECT budget FROM grant_programmes") == 125000000,
	        "the administrator creates a programme: 1 250 000 kr kept as 125000000 öre");
	h_check(h_sql_number("SELECT count(*) FROM grant_programmes "
	                     "WHERE slug = 'projektbidrag-kultur-2026'") == 1,
	        "its address is made of its name");
	snprintf(kul_path, 64, "/admin/bidrag/%ld", id);
	char saved[80];
	snprintf(saved, sizeof(saved), "%s?sparad=1", kul_path);
	h_get(admin, saved, &r);
	h_check(r.status == 200 && hresp_has(&r, "value=\"1250000\"") && hresp_has(&r, "Sparat."),
	        "the administrator's form shows it again, budget in kronor");
	hresp_free(&r);

	h_check(h_login(officer, "officer") == 303, "the leisure officer signs in");
	h_check(h_get_status(officer, kul_path) == 403 &&
	                h_get_status(officer, "/admin/bidrag") == 403,
	        "the officer gets 403 under /admin/bidrag, as everywhere under /admin");
	char off_path[64];
	snprintf(off_path, sizeof(off_path), "/handlaggning/bidrag/%ld", id);
	h_get(officer, off_path, &r);
	h_check(r.status == 404, "the leisure officer gets 404 on the culture programme (got %ld)",
	        r.status);
	hresp_free(&r);
	p.namn = "Kapat program";
	post_programme(officer, off_path, &p, &r);
	h_check(r.status == 404 && h_sql_number("SELECT count(*) FROM grant_programmes "
	                                        "WHERE name = 'Kapat program'") == 0,
	        "and 404 on changing it, nothing changed (got %ld)", r.status);
	hresp_free(&r);
	char path[96];
	snprintf(path, sizeof(path), "%s/kriterier", off_path);
	struct hstr f = {0};
	h_form_add(&f, "csrf", h_csrf(officer));
	h_form_add(&f, "kriterium", "Smygkriterium");
	h_form_add(&f, "maxpoang", "5");
	h_post(officer, path, f.p, &r);
	hstr_free(&f);
	h_check(r.status == 404 && h_sql_number("SELECT count(*) FROM grant_criteria") == 0,
	        "and 404 on adding a criterion to it (got %ld)", r.status);
	hresp_free(&r);
	h_get(officer, "/handlaggning/bidrag", &r);
	h_check(r.status == 200 && !hresp_has(&r, "Projektbidrag kultur 2026"),
	        "the officer's list leaves the culture programme out");
	hresp_free(&r);

	p = (struct programme_fields){"Föreningsbidrag",
	                              "",
	                              "KUL",
	                              "organisationsbidrag",
	                              "2026-04-01",
	                              "2026-05-01",
	                              "500000",
	                              "Regler.",
	                              "",
	                              NULL,
	                              0,
	                              NULL};
	post_programme(officer, "/handlaggning/bidrag/ny", &p, &r);
	h_check(r.status == 422 && programmes() == 1,
	        "the officer cannot put a programme in the culture department (got %ld)", r.status);
	h_field_says(&r, "forvaltning", "Välj en av förvaltningarna");
	hresp_free(&r);
	p.forvaltning = "FRI";
	long own = post_programme(officer, "/handlaggning/bidrag/ny", &p, &r);
	char loc[128];
	h_check(r.status == 303 && hresp_header(&r, "Location", loc, sizeof(loc)) &&
	                strncmp(loc, "/handlaggning/bidrag/", 21) == 0,
	        "the officer's programme is saved and shown on the officer's road (%s)", loc);
	hresp_free(&r);
	snprintf(path, sizeof(path), "/handlaggning/bidrag/%ld", own);
	h_check(own > 0 && h_get_status(officer, path) == 200,
	        "the officer creates and opens a leisure programme");
	p.adress = "projektbidrag-kultur-2026";
	post_programme(officer, path, &p, &r);
	h_field_says(&r, "adress", "har redan den adressen");
	hresp_free(&r);
}

/* Questions and criteria are added beside the programme through their
 * own forms, refused beside the field when wrong, and removed. */
static void
questions_and_criteria(const char *kul_path)
{
	struct hresp r;
	char path[96];
	snprintf(path, sizeof(path), "%s/fragor", kul_path);
	struct hstr f = {0};
	h_form_add(&f, "csrf", h_csrf(admin));
	h_form_add(&f, "fraga", "");
	h_form_add(&f, "fragetyp", "choice");
	h_form_add(&f, "alternativ", "");
	h_post(admin, path, f.p, &r);
	hstr_free(&f);
	h_check(r.status == 422, "a question without words is answered 422 (got %ld)", r.status);
	h_field_says(&r, "fraga", "Skriv frågan.");
	h_field_says(&r, "alternativ", "Skriv alternativen");
	h_check(h_sql_number("SELECT count(*) FROM grant_questions") == 0,
	        "no question was written");
	hresp_free(&r);

	f = (struct hstr){0};
	h_form_add(&f, "csrf", h_csrf(admin));
	h_form_add(&f, "fraga", "Vilken konstform gäller projektet?");
	h_form_add(&f, "fraga_en", "Which art form is the project in?");
	h_form_add(&f, "fragetyp", "choice");
	h_form_add(&f, "obligatorisk", "1");
	h_form_add(&f, "alternativ", "Musik\nTeater\nBild och form");
	h_post(admin, path, f.p, &r);
	hstr_free(&f);
	h_check(r.status == 303, "a choice question is added (got %ld)", r.status);
	hresp_free(&r);
	h_get(admin, kul_path, &r);
	h_check(hresp_has(&r, "Vilken konstform gäller projektet?") &&
	                hresp_has(&r, "måste besvaras"),
	        "the programme's page lists the question as required");
	hresp_free(&r);

	snprintf(path, sizeof(path), "%s/kriterier", kul_path);
	f = (struct hstr){0};
	h_form_add(&f, "csrf", h_csrf(admin));
	h_form_add(&f, "kriterium", "Konstnärlig kvalitet");
	h_form_add(&f, "maxpoang", "0");
	h_post(admin, path, f.p, &r);
	hstr_free(&f);
	h_field_says(&r, "maxpoang", "från 1 till 100");
	h_check(hresp_has(&r, "value=\"Konstnärlig kvalitet\"") &&
	                h_sql_number("SELECT count(*) FROM grant_criteria") == 0,
	        "the criterion's words are kept and nothing written");
	hresp_free(&r);
	f = (struct hstr){0};
	h_form_add(&f, "csrf", h_csrf(admin));
	h_form_add(&f, "kriterium", "Konstnärlig kvalitet");
	h_form_add(&f, "maxpoang", "10");
	h_post(admin, path, f.p, &r);
	hstr_free(&f);
	h_check(r.status == 303 && h_sql_number("SELECT max_score FROM grant_criteria") == 10,
	        "a criterion with its highest score is added");
	hresp_free(&r);

	long q = h_sql_number("SELECT id FROM grant_questions");
	snprintf(path, sizeof(path), "%s/fragor/%ld/ta-bort", kul_path, q);
	f = (struct hstr){0};
	h_form_add(&f, "csrf", h_csrf(admin));
	h_post(admin, path, f.p, &r);
	h_check(r.status == 303 && h_sql_number("SELECT count(*) FROM grant_questions") == 0,
	        "the question is removed");
	hresp_free(&r);
	h_post(admin, path, f.p, &r);
	h_check(r.status == 404, "removing it again is a 404 (got %ld)", r.status);
	hresp_free(&r);
	hstr_free(&f);
}

/* The public list says what is open now and what opens soon, and leaves
 * out what has closed; a programme's page shows its rules from Markdown
 * with raw HTML dropped, who may apply, and its easy-read text. */
static void
public_pages(void)
{
	char d1[11], d2[11], d3[11], d4[11], d5[11], d6[11], d7[11], d8[11], group[32], slug[128];
	struct hresp r;
	struct hclient *anon = h_client();
	h_sql_line("SELECT id FROM target_groups WHERE slug = 'unga'", group, sizeof(group));
	struct programme_fields open = {
	        "Aktivitetsstöd för unga",
	        "",
	        "FRI",
	        "aktivitetsstod",
	        h_day(-10, d1),
	        h_day(20, d2),
	        "2 000 000",
	        "## Vem kan söka\n\nFöreningar med verksamhet för unga 7–25 år. Ansök "
	        "**senast** sista dagen.\n\n<script>alert('x')</script>\n\nText <img src=x "
	        "onerror=alert(1)> och [en länk](javascript:alert(2)).\n",
	        "Du kan få pengar för aktiviteter med unga.\n\nSkicka in ansökan *i tid*.",
	        group,
	        1,
	        NULL};
	struct programme_fields soon = {"Projektbidrag hösten",
	                                "",
	                                "KUL",
	                                "projektbidrag",
	                                h_day(30, d3),
	                                h_day(60, d4),
	                                "800 000",
	                                "Regler för hösten.",
	                                "",
	                                NULL,
	                                0,
	                                "stiftelse"};
	struct programme_fields recent = {"Lokalbidrag som nyss stängt",
	                                  "",
	                                  "FRI",
	                                  "lokalkostnadsbidrag",
	                                  h_day(-60, d5),
	                                  h_day(-5, d6),
	                                  "100 000",
	                                  "Stängt.",
	                                  "",
	                                  NULL,
	                                  0,
	                                  NULL};
	struct programme_fields old = {"Organisationsbidrag 2023",
	                               "",
	                               "AOS",
	                               "organisationsbidrag",
	                               h_day(-800, d7),
	                               h_day(-700, d8),
	                               "100 000",
	                               "Gammalt.",
	                               "",
	                               NULL,
	                               0,
	                               NULL};
	const struct programme_fields *all[] = {&open, &soon, &recent, &old};
	for (int i = 0; i < 4; i++) {
		h_check(post_programme(admin, "/admin/bidrag/ny", all[i], &r) > 0,
		        "the administrator creates '%s'", all[i]->namn);
		hresp_free(&r);
	}
	h_get(anon, "/bidrag", &r);
	const char *now = r.body.p ? strstr(r.body.p, "Går att söka nu</h2>") : NULL;
	const char *later = r.body.p ? strstr(r.body.p, "Öppnar snart</h2>") : NULL;
	const char *a = r.body.p ? strstr(r.body.p, "Aktivitetsstöd för unga") : NULL;
	const char *b = r.body.p ? strstr(r.body.p, "Projektbidrag hösten") : NULL;
	h_check(r.status == 200 && now && later && a && b && now < a && a < later && later < b,
	        "/bidrag lists the open programme under 'open now' and the coming one under "
	        "'opening soon'");
	h_check(!hresp_has(&r, "Lokalbidrag som nyss stängt") &&
	                !hresp_has(&r, "Organisationsbidrag 2023"),
	        "and leaves out the closed ones, lately or long ago");
	char until[64];
	snprintf(until, sizeof(until), "Sök senast %s", open.stanger);
	h_check(hresp_has(&r, until) && hresp_has(&r, "För målgrupperna: Unga") &&
	                hresp_has(&r, "Informella nätverk utan organisationsnummer får också söka"),
	        "it says until when and by whom (%s, the target group, informal networks)", until);
	hresp_free(&r);
	h_get(anon, "/bidrag?lang=en", &r);
	h_check(r.status == 200 && hresp_has(&r, "Open for applications now</h2>") &&
	                hresp_has(&r, "Opening soon</h2>") &&
	                hresp_has(&r, "For the target groups: Young people"),
	        "the list is in English too");
	hresp_free(&r);
	h_get(anon, "/bidrag?lang=sv", &r);
	hresp_free(&r);
	h_get(anon, "/", &r);
	h_check(hresp_has(&r, "<a href=\"/bidrag\">"), "the start page and menu link to /bidrag");
	hresp_free(&r);

	h_sql_line("SELECT slug FROM grant_programmes WHERE name = 'Aktivitetsstöd för unga'", slug,
	           sizeof(slug));
	char path[192];
	snprintf(path, sizeof(path), "/bidrag/%s", slug);
	h_get(anon, path, &r);
	h_check(r.status == 200 && hresp_has(&r, "<h4>Vem kan söka</h4>") &&
	                hresp_has(&r, "<strong>senast</strong>"),
	        "%s renders its rules from Markdown", path);
	h_check(hresp_count(&r, "<script") == 0 && !hresp_has(&r, "<img") &&
	                !hresp_has(&r, "javascript:") && !hresp_has(&r, "onerror"),
	        "raw HTML in the rules is dropped: no script, no img, no javascript: link");
	h_check(hresp_has(&r, "Går att söka nu.") && hresp_has(&r, "2 000 000 kr") &&
	                hresp_has(&r, "Aktiva föreningar i föreningsregistret"),
	        "the page says it is open, the budget and who may apply");
	char easy[224];
	snprintf(easy, sizeof(easy), "href=\"%s/lattlast\"", path);
	h_check(hresp_has(&r, easy), "it links to its easy-read text");
	hresp_free(&r);
	snprintf(easy, sizeof(easy), "%s/lattlast", path);
	h_get(anon, easy, &r);
	h_check(r.status == 200 && hresp_has(&r, "Du kan få pengar för aktiviteter med unga.") &&
	                hresp_has(&r, "<em>i tid</em>"),
	        "the easy-read page shows its text from Markdown");
	hresp_free(&r);
	snprintf(easy, sizeof(easy), "%s/lattlast?lang=en", path);
	h_get(anon, easy, &r);
	h_check(r.status == 200 && hresp_has(&r, "easy read") && hresp_has(&r, "lang=\"sv\""),
	        "in English the easy-read page says so and marks its Swedish text");
	hresp_free(&r);
	h_get(anon, "/bidrag?lang=sv", &r);
	hresp_free(&r);

	h_sql_line("SELECT slug FROM grant_programmes WHERE name = 'Projektbidrag hösten'", slug,
	           sizeof(slug));
	snprintf(path, sizeof(path), "/bidrag/%s", slug);
	h_get(anon, path, &r);
	char opens[64];
	snprintf(opens, sizeof(opens), "Öppnar %s.", soon.oppnar);
	h_check(r.status == 200 && hresp_has(&r, opens) && !hresp_has(&r, "/lattlast"),
	        "the coming programme says when it opens and has no easy-read link");
	hresp_free(&r);
	h_get(anon, path, &r);
	h_check(hresp_has(&r, "Aktiva föreningar i föreningsregistret: Stiftelse</li>"),
	        "it says only foundations may apply");
	hresp_free(&r);
	char edit[64];
	snprintf(edit, sizeof(edit), "/admin/bidrag/%ld",
	         h_sql_number(
	                 "SELECT id FROM grant_programmes WHERE name = 'Projektbidrag hösten'"));
	h_get(admin, edit, &r);
	h_check(h_sql_number(
	                "SELECT count(*) FROM grant_programme_forms WHERE form = 'stiftelse'") ==
	                        1 &&
	                hresp_has(&r, "name=\"form-stiftelse\" value=\"1\" checked") &&
	                !hresp_has(&r, "name=\"form-ideell\" value=\"1\" checked"),
	        "the limit to foundations is stored and ticked on its edit page");
	hresp_free(&r);
	snprintf(path, sizeof(path), "/bidrag/%s/lattlast", slug);
	h_check(h_get_status(anon, path) == 404, "and no easy-read page");
	h_sql_line("SELECT slug FROM grant_programmes WHERE name = 'Organisationsbidrag 2023'",
	           slug, sizeof(slug));
	snprintf(path, sizeof(path), "/bidrag/%s", slug);
	h_get(anon, path, &r);
	h_check(r.status == 200 && hresp_has(&r, "Ansökningstiden har gått ut."),
	        "a closed programme's page says its period is over");
	hresp_free(&r);
	h_check(h_get_status(anon, "/bidrag/finns-inte") == 404, "an unknown programme is a 404");
	h_client_free(anon);
}

/* The demo's programmes, like Malmö's: some open, some opening soon, some
 * closed, in several departments. */
static void
demo_programmes(void)
{
	struct hresp r;
	struct hclient *anon = h_client();
	h_get(anon, "/bidrag", &r);
	const char *later = r.body.p ? strstr(r.body.p, "Öppnar snart</h2>") : NULL;
	const char *premises = r.body.p ? strstr(r.body.p, ">Lokalkostnadsbidrag</a>") : NULL;
	const char *activity = r.body.p ? strstr(r.body.p, ">Aktivitetsstöd</a>") : NULL;
	h_check(r.status == 200 && later && premises && activity && premises < later &&
	                later < activity,
	        "the demo's premises grant is open and its activity support opens soon");
	h_check(hresp_has(&r, "Kulturförvaltningen") &&
	                hresp_has(&r, "Funktionsstödsförvaltningen") &&
	                !hresp_has(&r, "Arrangemangsbidrag") &&
	                !hresp_has(&r, "Organisationsbidrag arbetsmarknad"),
	        "several departments' programmes are listed, the closed ones not");
	hresp_free(&r);
	h_get(anon, "/bidrag/lokalkostnadsbidrag", &r);
	h_check(r.status == 200 && hresp_has(&r, "<strong>39 kr</strong> per bidragsberättigad") &&
	                hresp_has(&r, "<strong>69 kr</strong> per godkänd aktivitet"),
	        "the premises grant's rules say 39 kr per member and 69 kr per activity");
	hresp_free(&r);
	h_client_free(anon);
}

/* The answer to an application: the redirect's address, or the page. */
static char answer_text[1 << 18];

/* The application form of an open programme as the representative sends
 * it; the status, and the redirect's address or the page in loc (which is
 * answer_text). */
static long
apply(struct hclient *rep, const char *slug, const char *assoc, const char *amount,
      const char *cost, const char *purpose, const char *question, const char *answer, char *loc)
{
	char path[160];
	struct hresp r;
	struct hstr f = {0};
	snprintf(path, sizeof(path), "/bidrag/%s/ansok", slug);
	h_form_add(&f, "csrf", h_csrf(rep));
	h_form_add(&f, "forening", assoc);
	h_form_add(&f, "belopp", amount);
	h_form_add(&f, "syfte", purpose);
	h_form_add(&f, "plan", "Träningar varje vecka i Rosengård.");
	h_form_add(&f, "kostnad-1", "Hallhyra");
	h_form_add(&f, "kostnad-1-belopp", cost);
	h_form_add(&f, "intakt-1", "Medlemsavgifter");
	h_form_add(&f, "intakt-1-belopp", "5 000");
	if (question)
		h_form_add(&f, question, answer);
	h_post(rep, path, f.p, &r);
	hstr_free(&f);
	long st = r.status;
	loc[0] = 0;
	if (st == 303)
		hresp_header(&r, "Location", loc, sizeof(answer_text));
	else if (st == 422 || st == 409)
		snprintf(loc, sizeof(answer_text), "%s", r.body.p ? r.body.p : "");
	hresp_free(&r);
	return st;
}

static long
applications(void)
{
	return h_sql_number("SELECT count(*) FROM cases WHERE type = 'bidragsansokan'");
}

/* A representative applies to an open programme: the form is made of the
 * fixed questions and the programme's own; bad input, a closed call, an
 * association the programme does not take and a second open application
 * are refused beside the field with nothing written; a good one becomes a
 * case in the programme's department, shown to its officer. */
static void
applying(void)
{
	struct hclient *rep = h_client();
	struct hresp r;
	char slug[128], assoc[32], path[192], q[64], *loc = answer_text;
	h_check(h_login(rep, "representative") == 303, "the representative signs in");
	h_sql_line("SELECT slug FROM grant_programmes WHERE name = 'Aktivitetsstöd för unga'", slug,
	           sizeof(slug));
	h_sql_line("SELECT association_id FROM user_roles WHERE role = 'representative' AND "
	           "user_id = (SELECT id FROM users WHERE email = 'forening@demo.samverka.se') "
	           "ORDER BY association_id LIMIT 1",
	           assoc, sizeof(assoc));
	snprintf(path, sizeof(path), "/admin/bidrag/%ld/fragor",
	         h_sql_number(
	                 "SELECT id FROM grant_programmes WHERE name = 'Aktivitetsstöd för unga'"));
	struct hstr f = {0};
	h_form_add(&f, "csrf", h_csrf(admin));
	h_form_add(&f, "fraga", "Hur många deltagare är 7–25 år?");
	h_form_add(&f, "fragetyp", "number");
	h_form_add(&f, "obligatorisk", "1");
	h_post(admin, path, f.p, &r);
	hstr_free(&f);
	hresp_free(&r);
	snprintf(q, sizeof(q), "fraga-%ld",
	         h_sql_number("SELECT id FROM grant_questions WHERE label_sv LIKE 'Hur många "
	                      "deltagare%'"));

	snprintf(path, sizeof(path), "/bidrag/%s/ansok", slug);
	h_get(rep, path, &r);
	char qid[80];
	snprintf(qid, sizeof(qid), "id=\"%s\"", q);
	h_check(r.status == 200 && hresp_has(&r, "id=\"belopp\"") && hresp_has(&r, qid),
	        "the application form has the fixed questions and the programme's own");
	hresp_free(&r);

	/* the association does its work for young people */
	char sql[512];
	snprintf(sql, sizeof(sql),
	         "INSERT INTO association_groups (association_id, group_id) SELECT %s, id FROM "
	         "target_groups WHERE slug = 'unga' AND NOT EXISTS (SELECT 1 FROM "
	         "association_groups "
	         "WHERE association_id = %s AND group_id = target_groups.id)",
	         assoc, assoc);
	h_sql(sql, NULL);
	h_check(apply(rep, slug, assoc, "12,5x", "12,5x", "", q, "tolv", loc) == 422 &&
	                applications() == 0,
	        "an application with a bad amount, no purpose and a word for a number is refused, "
	        "nothing written");
	struct hresp body = {0};
	hstr_puts(&body.body, loc);
	h_check(h_field_error(&body, "belopp", path, sizeof(path)) &&
	                h_field_error(&body, "syfte", path, sizeof(path)) &&
	                h_field_error(&body, q, path, sizeof(path)),
	        "each error beside its field");
	hresp_free(&body);

	snprintf(sql, sizeof(sql),
	         "DELETE FROM association_groups WHERE association_id = %s AND group_id = "
	         "(SELECT id FROM target_groups WHERE slug = 'unga')",
	         assoc);
	h_sql(sql, NULL);
	h_check(apply(rep, slug, assoc, "25 000", "30 000", "Träningsavgifter", q, "14", loc) ==
	                        422 &&
	                strstr(loc, "målgrupper som föreningen inte har") && applications() == 0,
	        "an association without the programme's target group is refused beside it");
	snprintf(sql, sizeof(sql),
	         "INSERT INTO association_groups (association_id, group_id) SELECT %s, id FROM "
	         "target_groups WHERE slug = 'unga'",
	         assoc);
	h_sql(sql, NULL);

	snprintf(sql, sizeof(sql),
	         "INSERT INTO grant_programme_forms (programme_id, form) SELECT g.id, CASE WHEN "
	         "a.form = 'stiftelse' THEN 'ideell' ELSE 'stiftelse' END FROM grant_programmes g, "
	         "associations a WHERE g.slug = '%s' AND a.id = %s",
	         slug, assoc);
	h_sql(sql, NULL);
	h_check(apply(rep, slug, assoc, "25 000", "30 000", "Träningsavgifter", q, "14", loc) ==
	                        422 &&
	                strstr(loc, "inte öppet för föreningens organisationsform") &&
	                applications() == 0,
	        "an association of a form the programme is not limited to is refused beside it");
	snprintf(sql, sizeof(sql),
	         "DELETE FROM grant_programme_forms WHERE form <> 'stiftelse' OR "
	         "programme_id <> (SELECT id FROM grant_programmes WHERE name = "
	         "'Projektbidrag hösten')");
	h_sql(sql, NULL);
	h_check(apply(rep, slug, assoc, "25 000", "30 000", "Träningsavgifter", q, "14", loc) ==
	                        303 &&
	                strncmp(loc, "/arenden/FRI-", 13) == 0 && applications() == 1,
	        "a good application becomes a case of the leisure department (%s)", loc);
	char dnr[64];
	snprintf(dnr, sizeof(dnr), "%.*s", (int)strcspn(loc + 9, "?"), loc + 9);
	h_check(h_sql_number("SELECT amount FROM grant_applications") == 2500000,
	        "the amount asked is kept as 2500000 öre");
	h_check(apply(rep, slug, assoc, "25 000", "40 000", "Budget som inte går ihop", q, "14",
	              loc) == 422 &&
	                applications() == 1,
	        "a budget whose costs (40 000) are not the incomes with the amount (30 000) is "
	        "refused");
	body = (struct hresp){0};
	hstr_puts(&body.body, loc);
	h_check(h_field_error(&body, "kostnad-1-belopp", path, sizeof(path)) &&
	                strstr(path, "Budgeten går inte ihop: kostnaderna är 40 000 kr, intäkterna "
	                             "med det sökta beloppet 30 000 kr.") &&
	                hresp_has(&body, "value=\"40 000\"") &&
	                hresp_has(&body, ">Budget som inte går ihop</textarea>"),
	        "beside the first cost's amount, with the sums, and what was typed kept (%s)",
	        path);
	hresp_free(&body);
	h_check(apply(rep, slug, assoc, "1000", "6000", "Igen", q, "3", loc) == 422 &&
	                strstr(loc, "redan en öppen ansökan") && applications() == 1,
	        "a second open application to the same programme and period is refused");

	snprintf(path, sizeof(path), "/arenden/%s", dnr);
	h_get(officer, path, &r);
	h_check(r.status == 200 && hresp_has(&r, "25 000 kr") &&
	                hresp_has(&r, "Träningsavgifter") &&
	                hresp_has(&r, "Hur många deltagare är 7–25 år?") &&
	                hresp_has(&r, "<dd>14</dd>"),
	        "the leisure officer sees the application with its amount and answers");
	hresp_free(&r);

	h_sql_line("SELECT slug FROM grant_programmes WHERE name = 'Lokalbidrag som nyss stängt'",
	           slug, sizeof(slug));
	h_check(apply(rep, slug, assoc, "1000", "6000", "Hyra", NULL, NULL, loc) == 422 &&
	                strstr(loc, "tar inte emot ansökningar nu") && applications() == 1,
	        "a closed call is refused, nothing written");
	h_client_free(rep);
}

int
main(void)
{
	setenv("TZ", "Europe/Stockholm", 1);
	tzset();
	h_start();
	admin = h_client();
	officer = h_client();
	h_check(h_login(admin, "admin") == 303, "the admin signs in");
	demo_programmes();
	/* from here on the test's own programmes only (the sqlite3 shell
	 * does not cascade: its foreign keys are off) */
	const char *tables[] = {"grant_questions",       "grant_criteria",
	                        "grant_programme_forms", "grant_programme_groups",
	                        "grant_programme_areas", "grant_programmes"};
	for (int i = 0; i < 6; i++) {
		char q[64];
		snprintf(q, sizeof(q), "DELETE FROM %s", tables[i]);
		h_sql(q, NULL);
	}
	access();
	refused_input();
	char kul_path[64];
	departments(kul_path);
	questions_and_criteria(kul_path);
	public_pages();
	applying();
	h_client_free(admin);
	h_client_free(officer);
	return h_finish();
}
