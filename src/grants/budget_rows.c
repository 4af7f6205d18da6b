/* Reading budget rows: the rows filled in, as the case keeps them, and
 * one side's sum with a note beside a row that is half filled in. */
#include "grants/budget_rows.h"
#include "base/money.h"
#include "base/valid.h"

/* The rows of one side that were filled in (n rows of two fields from the
 * field first on), as [{"vad": text, "ore": amount}], for a case's
 * payload. */
json_t *
grant_budget_rows(const struct form *f, int first, int n)
{
	json_t *rows = json_array();
	for (int i = 0; i < n; i++) {
		const char *what = f->value[first + 2 * i], *amount = f->value[first + 2 * i + 1];
		int64_t ore = 0;
		if (text_blank(what) || money_parse(amount, &ore) != 0)
			continue;
		json_t *row = json_object();
		json_object_set_new(row, "vad", json_string(what));
		json_object_set_new(row, "ore", json_integer(ore));
		json_array_append_new(rows, row);
	}
	return rows;
}

/* Sums one side into *sum, noting beside the row a text without an
 * amount or an amount without a text; the number of rows filled in. */
int
grant_budget_side(struct form *f, int first, int n, int64_t *sum)
{
	int filled = 0;
	*sum = 0;
	for (int i = 0; i < n; i++) {
		const struct field_def *what = &f->def->fields[first + 2 * i];
		const struct field_def *amount = &f->def->fields[first + 2 * i + 1];
		const char *w = form_value(f, what->name), *a = form_value(f, amount->name);
		int64_t ore;
		if (w && !a)
			form_error(f, amount->name, "Skriv beloppet.", "Write the amount.");
		else if (a && !w)
			form_error(f, what->name, "Skriv vad beloppet gäller.",
			           "Write what the amount is for.");
		else if (w && a && money_parse(a, &ore) == 0)
			*sum += ore, filled++;
	}
	return filled;
}

/* The sum of rows a case keeps (as grant_budget_rows made them), in öre. */
int64_t
grant_budget_sum(json_t *rows)
{
	int64_t sum = 0;
	for (size_t i = 0; i < json_array_size(rows); i++)
		sum += json_integer_value(json_object_get(json_array_get(rows, i), "ore"));
	return sum;
}
