#include "http/decode.h"

#include <ctype.h>
#include <string.h>
#include <strings.h>
#include <unistr.h>

/* Valid UTF-8 without NUL or other C0 control bytes than tab and newline. */
int
text_valid(const char *s, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		unsigned char c = (unsigned char)s[i];
		if (c < 0x20 && c != '\t' && c != '\n' && c != '\r')
			return 0;
		if (c == 0x7f)
			return 0;
	}
	return u8_check((const uint8_t *)s, n) == NULL;
}

static int
hexval(char c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	c = (char)tolower((unsigned char)c);
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	return -1;
}

/* Decodes %XX (and '+' as space when asked); refuses broken escapes, NUL and
 * invalid UTF-8, so handlers never see them. */
int
url_decode(struct arena *a, const char *s, size_t n, int plus, char **out, size_t *outn)
{
	char *d = arena_alloc(a, n + 1);
	size_t k = 0;
	for (size_t i = 0; i < n; i++) {
		char c = s[i];
		if (c == '%') {
			if (i + 2 >= n)
				return -1;
			int h = hexval(s[i + 1]), l = hexval(s[i + 2]);
			if (h < 0 || l < 0)
				return -1;
			c = (char)(h * 16 + l);
			i += 2;
		} else if (c == '+' && plus) {
			c = ' ';
		}
		d[k++] = c;
	}
	d[k] = 0;
	if (!text_valid(d, k))
		return -1;
	*out = d;
	*outn = k;
	return 0;
}

/* Appends a pair, growing the list in the arena. */
void
kv_add(struct arena *a, struct kvlist *l, const char *k, const char *v, size_t vlen)
{
	if (l->n == l->cap) {
		size_t cap = l->cap ? l->cap * 2 : 16;
		struct kv *items = arena_alloc(a, cap * sizeof(*items));
		if (l->n)
			memcpy(items, l->items, l->n * sizeof(*items));
		l->items = items;
		l->cap = cap;
	}
	l->items[l->n++] = (struct kv){k, v, vlen};
}

/* The first value of a key, or NULL. */
const char *
kv_get(const struct kvlist *l, const char *k)
{
	for (size_t i = 0; i < l->n; i++)
		if (strcmp(l->items[i].k, k) == 0)
			return l->items[i].v;
	return NULL;
}

/* Parses a=1&b=2 (query strings and urlencoded bodies). */
int
form_parse(struct arena *a, const char *s, size_t n, struct kvlist *out)
{
	size_t i = 0;
	while (i < n) {
		size_t j = i;
		while (j < n && s[j] != '&' && s[j] != ';')
			j++;
		if (j > i) {
			const char *eq = memchr(s + i, '=', j - i);
			size_t kl = eq ? (size_t)(eq - (s + i)) : j - i;
			char *k, *v;
			size_t kn, vn;
			if (url_decode(a, s + i, kl, 1, &k, &kn) != 0)
				return -1;
			if (eq) {
				if (url_decode(a, eq + 1, j - i - kl - 1, 1, &v, &vn) != 0)
					return -1;
			} else {
				v = arena_strdup(a, "");
				vn = 0;
			}
			if (out->n >= DECODE_MAX_FIELDS)
				return -1;
			kv_add(a, out, k, v, vn);
		}
		i = j + 1;
	}
	return 0;
}

/* Parses a Cookie header: name=value pairs separated by "; ". Values are
 * taken as they are (ours are URL-safe); a malformed pair is skipped. */
int
cookies_parse(struct arena *a, const char *s, size_t n, struct kvlist *out)
{
	size_t i = 0;
	while (i < n) {
		while (i < n && (s[i] == ' ' || s[i] == ';'))
			i++;
		size_t j = i;
		while (j < n && s[j] != ';')
			j++;
		const char *eq = memchr(s + i, '=', j - i);
		if (eq && eq > s + i && out->n < 64) {
			const char *v = eq + 1;
			size_t vn = (size_t)(s + j - v);
			while (vn && v[vn - 1] == ' ')
				vn--;
			if (vn >= 2 && v[0] == '"' && v[vn - 1] == '"')
				v++, vn -= 2;
			if (text_valid(s + i, (size_t)(eq - (s + i))) && text_valid(v, vn))
				kv_add(a, out, arena_strndup(a, s + i, (size_t)(eq - (s + i))),
				       arena_strndup(a, v, vn), vn);
		}
		i = j + 1;
	}
	return 0;
}

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

/* memmem over a region. */
static const char *
find(const char *hay, size_t hn, const char *needle, size_t nn)
{
	return memmem(hay, hn, needle, nn);
}

/* Reads one header parameter (name="value") from a Content-Disposition. */
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

/* Parses a whole multipart/form-data body: text parts become fields, parts
 * with a filename become uploads. Anything malformed refuses the body. */
int
multipart_parse(struct arena *a, const char *bnd, const char *body, size_t n, struct kvlist *fields,
                struct uploads *files)
{
	size_t bl = strlen(bnd);
	char *delim = arena_alloc(a, bl + 4);
	memcpy(delim, "\r\n--", 4);
	memcpy(delim + 4, bnd, bl);
	size_t dl = bl + 4;
	/* the first boundary may lack the leading CRLF */
	if (n < dl - 2 || memcmp(body, delim + 2, dl - 2) != 0)
		return -1;
	const char *p = body + dl - 2, *end = body + n;
	for (;;) {
		if (end - p >= 2 && p[0] == '-' && p[1] == '-')
			return 0;
		if (end - p < 2 || p[0] != '\r' || p[1] != '\n')
			return -1;
		p += 2;
		const char *hend = find(p, (size_t)(end - p), "\r\n\r\n", 4);
		if (!hend)
			return -1;
		const char *name = NULL, *filename = NULL, *ctype = "application/octet-stream";
		const char *h = p;
		while (h < hend + 2) {
			const char *le = find(h, (size_t)(hend + 2 - h), "\r\n", 2);
			if (!le)
				return -1;
			size_t ln = (size_t)(le - h);
			if (ln > 20 && strncasecmp(h, "Content-Disposition:", 20) == 0) {
				/* a NUL or control character would cut or disguise a name */
				for (size_t i = 0; i < ln; i++)
					if ((unsigned char)h[i] < 0x20 || h[i] == 0x7f)
						return -1;
				name = disposition_param(a, h + 20, ln - 20, "name");
				filename = disposition_param(a, h + 20, ln - 20, "filename");
			} else if (ln > 13 && strncasecmp(h, "Content-Type:", 13) == 0) {
				const char *v = h + 13;
				while (v < le && *v == ' ')
					v++;
				ctype = arena_strndup(a, v, (size_t)(le - v));
			}
			h = le + 2;
		}
		p = hend + 4;
		const char *next = find(p, (size_t)(end - p), delim, dl);
		if (!next || !name || !text_valid(name, strlen(name)))
			return -1;
		size_t len = (size_t)(next - p);
		if (filename) {
			if (!text_valid(filename, strlen(filename)) || files->n >= 32)
				return -1;
			if (files->n == files->cap) {
				size_t cap = files->cap ? files->cap * 2 : 4;
				struct upload *it = arena_alloc(a, cap * sizeof(*it));
				if (files->n)
					memcpy(it, files->items, files->n * sizeof(*it));
				files->items = it;
				files->cap = cap;
			}
			files->items[files->n++] = (struct upload){name, filename, ctype, p, len};
		} else {
			if (!text_valid(p, len) || fields->n >= DECODE_MAX_FIELDS)
				return -1;
			kv_add(a, fields, name, arena_strndup(a, p, len), len);
		}
		p = next + dl;
	}
}
