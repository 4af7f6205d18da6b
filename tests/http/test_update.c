/* The yearly update (årlig uppdatering): the form prefilled from the
 * register, its checks next to each field with nothing stored, the case it
 * becomes, and what a decision does to the register: granted, the new
 * details and "Senast uppdaterad"; refused, nothing. */
#include "harness.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

/* The smallest file the server takes for a PDF: it is checked by content. */
static const char PDF[] = "%PDF-1.4\n1 0 obj\n<< /Type /Catalog >>\nendobj\n"
                          "trailer\n<< /Root 1 0 R >>\n%%EOF\n";

static struct hclient *rep, *officer, *moderator;
static char assoc_id[16], form_path[64], before_email[256];

/* The members aged 7–25 the next update sends; NULL sends none. */
static const char *youth;

/* The update as the form sends it; a NULL minutes leaves the file out. */
static void
send_update(const char *board, const char *members, const char *email, const char *minutes,
            struct hresp *r)
{
	struct hstr b = {0};
	h_mp_field(&b, "csrf", h_csrf(rep));
	h_mp_field(&b, "styrelse", board);
	h_mp_field(&b, "medlemmar", members);
	if (youth)
		h_mp_field(&b, "unga", youth);
	h_mp_field(&b, "epost", email);
	h_mp_field(&b, "telefon", "040-123 45 67");
	h_mp_field(&b, "webbplats", "https://forening.example");
	if (minutes)
		h_mp_file(&b, "protokoll", "arsmote.pdf", "application/pdf", minutes,
		          strlen(minutes));
	h_mp_end(&b);
	h_post_multipart(rep, form_path, &b, r);
	hstr_free(&b);
}

/* The association's members and e-mail as the register has them. */
static const char *
register_row(char *out, size_t n)
{
	char q[160];
	snprintf(q, sizeof(q), "SELECT members, email, last_update FROM associations WHERE id = %s",
	         assoc_id);
	return h_sql_line(q, out, n);
}

/* The officer's decision on a case. */
static long
decide(const char *dnr, const char *outcome)
{
	return h_decide(officer, dnr, outcome);
}

static void
form(void)
{
	char row[512];
	h_sql_line("SELECT ur.association_id, a.email FROM user_roles ur JOIN users u ON "
	           "u.id = ur.user_id JOIN associations a ON a.id = ur.association_id WHERE "
	           "u.email = 'forening@demo.samverka.se' AND ur.role = 'representative'",
	           row, sizeof(row));
	sscanf(row, "%15[^|]|%255s", assoc_id, before_email);
	snprintf(form_path, sizeof(form_path), "/arsuppdatering/%s", assoc_id);
	struct hresp r;
	h_get(rep, form_path, &r);
	char value[300];
	snprintf(value, sizeof(value), "name=\"epost\" type=\"email\" value=\"%s\"", before_email);
	h_check(r.status == 200 && before_email[0] && hresp_has(&r, value) &&
	                hresp_has(&r, "name=\"protokoll\" type=\"file\""),
	        "the representative's form is filled in with the register's e-mail (%s)",
	        before_email);
	hresp_free(&r);
	h_check(h_get_status(moderator, form_path) == 403,
	        "someone who represents no association gets 403");
	char q[256];
	snprintf(q, sizeof(q),
	         "INSERT INTO user_roles (user_id, role, association_id) SELECT u.id, "
	         "'representative', (SELECT min(id) FROM associations WHERE id <> %s) FROM users u "
	         "WHERE u.email = 'moderator@demo.samverka.se'",
	         assoc_id);
	h_check(h_sql(q, NULL) == 0 && h_get_status(moderator, form_path) == 404,
	        "a representative of another association gets 404, as if it did not exist");
}

static void
bad_input(void)
{
	char before[512], after[512], got[256], cases_before[16], cases_after[16];
	register_row(before, sizeof(before));
	h_sql_line("SELECT count(*) FROM cases", cases_before, sizeof(cases_before));
	struct hresp r;
	send_update("  ", "många", "inte-en-adress", NULL, &r);
	register_row(after, sizeof(after));
	h_sql_line("SELECT count(*) FROM cases", cases_after, sizeof(cases_after));
	static const char *const fields[] = {"styrelse", "medlemmar", "epost", "protokoll"};
	int next_to = 0;
	for (int i = 0; i < 4; i++)
		if (h_field_error(&r, fields[i], got, sizeof(got)))
			next_to++;
		else
			h_note("no error next to %s", fields[i]);
	h_check(r.status == 422 && next_to == 4 && hresp_has(&r, "error-summary"),
	        "every mistake: 422, each named next to its field (got %ld, %d of 4)", r.status,
	        next_to);
	h_check(hresp_has(&r, "value=\"många\"") && hresp_has(&r, "value=\"inte-en-adress\"") &&
	                hresp_has(&r, "value=\"040-123 45 67\""),
	        "what was typed is kept");
	h_check(strcmp(before, after) == 0 && strcmp(cases_before, cases_after) == 0,
	        "nothing is stored: no case, the register as it was");
	hresp_free(&r);

	/* the board as the registration reads it: a name and a role a line */
	send_update("Ada Andersson, ordförande\nBo Berg\n", "12", "ny@forening.example", PDF, &r);
	register_row(after, sizeof(after));
	h_sql_line("SELECT count(*) FROM cases", cases_after, sizeof(cases_after));
	const char *board = h_field_error(&r, "styrelse", got, sizeof(got));
	h_check(r.status == 422 && board && strstr(got, "namn, kommatecken och roll") &&
	                h_summary_links(&r, "styrelse") &&
	                hresp_count(&r, "aria-invalid=\"true\"") == 1,
	        "a board member without a role: 422, the board alone marked and linked (got %ld)",
	        r.status);
	h_check(!h_field_invalid(&r, "protokoll") && hresp_has(&r, "Välj filen igen") &&
	                hresp_has(&r, "Bo Berg\n</textarea>"),
	        "the minutes, which were fine, are asked for again, and the board is kept");
	h_check(strcmp(before, after) == 0 && strcmp(cases_before, cases_after) == 0,
	        "nothing is stored");
	hresp_free(&r);
}

/* Sends a good update; its case's number from the redirect. */
static long
good_update(const char *members, const char *email, char dnr[32])
{
	struct hresp r;
	char loc[128] = "";
	send_update("Ada Andersson, ordförande\nBo Berg, kassör\n", members, email, PDF, &r);
	dnr[0] = 0;
	if (r.status == 303 && hresp_header(&r, "Location", loc, sizeof(loc)))
		sscanf(loc, "/arenden/%31[^?]", dnr);
	long st = r.status;
	hresp_free(&r);
	return st;
}

static void
granted_and_refused(void)
{
	char dnr[32], row[512], want[512], page[64];
	long st = good_update("321", "ny@forening.example", dnr);
	register_row(row, sizeof(row));
	h_check(st == 303 && dnr[0] && strncmp(row, "321|", 4) != 0,
	        "a good update becomes case %s; the register waits for the decision (%s)", dnr,
	        row);
	h_check(decide(dnr, "bifall") == 303, "the officer grants it");
	register_row(row, sizeof(row));
	snprintf(want, sizeof(want), "321|ny@forening.example|");
	h_check(strncmp(row, want, strlen(want)) == 0 && atoll(row + strlen(want)) > 0,
	        "granted, the register has the new members and e-mail and the time (%s)", row);
	struct hresp r;
	char today[16];
	time_t now = time(NULL);
	struct tm tm;
	localtime_r(&now, &tm);
	strftime(today, sizeof(today), "%Y-%m-%d", &tm);
	snprintf(page, sizeof(page), "/foreningar/%s", assoc_id);
	struct hclient *anon = h_client();
	h_get(anon, page, &r);
	h_client_free(anon);
	char last[96];
	snprintf(last, sizeof(last), "<dt>Senast uppdaterad</dt><dd>%s</dd>", today);
	h_check(r.status == 200 && hresp_has(&r, "ny@forening.example") && hresp_has(&r, last),
	        "the public page shows the new e-mail and \"Senast uppdaterad %s\"", today);
	hresp_free(&r);

	/* the members aged 7–25, on which nolltaxa for the city's venues rests */
	youth = "400";
	send_update("Ada Andersson, ordförande\n", "321", "ny@forening.example", PDF, &r);
	h_check(r.status == 422, "more young members than members is refused (%ld)", r.status);
	h_field_says(&r, "unga", "inte vara fler än medlemmarna");
	hresp_free(&r);
	youth = "200";
	h_check(good_update("321", "ny@forening.example", dnr) == 303 &&
	                decide(dnr, "bifall") == 303,
	        "an update with 200 of 321 members aged 7–25 is granted");
	char q[160];
	snprintf(q, sizeof(q), "SELECT youth_members FROM associations WHERE id = %s", assoc_id);
	h_check(h_sql_number(q) == 200, "and the register holds the 200 young members");
	youth = NULL;

	st = good_update("999", "annan@forening.example", dnr);
	h_check(st == 303 && decide(dnr, "avslag") == 303, "a second update is refused");
	register_row(row, sizeof(row));
	h_check(strncmp(row, want, strlen(want)) == 0, "refused, the register keeps 321 (%s)", row);
}

int
main(void)
{
	setenv("TZ", "Europe/Stockholm", 1);
	tzset();
	h_serve_own_files();
	h_start();
	rep = h_client();
	officer = h_client();
	moderator = h_client();
	h_check(h_login(rep, "representative") == 303 && h_login(officer, "officer") == 303 &&
	                h_login(moderator, "moderator") == 303,
	        "the demo representative, officer and moderator sign in");
	form();
	bad_input();
	granted_and_refused();
	h_client_free(rep);
	h_client_free(officer);
	h_client_free(moderator);
	return h_finish();
}
