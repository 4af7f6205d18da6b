/* Departments, areas and target groups: small lists an administrator
 * keeps, shown as a table with a form to add to it. */
#ifndef ADMIN_REFERENCE_H
#define ADMIN_REFERENCE_H
#include "ui/form.h"
#include "http/request.h"

struct refrow {
	const char *v[3];
};

int reference_rows(struct req *r, struct dbq *q, struct refrow **rows, size_t *n);
struct choice *reference_choices(struct req *r, struct dbq *q);
void reference_render(struct req *r, const char *heading, const char *action,
                      const char *const *cols, struct dbq *list, const struct form *f);
#endif
