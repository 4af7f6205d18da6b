/* Addresses taken from a request never send a browser to another site: the
 * sign-in's and sign-up's `till`, the language switch of a POST's page
 * (the Referer) and the language switch of every page, a 404 for a path
 * that starts with "//" included. */
#include "harness.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* `till` values a browser would follow off the site, or that our server
 * would decode into a path starting with "//", each as it stands decoded
 * in the form. */
static const char *const hostile[] = {
        "//evil.example/x",    "/\\evil.example/x",     "/\t/evil.example/x",
        "/\n/evil.example/x",  "/%09/evil.example",     "/%2F/evil.example",
        "/%2f%2fevil.example", "/%5C/evil.example",     "/..//evil.example",
        "/./%2F/evil.example", "https://evil.example/", "/x/../..//evil.example",
};

/* Whether a Location or a link stays on this site: a path with one leading
 * slash and no backslash, tab or other control character. */
static int
same_site(const char *url)
{
	if (!url || url[0] != '/' || url[1] == '/' || url[1] == '\\')
		return 0;
	for (const unsigned char *c = (const unsigned char *)url; *c; c++)
		if (*c < 0x20 || *c == 0x7f || *c == '\\')
			return 0;
	return 1;
}

/* Signs in with till set; the answer's Location into loc. */
static long
login_to(struct hclient *c, const char *till, char *loc, size_t n)
{
	const struct huser *u = h_user("representative");
	struct hstr f = {0};
	struct hresp r;
	h_form_add(&f, "csrf", h_csrf(c));
	h_form_add(&f, "epost", u->email);
	h_form_add(&f, "losenord", u->password);
	h_form_add(&f, "till", till);
	h_post(c, "/logga-in", f.p, &r);
	long st = r.status;
	if (!hresp_header(&r, "Location", loc, n))
		snprintf(loc, n, "(none)");
	hstr_free(&f);
	hresp_free(&r);
	return st;
}

/* Printable for the test's lines: controls as \xNN. */
static const char *
shown(const char *s)
{
	static char out[256];
	size_t k = 0;
	for (const unsigned char *c = (const unsigned char *)s; *c && k + 5 < sizeof(out); c++)
		k += (size_t)(*c < 0x20 ? snprintf(out + k, 5, "\\x%02x", *c)
		                        : snprintf(out + k, 2, "%c", *c));
	out[k] = 0;
	return out;
}

/* After signing in, each hostile `till` leads to Mina sidor; a local one
 * is kept. The form drawn for a hostile `till` keeps none of it. */
static void
sign_in_targets(void)
{
	for (size_t i = 0; i < sizeof(hostile) / sizeof(hostile[0]); i++) {
		struct hclient *c = h_client();
		char loc[512];
		long st = login_to(c, hostile[i], loc, sizeof(loc));
		h_check(st == 303 && strcmp(loc, "/mina-sidor") == 0,
		        "sign-in with till=%s leads to /mina-sidor (%ld, Location %s)",
		        shown(hostile[i]), st, shown(loc));
		h_client_free(c);

		c = h_client();
		char *e = h_escape(hostile[i]), path[600], till[512];
		snprintf(path, sizeof(path), "/logga-in?till=%s", e);
		struct hresp r;
		h_get(c, path, &r);
		const char *kept =
		        h_between(r.body.p, "name=\"till\" value=\"", "\"", till, sizeof(till));
		h_check(r.status == 200 && kept && strcmp(kept, "/mina-sidor") == 0,
		        "the sign-in form for till=%s carries /mina-sidor (got %s)",
		        shown(hostile[i]), kept ? shown(kept) : "none");
		hresp_free(&r);
		free(e);
		h_client_free(c);
	}
	struct hclient *c = h_client();
	char loc[512];
	long st = login_to(c, "/foreningar?q=a//b&sida=2", loc, sizeof(loc));
	h_check(st == 303 && strcmp(loc, "/foreningar?q=a//b&sida=2") == 0,
	        "a local till is followed, its query as it was (%ld, %s)", st, loc);
	h_client_free(c);
}

/* The language switch of a page whose path starts with "//" (or decodes
 * to it) is a path on this site: the path with one leading slash. */
static void
not_found_links(void)
{
	static const struct {
		const char *path, *want;
	} cases[] = {
	        {"//evil.example/x", "/evil.example/x?lang=en"},
	        {"//evil.example/x?lang=en", "/evil.example/x?lang=sv"},
	        {"///evil.example", "/evil.example?lang=en"},
	        {"/%2F/evil.example", "/evil.example?lang=en"},
	        {"/%2F%2Fevil.example/%3Fa", "/evil.example/%3Fa?lang=en"},
	        {"/%5C/evil.example", "/?lang=en"},
	        {"//evil.example/x?q=%2F%2Fy", "/evil.example/x?q=%2F%2Fy&lang=en"},
	};
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		/* a client of its own: ?lang= is remembered in a cookie */
		struct hclient *c = h_client();
		struct hresp r;
		char link[512];
		h_get(c, cases[i].path, &r);
		const char *l = h_lang_link(&r, link, sizeof(link));
		h_check(r.status == 404 && l && same_site(l) && strcmp(l, cases[i].want) == 0,
		        "404 for %s: the language link is %s (got %ld, %s)", cases[i].path,
		        cases[i].want, r.status, l ? l : "none");
		hresp_free(&r);
		h_client_free(c);
	}
	struct hclient *c = h_client();
	/* a routed page links to its route with its own values encoded */
	struct hresp r;
	char link[512];
	h_get(c, "/foreningar/a%3Fb%20c", &r);
	const char *l = h_lang_link(&r, link, sizeof(link));
	h_check(l && strcmp(l, "/foreningar/a%3Fb%20c?lang=en") == 0,
	        "an unknown association's language link is its own address, encoded (%s)",
	        l ? l : "none");
	hresp_free(&r);
	h_get(c, "/foreningar?q=a%26b&sida=2", &r);
	l = h_lang_link(&r, link, sizeof(link));
	h_check(r.status == 200 && l && strcmp(l, "/foreningar?q=a%26b&sida=2&lang=en") == 0,
	        "the register's language link keeps its query (%s)", l ? l : "none");
	hresp_free(&r);
	h_client_free(c);
}

/* A POST refused for its token switches language on the Referer's page:
 * only a path that passes the rule, else the start page. */
static void
referer_links(void)
{
	static const char *const refs[] = {
	        "http://127.0.0.1/..//evil.example/",
	        "http://127.0.0.1/%2F/evil.example/",
	        "http://127.0.0.1/%09/evil.example/",
	        "https://127.0.0.1//evil.example/",
	};
	struct hclient *c = h_client();
	for (size_t i = 0; i < sizeof(refs) / sizeof(refs[0]); i++) {
		char ref[300];
		snprintf(ref, sizeof(ref), "Referer: %s", refs[i]);
		const char *headers[] = {ref, NULL};
		struct hresp r;
		char link[512];
		h_request(c, "POST", "/logga-ut", "application/x-www-form-urlencoded", "x=1", 3,
		          headers, &r);
		const char *l = h_lang_link(&r, link, sizeof(link));
		h_check(r.status == 403 && l && strcmp(l, "/?lang=en") == 0,
		        "a refused POST from %s switches language on the start page (%ld, %s)",
		        refs[i], r.status, l ? l : "none");
		hresp_free(&r);
	}
	h_client_free(c);
}

int
main(void)
{
	h_start();
	sign_in_targets();
	not_found_links();
	referer_links();
	return h_finish();
}
