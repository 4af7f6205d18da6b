#include "http/multipart.h"
#include "http/decode.h"

#include <stdlib.h>
#include <string.h>
#include <strings.h>

enum { START, AFTER_DELIM, HEADERS, DATA, DONE };
enum { MORE = -2 }; /* step: the bytes held are not enough to go on */

/* Finds boundary=… in a multipart/form-data Content-Type. */
int
multipart_boundary(struct arena *a, const char *ctype, const char **bnd)
{
	if (strncasecmp(ctype, "multipart/form-data", 19) != 0)
		return -1;
	const char *p = strcasestr(ctype, "boundary=");
	if (!p)
		return -1;
	p += 9;
	size_t n;
	if (*p == '"') {
		p++;
		const char *q = strchr(p, '"');
		if (!q)
			return -1;
		n = (size_t)(q - p);
	} else {
		n = strcspn(p, "; \t");
	}
	if (n == 0 || n > 70)
		return -1;
	*bnd = arena_strndup(a, p, n);
	return 0;
}

/* The delimiter is "\r\n--boundary"; the body's first one comes without
 * its CRLF. */
void
mp_init(struct mp_parser *m, struct arena *a, const char *bnd, const struct mp_sink *s)
{
	size_t bl = strlen(bnd);
	*m = (struct mp_parser){.a = a, .sink = s, .dl = bl + 4, .state = START};
	m->delim = arena_alloc(a, bl + 4);
	memcpy(m->delim, "\r\n--", 4);
	memcpy(m->delim + 4, bnd, bl);
}

void
mp_free(struct mp_parser *m)
{
	free(m->w);
	m->w = NULL;
	m->wn = m->wcap = 0;
}

/* Reads one parameter (name="value") of a Content-Disposition header. */
static const char *
disposition_param(struct arena *a, const char *h, size_t hn, const char *name)
{
	size_t nl = strlen(name);
	for (size_t i = 0; i + nl + 2 <= hn; i++) {
		if ((i == 0 || h[i - 1] == ' ' || h[i - 1] == ';') &&
		    strncasecmp(h + i, name, nl) == 0 && h[i + nl] == '=') {
			const char *v = h + i + nl + 1;
			size_t rest = hn - (i + nl + 1);
			if (rest && *v == '"') {
				const char *q = memchr(v + 1, '"', rest - 1);
				if (!q)
					return NULL;
				return arena_strndup(a, v + 1, (size_t)(q - v - 1));
			}
			size_t n = 0;
			while (n < rest && v[n] != ';' && v[n] != ' ')
				n++;
			return arena_strndup(a, v, n);
		}
	}
	return NULL;
}

/* The headers of one part (n bytes, each line ending in CRLF): its name,
 * its file name if it is a file, its type. A control byte anywhere in them
 * (a NUL in a file name, say) refuses the body rather than cutting the name
 * short. */
static int
part_headers(struct mp_parser *m, const char *h, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		unsigned char c = (unsigned char)h[i];
		if ((c < 0x20 && c != '\t' && !(c == '\r' && i + 1 < n && h[i + 1] == '\n') &&
		     !(c == '\n' && i > 0 && h[i - 1] == '\r')) ||
		    c == 0x7f)
			return MP_BAD;
	}
	const char *name = NULL, *filename = NULL, *ctype = "application/octet-stream";
	const char *end = h + n;
	while (h < end) {
		const char *le = memmem(h, (size_t)(end - h), "\r\n", 2);
		if (!le)
			return MP_BAD;
		size_t ln = (size_t)(le - h);
		if (ln > 20 && strncasecmp(h, "Content-Disposition:", 20) == 0) {
			name = disposition_param(m->a, h + 20, ln - 20, "name");
			filename = disposition_param(m->a, h + 20, ln - 20, "filename");
		} else if (ln > 13 && strncasecmp(h, "Content-Type:", 13) == 0) {
			const char *v = h + 13;
			while (v < le && *v == ' ')
				v++;
			ctype = arena_strndup(m->a, v, (size_t)(le - v));
		}
		h = le + 2;
	}
	if (!name || !text_valid(name, strlen(name)) ||
	    (filename && !text_valid(filename, strlen(filename))))
		return MP_BAD;
	return m->sink->part(m->sink->cls, name, filename, ctype);
}

/* Drops the first k bytes of what is held. */
static void
consume(struct mp_parser *m, size_t k)
{
	memmove(m->w, m->w + k, m->wn - k);
	m->wn -= k;
}

/* One step over what is held: 0 when it can go on, MORE when it needs
 * more bytes, else the refusal. */
static int
step(struct mp_parser *m)
{
	switch (m->state) {
	case START: {
		size_t need = m->dl - 2, have = m->wn < need ? m->wn : need;
		if (memcmp(m->w, m->delim + 2, have) != 0)
			return MP_BAD;
		if (have < need)
			return MORE;
		consume(m, need);
		m->state = AFTER_DELIM;
		return 0;
	}
	case AFTER_DELIM:
		if (m->wn < 2)
			return m->wn == 1 && m->w[0] != '-' && m->w[0] != '\r' ? MP_BAD : MORE;
		if (m->w[0] == '-' && m->w[1] == '-') {
			m->state = DONE;
			m->wn = 0;
			return MORE;
		}
		if (m->w[0] != '\r' || m->w[1] != '\n')
			return MP_BAD;
		consume(m, 2);
		m->state = HEADERS;
		return 0;
	case HEADERS: {
		if (m->wn >= 2 && m->w[0] == '\r' && m->w[1] == '\n')
			return MP_BAD; /* a part without headers has no name */
		const char *e = memmem(m->w, m->wn, "\r\n\r\n", 4);
		if (!e)
			return m->wn > MP_HEAD_MAX ? MP_BAD : MORE;
		size_t hn = (size_t)(e - m->w) + 2;
		if (hn > MP_HEAD_MAX)
			return MP_BAD;
		int rc = part_headers(m, m->w, hn);
		if (rc)
			return rc;
		consume(m, hn + 2);
		m->state = DATA;
		return 0;
	}
	case DATA: {
		const char *d = memmem(m->w, m->wn, m->delim, m->dl);
		if (d) {
			size_t k = (size_t)(d - m->w);
			int rc = k ? m->sink->data(m->sink->cls, m->w, k) : 0;
			if (!rc)
				rc = m->sink->end(m->sink->cls);
			if (rc)
				return rc;
			consume(m, k + m->dl);
			m->state = AFTER_DELIM;
			return 0;
		}
		/* keep what could be the start of a delimiter cut in two */
		if (m->wn < m->dl)
			return MORE;
		size_t safe = m->wn - (m->dl - 1);
		int rc = m->sink->data(m->sink->cls, m->w, safe);
		if (rc)
			return rc;
		consume(m, safe);
		return MORE;
	}
	default: /* DONE: what follows the last delimiter is ignored */
		m->wn = 0;
		return MORE;
	}
}

/* Takes the next n bytes of the body. 0 to go on; MP_BAD when the body is
 * malformed; otherwise what the sink refused with. */
int
mp_feed(struct mp_parser *m, const char *p, size_t n)
{
	if (m->state == DONE)
		return 0;
	if (m->wn + n > m->wcap) {
		size_t cap = m->wcap ? m->wcap : 4096;
		while (cap < m->wn + n)
			cap *= 2;
		char *w = realloc(m->w, cap);
		if (!w)
			abort();
		m->w = w;
		m->wcap = cap;
	}
	memcpy(m->w + m->wn, p, n);
	m->wn += n;
	int rc;
	while ((rc = step(m)) == 0)
		;
	return rc == MORE ? 0 : rc;
}

/* 0 when the body ended with its closing delimiter. */
int
mp_finish(const struct mp_parser *m)
{
	return m->state == DONE ? 0 : MP_BAD;
}
