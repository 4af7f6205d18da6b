/* The shared rules for typed values (base/valid.c): a date that passes is
 * one a calendar has, a path that passes cannot leave the site, a number
 * that passes is in its range and written in digits. */
#include "fuzz.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "base/valid.h"

/* Whether the C library agrees the date is real: mktime normalises
 * 2026-02-31 to March, so a real date comes back unchanged. */
static int
calendar_has(const char *s)
{
	struct tm tm = {0};
	tm.tm_year =
	        (s[0] - '0') * 1000 + (s[1] - '0') * 100 + (s[2] - '0') * 10 + (s[3] - '0') - 1900;
	tm.tm_mon = (s[5] - '0') * 10 + (s[6] - '0') - 1;
	tm.tm_mday = (s[8] - '0') * 10 + (s[9] - '0');
	tm.tm_hour = 12;
	struct tm want = tm;
	timegm(&tm);
	return tm.tm_year == want.tm_year && tm.tm_mon == want.tm_mon && tm.tm_mday == want.tm_mday;
}

/* What local_path lets through cannot leave the site: exactly one '/'
 * and then neither '/' nor '\\', no control character or backslash, and
 * its path, with escapes decoded once as our server would, holds no "//"
 * and no "." or ".." segment that a browser would fold into one. */
static void
local_path_stays(const char *s)
{
	PROPERTY(s[0] == '/' && s[1] != '/' && s[1] != '\\');
	for (const unsigned char *c = (const unsigned char *)s; *c; c++)
		PROPERTY(*c >= 0x20 && *c != 0x7f && *c != '\\');
	char path[256];
	size_t n = 0, end = strcspn(s, "?#");
	for (size_t i = 0; i < end; i++) {
		if (s[i] == '%' && isxdigit((unsigned char)s[i + 1]) &&
		    isxdigit((unsigned char)s[i + 2])) {
			char hex[3] = {s[i + 1], s[i + 2], 0};
			path[n++] = (char)strtol(hex, NULL, 16);
			i += 2;
		} else {
			PROPERTY(s[i] != '%');
			path[n++] = s[i];
		}
	}
	path[n] = 0;
	PROPERTY(path[0] == '/' && !strstr(path + 1, "//") && !strchr(path, '\\'));
	for (const unsigned char *c = (const unsigned char *)path; *c; c++)
		PROPERTY(*c >= 0x20 && *c != 0x7f);
	PROPERTY(!strstr(path, "/./") && !strstr(path, "/../"));
	size_t len = strlen(path);
	PROPERTY(!(len >= 2 && strcmp(path + len - 2, "/.") == 0) &&
	         !(len >= 3 && strcmp(path + len - 3, "/..") == 0));
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char s[256];
	if (size >= sizeof(s))
		size = sizeof(s) - 1;
	memcpy(s, data, size);
	s[size] = 0;
	if (date_valid(s))
		PROPERTY(strlen(s) == 10 && calendar_has(s));
	const char *p = local_path(s, "/fallback");
	PROPERTY(p == s || strcmp(p, "/fallback") == 0);
	if (p == s)
		local_path_stays(s);
	int64_t v;
	if (int_in_range(s, -5, 1000000, &v))
		PROPERTY(v >= -5 && v <= 1000000 && strpbrk(s, "0123456789"));
	if (email_valid(s))
		PROPERTY(strchr(s, '@') && !strpbrk(s, " \r\n<>\""));
	PROPERTY(text_blank(s) == (strspn(s, " \t\r\n") == strlen(s)));
	PROPERTY(utf8_chars(s) <= strlen(s));
	return 0;
}
