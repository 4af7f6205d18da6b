#include "register/bulk.h"
#include "base/buf.h"
#include "base/sortkey.h"
#include "register/order.h"

#include <jansson.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

/* A row goes to the database as the JSON array
 * [id, orgnr, name, sort_key, form, purpose, email, phone, website,
 *  founded, members, active, public, pos, tags], read by ->> with the
 * index; a link as [association_id, area_id or group_id]; ids and keys as
 * flat arrays. */
static struct dbq Q_FIND = {
        "SELECT id, orgnr, NULL FROM associations WHERE orgnr IN (SELECT value FROM json_each($1)) "
        "UNION ALL "
        "SELECT min(id), NULL, name FROM associations "
        "WHERE orgnr IS NULL AND name IN (SELECT value FROM json_each($2)) GROUP BY name",
        "SELECT id, orgnr, NULL FROM associations "
        "WHERE orgnr IN (SELECT jsonb_array_elements_text($1::jsonb)) "
        "UNION ALL "
        "SELECT min(id), NULL, name FROM associations "
        "WHERE orgnr IS NULL AND name IN (SELECT jsonb_array_elements_text($2::jsonb)) "
        "GROUP BY name",
        0};
static struct dbq Q_INSERT = {
        "INSERT INTO associations (orgnr, name, sort_key, form, purpose, email, phone, website, "
        "founded, members, active, public, created, updated, pos, tags) "
        "SELECT r.value ->> 1, r.value ->> 2, r.value ->> 3, r.value ->> 4, r.value ->> 5, "
        "r.value ->> 6, r.value ->> 7, r.value ->> 8, r.value ->> 9, r.value ->> 10, "
        "r.value ->> 11, r.value ->> 12, $2, $2, r.value ->> 13, r.value ->> 14 "
        "FROM json_each($1) AS r ORDER BY r.key RETURNING id, orgnr, name",
        "INSERT INTO associations (orgnr, name, sort_key, form, purpose, email, phone, website, "
        "founded, members, active, public, created, updated, pos, tags) "
        "SELECT r.value ->> 1, r.value ->> 2, r.value ->> 3, r.value ->> 4, r.value ->> 5, "
        "r.value ->> 6, r.value ->> 7, r.value ->> 8, (r.value ->> 9)::integer, "
        "(r.value ->> 10)::integer, (r.value ->> 11)::integer, (r.value ->> 12)::integer, "
        "$2::bigint, $2::bigint, (r.value ->> 13)::bigint, r.value ->> 14 "
        "FROM jsonb_array_elements($1::jsonb) WITH ORDINALITY AS r(value, n) ORDER BY r.n "
        "RETURNING id, orgnr, name",
        0};
static struct dbq Q_UPDATE = {
        "UPDATE associations SET orgnr = r.value ->> 1, name = r.value ->> 2, "
        "sort_key = r.value ->> 3, form = r.value ->> 4, purpose = r.value ->> 5, "
        "email = r.value ->> 6, phone = r.value ->> 7, website = r.value ->> 8, "
        "founded = r.value ->> 9, members = r.value ->> 10, active = r.value ->> 11, "
        "public = r.value ->> 12, updated = $2, pos = r.value ->> 13, tags = r.value ->> 14 "
        "FROM json_each($1) AS r WHERE associations.id = r.value ->> 0",
        "UPDATE associations SET orgnr = r.value ->> 1, name = r.value ->> 2, "
        "sort_key = r.value ->> 3, form = r.value ->> 4, purpose = r.value ->> 5, "
        "email = r.value ->> 6, phone = r.value ->> 7, website = r.value ->> 8, "
        "founded = (r.value ->> 9)::integer, members = (r.value ->> 10)::integer, "
        "active = (r.value ->> 11)::integer, public = (r.value ->> 12)::integer, "
        "updated = $2::bigint, pos = (r.value ->> 13)::bigint, tags = r.value ->> 14 "
        "FROM jsonb_array_elements($1::jsonb) AS r WHERE associations.id = (r.value ->> 0)::bigint",
        0};
/* The pos and sort key each updated row has now. */
static struct dbq Q_CURRENT = {
        "SELECT id, pos, sort_key FROM associations WHERE id IN (SELECT value FROM json_each($1))",
        "SELECT id, pos, sort_key FROM associations "
        "WHERE id IN (SELECT jsonb_array_elements_text($1::jsonb)::bigint)",
        0};
static struct dbq Q_CLEAR_AREAS = {
        "DELETE FROM association_areas WHERE association_id IN (SELECT value FROM json_each($1))",
        "DELETE FROM association_areas "
        "WHERE association_id IN (SELECT jsonb_array_elements_text($1::jsonb)::bigint)",
        0};
static struct dbq Q_CLEAR_GROUPS = {
        "DELETE FROM association_groups WHERE association_id IN (SELECT value FROM json_each($1))",
        "DELETE FROM association_groups "
        "WHERE association_id IN (SELECT jsonb_array_elements_text($1::jsonb)::bigint)",
        0};
static struct dbq Q_ADD_AREAS = {
        "INSERT INTO association_areas (association_id, area_id) "
        "SELECT r.value ->> 0, r.value ->> 1 FROM json_each($1) AS r WHERE true "
        "ON CONFLICT DO NOTHING",
        "INSERT INTO association_areas (association_id, area_id) "
        "SELECT (r.value ->> 0)::bigint, (r.value ->> 1)::bigint "
        "FROM jsonb_array_elements($1::jsonb) AS r ON CONFLICT DO NOTHING",
        0};
static struct dbq Q_ADD_GROUPS = {
        "INSERT INTO association_groups (association_id, group_id) "
        "SELECT r.value ->> 0, r.value ->> 1 FROM json_each($1) AS r WHERE true "
        "ON CONFLICT DO NOTHING",
        "INSERT INTO association_groups (association_id, group_id) "
        "SELECT (r.value ->> 0)::bigint, (r.value ->> 1)::bigint "
        "FROM jsonb_array_elements($1::jsonb) AS r ON CONFLICT DO NOTHING",
        0};

/* Links in one write from which their foreign-key checks keep their plan
 * (db_keep_plans): a form's few are not worth two more round trips. */
enum { KEEP_PLANS_FROM = 32 };

/* Text as JSON, NULL for none. Text that is not UTF-8 (which the checks
 * before storing never let through) makes the row invalid: jansson
 * refuses it, and json_array_append_new reports that. */
static json_t *
jtext(const char *s)
{
	return s ? json_string(s) : json_null();
}

/* An optional number: 0 stands for "not given", as in assoc_rec. */
static json_t *
jnum(int64_t v)
{
	return v ? json_integer(v) : json_null();
}

/* What a row is written with besides its record: its sort key, the tags
 * of the filters it matches, its pos, and whether it was written already
 * (an updated row whose key changed, placed and written alone). */
struct written {
	struct buf key, tags;
	int64_t pos;
	int done;
};

/* Ascending, for qsort. */
static int
by_id(const void *a, const void *b)
{
	int64_t x = *(const int64_t *)a, y = *(const int64_t *)b;
	return (x > y) - (x < y);
}

/* Appends " _<kind><id>" for each id, in ascending order, so that the same
 * links always give the same text. */
static void
tag_ids(struct buf *b, char kind, const int64_t *ids, int n)
{
	int64_t sorted[ASSOC_MAX_LINKS];
	memcpy(sorted, ids, (size_t)n * sizeof(*ids));
	qsort(sorted, (size_t)n, sizeof(*sorted), by_id);
	for (int i = 0; i < n; i++) {
		buf_printf(b, " _%c", kind);
		buf_int(b, sorted[i]);
	}
}

/* The filters an association matches, as the words the search index keeps
 * for them (migration 011): _f<form>, _a<area id>, _g<group id>. */
static void
assoc_tags(struct buf *b, const struct assoc_rec *rec)
{
	buf_puts(b, "_f");
	buf_puts(b, rec->form);
	tag_ids(b, 'a', rec->area_ids, rec->nareas);
	tag_ids(b, 'g', rec->group_ids, rec->ngroups);
}

/* The row's array; NULL when a text is not UTF-8. */
static json_t *
row_json(const struct assoc_row *r, const struct written *w)
{
	const struct assoc_rec *x = &r->rec;
	json_t *a = json_array();
	json_t *items[] = {
	        json_integer(r->id),
	        x->orgnr[0] ? json_string(x->orgnr) : json_null(),
	        jtext(x->name),
	        json_stringn(w->key.data ? w->key.data : "", w->key.len),
	        jtext(x->form),
	        jtext(x->purpose),
	        jtext(x->email),
	        jtext(x->phone),
	        jtext(x->website),
	        jnum(x->founded),
	        jnum(x->members),
	        json_integer(x->active),
	        json_integer(x->public_),
	        json_integer(w->pos),
	        json_stringn(w->tags.data ? w->tags.data : "", w->tags.len),
	};
	int bad = 0;
	for (size_t i = 0; i < sizeof(items) / sizeof(items[0]); i++)
		bad |= json_array_append_new(a, items[i]) != 0;
	if (bad) {
		json_decref(a);
		return NULL;
	}
	return a;
}

/* Runs q with the array as $1, and with the time as $2 when now is not
 * 0; an empty array runs nothing. */
static int
exec_json(struct db *db, struct dbq *q, json_t *arr, int64_t now)
{
	if (json_array_size(arr) == 0)
		return DB_OK;
	char *s = json_dumps(arr, JSON_COMPACT);
	struct dbval v[] = {DB_TEXT(s), DB_INT(now)};
	int rc = db_exec(db, q, v, now ? 2 : 1);
	free(s);
	return rc;
}

/* Whether row r is the one the database names: by organisationsnummer,
 * or an informal network (no number: NULL, which db_col_text reads as "")
 * by its name. */
static int
row_is(const struct assoc_row *r, const char *orgnr, const char *name)
{
	if (orgnr && *orgnr)
		return strcmp(r->rec.orgnr, orgnr) == 0;
	return !r->rec.orgnr[0] && strcmp(r->rec.name, name) == 0;
}

/* Inserts the new rows (id 0) and gives each its id, which RETURNING
 * names by key: neither engine promises RETURNING's order, though both
 * keep it, so the row in the same place is tried first. */
static int
insert_new(struct db *db, struct assoc_row *rows, int n, json_t *ins, int64_t now)
{
	if (json_array_size(ins) == 0)
		return DB_OK;
	char *s = json_dumps(ins, JSON_COMPACT);
	struct dbcur c;
	/* bound, not copied: freed once the statement is done */
	int rc = db_query(db, &c, &Q_INSERT, DB_ARGS(DB_TEXT(s), DB_INT(now)));
	if (rc != DB_OK) {
		free(s);
		return rc;
	}
	int next = 0, got = 0, step;
	while ((step = db_next(&c)) > 0) {
		const char *orgnr = db_col_text(&c, 1), *name = db_col_text(&c, 2);
		while (next < n && rows[next].id)
			next++;
		int i = next < n && row_is(&rows[next], orgnr, name) ? next : 0;
		while (i < n && (rows[i].id || !row_is(&rows[i], orgnr, name)))
			i++;
		if (i < n) {
			rows[i].id = db_col_int(&c, 0);
			got++;
		}
	}
	db_done(&c);
	free(s);
	if (step < 0)
		return DB_ERROR;
	return got == (int)json_array_size(ins) ? DB_OK : DB_ERROR;
}

/* Writes the updated row i alone, with the pos it was just given. */
static int
update_one(struct db *db, struct assoc_row *r, struct written *w, int64_t now)
{
	json_t *one = json_array(), *row = row_json(r, w);
	int rc = row ? DB_OK : DB_ERROR;
	if (row) {
		json_array_append_new(one, row);
		rc = exec_json(db, &Q_UPDATE, one, now);
	}
	json_decref(one);
	w->done = 1;
	return rc;
}

/* The pos every updated row of a chunk has now, kept while its sort key
 * is the same. */
static int
current_pos(struct db *db, struct assoc_row *rows, int n, struct written *w)
{
	json_t *ids = json_array();
	for (int i = 0; i < n; i++)
		if (rows[i].id)
			json_array_append_new(ids, json_integer(rows[i].id));
	int rc = DB_OK;
	if (json_array_size(ids)) {
		char *s = json_dumps(ids, JSON_COMPACT);
		struct dbcur c;
		rc = db_query(db, &c, &Q_CURRENT, DB_ARGS(DB_TEXT(s)));
		while (rc == DB_OK && (rc = db_next(&c)) > 0) {
			int64_t id = db_col_int(&c, 0);
			for (int i = 0; i < n; i++)
				if (rows[i].id == id &&
				    strcmp(buf_cstr(&w[i].key), db_col_text(&c, 2)) == 0)
					w[i].pos = db_col_int(&c, 1);
			rc = DB_OK;
		}
		db_done(&c);
		free(s);
	}
	json_decref(ids);
	return rc < 0 ? rc : DB_OK;
}

/* Gives every row its pos. An updated row keeps its own while its sort key
 * is the same; one whose key changed is placed (order_place) and written at
 * once, alone, so that the next placement sees it; then the new rows are
 * placed all together (order_place_new: a load in Swedish order lands in
 * one gap, which rows placed a batch at a time would use up again and
 * again), or one alone as order_place places it. */
static int
place_rows(struct db *db, struct assoc_row *rows, size_t n, struct written *w, int64_t now)
{
	int rc = DB_OK;
	for (size_t c = 0; c < n && rc == DB_OK; c += ASSOC_BULK_CHUNK)
		rc = current_pos(db, rows + c,
		                 (int)(n - c < ASSOC_BULK_CHUNK ? n - c : ASSOC_BULK_CHUNK), w + c);
	const char **keys = xmalloc(n * sizeof(*keys));
	int64_t *pos = xmalloc(n * sizeof(*pos));
	size_t nnew = 0;
	for (size_t i = 0; i < n && rc == DB_OK; i++) {
		if (!rows[i].id)
			keys[nnew++] = buf_cstr(&w[i].key);
		else if (!w[i].pos && (rc = order_place(db, rows[i].id, buf_cstr(&w[i].key),
		                                        w[i].key.len, &w[i].pos)) == DB_OK)
			rc = update_one(db, &rows[i], &w[i], now);
	}
	if (rc == DB_OK && nnew == 1)
		rc = order_place(db, 0, keys[0], strlen(keys[0]), pos);
	else if (rc == DB_OK && nnew)
		rc = order_place_new(db, keys, nnew, pos);
	for (size_t i = 0, k = 0; i < n && rc == DB_OK; i++)
		if (!rows[i].id)
			w[i].pos = pos[k++];
	free(keys);
	free(pos);
	return rc;
}

/* Inserts or updates a chunk of placed rows with their areas and groups,
 * an updated row's old links replaced: seven statements for all of them. */
static int
write_chunk(struct db *db, struct assoc_row *rows, int n, struct written *w, int64_t now)
{
	json_t *ins = json_array(), *upd = json_array(), *ids = json_array();
	json_t *areas = json_array(), *groups = json_array();
	int rc = DB_ERROR;
	for (int i = 0; i < n; i++) {
		if (rows[i].id)
			json_array_append_new(ids, json_integer(rows[i].id));
		if (w[i].done)
			continue;
		json_t *row = row_json(&rows[i], &w[i]);
		if (!row)
			goto done;
		json_array_append_new(rows[i].id ? upd : ins, row);
	}
	if ((rc = insert_new(db, rows, n, ins, now)) != DB_OK ||
	    (rc = exec_json(db, &Q_UPDATE, upd, now)) != DB_OK ||
	    (rc = exec_json(db, &Q_CLEAR_AREAS, ids, 0)) != DB_OK ||
	    (rc = exec_json(db, &Q_CLEAR_GROUPS, ids, 0)) != DB_OK)
		goto done;
	for (int i = 0; i < n; i++) {
		const struct assoc_rec *x = &rows[i].rec;
		for (int k = 0; k < x->nareas; k++)
			json_array_append_new(areas, json_pack("[II]", (json_int_t)rows[i].id,
			                                       (json_int_t)x->area_ids[k]));
		for (int k = 0; k < x->ngroups; k++)
			json_array_append_new(groups, json_pack("[II]", (json_int_t)rows[i].id,
			                                        (json_int_t)x->group_ids[k]));
	}
	/* each link's foreign keys are checked by a query of their own */
	int many = json_array_size(areas) + json_array_size(groups) > KEEP_PLANS_FROM;
	if ((many && (rc = db_keep_plans(db, 1)) != DB_OK) ||
	    (rc = exec_json(db, &Q_ADD_AREAS, areas, 0)) != DB_OK ||
	    (rc = exec_json(db, &Q_ADD_GROUPS, groups, 0)) != DB_OK)
		goto done;
	if (many)
		rc = db_keep_plans(db, 0);
done:
	json_decref(ins);
	json_decref(upd);
	json_decref(ids);
	json_decref(areas);
	json_decref(groups);
	return rc;
}

/* Places and writes n rows (id 0: insert), a chunk of statements at a time;
 * with b, tells its progress and, on failure, the tags of the rows that
 * failed. */
static int
write_rows(struct db *db, struct assoc_row *rows, size_t n, struct assoc_bulk *b)
{
	int64_t now = time(NULL);
	struct written *w = xcalloc(n ? n : 1, sizeof(*w));
	for (size_t i = 0; i < n; i++) {
		sv_sort_key(&w[i].key, rows[i].rec.name, strlen(rows[i].rec.name));
		assoc_tags(&w[i].tags, &rows[i].rec);
	}
	size_t c = 0, m = n;
	int rc = place_rows(db, rows, n, w, now);
	while (c < n && rc == DB_OK) {
		m = n - c < ASSOC_BULK_CHUNK ? n - c : ASSOC_BULK_CHUNK;
		rc = write_chunk(db, rows + c, (int)m, w + c, now);
		if (rc == DB_OK) {
			c += m;
			if (b && b->progress)
				b->progress(b->progress_arg, b->stored += m, b->n);
		}
	}
	if (rc != DB_OK && b && n) {
		b->first_tag = rows[c < n ? c : 0].tag;
		b->last_tag = rows[c < n ? c + m - 1 : n - 1].tag;
	}
	for (size_t i = 0; i < n; i++) {
		buf_free(&w[i].key);
		buf_free(&w[i].tags);
	}
	free(w);
	return rc;
}

/* Inserts or updates rows (id 0: insert) with their areas and groups, an
 * updated row's old links replaced: seven statements for a chunk of them,
 * and one more for each updated row whose name moved it in the order. The
 * caller holds the transaction. */
int
assoc_write(struct db *db, struct assoc_row *rows, size_t n)
{
	return write_rows(db, rows, n, NULL);
}

void
assoc_bulk_init(struct assoc_bulk *b, struct db *db)
{
	memset(b, 0, sizeof(*b));
	b->db = db;
}

/* Finds which rows of a chunk are already in the register: the rule of
 * assoc_find, for all of them at once. */
static int
find_chunk(struct db *db, struct assoc_row *rows, int n)
{
	json_t *orgnrs = json_array(), *names = json_array();
	for (int i = 0; i < n; i++) {
		const struct assoc_rec *x = &rows[i].rec;
		if (x->orgnr[0])
			json_array_append_new(orgnrs, json_string(x->orgnr));
		else
			json_array_append_new(names, jtext(x->name));
	}
	char *o = json_dumps(orgnrs, JSON_COMPACT), *m = json_dumps(names, JSON_COMPACT);
	json_decref(orgnrs);
	json_decref(names);
	struct dbcur c;
	int rc = db_query(db, &c, &Q_FIND, DB_ARGS(DB_TEXT(o), DB_TEXT(m)));
	while (rc == DB_OK && (rc = db_next(&c)) > 0) {
		for (int i = 0; i < n; i++)
			if (row_is(&rows[i], db_col_text(&c, 1), db_col_text(&c, 2)))
				rows[i].id = db_col_int(&c, 0);
		rc = DB_OK;
	}
	db_done(&c);
	free(o);
	free(m);
	return rc < 0 ? rc : DB_OK;
}

/* The association a row stands for, compared: by organisationsnummer, an
 * informal network by its name; equal ones in the order added. */
static int
by_association(const void *a, const void *b)
{
	const struct assoc_row *x = *(const struct assoc_row *const *)a,
	                       *y = *(const struct assoc_row *const *)b;
	int xi = !x->rec.orgnr[0], yi = !y->rec.orgnr[0];
	int c = xi != yi ? xi - yi
	                 : strcmp(xi ? x->rec.name : x->rec.orgnr, yi ? y->rec.name : y->rec.orgnr);
	return c ? c : (x->seq > y->seq) - (x->seq < y->seq);
}

/* Whether two rows stand for the same association. */
static int
same_association(const struct assoc_row *x, const struct assoc_row *y)
{
	return row_is(x, y->rec.orgnr, y->rec.name);
}

/* By round, then in the order added. */
static int
by_round(const void *a, const void *b)
{
	const struct assoc_row *x = a, *y = b;
	return x->round != y->round ? x->round - y->round : (x->seq > y->seq) - (x->seq < y->seq);
}

/* The rows in rounds: an association's first row in round 0, its second
 * (an informal network twice in a file) in round 1, and so on, each round
 * in the file's order; so a later row updates the earlier, as one at a
 * time would. The number of rounds. */
static int
rounds(struct assoc_bulk *b)
{
	struct assoc_row **s = xmalloc((b->n ? b->n : 1) * sizeof(*s));
	for (size_t i = 0; i < b->n; i++)
		s[i] = &b->rows[i];
	qsort(s, b->n, sizeof(*s), by_association);
	int most = 0;
	for (size_t i = 0; i < b->n; i++) {
		s[i]->round = i && same_association(s[i], s[i - 1]) ? s[i - 1]->round + 1 : 0;
		if (s[i]->round > most)
			most = s[i]->round;
	}
	free(s);
	if (most)
		qsort(b->rows, b->n, sizeof(*b->rows), by_round);
	return most + 1;
}

/* Stores every row added: round by round, each found in chunks, then
 * placed and written (write_rows), and after a large load the search index
 * merged. The caller holds the transaction. */
int
assoc_bulk_store(struct assoc_bulk *b)
{
	int n = rounds(b);
	size_t start = 0;
	for (int r = 0; r < n; r++) {
		size_t end = start;
		while (end < b->n && b->rows[end].round == r)
			end++;
		int rc = DB_OK;
		for (size_t c = start; c < end && rc == DB_OK; c += ASSOC_BULK_CHUNK)
			rc = find_chunk(
			        b->db, b->rows + c,
			        (int)(end - c < ASSOC_BULK_CHUNK ? end - c : ASSOC_BULK_CHUNK));
		int old = 0;
		for (size_t i = start; i < end; i++)
			old += b->rows[i].id != 0;
		if (rc == DB_OK)
			rc = write_rows(b->db, b->rows + start, end - start, b);
		if (rc != DB_OK)
			return rc;
		b->updated += old;
		b->created += (int)(end - start) - old;
		start = end;
	}
	/* a load leaves SQLite's search index in many segments, which every
	 * search then reads: merged once, for about a second per 100 000 */
	return b->n >= ASSOC_BULK_TIDY ? order_index_tidy(b->db) : DB_OK;
}

/* Adds a row, its text copied; nothing is stored before assoc_bulk_store.
 * tag is the caller's (a line of the file). */
void
assoc_bulk_add(struct assoc_bulk *b, const struct assoc_rec *rec, int tag)
{
	if (b->n == b->cap)
		b->rows =
		        xrealloc(b->rows, (b->cap = b->cap ? b->cap * 2 : 256) * sizeof(*b->rows));
	struct assoc_row *r = &b->rows[b->n];
	*r = (struct assoc_row){.rec = *rec, .tag = tag, .seq = b->n};
	b->n++;
	const char **texts[] = {&r->rec.name,  &r->rec.form,  &r->rec.purpose,
	                        &r->rec.email, &r->rec.phone, &r->rec.website};
	for (size_t i = 0; i < sizeof(texts) / sizeof(texts[0]); i++)
		if (*texts[i])
			*texts[i] = arena_strdup(&b->a, *texts[i]);
}

void
assoc_bulk_free(struct assoc_bulk *b)
{
	free(b->rows);
	arena_reset(&b->a);
}
