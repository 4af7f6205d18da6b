/* Payouts of decided grants (issue 10, point 6, and the reclaim of point
 * 7): the association's account, changed only through a case an officer
 * grants; the payments an officer plans, marks paid and reclaims per
 * award, within the award and only in the award's department; the payment
 * file, read back by Python's csv module and openpyxl, whose sums agree
 * with the database to the öre; and the representative's view of it all
 * on Mina sidor. Awards are made here by SQL, as the decision would make
 * them. */
#include "harness.h"

#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

static struct hclient *officer, *culture, *rep, *other, *corep;
static char assoc[32], assoc_b[32], assoc_name[256], orgnr[32];
static const char *PW = "test-losenord-2026";

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

/* POSTs name, value pairs (NULL-ended) with the client's CSRF token. */
static long
post(struct hclient *c, const char *path, const char *const *kv, struct hresp *r)
{
	struct hstr f = {0};
	h_form_add(&f, "csrf", h_csrf(c));
	for (int i = 0; kv && kv[i]; i += 2)
		h_form_add(&f, kv[i], kv[i + 1]);
	h_post(c, path, f.p, r);
	hstr_free(&f);
	return r->status;
}

/* POSTs and keeps only the status. */
static long
post_status(struct hclient *c, const char *path, const char *const *kv)
{
	struct hresp r;
	long st = post(c, path, kv, &r);
	hresp_free(&r);
	return st;
}

/* A user of the test with a role (an officer of dept, or a representative
 * of association), signed in. */
static struct hclient *
user(const char *email, const char *name, const char *role, const char *dept,
     const char *association)
{
	h_check(h_user_add(email, name, role, dept, PW) == 0, "%s is added as %s", email, role);
	if (association) {
		char q[512];
		snprintf(
		        q, sizeof(q),
		        "UPDATE user_roles SET association_id = %s WHERE user_id = (SELECT id FROM "
		        "users WHERE email = '%s')",
		        association, email);
		h_sql(q, NULL);
	}
	struct hclient *c = h_client();
	h_check(h_login_as(c, email, PW) == 303, "%s signs in", email);
	return c;
}

static long
accounts(void)
{
	return sql_number("SELECT count(*) FROM association_accounts");
}

static long
changes(void)
{
	return sql_number("SELECT count(*) FROM cases WHERE type = 'kontoandring'");
}

/* Sends an account change as c for an association; the status, with the
 * case's diarienummer from the redirect in dnr. */
static long
ask_change(struct hclient *c, const char *association, const char *kind, const char *number,
           struct hresp *r, char dnr[40])
{
	char path[64], loc[256];
	snprintf(path, sizeof(path), "/bidrag/konto/%s", association);
	const char *kv[] = {"kontotyp", kind, "kontonummer", number, NULL};
	long st = post(c, path, kv, r);
	dnr[0] = 0;
	if (st == 303 && hresp_header(r, "Location", loc, sizeof(loc)) &&
	    strncmp(loc, "/arenden/", 9) == 0)
		snprintf(dnr, 40, "%.*s", (int)strcspn(loc + 9, "?"), loc + 9);
	return st;
}

/* The e-service is closed until an administrator names its department;
 * then a wrong check digit is refused beside the number with what was
 * typed; a good number makes a case and changes nothing; a second change
 * waits for the first; the association's other representative is told;
 * another association's representative and another department's officer
 * get 404; only the officer's grant makes it the account, and a refusal
 * leaves the one before. */
static void
account_change(void)
{
	char path[64], dnr[40], dnr2[40], q[512];
	struct hresp r;
	snprintf(path, sizeof(path), "/bidrag/konto/%s", assoc);
	h_check(h_get_status(rep, path) == 503,
	        "before a department is chosen for account changes, the form says it is not open");
	struct hclient *admin = h_client();
	h_check(h_login(admin, "admin") == 303, "the administrator signs in");
	const char *bad[] = {"forvaltning", "FRI", "kontoforvaltning", "XYZ", NULL};
	h_check(post(admin, "/admin/installningar", bad, &r) == 422,
	        "an unknown department for account changes is refused");
	field_says(&r, "kontoforvaltning", "Välj en av förvaltningarna i listan.");
	hresp_free(&r);
	h_check(h_get_status(rep, path) == 503, "and the form stays closed");
	const char *good[] = {"forvaltning", "FRI", "kontoforvaltning", "FRI", NULL};
	h_check(post_status(admin, "/admin/installningar", good) == 303 &&
	                sql_number("SELECT count(*) FROM settings WHERE key = "
	                           "'grant_account_department' AND value = 'FRI'") == 1,
	        "the administrator names the leisure department for account changes");
	h_client_free(admin);

	h_get(rep, path, &r);
	h_check(r.status == 200 && hresp_has(&r, "Inget godkänt konto ännu") &&
	                hresp_has(&r, "id=\"kontonummer\""),
	        "the representative's form says there is no approved account yet");
	hresp_free(&r);
	h_get(other, path, &r);
	h_check(r.status == 404, "another association's representative gets 404 (got %ld)",
	        r.status);
	hresp_free(&r);
	h_check(ask_change(other, assoc, "bankgiro", "5050-1055", &r, dnr) == 404 && changes() == 0,
	        "and 404 on sending a change for it, nothing written");
	hresp_free(&r);

	h_check(ask_change(rep, assoc, "bankgiro", "5050-1056", &r, dnr) == 422,
	        "a bankgiro number with a wrong check digit is answered 422 (got %ld)", r.status);
	field_says(&r, "kontonummer", "Kontrollsiffran stämmer inte");
	h_check(hresp_has(&r, "value=\"5050-1056\"") && changes() == 0 && accounts() == 0,
	        "what was typed is kept and nothing is written");
	hresp_free(&r);
	h_check(ask_change(rep, assoc, "plusgiro", "12 34 56-7", &r, dnr) == 422,
	        "a plusgiro number with a wrong check digit is refused too");
	field_says(&r, "kontonummer", "Kontrollsiffran stämmer inte");
	hresp_free(&r);
	h_check(ask_change(rep, assoc, "", "5050-1055", &r, dnr) == 422 && changes() == 0,
	        "without a kind of account it is refused");
	field_says(&r, "kontotyp", "Välj bankgiro eller plusgiro");
	hresp_free(&r);

	h_check(ask_change(rep, assoc, "bankgiro", "5050 1055", &r, dnr) == 303 && dnr[0] &&
	                changes() == 1,
	        "a good bankgiro number becomes a case (%s)", dnr);
	hresp_free(&r);
	snprintf(q, sizeof(q),
	         "SELECT count(*) FROM cases c JOIN departments d ON d.id = "
	         "c.department_id WHERE c.type = 'kontoandring' AND d.code = 'FRI'");
	h_check(accounts() == 0 && sql_number(q) == 1,
	        "in the leisure department, and the account is not changed by it");
	h_check(sql_number("SELECT count(*) FROM outbox WHERE to_addr = 'medforetradare@test.se' "
	                   "AND subject LIKE 'Ändring av utbetalningskonto%'") == 1,
	        "the association's other representative is told by mail");
	h_check(ask_change(rep, assoc, "bankgiro", "9912-3465", &r, dnr2) == 422 &&
	                hresp_has(&r, "väntar redan på beslut") && changes() == 1,
	        "a second change while the first waits is refused, nothing written");
	hresp_free(&r);

	char case_path[64];
	snprintf(case_path, sizeof(case_path), "/arenden/%s", dnr);
	h_check(h_get_status(other, case_path) == 404,
	        "another association's representative gets 404 on the case");
	h_check(h_get_status(culture, case_path) == 404,
	        "an officer of another department gets 404 on the case");
	h_get(officer, case_path, &r);
	h_check(r.status == 200 && hresp_has(&r, "<dd id=\"nytt-konto\">Bankgiro 5050-1055</dd>") &&
	                hresp_has(&r, "Kontrollera numret med föreningen"),
	        "the leisure officer sees the number asked for, with the advice to check it");
	hresp_free(&r);
	h_get(rep, path, &r);
	h_check(r.status == 200 && hresp_has(&r, "En ändring väntar på beslut") &&
	                hresp_has(&r, "Inget godkänt konto ännu"),
	        "while it waits, the form shows the pending change and still no account");
	hresp_free(&r);

	h_check(h_decide(officer, dnr, "bifall") == 303, "the officer grants the change");
	snprintf(q, sizeof(q),
	         "SELECT kind || ' ' || number FROM association_accounts WHERE association_id = %s "
	         "AND valid_to IS NULL",
	         assoc);
	char acc[64];
	h_check(h_sql_line(q, acc, sizeof(acc)) && strcmp(acc, "bankgiro 5050-1055") == 0,
	        "only now is it the association's account (%s)", acc);

	h_check(ask_change(rep, assoc, "plusgiro", "12 34 56-6", &r, dnr2) == 303 && dnr2[0],
	        "a change to a plusgiro number is sent (%s)", dnr2);
	hresp_free(&r);
	h_check(h_decide(officer, dnr2, "avslag") == 303 && h_sql_line(q, acc, sizeof(acc)) &&
	                strcmp(acc, "bankgiro 5050-1055") == 0,
	        "refused, the account before stays (%s)", acc);
	h_check(ask_change(rep, assoc, "bankgiro", "991-2347", &r, dnr2) == 422,
	        "a seven-digit bankgiro with a wrong check digit is refused");
	hresp_free(&r);
	h_check(ask_change(rep, assoc, "bankgiro", "9912-3465", &r, dnr2) == 303,
	        "another bankgiro is asked for");
	hresp_free(&r);
	h_check(h_decide(officer, dnr2, "bifall") == 303 && h_sql_line(q, acc, sizeof(acc)) &&
	                strcmp(acc, "bankgiro 9912-3465") == 0,
	        "granted, it is the account (%s)", acc);
	snprintf(q, sizeof(q),
	         "SELECT count(*) FROM association_accounts WHERE association_id = %s AND valid_to "
	         "IS NOT NULL AND number = '5050-1055'",
	         assoc);
	h_check(sql_number(q) == 1 && accounts() == 2,
	        "the account before is kept as history, ended");
}

/* An award as the decision makes it, with a case of its own (serial from
 * 900 on, clear of the demo's), of the department code: its id. */
static long
award(const char *dept, const char *association, long serial, long ore)
{
	char q[1024], y[16];
	time_t now = time(NULL);
	struct tm tm;
	gmtime_r(&now, &tm);
	snprintf(y, sizeof(y), "%d", tm.tm_year + 1900);
	snprintf(q, sizeof(q),
	         "INSERT INTO cases (diarienummer, department_id, year, serial, type, status, "
	         "title, association_id, payload, created, updated) SELECT '%s-%s-%04ld', id, %s, "
	         "%ld, 'bidragsansokan', 'beslutad', 'Bidragsansökan, test', %s, '{}', %lld, %lld "
	         "FROM departments WHERE code = '%s'",
	         dept, y, serial, y, serial, association, (long long)now, (long long)now, dept);
	h_sql(q, NULL);
	snprintf(q, sizeof(q),
	         "INSERT INTO grant_awards (case_id, department_id, kind, association_id, year, "
	         "amount, decided_on, reference, at) SELECT c.id, c.department_id, "
	         "'verksamhetsbidrag', %s, %s, %ld, '%s-03-12', 'FRN %s-03-12 § 14', %lld FROM "
	         "cases "
	         "c WHERE c.diarienummer = '%s-%s-%04ld'",
	         association, y, ore, y, y, (long long)now, dept, y, serial);
	h_sql(q, NULL);
	snprintf(q, sizeof(q),
	         "SELECT w.id FROM grant_awards w JOIN cases c ON c.id = w.case_id WHERE "
	         "c.diarienummer = '%s-%s-%04ld'",
	         dept, y, serial);
	return sql_number(q);
}

static long
payments(void)
{
	return sql_number("SELECT count(*) FROM grant_payments");
}

/* Plans a payment on an award as c; the status. */
static long
plan(struct hclient *c, long award_id, const char *date, const char *amount, struct hresp *r)
{
	char path[96];
	snprintf(path, sizeof(path), "/handlaggning/bidrag/beslut/%ld/planera", award_id);
	const char *kv[] = {"datum", date, "belopp", amount, NULL};
	return post(c, path, kv, r);
}

/* The text of the element with that id on the award's page. */
static const char *
figure(struct hclient *c, long award_id, const char *id, char *out, size_t n)
{
	char path[96], start[64];
	struct hresp r;
	snprintf(path, sizeof(path), "/handlaggning/bidrag/beslut/%ld", award_id);
	snprintf(start, sizeof(start), "id=\"%s\">", id);
	h_get(c, path, &r);
	const char *v = h_between(r.body.p ? r.body.p : "", start, "</dd>", out, n);
	hresp_free(&r);
	return v ? v : "";
}

/* Only the award's department's officers reach its page and forms; a
 * payout is refused beside its field when negative, not a number, or
 * past what is left of the award, with what was typed and nothing
 * written; reclaims are at most what is paid and need a reason. */
static void
payouts(long fri, long kul)
{
	char path[96], d_past[11], d_later[11], today[11], v[128];
	struct hresp r;
	day(-1, d_past);
	day(30, d_later);
	day(0, today);
	h_get(officer, "/handlaggning/bidrag", &r);
	h_check(r.status == 200 && hresp_has(&r, "href=\"/handlaggning/bidrag/beslut\""),
	        "the officer's grant programmes link the decided grants and payouts");
	hresp_free(&r);
	h_get(officer, "/handlaggning/bidrag/beslut", &r);
	snprintf(path, sizeof(path), "/handlaggning/bidrag/beslut/%ld\"", fri);
	char kul_link[96];
	snprintf(kul_link, sizeof(kul_link), "/handlaggning/bidrag/beslut/%ld\"", kul);
	h_check(r.status == 200 && hresp_has(&r, path) && !hresp_has(&r, kul_link),
	        "the leisure officer's list has the leisure award and not the culture one");
	hresp_free(&r);
	snprintf(path, sizeof(path), "/handlaggning/bidrag/beslut/%ld", kul);
	h_check(h_get_status(officer, path) == 404,
	        "the leisure officer gets 404 on the culture department's award");
	h_check(plan(officer, kul, d_past, "1 000", &r) == 404 && payments() == 0,
	        "and 404 on planning a payment of it, nothing written");
	hresp_free(&r);
	snprintf(path, sizeof(path), "/handlaggning/bidrag/beslut/%ld", fri);
	h_check(h_get_status(culture, path) == 404,
	        "the culture officer gets 404 on the leisure award");
	h_check(h_get_status(rep, path) == 403, "a representative may not come to officers' pages");

	h_check(plan(officer, fri, d_past, "-100", &r) == 422, "a negative amount is answered 422");
	field_says(&r, "belopp", "kan inte vara negativt");
	h_check(hresp_has(&r, "value=\"-100\"") && payments() == 0,
	        "what was typed is kept and nothing is written");
	hresp_free(&r);
	h_check(plan(officer, fri, "2026-02-31", "tusen", &r) == 422,
	        "a word for an amount and a day not on the calendar are refused");
	field_says(&r, "belopp", "Skriv beloppet i kronor med siffror");
	field_says(&r, "datum", "Skriv ett datum som finns");
	h_check(hresp_has(&r, "value=\"tusen\"") && payments() == 0, "nothing is written");
	hresp_free(&r);
	h_check(plan(officer, fri, d_past, "0", &r) == 422 && payments() == 0,
	        "a zero amount is refused");
	field_says(&r, "belopp", "större än noll");
	hresp_free(&r);

	h_check(plan(officer, fri, d_past, "60 000", &r) == 303, "60 000 kr is planned");
	hresp_free(&r);
	h_check(sql_number("SELECT amount FROM grant_payments") == 6000000, "kept as 6000000 öre");
	h_check(plan(officer, fri, d_later, "50 000", &r) == 422,
	        "50 000 kr more would pass the award's 100 000 kr: 422");
	field_says(&r, "belopp", "Högst 40 000 kr återstår att planera");
	h_check(payments() == 1, "nothing is written");
	hresp_free(&r);
	h_check(plan(officer, fri, d_later, "4 000", &r) == 303 && payments() == 2,
	        "4 000 kr is planned for later");
	hresp_free(&r);
	long typo = sql_number("SELECT id FROM grant_payments WHERE amount = 400000");
	snprintf(path, sizeof(path), "/handlaggning/bidrag/beslut/%ld/betalning/%ld/ta-bort", kul,
	         typo);
	h_check(post_status(officer, path, NULL) == 404 && payments() == 2,
	        "removing it under another department's award is a 404");
	snprintf(path, sizeof(path), "/handlaggning/bidrag/beslut/%ld/betalning/%ld/ta-bort", fri,
	         typo);
	h_check(post_status(officer, path, NULL) == 303 && payments() == 1,
	        "the officer removes the payout planned by mistake");
	h_check(plan(officer, fri, d_later, "40 000", &r) == 303 && payments() == 2,
	        "the 40 000 kr left is planned for later");
	hresp_free(&r);
	h_check(strcmp(figure(officer, fri, "planerat", v, sizeof(v)), "100 000 kr") == 0,
	        "the page says 100 000 kr planned (%s)", v);
	h_check(strcmp(figure(officer, fri, "kvar", v, sizeof(v)), "<strong>100 000 kr</strong>") ==
	                0,
	        "and the whole award as its balance (%s)", v);
	char q[256];
	snprintf(q, sizeof(q),
	         "SELECT count(*) FROM case_events e JOIN grant_awards w ON w.case_id = e.case_id "
	         "WHERE w.id = %ld AND e.kind = 'utbetalning'",
	         fri);
	h_check(sql_number(q) == 4, "each plan and the removal stand in the decision's trail");
	char dnr[64], case_path[96], link[96];
	snprintf(q, sizeof(q),
	         "SELECT c.diarienummer FROM cases c JOIN grant_awards w ON w.case_id = c.id WHERE "
	         "w.id = %ld",
	         fri);
	h_sql_line(q, dnr, sizeof(dnr));
	snprintf(case_path, sizeof(case_path), "/arenden/%s", dnr);
	snprintf(link, sizeof(link), "href=\"/handlaggning/bidrag/beslut/%ld\"", fri);
	h_get(officer, case_path, &r);
	h_check(r.status == 200 && hresp_has(&r, link),
	        "the decision's case page leads the officer to the grant's payouts");
	hresp_free(&r);
	h_get(rep, case_path, &r);
	h_check(r.status == 200 && !hresp_has(&r, link), "and not the representative");
	hresp_free(&r);
}

/* Runs the reader on a downloaded file: a line per row with the amount in
 * öre, then "sum|N"; into out. */
static void
read_back(const char *kind, const struct hresp *r, char *out, size_t n)
{
	static const char reader[] =
	        "import sys, csv, re\n"
	        "kind, path = sys.argv[1], sys.argv[2]\n"
	        "rows = []\n"
	        "if kind == 'csv':\n"
	        "    with open(path, newline='', encoding='utf-8') as f:\n"
	        "        rd = list(csv.reader(f))\n"
	        "    print('head|' + ','.join(rd[0]))\n"
	        "    for row in rd[1:]:\n"
	        "        assert re.fullmatch(r'\\d+\\.\\d\\d', row[3]), row[3]\n"
	        "        kr, ore = row[3].split('.')\n"
	        "        rows.append(row[:3] + [int(kr) * 100 + int(ore)] + row[4:])\n"
	        "else:\n"
	        "    import openpyxl\n"
	        "    ws = openpyxl.load_workbook(path).worksheets[0]\n"
	        "    it = ws.iter_rows(values_only=True)\n"
	        "    print('head|' + ','.join(next(it)))\n"
	        "    for row in it:\n"
	        "        rows.append(list(row[:3]) + [round(row[3] * 100)] + list(row[4:]))\n"
	        "for row in rows:\n"
	        "    print('row|' + '|'.join(str(v) for v in row))\n"
	        "print('sum|%d' % sum(row[3] for row in rows))\n";
	char file[300], script[300], cmd[1000];
	snprintf(file, sizeof(file), "%s/betalfil.%s", H.dir, kind);
	snprintf(script, sizeof(script), "%s/read_payments.py", H.dir);
	FILE *f = fopen(file, "wb");
	if (f) {
		fwrite(r->body.p, 1, r->body.n, f);
		fclose(f);
	}
	h_write_file(script, reader);
	snprintf(cmd, sizeof(cmd), "/usr/bin/python3 '%s' %s '%s' 2>&1", script, kind, file);
	FILE *p = popen(cmd, "r");
	size_t k = 0;
	if (p) {
		k = fread(out, 1, n - 1, p);
		pclose(p);
	}
	out[k] = 0;
}

/* Fetches a payment file's CSV and XLSX and checks both, as read back,
 * hold exactly the lines want (each "row|…") and sum to sum öre. */
static void
file_says(struct hclient *c, long file_id, const char *want, long sum)
{
	static const char head[] = "head|organisationsnummer,kontotyp,kontonummer,belopp,"
	                           "diarienummer,forening,datum\n";
	const char *kinds[] = {"csv", "xlsx"};
	for (int i = 0; i < 2; i++) {
		char path[128], out[4096], expect[4096];
		struct hresp r;
		snprintf(path, sizeof(path), "/handlaggning/bidrag/betalfiler/%ld/betalfil.%s",
		         file_id, kinds[i]);
		h_get(c, path, &r);
		read_back(kinds[i], &r, out, sizeof(out));
		snprintf(expect, sizeof(expect), "%s%ssum|%ld\n", head, want, sum);
		h_check(r.status == 200 && strcmp(out, expect) == 0,
		        "file %ld as %s, read back by Python, holds the payments and sums to %ld "
		        "öre",
		        file_id, kinds[i], sum);
		if (strcmp(out, expect) != 0)
			h_note("got:\n%s\nwanted:\n%s", out, expect);
		hresp_free(&r);
	}
}

/* The payment file takes the department's payouts due by a day with an
 * approved account, once; the one without an account is listed blocked
 * and stays out; the file reads the same when fetched again after the
 * account changed; another department's officer gets 404 on it. */
static void
payment_file(long fri, long fri_b)
{
	char today[11], d_later[11], d_past[11], q[512], dnr[64], row[1024], rows[2048];
	struct hresp r;
	day(0, today);
	day(30, d_later);
	day(-2, d_past);
	h_check(plan(officer, fri_b, d_past, "20 000,50", &r) == 303,
	        "20 000,50 kr is planned for the association without an account");
	hresp_free(&r);

	char path[128];
	snprintf(path, sizeof(path), "/handlaggning/bidrag/utbetalningar?till=%s", today);
	h_get(officer, path, &r);
	h_check(r.status == 200 && hresp_has(&r, "60 000 kr") &&
	                hresp_has(&r, "Spärrad: inget godkänt konto") &&
	                hresp_has(&r, "<span id=\"summa-klar\">60 000 kr</span>") &&
	                hresp_has(&r, "<span id=\"summa-sparrad\">20 000,50 kr</span>") &&
	                !hresp_has(&r, "40 000 kr"),
	        "the page lists what is due by today: 60 000 kr to go, 20 000,50 kr blocked, not "
	        "the later 40 000 kr");
	hresp_free(&r);
	h_get(officer, "/handlaggning/bidrag/utbetalningar?till=2026-13-01", &r);
	h_check(r.status == 422, "a day not on the calendar is answered 422");
	field_says(&r, "till", "Skriv ett datum som finns");
	hresp_free(&r);

	const char *kv[] = {"till", today, NULL};
	char loc[256] = "";
	long st = post(officer, "/handlaggning/bidrag/utbetalningar", kv, &r);
	h_check(st == 303 && hresp_header(&r, "Location", loc, sizeof(loc)) &&
	                strstr(loc, "/handlaggning/bidrag/utbetalningar?fil="),
	        "the officer makes the payment file (%ld %s)", st, loc);
	hresp_free(&r);
	long file1 = sql_number("SELECT max(id) FROM grant_payment_files");
	h_check(sql_number("SELECT count(*) FROM grant_payment_file_rows") == 1 &&
	                sql_number("SELECT sum(amount) FROM grant_payment_file_rows") == 6000000,
	        "it holds the one payout with an account, 6000000 öre");
	h_get(officer, loc, &r);
	h_check(r.status == 200 && hresp_has(&r, "1 betalningar, sammanlagt 60 000 kr"),
	        "the page says the file is made, with its count and sum");
	hresp_free(&r);

	snprintf(q, sizeof(q),
	         "SELECT c.diarienummer FROM cases c JOIN grant_awards w ON w.case_id = c.id WHERE "
	         "w.id = %ld",
	         fri);
	h_sql_line(q, dnr, sizeof(dnr));
	char d_due[11];
	day(-1, d_due);
	snprintf(row, sizeof(row), "row|%s|bankgiro|9912-3465|6000000|%s|%s|%s\n", orgnr, dnr,
	         assoc_name, d_due);
	file_says(officer, file1, row, 6000000);

	h_check(post_status(officer, "/handlaggning/bidrag/utbetalningar", kv) == 422 &&
	                sql_number("SELECT count(*) FROM grant_payment_files") == 1,
	        "a second file by the same day has nothing to take: refused, nothing written");
	snprintf(path, sizeof(path), "/handlaggning/bidrag/betalfiler/%ld/betalfil.csv", file1);
	h_check(h_get_status(culture, path) == 404,
	        "the culture officer gets 404 on the leisure department's file");

	/* the account changes: the file made before still says what it paid to */
	snprintf(q, sizeof(q),
	         "UPDATE association_accounts SET number = '5050-1055' WHERE association_id = %s "
	         "AND valid_to IS NULL",
	         assoc);
	h_sql(q, NULL);
	file_says(officer, file1, row, 6000000);

	/* the association without an account gets one; a file to later takes the rest */
	snprintf(q, sizeof(q),
	         "INSERT INTO association_accounts (association_id, kind, number, valid_from) "
	         "VALUES (%s, 'plusgiro', '4789-4', 1)",
	         assoc_b);
	h_sql(q, NULL);
	const char *later[] = {"till", d_later, NULL};
	h_check(post_status(officer, "/handlaggning/bidrag/utbetalningar", later) == 303,
	        "a file to a later day is made");
	long file2 = sql_number("SELECT max(id) FROM grant_payment_files");
	char b_name[256], b_orgnr[32], b_dnr[64];
	snprintf(q, sizeof(q), "SELECT name FROM associations WHERE id = %s", assoc_b);
	h_sql_line(q, b_name, sizeof(b_name));
	snprintf(q, sizeof(q), "SELECT coalesce(orgnr, '') FROM associations WHERE id = %s",
	         assoc_b);
	h_sql_line(q, b_orgnr, sizeof(b_orgnr));
	snprintf(q, sizeof(q),
	         "SELECT c.diarienummer FROM cases c JOIN grant_awards w ON w.case_id = c.id WHERE "
	         "w.id = %ld",
	         fri_b);
	h_sql_line(q, b_dnr, sizeof(b_dnr));
	snprintf(rows, sizeof(rows),
	         "row|%s|plusgiro|4789-4|2000050|%s|%s|%s\nrow|%s|bankgiro|5050-1055|4000000|%s|%s|"
	         "%s\n",
	         b_orgnr, b_dnr, b_name, d_past, orgnr, dnr, assoc_name, d_later);
	file_says(officer, file2, rows, 6000050);
	h_check(sql_number("SELECT sum(amount) FROM grant_payment_file_rows") == 12000050 &&
	                sql_number("SELECT count(*) FROM grant_payment_file_rows") == 3,
	        "the two files together hold each payout once, 12000050 öre");
	h_get(officer, "/handlaggning/bidrag/utbetalningar", &r);
	h_check(r.status == 200 && hresp_has(&r, "betalfil.xlsx") &&
	                hresp_has(&r, "60 000,50 kr") && hresp_has(&r, "60 000 kr"),
	        "the page lists both files with their sums");
	hresp_free(&r);
}

/* A payout is marked paid once; a reclaim is at most what was paid, says
 * why, and the balance is the award less what is paid plus what is
 * reclaimed. */
static void
paid_and_reclaimed(long fri, long fri_b)
{
	char path[128], v[128], today[11], field[32];
	struct hresp r;
	day(0, today);
	long first = sql_number("SELECT min(id) FROM grant_payments WHERE amount = 6000000");
	long other_award = sql_number("SELECT min(id) FROM grant_payments WHERE amount = 2000050");
	snprintf(path, sizeof(path), "/handlaggning/bidrag/beslut/%ld/betald/%ld", fri,
	         other_award);
	const char *kv[] = {"betald", today, NULL};
	h_check(post_status(officer, path, kv) == 404,
	        "another award's payment is not there under this award (404)");
	snprintf(path, sizeof(path), "/handlaggning/bidrag/beslut/%ld/betald/%ld", fri, first);
	const char *bad[] = {"betald", "igår", NULL};
	h_check(post(officer, path, bad, &r) == 422, "a paid day that is no date is refused");
	snprintf(field, sizeof(field), "betald-%ld", first);
	field_says(&r, field, "Skriv ett datum som finns");
	hresp_free(&r);
	h_check(post_status(officer, path, kv) == 303 &&
	                sql_number(
	                        "SELECT count(*) FROM grant_payments WHERE paid_on IS NOT NULL") ==
	                        1,
	        "the 60 000 kr payout is marked paid");
	h_check(post(officer, path, kv, &r) == 422 && hresp_has(&r, "redan markerad som utbetald"),
	        "marking it paid again is refused, saying so");
	hresp_free(&r);
	h_check(strcmp(figure(officer, fri, "utbetalt", v, sizeof(v)), "60 000 kr") == 0,
	        "the page says 60 000 kr paid (%s)", v);
	snprintf(path, sizeof(path), "/handlaggning/bidrag/beslut/%ld/betalning/%ld/ta-bort", fri,
	         first);
	h_check(post(officer, path, NULL, &r) == 422 && hresp_has(&r, "kan inte tas bort") &&
	                sql_number("SELECT count(*) FROM grant_payments WHERE amount = 6000000") ==
	                        1,
	        "a paid payout cannot be removed");
	hresp_free(&r);
	long in_file = sql_number("SELECT min(id) FROM grant_payments WHERE amount = 4000000");
	snprintf(path, sizeof(path), "/handlaggning/bidrag/beslut/%ld/betalning/%ld/ta-bort", fri,
	         in_file);
	h_check(post_status(officer, path, NULL) == 422 &&
	                sql_number("SELECT count(*) FROM grant_payments WHERE amount = 4000000") ==
	                        1,
	        "nor one in a payment file");

	snprintf(path, sizeof(path), "/handlaggning/bidrag/beslut/%ld/aterkrav", fri);
	const char *much[] = {"aterkrav-datum",
	                      today,
	                      "aterkrav-belopp",
	                      "70 000",
	                      "anledning",
	                      "Aktiviteten blev inte av.",
	                      NULL};
	h_check(post(officer, path, much, &r) == 422,
	        "reclaiming 70 000 kr of 60 000 kr paid is refused");
	field_says(&r, "aterkrav-belopp", "Högst 60 000 kr kan krävas tillbaka");
	h_check(hresp_has(&r, ">Aktiviteten blev inte av.</textarea>") &&
	                sql_number("SELECT count(*) FROM grant_payments WHERE amount < 0") == 0,
	        "the reason is kept and nothing is written");
	hresp_free(&r);
	const char *why[] = {
	        "aterkrav-datum", today, "aterkrav-belopp", "15 000", "anledning", "", NULL};
	h_check(post(officer, path, why, &r) == 422, "a reclaim without a reason is refused");
	field_says(&r, "anledning", "Skriv varför pengarna krävs tillbaka");
	hresp_free(&r);
	const char *good[] = {"aterkrav-datum",
	                      today,
	                      "aterkrav-belopp",
	                      "15 000",
	                      "anledning",
	                      "Lägret blev kortare än planerat.",
	                      NULL};
	h_check(post_status(officer, path, good) == 303 &&
	                sql_number("SELECT amount FROM grant_payments WHERE amount < 0") ==
	                        -1500000,
	        "15 000 kr is reclaimed: a payment of -1500000 öre with its reason");
	h_check(strcmp(figure(officer, fri, "kvar", v, sizeof(v)), "<strong>55 000 kr</strong>") ==
	                0,
	        "the balance is 100 000 − 60 000 + 15 000 = 55 000 kr (%s)", v);
	h_check(strcmp(figure(officer, fri, "aterkravt", v, sizeof(v)), "15 000 kr") == 0,
	        "and 15 000 kr reclaimed (%s)", v);
	snprintf(path, sizeof(path), "/handlaggning/bidrag/beslut/%ld/aterkrav", fri_b);
	const char *unpaid[] = {"aterkrav-datum", today, "aterkrav-belopp", "1", "anledning",
	                        "Test",           NULL};
	h_check(post_status(officer, path, unpaid) == 422,
	        "nothing can be reclaimed of an award with nothing paid");
}

/* The finance system paid the second file: the officer marks it paid in
 * one step, each of its payouts paid on the day in its decision's trail;
 * again it is refused; another department's officer gets 404. */
static void
file_paid(long fri)
{
	char path[96], today[11], v[64], field[32];
	struct hresp r;
	day(0, today);
	long file2 = sql_number("SELECT max(id) FROM grant_payment_files");
	snprintf(path, sizeof(path), "/handlaggning/bidrag/betalfiler/%ld/betald", file2);
	const char *kv[] = {"betald", today, NULL};
	h_check(post_status(culture, path, kv) == 404, "the culture officer gets 404 on it");
	const char *bad[] = {"betald", "", NULL};
	h_check(post(officer, path, bad, &r) == 422, "without a day it is refused");
	snprintf(field, sizeof(field), "betald-%ld", file2);
	field_says(&r, field, "Skriv dagen");
	hresp_free(&r);
	long events = sql_number("SELECT count(*) FROM case_events WHERE kind = 'utbetalning'");
	h_check(post_status(officer, path, kv) == 303, "the officer marks the second file paid");
	char q[256];
	snprintf(q, sizeof(q),
	         "SELECT count(*) FROM grant_payments p JOIN grant_payment_file_rows r ON "
	         "r.payment_id = p.id WHERE r.file_id = %ld AND p.paid_on = '%s'",
	         file2, today);
	h_check(sql_number(q) == 2 && sql_number("SELECT count(*) FROM case_events WHERE kind = "
	                                         "'utbetalning'") == events + 2,
	        "both its payouts are paid today, each in its decision's trail");
	h_check(strcmp(figure(officer, fri, "utbetalt", v, sizeof(v)), "100 000 kr") == 0,
	        "the award's page says 100 000 kr paid (%s)", v);
	h_check(post(officer, path, kv, &r) == 422 &&
	                hresp_has(&r, "redan markerade som utbetalda"),
	        "marking it paid again is refused, saying so");
	hresp_free(&r);
}

/* Plans at once from many officers' sessions: what one thread sends. */
enum { RACERS = 8 };
struct racer {
	struct hclient *c;
	long award, status;
	pthread_barrier_t *start;
};

static void *
race(void *arg)
{
	struct racer *x = arg;
	char d[11];
	struct hresp r;
	pthread_barrier_wait(x->start);
	x->status = plan(x->c, x->award, day(5, d), "15 000", &r);
	hresp_free(&r);
	return NULL;
}

/* Eight plans of 15 000 kr sent at the same moment on an award of
 * 100 000 kr: the check and the write are one transaction behind the
 * department's lock, so exactly six go in and two are refused, and the
 * award is never planned past its amount. */
static void
racing(long award_id)
{
	struct racer x[RACERS];
	pthread_t t[RACERS];
	pthread_barrier_t start;
	pthread_barrier_init(&start, NULL, RACERS);
	for (int i = 0; i < RACERS; i++) {
		x[i] = (struct racer){h_client(), award_id, 0, &start};
		h_login(x[i].c, "officer");
	}
	for (int i = 0; i < RACERS; i++)
		pthread_create(&t[i], NULL, race, &x[i]);
	int ok = 0, refused = 0;
	for (int i = 0; i < RACERS; i++) {
		pthread_join(t[i], NULL);
		ok += x[i].status == 303;
		refused += x[i].status == 422;
		h_client_free(x[i].c);
	}
	pthread_barrier_destroy(&start);
	char q[160];
	snprintf(q, sizeof(q), "SELECT sum(amount) FROM grant_payments WHERE award_id = %ld",
	         award_id);
	h_check(ok == 6 && refused == 2 && sql_number(q) == 9000000,
	        "eight plans of 15 000 kr at once on 100 000 kr: 6 planned, 2 refused, 90 000 kr "
	        "in all (got %d, %d, %ld öre)",
	        ok, refused, sql_number(q));
}

/* The payout page in English: the same figures, in English words and
 * English amounts. */
static void
english(long award_id)
{
	char path[96];
	struct hresp r;
	snprintf(path, sizeof(path), "/handlaggning/bidrag/beslut/%ld?lang=en", award_id);
	h_get(officer, path, &r);
	h_check(r.status == 200 && hresp_has(&r, "Balance of the decision") &&
	                hresp_has(&r, "SEK 55,000") && hresp_has(&r, "Plan a payment") &&
	                hresp_has(&r, "<html lang=\"en\""),
	        "the payout page in English says the balance in English, SEK 55,000");
	hresp_free(&r);
	h_get(officer, "/handlaggning/bidrag/beslut?lang=sv", &r);
	hresp_free(&r);
}

/* The officer's list of awards: a hundred a page, newest first, the next
 * page from the link, and one year's when asked. */
static void
award_pages(void)
{
	char q[1024], next[256], *amp;
	struct hresp r;
	snprintf(q, sizeof(q),
	         "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 101) "
	         "INSERT INTO grant_awards (department_id, kind, association_id, year, amount, "
	         "decided_on, reference, at) SELECT d.id, 'verksamhetsbidrag', %s, 2020, 100000, "
	         "'2020-03-01', '', 0 FROM n, departments d WHERE d.code = 'FRI'",
	         assoc_b);
	h_sql(q, NULL);
	long all = sql_number("SELECT count(*) FROM grant_awards w JOIN departments d ON d.id = "
	                      "w.department_id WHERE d.code = 'FRI'");
	const char *row = "<tr><td><a href=\"/handlaggning/bidrag/beslut/";
	h_get(officer, "/handlaggning/bidrag/beslut", &r);
	/* the next page's address: the href before rel="next", &amp; read as & */
	const char *end = r.body.p ? strstr(r.body.p, "\" rel=\"next\"") : NULL, *start = end;
	while (start && start > r.body.p && strncmp(start, "href=\"", 6) != 0)
		start--;
	next[0] = 0;
	if (end && start)
		snprintf(next, sizeof(next), "%.*s", (int)(end - start - 6), start + 6);
	while ((amp = strstr(next, "&amp;")))
		memmove(amp + 1, amp + 5, strlen(amp + 5) + 1);
	h_check(r.status == 200 && hresp_count(&r, row) == 100 &&
	                strncmp(next, "/handlaggning/bidrag/beslut?fore=", 33) == 0,
	        "the first page has a hundred of the department's %ld awards and a next page (%s)",
	        all, next);
	hresp_free(&r);
	h_get(officer, next, &r);
	h_check(r.status == 200 && hresp_count(&r, row) == all - 100 &&
	                !hresp_has(&r, "rel=\"next\"") && hresp_has(&r, "rel=\"prev\""),
	        "the next page has the other %ld and none after it", all - 100);
	hresp_free(&r);
	h_get(officer, "/handlaggning/bidrag/beslut?ar=2026", &r);
	h_check(r.status == 200 && hresp_count(&r, row) == all - 101 &&
	                !hresp_has(&r, "rel=\"next\""),
	        "this year's are %ld, on one page", all - 101);
	hresp_free(&r);
	h_get(officer, "/handlaggning/bidrag/beslut?ar=tjugo", &r);
	h_check(r.status == 200 && hresp_count(&r, row) == 100,
	        "a year that is no year is left out of the filter");
	hresp_free(&r);
}

/* Mina sidor: the representative sees their association's awards with
 * the payouts made and planned and the reclaim, and nothing of another
 * association's; the other representative the reverse. */
static void
mine(void)
{
	struct hresp r;
	h_get(rep, "/mina-sidor", &r);
	char link[64];
	snprintf(link, sizeof(link), "href=\"/bidrag/konto/%s\"", assoc);
	h_check(r.status == 200 && hresp_has(&r, "Bidrag och utbetalningar") &&
	                hresp_has(&r,
	                          "beviljat 100 000 kr, utbetalt 60 000 kr, planerat 40 000 kr, "
	                          "återkrävt 15 000 kr") &&
	                hresp_has(&r, "Lägret blev kortare än planerat.") &&
	                hresp_has(&r, "Bankgiro 5050-1055") && hresp_has(&r, link),
	        "the representative sees the award, its payouts, the reclaim and the account with "
	        "the link to change it");
	h_check(!hresp_has(&r, "20 000,50 kr"), "and nothing of the other association's award");
	hresp_free(&r);
	h_get(other, "/mina-sidor", &r);
	h_check(r.status == 200 && hresp_has(&r, "20 000,50 kr") &&
	                !hresp_has(&r, "Lägret blev kortare") && !hresp_has(&r, link),
	        "the other representative sees their own award and none of the first's");
	hresp_free(&r);
}

int
main(void)
{
	setenv("TZ", "Europe/Stockholm", 1);
	tzset();
	h_start();
	rep = h_client();
	officer = h_client();
	h_check(h_login(rep, "representative") == 303, "the representative signs in");
	h_check(h_login(officer, "officer") == 303, "the leisure officer signs in");
	h_sql_line("SELECT association_id FROM user_roles WHERE role = 'representative' AND "
	           "user_id = (SELECT id FROM users WHERE email = 'forening@demo.samverka.se') "
	           "ORDER BY association_id LIMIT 1",
	           assoc, sizeof(assoc));
	char q[256];
	snprintf(q, sizeof(q),
	         "SELECT id FROM associations WHERE id <> %s AND active = 1 AND orgnr IS NOT NULL "
	         "ORDER BY id LIMIT 1",
	         assoc);
	h_sql_line(q, assoc_b, sizeof(assoc_b));
	snprintf(q, sizeof(q), "SELECT name FROM associations WHERE id = %s", assoc);
	h_sql_line(q, assoc_name, sizeof(assoc_name));
	snprintf(q, sizeof(q), "SELECT coalesce(orgnr, '') FROM associations WHERE id = %s", assoc);
	h_sql_line(q, orgnr, sizeof(orgnr));
	culture = user("kultur@test.se", "Karin Kultur", "officer", "KUL", NULL);
	other = user("annan@test.se", "Anna Annan", "representative", NULL, assoc_b);
	corep = user("medforetradare@test.se", "Mats Medföreträdare", "representative", NULL,
	             assoc);

	account_change();
	long fri = award("FRI", assoc, 900, 10000000);
	long kul = award("KUL", assoc, 901, 5000000);
	long fri_b = award("FRI", assoc_b, 902, 3000000);
	h_check(fri > 0 && kul > 0 && fri_b > 0, "three awards are made");
	payouts(fri, kul);
	payment_file(fri, fri_b);
	paid_and_reclaimed(fri, fri_b);
	mine();
	english(fri);
	file_paid(fri);
	racing(award("FRI", assoc, 903, 10000000));
	award_pages();
	h_client_free(rep);
	h_client_free(officer);
	h_client_free(culture);
	h_client_free(other);
	h_client_free(corep);
	return h_finish();
}
