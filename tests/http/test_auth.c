/* Signing in and out, CSRF, throttling and who may open what. */
#include "harness.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* POSTs a login form; csrf NULL leaves the field out. */
static void
post_login(struct hclient *c, const char *csrf, const char *email, const char *pw, const char *till,
           struct hresp *r)
{
	struct hstr f = {0};
	if (csrf)
		h_form_add(&f, "csrf", csrf);
	h_form_add(&f, "epost", email);
	h_form_add(&f, "losenord", pw);
	if (till)
		h_form_add(&f, "till", till);
	h_post(c, "/logga-in", f.p, r);
	hstr_free(&f);
}

static int
is_no_store(const struct hresp *r)
{
	char v[128];
	const char *cc = hresp_header(r, "Cache-Control", v, sizeof(v));
	return cc && strstr(cc, "no-store") != NULL;
}

/* Wrong password, unknown account, and a right one. */
static void
login_and_pages(void)
{
	const struct huser *admin = h_user("admin");
	struct hclient *c = h_client();
	struct hresp r;
	char v[512];

	h_get(c, "/logga-in", &r);
	h_check(r.status == 200 && hresp_has(&r, "name=\"losenord\""),
	        "GET /logga-in shows the form");
	h_check(hresp_header(&r, "Set-Cookie", v, sizeof(v)) && strncmp(v, "csrf=", 5) == 0,
	        "GET /logga-in sets the CSRF cookie");
	hresp_free(&r);

	post_login(c, h_csrf(c), admin->email, "not-the-password", NULL, &r);
	h_check(r.status == 401, "wrong password: 401 (got %ld)", r.status);
	h_check(hresp_has(&r, "Fel e-postadress eller lösenord."),
	        "wrong password: the page says so");
	snprintf(v, sizeof(v), "value=\"%s\"", admin->email);
	h_check(hresp_has(&r, v), "wrong password: the typed address is kept in the form");
	h_check(!hresp_header(&r, "Set-Cookie", v, sizeof(v)) || !strstr(v, "sid="),
	        "wrong password: no session cookie");
	hresp_free(&r);

	post_login(c, h_csrf(c), "ingen-alls@example.se", "whatever-password", NULL, &r);
	h_check(r.status == 401 && hresp_has(&r, "Fel e-postadress eller lösenord."),
	        "unknown account: the same 401 and message (got %ld)", r.status);
	hresp_free(&r);

	h_get(c, "/mina-sidor", &r);
	h_check(r.status == 303, "before signing in, /mina-sidor redirects (got %ld)", r.status);
	hresp_free(&r);

	post_login(c, h_csrf(c), admin->email, admin->password, NULL, &r);
	h_check(r.status == 303, "right password: 303 (got %ld)", r.status);
	h_check(hresp_header(&r, "Location", v, sizeof(v)) && strcmp(v, "/mina-sidor") == 0,
	        "right password: on to /mina-sidor (Location %s)",
	        hresp_header(&r, "Location", v, sizeof(v)) ? v : "none");
	int cookie_ok = 0;
	for (const char *p = r.head.p; (p = strstr(p, "Set-Cookie: sid=")); p++) {
		const char *eol = strstr(p, "\r\n");
		char line[512];
		snprintf(line, sizeof(line), "%.*s", (int)(eol - p), p);
		cookie_ok = strstr(line, "HttpOnly") && strstr(line, "SameSite=Lax");
	}
	h_check(cookie_ok, "the session cookie is HttpOnly and SameSite=Lax");
	hresp_free(&r);

	h_get(c, "/mina-sidor", &r);
	h_check(r.status == 200, "/mina-sidor works after signing in (got %ld)", r.status);
	h_check(hresp_has(&r, "Åsa Administratör") && hresp_has(&r, admin->email),
	        "/mina-sidor names the signed-in user");
	h_check(is_no_store(&r), "/mina-sidor has Cache-Control no-store");
	hresp_free(&r);

	h_get(c, "/admin", &r);
	h_check(r.status == 200 && is_no_store(&r), "/admin for the admin: 200 with no-store");
	hresp_free(&r);
	h_get(c, "/foreningar", &r);
	h_check(r.status == 200 && is_no_store(&r),
	        "a public page seen signed in has no-store too");
	hresp_free(&r);
	h_client_free(c);

	c = h_client();
	post_login(c, h_csrf(c), admin->email, admin->password, "/admin/foreningar", &r);
	h_check(r.status == 303 && hresp_header(&r, "Location", v, sizeof(v)) &&
	                strcmp(v, "/admin/foreningar") == 0,
	        "a local till= is followed after signing in");
	hresp_free(&r);
	h_client_free(c);

	c = h_client();
	post_login(c, h_csrf(c), admin->email, admin->password, "//evil.example/", &r);
	h_check(r.status == 303 && hresp_header(&r, "Location", v, sizeof(v)) &&
	                strcmp(v, "/mina-sidor") == 0,
	        "till=//evil.example/ is not followed (Location %s)",
	        hresp_header(&r, "Location", v, sizeof(v)) ? v : "none");
	hresp_free(&r);
	h_client_free(c);
}

/* CSRF on the login form and on sign-out; sign-out ends the session on the
 * server, not only in the browser. */
static void
csrf_and_logout(void)
{
	const struct huser *u = h_user("officer");
	struct hclient *c = h_client();
	struct hresp r;
	struct hstr f = {0};
	char sid[128], cookie[160];

	post_login(c, NULL, u->email, u->password, NULL, &r);
	h_check(r.status == 403, "login without csrf: 403 (got %ld)", r.status);
	hresp_free(&r);
	post_login(c, "00000000000000000000000000000000", u->email, u->password, NULL, &r);
	h_check(r.status == 403, "login with a wrong csrf: 403 (got %ld)", r.status);
	hresp_free(&r);
	h_get(c, "/mina-sidor", &r);
	h_check(r.status == 303, "after the refused logins nobody is signed in (got %ld)",
	        r.status);
	hresp_free(&r);

	h_check(h_login(c, "officer") == 303, "the officer signs in");
	h_check(h_cookie(c, "sid", sid, sizeof(sid)) != NULL, "the officer has a session cookie");
	h_post(c, "/logga-ut", "", &r);
	h_check(r.status == 403, "logout without csrf: 403 (got %ld)", r.status);
	hresp_free(&r);
	h_form_add(&f, "csrf", "ffffffffffffffffffffffffffffffff");
	h_post(c, "/logga-ut", f.p, &r);
	h_check(r.status == 403, "logout with a wrong csrf: 403 (got %ld)", r.status);
	hresp_free(&r);
	h_get(c, "/mina-sidor", &r);
	h_check(r.status == 200, "still signed in after the refused logouts (got %ld)", r.status);
	hresp_free(&r);

	hstr_free(&f);
	h_form_add(&f, "csrf", h_csrf(c));
	h_post(c, "/logga-ut", f.p, &r);
	h_check(r.status == 303, "logout with the csrf: 303 (got %ld)", r.status);
	hresp_free(&r);
	h_get(c, "/mina-sidor", &r);
	char v[256];
	h_check(r.status == 303 && hresp_header(&r, "Location", v, sizeof(v)) &&
	                strncmp(v, "/logga-in?till=", 15) == 0,
	        "after logout /mina-sidor sends to /logga-in (got %ld)", r.status);
	hresp_free(&r);
	h_client_free(c);

	/* the old session id, replayed by someone who kept it */
	c = h_client();
	snprintf(cookie, sizeof(cookie), "Cookie: sid=%s", sid);
	const char *hdr[] = {cookie, NULL};
	h_request(c, "GET", "/mina-sidor", NULL, NULL, 0, hdr, &r);
	h_check(r.status == 303, "the ended session's cookie no longer signs in (got %ld)",
	        r.status);
	hresp_free(&r);
	h_client_free(c);
	hstr_free(&f);
}

/* Who may open /admin. */
static void
access_by_role(void)
{
	struct hclient *c = h_client();
	struct hresp r;
	char v[256];
	const char *protected_pages[] = {"/admin", "/admin/foreningar", "/admin/anvandare"};
	for (int i = 0; i < 3; i++) {
		h_get(c, protected_pages[i], &r);
		char *esc = h_escape(protected_pages[i]);
		char want[256];
		snprintf(want, sizeof(want), "/logga-in?till=%s", esc);
		free(esc);
		h_check(r.status == 303 && hresp_header(&r, "Location", v, sizeof(v)) &&
		                strcmp(v, want) == 0,
		        "anonymous GET %s: 303 to %s (got %ld)", protected_pages[i], want,
		        r.status);
		hresp_free(&r);
	}
	struct hstr f = {0};
	h_form_add(&f, "csrf", h_csrf(c));
	h_form_add(&f, "namn", "Anonym förening");
	h_post(c, "/admin/omraden", f.p, &r);
	h_check(r.status == 403, "anonymous POST to an admin form: 403 (got %ld)", r.status);
	hresp_free(&r);
	hstr_free(&f);
	h_client_free(c);

	const char *roles[] = {"representative", "officer", "moderator", "coordinator"};
	for (int i = 0; i < 4; i++) {
		c = h_client();
		h_check(h_login(c, roles[i]) == 303, "the %s signs in", roles[i]);
		h_get(c, "/mina-sidor", &r);
		h_check(r.status == 200, "the %s opens /mina-sidor", roles[i]);
		hresp_free(&r);
		h_get(c, "/admin", &r);
		h_check(r.status == 403, "the %s gets 403 on /admin (got %ld)", roles[i], r.status);
		h_check(is_no_store(&r), "the %s's 403 page has no-store", roles[i]);
		hresp_free(&r);
		h_get(c, "/admin/foreningar/ny", &r);
		h_check(r.status == 403, "the %s gets 403 on /admin/foreningar/ny (got %ld)",
		        roles[i], r.status);
		hresp_free(&r);
		h_form_add(&f, "csrf", h_csrf(c));
		h_form_add(&f, "namn", "Smygområdet");
		h_post(c, "/admin/omraden", f.p, &r);
		h_check(r.status == 403, "the %s cannot POST an admin form (got %ld)", roles[i],
		        r.status);
		hresp_free(&r);
		hstr_free(&f);
		h_client_free(c);
	}
}

/* At most 20 failures per account and hour: the 21st attempt is refused
 * even with the right password, and other accounts are not affected. */
static void
throttling(void)
{
	const struct huser *u = h_user("coordinator");
	struct hclient *c = h_client();
	struct hresp r;
	int all401 = 1;
	for (int i = 0; i < 20; i++) {
		post_login(c, h_csrf(c), u->email, "wrong-password-again", NULL, &r);
		if (r.status != 401) {
			all401 = 0;
			h_note("failure %d answered %ld", i + 1, r.status);
		}
		hresp_free(&r);
	}
	h_check(all401, "20 wrong passwords: each 401");
	post_login(c, h_csrf(c), u->email, u->password, NULL, &r);
	h_check(r.status == 429, "the 21st attempt, with the right password: 429 (got %ld)",
	        r.status);
	h_check(hresp_has(&r, "För många misslyckade försök"), "the 429 page says why");
	hresp_free(&r);
	h_get(c, "/mina-sidor", &r);
	h_check(r.status == 303, "the throttled account is not signed in (got %ld)", r.status);
	hresp_free(&r);
	h_client_free(c);

	char upper[160];
	snprintf(upper, sizeof(upper), "%s", u->email);
	for (char *p = upper; *p; p++)
		if (*p >= 'a' && *p <= 'z')
			*p = (char)(*p - 32);
	c = h_client();
	post_login(c, h_csrf(c), upper, u->password, NULL, &r);
	h_check(r.status == 429, "the same account in capitals is throttled too (got %ld)",
	        r.status);
	hresp_free(&r);
	h_client_free(c);

	c = h_client();
	h_check(h_login(c, "moderator") == 303, "another account still signs in");
	h_client_free(c);
}

/* The sign-in form refuses what it can see without an account: an empty
 * password and an address that is none, each beside its field, with the
 * address and where to go next kept, and no failed attempt counted. */
static void
refused_form(void)
{
	struct hclient *c = h_client();
	struct hresp r;
	char got[256], before[32], after[32];
	const char *count = "SELECT count(*) FROM login_failures";
	h_sql_line(count, before, sizeof(before));
	post_login(c, h_csrf(c), "inte-en-adress", "", "/admin/foreningar", &r);
	h_sql_line(count, after, sizeof(after));
	h_check(r.status == 400 && h_field_error(&r, "epost", got, sizeof(got)) &&
	                strstr(got, "namn@exempel.se") &&
	                h_field_error(&r, "losenord", got, sizeof(got)) &&
	                strstr(got, "Fyll i lösenordet"),
	        "sign-in with a bad address and no password: 400, each reason beside its field "
	        "(got %ld)",
	        r.status);
	h_check(h_field_invalid(&r, "epost") && h_field_invalid(&r, "losenord") &&
	                h_summary_links(&r, "epost") && h_summary_links(&r, "losenord"),
	        "both fields are aria-invalid and the summary links to them");
	h_check(hresp_has(&r, "value=\"inte-en-adress\"") &&
	                hresp_has(&r, "name=\"till\" value=\"/admin/foreningar\""),
	        "the typed address and where to go after signing in are kept");
	h_check(strcmp(before, after) == 0, "no failed attempt is counted (%s, %s)", before, after);
	hresp_free(&r);
	h_client_free(c);
}

int
main(void)
{
	h_start();
	login_and_pages();
	refused_form();
	csrf_and_logout();
	access_by_role();
	throttling();
	return h_finish();
}
