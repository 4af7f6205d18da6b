#include "base/csv.h"

#include <string.h>

/* Whether a spreadsheet would run the field as a formula: it starts with =,
 * @, tab or CR, or with + or - and is more than a signed number or a phone
 * number ("-5", "+46 40-34 10 00" stay as they are; "-1+cmd|..." does not). */
static int
csv_formula(const char *s, size_t n)
{
	if (n == 0)
		return 0;
	if (s[0] == '=' || s[0] == '@' || s[0] == '\t' || s[0] == '\r')
		return 1;
	if (s[0] != '+' && s[0] != '-')
		return 0;
	if (n == 1 || !(s[1] >= '0' && s[1] <= '9'))
		return 1;
	for (size_t i = 2; i < n; i++)
		if (!(s[i] >= '0' && s[i] <= '9') && !memchr(" -().,", s[i], 6))
			return 1;
	return 0;
}

/* One field, quoted when it must be. A field a spreadsheet would take for a
 * formula gets a leading apostrophe. */
void
csv_field(struct buf *b, const char *s, size_t n)
{
	int formula = csv_formula(s, n);
	int quote = formula;
	for (size_t i = 0; i < n && !quote; i++)
		quote = s[i] == ',' || s[i] == ';' || s[i] == '"' || s[i] == '\n' || s[i] == '\r';
	if (!quote) {
		buf_add(b, s, n);
		return;
	}
	buf_putc(b, '"');
	if (formula)
		buf_putc(b, '\'');
	size_t start = 0;
	for (size_t i = 0; i < n; i++)
		if (s[i] == '"') {
			buf_add(b, s + start, i + 1 - start);
			buf_putc(b, '"');
			start = i + 1;
		}
	buf_add(b, s + start, n - start);
	buf_putc(b, '"');
}

/* Skips a UTF-8 byte order mark and guesses the separator from the first
 * line: whichever of ';' and ',' occurs more often outside quotes. */
void
csv_reader_init(struct csv_reader *r, const char *data, size_t n)
{
	if (n >= 3 && memcmp(data, "\xef\xbb\xbf", 3) == 0)
		data += 3, n -= 3;
	r->p = data;
	r->end = data + n;
	r->line = r->next_line = 1;
	int commas = 0, semis = 0, q = 0;
	for (const char *p = data; p < r->end && (q || *p != '\n'); p++) {
		if (*p == '"')
			q = !q;
		else if (!q && *p == ',')
			commas++;
		else if (!q && *p == ';')
			semis++;
	}
	r->sep = semis > commas ? ';' : ',';
}

/* Reads one record into fields (in the arena). Returns 1 for a record, 0 at
 * the end, -1 for a malformed record (an unclosed quote, text after a
 * closing quote, too many fields). Empty lines are skipped. */
int
csv_next(struct csv_reader *r, struct arena *a, char **fields, int *nfields)
{
	while (r->p < r->end && (*r->p == '\n' || *r->p == '\r')) {
		if (*r->p == '\n')
			r->next_line++;
		r->p++;
	}
	r->line = r->next_line;
	if (r->p >= r->end)
		return 0;
	int nf = 0;
	struct buf f = {0};
	for (;;) {
		f.len = 0;
		buf_add(&f, "", 0);
		if (r->p < r->end && *r->p == '"') {
			const char *open = r->p;
			int open_line = r->next_line;
			r->p++;
			for (;;) {
				if (r->p >= r->end) {
					/* unclosed: go on after the line it opened on */
					r->p = open;
					r->next_line = open_line;
					goto bad;
				}
				if (*r->p == '"') {
					if (r->p + 1 < r->end && r->p[1] == '"') {
						buf_putc(&f, '"');
						r->p += 2;
						continue;
					}
					r->p++;
					break;
				}
				if (*r->p == '\n')
					r->next_line++;
				buf_putc(&f, *r->p++);
			}
			if (r->p < r->end && *r->p != r->sep && *r->p != '\n' && *r->p != '\r')
				goto bad;
		} else {
			const char *s = r->p;
			while (r->p < r->end && *r->p != r->sep && *r->p != '\n' && *r->p != '\r')
				r->p++;
			buf_add(&f, s, (size_t)(r->p - s));
		}
		if (nf == CSV_MAX_FIELDS)
			goto bad;
		fields[nf++] = arena_strndup(a, f.data ? f.data : "", f.len);
		if (r->p < r->end && *r->p == r->sep) {
			r->p++;
			continue;
		}
		break;
	}
	if (r->p < r->end && *r->p == '\r')
		r->p++;
	if (r->p < r->end && *r->p == '\n') {
		r->p++;
		r->next_line++;
	}
	buf_free(&f);
	*nfields = nf;
	return 1;
bad:
	buf_free(&f);
	/* skip to the end of the line so the caller can go on reporting */
	while (r->p < r->end && *r->p != '\n')
		r->p++;
	if (r->p < r->end) {
		r->p++;
		r->next_line++;
	}
	return -1;
}
