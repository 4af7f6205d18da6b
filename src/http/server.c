/* libmicrohttpd glue: limits, the per-request arena, decoding, routing,
 * the application's steps (struct http_app: language, authorization), then
 * the handler and the response. */
#include "http/server.h"
#include "http/body.h"
#include "http/cache.h"
#include "http/guard.h"
#include "http/offload.h"
#include "http/router.h"
#include "http/security.h"
#include "base/log.h"

#include <arpa/inet.h>
#include <microhttpd.h>
#include <netinet/in.h>
#include <pthread.h>
#include <signal.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>

enum { HEADER_LIMIT = 16 * 1024, URI_LIMIT = 8 * 1024 };
/* Bytes of a refused body read and dropped before the answer (refuse_before_body). */
#define DRAIN_LIMIT (4ull * 1024 * 1024)

static const struct server_opts *opts;
static const struct http_app *app;
static _Thread_local struct db *thread_db;
static volatile sig_atomic_t stopping;

static pthread_key_t db_key;
static pthread_once_t db_key_once = PTHREAD_ONCE_INIT;

/* A pool thread's connection is closed when the thread ends. */
static void
close_thread_db(void *db)
{
	db_close(db);
}

static void
db_key_create(void)
{
	pthread_key_create(&db_key, close_thread_db);
}

/* Each pool thread opens its own connection on first use: no locks. */
static struct db *
request_db(void)
{
	if (!thread_db) {
		char err[256];
		if (db_open(opts->db_url, &thread_db, err, sizeof(err)) != DB_OK) {
			log_msg("database: %s", err);
		} else {
			pthread_once(&db_key_once, db_key_create);
			pthread_setspecific(db_key, thread_db);
		}
	}
	return thread_db;
}

/* Called by MHD with the raw request URI before anything else: the request
 * begins here, so we see the URI before MHD unescapes it. */
static void *
on_uri(void *cls, const char *uri, struct MHD_Connection *c)
{
	(void)cls;
	static atomic_uint_fast64_t serials;
	guard_request_line(c, uri);
	struct req *r = xcalloc(1, sizeof(*r));
	r->serial = atomic_fetch_add(&serials, 1) + 1;
	size_t n = strlen(uri);
	if (n > URI_LIMIT) {
		r->early_status = 414;
		n = 0;
	}
	r->raw_uri = arena_strndup(&r->a, uri, n);
	return r;
}

/* MHD would unescape the path and arguments itself; we decode strictly. */
static size_t
no_unescape(void *cls, struct MHD_Connection *c, char *s)
{
	(void)cls;
	(void)c;
	return strlen(s);
}

static void
on_completed(void *cls, struct MHD_Connection *c, void **con_cls, enum MHD_RequestTerminationCode t)
{
	(void)cls;
	(void)t;
	guard_request_done(c);
	struct req *r = *con_cls;
	if (!r)
		return;
	buf_free(&r->in);
	buf_free(&r->out);
	arena_reset(&r->a);
	free(r);
	*con_cls = NULL;
}

struct header_count {
	size_t bytes;
	struct req *r;
};

static enum MHD_Result
count_header(void *cls, enum MHD_ValueKind kind, const char *k, const char *v)
{
	(void)kind;
	struct header_count *hc = cls;
	hc->bytes += strlen(k) + (v ? strlen(v) : 0) + 4;
	return MHD_YES;
}

static struct MHD_Response *with_headers(struct req *r, struct MHD_Response *resp);

/* A response of len bytes of body (taken over) with the security headers
 * and those the handler set. */
static struct MHD_Response *
make_response(struct req *r, char *body, size_t len)
{
	struct MHD_Response *resp =
	        MHD_create_response_from_buffer(len, body, MHD_RESPMEM_MUST_FREE);
	return with_headers(r, resp);
}

/* The security headers and those the handler set, on any response. */
static struct MHD_Response *
with_headers(struct req *r, struct MHD_Response *resp)
{
	security_headers(resp, r);
	MHD_add_response_header(resp, "Content-Type",
	                        r->ctype ? r->ctype : "text/html; charset=utf-8");
	for (int i = 0; i < r->nheaders; i++)
		MHD_add_response_header(resp, r->headers[i].name, r->headers[i].value);
	return resp;
}

/* One line in the server's log for an answer of 500, for the operator to
 * find by the id the page shows: the method and the route's pattern (never
 * the address, which may hold personal data), why (req_fail) or where it
 * was answered, and what the database last refused on this request. */
static void
log_failure(struct req *r)
{
	static const char *const methods[] = {"?", "GET", "POST", "HEAD", "OTHER"};
	struct buf b = {0};
	buf_printf(&b, "500 %s %s %s: %s", req_id(r), methods[r->method],
	           r->route ? r->route->pattern : "(no route)",
	           r->fail_why ? r->fail_why : "no reason given");
	if (r->fail_func) {
		const char *file = strstr(r->fail_file, "src/");
		buf_printf(&b, " (in %s, %s:%d)", r->fail_func, file ? file : r->fail_file,
		           r->fail_line);
	}
	const char *dberr = r->db ? db_errmsg(r->db) : "";
	if (*dberr)
		buf_printf(&b, "; database: %s", dberr);
	buf_cstr(&b);
	for (size_t i = 0; i < b.len; i++)
		if ((unsigned char)b.data[i] < 0x20 || b.data[i] == 0x7f)
			b.data[i] = ' ';
	log_msg("%s", buf_cstr(&b));
	buf_free(&b);
}

/* Queues what the handler left in r. A public page that may be kept goes
 * into the cache as a copy that says "X-Cache: hit", the answer the next
 * anonymous visitors get. */
static enum MHD_Result
send_response(struct MHD_Connection *c, struct req *r)
{
	r->responded = 1;
	if (r->cached)
		return MHD_queue_response(c, 200, r->cached);
	if (r->file_sent) {
		struct MHD_Response *file = MHD_create_response_from_fd64(r->file_size, r->file_fd);
		r->file_sent = 0;
		if (file) {
			enum MHD_Result ret =
			        MHD_queue_response(c, (unsigned)r->status, with_headers(r, file));
			MHD_destroy_response(file);
			return ret;
		}
		close(r->file_fd);
		req_error(r, 500);
	}
	size_t len = r->out.len;
	char *body = buf_take(&r->out);
	struct MHD_Response *resp = make_response(r, body, len);
	if (r->status == 500) {
		log_failure(r);
		MHD_add_response_header(resp, "X-Request-Id", req_id(r));
	}
	enum MHD_Result ret = MHD_queue_response(c, (unsigned)r->status, resp);
	int keep = r->cache_key && r->status == 200 && req_query_all_read(r);
	for (int i = 0; i < r->nheaders && keep; i++)
		keep = strcmp(r->headers[i].name, "Set-Cookie") != 0;
	if (keep) {
		char *copy = xmalloc(len ? len : 1);
		memcpy(copy, body, len);
		struct MHD_Response *kept = make_response(r, copy, len);
		MHD_add_response_header(kept, "X-Cache", "hit");
		cache_put(r->route->cache, r->generation, r->cache_key, r->cache_key_len, kept,
		          len);
	}
	MHD_destroy_response(resp);
	return ret;
}

/* Splits the raw URI into a decoded path and the query pairs. */
static int
decode_uri(struct req *r)
{
	const char *u = r->raw_uri;
	const char *q = strchr(u, '?');
	size_t pn = q ? (size_t)(q - u) : strlen(u);
	char *path;
	size_t n;
	if (pn == 0 || u[0] != '/' || url_decode(&r->a, u, pn, 0, &path, &n) != 0)
		return -1;
	r->path = path;
	r->raw_query = q ? q + 1 : "";
	return form_parse(&r->a, r->raw_query, strlen(r->raw_query), &r->query);
}

static enum method
method_of(const char *m)
{
	if (strcmp(m, "GET") == 0)
		return M_GET;
	if (strcmp(m, "POST") == 0)
		return M_POST;
	if (strcmp(m, "HEAD") == 0)
		return M_HEAD;
	return M_OTHER;
}

/* For an anonymous visitor's public page: a kept response if the route's
 * domain has not changed since it was made; otherwise marks the response
 * to be kept. */
static int
cache_lookup(struct req *r)
{
	const struct cache_domain *d = r->route->cache;
	r->generation = db_generation(r->db, d->generation_key);
	if (r->generation < 0)
		return 0;
	struct buf key = {0};
	buf_puts(&key, r->raw_uri);
	buf_puts(&key, r->p.english ? "\n en" : "\n sv");
	r->cache_key_len = key.len;
	r->cache_key = arena_strndup(&r->a, key.data, key.len);
	buf_free(&key);
	r->cached = cache_get(d, r->generation, r->cache_key, r->cache_key_len);
	return r->cached != NULL;
}

/* The client's address as text ("192.0.2.7", "2001:db8::7"), for the
 * throttling of password checks above http: the peer's, or behind a proxy
 * the X-Real-IP it sets (when it is an address); "" when MHD cannot say. */
static const char *
client_address(struct arena *a, struct MHD_Connection *c)
{
	const char *real = opts->behind_proxy
	                           ? MHD_lookup_connection_value(c, MHD_HEADER_KIND, "X-Real-IP")
	                           : NULL;
	unsigned char bin[16];
	if (real && (inet_pton(AF_INET, real, bin) == 1 || inet_pton(AF_INET6, real, bin) == 1))
		return arena_strdup(a, real);
	const union MHD_ConnectionInfo *ci =
	        MHD_get_connection_info(c, MHD_CONNECTION_INFO_CLIENT_ADDRESS);
	const struct sockaddr *sa = ci ? ci->client_addr : NULL;
	char text[INET6_ADDRSTRLEN] = "";
	if (sa && sa->sa_family == AF_INET)
		inet_ntop(AF_INET, &((const struct sockaddr_in *)sa)->sin_addr, text, sizeof(text));
	else if (sa && sa->sa_family == AF_INET6)
		inet_ntop(AF_INET6, &((const struct sockaddr_in6 *)sa)->sin6_addr, text,
		          sizeof(text));
	return arena_strdup(a, text);
}

/* The head of a request is in: decode its address, find its route, let
 * the app say who may call it, and get ready for the body if one follows,
 * all before any of it is read. Nonzero when the answer is made (an error, a
 * redirect to sign in). */
static int
head(struct req *r, struct MHD_Connection *c, int body)
{
	if (decode_uri(r) != 0) {
		req_error(r, 400);
		return 1;
	}
	const char *ck = MHD_lookup_connection_value(c, MHD_HEADER_KIND, "Cookie");
	if (ck)
		cookies_parse(&r->a, ck, strlen(ck), &r->cookies);
	r->db = request_db();
	if (r->db)
		db_clear_error(r->db);
	if (r->method != M_GET && r->method != M_HEAD) {
		/* only a page answered to a form looks where it came from, and
		 * only a form checks a password, which is throttled by address */
		const char *ref = MHD_lookup_connection_value(c, MHD_HEADER_KIND, "Referer");
		r->referer = ref ? arena_strdup(&r->a, ref) : NULL;
		r->client_addr = client_address(&r->a, c);
	} else {
		r->client_addr = "";
	}
	if (app->begin)
		app->begin(r);
	int wrong_method;
	const struct route *rt = route_match(r, &wrong_method);
	if (!rt) {
		if (wrong_method)
			req_header(r, "Allow", "GET, HEAD, POST");
		req_error(r, wrong_method ? 405 : 404);
		return 1;
	}
	r->route = rt;
	if (!r->db) {
		req_error(r, 503);
		return 1;
	}
	if (!app->authorize) {
		req_error(r, 403);
		return 1;
	}
	if (app->authorize(r, rt) != 0)
		return 1;
	if (!body)
		return 0;
	const char *ct = MHD_lookup_connection_value(c, MHD_HEADER_KIND, "Content-Type");
	r->content_type = ct ? arena_strdup(&r->a, ct) : NULL;
	int rc = body_begin(r, r->content_type, rt->flags & ROUTE_FILES);
	if (rc) {
		req_error(r, rc);
		return 1;
	}
	return 0;
}

/* The whole request is in: its form checked, then the page from the
 * cache or from the handler. */
static void
finish(struct req *r)
{
	int rc = body_end(r);
	if (rc) {
		req_error(r, rc);
		return;
	}
	if (app->form_ok && !app->form_ok(r)) {
		req_error(r, 403);
		return;
	}
	const struct route *rt = r->route;
	if (rt->cache && !r->user && r->nheaders == 0 && cache_lookup(r))
		return;
	if (!(rt->flags & ROUTE_SLOW)) {
		rt->fn(r);
		return;
	}
	r->offloaded = 1;
	if (offload(r) != 0) {
		r->offloaded = 0;
		req_header(r, "Retry-After", "5");
		req_error(r, 503);
	}
}

/* The offload pool's steps: the connection waits, suspended, while a
 * worker runs the handler on its own database connection, then resumes
 * and on_request sends what the handler made. */
static void
offload_queued(struct req *r)
{
	MHD_suspend_connection(r->conn);
}

static void
offload_run(struct req *r)
{
	r->db = request_db();
	if (r->db) {
		db_clear_error(r->db);
		r->route->fn(r);
	} else {
		req_error(r, 503);
	}
}

static void
offload_done(struct req *r)
{
	r->offloaded = 2;
	MHD_resume_connection(r->conn);
}

static const struct offload_steps offload_steps = {offload_queued, offload_run, offload_done};

/* How large a body may be, decided from the headers before any of it is
 * read: only a form with files may be as large as a document; every other
 * body is held to the form limit, so no route reads megabytes it would
 * refuse anyway. */
static size_t
body_limit(struct MHD_Connection *c)
{
	const char *ct = MHD_lookup_connection_value(c, MHD_HEADER_KIND, "Content-Type");
	if (ct && strncasecmp(ct, "multipart/form-data", 19) == 0)
		return opts->upload_limit;
	return opts->form_limit;
}

/* Whether a body refused from the headers is refused before it is sent.
 * A client that waits for 100 Continue is told at once. One that is
 * already sending (a browser) is let finish a small body, and what it
 * sends dropped: closing the socket with its bytes unread makes the
 * kernel reset the connection, and the client, still writing, sees that
 * reset instead of the answer. A body declared larger than DRAIN_LIMIT
 * (an upload's 10 MiB) is not read at all: an anonymous sender must not
 * make the server read megabytes. */
static int
refuse_before_body(struct MHD_Connection *c, unsigned long long declared)
{
	const char *expect = MHD_lookup_connection_value(c, MHD_HEADER_KIND, "Expect");
	if (expect && strcasecmp(expect, "100-continue") == 0)
		return 1;
	return declared > DRAIN_LIMIT;
}

/* An answer made from the headers alone (414, 431, 413): the page of the
 * start page's language. */
static void
early_answer(struct req *r)
{
	r->path = "/";
	r->raw_query = "";
	if (app->begin)
		app->begin(r);
	req_error(r, r->early_status);
}

/* libmicrohttpd calls this first with the headers, then with each piece
 * of the body, then once more when it is all in. A request refused from
 * its headers with a body on the way is answered at once, and
 * libmicrohttpd reads none of the body and closes the connection; one
 * without a body is answered on the last call, so the connection is kept. */
static enum MHD_Result
on_request(void *cls, struct MHD_Connection *c, const char *url, const char *method,
           const char *version, const char *upload, size_t *upload_size, void **con_cls)
{
	(void)cls;
	(void)url;
	struct req *r = *con_cls;
	if (!r)
		return MHD_NO;
	if (!r->started) {
		r->started = 1;
		r->conn = c;
		r->status = 200;
		r->method_name = arena_strdup(&r->a, method);
		r->method = method_of(method);
		int refused = guard_head_received(c, version);
		if (!r->early_status)
			r->early_status = refused;
		struct header_count hc = {0, r};
		MHD_get_connection_values(c, MHD_HEADER_KIND, count_header, &hc);
		if (hc.bytes > HEADER_LIMIT)
			r->early_status = 431;
		const char *cl = MHD_lookup_connection_value(c, MHD_HEADER_KIND, "Content-Length");
		unsigned long long declared = cl ? strtoull(cl, NULL, 10) : 0;
		int body = declared > 0 ||
		           MHD_lookup_connection_value(c, MHD_HEADER_KIND, "Transfer-Encoding");
		if (body) {
			r->in.limit = body_limit(c);
			if (declared > r->in.limit)
				r->early_status = 413;
		}
		if (r->early_status)
			early_answer(r);
		else
			r->answered = head(r, c, body);
		if ((r->early_status || r->answered) && body && refuse_before_body(c, declared)) {
			guard_body_received(c, 0);
			return send_response(c, r);
		}
		return MHD_YES;
	}
	guard_body_received(c, *upload_size);
	if (r->responded) {
		*upload_size = 0;
		return MHD_YES;
	}
	if (*upload_size) {
		if (!r->early_status && !r->answered)
			body_feed(r, upload, *upload_size);
		else if ((r->drained += *upload_size) > DRAIN_LIMIT)
			return MHD_NO; /* a chunked body past the limit: cut off */
		*upload_size = 0;
		return MHD_YES;
	}
	if (r->offloaded == 1)
		return MHD_YES; /* called again while a worker has it */
	if (!r->early_status && !r->answered && !r->offloaded) {
		finish(r);
		if (r->offloaded == 1)
			return MHD_YES; /* the answer comes when the worker is done */
	}
	return send_response(c, r);
}

static void
on_signal(int sig)
{
	(void)sig;
	stopping = 1;
}

/* Parses host:port into an IPv4 or IPv6 socket address. */
static int
parse_listen(const char *s, struct sockaddr_storage *ss, unsigned short *port)
{
	char host[256];
	const char *colon = strrchr(s, ':');
	if (!colon || (size_t)(colon - s) >= sizeof(host))
		return -1;
	memcpy(host, s, (size_t)(colon - s));
	host[colon - s] = 0;
	*port = (unsigned short)atoi(colon + 1);
	memset(ss, 0, sizeof(*ss));
	char *h = host;
	if (h[0] == '[') {
		h++;
		h[strlen(h) - 1] = 0;
	}
	struct sockaddr_in *s4 = (struct sockaddr_in *)ss;
	struct sockaddr_in6 *s6 = (struct sockaddr_in6 *)ss;
	if (inet_pton(AF_INET, h, &s4->sin_addr) == 1) {
		s4->sin_family = AF_INET;
		s4->sin_port = htons(*port);
		return 0;
	}
	if (inet_pton(AF_INET6, h, &s6->sin6_addr) == 1) {
		s6->sin6_family = AF_INET6;
		s6->sin6_port = htons(*port);
		return 1;
	}
	return -1;
}

/* One daemon of its own thread on the shared port (SO_REUSEPORT, which
 * LISTENING_ADDRESS_REUSE sets), with its share of the connection cap;
 * the connections per address are the guard's to count, across the
 * daemons. NULL when it cannot listen. */
static struct MHD_Daemon *
daemon_start(struct sockaddr_storage *ss, unsigned short port, int v6, unsigned cap)
{
	unsigned flags = MHD_USE_INTERNAL_POLLING_THREAD | MHD_USE_POLL | MHD_USE_ERROR_LOG |
	                 MHD_ALLOW_SUSPEND_RESUME;
	if (v6)
		flags |= MHD_USE_IPv6;
	return MHD_start_daemon(
	        flags, port, guard_accept, NULL, on_request, NULL, MHD_OPTION_SOCK_ADDR, ss,
	        MHD_OPTION_CONNECTION_TIMEOUT, (unsigned)30, MHD_OPTION_CONNECTION_MEMORY_LIMIT,
	        GUARD_POOL_SIZE, MHD_OPTION_CONNECTION_LIMIT, cap, MHD_OPTION_STRICT_FOR_CLIENT,
	        (int)0, MHD_OPTION_NOTIFY_CONNECTION, guard_connection, NULL,
	        MHD_OPTION_URI_LOG_CALLBACK, on_uri, NULL, MHD_OPTION_UNESCAPE_CALLBACK,
	        no_unescape, NULL, MHD_OPTION_NOTIFY_COMPLETED, on_completed, NULL,
	        MHD_OPTION_LISTENING_ADDRESS_REUSE, (unsigned)1, MHD_OPTION_END);
}

/* Port 0 asks the kernel for one: the first daemon's, which the others
 * then share. */
static void
share_port(struct MHD_Daemon *d, struct sockaddr_storage *ss, unsigned short *port)
{
	if (*port)
		return;
	const union MHD_DaemonInfo *i = MHD_get_daemon_info(d, MHD_DAEMON_INFO_BIND_PORT);
	*port = i ? i->port : 0;
	if (ss->ss_family == AF_INET6)
		((struct sockaddr_in6 *)ss)->sin6_port = htons(*port);
	else
		((struct sockaddr_in *)ss)->sin_port = htons(*port);
}

/* Starts one daemon per thread and waits for SIGINT or SIGTERM. Each has
 * a listening socket of its own on the same port, and the kernel hands
 * each new connection to one of them by its addresses' hash. A thread
 * pool of one daemon instead lets its threads race for each connection,
 * and on busy cores the first awake accepted a whole burst: 16
 * connections on one thread, served one request at a time while the
 * other thread idled (on PostgreSQL, where a thread waits for the
 * server, half the throughput). */
int
server_run(const struct server_opts *o, const struct http_app *a)
{
	opts = o;
	app = a;
	http_set_error_page(a->error_page);
	static struct body_opts bo;
	bo = (struct body_opts){o->spool_dir, o->form_limit, o->upload_limit, o->uploads_max,
	                        a->form_ok};
	body_setup(&bo);
	struct sockaddr_storage ss;
	unsigned short port;
	int v6 = parse_listen(o->listen, &ss, &port);
	if (v6 < 0) {
		fprintf(stderr, "samverka: --listen wants HOST:PORT, got %s\n", o->listen);
		return 2;
	}
	if (offload_start(o->slow_threads, o->slow_queue, &offload_steps) != 0)
		return 1;
	unsigned cap = guard_start(), n = (unsigned)o->threads;
	struct MHD_Daemon **d = xcalloc(n, sizeof(*d));
	for (unsigned i = 0; i < n; i++) {
		/* the cap shared out as a pool would */
		unsigned share = cap / n + (i < cap % n);
		d[i] = daemon_start(&ss, port, v6, share);
		if (!d[i]) {
			fprintf(stderr, "samverka: cannot listen on %s\n", o->listen);
			while (i > 0)
				MHD_stop_daemon(d[--i]);
			free(d);
			guard_stop();
			return 1;
		}
		share_port(d[i], &ss, &port);
	}
	signal(SIGINT, on_signal);
	signal(SIGTERM, on_signal);
	signal(SIGPIPE, SIG_IGN);
	printf("samverka listening on http://%s/\n", o->listen);
	fflush(stdout);
	while (!stopping)
		pause();
	for (unsigned i = 0; i < n; i++)
		MHD_stop_daemon(d[i]);
	free(d);
	guard_stop();
	return 0;
}
