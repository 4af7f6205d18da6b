/* Venue management (issue 11, point 1), on two roads with the same pages:
 * administrators manage every department's venues under /admin/lokaler,
 * officers their own department's under /handlaggning/lokaler. Listed in
 * src/routes.c. */
#ifndef VENUES_ADMIN_H
#define VENUES_ADMIN_H
#include "http/request.h"

void venues_admin_list(struct req *r);
void venues_admin_new(struct req *r);
void venues_admin_create(struct req *r);
void venues_admin_edit(struct req *r);
void venues_admin_update(struct req *r);
void venues_admin_part_add(struct req *r);
void venues_admin_hours_save(struct req *r);
void venues_admin_closed_add(struct req *r);
void venues_admin_closed_remove(struct req *r);
void venues_admin_prices_save(struct req *r);
void venues_admin_youth_save(struct req *r);
#endif
