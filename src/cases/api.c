/* Cases as JSON, with the same authorization as the pages: an applicant's
 * own cases, and an officer's department inbox. */
#include "cases/pages.h"
#include "cases/queries.h"

#include <jansson.h>
#include <stdlib.h>
#include <string.h>

/* One case; the payload (personal data) stays out of lists. */
static json_t *
case_json(const struct case_row *c)
{
	json_t *o = json_object();
	json_object_set_new(o, "diarienummer", json_string(c->dnr));
	json_object_set_new(o, "typ", json_string(c->type));
	json_object_set_new(o, "status", json_string(c->status));
	json_object_set_new(o, "rubrik", json_string(c->title));
	json_object_set_new(o, "forvaltning", json_string(c->department_code));
	json_object_set_new(o, "forening",
	                    c->association[0] ? json_string(c->association) : json_null());
	json_object_set_new(o, "handlaggare",
	                    c->officer[0] ? json_string(c->officer) : json_null());
	json_object_set_new(o, "olasta", json_integer(c->unread));
	json_object_set_new(o, "inkom", json_integer(c->created));
	json_object_set_new(o, "andrad", json_integer(c->updated));
	return o;
}

/* A page of cases, with how many match in all and which page it is. */
static void
send_list(struct req *r, const struct case_list *l, int64_t total, int64_t page)
{
	json_t *items = json_array();
	for (size_t i = 0; i < l->n; i++)
		json_array_append_new(items, case_json(&l->items[i]));
	json_t *o = json_object();
	json_object_set_new(o, "total", json_integer(total));
	json_object_set_new(o, "page", json_integer(page));
	json_object_set_new(o, "items", items);
	req_json(r, o, JSON_COMPACT);
}

/* GET /api/v1/mina-arenden */
void
cases_mine_json(struct req *r)
{
	struct case_list l;
	if (cases_of_user(r->db, &r->a, r->user->id, &l) != 0) {
		req_error(r, 500);
		return;
	}
	send_list(r, &l, (int64_t)l.n, 1);
}

/* GET /api/v1/handlaggning?status=&typ=&handlaggare=&aldre=&sida=: the
 * officer's own department only, INBOX_PAGE cases a page. */
void
cases_inbox_json(struct req *r)
{
	struct inbox_filter f;
	inbox_filter_read(r, &f);
	struct case_list l;
	int64_t total;
	if (cases_inbox(r->db, &r->a, r->user->department_id, r->user->id, &f, &l, &total) != 0) {
		req_error(r, 500);
		return;
	}
	send_list(r, &l, total, f.page);
}
