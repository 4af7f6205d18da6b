#include "base/esc.h"

#include <ctype.h>
#include <string.h>

/* The five characters that can end element content or a quoted
 * attribute, and what each becomes. */
static const char *const html_special[256] = {
        ['&'] = "&amp;", ['<'] = "&lt;", ['>'] = "&gt;", ['"'] = "&quot;", ['\''] = "&#39;",
};

/* Escapes text for element content and quoted attributes alike. The runs
 * between special characters are found by a table lookup per byte and
 * copied whole: a list page escapes some 10 000 characters, nearly all of
 * them plain. */
void
esc_html(struct buf *b, const char *s, size_t n)
{
	const unsigned char *u = (const unsigned char *)s;
	size_t start = 0, i = 0;
	for (;;) {
		while (i < n && !html_special[u[i]])
			i++;
		buf_add(b, s + start, i - start);
		if (i == n)
			return;
		buf_puts(b, html_special[u[i]]);
		start = ++i;
	}
}

/* The characters a JSON string may not hold as they are, and what each
 * becomes: the escapes jansson writes (a short one where JSON has it, else
 * \u00XX in capitals), so that output written directly is byte for byte
 * what json_dumps wrote before. */
static const char *const json_special[256] = {
        ['"'] = "\\\"",     ['\\'] = "\\\\",    ['\b'] = "\\b",     ['\f'] = "\\f",
        ['\n'] = "\\n",     ['\r'] = "\\r",     ['\t'] = "\\t",     [0x00] = "\\u0000",
        [0x01] = "\\u0001", [0x02] = "\\u0002", [0x03] = "\\u0003", [0x04] = "\\u0004",
        [0x05] = "\\u0005", [0x06] = "\\u0006", [0x07] = "\\u0007", [0x0b] = "\\u000B",
        [0x0e] = "\\u000E", [0x0f] = "\\u000F", [0x10] = "\\u0010", [0x11] = "\\u0011",
        [0x12] = "\\u0012", [0x13] = "\\u0013", [0x14] = "\\u0014", [0x15] = "\\u0015",
        [0x16] = "\\u0016", [0x17] = "\\u0017", [0x18] = "\\u0018", [0x19] = "\\u0019",
        [0x1a] = "\\u001A", [0x1b] = "\\u001B", [0x1c] = "\\u001C", [0x1d] = "\\u001D",
        [0x1e] = "\\u001E", [0x1f] = "\\u001F",
};

/* Text as a JSON string, quotes included, for output written straight into
 * a buffer instead of built as a tree first. The text is UTF-8 already (the
 * checks before storing let nothing else in), so bytes from 0x80 on are
 * copied; runs without a special character are copied whole. */
void
esc_json(struct buf *b, const char *s, size_t n)
{
	const unsigned char *u = (const unsigned char *)s;
	size_t start = 0, i = 0;
	buf_putc(b, '"');
	for (;;) {
		while (i < n && !json_special[u[i]])
			i++;
		buf_add(b, s + start, i - start);
		if (i == n)
			break;
		buf_puts(b, json_special[u[i]]);
		start = ++i;
	}
	buf_putc(b, '"');
}

/* A URL may be relative or use http, https or mailto; anything else
 * (javascript:, data:) is refused. */
int
url_scheme_allowed(const char *s, size_t n)
{
	size_t i = 0;
	while (i < n && s[i] != ':' && s[i] != '/' && s[i] != '?' && s[i] != '#')
		i++;
	if (i == n || s[i] != ':')
		return 1;
	static const char *ok[] = {"http", "https", "mailto"};
	for (size_t k = 0; k < sizeof(ok) / sizeof(ok[0]); k++)
		if (strlen(ok[k]) == i && strncasecmp(s, ok[k], i) == 0)
			return 1;
	return 0;
}

/* A URL in an attribute: a refused scheme becomes "#", the rest is
 * escaped like any attribute. */
void
esc_url_attr(struct buf *b, const char *s, size_t n)
{
	size_t i = 0;
	while (i < n && isspace((unsigned char)s[i]))
		i++;
	for (size_t k = i; k < n; k++)
		if ((unsigned char)s[k] < 0x20) {
			buf_putc(b, '#');
			return;
		}
	if (!url_scheme_allowed(s + i, n - i)) {
		buf_putc(b, '#');
		return;
	}
	esc_html(b, s + i, n - i);
}

/* Percent-encodes everything but unreserved characters, for a query value. */
void
esc_url_component(struct buf *b, const char *s, size_t n)
{
	static const char hex[] = "0123456789ABCDEF";
	for (size_t i = 0; i < n; i++) {
		unsigned char c = (unsigned char)s[i];
		if (isalnum(c) || c == '-' || c == '_' || c == '.' || c == '~') {
			buf_putc(b, (char)c);
		} else {
			char e[3] = {'%', hex[c >> 4], hex[c & 15]};
			buf_add(b, e, 3);
		}
	}
}

/* A listing's address for another page with the same filters:
 * base?key=value&...&sida=N, values percent-encoded, NULL or empty values
 * left out, and no sida for the first page (one address per page). */
const char *
url_with_page(struct arena *a, const char *base, const char *const *keys, const char *const *vals,
              int n, int64_t page)
{
	struct buf b = {0};
	buf_puts(&b, base);
	char sep = '?';
	for (int i = 0; i < n; i++) {
		if (!vals[i] || !*vals[i])
			continue;
		buf_putc(&b, sep);
		buf_puts(&b, keys[i]);
		buf_putc(&b, '=');
		esc_url_component(&b, vals[i], strlen(vals[i]));
		sep = '&';
	}
	if (page > 1) {
		buf_putc(&b, sep);
		buf_puts(&b, "sida=");
		buf_int(&b, page);
	}
	const char *url = arena_strdup(a, buf_cstr(&b));
	buf_free(&b);
	return url;
}
