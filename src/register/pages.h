#ifndef REGISTER_PAGES_H
#define REGISTER_PAGES_H
#include "http/request.h"

void register_list_page(struct req *r);
void register_detail_page(struct req *r);
void register_list_json(struct req *r);
void register_detail_json(struct req *r);
void register_csv(struct req *r);

/* Sections that other capabilities add to an association's public page,
 * below the register's own: each writes its HTML for the association
 * into out (nothing when it has nothing to show), 0, or -1 on a database
 * error. The list ends with NULL and is filled where the capabilities
 * meet (src/routes.c), so that the register includes none of them. */
typedef int register_section(struct req *r, int64_t association_id, struct buf *out);
extern register_section *const register_detail_sections[];
#endif
