/* One request and its response, living in one arena. */
#ifndef HTTP_REQUEST_H
#define HTTP_REQUEST_H
#include <jansson.h>
#include <stdint.h>

#include "base/arena.h"
#include "base/buf.h"
#include "db/db.h"
#include "http/decode.h"

/* The signed-in user (auth/roles.h): http only carries it. */
struct user;
struct route;
struct body;
struct MHD_Connection;

/* What every page template needs: language, who is signed in, the CSRF
 * token for forms, where the language switch points. The layers above fill
 * it in (the language at the start of the request, the user when the
 * session is read, the title in the handler); http reads only the
 * language, to keep a cached page per language. */
struct page {
	int english;
	const char *title;
	const char *path;
	const char *lang_url;
	const char *csrf;
	const struct user *user;
};

enum method { M_GET = 1, M_POST, M_HEAD, M_OTHER };

struct header {
	const char *name, *value;
};

struct req {
	struct arena a;
	struct db *db;
	enum method method;
	const char *method_name;
	const char *raw_uri;
	const char *path;
	const char *raw_query;
	const char *referer;     /* the Referer header of a POST, NULL when none */
	const char *client_addr; /* the peer's address as text on a POST, "" otherwise or when
	                            unknown */
	struct kvlist query, form, cookies;
	uint64_t query_read; /* bit i: query.items[i] was asked for */
	struct uploads files;
	struct buf in;            /* a urlencoded body */
	const char *content_type; /* of the body, NULL when none is named */
	struct body *body;        /* how the body is being read (http/body.c) */
	const char *params[4];
	int nparams;
	const struct route *route; /* the route matched, NULL before and without one */
	struct page p;
	struct user *user;
	uint64_t serial; /* unique per request in this process */
	const char *id;  /* the request id (req_id), made when needed */
	/* why the answer is 500 and where that was decided, for the log */
	const char *fail_why, *fail_func, *fail_file;
	int fail_line;
	int started, responded, early_status;
	int answered;     /* the answer was made from the head, before the body */
	uint64_t drained; /* bytes of a refused body read and dropped */
	struct MHD_Connection *conn;
	int offloaded;         /* 1: the handler runs on the offload pool; 2: it has run */
	const char *cache_key; /* set when the response may be kept */
	size_t cache_key_len;
	int64_t generation;
	void *cached; /* a kept response (struct MHD_Response) to send as it is */
	int file_fd;  /* a file to send as the body (req_send_file), when file_sent */
	int file_sent;
	uint64_t file_size;

	int status;
	const char *ctype;
	struct buf out;
	struct header headers[8];
	int nheaders;
};

void req_json(struct req *r, json_t *v, size_t flags);
const char *req_query(struct req *r, const char *k);
int req_query_all_read(const struct req *r);
const char *req_form(struct req *r, const char *k);
const char *req_cookie(struct req *r, const char *k);
int64_t req_param_id(struct req *r, int i);
void req_header(struct req *r, const char *name, const char *value);
void req_redirect(struct req *r, const char *url);
/* An error page (JSON under /api/). A 500 is logged with where it was
 * answered (the caller's function and line) and the database's last error
 * on this request, if any. */
void req_error_at(struct req *r, int status, const char *func, const char *file, int line);
#define req_error(r, status) req_error_at((r), (status), __func__, __FILE__, __LINE__)
/* Answers 500 and says why in the server's log: a fixed text naming what
 * failed, never personal data. */
void req_fail_at(struct req *r, const char *why, const char *func, const char *file, int line);
#define req_fail(r, why) req_fail_at((r), (why), __func__, __FILE__, __LINE__)
/* The request's id, "5d1c0a7e-42": this process's random tag and the
 * request's serial. A 500 shows it and the log line has it. */
const char *req_id(struct req *r);
void req_html(struct req *r);
void req_send_file(struct req *r, int fd, uint64_t size);
/* Who draws error pages other than the API's (JSON): set once at start,
 * by the layout; without it an error is a line of plain text. */
void http_set_error_page(void (*fn)(struct req *r, int status));
#endif
