#include "register/rows.h"
#include "base/fragments.h"

/* 2^18 slots: at about 400 bytes a row, at most some 100 MB, and most
 * rows of a register of 100 000 associations as the HTML list (one
 * language) and the API draw it. At 2^17 a mixed load over the whole
 * register read a row by id for one request in seven; 2^18 served it
 * 1.15-1.28x the requests a second on PostgreSQL (p99 9.5-12.7 -> 8.6-8.9
 * ms at c64). */
static struct fragments kept_rows = FRAGMENTS_INIT(18);

/* The key of an association's row of a kind. */
static uint64_t
row_key(int64_t id, enum register_row_kind kind)
{
	return (uint64_t)id * ROW_KINDS + kind;
}

void
register_rows_init(struct register_rows *k, struct arena *a, enum register_row_kind kind)
{
	k->a = a;
	k->kind = kind;
	k->html = arena_zalloc(a, REGISTER_PAGE_SIZE * sizeof *k->html);
	k->len = arena_zalloc(a, REGISTER_PAGE_SIZE * sizeof *k->len);
}

/* register_known: whether row i is kept at rev and the names' stamp; its
 * text is then taken into the arena. */
int
register_rows_known(void *arg, uint64_t stamp, int64_t id, int64_t rev, size_t i)
{
	struct register_rows *k = arg;
	if (i >= REGISTER_PAGE_SIZE)
		return 0;
	const uint64_t version[2] = {(uint64_t)rev, stamp};
	k->html[i] = fragments_get(&kept_rows, row_key(id, k->kind), version, k->a, &k->len[i]);
	return k->html[i] != NULL;
}

void
register_rows_draw(struct register_rows *k, const struct assoc_list *l, register_row_draw *draw,
                   const void *arg, const char *between, struct buf *out)
{
	struct buf row = {0};
	for (size_t i = 0, drawn = 0; i < l->n; i++) {
		const struct assoc *x = &l->items[i];
		int kept = i < REGISTER_PAGE_SIZE && k->html[i];
		if (!kept && !x->name)
			continue; /* gone between its rev and its row */
		if (drawn++ && between)
			buf_puts(out, between);
		if (kept) {
			buf_add(out, k->html[i], k->len[i]);
			continue;
		}
		row.len = 0;
		draw(&row, x, arg);
		if (row.err)
			continue;
		const uint64_t version[2] = {(uint64_t)x->rev, l->names_stamp};
		fragments_put(&kept_rows, row_key(x->id, k->kind), version, row.data, row.len);
		buf_add(out, row.data, row.len);
	}
	buf_free(&row);
}
