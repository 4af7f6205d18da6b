#include "layout/layout.h"
#include "layout/error.tpl.h"
#include "layout/foot.tpl.h"
#include "layout/head.tpl.h"

#include <string.h>

/* Language: ?lang= wins and is remembered in a cookie; then the cookie;
 * Swedish by default. The switch link keeps the rest of the query. */
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
	struct buf b = {0};
	buf_puts(&b, r->path);
	buf_puts(&b, "?");
	for (size_t i = 0; i < r->query.n; i++) {
		if (strcmp(r->query.items[i].k, "lang") == 0)
			continue;
		esc_url_component(&b, r->query.items[i].k, strlen(r->query.items[i].k));
		buf_putc(&b, '=');
		esc_url_component(&b, r->query.items[i].v, r->query.items[i].vlen);
		buf_putc(&b, '&');
	}
	buf_puts(&b, r->p.english ? "lang=sv" : "lang=en");
	r->p.lang_url = arena_strdup(&r->a, buf_cstr(&b));
	buf_free(&b);
}

/* Everything up to the start of the page's own content. */
void
layout_head(struct req *r)
{
	req_html(r);
	if (r->user)
		r->p.csrf = req_csrf(r);
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
		*sv = "Begärans rubriker är för stora.";
		*en = "The request headers are too large.";
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
