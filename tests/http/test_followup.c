/* Follow-up reports (issue 10, point 7): a decided grant of a programme
 * with a follow-up day owes a report; the representative is reminded by
 * mail once before the day and once after it (by the server's sweep and
 * by the command, never twice), sends the report as a case
 * of its own, the officer asks for more and then approves it; overdue
 * reports are listed for the department and flagged beside the
 * association's new applications; only the association's own
 * representatives and the department's own officers get to see them. */
#include "harness.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <signal.h>
#include <time.h>
#include <unistd.h>

static struct hclient *officer, *rep, *other_rep, *kul;
static char assoc[32], award[32], late_award[32], rep_email[128];

/* A number a query answers, -1 when it answers none. */
static long
sql_number(const char *q)
{
	char v[32];
	return h_sql_line(q, v, sizeof(v)) && v[0] ? strtol(v, NULL, 10) : -1;
}

/* A day counted from today in Stockholm, as the server reckons dates. */
static const char *
day(int offset, char out[11])
{
	time_t t = time(NULL) + (time_t)offset * 86400;
	struct tm tm;
	localtime_r(&t, &tm);
	strftime(out, 11, "%Y-%m-%d", &tm);
	return out;
}

/* A programme of the leisure department whose report is due `due` days
 * from today, a decided application of the association to it (a plain
 * case row with planned costs) and its award of `amount` öre; the
 * award's id into id. */
static void
decided_grant(const char *slug, const char *name, int due, int serial, long amount, char id[32])
{
	char sql[2048], d[11];
	snprintf(sql, sizeof(sql),
	         "INSERT INTO grant_programmes (department_id, slug, name, kind, opens, closes, "
	         "budget, followup_due, created, updated) SELECT id, '%s', '%s', "
	         "'verksamhetsbidrag', '2026-01-01', '2026-02-01', 100000000, '%s', 0, 0 FROM "
	         "departments WHERE code = 'FRI'",
	         slug, name, day(due, d));
	h_sql(sql, NULL);
	snprintf(sql, sizeof(sql),
	         "INSERT INTO cases (diarienummer, department_id, year, serial, type, status, "
	         "title, "
	         "association_id, payload, created, updated, title_private) SELECT "
	         "'FRI-2020-%04d', id, 2020, %d, 'bidragsansokan', 'beslutad', 'Bidragsansökan, "
	         "%s', %s, '{\"kostnader\":[{\"vad\":\"Hallhyra enligt plan\",\"ore\":3000000}]}', "
	         "0, 0, 0 FROM departments WHERE code = 'FRI'",
	         serial, serial, name, assoc);
	h_sql(sql, NULL);
	snprintf(sql, sizeof(sql),
	         "INSERT INTO grant_awards (case_id, programme_id, department_id, kind, "
	         "association_id, year, amount, decided_on, reference, at) SELECT c.id, g.id, "
	         "g.department_id, 'verksamhetsbidrag', %s, 2026, %ld, '2026-03-12', "
	         "'FRN 2026-03-12 § 14', 0 FROM cases c, grant_programmes g WHERE c.diarienummer = "
	         "'FRI-2020-%04d' AND g.slug = '%s'",
	         assoc, amount, serial, slug);
	h_sql(sql, NULL);
	snprintf(sql, sizeof(sql),
	         "SELECT w.id FROM grant_awards w JOIN grant_programmes g ON g.id = w.programme_id "
	         "WHERE g.slug = '%s'",
	         slug);
	h_sql_line(sql, id, 32);
}

/* Runs the reminder command; its exit status. */
static int
remind(void)
{
	struct hstr out = {0}, err = {0};
	const char *argv[] = {"samverka", "aterrapporter", "--db", H.db_url, NULL};
	int rc = h_run(argv, NULL, &out, &err);
	if (rc != 0)
		h_note("aterrapporter: %s%s", out.p ? out.p : "", err.p ? err.p : "");
	hstr_free(&out);
	hstr_free(&err);
	return rc;
}

static long
mails(const char *subject_like)
{
	char q[512];
	snprintf(q, sizeof(q),
	         "SELECT count(*) FROM outbox WHERE to_addr = '%s' AND subject LIKE '%s'",
	         rep_email, subject_like);
	return sql_number(q);
}

/* Checks that a field of the answer carries the expected error. */
static void
field_says(const struct hresp *r, const char *field, const char *words)
{
	char err[512];
	const char *e = h_field_error(r, field, err, sizeof(err));
	h_check(e && strstr(e, words) && h_field_invalid(r, field) && h_summary_links(r, field),
	        "%s: the error '%s' beside the field, linked from the summary (got '%s')", field,
	        words, e ? e : "none");
}

/* The report form as the representative sends it (urlencoded; the file
 * is optional); the response into r. */
static void
send_report(struct hclient *c, const char *id, const char *done, const char *cost,
            const char *cost_amount, struct hresp *r)
{
	char path[96];
	struct hstr f = {0};
	snprintf(path, sizeof(path), "/mina-sidor/aterrapporter/%s", id);
	h_form_add(&f, "csrf", h_csrf(c));
	h_form_add(&f, "genomfort", done);
	h_form_add(&f, "kostnad-1", cost);
	h_form_add(&f, "kostnad-1-belopp", cost_amount);
	h_form_add(&f, "kostnad-2", "Material");
	h_form_add(&f, "kostnad-2-belopp", "2 000");
	h_form_add(&f, "intakt-1", "Deltagaravgifter");
	h_form_add(&f, "intakt-1-belopp", "500");
	h_post(c, path, f.p, r);
	hstr_free(&f);
}

/* The report is due in five days: Mina sidor links to it, the reminder
 * is queued once however often the sweep runs, and nobody else's
 * representative may open it. */
static void
due_and_reminded(void)
{
	struct hresp r;
	char path[96], link[128];
	decided_grant("uppfoljning-snart", "Verksamhetsbidrag med återrapport", 5, 9001, 2500000,
	              award);
	h_check(award[0] != 0, "an award of 25 000 kr owes a report due in five days (%s)", award);
	snprintf(link, sizeof(link), "href=\"/mina-sidor/aterrapporter/%s\"", award);
	h_get(rep, "/mina-sidor", &r);
	h_check(r.status == 200 && hresp_has(&r, link) &&
	                hresp_has(&r, "Verksamhetsbidrag med återrapport 2026"),
	        "Mina sidor lists the report due with a link to send it");
	hresp_free(&r);

	/* the server sweeps as it starts (and every hour) */
	h_check(h_restart(SIGTERM), "the server starts again");
	for (int i = 0; i < 50 && mails("Påminnelse: återrapport%") < 1; i++)
		usleep(100000);
	h_check(mails("Påminnelse: återrapport%") == 1,
	        "the server's sweep queues one reminder mail to the representative (%ld)",
	        mails("Påminnelse: återrapport%"));
	h_check(remind() == 0 && mails("Påminnelse: återrapport%") == 1,
	        "the command run after it sends no second one (%ld)",
	        mails("Påminnelse: återrapport%"));
	char q[512], due[11];
	snprintf(q, sizeof(q),
	         "SELECT count(*) FROM outbox WHERE to_addr = '%s' AND subject LIKE 'Påminnelse%%' "
	         "AND body LIKE '%%ska lämnas senast %s%%' AND body LIKE "
	         "'%%/mina-sidor/aterrapporter/%s%%'",
	         rep_email, day(5, due), award);
	h_check(sql_number(q) == 1, "the mail says when the report is due and links to its form");
	h_check(remind() == 0 && remind() == 0 && mails("Påminnelse: återrapport%") == 1,
	        "run twice more, the sweep sends it no more (%ld)",
	        mails("Påminnelse: återrapport%"));
	snprintf(q, sizeof(q),
	         "SELECT count(*) FROM grant_followup_reminders WHERE award_id = %s AND kind = "
	         "'snart'",
	         award);
	h_check(sql_number(q) == 1, "the reminder is recorded once");

	snprintf(path, sizeof(path), "/mina-sidor/aterrapporter/%s", award);
	h_check(h_get_status(other_rep, path) == 404,
	        "another association's representative gets 404 on the report");
	h_get(rep, path, &r);
	h_check(r.status == 200 && hresp_has(&r, "25 000 kr") &&
	                hresp_has(&r, "Hallhyra enligt plan") && hresp_has(&r, "id=\"genomfort\""),
	        "the representative's form shows the grant and the costs applied for");
	hresp_free(&r);
	h_check(h_get_status(rep, "/mina-sidor/aterrapporter/999999") == 404,
	        "an award that does not exist is 404");
}

/* Bad input is refused beside its field with what was typed kept and
 * nothing written; a good report becomes a case; a second one is
 * refused. */
static void
sending(char dnr[64])
{
	struct hresp r;
	char loc[256];
	send_report(rep, award, "", "Hallhyra", "", &r);
	h_check(r.status == 422, "a report without what was done is answered 422 (got %ld)",
	        r.status);
	field_says(&r, "genomfort", "Skriv vad ni gjorde");
	field_says(&r, "kostnad-1-belopp", "Skriv beloppet");
	h_check(hresp_has(&r, "value=\"Hallhyra\"") && hresp_has(&r, "value=\"Material\""),
	        "what was typed is kept");
	h_check(sql_number("SELECT count(*) FROM cases WHERE type = 'aterrapport'") == 0,
	        "nothing was written");
	hresp_free(&r);

	send_report(rep, award, "Träningar varje vecka för 40 barn.", "Hallhyra", "20 000", &r);
	loc[0] = 0;
	hresp_header(&r, "Location", loc, sizeof(loc));
	h_check(r.status == 303 && strncmp(loc, "/arenden/FRI-", 13) == 0,
	        "a good report becomes a case of the leisure department (%s)", loc);
	hresp_free(&r);
	snprintf(dnr, 64, "%.*s", (int)strcspn(loc + 9, "?"), loc + 9);
	char q[256];
	snprintf(q, sizeof(q),
	         "SELECT count(*) FROM grant_followups f JOIN cases c ON c.id = f.case_id WHERE "
	         "f.award_id = %s AND c.type = 'aterrapport' AND c.diarienummer = '%s'",
	         award, dnr);
	h_check(sql_number(q) == 1, "the report's case is tied to its award");

	char path[96];
	snprintf(path, sizeof(path), "/mina-sidor/aterrapporter/%s", award);
	h_check(h_get_status(rep, path) == 409, "the form of a report sent says so (409)");
	send_report(rep, award, "Igen.", "Hallhyra", "1 000", &r);
	h_check(r.status == 409 &&
	                sql_number("SELECT count(*) FROM cases WHERE type = 'aterrapport'") == 1,
	        "a second report is refused, nothing written (got %ld)", r.status);
	hresp_free(&r);
	h_check(remind() == 0 && mails("%försenad%") == 0,
	        "no overdue reminder for a report that was sent");
}

/* The officer sees the money against the grant, asks for more, the
 * representative answers, the officer approves; another department's
 * officer and another association's representative get 404. */
static void
handling(const char *dnr)
{
	struct hresp r;
	char path[96];
	snprintf(path, sizeof(path), "/arenden/%s", dnr);
	h_get(officer, path, &r);
	/* 20 000 + 2 000 costs less 500 other income: 21 500 used, 3 500 left
	 * (Swedish leaves a four-digit amount unbroken) */
	h_check(r.status == 200 && hresp_has(&r, "Träningar varje vecka för 40 barn.") &&
	                hresp_has(&r, "21 500 kr") && hresp_has(&r, "3500 kr") &&
	                hresp_has(&r, "Hallhyra enligt plan"),
	        "the officer sees the report: costs against the grant, 21 500 kr used, 3500 kr "
	        "not used");
	hresp_free(&r);
	h_check(h_get_status(kul, path) == 404 && h_get_status(other_rep, path) == 404,
	        "the culture officer and another association's representative get 404");

	const char *start[] = {"till", "handlaggning", NULL};
	const char *ask[] = {"meddelande", "Bifoga kvittona för hallhyran.", NULL};
	h_check(h_case_action(officer, dnr, "status", start) == 303 &&
	                h_case_action(officer, dnr, "komplettering", ask) == 303,
	        "the officer asks for more");
	char q[256], st[32];
	snprintf(q, sizeof(q), "SELECT status FROM cases WHERE diarienummer = '%s'", dnr);
	h_check(h_sql_line(q, st, sizeof(st)) && strcmp(st, "komplettering") == 0,
	        "the report awaits completion");
	const char *answer[] = {"meddelande", "Kvittona finns hos kassören, här är summorna.",
	                        NULL};
	h_check(h_case_action(rep, dnr, "komplettera", answer) == 303 &&
	                h_sql_line(q, st, sizeof(st)) && strcmp(st, "inkommen") == 0,
	        "the representative sends it again (%s)", st);
	h_check(h_case_action(kul, dnr, "beslut", NULL) == 404,
	        "the culture officer cannot decide it (404)");
	h_check(h_decide(officer, dnr, "bifall") == 303 && h_sql_line(q, st, sizeof(st)) &&
	                strcmp(st, "beslutad") == 0,
	        "the officer approves the report");
	snprintf(q, sizeof(q),
	         "SELECT d.outcome FROM case_decisions d JOIN cases c ON c.id = d.case_id WHERE "
	         "c.diarienummer = '%s'",
	         dnr);
	h_check(h_sql_line(q, st, sizeof(st)) && strcmp(st, "bifall") == 0,
	        "the approval is the case's decision");
	char link[128];
	snprintf(link, sizeof(link), "/mina-sidor/aterrapporter/%s", award);
	h_get(rep, "/mina-sidor", &r);
	const char *reports = r.body.p ? strstr(r.body.p, "id=\"aterrapporter\"") : NULL;
	h_check(r.status == 200 && !hresp_has(&r, link) &&
	                (!reports || !strstr(reports, "Verksamhetsbidrag med återrapport 2026")),
	        "Mina sidor no longer lists the approved report among the reports due");
	hresp_free(&r);
}

/* A report whose day has passed: one overdue reminder, listed for the
 * leisure officers and not the culture officers, and flagged beside the
 * association's new application. */
static void
overdue(void)
{
	struct hresp r;
	decided_grant("uppfoljning-sen", "Projektbidrag som ska redovisas", -3, 9002, 1000000,
	              late_award);
	h_check(remind() == 0 && mails("%är försenad") == 1 && remind() == 0 &&
	                mails("%är försenad") == 1,
	        "one overdue reminder, however often the sweep runs (%ld)", mails("%är försenad"));
	h_check(mails("Påminnelse: återrapport%") == 1, "no second reminder of the first report");

	h_get(officer, "/handlaggning/bidrag/aterrapporter", &r);
	char *table = r.body.p ? strstr(r.body.p, "id=\"forsenade\"") : NULL;
	h_check(r.status == 200 && table && strstr(table, "Projektbidrag som ska redovisas 2026") &&
	                !strstr(table, "Verksamhetsbidrag med återrapport") &&
	                strstr(table, "10 000 kr"),
	        "the leisure officer's list has the overdue report and not the approved one");
	h_check(table && !strstr(table, "Flaggad"), "no new application yet, nothing flagged");
	hresp_free(&r);
	h_get(kul, "/handlaggning/bidrag/aterrapporter", &r);
	h_check(r.status == 200 && hresp_has(&r, "Inga återrapporter är försenade") &&
	                !hresp_has(&r, "Projektbidrag som ska redovisas"),
	        "the culture officer's list has none of the leisure department's");
	hresp_free(&r);
	h_check(h_get_status(rep, "/handlaggning/bidrag/aterrapporter") == 403,
	        "a representative may not open the officers' list (403)");

	h_get(rep, "/mina-sidor", &r);
	h_check(r.status == 200 && hresp_has(&r, "Projektbidrag som ska redovisas 2026") &&
	                hresp_has(&r, "försenad</strong>"),
	        "Mina sidor marks the report overdue");
	hresp_free(&r);

	/* a new application of the association, still open */
	h_sql("INSERT INTO cases (diarienummer, department_id, year, serial, type, status, title, "
	      "association_id, payload, created, updated, title_private) SELECT 'FRI-2020-9003', "
	      "d.id, 2020, 9003, 'bidragsansokan', 'inkommen', 'Bidragsansökan, ny', a.id, "
	      "'{}', 0, 0, 0 FROM departments d, associations a WHERE d.code = 'FRI' AND a.id = "
	      "(SELECT association_id FROM grant_awards LIMIT 1)",
	      NULL);
	h_get(officer, "/handlaggning/bidrag/aterrapporter", &r);
	table = r.body.p ? strstr(r.body.p, "id=\"forsenade\"") : NULL;
	h_check(table && strstr(table, "Flaggad") &&
	                strstr(table, "href=\"/arenden/FRI-2020-9003\""),
	        "the association's new application is flagged beside the overdue report");
	hresp_free(&r);
	h_get(officer, "/arenden/FRI-2020-9003", &r);
	char *notice = r.body.p ? strstr(r.body.p, "id=\"forsenad-aterrapport\"") : NULL;
	h_check(r.status == 200 && notice &&
	                strstr(notice, "Föreningen har en försenad återrapport.") &&
	                strstr(notice, "Projektbidrag som ska redovisas 2026"),
	        "the officer's page of the new application flags the overdue report");
	hresp_free(&r);
	h_get(officer, "/arenden/FRI-2020-9001", &r);
	h_check(r.status == 200 && !hresp_has(&r, "id=\"forsenad-aterrapport\""),
	        "a decided application carries no flag");
	hresp_free(&r);

	/* sent, the report is no longer overdue */
	send_report(rep, late_award, "Projektet blev av.", "Hallhyra", "8 500", &r);
	h_check(r.status == 303, "the late report is sent (got %ld)", r.status);
	hresp_free(&r);
	h_get(officer, "/handlaggning/bidrag/aterrapporter", &r);
	h_check(r.status == 200 && hresp_has(&r, "Inga återrapporter är försenade"),
	        "once sent it is no longer listed as overdue");
	hresp_free(&r);
	h_get(officer, "/arenden/FRI-2020-9003", &r);
	h_check(r.status == 200 && !hresp_has(&r, "id=\"forsenad-aterrapport\""),
	        "nor flagged on the new application");
	hresp_free(&r);
}

int
main(void)
{
	setenv("TZ", "Europe/Stockholm", 1);
	tzset();
	h_start();
	officer = h_client();
	rep = h_client();
	other_rep = h_client();
	kul = h_client();
	snprintf(rep_email, sizeof(rep_email), "%s", h_user("representative")->email);
	h_sql_line("SELECT association_id FROM user_roles WHERE role = 'representative' AND "
	           "user_id = (SELECT id FROM users WHERE email = 'forening@demo.samverka.se') "
	           "ORDER BY association_id LIMIT 1",
	           assoc, sizeof(assoc));
	h_check(h_user_add("annan@example.se", "Anna Annanförening", "representative", NULL,
	                   "annan-forening-2026") == 0 &&
	                h_user_add("kultur@example.se", "Kim Kultur", "officer", "KUL",
	                           "kultur-losenord-2026") == 0,
	        "another association's representative and a culture officer are added");
	char sql[512];
	snprintf(sql, sizeof(sql),
	         "INSERT INTO user_roles (user_id, role, association_id) SELECT u.id, "
	         "'representative', (SELECT min(id) FROM associations WHERE id <> %s AND id NOT IN "
	         "(SELECT association_id FROM user_roles WHERE association_id IS NOT NULL)) FROM "
	         "users u WHERE u.email = 'annan@example.se'",
	         assoc);
	h_sql(sql, NULL);
	h_check(h_login(officer, "officer") == 303 && h_login(rep, "representative") == 303 &&
	                h_login_as(other_rep, "annan@example.se", "annan-forening-2026") == 303 &&
	                h_login_as(kul, "kultur@example.se", "kultur-losenord-2026") == 303,
	        "the leisure officer, both representatives and the culture officer sign in");
	due_and_reminded();
	char dnr[64];
	sending(dnr);
	handling(dnr);
	overdue();
	h_client_free(officer);
	h_client_free(rep);
	h_client_free(other_rep);
	h_client_free(kul);
	return h_finish();
}
