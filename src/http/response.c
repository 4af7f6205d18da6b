/* Helpers handlers use to read input and shape the response. */
#include "http/request.h"

#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/random.h>
#include <time.h>
#include <unistd.h>

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

static void (*error_page)(struct req *r, int status);

void
http_set_error_page(void (*fn)(struct req *r, int status))
{
	error_page = fn;
}

/* A tag of this process, random, so that the ids of several processes
 * behind one proxy do not meet. */
static uint32_t process_tag;
static pthread_once_t process_tag_once = PTHREAD_ONCE_INIT;

static void
process_tag_make(void)
{
	if (getrandom(&process_tag, sizeof(process_tag), 0) != sizeof(process_tag))
		process_tag = (uint32_t)time(NULL) ^ ((uint32_t)getpid() << 16);
}

const char *
req_id(struct req *r)
{
	if (!r->id) {
		pthread_once(&process_tag_once, process_tag_make);
		char s[40];
		snprintf(s, sizeof(s), "%08x-%llu", (unsigned)process_tag,
		         (unsigned long long)r->serial);
		r->id = arena_strdup(&r->a, s);
	}
	return r->id;
}

/* An error: JSON under /api/, otherwise the page the layout draws (plain
 * text before it has said how). A 500 keeps where it was answered, unless
 * req_fail has said it first. */
void
req_error_at(struct req *r, int status, const char *func, const char *file, int line)
{
	r->status = status;
	r->out.len = 0;
	if (status == 500 && !r->fail_func) {
		r->fail_func = func;
		r->fail_file = file;
		r->fail_line = line;
	}
	if (r->path && strncmp(r->path, "/api/", 5) == 0) {
		r->ctype = "application/json";
		if (status == 500)
			buf_printf(&r->out, "{\"error\": %d, \"reference\": \"%s\"}\n", status,
			           req_id(r));
		else
			buf_printf(&r->out, "{\"error\": %d}\n", status);
		return;
	}
	if (error_page) {
		error_page(r, status);
		return;
	}
	r->ctype = "text/plain; charset=utf-8";
	buf_printf(&r->out, "Error %d\n", status);
	if (status == 500)
		buf_printf(&r->out, "Reference: %s\n", req_id(r));
}

void
req_fail_at(struct req *r, const char *why, const char *func, const char *file, int line)
{
	if (!r->fail_why)
		r->fail_why = why;
	req_error_at(r, 500, func, file, line);
}

/* Answers with an open file as the body, taken over: libmicrohttpd reads
 * it as the client takes it and closes it, so a download of any size costs
 * no memory of its own. */
void
req_send_file(struct req *r, int fd, uint64_t size)
{
	r->out.len = 0;
	r->file_fd = fd;
	r->file_size = size;
	r->file_sent = 1;
}
