#include "register/rows.h"
#include "base/fragments.h"
#include "register/row.tpl.h"

/* 2^16 slots: at about 400 bytes a row, at most some 26 MB, and every
 * row of a register of 30 000 associations in both languages. */
static struct fragments kept_rows = FRAGMENTS_INIT(16);

/* The key of an association's row in a language. */
static uint64_t
row_key(int64_t id, int english)
{
	return (uint64_t)id << 1 | (english != 0);
}

void
register_rows_init(struct register_rows *k, struct req *r)
{
	k->r = r;
	k->html = arena_zalloc(&r->a, REGISTER_PAGE_SIZE * sizeof *k->html);
	k->len = arena_zalloc(&r->a, REGISTER_PAGE_SIZE * sizeof *k->len);
}

/* register_known: whether row i is kept at rev and the names' stamp; its
 * HTML is then taken into the request's arena. */
int
register_rows_known(void *arg, uint64_t stamp, int64_t id, int64_t rev, size_t i)
{
	struct register_rows *k = arg;
	if (i >= REGISTER_PAGE_SIZE)
		return 0;
	const uint64_t version[2] = {(uint64_t)rev, stamp};
	k->html[i] = fragments_get(&kept_rows, row_key(id, k->r->p.english), version, &k->r->a,
	                           &k->len[i]);
	return k->html[i] != NULL;
}

void
register_rows_draw(struct register_rows *k, const struct assoc_list *l, struct buf *out)
{
	struct buf row = {0};
	for (size_t i = 0; i < l->n; i++) {
		if (i < REGISTER_PAGE_SIZE && k->html[i]) {
			buf_add(out, k->html[i], k->len[i]);
			continue;
		}
		const struct assoc *x = &l->items[i];
		if (!x->name)
			continue; /* gone between its rev and its row */
		row.len = 0;
		tpl_register_row(&row, &k->r->p, x);
		if (row.err)
			continue;
		const uint64_t version[2] = {(uint64_t)x->rev, l->names_stamp};
		fragments_put(&kept_rows, row_key(x->id, k->r->p.english), version, row.data,
		              row.len);
		buf_add(out, row.data, row.len);
	}
	buf_free(&row);
}
