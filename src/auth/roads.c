/* Which road a management page was reached by, and what it lets the user
 * manage; one rule for every capability with the two roads. */
#include "auth/roads.h"

#include <string.h>

#include "auth/roles.h"

static struct dbq Q_DEPTS = {DB_PLAN_EACH "SELECT code, name_sv, name_en, id FROM departments "
                                          "WHERE $1 = 0 OR id = $1 ORDER BY name_sv",
                             NULL, 0};

int
road_admin(const struct req *r)
{
	return strncmp(r->path, "/admin/", 7) == 0;
}

int64_t
road_department(const struct req *r)
{
	if (road_admin(r))
		return 0;
	return r->user->department_id ? r->user->department_id : -1;
}

int
road_departments(struct req *r, struct choice **out, size_t *n)
{
	struct dbcur c;
	size_t cap = 0;
	*out = NULL;
	*n = 0;
	if (db_query(r->db, &c, &Q_DEPTS, DB_ARGS(DB_INT(road_department(r)))) != DB_OK)
		return -1;
	int rc;
	while ((rc = db_next(&c)) > 0) {
		*out = arena_grow(&r->a, *out, *n, &cap, sizeof(**out));
		(*out)[(*n)++] =
		        (struct choice){arena_strdup(&r->a, db_col_text(&c, 0)),
		                        arena_strdup(&r->a, db_col_text(&c, 1)),
		                        arena_strdup(&r->a, db_col_text(&c, 2)), db_col_int(&c, 3)};
	}
	db_done(&c);
	*out = arena_grow(&r->a, *out, *n, &cap, sizeof(**out));
	(*out)[*n] = (struct choice){0};
	return rc < 0 ? -1 : 0;
}
