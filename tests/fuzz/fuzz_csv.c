/* The CSV reader over any file, and the writer's promise: a record written
 * with csv_field reads back as the same fields (a field a spreadsheet would
 * run as a formula with its guarding apostrophe). */
#include "fuzz.h"

#include <ctype.h>
#include <string.h>

#include "base/csv.h"

/* Whether the writer must guard the field against formula injection, as
 * the export promises: =, @, tab, CR, or + and - before anything but a
 * number or a phone number. */
static int
formula(const char *s, size_t n)
{
	if (n == 0)
		return 0;
	if (s[0] == '=' || s[0] == '@' || s[0] == '\t' || s[0] == '\r')
		return 1;
	if (s[0] != '+' && s[0] != '-')
		return 0;
	if (n == 1 || !isdigit((unsigned char)s[1]))
		return 1;
	for (size_t i = 2; i < n; i++)
		if (!isdigit((unsigned char)s[i]) && !memchr(" -().,", s[i], 6))
			return 1;
	return 0;
}

/* Reads every record of the input: each one starts at or after the line
 * of the one before, and the reader always gets to the end. */
static void
read_all(const char *data, size_t size)
{
	struct csv_reader r;
	struct arena a = {0};
	char *f[CSV_MAX_FIELDS];
	int nf, got, line = 0;
	csv_reader_init(&r, data, size);
	PROPERTY(r.sep == ',' || r.sep == ';');
	while ((got = csv_next(&r, &a, f, &nf)) != 0) {
		PROPERTY(r.line >= line && r.line <= r.next_line);
		line = r.line;
		if (got > 0)
			PROPERTY(nf >= 1 && nf <= CSV_MAX_FIELDS);
		arena_reset(&a);
	}
	PROPERTY(r.p == r.end);
	arena_reset(&a);
}

/* Splits the input at NUL bytes into fields (the reader returns C
 * strings), writes them as one record after a header line, as the export
 * does, and reads it back. */
static void
round_trip(const char *data, size_t size)
{
	const char *fields[CSV_MAX_FIELDS];
	size_t lens[CSV_MAX_FIELDS];
	int n = 0;
	for (size_t i = 0; n < CSV_MAX_FIELDS;) {
		const char *z = memchr(data + i, 0, size - i);
		size_t len = z ? (size_t)(z - (data + i)) : size - i;
		fields[n] = data + i;
		lens[n++] = len;
		if (!z)
			break;
		i += len + 1;
	}
	struct buf b = {0};
	buf_puts(&b, "h\r\n");
	for (int i = 0; i < n; i++) {
		if (i)
			buf_putc(&b, ',');
		csv_field(&b, fields[i], lens[i]);
	}
	buf_puts(&b, "\r\n");
	struct csv_reader r;
	struct arena a = {0};
	char *got[CSV_MAX_FIELDS];
	int nf;
	csv_reader_init(&r, b.data, b.len);
	PROPERTY(csv_next(&r, &a, got, &nf) == 1 && nf == 1 && strcmp(got[0], "h") == 0);
	int rc = csv_next(&r, &a, got, &nf);
	if (n == 1 && lens[0] == 0) {
		PROPERTY(rc == 0); /* an empty line is no record */
	} else {
		PROPERTY(rc == 1 && nf == n);
		for (int i = 0; i < n; i++) {
			int g = formula(fields[i], lens[i]);
			PROPERTY(strlen(got[i]) == lens[i] + (size_t)g);
			PROPERTY(!g || got[i][0] == '\'');
			PROPERTY(memcmp(got[i] + g, fields[i], lens[i]) == 0);
		}
		PROPERTY(csv_next(&r, &a, got, &nf) == 0);
	}
	arena_reset(&a);
	buf_free(&b);
}

/* Both properties on every input. */
int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	read_all((const char *)data, size);
	round_trip((const char *)data, size);
	return 0;
}
