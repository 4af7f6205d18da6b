#include "http/body.h"
#include "http/multipart.h"
#include "base/log.h"

#include <errno.h>
#include <fcntl.h>
#include <stdatomic.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>
#include <sys/mman.h>
#include <sys/random.h>
#include <unistd.h>

enum { FILES_MAX = 32 };

struct body {
	struct req *r;
	struct mp_parser mp;
	struct mp_sink sink;
	int multipart;
	int status;         /* the refusal once made: the rest is dropped */
	size_t bytes;       /* of the whole body so far */
	size_t field_bytes; /* of the multipart body's fields */
	int parts;          /* parts begun */
	const char *name;   /* the field being read */
	struct buf value;
	int file; /* the upload being written (its index in r->files), or -1 */
	int counted;
};

static const struct body_opts *opts;
static atomic_int in_flight;

void
body_setup(const struct body_opts *o)
{
	opts = o;
}

/* A new spool file, named at random so that two servers sharing the
 * directory never meet: its descriptor, or -1. */
static int
spool_open(struct arena *a, const char **path)
{
	unsigned char rnd[16];
	if (getrandom(rnd, sizeof(rnd), 0) != (ssize_t)sizeof(rnd))
		return -1;
	char name[40];
	for (size_t i = 0; i < sizeof(rnd); i++)
		snprintf(name + 2 * i, 3, "%02x", rnd[i]);
	size_t n = strlen(opts->spool_dir) + sizeof(name) + 8;
	char *p = arena_alloc(a, n);
	snprintf(p, n, "%s/%s.part", opts->spool_dir, name);
	*path = p;
	return open(p, O_RDWR | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0600);
}

/* A part begins: a file goes to a new spool file, a field into memory. */
static int
on_part(void *cls, const char *name, const char *filename, const char *ctype)
{
	struct body *b = cls;
	struct req *r = b->r;
	b->parts++;
	b->name = name;
	b->value.len = 0;
	b->file = -1;
	if (!filename)
		return r->form.n >= DECODE_MAX_FIELDS ? 400 : 0;
	if (b->parts == 1)
		return 403; /* the token comes first */
	if (r->files.n >= FILES_MAX)
		return 400;
	const char *path;
	int fd = spool_open(&r->a, &path);
	if (fd < 0) {
		log_msg("uploads: cannot write in %s: %s", opts->spool_dir, strerror(errno));
		return 500;
	}
	r->files.items = arena_grow(&r->a, r->files.items, r->files.n, &r->files.cap,
	                            sizeof(*r->files.items));
	r->files.items[r->files.n] = (struct upload){.field = name,
	                                             .filename = filename,
	                                             .ctype = ctype,
	                                             .fd = fd,
	                                             .path = path,
	                                             .data = ""};
	b->file = (int)r->files.n++;
	return 0;
}

/* Bytes of the current part: a file's are written at once, a field's kept
 * within the form limit. */
static int
on_data(void *cls, const char *p, size_t n)
{
	struct body *b = cls;
	if (b->file < 0) {
		b->field_bytes += n;
		if (b->field_bytes > opts->form_limit)
			return 413;
		buf_add(&b->value, p, n);
		return 0;
	}
	struct upload *u = &b->r->files.items[b->file];
	while (n) {
		ssize_t w = write(u->fd, p, n);
		if (w < 0 && errno == EINTR)
			continue;
		if (w <= 0) {
			log_msg("uploads: cannot write in %s: %s", opts->spool_dir,
			        strerror(errno));
			return 500;
		}
		p += w;
		n -= (size_t)w;
		u->len += (size_t)w;
	}
	return 0;
}

/* A part ends. The first one must be the form's CSRF token, and a right
 * one: otherwise nothing more of the body is read into anything. */
static int
on_end(void *cls)
{
	struct body *b = cls;
	struct req *r = b->r;
	if (b->file >= 0)
		return 0;
	if (!text_valid(b->value.data ? b->value.data : "", b->value.len))
		return 400;
	kv_add(&r->a, &r->form, b->name, arena_strndup(&r->a, b->value.data, b->value.len),
	       b->value.len);
	if (b->parts == 1 && r->method == M_POST &&
	    (strcmp(b->name, "csrf") != 0 || !opts->form_ok || !opts->form_ok(r)))
		return 403;
	return 0;
}

/* When the request ends, whatever path it took: the upload's place in
 * flight is given back, then the spool files that no handler moved into
 * place are removed, so that once they are gone the place is free. */
static void
body_cleanup(void *arg)
{
	struct body *b = arg;
	struct req *r = b->r;
	if (b->counted)
		atomic_fetch_sub(&in_flight, 1);
	for (size_t i = 0; i < r->files.n; i++) {
		struct upload *u = &r->files.items[i];
		if (u->mapped)
			munmap((void *)u->data, u->len);
		close(u->fd);
		unlink(u->path);
	}
	r->files.n = 0;
	mp_free(&b->mp);
	buf_free(&b->value);
}

/* Called once the caller may use the route, before any of the body is
 * read: a multipart body goes to a route that takes files only, and only
 * so many are received at once. 0 to read it, else the status to answer. */
int
body_begin(struct req *r, const char *ctype, int takes_files)
{
	struct body *b = arena_zalloc(&r->a, sizeof(*b));
	b->r = r;
	b->file = -1;
	r->body = b;
	if (!ctype || strncasecmp(ctype, "multipart/form-data", 19) != 0)
		return 0;
	const char *bnd;
	if (!takes_files || multipart_boundary(&r->a, ctype, &bnd) != 0)
		return 400;
	if (atomic_fetch_add(&in_flight, 1) >= opts->uploads_max) {
		atomic_fetch_sub(&in_flight, 1);
		req_header(r, "Retry-After", "10");
		return 503;
	}
	b->counted = 1;
	b->multipart = 1;
	b->sink = (struct mp_sink){on_part, on_data, on_end, b};
	mp_init(&b->mp, &r->a, bnd, &b->sink);
	arena_defer(&r->a, body_cleanup, b);
	return 0;
}

/* The next piece of the body. After a refusal the rest is dropped. */
void
body_feed(struct req *r, const char *p, size_t n)
{
	struct body *b = r->body;
	if (!b || b->status)
		return;
	b->bytes += n;
	if (!b->multipart) {
		buf_add(&r->in, p, n);
		if (r->in.err)
			b->status = 413;
		return;
	}
	if (b->bytes > opts->upload_limit) {
		b->status = 413;
		return;
	}
	int rc = mp_feed(&b->mp, p, n);
	if (rc)
		b->status = rc == MP_BAD ? 400 : rc;
}

/* The whole body is in: the form's fields in r->form, its files in
 * r->files (each readable at data, in its spool file at path). 0, or the
 * status to answer. */
int
body_end(struct req *r)
{
	struct body *b = r->body;
	if (!b)
		return 0;
	if (b->status)
		return b->status;
	if (!b->multipart) {
		if (r->in.len == 0)
			return 0;
		const char *ct = r->content_type;
		if (!ct || strncasecmp(ct, "application/x-www-form-urlencoded", 33) != 0)
			return 400;
		return form_parse(&r->a, r->in.data, r->in.len, &r->form) ? 400 : 0;
	}
	if (mp_finish(&b->mp) != 0)
		return 400;
	mp_free(&b->mp);
	for (size_t i = 0; i < r->files.n; i++) {
		struct upload *u = &r->files.items[i];
		if (!u->len)
			continue;
		void *m = mmap(NULL, u->len, PROT_READ, MAP_PRIVATE, u->fd, 0);
		if (m == MAP_FAILED) {
			log_msg("uploads: cannot map %s: %s", u->path, strerror(errno));
			return 500;
		}
		u->data = m;
		u->mapped = 1;
	}
	return 0;
}
