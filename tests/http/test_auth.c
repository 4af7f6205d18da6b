/* Signing in and out, CSRF, throttling, limits and who may open what. */
#include "harness.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

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

/* The seconds a 429 asks for in Retry-After, -1 without one. */
static long
retry_after(const struct hresp *r)
{
	char v[32];
	return hresp_header(r, "Retry-After", v, sizeof(v)) ? strtol(v, NULL, 10) : -1;
}

/* Growing delays instead of a lock: 20 wrong passwords for an account from
 * one address slow that address (429 with Retry-After and the wait in
 * words, the password unchecked, in any spelling of the address), while
 * the owner signs in from an address of their own within a minute. */
static void
owner_signs_in_elsewhere(void)
{
	const struct huser *u = h_user("coordinator");
	struct hclient *attacker = h_client_from("127.0.2.1");
	struct hresp r;
	int evaluated = 0, slowed = 0, other = 0, said = 0;
	for (int i = 0; i < 20; i++) {
		post_login(attacker, h_csrf(attacker), u->email, "wrong-password-again", NULL, &r);
		if (r.status == 401)
			evaluated++;
		else if (r.status == 429 && retry_after(&r) >= 1 && retry_after(&r) <= 60)
			slowed++, said += hresp_has(&r, "För många misslyckade försök. Vänta ");
		else
			other++, h_note("attempt %d answered %ld", i + 1, r.status);
		hresp_free(&r);
	}
	h_check(other == 0 && slowed > 0 && said == slowed,
	        "20 wrong passwords from one address: %d checked (401), %d answered 429 with "
	        "Retry-After and how many seconds to wait",
	        evaluated, slowed);
	post_login(attacker, h_csrf(attacker), u->email, u->password, NULL, &r);
	long wait = retry_after(&r);
	h_check(r.status == 429 && wait >= 1 && wait <= 60,
	        "the attacking address with the right password: 429, Retry-After %ld (got %ld)",
	        wait, r.status);
	hresp_free(&r);
	h_get(attacker, "/mina-sidor", &r);
	h_check(r.status == 303, "the attacking address is not signed in (got %ld)", r.status);
	hresp_free(&r);
	char upper[160];
	snprintf(upper, sizeof(upper), "%s", u->email);
	for (char *p = upper; *p; p++)
		if (*p >= 'a' && *p <= 'z')
			*p = (char)(*p - 32);
	post_login(attacker, h_csrf(attacker), upper, u->password, NULL, &r);
	h_check(r.status == 429, "the same account in capitals is slowed as well (got %ld)",
	        r.status);
	hresp_free(&r);
	h_client_free(attacker);

	/* the owner, at home: waits at most what Retry-After says */
	struct hclient *owner = h_client_from("127.0.3.1");
	time_t start = time(NULL);
	long status = 0, waited = 0;
	while (time(NULL) - start < 60) {
		post_login(owner, h_csrf(owner), u->email, u->password, NULL, &r);
		status = r.status;
		wait = retry_after(&r);
		hresp_free(&r);
		if (status != 429 || wait < 1 || wait > 60)
			break;
		sleep((unsigned)wait);
		waited += wait;
	}
	h_check(status == 303 && time(NULL) - start < 60,
	        "its owner signs in from another address within a minute (%ld, after %ld s)",
	        status, waited);
	h_get(owner, "/mina-sidor", &r);
	h_check(r.status == 200, "the owner is signed in (got %ld)", r.status);
	hresp_free(&r);
	h_client_free(owner);

	struct hclient *c = h_client();
	h_check(h_login(c, "moderator") == 303, "another account still signs in");
	h_client_free(c);
}

/* One address trying a thousand accounts, most of them unknown and a few
 * real, gets a handful checked and every other attempt 429 unchecked, the
 * known ones answered like the unknown; its neighbour in the same /24 and
 * the real owners elsewhere still sign in. Quick: no Argon2id once it is
 * slowed. */
static void
many_accounts_one_address(void)
{
	const char *known[] = {"representative", "officer", "moderator", "admin"};
	struct hclient *c = h_client_from("127.0.4.1");
	struct hresp r;
	int evaluated = 0, slowed = 0, other = 0, known_slowed = 0, tried = 0;
	time_t start = time(NULL);
	for (int i = 0; i < 1000 && evaluated <= 100; i++, tried++) {
		char email[64];
		const struct huser *u = i % 250 == 249 ? h_user(known[i / 250]) : NULL;
		snprintf(email, sizeof(email), "gissning-%d@exempel.se", i);
		post_login(c, h_csrf(c), u ? u->email : email, "Sommar2026!", NULL, &r);
		if (r.status == 401)
			evaluated++;
		else if (r.status == 429 && retry_after(&r) >= 1)
			slowed++, known_slowed += u != NULL;
		else
			other++, h_note("attempt %d answered %ld", i + 1, r.status);
		hresp_free(&r);
	}
	long secs = (long)(time(NULL) - start);
	h_check(tried == 1000 && evaluated <= 20 && slowed + evaluated == 1000 && other == 0,
	        "1 000 accounts from one address: %d passwords checked, %d answered 429 "
	        "(in %ld s)",
	        evaluated, slowed, secs);
	h_check(known_slowed == 4, "the real accounts among them got the same 429 (%d of 4)",
	        known_slowed);
	h_client_free(c);

	c = h_client_from("127.0.4.2");
	h_check(h_login(c, "officer") == 303, "a neighbour in the same /24 signs in at once");
	h_client_free(c);
	c = h_client();
	h_check(h_login(c, "representative") == 303, "a tried account's owner signs in elsewhere");
	h_client_free(c);
}

/* Without serve --behind-proxy an X-Real-IP header is the client's own
 * word and counts for nothing: changing it on every attempt escapes
 * nothing. */
static void
spoofed_real_ip_ignored(void)
{
	struct hclient *c = h_client_from("127.0.8.1");
	int slowed = 0;
	for (int i = 0; i < 20; i++) {
		struct hstr f = {0};
		struct hresp r;
		char email[64], hdr[64];
		snprintf(email, sizeof(email), "forfalskad-%d@exempel.se", i);
		snprintf(hdr, sizeof(hdr), "X-Real-IP: 198.51.100.%d", i + 1);
		const char *headers[] = {hdr, NULL};
		h_form_add(&f, "csrf", h_csrf(c));
		h_form_add(&f, "epost", email);
		h_form_add(&f, "losenord", "Sommar2026!");
		h_request(c, "POST", "/logga-in", "application/x-www-form-urlencoded", f.p, f.n,
		          headers, &r);
		slowed += r.status == 429;
		hresp_free(&r);
		hstr_free(&f);
	}
	h_check(slowed >= 5, "an X-Real-IP of the client's own escapes nothing (%d of 20 429)",
	        slowed);
	h_client_free(c);
}

/* Whether a file holds the bytes. */
static int
file_has(const char *path, const char *needle)
{
	FILE *f = fopen(path, "rb");
	if (!f)
		return 0;
	struct hstr s = {0};
	char buf[65536];
	size_t n;
	while ((n = fread(buf, 1, sizeof(buf), f)) > 0)
		hstr_add(&s, buf, n);
	fclose(f);
	int found = s.n && memmem(s.p, s.n, needle, strlen(needle)) != NULL;
	hstr_free(&s);
	return found;
}

/* Whether the database holds the text anywhere: in its files and log
 * (SQLite), in any row of any table (PostgreSQL). */
static int
stored_anywhere(const char *text)
{
	if (!H.pg) {
		char wal[300];
		snprintf(wal, sizeof(wal), "%s-wal", H.db_file);
		return file_has(H.db_file, text) || file_has(wal, text);
	}
	struct hstr q = {0};
	hstr_printf(&q,
	            "SELECT coalesce(sum((xpath('/row/c/text()', query_to_xml(format("
	            "'SELECT count(*) AS c FROM %%I t WHERE t::text LIKE ''%%%%%s%%%%''', "
	            "table_name), false, true, '')))[1]::text::int), 0) "
	            "FROM information_schema.tables WHERE table_schema = 'public' "
	            "AND table_type = 'BASE TABLE'",
	            text);
	char n[32];
	h_sql_line(q.p, n, sizeof(n));
	hstr_free(&q);
	return !*n || atoi(n) != 0;
}

/* The bytes of the SQLite database with its log, or of the throttle's
 * table on PostgreSQL. */
static long long
db_bytes(void)
{
	char n[64];
	if (H.pg)
		return atoll(h_sql_line("SELECT pg_total_relation_size('login_throttle')", n,
		                        sizeof(n)));
	char wal[300];
	snprintf(wal, sizeof(wal), "%s-wal", H.db_file);
	long long total = 0;
	for (int i = 0; i < 2; i++) {
		FILE *f = fopen(i ? wal : H.db_file, "rb");
		if (f) {
			fseek(f, 0, SEEK_END);
			total += ftell(f);
			fclose(f);
		}
	}
	return total;
}

/* A megabyte typed as the address, fifty times: each refused beside the
 * field in words, the page as small as ever (the typed text is not echoed
 * past the field's limit, nor a huge till), and the database no larger.
 * A failed sign-in stores no typed address at all. */
static void
huge_address(void)
{
	struct hclient *c = h_client_from("127.0.6.1");
	struct hresp r;
	char got[256], before[32], after[32];
	const char *count = "SELECT count(*) FROM login_throttle";
	size_t big = 1000 * 1000;
	char *mb = malloc(big + 16);
	memset(mb, 'a', big);
	memcpy(mb + big - 11, "@exempel.se", 12);
	h_sql_line(count, before, sizeof(before));
	long long bytes_before = db_bytes();
	int refused = 0;
	size_t largest = 0;
	for (int i = 0; i < 50; i++) {
		post_login(c, h_csrf(c), mb, "whatever-password", NULL, &r);
		if (r.status == 400 && h_field_error(&r, "epost", got, sizeof(got)) &&
		    strstr(got, "Skriv högst 254 tecken"))
			refused++;
		largest = r.body.n > largest ? r.body.n : largest;
		hresp_free(&r);
	}
	h_sql_line(count, after, sizeof(after));
	long long bytes_after = db_bytes();
	h_check(refused == 50,
	        "a 1 MB address, 50 times: each 400 with \"Skriv högst 254 tecken\" beside the "
	        "field (%d)",
	        refused);
	h_check(largest < 64 * 1024, "the page never echoes it: at most %zu bytes", largest);
	h_check(before[0] && strcmp(before, after) == 0 && bytes_after <= bytes_before,
	        "the database does not grow (%s → %s rows, %lld → %lld bytes)", before, after,
	        bytes_before, bytes_after);

	memset(mb, 'a', big);
	mb[0] = '/';
	mb[900 * 1000] = 0;
	post_login(c, h_csrf(c), "inte-en-adress", "", mb, &r);
	h_check(r.status == 400 && r.body.n < 64 * 1024,
	        "a 900 kB till is not echoed either (%ld, %zu bytes)", r.status, r.body.n);
	hresp_free(&r);
	free(mb);

	const char *typed = "spara-inte-3141@exempel.se";
	post_login(c, h_csrf(c), typed, "whatever-password", NULL, &r);
	h_check(r.status == 401, "a failed sign-in with an unknown address: 401 (got %ld)",
	        r.status);
	hresp_free(&r);
	h_check(!stored_anywhere(typed), "the typed address is stored nowhere in the database");
	h_client_free(c);
}

/* Deleting the account checks the password under the same throttle: a
 * stolen session cannot guess it faster. The wait is said beside the
 * password field, the right password during it deletes nothing, and
 * after it the account goes. */
static void
deletion_throttled(void)
{
	const char *email = "gissad@exempel.se", *pw = "ett-langt-losenord";
	struct hclient *c = h_client_from("127.0.7.1");
	struct hresp r;
	char got[256];
	struct hstr up = {0};
	h_form_add(&up, "csrf", h_csrf(c));
	h_form_add(&up, "epost", email);
	h_form_add(&up, "namn", "Gissad Person");
	h_form_add(&up, "losenord", pw);
	h_post(c, "/skapa-konto", up.p, &r);
	hstr_free(&up);
	h_check(r.status == 303, "a resident creates an account and is signed in (got %ld)",
	        r.status);
	hresp_free(&r);
	int wrong = 0, slowed = 0;
	for (int i = 0; i < 12; i++) {
		struct hstr f = {0};
		h_form_add(&f, "csrf", h_csrf(c));
		h_form_add(&f, "losenord", "fel-losenord-igen");
		h_post(c, "/mina-sidor/radera-konto", f.p, &r);
		hstr_free(&f);
		if (r.status == 422)
			wrong++;
		else if (r.status == 429 && retry_after(&r) >= 1 &&
		         h_field_error(&r, "radera-losenord", got, sizeof(got)) &&
		         strstr(got, "Vänta "))
			slowed++;
		else
			h_note("attempt %d answered %ld", i + 1, r.status);
		hresp_free(&r);
	}
	h_check(wrong >= 1 && wrong <= 6 && slowed == 12 - wrong,
	        "12 wrong passwords to delete the account: %d checked, %d answered 429 with the "
	        "wait beside the password",
	        wrong, slowed);
	struct hstr f = {0};
	h_form_add(&f, "csrf", h_csrf(c));
	h_form_add(&f, "losenord", pw);
	h_post(c, "/mina-sidor/radera-konto", f.p, &r);
	long wait = retry_after(&r);
	char q[128], n[16];
	snprintf(q, sizeof(q), "SELECT count(*) FROM users WHERE email = '%s'", email);
	h_check(r.status == 429 && strcmp(h_sql_line(q, n, sizeof(n)), "1") == 0,
	        "the right password during the wait: 429, the account is kept (got %ld)", r.status);
	hresp_free(&r);
	if (wait >= 1 && wait <= 60)
		sleep((unsigned)wait);
	h_post(c, "/mina-sidor/radera-konto", f.p, &r);
	h_check(r.status == 303 && strcmp(h_sql_line(q, n, sizeof(n)), "0") == 0,
	        "after the wait the right password deletes it (got %ld)", r.status);
	hresp_free(&r);
	hstr_free(&f);
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
	const char *count = "SELECT count(*) FROM login_throttle";
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
	h_check(before[0] && strcmp(before, after) == 0, "no failed attempt is counted (%s, %s)",
	        before, after);
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
	owner_signs_in_elsewhere();
	many_accounts_one_address();
	spoofed_real_ip_ignored();
	huge_address();
	deletion_throttled();
	return h_finish();
}
