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
