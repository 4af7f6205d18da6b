/* Assessment and decision of grant applications (issue 10, step 4): the
 * officer's scores and proposal, the decision with the amount granted
 * checked against what was asked and against the programme's budget for
 * the year (past it only with an override and its reason), the
 * committee's joint decision, and a hundred decisions at once that never
 * take the budget past its end. */
#include "harness.h"

#include <curl/curl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

static struct hclient *officer, *rep;
static char assoc_ids[120][16];
static int nassocs;

/* A programme of the leisure department open now, with no limits on who
 * may apply, the given budget in kronor and two criteria; its id. */
static long
programme(const char *slug, long budget_kr)
{
	char sql[1024], opens[11], closes[11];
	snprintf(sql, sizeof(sql),
	         "INSERT INTO grant_programmes (department_id, slug, name, kind, opens, closes, "
	         "budget, created, updated) SELECT id, '%s', 'Provbidrag %s', 'projektbidrag', "
	         "'%s', '%s', %ld, 0, 0 FROM departments WHERE code = 'FRI'",
	         slug, slug, h_day(-5, opens), h_day(20, closes), budget_kr * 100);
	h_sql(sql, NULL);
	snprintf(sql, sizeof(sql), "SELECT id FROM grant_programmes WHERE slug = '%s'", slug);
	long id = h_sql_number(sql);
	snprintf(sql, sizeof(sql),
	         "INSERT INTO grant_criteria (programme_id, pos, label_sv, label_en, max_score) "
	         "VALUES (%ld, 1, 'Barn och unga', 'Children and young people', 5), "
	         "(%ld, 2, 'Jämställdhet', 'Equality', 3)",
	         id, id);
	h_sql(sql, NULL);
	return id;
}

/* The representative sends an application for the n-th association; the
 * new case's diarienummer into dnr, or "" when it was refused. */
static void
apply(const char *slug, int n, const char *amount, char dnr[32])
{
	char path[128], loc[256], cost[32];
	struct hstr f = {0};
	struct hresp r;
	snprintf(path, sizeof(path), "/bidrag/%s/ansok", slug);
	snprintf(cost, sizeof(cost), "%s", amount);
	h_form_add(&f, "csrf", h_csrf(rep));
	h_form_add(&f, "forening", assoc_ids[n]);
	h_form_add(&f, "belopp", amount);
	h_form_add(&f, "syfte", "Sommarläger för unga");
	h_form_add(&f, "plan", "Fyra veckor i juli.");
	h_form_add(&f, "kostnad-1", "Lägerplats");
	h_form_add(&f, "kostnad-1-belopp", cost);
	h_post(rep, path, f.p, &r);
	hstr_free(&f);
	dnr[0] = 0;
	if (r.status == 303 && hresp_header(&r, "Location", loc, sizeof(loc)))
		snprintf(dnr, 32, "%.*s", (int)strcspn(loc + 9, "?"), loc + 9);
	hresp_free(&r);
}

/* Applies and starts handling: a case ready to be decided. */
static void
ready(const char *slug, int n, const char *amount, char dnr[32])
{
	apply(slug, n, amount, dnr);
	const char *kv[] = {"till", "handlaggning", NULL};
	if (!dnr[0] || h_case_action(officer, dnr, "status", kv) != 303)
		h_note("application %d to %s not ready (%s)", n, slug, dnr);
}

/* POSTs a decision of the given outcome and amount (and override, reason
 * when not NULL); the status, the page into page when given. */
static long
decide(const char *dnr, const char *outcome, const char *amount, const char *override_why,
       struct hresp *page)
{
	char path[96];
	struct hstr f = {0};
	struct hresp r;
	snprintf(path, sizeof(path), "/arenden/%s/beslut", dnr);
	h_form_add(&f, "csrf", h_csrf(officer));
	h_form_add(&f, "utfall", outcome);
	h_form_add(&f, "motivering", "Ansökan uppfyller programmets villkor.");
	h_form_add(&f, "beslutsfattare", "Fritidsnämnden");
	h_form_add(&f, "datum", "2026-03-12");
	h_form_add(&f, "referens", "FRN 2026-03-12 § 14");
	h_form_add(&f, "beviljat", amount);
	if (override_why) {
		h_form_add(&f, "overskrid", "1");
		h_form_add(&f, "overskrid_skal", override_why);
	}
	h_post(officer, path, f.p, &r);
	hstr_free(&f);
	long st = r.status;
	if (page)
		*page = r;
	else
		hresp_free(&r);
	return st;
}

static long
awards(void)
{
	return h_sql_number("SELECT count(*) FROM grant_awards");
}

static const char *
status_of(const char *dnr, char out[32])
{
	char sql[160];
	snprintf(sql, sizeof(sql), "SELECT status FROM cases WHERE diarienummer = '%s'", dnr);
	return h_sql_line(sql, out, 32);
}

/* The officer scores the criteria with notes and proposes an amount; a
 * score out of range is refused beside it with what was typed kept; an
 * officer of another department and the applicant get 404. */
static void
assessment(void)
{
	char dnr[32], path[128], err[256], sql[256];
	struct hresp r;
	long id = programme("bedomning", 100000);
	ready("bedomning", 0, "30 000", dnr);
	snprintf(path, sizeof(path), "/arenden/%s", dnr);
	h_get(officer, path, &r);
	h_check(r.status == 200 && hresp_has(&r, "id=\"bedomning-rubrik\"") &&
	                hresp_has(&r, "Barn och unga: poäng") &&
	                hresp_has(&r, "<dd><strong>100 000 kr</strong></dd>") &&
	                hresp_has(&r, "value=\"30000\""),
	        "the case page shows the officer the budget left, the criteria and the amount "
	        "asked prefilled as granted");
	hresp_free(&r);
	h_get(rep, path, &r);
	h_check(r.status == 200 && !hresp_has(&r, "bedomning-rubrik"),
	        "the applicant sees the case but not the assessment");
	hresp_free(&r);

	long k1 = h_sql_number(
	             "SELECT min(id) FROM grant_criteria WHERE label_sv = 'Barn och unga' "
	             "AND programme_id = (SELECT id FROM grant_programmes WHERE slug = "
	             "'bedomning')"),
	     k2 = k1 + 1;
	char s1[32], n1[32], s2[32], n2[32];
	snprintf(s1, sizeof(s1), "poang-%ld", k1);
	snprintf(n1, sizeof(n1), "anteckning-%ld", k1);
	snprintf(s2, sizeof(s2), "poang-%ld", k2);
	snprintf(n2, sizeof(n2), "anteckning-%ld", k2);
	const char *bad[] = {s1,        "9",  n1,  "Tydlig målgrupp", s2, "2", n2, "",
	                     "forslag", "-5", NULL};
	snprintf(path, sizeof(path), "/arenden/%s/bedomning", dnr);
	struct hstr f = {0};
	h_form_add(&f, "csrf", h_csrf(officer));
	for (int i = 0; bad[i]; i += 2)
		h_form_add(&f, bad[i], bad[i + 1]);
	h_post(officer, path, f.p, &r);
	hstr_free(&f);
	snprintf(sql, sizeof(sql),
	         "SELECT count(*) FROM grant_scores WHERE case_id = (SELECT id FROM cases WHERE "
	         "diarienummer = '%s')",
	         dnr);
	h_check(r.status == 422 && h_field_error(&r, s1, err, sizeof(err)) &&
	                h_field_error(&r, "forslag", err, sizeof(err)) &&
	                hresp_has(&r, ">Tydlig målgrupp</textarea>") && h_sql_number(sql) == 0,
	        "a score of 9 of 5 and a negative proposal are refused beside them, the note "
	        "kept, nothing stored");
	hresp_free(&r);
	const char *good[] = {s1, "4", n1,        "Tydlig målgrupp", s2,  "2",
	                      n2, "",  "forslag", "25 000",          NULL};
	h_check(h_case_action(officer, dnr, "bedomning", good) == 303 && h_sql_number(sql) == 2,
	        "a good assessment is kept");
	snprintf(sql, sizeof(sql),
	         "SELECT proposed FROM grant_applications WHERE case_id = (SELECT id FROM cases "
	         "WHERE diarienummer = '%s')",
	         dnr);
	h_check(h_sql_number(sql) == 2500000, "the proposal is kept as 2500000 öre");
	snprintf(path, sizeof(path), "/arenden/%s", dnr);
	h_get(officer, path, &r);
	h_check(hresp_has(&r, "<strong>6</strong> av 8") && hresp_has(&r, "value=\"25000\"") &&
	                hresp_has(&r, "bedömning sparad"),
	        "the page shows the score 6 of 8, the proposal as the amount to grant, and the "
	        "trail entry");
	hresp_free(&r);

	struct hclient *other = h_client();
	h_user_add("kultur.handlaggare@demo.samverka.se", "Karin Kultur", "officer", "KUL",
	           "kultur-handlaggare-2026");
	h_login_as(other, "kultur.handlaggare@demo.samverka.se", "kultur-handlaggare-2026");
	h_check(h_get_status(other, path) == 404 &&
	                h_case_action(other, dnr, "bedomning", good) == 404 &&
	                h_decide(other, dnr, "bifall") == 404 && awards() == 0,
	        "an officer of another department gets 404 for the case, its assessment and its "
	        "decision, and makes no award");
	snprintf(path, sizeof(path), "/handlaggning/bidrag/%ld/ansokningar", id);
	h_check(h_get_status(other, path) == 404, "and for the programme's applications");
	h_client_free(other);
	h_check(h_case_action(rep, dnr, "bedomning", good) != 303,
	        "the applicant cannot assess their own application");
}

/* The decision's amount against what was asked and the budget left: each
 * refusal beside its field, nothing written; the override needs its
 * reason and is in the trail; a refusal makes no award. */
static void
decisions(void)
{
	char a[32], b[32], c[32], st[32], err[512];
	struct hresp r;
	programme("budget", 50000);
	ready("budget", 1, "30 000", a);
	ready("budget", 2, "30 000", b);
	ready("budget", 3, "10 000", c);
	long before = awards();
	h_check(decide(a, "bifall", "40 000", NULL, &r) == 422 &&
	                h_field_error(&r, "beviljat", err, sizeof(err)) &&
	                strstr(err, "mer än det sökta, 30 000 kr") && awards() == before &&
	                strcmp(status_of(a, st), "handlaggning") == 0,
	        "more than asked is refused beside the amount, nothing written (%s)", err);
	hresp_free(&r);
	h_check(decide(a, "bifall", "-5", NULL, &r) == 422 &&
	                h_field_error(&r, "beviljat", err, sizeof(err)) && awards() == before,
	        "a negative amount is refused beside it");
	hresp_free(&r);
	h_check(decide(a, "bifall", "20 000", NULL, &r) == 422 &&
	                h_field_error(&r, "beviljat", err, sizeof(err)) &&
	                strstr(err, "delvis bifall") && hresp_has(&r, "value=\"20 000\""),
	        "less than asked as granted in full is refused, pointing to partly granted, the "
	        "amount kept");
	hresp_free(&r);
	h_check(decide(a, "bifall", "", NULL, NULL) == 303 && awards() == before + 1 &&
	                h_sql_number(
	                        "SELECT amount FROM grant_awards WHERE programme_id = (SELECT id "
	                        "FROM grant_programmes WHERE slug = 'budget')") == 3000000 &&
	                strcmp(status_of(a, st), "beslutad") == 0,
	        "granted in full with the amount left empty awards what was asked");
	char path[96];
	snprintf(path, sizeof(path), "/arenden/%s", a);
	h_get(rep, path, &r);
	h_check(hresp_has(&r, "id=\"beviljat-rubrik\"") && hresp_has(&r, "30 000 kr"),
	        "the applicant sees the amount granted");
	hresp_free(&r);

	h_check(decide(b, "bifall", "30 000", NULL, &r) == 422 &&
	                h_field_error(&r, "beviljat", err, sizeof(err)) &&
	                strstr(err, "Det återstår 20 000 kr") && awards() == before + 1 &&
	                strcmp(status_of(b, st), "handlaggning") == 0,
	        "30 000 kr against 20 000 kr left is refused beside the amount (%s)", err);
	hresp_free(&r);
	h_check(decide(b, "bifall", "30 000", "", &r) == 422 &&
	                h_field_error(&r, "overskrid_skal", err, sizeof(err)) &&
	                awards() == before + 1,
	        "the override without a reason is refused beside the reason");
	hresp_free(&r);
	h_check(decide(b, "delvis", "20 000", NULL, NULL) == 303 && awards() == before + 2,
	        "partly granted within what is left is awarded");
	h_check(decide(c, "bifall", "10 000", "Extra medel från nämndens reserv.", NULL) == 303 &&
	                awards() == before + 3 &&
	                h_sql_number("SELECT count(*) FROM grant_awards WHERE override_reason = "
	                             "'Extra medel från nämndens reserv.'") == 1,
	        "past the budget with an override and its reason is awarded, the reason kept");
	snprintf(path, sizeof(path), "/arenden/%s", c);
	h_get(officer, path, &r);
	h_check(hresp_has(&r, "budgeten överskreds") &&
	                hresp_has(&r, "Extra medel från nämndens reserv."),
	        "the override and its reason are in the trail");
	hresp_free(&r);
	char d[32];
	ready("budget", 4, "5 000", d);
	h_check(decide(d, "avslag", "", NULL, NULL) == 303 && awards() == before + 3,
	        "a refusal makes no award");
}

/* The committee's list: budget, applications with asked and proposed
 * amounts; deciding the ticked ones together with one reference, or none
 * of them when one would take the budget past its end. */
static void
committee(void)
{
	char dnr[3][32], path[128], sql[256];
	struct hresp r;
	long id = programme("namnd", 60000);
	for (int i = 0; i < 3; i++)
		ready("namnd", 5 + i, "25 000", dnr[i]);
	snprintf(path, sizeof(path), "/handlaggning/bidrag/%ld", id);
	h_get(officer, path, &r);
	char link[128];
	snprintf(link, sizeof(link), "href=\"/handlaggning/bidrag/%ld/ansokningar\"", id);
	h_check(r.status == 200 && hresp_has(&r, link),
	        "the programme's page for officers links to its applications");
	hresp_free(&r);
	snprintf(path, sizeof(path), "/handlaggning/bidrag/%ld/ansokningar", id);
	h_get(officer, path, &r);
	h_check(r.status == 200 && hresp_has(&r, dnr[0]) && hresp_has(&r, dnr[2]) &&
	                hresp_has(&r, "<strong>60 000 kr</strong>") && hresp_has(&r, "75 000 kr"),
	        "the list shows the applications, what is left and what is asked in open cases");
	hresp_free(&r);
	long ids[3];
	for (int i = 0; i < 3; i++) {
		snprintf(sql, sizeof(sql), "SELECT id FROM cases WHERE diarienummer = '%s'",
		         dnr[i]);
		ids[i] = h_sql_number(sql);
	}
	char med[3][32], bel[3][32];
	for (int i = 0; i < 3; i++) {
		snprintf(med[i], sizeof(med[i]), "med-%ld", ids[i]);
		snprintf(bel[i], sizeof(bel[i]), "belopp-%ld", ids[i]);
	}
	struct hstr f = {0};
	h_form_add(&f, "csrf", h_csrf(officer));
	for (int i = 0; i < 3; i++) {
		h_form_add(&f, med[i], "1");
		h_form_add(&f, bel[i], "25 000");
	}
	h_form_add(&f, "motivering", "Enligt förvaltningens förslag.");
	h_form_add(&f, "beslutsfattare", "Fritidsnämnden");
	h_form_add(&f, "datum", "2026-04-09");
	h_form_add(&f, "referens", "FRN 2026-04-09 § 7");
	long before = awards();
	h_post(officer, path, f.p, &r);
	hstr_free(&f);
	char err[512];
	h_check(r.status == 422 && h_field_error(&r, bel[2], err, sizeof(err)) &&
	                strstr(err, "10 000 kr") && awards() == before &&
	                h_sql_number("SELECT count(*) FROM case_decisions WHERE reference = "
	                             "'FRN 2026-04-09 § 7'") == 0,
	        "three of 25 000 kr against 60 000 kr: refused beside the third, none decided "
	        "(%s)",
	        err);
	hresp_free(&r);

	f = (struct hstr){0};
	h_form_add(&f, "csrf", h_csrf(officer));
	h_form_add(&f, med[0], "1");
	h_form_add(&f, bel[0], "25 000");
	h_form_add(&f, med[1], "1");
	h_form_add(&f, bel[1], "20 000");
	h_form_add(&f, med[2], "1");
	h_form_add(&f, bel[2], "0");
	h_form_add(&f, "motivering", "Enligt förvaltningens förslag.");
	h_form_add(&f, "beslutsfattare", "Fritidsnämnden");
	h_form_add(&f, "datum", "2026-04-09");
	h_form_add(&f, "referens", "FRN 2026-04-09 § 7");
	h_post(officer, path, f.p, &r);
	hstr_free(&f);
	h_check(r.status == 303 && awards() == before + 2 &&
	                h_sql_number("SELECT count(*) FROM case_decisions WHERE reference = "
	                             "'FRN 2026-04-09 § 7'") == 3 &&
	                h_sql_number("SELECT count(*) FROM case_decisions WHERE reference = "
	                             "'FRN 2026-04-09 § 7' AND outcome = 'delvis'") == 1 &&
	                h_sql_number("SELECT count(*) FROM case_decisions WHERE reference = "
	                             "'FRN 2026-04-09 § 7' AND outcome = 'avslag'") == 1,
	        "25 000, 20 000 and 0 kr decided together: granted, partly granted, refused, one "
	        "reference");
	hresp_free(&r);
	h_get(officer, path, &r);
	h_check(hresp_has(&r, "<strong>15 000 kr</strong>"), "15 000 kr is left");
	hresp_free(&r);
}

struct job {
	CURL *e;
	struct curl_slist *headers;
	char body[1024];
	long status;
};

static size_t
drop(char *d, size_t size, size_t n, void *arg)
{
	(void)d;
	(void)arg;
	return size * n;
}

/* A hundred decisions of 25 000 kr each sent at once against a budget of
 * 1 000 000 kr: exactly forty are granted, the rest refused, and the
 * awards never exceed the budget. */
static void
hundred_at_once(void)
{
	enum { N = 100 };
	char dnr[N][32], sid[128], csrf[128], cookie[320];
	programme("hundra", 1000000);
	for (int i = 0; i < N; i++)
		ready("hundra", 10 + i, "25 000", dnr[i]);
	h_cookie(officer, "sid", sid, sizeof(sid));
	h_cookie(officer, "csrf", csrf, sizeof(csrf));
	snprintf(cookie, sizeof(cookie), "Cookie: sid=%s; csrf=%s", sid, csrf);
	static struct job jobs[N];
	CURLM *m = curl_multi_init();
	curl_multi_setopt(m, CURLMOPT_MAX_TOTAL_CONNECTIONS, (long)N);
	for (int i = 0; i < N; i++) {
		struct job *j = &jobs[i];
		char url[256];
		snprintf(url, sizeof(url), "%.64s/arenden/%.31s/beslut", H.base, dnr[i]);
		snprintf(j->body, sizeof(j->body),
		         "csrf=%s&utfall=bifall&motivering=Villkoren%%20uppfyllda&beslutsfattare="
		         "Hamid&datum=2026-05-01&referens=Delegation%%205.2&beviljat=25000",
		         h_csrf(officer));
		j->e = curl_easy_init();
		j->headers = curl_slist_append(NULL, cookie);
		j->headers = curl_slist_append(j->headers, "Expect:");
		curl_easy_setopt(j->e, CURLOPT_URL, url);
		curl_easy_setopt(j->e, CURLOPT_HTTPHEADER, j->headers);
		curl_easy_setopt(j->e, CURLOPT_POSTFIELDS, j->body);
		curl_easy_setopt(j->e, CURLOPT_WRITEFUNCTION, drop);
		curl_easy_setopt(j->e, CURLOPT_TIMEOUT, 120L);
		curl_easy_setopt(j->e, CURLOPT_FORBID_REUSE, 1L);
		curl_multi_add_handle(m, j->e);
	}
	int running = 1;
	while (running) {
		curl_multi_perform(m, &running);
		if (running)
			curl_multi_poll(m, NULL, 0, 1000, NULL);
	}
	int granted = 0, refused = 0, other = 0;
	for (int i = 0; i < N; i++) {
		curl_easy_getinfo(jobs[i].e, CURLINFO_RESPONSE_CODE, &jobs[i].status);
		granted += jobs[i].status == 303;
		refused += jobs[i].status == 422;
		other += jobs[i].status != 303 && jobs[i].status != 422;
		curl_multi_remove_handle(m, jobs[i].e);
		curl_easy_cleanup(jobs[i].e);
		curl_slist_free_all(jobs[i].headers);
	}
	curl_multi_cleanup(m);
	long sum = h_sql_number(
	             "SELECT sum(amount) FROM grant_awards WHERE programme_id = (SELECT id "
	             "FROM grant_programmes WHERE slug = 'hundra')"),
	     n = h_sql_number("SELECT count(*) FROM grant_awards WHERE programme_id = (SELECT id "
	                      "FROM grant_programmes WHERE slug = 'hundra')");
	h_check(granted == 40 && refused == 60 && other == 0,
	        "a hundred decisions at once: 40 granted, 60 refused (%d, %d, %d other)", granted,
	        refused, other);
	h_check(sum == 100000000 && n == 40,
	        "the awards add up to the budget exactly, 1 000 000 kr in 40 (%ld öre in %ld)", sum,
	        n);
}

int
main(void)
{
	h_start();
	officer = h_client();
	rep = h_client();
	h_check(h_login(officer, "officer") == 303 && h_login(rep, "representative") == 303,
	        "the officer and the representative sign in");
	/* the representative represents many active associations (none an
	 * informal network, which the test programmes do not take) */
	struct hstr out = {0};
	h_sql("SELECT id FROM associations WHERE active = 1 AND form <> 'informell' ORDER BY id "
	      "LIMIT 120",
	      &out);
	for (char *s = out.p, *e; s && *s && nassocs < 120; s = e + 1) {
		e = strchr(s, '\n');
		if (!e)
			break;
		snprintf(assoc_ids[nassocs++], sizeof(assoc_ids[0]), "%.*s", (int)(e - s), s);
	}
	hstr_free(&out);
	h_sql("INSERT INTO user_roles (user_id, role, association_id) SELECT u.id, "
	      "'representative', a.id FROM users u, associations a WHERE u.email = "
	      "'forening@demo.samverka.se' AND a.active = 1 AND NOT EXISTS (SELECT 1 FROM "
	      "user_roles x WHERE x.user_id = u.id AND x.association_id = a.id AND x.role = "
	      "'representative')",
	      NULL);
	h_check(nassocs == 120, "120 active associations to apply for (%d)", nassocs);
	assessment();
	decisions();
	committee();
	hundred_at_once();
	h_client_free(officer);
	h_client_free(rep);
	return h_finish();
}
