#ifndef HTTP_SERVER_H
#define HTTP_SERVER_H
#include <stddef.h>

struct server_opts {
	const char *listen; /* host:port */
	const char *db_url;
	int threads;
	size_t form_limit;     /* bytes of a urlencoded body */
	size_t upload_limit;   /* bytes of a multipart body */
	const char *spool_dir; /* where uploaded files are written as they arrive */
	int uploads_max;       /* multipart bodies received at once; more wait (503) */
	int slow_threads;      /* threads for the slow handlers (ROUTE_SLOW) */
	int slow_queue;        /* slow requests waiting for them; more wait (503) */
	int secure_cookies;
	int behind_proxy; /* the client's address is the X-Real-IP the proxy sets */
};

struct req;
struct route;

/* The steps of a request that belong to the application, not to http:
 * http calls them at their place without knowing what they do. */
struct http_app {
	/* Every request, errors too, before routing: e.g. the page's language. */
	void (*begin)(struct req *r);
	/* After the route is found, before any of the body is read: whether
	 * the caller may use it. 0 lets the request go on; otherwise the answer
	 * (an error, a redirect to sign in) is made. Without this hook every
	 * route is refused: each route's access bits mean something only to it. */
	int (*authorize)(struct req *r, const struct route *rt);
	/* Whether a form sent with an unsafe method carries the right token
	 * (r->form holds what has been read of it): called on a multipart
	 * body's first field, so a forged upload is dropped at once, and on
	 * every whole form before the handler. Nonzero: the form is good. */
	int (*form_ok)(struct req *r);
	/* Draws an error page (see http_set_error_page). */
	void (*error_page)(struct req *r, int status);
};

int server_run(const struct server_opts *o, const struct http_app *app);
#endif
