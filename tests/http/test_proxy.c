/* Behind a proxy (serve --behind-proxy, nginx in front): sign-in
 * throttling counts the client the proxy names in X-Real-IP, so an
 * attacker behind nginx slows only themselves and not everyone who comes
 * through it; a header that names no address counts as the proxy. */
#include "harness.h"

#include <stdio.h>
#include <string.h>

/* POSTs a sign-in as the proxy would pass it on, for the client real. */
static long
login_via(struct hclient *c, const char *real, const char *email, const char *pw)
{
	struct hstr f = {0};
	struct hresp r;
	char hdr[96];
	snprintf(hdr, sizeof(hdr), "X-Real-IP: %s", real);
	const char *headers[] = {hdr, NULL};
	h_form_add(&f, "csrf", h_csrf(c));
	h_form_add(&f, "epost", email);
	h_form_add(&f, "losenord", pw);
	h_request(c, "POST", "/logga-in", "application/x-www-form-urlencoded", f.p, f.n, headers,
	          &r);
	long st = r.status;
	hresp_free(&r);
	hstr_free(&f);
	return st;
}

int
main(void)
{
	static const char *const args[] = {"--behind-proxy", NULL};
	h_serve_args(args);
	h_start();
	struct hclient *c = h_client();
	int slowed = 0;
	for (int i = 0; i < 30; i++) {
		char email[64];
		snprintf(email, sizeof(email), "gissning-%d@exempel.se", i);
		slowed += login_via(c, "203.0.113.9", email, "Sommar2026!") == 429;
	}
	h_check(slowed >= 15, "an attacker behind the proxy is slowed (%d of 30 answered 429)",
	        slowed);
	h_check(login_via(c, "203.0.113.9", h_user("officer")->email,
	                  h_user("officer")->password) == 429,
	        "even with a right password, from the attacker's address");
	h_client_free(c);

	c = h_client();
	const struct huser *u = h_user("officer");
	h_check(login_via(c, "198.51.100.20", u->email, u->password) == 303,
	        "another client through the same proxy signs in at once");
	h_client_free(c);
	c = h_client();
	h_check(login_via(c, "2001:db8::20", u->email, u->password) == 303,
	        "so does one with an IPv6 address");
	h_client_free(c);
	c = h_client();
	h_check(h_login(c, "moderator") == 303,
	        "a request without the header counts as the proxy, which is not slowed");
	h_client_free(c);
	return h_finish();
}
