/* Helpers handlers use to read input and shape the response. */
#include "http/request.h"
#include "layout/error.tpl.h"
#include "layout/layout.h"

#include <stdlib.h>
#include <string.h>

const char *
req_query(struct req *r, const char *k)
{
	for (size_t i = 0; i < r->query.n; i++)
		if (strcmp(r->query.items[i].k, k) == 0) {
			if (i < 64)
				r->query_read |= (uint64_t)1 << i;
			return r->query.items[i].v;
		}
	return NULL;
}

/* Whether the page was made from every parameter in its address: a page
 * of the same address with a parameter nobody reads (?x=1, ?x=2, …) is
 * not kept, so such addresses cannot push real pages out of the cache. */
int
req_query_all_read(const struct req *r)
{
	if (r->query.n > 64)
		return 0;
	uint64_t all = r->query.n == 64 ? ~(uint64_t)0 : ((uint64_t)1 << r->query.n) - 1;
	return (r->query_read & all) == all;
}

/* Answers with v as JSON (json_dumps flags), taking it over. */
void
req_json(struct req *r, json_t *v, size_t flags)
{
	char *s = json_dumps(v, flags);
	json_decref(v);
	r->ctype = "application/json";
	buf_puts(&r->out, s);
	buf_putc(&r->out, '\n');
	free(s);
}

const char *
req_form(struct req *r, const char *k)
{
	return kv_get(&r->form, k);
}

const char *
req_cookie(struct req *r, const char *k)
{
	return kv_get(&r->cookies, k);
}

/* A path parameter as a positive id, 0 when it is not one. */
int64_t
req_param_id(struct req *r, int i)
{
	if (i >= r->nparams)
		return 0;
	const char *s = r->params[i];
	int64_t v = 0;
	if (!*s || strlen(s) > 15)
		return 0;
	for (; *s; s++) {
		if (*s < '0' || *s > '9')
			return 0;
		v = v * 10 + (*s - '0');
	}
	return v;
}

void
req_header(struct req *r, const char *name, const char *value)
{
	if (r->nheaders < (int)(sizeof(r->headers) / sizeof(r->headers[0])))
		r->headers[r->nheaders++] = (struct header){name, value};
}

/* POST-redirect-GET: 303 so the browser follows with GET. */
void
req_redirect(struct req *r, const char *url)
{
	r->status = 303;
	req_header(r, "Location", url);
	r->out.len = 0;
}

void
req_html(struct req *r)
{
	r->ctype = "text/html; charset=utf-8";
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

/* An error page in the site layout (or JSON under /api/). */
void
req_error(struct req *r, int status)
{
	const char *sv, *en;
	error_text(status, &sv, &en);
	r->status = status;
	r->out.len = 0;
	if (r->path && strncmp(r->path, "/api/", 5) == 0) {
		r->ctype = "application/json";
		buf_printf(&r->out, "{\"error\": %d}\n", status);
		return;
	}
	req_html(r);
	r->p.title = r->p.english ? "Error" : "Fel";
	layout_head(r);
	tpl_layout_error(&r->out, &r->p, status, r->p.english ? en : sv);
	layout_foot(r);
}
