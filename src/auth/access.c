/* Authorization as http asks for it (struct http_app): the session's user,
 * the route's access bits, the CSRF token of a form. */
#include "auth/access.h"
#include "auth/session.h"
#include "base/esc.h"

#include <string.h>

/* Reads the session, then checks who may call the route (default deny: a
 * route that names no one is refused), before any of a body is read. An
 * anonymous visitor asking for a page is sent to sign in and back; an API
 * caller gets 401 or 403. 0 lets the request go on. */
int
auth_authorize(struct req *r, const struct route *rt)
{
	session_load(r);
	if (!(rt->access & ACCESS_PUBLIC)) {
		if (!r->user) {
			if (r->method == M_GET && strncmp(r->path, "/api/", 5) != 0) {
				struct buf b = {0};
				buf_puts(&b, "/logga-in?till=");
				esc_url_component(&b, r->raw_uri, strlen(r->raw_uri));
				req_redirect(r, arena_strdup(&r->a, buf_cstr(&b)));
				buf_free(&b);
			} else {
				req_error(r, r->method == M_GET ? 401 : 403);
			}
			return -1;
		}
		if (!(rt->access & ACCESS_USER) && !(rt->access & r->user->roles)) {
			req_error(r, 403);
			return -1;
		}
	}
	return 0;
}

/* The CSRF token of a form sent with POST (http's form_ok hook). */
int
auth_form_ok(struct req *r)
{
	return r->method != M_POST || csrf_ok(r);
}
