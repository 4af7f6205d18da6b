/* The forms on a case page: every refused action explains itself next to
 * the field to fix, keeps what was typed in that form only, and writes
 * nothing; and the officer's confidentiality marking, which the public
 * diary honours. Uses the demo cases FRI-YYYY-0001..0006 (received, in
 * handling, completion requested, decided, closed, withdrawn). */
#include "harness.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static struct hclient *officer, *rep, *other_officer, *anon;

/* Everything a refused action must leave alone on a case: status,
 * officer, confidentiality, trail, messages, decision and documents. */
static const char *
fingerprint(const char *d, char *out, size_t n)
{
	char q[768];
	snprintf(q, sizeof(q),
	         "SELECT c.status, coalesce(c.officer_id, 0), c.confidential, c.updated, "
	         "(SELECT count(*) FROM case_events e WHERE e.case_id = c.id), "
	         "(SELECT count(*) FROM case_messages m WHERE m.case_id = c.id), "
	         "(SELECT count(*) FROM case_decisions x WHERE x.case_id = c.id), "
	         "(SELECT count(*) FROM case_documents x WHERE x.case_id = c.id) "
	         "FROM cases c WHERE c.diarienummer = '%s'",
	         d);
	return h_sql_line(q, out, n);
}

/* Posts a filled-in form (pairs of name and value, NULL-terminated) to a
 * case action, with the client's CSRF token. */
static void
post(struct hclient *c, const char *d, const char *action, const char *const *pairs,
     struct hresp *r)
{
	char path[128];
	struct hstr f = {0};
	snprintf(path, sizeof(path), "/arenden/%s/%s", d, action);
	h_form_add(&f, "csrf", h_csrf(c));
	for (int i = 0; pairs && pairs[i]; i += 2)
		h_form_add(&f, pairs[i], pairs[i + 1]);
	h_post(c, path, f.p, r);
	hstr_free(&f);
}

/* A refused action: 422, each message next to its field, and the case
 * unchanged. Returns the answer for further checks (the caller frees). */
static void
refused(const char *what, struct hclient *c, const char *d, const char *action,
        const char *const *pairs, const char *const *fields, const char *const *msgs,
        struct hresp *r)
{
	char before[256], after[256], got[512];
	fingerprint(d, before, sizeof(before));
	post(c, d, action, pairs, r);
	fingerprint(d, after, sizeof(after));
	int next_to = 1, marked = 1;
	for (int i = 0; fields[i]; i++) {
		if (!h_field_error(r, fields[i], got, sizeof(got)) || !strstr(got, msgs[i])) {
			next_to = 0;
			h_note("%s: the %s error says %s", what, fields[i],
			       h_field_error(r, fields[i], got, sizeof(got)) ? got : "(nothing)");
		}
		if (!h_field_invalid(r, fields[i]) || !h_summary_links(r, fields[i])) {
			marked = 0;
			h_note("%s: #%s is %smarked invalid and %slinked from the summary", what,
			       fields[i], h_field_invalid(r, fields[i]) ? "" : "not ",
			       h_summary_links(r, fields[i]) ? "" : "not ");
		}
	}
	h_check(r->status == 422 && next_to && hresp_has(r, "error-summary"),
	        "%s: 422 with the reason next to each field (got %ld)", what, r->status);
	if (fields[0])
		h_check(marked, "%s: each field is aria-invalid and linked from the summary", what);
	h_check(strcmp(before, after) == 0, "%s: nothing is written", what);
}

/* --- refused actions --------------------------------------------------------- */

static void
decision_errors(void)
{
	struct hresp r;
	char too_long[260];
	memset(too_long, 'x', sizeof(too_long) - 1);
	too_long[sizeof(too_long) - 1] = 0;

	const char *const empty[] = {"motivering", " \r\n ",   "beslutsfattare", "",  "datum",
	                             "",           "referens", too_long,         NULL};
	const char *const fields[] = {"motivering", "beslutsfattare", "datum", "referens", NULL};
	const char *const msgs[] = {"Skriv en motivering", "Skriv vem som beslutade", "ÅÅÅÅ-MM-DD",
	                            "högst 200 tecken", NULL};
	refused("a decision with every field wrong", officer, h_dnr("FRI", 2), "beslut", empty,
	        fields, msgs, &r);
	char got[256];
	h_check(h_between(r.body.p, "<p class=\"field-error\" id=\"utfall-error\">", "</p>", got,
	                  sizeof(got)) &&
	                strstr(got, "Välj bifall, delvis bifall eller avslag") &&
	                hresp_has(&r, "aria-describedby=\"utfall-error\""),
	        "the outcome's radio group says what to choose, and is described by it");
	h_check(hresp_count(&r, "class=\"field-error\"") == 5,
	        "all five mistakes are named at once (%d)",
	        hresp_count(&r, "class=\"field-error\""));
	h_check(hresp_has(&r, "<a href=\"#motivering\">") && hresp_has(&r, "<a href=\"#utfall\">"),
	        "the summary links to the fields");
	hresp_free(&r);

	const char *const one_wrong[] = {"utfall",
	                                 "delvis",
	                                 "motivering",
	                                 "Delvis enligt riktlinjerna.",
	                                 "beslutsfattare",
	                                 "Nämnden",
	                                 "datum",
	                                 "12/3 2026",
	                                 "referens",
	                                 "FRI 2026-03-12 § 9",
	                                 NULL};
	const char *const date_only[] = {"datum", NULL};
	const char *const date_msg[] = {"ÅÅÅÅ-MM-DD", NULL};
	refused("a decision with a badly written date", officer, h_dnr("FRI", 2), "beslut",
	        one_wrong, date_only, date_msg, &r);
	h_check(hresp_count(&r, "class=\"field-error\"") == 1 &&
	                hresp_has(&r, "value=\"delvis\" checked") &&
	                hresp_has(&r, ">Delvis enligt riktlinjerna.</textarea>") &&
	                hresp_has(&r, "value=\"Nämnden\"") &&
	                hresp_has(&r, "value=\"12/3 2026\"") &&
	                hresp_has(&r, "value=\"FRI 2026-03-12 § 9\""),
	        "only the date is marked, and everything typed is still there");
	hresp_free(&r);

	/* a date written right that is not on the calendar */
	const char *const no_such_day[] = {"utfall",
	                                   "bifall",
	                                   "motivering",
	                                   "Föreningen uppfyller villkoren.",
	                                   "beslutsfattare",
	                                   "Nämnden",
	                                   "datum",
	                                   "2026-02-31",
	                                   "referens",
	                                   "FRI 2026-03-12 § 9",
	                                   NULL};
	const char *const date_exists[] = {"Skriv ett datum som finns", NULL};
	refused("a decision dated 2026-02-31", officer, h_dnr("FRI", 2), "beslut", no_such_day,
	        date_only, date_exists, &r);
	h_check(hresp_count(&r, "class=\"field-error\"") == 1 &&
	                hresp_has(&r, "value=\"2026-02-31\"") &&
	                hresp_has(&r, "value=\"bifall\" checked") &&
	                hresp_has(&r, ">Föreningen uppfyller villkoren.</textarea>") &&
	                hresp_has(&r, "value=\"Nämnden\""),
	        "2026-02-31: only the date is marked, everything typed is kept");
	hresp_free(&r);
	char q[160], n[16];
	snprintf(q, sizeof(q),
	         "SELECT count(*) FROM case_decisions x JOIN cases c ON c.id = x.case_id "
	         "WHERE c.diarienummer = '%s'",
	         h_dnr("FRI", 2));
	h_check(!strcmp(h_sql_line(q, n, sizeof(n)), "0"), "2026-02-31: no decision row (%s)", n);
}

static void
message_errors(void)
{
	struct hresp r;
	size_t n = 10001;
	char *long_text = malloc(n + 1);
	memset(long_text, 'a', n);
	long_text[n] = 0;
	const char *const pairs[] = {"meddelande", long_text, NULL};
	const char *const fields[] = {"meddelande", NULL};
	const char *const msgs[] = {"högst 10 000 tecken", NULL};
	refused("a message over 10 000 characters", officer, h_dnr("FRI", 2), "meddelande", pairs,
	        fields, msgs, &r);
	char kept[10100], other[64];
	snprintf(kept, sizeof(kept), ">%.*s</textarea>", 10000, long_text);
	h_check(hresp_count(&r, kept) == 1 && hresp_has(&r, "Texten nedan har kortats") &&
	                h_between(r.body.p, "id=\"komplettering\" name=\"meddelande\" required>",
	                          "</textarea>", other, sizeof(other)) &&
	                other[0] == 0,
	        "the message is kept, cut at the limit and saying so, in the message form only, "
	        "not in the completion request that shares its field name");
	hresp_free(&r);
	free(long_text);

	const char *const blank[] = {"meddelande", "   ", NULL};
	const char *const req_field[] = {"komplettering", NULL};
	const char *const req_msg[] = {"Skriv vad som behöver kompletteras", NULL};
	refused("a blank request for completion", officer, h_dnr("FRI", 2), "komplettering", blank,
	        req_field, req_msg, &r);
	hresp_free(&r);

	const char *const answer_field[] = {"svar", NULL};
	const char *const answer_msg[] = {"Skriv ett svar", NULL};
	refused("a blank answer to a request for completion", rep, h_dnr("FRI", 3), "komplettera",
	        blank, answer_field, answer_msg, &r);
	hresp_free(&r);
}

/* The completion answer with a page that pretends to be a PDF: refused
 * next to the file field, the answer kept. */
static void
document_error(void)
{
	char before[256], after[256], got[512];
	struct hstr b = {0};
	struct hresp r;
	static const char page[] = "<!DOCTYPE html><html><body><script>alert(1)</script>"
	                           "</body></html>";
	h_mp_field(&b, "csrf", h_csrf(rep));
	h_mp_field(&b, "meddelande", "Här är de antagna stadgarna.");
	h_mp_file(&b, "dokument", "stadgar.pdf", "application/pdf", page, sizeof(page) - 1);
	h_mp_end(&b);
	char path[96];
	snprintf(path, sizeof(path), "/arenden/%s/komplettera", h_dnr("FRI", 3));
	fingerprint(h_dnr("FRI", 3), before, sizeof(before));
	h_post_multipart(rep, path, &b, &r);
	fingerprint(h_dnr("FRI", 3), after, sizeof(after));
	h_check(r.status == 422 && h_field_error(&r, "fil", got, sizeof(got)) &&
	                hresp_has(&r, ">Här är de antagna stadgarna.</textarea>"),
	        "HTML sent as the completion's PDF: 422 next to the file field, the answer kept "
	        "(got %ld)",
	        r.status);
	h_check(strcmp(before, after) == 0,
	        "HTML sent as the completion's PDF: nothing is written");
	h_check(h_field_invalid(&r, "fil") && h_summary_links(&r, "fil") &&
	                hresp_has(&r, "id=\"meddelande\" name=\"meddelande\" required></textarea>"),
	        "the file field is marked and linked, and the message form, which shares the "
	        "answer's field name, stays empty");
	hresp_free(&r);
	hstr_free(&b);

	/* the upload form without a file: the kind chosen is kept */
	b = (struct hstr){0};
	h_mp_field(&b, "csrf", h_csrf(rep));
	h_mp_field(&b, "typ", "protokoll");
	h_mp_file(&b, "dokument", "", "application/octet-stream", "", 0);
	h_mp_end(&b);
	snprintf(path, sizeof(path), "/arenden/%s/dokument", h_dnr("FRI", 1));
	fingerprint(h_dnr("FRI", 1), before, sizeof(before));
	h_post_multipart(rep, path, &b, &r);
	fingerprint(h_dnr("FRI", 1), after, sizeof(after));
	h_check(r.status == 422 && h_field_error(&r, "dokument-fil", got, sizeof(got)) &&
	                strstr(got, "Välj en fil att ladda upp") &&
	                h_field_invalid(&r, "dokument-fil") &&
	                h_summary_links(&r, "dokument-fil") &&
	                hresp_has(&r, "<option value=\"protokoll\" selected>"),
	        "an upload without a file: 422 next to the file field, the kind kept (got %ld)",
	        r.status);
	h_check(strcmp(before, after) == 0, "an upload without a file: nothing is written");
	hresp_free(&r);
	hstr_free(&b);
}

static void
other_errors(void)
{
	struct hresp r;
	const char *const unconfirmed[] = {NULL};
	const char *const confirm_field[] = {"bekrafta", NULL};
	const char *const confirm_msg[] = {"Kryssa i rutan", NULL};
	refused("withdrawing without confirming", rep, h_dnr("FRI", 1), "aterkalla", unconfirmed,
	        confirm_field, confirm_msg, &r);
	hresp_free(&r);

	const char *const stranger[] = {"handlaggare", "999999", NULL};
	const char *const assign_field[] = {"handlaggare", NULL};
	const char *const assign_msg[] = {"Välj en handläggare på förvaltningen", NULL};
	refused("assigning to someone outside the department", officer, h_dnr("FRI", 1), "tilldela",
	        stranger, assign_field, assign_msg, &r);
	hresp_free(&r);

	/* a refusal that is about the case, not a field, names no field */
	const char *const pairs[] = {"meddelande", "Hej igen.", NULL};
	const char *const none[] = {NULL};
	refused("a message on a closed case", officer, h_dnr("FRI", 5), "meddelande", pairs, none,
	        none, &r);
	h_check(hresp_has(&r, "Ärendet är avslutat.") &&
	                hresp_count(&r, "class=\"field-error\"") == 0,
	        "a closed case says so in the summary and marks no field");
	hresp_free(&r);
}

/* --- the language switch of a refused action ---------------------------------- */

/* A page answered to a POST links its language switch to the form's own
 * page, never to the POST's address (which answers GET with 405): the case
 * page a refused action names, or else the page the form was on, as the
 * browser's Referer says (only its path counts). */
static void
language_after_refusal(void)
{
	struct hresp r;
	char lang[256], want[128];
	const char *const blank[] = {"meddelande", "  ", NULL};
	post(officer, h_dnr("FRI", 2), "meddelande", blank, &r);
	snprintf(want, sizeof(want), "/arenden/%s?lang=en", h_dnr("FRI", 2));
	h_check(r.status == 422 && h_lang_link(&r, lang, sizeof(lang)) && strcmp(lang, want) == 0,
	        "a refused message: English leads to %s (got %s)", want,
	        h_lang_link(&r, lang, sizeof(lang)) ? lang : "none");
	hresp_free(&r);
	h_get(officer, want, &r);
	h_check(r.status == 200 && hresp_has(&r, "Write a message"),
	        "and opens the case page in English (got %ld)", r.status);
	hresp_free(&r);
	snprintf(want, sizeof(want), "/arenden/%s?lang=sv", h_dnr("FRI", 2));
	h_get(officer, want, &r);
	hresp_free(&r);

	/* no handler names a page for a refused CSRF token: the Referer's path
	 * and query are used, never its host */
	char path[96], referer[256];
	snprintf(path, sizeof(path), "/arenden/%s/meddelande", h_dnr("FRI", 2));
	snprintf(referer, sizeof(referer),
	         "Referer: http://elsewhere.example/arenden/%s?x=1&lang=en", h_dnr("FRI", 2));
	const char *const headers[] = {referer, NULL};
	h_request(officer, "POST", path, "application/x-www-form-urlencoded", "meddelande=Hej", 14,
	          headers, &r);
	snprintf(want, sizeof(want), "/arenden/%s?x=1&lang=en", h_dnr("FRI", 2));
	h_check(r.status == 403 && h_lang_link(&r, lang, sizeof(lang)) && strcmp(lang, want) == 0,
	        "a POST refused for its token: English leads to the referring page %s (got %ld, "
	        "%s)",
	        want, r.status, h_lang_link(&r, lang, sizeof(lang)) ? lang : "none");
	hresp_free(&r);
	h_request(officer, "POST", path, "application/x-www-form-urlencoded", "meddelande=Hej", 14,
	          NULL, &r);
	h_check(r.status == 403 && h_lang_link(&r, lang, sizeof(lang)) &&
	                strcmp(lang, "/?lang=en") == 0,
	        "without a Referer, to the start page (got %s)",
	        h_lang_link(&r, lang, sizeof(lang)) ? lang : "none");
	hresp_free(&r);
}

/* --- confidentiality --------------------------------------------------------- */

/* The diary's row for a case, or "" when it is not listed. */
static const char *
diary_row(const char *d, char *out, size_t n)
{
	struct hresp r;
	char start[64];
	snprintf(start, sizeof(start), "<tr><td>%s</td>", d);
	h_get(anon, "/diarium", &r);
	if (!h_between(r.body.p, start, "</tr>", out, n))
		out[0] = 0;
	hresp_free(&r);
	return out;
}

static const char TITLE[] = "Årlig uppdatering med ny styrelse";
static const char BASIS[] = "26 kap. 1 § OSL";

static void
confidentiality(void)
{
	char row[1024], flag[16], q[160];
	struct hresp r;
	diary_row(h_dnr("FRI", 2), row, sizeof(row));
	h_check(strstr(row, TITLE) && strstr(row, "Fritidsförvaltningen"),
	        "before marking, the diary shows the case's description and department");

	const char *const no_basis[] = {"sekretess", "1", "grund", "  ", NULL};
	const char *const basis_field[] = {"grund", NULL};
	const char *const basis_msg[] = {"offentlighets- och sekretesslagen", NULL};
	refused("marking confidential without a provision", officer, h_dnr("FRI", 2), "sekretess",
	        no_basis, basis_field, basis_msg, &r);
	h_check(hresp_has(&r, "name=\"sekretess\" value=\"1\" aria-describedby=\"sekretess-hint\" "
	                      "checked"),
	        "the box stays ticked");
	hresp_free(&r);

	const char *const mark[] = {"sekretess", "1", "grund", BASIS, NULL};
	post(rep, h_dnr("FRI", 2), "sekretess", mark, &r);
	snprintf(q, sizeof(q), "SELECT confidential FROM cases WHERE diarienummer = '%s'",
	         h_dnr("FRI", 2));
	h_check((r.status == 403 || r.status == 404) && !strcmp(h_sql_line(q, flag, 16), "0"),
	        "the applicant cannot mark their case (got %ld)", r.status);
	hresp_free(&r);
	post(other_officer, h_dnr("FRI", 2), "sekretess", mark, &r);
	h_check(r.status == 404 && !strcmp(h_sql_line(q, flag, 16), "0"),
	        "an officer of another department gets 404 (got %ld)", r.status);
	hresp_free(&r);

	post(officer, h_dnr("FRI", 2), "sekretess", mark, &r);
	h_check(r.status == 303 && !strcmp(h_sql_line(q, flag, 16), "1"),
	        "the officer marks the case confidential (got %ld)", r.status);
	hresp_free(&r);
	diary_row(h_dnr("FRI", 2), row, sizeof(row));
	h_check(row[0] && !strstr(row, TITLE) && !strstr(row, "Fritidsförvaltningen") &&
	                !strstr(row, "Föreningen") && strstr(row, "Årlig uppdatering") &&
	                strstr(row, "Sekretess"),
	        "the diary shows only number, date and type");
	if (!row[0] || strstr(row, TITLE))
		h_note("diary row: %s", row);

	char path[64], want[128];
	snprintf(path, sizeof(path), "/arenden/%s", h_dnr("FRI", 2));
	h_get(officer, path, &r);
	snprintf(want, sizeof(want), "sekretessmarkerat (%s)", BASIS);
	h_check(hresp_has(&r, want) && hresp_has(&r, "Sekretessmarkerat (26 kap. 1 § OSL)"),
	        "the case page and its trail show the marking with its provision");
	hresp_free(&r);
	h_get(rep, path, &r);
	h_check(r.status == 200 && hresp_has(&r, TITLE),
	        "the applicant still reads their own case");
	h_check(!hresp_has(&r, "name=\"grund\""), "the applicant is not offered the marking form");
	hresp_free(&r);

	const char *const lift[] = {"grund", BASIS, NULL};
	post(officer, h_dnr("FRI", 2), "sekretess", lift, &r);
	h_check(r.status == 303 && !strcmp(h_sql_line(q, flag, 16), "0"),
	        "unticking the box lifts the marking (got %ld)", r.status);
	hresp_free(&r);
	diary_row(h_dnr("FRI", 2), row, sizeof(row));
	h_get(officer, path, &r);
	h_check(strstr(row, TITLE) && hresp_has(&r, "sekretessmarkering hävd"),
	        "the diary shows the description again, and the trail says the marking was lifted");
	hresp_free(&r);
}

/* An officer who represents the applying association is a party (jäv):
 * they see the case as an applicant and cannot decide it. */
static void
conflict_of_interest(void)
{
	char q[512], path[64];
	const char *const hello[] = {"meddelande", "Hej från föreningen.", NULL};
	const char *mails = "SELECT count(*) FROM outbox WHERE to_addr = "
	                    "'handlaggare@demo.samverka.se'";
	char n0[16], n1[16], n2[16];
	struct hresp m;
	h_sql_line(mails, n0, sizeof(n0));
	post(rep, h_dnr("FRI", 2), "meddelande", hello, &m);
	hresp_free(&m);
	h_sql_line(mails, n1, sizeof(n1));
	h_check(atoi(n1) == atoi(n0) + 1, "a message from the association mails its officer");
	snprintf(q, sizeof(q),
	         "INSERT INTO user_roles (user_id, role, association_id) SELECT o.id, "
	         "'representative', c.association_id FROM users o, cases c WHERE o.email = "
	         "'handlaggare@demo.samverka.se' AND c.diarienummer = '%s'",
	         h_dnr("FRI", 2));
	h_check(h_sql(q, NULL) == 0, "the demo officer also represents the applying association");
	struct hresp r;
	snprintf(path, sizeof(path), "/arenden/%s", h_dnr("FRI", 2));
	h_get(officer, path, &r);
	h_check(r.status == 200 && hresp_has(&r, "Du är part i ärendet") &&
	                !hresp_has(&r, "/beslut\"") && !hresp_has(&r, "/sekretess\""),
	        "the officer sees the case as a party, without the decision or marking forms");
	hresp_free(&r);
	const char *const decision[] = {
	        "utfall", "bifall", "motivering", "Bra ansökan.", "beslutsfattare",
	        "Hamid",  "datum",  "2026-03-12", "referens",     "FRI 2026-03-12 § 1",
	        NULL};
	const char *const none[] = {NULL};
	refused("a decision by an officer who is a party", officer, h_dnr("FRI", 2), "beslut",
	        decision, none, none, &r);
	h_check(hresp_has(&r, "får därför inte handlägga det (jäv)"), "the refusal says why");
	hresp_free(&r);
	post(rep, h_dnr("FRI", 2), "meddelande", hello, &m);
	hresp_free(&m);
	h_sql_line(mails, n2, sizeof(n2));
	h_check(atoi(n2) == atoi(n1), "the officer who is a party gets no officer's mail about it");
	snprintf(q, sizeof(q),
	         "DELETE FROM user_roles WHERE role = 'representative' AND user_id = (SELECT id "
	         "FROM users WHERE email = 'handlaggare@demo.samverka.se')");
	h_check(h_sql(q, NULL) == 0, "the extra role is taken away again");
}

int
main(void)
{
	h_start();
	officer = h_client();
	rep = h_client();
	other_officer = h_client();
	anon = h_client();
	h_check(h_login(officer, "officer") == 303 && h_login(rep, "representative") == 303,
	        "the demo officer and representative sign in");
	h_check(h_user_add("kultur@example.se", "Kim Kultur", "officer", "KUL",
	                   "kultur-losenord-2026") == 0 &&
	                h_login_as(other_officer, "kultur@example.se", "kultur-losenord-2026") ==
	                        303,
	        "an officer of the culture department signs in");

	decision_errors();
	message_errors();
	document_error();
	other_errors();
	language_after_refusal();
	confidentiality();
	conflict_of_interest();
	struct hclient *all[] = {officer, rep, other_officer, anon};
	for (size_t i = 0; i < sizeof(all) / sizeof(all[0]); i++)
		h_client_free(all[i]);
	return h_finish();
}
