#include "base/valid.h"

#include <stdlib.h>
#include <string.h>

/* A plausible e-mail address: one @ with something before it, a dot in the
 * domain but not at either end of it, no spaces, quotes or brackets, at
 * most 254 bytes (RFC 5321's path limit). */
int
email_valid(const char *s)
{
	size_t n = strlen(s);
	const char *at = strchr(s, '@');
	return n > 0 && n <= 254 && at && at != s && !strchr(at + 1, '@') && strchr(at + 1, '.') &&
	       at[1] != '.' && s[n - 1] != '.' && !strpbrk(s, " \t<>,;\"\r\n");
}

/* A date written YYYY-MM-DD that is on the calendar: 2026-02-31 is not,
 * 2028-02-29 is. Years 1900-2199. */
int
date_valid(const char *s)
{
	static const int days[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
	if (!s || strlen(s) != 10 || s[4] != '-' || s[7] != '-')
		return 0;
	for (int i = 0; i < 10; i++)
		if (i != 4 && i != 7 && (s[i] < '0' || s[i] > '9'))
			return 0;
	int y = (s[0] - '0') * 1000 + (s[1] - '0') * 100 + (s[2] - '0') * 10 + (s[3] - '0');
	int m = (s[5] - '0') * 10 + (s[6] - '0');
	int d = (s[8] - '0') * 10 + (s[9] - '0');
	if (y < 1900 || y > 2199 || m < 1 || m > 12 || d < 1)
		return 0;
	int leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
	return d <= days[m - 1] + (m == 2 && leap);
}

/* Whether a text is empty or only spaces, tabs and line breaks. */
int
text_blank(const char *s)
{
	return !s || strspn(s, " \t\r\n") == strlen(s);
}

/* The number of characters (not bytes) in valid UTF-8, for limits a person
 * can count. */
size_t
utf8_chars(const char *s)
{
	size_t n = 0;
	for (; *s; s++)
		n += ((unsigned char)*s & 0xc0) != 0x80;
	return n;
}

/* Whether s is a whole number in [lo, hi] and nothing else (spaces around
 * it allowed): page numbers, counts, days. */
int
int_in_range(const char *s, int64_t lo, int64_t hi, int64_t *out)
{
	if (!s)
		return 0;
	while (*s == ' ')
		s++;
	if (!*s || strlen(s) > 19 || !((*s >= '0' && *s <= '9') || *s == '-'))
		return 0;
	char *end;
	long long v = strtoll(s, &end, 10);
	while (*end == ' ')
		end++;
	if (*end || v < lo || v > hi)
		return 0;
	*out = v;
	return 1;
}

/* The value of a hex digit, or -1. */
static int
hex_value(unsigned char c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return -1;
}

/* The one rule for an address taken from a request that we send a browser
 * to (after signing in or up, the language switch of a form's page): a
 * path on this site only. One leading "/", no "//" and no "." or ".."
 * segment in the path (a browser turns "/..//host" into "//host"), no
 * backslash (read as "/") and no control character anywhere (a browser
 * drops a tab, so "/\t/host" would be "//host"), and the same once more
 * with the path's percent-escapes decoded ("/%2F/host", "/%09/host"),
 * since our own server decodes them; an escape that does not decode is
 * refused as the server would refuse it. Else fallback. */
const char *
local_path(const char *next, const char *fallback)
{
	if (!next || next[0] != '/')
		return fallback;
	for (const unsigned char *c = (const unsigned char *)next; *c; c++)
		if (*c < 0x20 || *c == 0x7f || *c == '\\')
			return fallback;
	/* the path's segments, escapes decoded; its end closes the last one */
	size_t end = strcspn(next, "?#"), seglen = 0, dots = 0;
	for (size_t i = 1; i <= end; i++) {
		unsigned char c = i < end ? (unsigned char)next[i] : '/';
		if (i < end && c == '%') {
			int hi = hex_value((unsigned char)next[i + 1]);
			int lo = hi < 0 ? -1 : hex_value((unsigned char)next[i + 2]);
			if (lo < 0)
				return fallback;
			c = (unsigned char)(hi << 4 | lo);
			if (c < 0x20 || c == 0x7f || c == '\\')
				return fallback;
			i += 2;
		}
		if (c != '/') {
			seglen++;
			dots += c == '.';
			continue;
		}
		if ((seglen == 0 && i < end) || (seglen <= 2 && dots == seglen && seglen > 0))
			return fallback;
		seglen = dots = 0;
	}
	return next;
}
