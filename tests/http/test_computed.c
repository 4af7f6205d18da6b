/* Computed grants, drafts and the grants on Mina sidor (issue 10, points 3
 * and 5): constants a computed programme lacks are refused beside their
 * fields; the premises grant is computed from the register's members and
 * the activities granted in the last year and shown step by step to the
 * applicant and the officer; an attendance file with a bad row is refused
 * whole with its lines and reasons, a good one counts the occasions with
 * enough participants of the ages; drafts are their association's alone. */
#include "harness.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

static struct hclient *admin, *officer, *rep;
static char assoc[32];

/* POSTs a programme with the formula fields given as NULL-ended name,
 * value pairs; the new programme's id from the redirect, or 0. */
static long
post_programme(const char *name, const char *kind, const char *const *formula, struct hresp *r)
{
	char d1[11], d2[11];
	struct hstr f = {0};
	h_form_add(&f, "csrf", h_csrf(admin));
	h_form_add(&f, "namn", name);
	h_form_add(&f, "adress", "");
	h_form_add(&f, "forvaltning", "FRI");
	h_form_add(&f, "typ", kind);
	h_form_add(&f, "oppnar", h_day(-10, d1));
	h_form_add(&f, "stanger", h_day(20, d2));
	h_form_add(&f, "budget", "1 000 000");
	h_form_add(&f, "aterrapport", "");
	h_form_add(&f, "regler", "Regler.");
	h_form_add(&f, "lattlast", "");
	for (; formula && *formula; formula += 2)
		h_form_add(&f, formula[0], formula[1]);
	h_post(admin, "/admin/bidrag/ny", f.p, r);
	hstr_free(&f);
	return h_saved_programme(r);
}

/* A computed programme whose constants are missing is refused beside each
 * missing one, what was typed kept, nothing written; with them it is kept
 * in öre and shown again in kronor. */
static void
constants(void)
{
	struct hresp r;
	const char *members_missing[] = {"berakning",     "medlemmar", "per-medlem", "",
	                                 "per-aktivitet", "69",        NULL};
	post_programme("Lokalbidrag utan konstanter", "lokalkostnadsbidrag", members_missing, &r);
	h_check(r.status == 422,
	        "a computed programme without its amount per member is 422 (got "
	        "%ld)",
	        r.status);
	h_field_says(&r, "per-medlem", "Skriv beloppet per medlem");
	h_check(hresp_has(&r, "value=\"69\"") &&
	                hresp_has(&r, "value=\"Lokalbidrag utan konstanter\"") &&
	                hresp_has(&r, "<option value=\"medlemmar\" selected>"),
	        "the amount per activity, the name and the formula chosen are kept");
	h_check(h_sql_number("SELECT count(*) FROM grant_programmes") == 0 &&
	                h_sql_number("SELECT count(*) FROM grant_programme_formulas") == 0,
	        "nothing was written");
	hresp_free(&r);

	const char *occasions_missing[] = {"berakning",
	                                   "sammankomster",
	                                   "per-sammankomst",
	                                   "50",
	                                   "alder-fran",
	                                   "7",
	                                   "alder-till",
	                                   "",
	                                   "minsta-deltagare",
	                                   "",
	                                   "sammankomster-fran",
	                                   "2026-01-01",
	                                   "sammankomster-till",
	                                   "",
	                                   NULL};
	post_programme("Aktivitetsstöd utan gränser", "aktivitetsstod", occasions_missing, &r);
	h_check(r.status == 422,
	        "activity support without its age limit, least participants and "
	        "last day is 422 (got %ld)",
	        r.status);
	h_field_says(&r, "alder-till", "Skriv den högsta ålder som räknas.");
	h_field_says(&r, "minsta-deltagare", "Skriv hur många deltagare");
	h_field_says(&r, "sammankomster-till", "Skriv sista dagen");
	h_check(hresp_has(&r, "value=\"50\"") && hresp_has(&r, "value=\"2026-01-01\"") &&
	                h_sql_number("SELECT count(*) FROM grant_programmes") == 0,
	        "what was typed is kept and nothing written");
	hresp_free(&r);

	const char *bad_amount[] = {"berakning",     "medlemmar", "per-medlem", "-39",
	                            "per-aktivitet", "69",        NULL};
	post_programme("Lokalbidrag negativt", "lokalkostnadsbidrag", bad_amount, &r);
	h_field_says(&r, "per-medlem", "kan inte vara negativt");
	h_check(h_sql_number("SELECT count(*) FROM grant_programmes") == 0,
	        "a negative amount per member writes nothing");
	hresp_free(&r);

	const char *good[] = {"berakning",     "medlemmar", "per-medlem", "39",
	                      "per-aktivitet", "69",        NULL};
	long id = post_programme("Lokalkostnadsbidrag beräknat", "lokalkostnadsbidrag", good, &r);
	hresp_free(&r);
	h_check(id > 0 && h_sql_number("SELECT per_member FROM grant_programme_formulas") == 3900 &&
	                h_sql_number("SELECT per_activity FROM grant_programme_formulas") == 6900 &&
	                h_sql_number("SELECT count(*) FROM grant_programme_formulas WHERE "
	                             "per_occasion IS NULL AND age_min IS NULL") == 1,
	        "the premises grant is kept with 3900 and 6900 öre, nothing else");
	char path[64];
	snprintf(path, sizeof(path), "/admin/bidrag/%ld", id);
	h_get(admin, path, &r);
	h_check(r.status == 200 && hresp_has(&r, "id=\"per-medlem\" name=\"per-medlem\" "
	                                         "type=\"text\" value=\"39\""),
	        "its form shows 39 kr per member again");
	hresp_free(&r);

	char from[11], d[11], args_from[11];
	snprintf(args_from, sizeof(args_from), "%s", h_day(-180, from));
	const char *lok[] = {"berakning",
	                     "sammankomster",
	                     "per-sammankomst",
	                     "50",
	                     "alder-fran",
	                     "7",
	                     "alder-till",
	                     "25",
	                     "minsta-deltagare",
	                     "3",
	                     "sammankomster-fran",
	                     args_from,
	                     "sammankomster-till",
	                     h_day(0, d),
	                     NULL};
	id = post_programme("Aktivitetsstöd beräknat", "aktivitetsstod", lok, &r);
	hresp_free(&r);
	h_check(id > 0 &&
	                h_sql_number("SELECT per_occasion FROM grant_programme_formulas WHERE "
	                             "formula = 'sammankomster'") == 5000 &&
	                h_sql_number("SELECT min_participants FROM grant_programme_formulas WHERE "
	                             "formula = 'sammankomster'") == 3,
	        "activity support is kept with 5000 öre per occasion of at least 3 aged 7–25");
}

/* A multipart application: the NULL-ended name, value pairs, the
 * attendance file when given; the status, the page or the redirect in
 * out. */
static long
send(const char *slug, const char *const *kv, const char *file, struct hresp *r)
{
	char path[160];
	struct hstr b = {0};
	snprintf(path, sizeof(path), "/bidrag/%s/ansok", slug);
	h_mp_field(&b, "csrf", h_csrf(rep));
	for (; kv && *kv; kv += 2)
		h_mp_field(&b, kv[0], kv[1]);
	if (file)
		h_mp_file(&b, "narvarofil", "narvaro.csv", "text/csv", file, strlen(file));
	h_mp_end(&b);
	h_post_multipart(rep, path, &b, r);
	hstr_free(&b);
	return r->status;
}

static long
cases(void)
{
	return h_sql_number("SELECT count(*) FROM cases WHERE type = 'bidragsansokan'");
}

static char good_file[4096];

/* Fourteen occasions in the period: twelve with at least three aged
 * 7–25, one with two of those ages (and adults), one with none. */
static void
make_good_file(void)
{
	char d[11];
	size_t n = (size_t)snprintf(good_file, sizeof(good_file), "datum,aktivitet,åldrar\n");
	for (int i = 0; i < 12; i++)
		n += (size_t)snprintf(good_file + n, sizeof(good_file) - n,
		                      "%s,Fotbollsträning,8 9 12 14 %d\n", h_day(-10 - 7 * i, d),
		                      40 + i);
	n += (size_t)snprintf(good_file + n, sizeof(good_file) - n, "%s,Föräldramöte,35 41 7 25\n",
	                      h_day(-5, d));
	n += (size_t)snprintf(good_file + n, sizeof(good_file) - n, "%s,Styrelsemöte,45 50 61\n",
	                      h_day(-3, d));
}

/* The attendance file: bad rows refuse it whole, beside the file, each
 * with its line and reason, nothing written; a good one counts twelve of
 * fourteen occasions, shown by Beräkna before sending and kept when sent. */
static void
attendance(char dnr[64])
{
	char slug[128], d1[11], d2[11], d3[11], old[11], bad[1024];
	struct hresp r;
	h_sql_line("SELECT slug FROM grant_programmes WHERE name = 'Aktivitetsstöd beräknat'", slug,
	           sizeof(slug));
	snprintf(bad, sizeof(bad),
	         "datum,aktivitet,åldrar\n"
	         "%s,Fotboll,8 9 10\n"
	         "2026-02-30,Fotboll,8 9 10\n"
	         "%s,,8 9 10\n"
	         "%s,Fotboll,8 tolv 10\n"
	         "%s,Fotboll,8 9 10\n",
	         h_day(-20, d1), h_day(-21, d2), h_day(-22, d3), h_day(-400, old));
	const char *calc[] = {"forening", assoc, "atgard", "berakna", NULL};
	send(slug, calc, NULL, &r);
	h_check(r.status == 422, "Beräkna without an attendance file is 422 (got %ld)", r.status);
	h_field_says(&r, "narvarofil", "Bifoga närvarofilen.");
	hresp_free(&r);
	send(slug, calc, bad, &r);
	h_check(r.status == 422, "Beräkna with a bad attendance file is 422 (got %ld)", r.status);
	h_field_says(&r, "narvarofil", "Rad 3: datumet ”2026-02-30” finns inte");
	h_field_says(&r, "narvarofil", "Rad 4: aktiviteten saknas.");
	h_field_says(&r, "narvarofil", "Rad 5: åldern ”tolv” är inte ett heltal");
	h_field_says(&r, "narvarofil", "Rad 6: datumet");
	h_check(hresp_has(&r, "ligger utanför perioden") && !hresp_has(&r, "Rad 2:"),
	        "the date outside the period is named, the good line 2 is not");
	hresp_free(&r);

	const char *sendit[] = {"forening",  assoc,          "syfte",
	                        "Träningar", "plan",         "Varje vecka",
	                        "kostnad-1", "Ledararvoden", "kostnad-1-belopp",
	                        "600",       "atgard",       "skicka",
	                        NULL};
	send(slug, sendit, bad, &r);
	h_check(r.status == 422 && cases() == 0 &&
	                h_sql_number("SELECT count(*) FROM grant_occasions") == 0,
	        "sending it is refused whole: no case, no occasion written (got %ld)", r.status);
	h_field_says(&r, "narvarofil", "Rad 3:");
	h_check(hresp_has(&r, ">Träningar</textarea>") && hresp_has(&r, "value=\"Ledararvoden\""),
	        "what was typed is kept");
	hresp_free(&r);

	make_good_file();
	send(slug, calc, good_file, &r);
	h_check(r.status == 200 &&
	                hresp_has(&r, "12 av 14 sammankomster räknas: de med minst 3 deltagare i "
	                              "åldern 7–25 år") &&
	                hresp_has(&r, "12 sammankomster × 50 kr = 600 kr") &&
	                hresp_has(&r, "Summa 600 kr") && hresp_has(&r, "name=\"narvarodata\"") &&
	                cases() == 0,
	        "Beräkna shows twelve of fourteen occasions × 50 kr = 600 kr, the file carried, "
	        "nothing sent (got %ld)",
	        r.status);
	hresp_free(&r);

	/* the browser sends the carried file back in its hidden field */
	const char *carried[] = {
	        "forening",    assoc,       "syfte",        "Träningar",        "plan",
	        "Varje vecka", "kostnad-1", "Ledararvoden", "kostnad-1-belopp", "600",
	        "narvarodata", good_file,   "atgard",       "skicka",           NULL};
	send(slug, carried, NULL, &r);
	char loc[256] = "";
	hresp_header(&r, "Location", loc, sizeof(loc));
	h_check(r.status == 303 && strncmp(loc, "/arenden/FRI-", 13) == 0 && cases() == 1,
	        "sent with the file carried from Beräkna, it becomes a case (%s)", loc);
	hresp_free(&r);
	snprintf(dnr, 64, "%.*s", (int)strcspn(loc + 9, "?"), loc + 9);
	h_check(h_sql_number("SELECT amount FROM grant_applications") == 60000 &&
	                h_sql_number("SELECT count(*) FROM grant_occasions") == 12 &&
	                h_sql_number("SELECT min(participants) FROM grant_occasions") == 4,
	        "600 kr asked as 60000 öre, the twelve occasions that count kept");
	char path[96];
	snprintf(path, sizeof(path), "/arenden/%s", dnr);
	h_get(officer, path, &r);
	h_check(r.status == 200 && hresp_has(&r, "12 sammankomster × 50 kr = 600 kr") &&
	                hresp_has(&r, "(beräknat)"),
	        "the officer sees the same steps on the case page");
	hresp_free(&r);
}

/* The premises grant: 42 members from the register, the twelve occasions
 * granted above as its approved activities of the last year. */
static void
premises(const char *dnr)
{
	char slug[128], sql[256], path[160];
	struct hresp r;
	h_sql_line("SELECT slug FROM grant_programmes WHERE name = 'Lokalkostnadsbidrag beräknat'",
	           slug, sizeof(slug));
	snprintf(sql, sizeof(sql), "UPDATE associations SET members = 42 WHERE id = %s", assoc);
	h_sql(sql, NULL);
	const char *calc[] = {"forening", assoc, "atgard", "berakna", NULL};
	send(slug, calc, NULL, &r);
	h_check(r.status == 200 && hresp_has(&r, "42 medlemmar × 39 kr = 1638 kr") &&
	                hresp_has(&r, "0 aktiviteter × 69 kr = 0 kr") &&
	                hresp_has(&r, "Summa 1638 kr"),
	        "before the attendance is decided: 42 members × 39 kr, no approved activities "
	        "(got %ld)",
	        r.status);
	hresp_free(&r);

	h_check(h_decide(officer, dnr, "bifall") == 303, "the officer grants the activity support");
	send(slug, calc, NULL, &r);
	h_check(r.status == 200 && hresp_has(&r, "42 medlemmar × 39 kr = 1638 kr") &&
	                hresp_has(&r, "12 aktiviteter × 69 kr = 828 kr") &&
	                hresp_has(&r, "Summa 2466 kr"),
	        "then: 42 medlemmar × 39 kr = 1638 kr; 12 aktiviteter × 69 kr = 828 kr; summa "
	        "2466 kr");
	hresp_free(&r);

	const char *unbalanced[] = {"forening",  assoc,    "syfte",
	                            "Hyra",      "plan",   "Träningar i egen lokal",
	                            "kostnad-1", "Hyra",   "kostnad-1-belopp",
	                            "3 000",     "belopp", "999 999",
	                            "atgard",    "skicka", NULL};
	send(slug, unbalanced, NULL, &r);
	h_field_says(&r, "kostnad-1-belopp", "intäkterna med det sökta beloppet 2466 kr");
	h_check(cases() == 1, "a budget that does not balance with the computed amount is "
	                      "refused, a typed amount ignored");
	hresp_free(&r);
	const char *good[] = {"forening",  assoc,    "syfte",
	                      "Hyra",      "plan",   "Träningar i egen lokal",
	                      "kostnad-1", "Hyra",   "kostnad-1-belopp",
	                      "2 466",     "belopp", "999 999",
	                      "atgard",    "skicka", NULL};
	send(slug, good, NULL, &r);
	char loc[256] = "";
	hresp_header(&r, "Location", loc, sizeof(loc));
	h_check(r.status == 303 && cases() == 2 &&
	                h_sql_number("SELECT amount FROM grant_applications ORDER BY case_id DESC "
	                             "LIMIT 1") == 246600,
	        "sent: 246600 öre asked, the computed amount (%s)", loc);
	hresp_free(&r);
	snprintf(path, sizeof(path), "/arenden/%.*s", (int)strcspn(loc + 9, "?"), loc + 9);
	h_get(officer, path, &r);
	h_check(r.status == 200 && hresp_has(&r, "42 medlemmar × 39 kr = 1638 kr") &&
	                hresp_has(&r, "12 aktiviteter × 69 kr = 828 kr") &&
	                hresp_has(&r, "Summa 2466 kr") && hresp_has(&r, "2466 kr (beräknat)"),
	        "the officer sees each step and the total on the case page");
	hresp_free(&r);
	snprintf(sql, sizeof(sql), "UPDATE associations SET members = 43 WHERE id = %s", assoc);
	h_sql(sql, NULL);
	h_get(officer, path, &r);
	h_check(hresp_has(&r, "42 medlemmar"), "the case keeps the steps as they were when sent");
	hresp_free(&r);
}

/* Drafts: saved beside Skicka, found on Mina sidor, continued and sent
 * (the draft then gone); another association's representative gets 404
 * and does not see it, an officer does not come there at all. */
static void
drafts(void)
{
	char slug[128], loc[256] = "", path[256], sql[512];
	struct hresp r;
	h_sql_line("SELECT slug FROM grant_programmes WHERE name = 'Aktivitetsstöd beräknat'", slug,
	           sizeof(slug));
	/* the association applied already: the draft is another's of the
	 * representative's */
	char other[32];
	h_sql_line("SELECT min(id) FROM associations WHERE active = 1 AND id NOT IN (SELECT "
	           "association_id FROM user_roles WHERE association_id IS NOT NULL)",
	           other, sizeof(other));
	snprintf(sql, sizeof(sql),
	         "INSERT INTO user_roles (user_id, role, association_id) SELECT id, "
	         "'representative', %s FROM users WHERE email = 'forening@demo.samverka.se'",
	         other);
	h_check(h_sql(sql, NULL) == 0, "the representative represents a second association");
	const char *save[] = {"forening", other,    "syfte", "Halvfärdigt <syfte>", "plan", "",
	                      "atgard",   "utkast", NULL};
	send(slug, save, good_file, &r);
	hresp_header(&r, "Location", loc, sizeof(loc));
	h_check(r.status == 303 && strstr(loc, "?utkast=") && strstr(loc, "&sparat=1") &&
	                h_sql_number("SELECT count(*) FROM grant_drafts") == 1 && cases() == 2,
	        "Spara utkast keeps a draft and makes no case (%s)", loc);
	hresp_free(&r);
	long id = h_sql_number("SELECT id FROM grant_drafts");

	h_get(rep, loc, &r);
	h_check(r.status == 200 && hresp_has(&r, "Utkastet är sparat") &&
	                hresp_has(&r, ">Halvfärdigt &lt;syfte&gt;</textarea>") &&
	                hresp_has(&r, "12 av 14 sammankomster räknas"),
	        "the draft opens again with what was typed and its attendance file computed");
	hresp_free(&r);
	h_get(rep, "/mina-sidor", &r);
	snprintf(path, sizeof(path), "href=\"/bidrag/%s/ansok?utkast=%ld\">Aktivitetsstöd beräknat",
	         slug, id);
	h_check(r.status == 200 && hresp_has(&r, path),
	        "Mina sidor lists the draft with a link to continue it");
	hresp_free(&r);

	struct hclient *stranger = h_client();
	h_check(h_user_add("annan@example.se", "Annan Företrädare", "representative", NULL,
	                   "korrekt hast batteri häftklammer") == 0,
	        "another association's representative is added");
	snprintf(sql, sizeof(sql),
	         "UPDATE user_roles SET association_id = (SELECT min(id) FROM associations WHERE "
	         "id NOT IN (SELECT association_id FROM user_roles WHERE association_id IS NOT "
	         "NULL)) WHERE user_id = (SELECT id FROM users WHERE email = 'annan@example.se')");
	h_sql(sql, NULL);
	h_check(h_login_as(stranger, "annan@example.se", "korrekt hast batteri häftklammer") == 303,
	        "they sign in");
	snprintf(path, sizeof(path), "/bidrag/%s/ansok?utkast=%ld", slug, id);
	h_get(stranger, path, &r);
	h_check(r.status == 404 && !hresp_has(&r, "Halvfärdigt"),
	        "the draft is a 404 to another association's representative (got %ld)", r.status);
	hresp_free(&r);
	h_get(stranger, "/mina-sidor", &r);
	h_check(r.status == 200 && !hresp_has(&r, "utkast=") && !hresp_has(&r, "FRI-"),
	        "their Mina sidor shows neither the draft nor the applications");
	hresp_free(&r);
	h_check(h_get_status(officer, path) == 403, "the officer does not come to drafts at all");
	h_get(officer, "/handlaggning", &r);
	h_check(!hresp_has(&r, "Halvfärdigt"), "and no officer's inbox holds it");
	hresp_free(&r);
	h_client_free(stranger);

	const char *finish[] = {
	        "forening",    other,       "syfte",        "Träningar",        "plan",
	        "Varje vecka", "kostnad-1", "Ledararvoden", "kostnad-1-belopp", "600",
	        "narvarodata", good_file,   "atgard",       "skicka",           NULL};
	send(slug, finish, NULL, &r);
	h_check(r.status == 303 && cases() == 3 &&
	                h_sql_number("SELECT count(*) FROM grant_drafts") == 0,
	        "continued and sent, it becomes a case and the draft is gone (got %ld)", r.status);
	hresp_free(&r);
}

/* Mina sidor: each application with its status and decision, and the
 * granted amount once the decided grant's row exists. */
static void
mine(const char *dnr)
{
	char sql[512];
	struct hresp r;
	h_get(rep, "/mina-sidor", &r);
	char row[256];
	snprintf(row, sizeof(row), "<a href=\"/arenden/%s\">%s</a></td><td>Aktivitetsstöd beräknat",
	         dnr, dnr);
	h_check(r.status == 200 && hresp_has(&r, row) && hresp_has(&r, "Bifall 2026-03-12") &&
	                hresp_count(&r, "Lokalkostnadsbidrag beräknat</td>") == 1 &&
	                hresp_has(&r, "Inkommen"),
	        "Mina sidor lists the applications with status and decision");
	hresp_free(&r);
	/* the decided grant as the decision stores it (where it does) */
	snprintf(sql, sizeof(sql),
	         "DELETE FROM grant_awards WHERE case_id = (SELECT id FROM cases WHERE "
	         "diarienummer = '%s')",
	         dnr);
	h_sql(sql, NULL);
	snprintf(
	        sql, sizeof(sql),
	        "INSERT INTO grant_awards (case_id, programme_id, department_id, kind, "
	        "association_id, year, amount, decided_on, reference, at) SELECT c.id, "
	        "g.programme_id, c.department_id, 'aktivitetsstod', g.association_id, 2026, 55000, "
	        "'2026-03-12', 'FRI 2026-03-12 § 15', 0 FROM cases c JOIN grant_applications g ON "
	        "g.case_id = c.id WHERE c.diarienummer = '%s'",
	        dnr);
	h_check(h_sql(sql, NULL) == 0, "a decided grant of 550 kr is recorded for it");
	h_get(rep, "/mina-sidor", &r);
	h_check(hresp_has(&r, "<td class=\"num\">550 kr</td>"),
	        "and Mina sidor shows the granted amount");
	hresp_free(&r);
}

int
main(void)
{
	setenv("TZ", "Europe/Stockholm", 1);
	tzset();
	h_start();
	admin = h_client();
	officer = h_client();
	rep = h_client();
	h_check(h_login(admin, "admin") == 303 && h_login(officer, "officer") == 303 &&
	                h_login(rep, "representative") == 303,
	        "the admin, the leisure officer and the representative sign in");
	/* the test's own programmes only (the sqlite3 shell does not cascade:
	 * its foreign keys are off) */
	const char *tables[] = {"grant_questions",       "grant_criteria",
	                        "grant_programme_forms", "grant_programme_groups",
	                        "grant_programme_areas", "grant_programmes"};
	for (int i = 0; i < 6; i++) {
		char q[64];
		snprintf(q, sizeof(q), "DELETE FROM %s", tables[i]);
		h_sql(q, NULL);
	}
	h_sql_line("SELECT association_id FROM user_roles WHERE role = 'representative' AND "
	           "user_id = (SELECT id FROM users WHERE email = 'forening@demo.samverka.se') "
	           "ORDER BY association_id LIMIT 1",
	           assoc, sizeof(assoc));
	constants();
	char dnr[64];
	attendance(dnr);
	premises(dnr);
	drafts();
	mine(dnr);
	h_client_free(admin);
	h_client_free(officer);
	h_client_free(rep);
	return h_finish();
}
