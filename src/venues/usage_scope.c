/* Whose venues the invoice basis and the utilisation show: an officer
 * their department's, an administrator every department's or the one
 * the filter names. */
#include "venues/usage.h"

#include <string.h>

#include "auth/roles.h"
#include "base/choice.h"

static struct dbq Q_DEPTS = {"SELECT code, name_sv, name_en, id FROM departments ORDER BY name_sv",
                             NULL, 0};

/* Every department, as an administrator's filter offers them. */
int
usage_departments(struct req *r, struct choice **out)
{
	struct dbcur c;
	size_t n = 0, cap = 0;
	*out = NULL;
	if (db_query(r->db, &c, &Q_DEPTS, DB_NOARGS) != DB_OK)
		return -1;
	int rc;
	while ((rc = db_next(&c)) > 0) {
		*out = arena_grow(&r->a, *out, n, &cap, sizeof(**out));
		(*out)[n++] =
		        (struct choice){arena_strdup(&r->a, db_col_text(&c, 0)),
		                        arena_strdup(&r->a, db_col_text(&c, 1)),
		                        arena_strdup(&r->a, db_col_text(&c, 2)), db_col_int(&c, 3)};
	}
	db_done(&c);
	*out = arena_grow(&r->a, *out, n, &cap, sizeof(**out));
	(*out)[n] = (struct choice){0};
	return rc < 0 ? -1 : 0;
}

/* An administrator sees every department's venues; an officer their
 * own department's, and one without a department nothing (404). */
int
usage_scope(struct req *r, int64_t *dept, int *admin)
{
	*admin = (r->user->roles & ROLE_ADMIN) != 0;
	*dept = *admin ? 0 : r->user->department_id;
	if (!*admin && !*dept) {
		req_error(r, 404);
		return 0;
	}
	return 1;
}

/* The department a filter's code names, or every one for none. */
int
usage_department(const char *code, const struct choice *choices, int64_t *dept)
{
	*dept = 0;
	if (!code || !*code)
		return 1;
	for (const struct choice *c = choices; c && c->code; c++)
		if (strcmp(c->code, code) == 0) {
			*dept = c->id;
			return 1;
		}
	return 0;
}
