#include "layout/layout.h"
#include "layout/error.tpl.h"
#include "layout/foot.tpl.h"
#include "layout/head.tpl.h"
#include "http/decode.h"
#include "http/router.h"
#include "base/esc.h"
#include "base/valid.h"

#include <string.h>

/* The language switch of a page at path (as it stands in a URL) whose
 * query is q: the same address with the other language, the rest of the
 * query kept. */
static const char *
switch_url(struct req *r, const char *path, size_t n, const struct kvlist *q)
{
	struct buf b = {0};
	buf_add(&b, path, n);
	buf_puts(&b, "?");
	for (size_t i = 0; q && i < q->n; i++) {
		if (strcmp(q->items[i].k, "lang") == 0)
			continue;
		esc_url_component(&b, q->items[i].k, strlen(q->items[i].k));
		buf_putc(&b, '=');
		esc_url_component(&b, q->items[i].v, q->items[i].vlen);
		buf_putc(&b, '&');
	}
	buf_puts(&b, r->p.english ? "lang=sv" : "lang=en");
	const char *s = arena_strdup(&r->a, buf_cstr(&b));
	buf_free(&b);
	return s;
}

/* The switch for a page of ours named by an address: only its path and
 * query count (of an absolute URL, such as a Referer, never its host), the
 * address must pass the one rule for addresses we send a browser to
 * (local_path), and a query that does not decode is dropped. NULL when the
 * address names no page of ours. */
static const char *
switch_to(struct req *r, const char *url)
{
	const char *s = url;
	if (s && strncmp(s, "http://", 7) == 0)
		s = strchr(s + 7, '/');
	else if (s && strncmp(s, "https://", 8) == 0)
		s = strchr(s + 8, '/');
	if (!local_path(s, NULL))
		return NULL;
	size_t n = strcspn(s, "?#");
	struct kvlist q = {0};
	if (s[n] == '?') {
		size_t qn = strcspn(s + n + 1, "#");
		if (form_parse(&r->a, s + n + 1, qn, &q) != 0)
			q = (struct kvlist){0};
	}
	return switch_url(r, s, n, &q);
}

/* The path of a page as a URL, made from the route, never copied from the
 * request: the route's pattern with each {param} the request's value,
 * percent-encoded. An address no route knows (404, 405) is its path with
 * runs of slashes made one and each segment encoded the same way, so
 * "//host/x" links to "/host/x"; and the start page when that is still
 * not a plain local path ("/../x"). */
static const char *
routed_path(struct req *r)
{
	struct buf b = {0};
	if (r->route) {
		int i = 0;
		for (const char *p = r->route->pattern; *p; p++) {
			const char *close = *p == '{' ? strchr(p, '}') : NULL;
			if (!close) {
				buf_putc(&b, *p);
				continue;
			}
			if (i < r->nparams)
				esc_url_component(&b, r->params[i], strlen(r->params[i]));
			i++;
			p = close;
		}
	} else {
		for (const char *p = r->path; *p;) {
			p += strspn(p, "/");
			size_t n = strcspn(p, "/");
			if (n == 0 && b.len)
				break;
			buf_putc(&b, '/');
			esc_url_component(&b, p, n);
			p += n;
		}
	}
	const char *s = local_path(buf_cstr(&b), NULL) ? arena_strdup(&r->a, buf_cstr(&b)) : "/";
	buf_free(&b);
	return s;
}

/* Language: ?lang= wins and is remembered in a cookie; then the cookie;
 * Swedish by default. Only the language is decided here, at the start of
 * every request: a page answered from the cache needs nothing more, and
 * the language switch is made when a page is drawn (lang_switch). */
void
page_init(struct req *r)
{
	const char *q = req_query(r, "lang");
	const char *c = req_cookie(r, "lang");
	if (q && (strcmp(q, "en") == 0 || strcmp(q, "sv") == 0)) {
		r->p.english = q[0] == 'e';
		req_header(r, "Set-Cookie",
		           r->p.english ? "lang=en; Path=/; Max-Age=31536000; SameSite=Lax"
		                        : "lang=sv; Path=/; Max-Age=31536000; SameSite=Lax");
	} else {
		r->p.english = c && strcmp(c, "en") == 0;
	}
	r->p.path = r->path;
}

/* The language switch of the page being drawn, unless the handler named
 * the form's page (layout_form_page): the page's address as its route
 * makes it (routed_path) with the other language, the rest of the query
 * kept; on a page answered to a POST the page the form was on (the
 * Referer), else the start page. */
static void
lang_switch(struct req *r)
{
	if (r->p.lang_url)
		return;
	if (!r->path) { /* a request refused before its address was decoded */
		r->p.lang_url = switch_url(r, "/", 1, NULL);
	} else if (r->method == M_GET || r->method == M_HEAD) {
		const char *path = routed_path(r);
		r->p.lang_url = switch_url(r, path, strlen(path), &r->query);
	} else {
		r->p.lang_url = switch_to(r, r->referer);
		if (!r->p.lang_url)
			r->p.lang_url = switch_url(r, "/", 1, NULL);
	}
}

/* A page answered to a POST (a form with its errors) is the form's page:
 * its language switch leads to the GET page named here (a local path,
 * with a query if it has one) with the language changed, never to the
 * POST's own address, which may have no page. A GET page keeps its own. */
void
layout_form_page(struct req *r, const char *page)
{
	const char *u = r->method == M_GET || r->method == M_HEAD ? NULL : switch_to(r, page);
	if (u)
		r->p.lang_url = u;
}

/* A local page's address with one query parameter (none when value is
 * NULL), for layout_form_page: "/logga-in?till=%2Fmina-sidor". */
const char *
layout_page_with(struct req *r, const char *path, const char *key, const char *value)
{
	if (!value)
		return path;
	struct buf b = {0};
	buf_printf(&b, "%s?%s=", path, key);
	esc_url_component(&b, value, strlen(value));
	const char *s = arena_strdup(&r->a, buf_cstr(&b));
	buf_free(&b);
	return s;
}

/* Everything up to the start of the page's own content. */
void
layout_head(struct req *r)
{
	req_html(r);
	if (r->user)
		r->p.csrf = req_csrf(r);
	lang_switch(r);
	tpl_layout_head(&r->out, &r->p);
}

void
layout_foot(struct req *r)
{
	tpl_layout_foot(&r->out, &r->p);
}

/* The message a person sees for each error. */
static void
error_text(int status, const char **sv, const char **en)
{
	switch (status) {
	case 400:
		*sv = "Begäran kunde inte förstås. Kontrollera adressen eller formuläret.";
		*en = "The request could not be understood. Check the address or the form.";
		break;
	case 401:
		*sv = "Du behöver logga in.";
		*en = "You need to sign in.";
		break;
	case 403:
		*sv = "Du har inte behörighet till den här sidan, eller så har formuläret "
		      "gått ut. Ladda om sidan och försök igen.";
		*en = "You do not have access to this page, or the form has expired. "
		      "Reload the page and try again.";
		break;
	case 404:
		*sv = "Sidan finns inte. Den kan ha flyttats eller tagits bort.";
		*en = "The page does not exist. It may have been moved or removed.";
		break;
	case 405:
		*sv = "Sidan kan inte användas på det sättet.";
		*en = "The page cannot be used that way.";
		break;
	case 413:
		*sv = "Det du skickade är för stort.";
		*en = "What you sent is too large.";
		break;
	case 414:
		*sv = "Adressen är för lång.";
		*en = "The address is too long.";
		break;
	case 431:
		*sv = "Begärans rubriker är för stora, oftast för att webbläsaren har sparat "
		      "för många kakor för webbplatsen. Ta bort webbplatsens kakor och försök "
		      "igen.";
		*en = "The request headers are too large, most often because the browser keeps "
		      "too many cookies for this site. Delete this site's cookies and try again.";
		break;
	case 503:
		*sv = "Tjänsten är tillfälligt otillgänglig. Försök igen om en stund.";
		*en = "The service is temporarily unavailable. Try again shortly.";
		break;
	default:
		*sv = "Något gick fel hos oss. Försök igen om en stund.";
		*en = "Something went wrong on our side. Try again shortly.";
		break;
	}
}

/* The error page in the site layout; http calls it through the hook that
 * serve sets (http_set_error_page). A 500 shows the request's id, which
 * the server's log line about it carries too. */
void
layout_error_page(struct req *r, int status)
{
	const char *sv, *en;
	error_text(status, &sv, &en);
	r->p.title = r->p.english ? "Error" : "Fel";
	layout_head(r);
	tpl_layout_error(&r->out, &r->p, status, r->p.english ? en : sv,
	                 status == 500 ? req_id(r) : NULL);
	layout_foot(r);
}
