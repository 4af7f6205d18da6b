/* A resident's own account and the invitations that make them a
 * representative: signing up at /skapa-konto, the JSON download of
 * everything held about them, deleting the account (the case records stay,
 * as archive law requires, without the link to the account), and a
 * representative inviting someone by mail with a token that works once and
 * for 14 days. */
#include "harness.h"

#include <ctype.h>
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

/* The smallest file the server takes for a PDF: it is checked by content. */
static const char PDF[] = "%PDF-1.4\n1 0 obj\n<< /Type /Catalog >>\nendobj\n"
                          "trailer\n<< /Root 1 0 R >>\n%%EOF\n";
static const char NAME[] = "Selma Sökande";
static const char EMAIL[] = "selma@example.se";
static const char PASSWORD[] = "selma-losenord-2026";
static const char ASSOC_NAME[] = "Kvarngärdets brädspelsförening";
static const char MESSAGE[] = "Vi har antagit nya stadgar, vill ni ha dem nu?";
static const char OFFICER_MESSAGE[] = "Tack, vi återkommer inom två veckor.";
static const char ARCHIVE[] = "är allmänna handlingar och sparas enligt arkivlagen";

static char assoc_id[16], assoc_name[256], other_assoc[16], rep_id[16], user_id[16];
static char case_dnr[32];
static struct hclient *selma, *rep, *officer, *anon;

/* --- small helpers -------------------------------------------------------- */

/* A count (or any number) from SQL; -1 when the query fails. */
static long
sql_num(const char *q)
{
	char v[64];
	return h_sql_line(q, v, sizeof(v)) && v[0] ? strtol(v, NULL, 10) : -1;
}

/* The invitations and the outbox: what a refused invitation must not touch. */
static const char *
invite_writes(char *out, size_t n)
{
	return h_sql_line(
	        "SELECT (SELECT count(*) FROM invitations), (SELECT count(*) FROM outbox)", out, n);
}

/* 1 when the page sends this client to sign in: it is not signed in. */
static int
asks_sign_in(struct hclient *c, const char *path)
{
	struct hresp r;
	char loc[256];
	h_get(c, path, &r);
	int yes = r.status == 303 && hresp_header(&r, "Location", loc, sizeof(loc)) &&
	          strncmp(loc, "/logga-in", 9) == 0;
	hresp_free(&r);
	return yes;
}

/* The sign-up form as a browser sends it. */
static void
sign_up(struct hclient *c, const char *email, const char *name, const char *pw, struct hresp *r)
{
	struct hstr f = {0};
	h_form_add(&f, "csrf", h_csrf(c));
	h_form_add(&f, "epost", email);
	h_form_add(&f, "namn", name);
	h_form_add(&f, "losenord", pw);
	h_post(c, "/skapa-konto", f.p, r);
	hstr_free(&f);
}

/* POST /foreningar/{id}/bjud-in with an address. */
static void
invite(struct hclient *c, const char *id, const char *email, struct hresp *r)
{
	char path[64];
	struct hstr f = {0};
	snprintf(path, sizeof(path), "/foreningar/%s/bjud-in", id);
	h_form_add(&f, "csrf", h_csrf(c));
	h_form_add(&f, "epost", email);
	h_post(c, path, f.p, r);
	hstr_free(&f);
}

/* POST /inbjudan/{token}, with the client's CSRF token or without one. */
static long
accept_invitation(struct hclient *c, const char *token, int with_csrf)
{
	char path[64];
	struct hstr f = {0};
	struct hresp r;
	snprintf(path, sizeof(path), "/inbjudan/%s", token);
	h_form_add(&f, "csrf", with_csrf ? h_csrf(c) : "");
	h_post(c, path, f.p, &r);
	hstr_free(&f);
	long st = r.status;
	hresp_free(&r);
	return st;
}

/* The status of GET /inbjudan/{token}. */
static long
open_invitation(struct hclient *c, const char *token)
{
	char path[64];
	snprintf(path, sizeof(path), "/inbjudan/%s", token);
	return h_get_status(c, path);
}

/* The token in the newest mail to an address: 32 hex digits after
 * /inbjudan/ and nothing more. 1 when found. */
static int
mailed_token(const char *to, char token[33])
{
	char q[256];
	struct hstr out = {0};
	snprintf(q, sizeof(q), "SELECT body FROM outbox WHERE to_addr = '%s' ORDER BY id DESC", to);
	const char *p = h_sql(q, &out) == 0 && out.p ? strstr(out.p, "/inbjudan/") : NULL;
	int n = 0;
	if (p)
		for (p += strlen("/inbjudan/"); n < 32 && isxdigit((unsigned char)p[n]); n++)
			token[n] = p[n];
	token[n] = 0;
	int ok = p && n == 32 && !isxdigit((unsigned char)p[n]);
	hstr_free(&out);
	return ok;
}

/* Selma applies to register an association; the case's number from the
 * redirect, into case_dnr. */
static long
register_association(void)
{
	char area[16], orgnr[12], loc[256];
	struct hstr b = {0};
	struct hresp r;
	h_sql_line("SELECT min(id) FROM areas", area, sizeof(area));
	h_orgnr("802711002", orgnr);
	h_mp_field(&b, "csrf", h_csrf(selma));
	h_mp_field(&b, "namn", ASSOC_NAME);
	h_mp_field(&b, "form", "ideell");
	h_mp_field(&b, "organisationsnummer", orgnr);
	h_mp_field(&b, "andamal", "Brädspel för alla åldrar i Kvarngärdet.");
	h_mp_field(&b, "epost", "styrelsen@kvarngardet.example");
	h_mp_field(&b, "omrade", area);
	h_mp_field(&b, "styrelse", "Selma Sökande, ordförande\nOlle Tärning, kassör\n");
	h_mp_field(&b, "offentlig", "1");
	h_mp_file(&b, "stadgar", "stadgar.pdf", "application/pdf", PDF, strlen(PDF));
	h_mp_file(&b, "protokoll", "arsmote.pdf", "application/pdf", PDF, strlen(PDF));
	h_mp_end(&b);
	h_post_multipart(selma, "/registrera-forening", &b, &r);
	hstr_free(&b);
	case_dnr[0] = 0;
	if (r.status == 303 && hresp_header(&r, "Location", loc, sizeof(loc)))
		sscanf(loc, "/arenden/%31[^?]", case_dnr);
	long st = r.status;
	hresp_free(&r);
	return st;
}

/* A message on Selma's case. */
static long
post_message(struct hclient *c, const char *text)
{
	char path[96];
	struct hstr f = {0};
	struct hresp r;
	snprintf(path, sizeof(path), "/arenden/%s/meddelande", case_dnr);
	h_form_add(&f, "csrf", h_csrf(c));
	h_form_add(&f, "meddelande", text);
	h_post(c, path, f.p, &r);
	hstr_free(&f);
	long st = r.status;
	hresp_free(&r);
	return st;
}

/* --- 1. signing up -------------------------------------------------------- */

/* Refused sign-ups keep what was typed and store nothing; a good one
 * signs Selma in. */
static void
sign_up_checks(void)
{
	struct hresp r;
	char got[256], q[160];
	long users = sql_num("SELECT count(*) FROM users");
	struct hclient *c = h_client();

	sign_up(c, "inte-en-adress", "", "hemlig1", &r);
	h_check(r.status == 422 && hresp_has(&r, "error-summary"),
	        "sign-up with every field wrong: 422 (got %ld)", r.status);
	h_check(h_field_error(&r, "epost", got, sizeof(got)) && strstr(got, "namn@exempel.se") &&
	                h_field_error(&r, "namn", got, sizeof(got)) &&
	                strstr(got, "Skriv ditt namn") &&
	                h_field_error(&r, "losenord", got, sizeof(got)) &&
	                strstr(got, "10 till 256 tecken"),
	        "each message is next to its field");
	h_check(hresp_has(&r, "value=\"inte-en-adress\"") && !hresp_has(&r, "hemlig1"),
	        "the typed address is kept, the password is not sent back");
	h_check(h_field_invalid(&r, "epost") && h_field_invalid(&r, "namn") &&
	                h_field_invalid(&r, "losenord") && h_summary_links(&r, "epost") &&
	                h_summary_links(&r, "namn") && h_summary_links(&r, "losenord"),
	        "each field is aria-invalid and the summary links to it");
	hresp_free(&r);

	sign_up(c, EMAIL, NAME, "kort", &r);
	h_check(r.status == 422 && h_field_error(&r, "losenord", got, sizeof(got)) &&
	                !h_field_error(&r, "epost", got, sizeof(got)) &&
	                !h_field_error(&r, "namn", got, sizeof(got)),
	        "a short password alone: 422 next to the password only (got %ld)", r.status);
	snprintf(q, sizeof(q), "value=\"%s\"", NAME);
	h_check(hresp_has(&r, "value=\"selma@example.se\"") && hresp_has(&r, q),
	        "the address and name are kept");
	hresp_free(&r);
	h_check(sql_num("SELECT count(*) FROM users") == users && asks_sign_in(c, "/mina-sidor"),
	        "refused sign-ups store no account and sign nobody in");

	sign_up(c, "Forening@Demo.Samverka.se", "Fia Dubblett", "dubblett-losenord-2026", &r);
	h_check(r.status == 422 && h_field_error(&r, "epost", got, sizeof(got)) &&
	                strstr(got, "Det finns redan ett konto"),
	        "an address already in use (in other letter case) is refused next to the address "
	        "(got %ld)",
	        r.status);
	hresp_free(&r);
	h_check(sql_num("SELECT count(*) FROM users") == users && asks_sign_in(c, "/mina-sidor"),
	        "the duplicate stores nothing and signs nobody in");
	h_client_free(c);

	sign_up(selma, EMAIL, NAME, PASSWORD, &r);
	h_check(r.status == 303 && hresp_header(&r, "Location", got, sizeof(got)) &&
	                strcmp(got, "/mina-sidor") == 0,
	        "a good sign-up goes to Mina sidor (got %ld)", r.status);
	hresp_free(&r);
	h_get(selma, "/mina-sidor", &r);
	snprintf(q, sizeof(q), "Inloggad som %s (%s).", NAME, EMAIL);
	h_check(r.status == 200 && hresp_has(&r, q), "and the new account is signed in (%ld)",
	        r.status);
	hresp_free(&r);
	snprintf(q, sizeof(q), "SELECT id FROM users WHERE email = '%s'", EMAIL);
	h_check(h_sql_line(q, user_id, sizeof(user_id)) && user_id[0] &&
	                sql_num("SELECT count(*) FROM users") == users + 1,
	        "one account is stored (id %s)", user_id);
}

/* --- 4. invitations -------------------------------------------------------- */

/* An invitation the server must refuse with 422 next to the field. */
static void
bad_address(const char *email)
{
	char before[64], after[64], got[256], field[32], tag[512], want[160];
	struct hresp r;
	snprintf(field, sizeof(field), "bjud-%s", assoc_id);
	invite_writes(before, sizeof(before));
	invite(rep, assoc_id, email, &r);
	invite_writes(after, sizeof(after));
	h_check(r.status == 422 && h_field_error(&r, field, got, sizeof(got)) &&
	                strstr(got, "e-postadress"),
	        "inviting \"%s\": 422 with the reason next to #%s (got %ld)", email, field,
	        r.status);
	char start[48];
	snprintf(start, sizeof(start), "<input id=\"%s\"", field);
	snprintf(want, sizeof(want), "value=\"%s\"", email);
	h_check(h_between(r.body.p, start, ">", tag, sizeof(tag)) && strstr(tag, want) &&
	                (!*email || hresp_count(&r, want) == 1),
	        "inviting \"%s\": the typed value is kept in the field, and in no other form",
	        email);
	h_check(strcmp(before, after) == 0, "inviting \"%s\": no invitation and no mail", email);
	h_check(h_field_invalid(&r, field) && h_summary_links(&r, field),
	        "inviting \"%s\": #%s is aria-invalid and the summary links to it", email, field);
	hresp_free(&r);
}

/* Who may not invite: nothing written, and 403 or 404. */
static void
not_allowed(const char *who, struct hclient *c, const char *id, long want)
{
	char before[64], after[64];
	struct hresp r;
	invite_writes(before, sizeof(before));
	invite(c, id, "nagon@example.se", &r);
	invite_writes(after, sizeof(after));
	h_check(r.status == want && strcmp(before, after) == 0,
	        "%s cannot invite: %ld and nothing written (got %ld)", who, want, r.status);
	hresp_free(&r);
}

/* The demo representative invites Selma, who accepts once. */
static void
invitations(void)
{
	struct hresp r;
	char q[256], row[256], want[256], token[33];
	h_sql_line("SELECT ur.association_id, u.id FROM user_roles ur JOIN users u ON "
	           "u.id = ur.user_id WHERE u.email = 'forening@demo.samverka.se' AND "
	           "ur.role = 'representative'",
	           row, sizeof(row));
	sscanf(row, "%15[^|]|%15s", assoc_id, rep_id);
	snprintf(q, sizeof(q), "SELECT name FROM associations WHERE id = %s", assoc_id);
	h_sql_line(q, assoc_name, sizeof(assoc_name));
	snprintf(q, sizeof(q), "SELECT min(id) FROM associations WHERE id <> %s", assoc_id);
	h_sql_line(q, other_assoc, sizeof(other_assoc));
	h_check(assoc_name[0] && other_assoc[0], "the demo representative represents %s (%s)",
	        assoc_name, assoc_id);

	bad_address("inte-en-adress");
	bad_address("");

	h_get(selma, "/mina-sidor", &r);
	h_check(hresp_has(&r, "Du företräder ingen förening."),
	        "before the invitation Selma represents nothing");
	hresp_free(&r);
	not_allowed("a person who represents nothing", selma, assoc_id, 403);
	not_allowed("an officer", officer, assoc_id, 403);

	long invitations = sql_num("SELECT count(*) FROM invitations");
	long mails = sql_num("SELECT count(*) FROM outbox");
	invite(rep, assoc_id, "Selma@Example.SE", &r);
	h_check(r.status == 303 && hresp_header(&r, "Location", q, sizeof(q)) &&
	                strncmp(q, "/mina-sidor?", 12) == 0,
	        "a good address: 303 to Mina sidor (got %ld)", r.status);
	hresp_free(&r);
	h_get(rep, "/mina-sidor?inbjudan=skickad", &r);
	h_check(r.status == 200 && hresp_has(&r, "Inbjudan är skickad."),
	        "Mina sidor says the invitation is sent");
	hresp_free(&r);
	h_check(sql_num("SELECT count(*) FROM invitations") == invitations + 1 &&
	                sql_num("SELECT count(*) FROM outbox") == mails + 1,
	        "one invitation and one mail are stored");
	h_sql_line("SELECT association_id, email, invited_by FROM invitations ORDER BY id DESC",
	           row, sizeof(row));
	snprintf(want, sizeof(want), "%s|%s|%s", assoc_id, EMAIL, rep_id);
	h_check(strcmp(row, want) == 0,
	        "the invitation names the association, the address as accounts keep it, and the "
	        "sender (%s)",
	        row);
	snprintf(q, sizeof(q),
	         "SELECT count(*) FROM outbox WHERE to_addr = '%s' AND subject = 'Inbjudan att "
	         "företräda en förening'",
	         EMAIL);
	h_check(sql_num(q) == 1 && mailed_token(EMAIL, token),
	        "the mail goes to Selma with a link /inbjudan/ and a 32-hex token");
	snprintf(q, sizeof(q), "SELECT count(*) FROM invitations WHERE token_hash = '%s'", token);
	h_check(sql_num(q) == 0, "the token is not stored as it was sent");

	snprintf(q, sizeof(q), "/inbjudan/%s", token);
	h_get(anon, q, &r);
	snprintf(want, sizeof(want), "/skapa-konto?till=/inbjudan/%s", token);
	h_check(r.status == 200 && hresp_has(&r, assoc_name) && hresp_has(&r, want) &&
	                !hresp_has(&r, "Tacka ja"),
	        "an anonymous visitor sees the association and is asked to sign in or sign up");
	hresp_free(&r);
	h_get(selma, q, &r);
	snprintf(want, sizeof(want), "action=\"/inbjudan/%s\"", token);
	h_check(r.status == 200 && hresp_has(&r, assoc_name) && hresp_has(&r, want),
	        "Selma sees the association and the button to accept (got %ld)", r.status);
	hresp_free(&r);
	h_get(officer, q, &r);
	h_check(r.status == 200 && hresp_has(&r, "en annan e-postadress") && !hresp_has(&r, want),
	        "someone signed in with another address is told the invitation is not theirs, "
	        "and offered no button");
	hresp_free(&r);
	snprintf(q, sizeof(q),
	         "SELECT count(*) FROM user_roles ur JOIN users u ON u.id = ur.user_id "
	         "WHERE u.email = 'handlaggare@demo.samverka.se' AND ur.role = 'representative'");
	h_check(accept_invitation(officer, token, 1) == 403 && sql_num(q) == 0,
	        "a forwarded link cannot be accepted by another account (403, no role)");

	snprintf(q, sizeof(q),
	         "SELECT count(*) FROM user_roles WHERE user_id = %s AND role = 'representative' "
	         "AND association_id = %s",
	         user_id, assoc_id);
	h_check(accept_invitation(selma, token, 0) == 403 && sql_num(q) == 0,
	        "accepting without the CSRF token is refused");
	h_check(accept_invitation(selma, token, 1) == 303 && sql_num(q) == 1,
	        "accepting makes Selma a representative");
	h_get(selma, "/mina-sidor", &r);
	snprintf(want, sizeof(want), "action=\"/foreningar/%s/bjud-in\"", assoc_id);
	h_check(hresp_has(&r, assoc_name) && hresp_has(&r, want) &&
	                !hresp_has(&r, "Du företräder ingen förening."),
	        "Mina sidor lists the association with its invitation form");
	hresp_free(&r);

	h_check(open_invitation(selma, token) == 404 && accept_invitation(selma, token, 1) == 404,
	        "the used token answers 404");
	h_check(open_invitation(anon, "0123456789abcdef0123456789abcdef") == 404 &&
	                accept_invitation(selma, "0123456789abcdef0123456789abcdef", 1) == 404 &&
	                open_invitation(anon, "abc") == 404,
	        "a made-up token answers 404");
	not_allowed("a representative of another association", selma, other_assoc, 404);
}

/* "Tacka ja" clicked many times at once: one click accepts, the others
 * find the invitation used (404); none fails with a 500. Each click comes
 * from its own process and session, as from several tabs. */
static void
double_click(void)
{
	enum { CLICKS = 6 };
	struct hresp r;
	char token[33];
	invite(rep, assoc_id, EMAIL, &r);
	hresp_free(&r);
	h_check(mailed_token(EMAIL, token), "a new invitation goes to Selma");
	struct hclient *tabs[CLICKS];
	for (int i = 0; i < CLICKS; i++) {
		tabs[i] = h_client();
		h_login_as(tabs[i], EMAIL, PASSWORD);
		h_csrf(tabs[i]);
	}
	fflush(stdout);
	pid_t pids[CLICKS];
	for (int i = 0; i < CLICKS; i++)
		if ((pids[i] = fork()) == 0) {
			long st = accept_invitation(tabs[i], token, 1);
			_exit(st == 303 ? 0 : st == 404 ? 1 : 2);
		}
	int accepted = 0, used = 0, other = 0;
	for (int i = 0; i < CLICKS; i++) {
		int status = 0;
		waitpid(pids[i], &status, 0);
		int code = WIFEXITED(status) ? WEXITSTATUS(status) : 2;
		accepted += code == 0;
		used += code == 1;
		other += code == 2;
	}
	h_check(accepted == 1 && used == CLICKS - 1 && other == 0,
	        "%d clicks at once: one accepts, the rest get 404 (%d, %d, %d other)", CLICKS,
	        accepted, used, other);
	for (int i = 0; i < CLICKS; i++)
		h_client_free(tabs[i]);
}

/* An invitation is good for 14 days. */
static void
expiry(void)
{
	struct hresp r;
	char token[33], id[16], q[160];
	invite(rep, assoc_id, "nils@example.se", &r);
	hresp_free(&r);
	h_sql_line("SELECT max(id) FROM invitations", id, sizeof(id));
	h_check(mailed_token("nils@example.se", token), "a second invitation goes to Nils");
	snprintf(q, sizeof(q),
	         "UPDATE invitations SET created = created - 13 * 86400 WHERE id = %s", id);
	h_check(h_sql(q, NULL) == 0 && open_invitation(anon, token) == 200,
	        "13 days on, the invitation still opens");
	snprintf(q, sizeof(q), "UPDATE invitations SET created = created - 2 * 86400 WHERE id = %s",
	         id);
	h_sql(q, NULL);
	snprintf(q, sizeof(q),
	         "SELECT count(*) FROM user_roles ur JOIN users u ON u.id = ur.user_id "
	         "WHERE u.email = 'handlaggare@demo.samverka.se' AND ur.role = 'representative'");
	h_check(open_invitation(anon, token) == 404 &&
	                accept_invitation(officer, token, 1) == 404 && sql_num(q) == 0,
	        "15 days on, it answers 404 and cannot be accepted");
}

/* --- 2. the download of one's own data ------------------------------------ */

/* A string member of an object, or "". */
static const char *
str_of(json_t *o, const char *k)
{
	const char *s = json_string_value(json_object_get(o, k));
	return s ? s : "";
}

/* How many objects of an array have k equal to v. */
static size_t
count_in(json_t *arr, const char *k, const char *v)
{
	size_t i, n = 0;
	json_t *o;
	json_array_foreach(arr, i, o) if (strcmp(str_of(o, k), v) == 0) n++;
	return n;
}

/* Selma's download after she has applied and written: hers and nobody
 * else's, and nothing for an anonymous visitor. */
static void
data_export(void)
{
	struct hresp r;
	char v[256];
	h_check(register_association() == 303 && case_dnr[0],
	        "Selma applies to register %s (case %s)", ASSOC_NAME, case_dnr);
	h_check(post_message(selma, MESSAGE) == 303 &&
	                post_message(officer, OFFICER_MESSAGE) == 303,
	        "Selma and the officer write on the case");

	h_get(selma, "/mina-sidor/mina-uppgifter.json", &r);
	json_error_t err;
	json_t *j = r.status == 200 ? json_loads(r.body.p, 0, &err) : NULL;
	h_check(j && json_is_object(j), "the download is a JSON object (got %ld)", r.status);
	h_check(hresp_header(&r, "Content-Type", v, sizeof(v)) &&
	                strncmp(v, "application/json", 16) == 0,
	        "Content-Type application/json (%s)", v);
	h_check(hresp_header(&r, "Content-Disposition", v, sizeof(v)) &&
	                strncmp(v, "attachment", 10) == 0 && strstr(v, "mina-uppgifter.json"),
	        "it is offered as the file mina-uppgifter.json");
	h_check(hresp_header(&r, "Cache-Control", v, sizeof(v)) && strcmp(v, "no-store") == 0,
	        "Cache-Control: no-store");

	json_t *acct = json_object_get(j, "konto");
	h_check(!strcmp(str_of(acct, "epost"), EMAIL) && !strcmp(str_of(acct, "namn"), NAME),
	        "it holds Selma's own address and name");
	json_t *roles = json_object_get(j, "roller");
	h_check(json_array_size(roles) == 1 &&
	                !strcmp(str_of(json_array_get(roles, 0), "roll"), "representative") &&
	                !strcmp(str_of(json_array_get(roles, 0), "forening"), assoc_name),
	        "her one role: representative of %s", assoc_name);
	json_t *cases = json_object_get(j, "arenden");
	json_t *c0 = json_array_get(cases, 0);
	h_check(json_array_size(cases) == 1 && !strcmp(str_of(c0, "diarienummer"), case_dnr) &&
	                strstr(str_of(c0, "rubrik"), ASSOC_NAME) &&
	                strstr(str_of(c0, "uppgifter"), "Olle Tärning"),
	        "her one case, %s, with the board she sent", case_dnr);
	json_t *msgs = json_object_get(j, "meddelanden");
	h_check(json_array_size(msgs) == 1 && count_in(msgs, "text", MESSAGE) == 1 &&
	                count_in(msgs, "diarienummer", case_dnr) == 1,
	        "her message on the case, and not the officer's");
	json_t *docs = json_object_get(j, "dokument");
	h_check(json_array_size(docs) == 2 && count_in(docs, "filnamn", "stadgar.pdf") == 1 &&
	                count_in(docs, "filnamn", "arsmote.pdf") == 1,
	        "the two documents she sent");
	json_t *invs = json_object_get(j, "inbjudningar");
	h_check(json_array_size(invs) >= 1 &&
	                count_in(invs, "forening", assoc_name) == json_array_size(invs),
	        "the invitations sent to her (%zu), to %s", json_array_size(invs), assoc_name);
	json_t *mails = json_object_get(j, "utskick");
	h_check(count_in(mails, "amne", "Inbjudan att företräda en förening") ==
	                json_array_size(invs),
	        "and the mails sent to her, one per invitation");
	char demo_case[32];
	snprintf(demo_case, sizeof(demo_case), "%.9s0001", case_dnr);
	h_check(!hresp_has(&r, "forening@demo.samverka.se") &&
	                !hresp_has(&r, "handlaggare@demo.samverka.se") &&
	                !hresp_has(&r, OFFICER_MESSAGE) && !hresp_has(&r, demo_case) &&
	                !hresp_has(&r, "$argon2"),
	        "nothing of anyone else (the demo representative, the officer, the demo case %s) "
	        "and no password hash",
	        demo_case);
	json_decref(j);
	hresp_free(&r);

	h_get(rep, "/mina-sidor/mina-uppgifter.json", &r);
	h_check(r.status == 200 && hresp_has(&r, "forening@demo.samverka.se") &&
	                !hresp_has(&r, EMAIL) && !hresp_has(&r, MESSAGE) &&
	                !hresp_has(&r, case_dnr),
	        "the demo representative's download holds nothing of Selma's");
	hresp_free(&r);

	h_get(anon, "/mina-sidor/mina-uppgifter.json", &r);
	h_check(r.status == 303 && hresp_header(&r, "Location", v, sizeof(v)) &&
	                strncmp(v, "/logga-in?till=", 15) == 0 && !hresp_has(&r, "epost") &&
	                !hresp_has(&r, EMAIL),
	        "an anonymous visitor is sent to sign in, with no data (got %ld)", r.status);
	hresp_free(&r);
}

/* --- 3. deleting the account ----------------------------------------------- */

/* What the archive keeps of the case: its messages, documents and trail. */
static const char *
case_records(char *out, size_t n)
{
	char q[512];
	snprintf(q, sizeof(q),
	         "SELECT (SELECT count(*) FROM case_messages m WHERE m.case_id = c.id), "
	         "(SELECT count(*) FROM case_documents d WHERE d.case_id = c.id), "
	         "(SELECT count(*) FROM case_events e WHERE e.case_id = c.id), c.status "
	         "FROM cases c WHERE c.diarienummer = '%s'",
	         case_dnr);
	return h_sql_line(q, out, n);
}

/* POST /mina-sidor/radera-konto with a password. */
static void
delete_account(struct hclient *c, const char *pw, struct hresp *r)
{
	struct hstr f = {0};
	h_form_add(&f, "csrf", h_csrf(c));
	h_form_add(&f, "losenord", pw);
	h_post(c, "/mina-sidor/radera-konto", f.p, r);
	hstr_free(&f);
}

/* A wrong password deletes nothing; the right one removes the account
 * and keeps the case for the officer. */
static void
deletion(void)
{
	struct hresp r;
	char got[256], q[256], before[128], after[128];
	h_get(selma, "/mina-sidor", &r);
	h_check(hresp_has(&r, ARCHIVE) && hresp_has(&r, "action=\"/mina-sidor/radera-konto\""),
	        "Mina sidor says case records are kept by archive law, above the delete form");
	hresp_free(&r);
	case_records(before, sizeof(before));
	int files_before = h_count_files(h_files());

	delete_account(selma, "fel-losenord-2026", &r);
	h_check(r.status == 422 && h_field_error(&r, "radera-losenord", got, sizeof(got)) &&
	                strstr(got, "Fel lösenord") &&
	                hresp_has(&r, "<a href=\"#radera-losenord\">"),
	        "a wrong password: 422 with \"Fel lösenord\" next to the field (got %ld)",
	        r.status);
	h_check(h_field_invalid(&r, "radera-losenord") && !hresp_has(&r, "fel-losenord-2026"),
	        "the password field is aria-invalid and the typed password is not sent back");
	hresp_free(&r);
	snprintf(q, sizeof(q), "SELECT count(*) FROM users WHERE id = %s", user_id);
	struct hclient *second = h_client();
	h_check(sql_num(q) == 1 && h_login_as(second, EMAIL, PASSWORD) == 303,
	        "the account still exists and signs in");

	delete_account(selma, PASSWORD, &r);
	h_check(r.status == 303 && hresp_header(&r, "Location", got, sizeof(got)) &&
	                strcmp(got, "/?konto=raderat") == 0,
	        "the right password: 303 to the start page (got %ld)", r.status);
	hresp_free(&r);
	h_check(asks_sign_in(selma, "/mina-sidor") && asks_sign_in(second, "/mina-sidor"),
	        "the session ends, on the other device too: Mina sidor asks to sign in");
	struct hclient *c = h_client();
	h_check(h_login_as(c, EMAIL, PASSWORD) != 303, "the old password no longer signs in");
	h_client_free(c);

	char roles[128], sessions[128];
	snprintf(roles, sizeof(roles), "SELECT count(*) FROM user_roles WHERE user_id = %s",
	         user_id);
	snprintf(sessions, sizeof(sessions), "SELECT count(*) FROM sessions WHERE user_id = %s",
	         user_id);
	h_check(sql_num(q) == 0 && sql_num(roles) == 0 && sql_num(sessions) == 0,
	        "the account, its roles and its sessions are gone");
	case_records(after, sizeof(after));
	h_check(strcmp(before, after) == 0 && h_count_files(h_files()) == files_before,
	        "the case's messages, documents, files and trail remain (%s)", after);
	snprintf(q, sizeof(q),
	         "SELECT (SELECT count(*) FROM invitations WHERE lower(email) = '%s') + "
	         "(SELECT count(*) FROM outbox WHERE lower(to_addr) = '%s')",
	         EMAIL, EMAIL);
	h_check(sql_num(q) == 0, "the invitations and mails to her address are gone too");
	snprintf(q, sizeof(q),
	         "SELECT count(*) FROM cases WHERE diarienummer = '%s' AND applicant_id IS NULL",
	         case_dnr);
	h_check(sql_num(q) == 1, "the case no longer names an applicant account");

	char path[96];
	snprintf(path, sizeof(path), "/arenden/%s", case_dnr);
	h_get(officer, path, &r);
	h_check(r.status == 200 && hresp_has(&r, MESSAGE) && hresp_has(&r, OFFICER_MESSAGE) &&
	                hresp_has(&r, "<dt>Sökande</dt><dd>–</dd>") &&
	                hresp_has(&r, ">stadgar.pdf</a>"),
	        "the officer opens the case with its messages and documents (got %ld)", r.status);
	hresp_free(&r);
	snprintf(q, sizeof(q),
	         "SELECT min(d.id) FROM case_documents d JOIN cases c ON c.id = d.case_id "
	         "WHERE c.diarienummer = '%s'",
	         case_dnr);
	snprintf(path, sizeof(path), "/arenden/%s/dokument/%ld", case_dnr, sql_num(q));
	h_get(officer, path, &r);
	h_check(r.status == 200 && r.body.n == strlen(PDF) && !memcmp(r.body.p, PDF, r.body.n),
	        "and downloads a document (got %ld)", r.status);
	hresp_free(&r);
	h_check(post_message(officer, "Ärendet handläggs vidare.") == 303,
	        "and can still write on the case, with no applicant to notify");

	/* the address is free again, but a new account is a new person */
	struct hclient *again = h_client();
	sign_up(again, EMAIL, NAME, "nytt-losenord-2026", &r);
	hresp_free(&r);
	h_get(again, "/mina-sidor", &r);
	h_check(r.status == 200 && hresp_has(&r, "Du har inga ärenden.") &&
	                hresp_has(&r, "Du företräder ingen förening."),
	        "a new account with the same address inherits no case and no role");
	hresp_free(&r);
	snprintf(path, sizeof(path), "/arenden/%s", case_dnr);
	h_get(again, path, &r);
	h_check(r.status == 404, "nor can it open the old case (got %ld)", r.status);
	hresp_free(&r);
	h_client_free(again);
	h_client_free(second);
}

/* Sign up first; the invitation makes Selma a representative, so her
 * download has a role to show and her deletion one to remove. */
int
main(void)
{
	h_serve_own_files();
	h_start();
	selma = h_client();
	rep = h_client();
	officer = h_client();
	anon = h_client();
	h_check(h_login(rep, "representative") == 303 && h_login(officer, "officer") == 303,
	        "the demo representative and officer sign in");

	sign_up_checks();
	invitations();
	double_click();
	expiry();
	data_export();
	deletion();

	struct hclient *all[] = {selma, rep, officer, anon};
	for (size_t i = 0; i < sizeof(all) / sizeof(all[0]); i++)
		h_client_free(all[i]);
	return h_finish();
}
