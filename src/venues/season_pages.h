/* The pages of seasonal allocation, as src/routes.c lists them: the
 * officers' seasons (season_admin.c), the grid and its allocation
 * (season_grid.c), the decision (season_decide.c), and the open seasons
 * with the application form (season_apply.c). */
#ifndef VENUES_SEASON_PAGES_H
#define VENUES_SEASON_PAGES_H
#include "http/request.h"

void seasons_admin_list(struct req *r);
void seasons_admin_create(struct req *r);
void season_admin_edit(struct req *r);
void season_admin_update(struct req *r);
void season_grid_page(struct req *r);
void season_allocate(struct req *r);
void season_decide(struct req *r);
void seasons_open_page(struct req *r);
void season_apply_form(struct req *r);
void season_apply_submit(struct req *r);
#endif
