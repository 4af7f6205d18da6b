/* The decided grants as open data: /oppna-data/bidrag.csv, one row per
 * decided grant that the filter selects, and /api/v1/bidrag, the same a
 * page at a time as JSON with the count and the sum. Amounts are kronor
 * with two decimals and a point, so that anyone can add them up, and the
 * JSON gives each in öre besides. An association the register does not
 * show is not named (empty in the CSV, null in the JSON), but its grants
 * are there and counted. */
#include "base/csv.h"
#include "base/esc.h"
#include "base/money.h"
#include "grants/granted.h"
#include "grants/transparency.h"

#include <string.h>

/* The header the issue gives, which anyone's scripts may rely on. */
static const char csv_header[] =
        "ar,forvaltning,program,typ,forening,organisationsnummer,belopp_kr";

static void
csv_str(struct buf *b, const char *s, char after)
{
	csv_field(b, s, strlen(s));
	buf_putc(b, after);
}

static void
csv_row(const struct granted_row *x, void *arg)
{
	struct buf *b = arg;
	buf_int(b, x->year);
	buf_putc(b, ',');
	csv_str(b, x->department, ',');
	csv_str(b, x->programme, ',');
	csv_str(b, x->kind, ',');
	csv_str(b, x->name, ',');
	csv_str(b, x->orgnr, ',');
	money_decimal(b, x->amount);
	buf_puts(b, "\r\n");
}

/* Reads the request's filter into f and its choices into ch (the rows'
 * names): the ledger, or NULL after answering. */
static const struct ledger *
filtered(struct req *r, struct granted_query *q, struct granted_choices *ch,
         struct ledger_filter *f)
{
	granted_query_read(r, q);
	const struct ledger *l = granted_ledger(r);
	if (l && (granted_choices_read(r, l, ch) != 0 || granted_filter(r, l, q, ch, f) != 0)) {
		req_fail(r, "the filter of the decided grants could not be read");
		return NULL;
	}
	return l;
}

void
grants_granted_csv(struct req *r)
{
	struct granted_query q;
	struct granted_choices ch;
	struct ledger_filter f;
	const struct ledger *l = filtered(r, &q, &ch, &f);
	if (!l)
		return;
	buf_puts(&r->out, csv_header);
	buf_puts(&r->out, "\r\n");
	if (granted_each(r, l, &ch, &f, csv_row, &r->out) != 0) {
		req_fail(r, "the decided grants could not be read for the CSV");
		return;
	}
	r->ctype = "text/csv; charset=utf-8";
	req_header(r, "Content-Disposition", "attachment; filename=\"bidrag.csv\"");
}

/* A key after the object's first, with the comma before it and its colon. */
static void
json_key(struct buf *b, const char *key)
{
	buf_putc(b, ',');
	esc_json(b, key, strlen(key));
	buf_putc(b, ':');
}

/* Text as a JSON string, or null when it is empty. */
static void
json_text_or_null(struct buf *b, const char *s)
{
	if (*s)
		esc_json(b, s, strlen(s));
	else
		buf_puts(b, "null");
}

/* One decided grant under the CSV's names, with its id, the department's
 * code, the association's id in the register and the amount in öre. */
static void
award_json(struct buf *b, const struct granted_row *x)
{
	buf_puts(b, "{\"id\":");
	buf_int(b, x->id);
	json_key(b, "ar");
	buf_int(b, x->year);
	json_key(b, "forvaltning");
	esc_json(b, x->department, strlen(x->department));
	json_key(b, "forvaltning_kod");
	esc_json(b, x->department_code, strlen(x->department_code));
	json_key(b, "program");
	json_text_or_null(b, x->programme);
	json_key(b, "typ");
	esc_json(b, x->kind, strlen(x->kind));
	json_key(b, "forening_id");
	if (x->shown)
		buf_int(b, x->association_id);
	else
		buf_puts(b, "null");
	json_key(b, "forening");
	json_text_or_null(b, x->name);
	json_key(b, "organisationsnummer");
	json_text_or_null(b, x->orgnr);
	json_key(b, "belopp_kr");
	money_decimal(b, x->amount);
	json_key(b, "belopp_ore");
	buf_int(b, x->amount);
	buf_putc(b, '}');
}

void
grants_granted_json(struct req *r)
{
	struct granted_query q;
	struct granted_choices ch;
	struct ledger_filter f;
	struct granted_list list;
	const struct ledger *l = filtered(r, &q, &ch, &f);
	if (!l)
		return;
	if (granted_list(r, l, &ch, &f, q.page, &list) != 0) {
		req_fail(r, "the decided grants could not be listed");
		return;
	}
	r->ctype = "application/json";
	buf_puts(&r->out, "{\"total\":");
	buf_int(&r->out, list.total);
	buf_puts(&r->out, ",\"page\":");
	buf_int(&r->out, q.page);
	buf_puts(&r->out, ",\"summa_kr\":");
	money_decimal(&r->out, list.sum);
	buf_puts(&r->out, ",\"summa_ore\":");
	buf_int(&r->out, list.sum);
	buf_puts(&r->out, ",\"items\":[");
	for (size_t i = 0; i < list.n; i++) {
		if (i)
			buf_putc(&r->out, ',');
		award_json(&r->out, &list.rows[i]);
	}
	buf_puts(&r->out, "]}\n");
}
