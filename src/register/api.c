/* The register as open data: JSON under /api/v1/ and the whole register as
 * CSV. Only public fields of public, active associations ever leave. */
#include "base/csv.h"
#include "base/esc.h"
#include "register/filter.h"
#include "register/pages.h"
#include "register/rows.h"

#include <stdlib.h>
#include <string.h>

/* A key after the object's first, with the comma before it and its colon. */
static void
json_key(struct buf *b, const char *key)
{
	buf_putc(b, ',');
	esc_json(b, key, strlen(key));
	buf_putc(b, ':');
}

/* Text as a JSON string. */
static void
json_text(struct buf *b, const char *s)
{
	esc_json(b, s, strlen(s));
}

/* A number, or null for 0 (not given). */
static void
json_number_or_null(struct buf *b, int64_t v)
{
	if (v)
		buf_int(b, v);
	else
		buf_puts(b, "null");
}

/* "A|B" as a JSON array. */
static void
pipe_array(struct buf *b, const char *s)
{
	buf_putc(b, '[');
	for (int first = 1; *s; first = 0) {
		size_t n = strcspn(s, "|");
		if (!first)
			buf_putc(b, ',');
		esc_json(b, s, n);
		s += n;
		if (*s)
			s++;
	}
	buf_putc(b, ']');
}

/* One association under the CSV's field names, written straight into the
 * output in the order and the compact form json_dumps gave it before (no
 * tree per row: a page of 50 built one of some 700 values); a
 * register_row_draw. */
static void
assoc_json(struct buf *b, const struct assoc *x, const void *unused)
{
	buf_puts(b, "{\"id\":");
	buf_int(b, x->id);
	buf_puts(b, ",\"organisationsnummer\":");
	if (x->orgnr[0])
		json_text(b, x->orgnr);
	else
		buf_puts(b, "null");
	const struct {
		const char *key, *text;
	} texts[] = {{"namn", x->name}, {"form", x->form}, {"andamal", x->purpose}};
	for (size_t i = 0; i < sizeof(texts) / sizeof(texts[0]); i++) {
		json_key(b, texts[i].key);
		json_text(b, texts[i].text);
	}
	json_key(b, "omraden");
	pipe_array(b, x->areas);
	json_key(b, "malgrupper");
	pipe_array(b, x->groups);
	json_key(b, "epost");
	json_text(b, x->email);
	json_key(b, "telefon");
	json_text(b, x->phone);
	json_key(b, "webbplats");
	json_text(b, x->website);
	json_key(b, "grundad");
	json_number_or_null(b, x->founded);
	json_key(b, "medlemmar");
	json_number_or_null(b, x->members);
	buf_putc(b, '}');
}

void
register_list_json(struct req *r)
{
	struct register_filter f;
	register_filter_read(r, &f);
	struct assoc_list l;
	struct register_rows kept;
	register_rows_init(&kept, &r->a, ROW_JSON);
	if (register_list_known(r->db, &r->a, &f, &l, register_rows_known, &kept) != 0) {
		req_fail(r, "the register's list could not be read");
		return;
	}
	r->ctype = "application/json";
	buf_puts(&r->out, "{\"total\":");
	buf_int(&r->out, l.total);
	buf_puts(&r->out, ",\"page\":");
	buf_int(&r->out, f.page);
	buf_puts(&r->out, ",\"items\":[");
	register_rows_draw(&kept, &l, assoc_json, NULL, ",", &r->out);
	buf_puts(&r->out, "]}\n");
}

void
register_detail_json(struct req *r)
{
	struct assoc x;
	int64_t id = req_param_id(r, 0);
	int rc = id ? register_get(r->db, &r->a, id, 1, &x) : 0;
	if (rc < 0) {
		req_fail(r, "the association could not be read");
		return;
	}
	if (rc == 0) {
		req_error(r, 404);
		return;
	}
	r->ctype = "application/json";
	assoc_json(&r->out, &x, NULL);
	buf_putc(&r->out, '\n');
}

/* The header the import reads and the export writes. */
const char register_csv_header[] =
        "organisationsnummer,namn,form,andamal,omraden,malgrupper,epost,telefon,webbplats,grundad,"
        "medlemmar";

static void
csv_str(struct buf *b, const char *s, char after)
{
	csv_field(b, s, strlen(s));
	buf_putc(b, after);
}

static void
csv_row(const struct assoc *x, void *arg)
{
	struct buf *b = arg;
	csv_str(b, x->orgnr, ',');
	csv_str(b, x->name, ',');
	csv_str(b, x->form, ',');
	csv_str(b, x->purpose, ',');
	csv_str(b, x->areas, ',');
	csv_str(b, x->groups, ',');
	csv_str(b, x->email, ',');
	csv_str(b, x->phone, ',');
	csv_str(b, x->website, ',');
	if (x->founded)
		buf_int(b, x->founded);
	buf_putc(b, ',');
	if (x->members)
		buf_int(b, x->members);
	buf_puts(b, "\r\n");
}

void
register_csv(struct req *r)
{
	buf_puts(&r->out, register_csv_header);
	buf_puts(&r->out, "\r\n");
	if (register_each_public(r->db, csv_row, &r->out) != 0) {
		req_fail(r, "the register could not be read for the CSV");
		return;
	}
	r->ctype = "text/csv; charset=utf-8";
	req_header(r, "Content-Disposition", "attachment; filename=\"foreningar.csv\"");
}
