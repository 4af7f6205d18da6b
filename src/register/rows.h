/* The rows of the register's list as rendered, kept per association and
 * language at its rev and the names of areas and groups, so that a page
 * rendered fresh (a search, a filter, a page after a write) renders only
 * the rows that changed since they were last drawn. */
#ifndef REGISTER_ROWS_H
#define REGISTER_ROWS_H
#include "base/buf.h"
#include "http/request.h"
#include "register/queries.h"

/* What a list page's reading fills in: the rows it holds as rendered. */
struct register_rows {
	struct req *r;
	const char **html; /* per row, NULL when it must be rendered */
	size_t *len;
};

void register_rows_init(struct register_rows *k, struct req *r);
register_known register_rows_known;
/* The page's rows into out, each from what was kept or rendered now and
 * kept. */
void register_rows_draw(struct register_rows *k, const struct assoc_list *l, struct buf *out);
#endif
