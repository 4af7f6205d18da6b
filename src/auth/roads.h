/* The two roads to what a department manages (grant programmes, venues):
 * administrators come by /admin/… and manage every department's, officers
 * by /handlaggning/… and manage their own department's. */
#ifndef AUTH_ROADS_H
#define AUTH_ROADS_H
#include <stddef.h>
#include <stdint.h>

#include "base/choice.h"
#include "http/request.h"

/* Whether the request came by the administrators' road. */
int road_admin(const struct req *r);
/* The department whose things the user manages on this road: 0 for all
 * (an administrator under /admin), -1 for none (an officer without a
 * department). */
int64_t road_department(const struct req *r);
/* The departments the user manages on this road, as choices (code, names,
 * id), ended by a NULL code, *n of them: 0, or -1 on a database error. */
int road_departments(struct req *r, struct choice **out, size_t *n);
#endif
