/* Reading an attendance file (närvarofil). The format, as the form's hint
 * and docs/decisions.md say it: CSV in UTF-8, comma or semicolon between
 * columns, a first row naming the three columns datum, aktivitet, åldrar
 * (or aldrar), then one row per occasion: the day as YYYY-MM-DD within the
 * programme's period, what the activity was, and the participants' ages
 * as whole numbers separated by spaces ("2026-03-04,Fotboll,8 9 12 14").
 * Every row is checked, as the register's import checks its rows, and any
 * wrong row refuses the whole file: the reasons name the lines. */
#include "grants/attendance.h"
#include "base/buf.h"
#include "base/csv.h"
#include "base/valid.h"
#include "http/decode.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

/* The most reasons one refusal names; the rest are counted. */
enum { MAX_REASONS = 5 };

/* The reasons for refusing a file, in both languages. */
struct reasons {
	struct buf sv, en;
	int n;
};

/* Notes why a line is wrong; past MAX_REASONS only counts it. */
static void
reason(struct reasons *x, int line, const char *sv, const char *en, const char *what)
{
	if (x->n++ >= MAX_REASONS)
		return;
	buf_printf(&x->sv, "%sRad %d: ", x->n > 1 ? " " : "", line);
	buf_printf(&x->en, "%sLine %d: ", x->n > 1 ? " " : "", line);
	buf_printf(&x->sv, sv, what);
	buf_printf(&x->en, en, what);
}

/* Whether a header cell names a column, letters compared without case. */
static int
names(const char *cell, const char *const *alts)
{
	while (*cell == ' ')
		cell++;
	for (; *alts; alts++) {
		size_t n = strlen(*alts);
		if (strncasecmp(cell, *alts, n) == 0 && strspn(cell + n, " ") == strlen(cell + n))
			return 1;
	}
	return 0;
}

/* The first row: the three columns by name, in their order. */
static int
header_ok(char **f, int nf)
{
	static const char *const day[] = {"datum", NULL}, *const act[] = {"aktivitet", NULL},
	                         *const ages[] = {"åldrar", "Åldrar", "aldrar", NULL};
	return nf == 3 && names(f[0], day) && names(f[1], act) && names(f[2], ages);
}

/* The participants of a row within the formula's ages; -1 after noting
 * an age that is no whole number from 0 to 120, or a row without ages. */
static int
participants(const struct grant_formula *g, struct arena *a, const char *ages, int line,
             struct reasons *x)
{
	int counted = 0, any = 0;
	for (const char *s = ages; *s;) {
		s += strspn(s, " \t");
		size_t len = strcspn(s, " \t");
		if (!len)
			break;
		const char *word = arena_strndup(a, s, len);
		int64_t age;
		if (!int_in_range(word, 0, 120, &age)) {
			reason(x, line, "åldern ”%s” är inte ett heltal från 0 till 120.",
			       "the age “%s” is not a whole number from 0 to 120.", word);
			return -1;
		}
		any = 1;
		counted += age >= g->age_min && age <= g->age_max;
		s += len;
	}
	if (!any) {
		reason(x, line, "%sdeltagarnas åldrar saknas.",
		       "%sthe participants' ages are missing.", "");
		return -1;
	}
	return counted;
}

/* Checks one occasion's day and activity; 0 when both are fine. */
static int
occasion_ok(const struct grant_formula *g, char **f, int line, struct reasons *x)
{
	const char *day = f[0];
	while (*day == ' ')
		day++;
	if (!date_valid(day)) {
		reason(x, line, "datumet ”%s” finns inte; skriv det som ÅÅÅÅ-MM-DD.",
		       "the date “%s” does not exist; write it as YYYY-MM-DD.", day);
		return -1;
	}
	if (strcmp(day, g->occasions_from) < 0 || strcmp(day, g->occasions_to) > 0) {
		char what[64];
		snprintf(what, sizeof(what), "%s (%s–%s)", day, g->occasions_from, g->occasions_to);
		reason(x, line, "datumet %s ligger utanför perioden.",
		       "the date %s is outside the period.", what);
		return -1;
	}
	if (text_blank(f[1])) {
		reason(x, line, "%saktiviteten saknas.", "%sthe activity is missing.", "");
		return -1;
	}
	if (utf8_chars(f[1]) > 200) {
		reason(x, line, "%saktiviteten är längre än 200 tecken.",
		       "%sthe activity is longer than 200 characters.", "");
		return -1;
	}
	return 0;
}

/* Reads an attendance file against the programme's period, ages and
 * least number of participants: 0 with the occasions that count, or -1
 * with why it was refused whole (every reason with its line). */
int
grant_attendance_read(struct arena *a, const char *data, size_t n, const struct grant_formula *g,
                      struct attendance *out, const char **why_sv, const char **why_en)
{
	struct reasons x = {0};
	struct csv_reader r;
	char *f[CSV_MAX_FIELDS];
	int nf, got;
	size_t cap = 0;
	*out = (struct attendance){0};
	if (!text_valid(data, n)) {
		reason(&x, 1, "%sfilen är inte text i UTF-8; spara den som CSV (UTF-8).",
		       "%sthe file is not UTF-8 text; save it as CSV (UTF-8).", "");
		goto refused;
	}
	csv_reader_init(&r, data, n);
	if (csv_next(&r, a, f, &nf) != 1 || !header_ok(f, nf)) {
		reason(&x, 1, "%sden första raden ska vara rubrikerna datum, aktivitet, åldrar.",
		       "%sthe first line must be the headings datum, aktivitet, åldrar.", "");
		goto refused;
	}
	while ((got = csv_next(&r, a, f, &nf)) != 0) {
		int line = r.line, p;
		if (out->rows++ >= ATTENDANCE_MAX_ROWS) {
			reason(&x, line, "filen har fler än %s sammankomster.",
			       "the file has more than %s occasions.", "5000");
			break;
		}
		if (got < 0) {
			reason(&x, line,
			       "%strasig CSV: ett citattecken stängs inte eller text följer det.",
			       "%sbroken CSV: a quote is not closed or text follows it.", "");
			continue;
		}
		if (nf != 3) {
			char what[16];
			snprintf(what, sizeof(what), "%d", nf);
			reason(&x, line,
			       "raden har %s kolumner, ska ha tre: datum, aktivitet, åldrar.",
			       "the line has %s columns, it must have three: datum, aktivitet, "
			       "åldrar.",
			       what);
			continue;
		}
		if (occasion_ok(g, f, line, &x) != 0 ||
		    (p = participants(g, a, f[2], line, &x)) < 0 || p < g->min_participants)
			continue;
		out->counted =
		        arena_grow(a, out->counted, out->ncounted, &cap, sizeof(*out->counted));
		const char *day = f[0] + strspn(f[0], " ");
		out->counted[out->ncounted++] = (struct grant_occasion){line, day, f[1], p};
	}
	if (out->rows == 0)
		reason(&x, 2, "%sfilen har inga sammankomster under rubrikraden.",
		       "%sthe file has no occasions below the headings.", "");
	if (x.n == 0)
		return 0;
refused:
	if (x.n > MAX_REASONS) {
		buf_printf(&x.sv, " Och %d rader till.", x.n - MAX_REASONS);
		buf_printf(&x.en, " And %d more lines.", x.n - MAX_REASONS);
	}
	*why_sv = arena_strdup(a, buf_cstr(&x.sv));
	*why_en = arena_strdup(a, buf_cstr(&x.en));
	buf_free(&x.sv);
	buf_free(&x.en);
	*out = (struct attendance){0};
	return -1;
}
