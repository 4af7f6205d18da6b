/* The rows of the register's lists as rendered — the HTML list's in each
 * language, the JSON API's — kept per association at its rev and the
 * names of areas and groups, so that a list rendered fresh (a search, a
 * filter, a page after a write) renders only the rows that changed since
 * they were last drawn. */
#ifndef REGISTER_ROWS_H
#define REGISTER_ROWS_H
#include "base/buf.h"
#include "register/queries.h"

/* What a row is drawn as. */
enum register_row_kind { ROW_HTML_SV, ROW_HTML_EN, ROW_JSON, ROW_KINDS };

/* Draws one association's row (arg: what the drawing needs, e.g. the
 * page). */
typedef void register_row_draw(struct buf *b, const struct assoc *x, const void *arg);

/* What a list's reading fills in: the rows it holds as rendered. */
struct register_rows {
	struct arena *a;
	enum register_row_kind kind;
	const char **html; /* per row, NULL when it must be rendered */
	size_t *len;
};

void register_rows_init(struct register_rows *k, struct arena *a, enum register_row_kind kind);
register_known register_rows_known;
/* The list's rows into out, between each two the text between (NULL for
 * none), each from what was kept or drawn now by draw and kept. */
void register_rows_draw(struct register_rows *k, const struct assoc_list *l,
                        register_row_draw *draw, const void *arg, const char *between,
                        struct buf *out);
#endif
