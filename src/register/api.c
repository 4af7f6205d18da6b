/* The register as open data: JSON under /api/v1/ and the whole register as
 * CSV. Only public fields of public, active associations ever leave. */
#include "base/csv.h"
#include "register/filter.h"
#include "register/pages.h"

#include <jansson.h>
#include <stdlib.h>
#include <string.h>

/* "A|B" as a JSON array. */
static json_t *
pipe_array(const char *s)
{
	json_t *arr = json_array();
	while (*s) {
		size_t n = strcspn(s, "|");
		json_array_append_new(arr, json_stringn(s, n));
		s += n;
		if (*s)
			s++;
	}
	return arr;
}

/* One association under the CSV's field names. */
static json_t *
assoc_json(const struct assoc *x)
{
	json_t *o = json_object();
	json_object_set_new(o, "id", json_integer(x->id));
	json_object_set_new(o, "organisationsnummer",
	                    x->orgnr[0] ? json_string(x->orgnr) : json_null());
	json_object_set_new(o, "namn", json_string(x->name));
	json_object_set_new(o, "form", json_string(x->form));
	json_object_set_new(o, "andamal", json_string(x->purpose));
	json_object_set_new(o, "omraden", pipe_array(x->areas));
	json_object_set_new(o, "malgrupper", pipe_array(x->groups));
	json_object_set_new(o, "epost", json_string(x->email));
	json_object_set_new(o, "telefon", json_string(x->phone));
	json_object_set_new(o, "webbplats", json_string(x->website));
	json_object_set_new(o, "grundad", x->founded ? json_integer(x->founded) : json_null());
	json_object_set_new(o, "medlemmar", x->members ? json_integer(x->members) : json_null());
	return o;
}

void
register_list_json(struct req *r)
{
	struct register_filter f;
	register_filter_read(r, &f);
	struct assoc_list l;
	if (register_list(r->db, &r->a, &f, &l) != 0) {
		req_fail(r, "the register's list could not be read");
		return;
	}
	json_t *items = json_array();
	for (size_t i = 0; i < l.n; i++)
		json_array_append_new(items, assoc_json(&l.items[i]));
	json_t *o = json_object();
	json_object_set_new(o, "total", json_integer(l.total));
	json_object_set_new(o, "page", json_integer(f.page));
	json_object_set_new(o, "items", items);
	req_json(r, o, JSON_COMPACT);
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
	req_json(r, assoc_json(&x), JSON_COMPACT);
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
