/* The decided grants as the public figures read them (issue 10,
 * transparency): each award's year, department, kind, association and
 * amount, kept in memory for the process per 'generation:grants'
 * (migration 022), so that any filter of /bidrag/beviljade, any deep page
 * and /bidrag/statistik are a walk over a compact array rather than a
 * query per filter over 200 000 rows (docs/decisions.md). The departments
 * and kinds of grant are kept with it (their writes bump the generation
 * too, migration 028); programmes, associations' names and whether the
 * register shows an association are read per page, for the page's own
 * rows only. */
#ifndef GRANTS_LEDGER_H
#define GRANTS_LEDGER_H
#include <stddef.h>
#include <stdint.h>

#include "base/arena.h"
#include "base/choice.h"
#include "db/db.h"
#include "db/kept.h"

struct ledger_award {
	int64_t id, amount, department_id; /* amount in öre */
	uint32_t assoc;                    /* index into ledger.assoc_ids */
	int16_t year;
	uint8_t kind; /* index into ledger.kinds */
};

enum { LEDGER_KINDS = 32 };

struct ledger {
	struct kept_value kept;            /* its generation and readers (db/kept.h) */
	const struct ledger_award *awards; /* newest first: id descending */
	size_t n;
	const int64_t *assoc_ids; /* every association granted, ascending */
	size_t nassoc;
	const char *kinds[LEDGER_KINDS];
	size_t nkinds;
	int first_year, last_year; /* 0 when there is no award */
	/* every department by its Swedish name (code, names, id) and every
	 * kind of grant in its order (code, names), each ending in a zero */
	const struct choice *departments, *kind_names;
	struct ledger_memo *memo; /* what filters selected (ledger.c) */
};

/* The sums of every year from first_year to last_year, made once per
 * ledger: per department (their ids in departments), per kind (of
 * kinds), the organisations granted, and all years together. */
struct ledger_yearly {
	size_t years, ndepartments;
	const int64_t *departments;   /* their ids */
	const int64_t *by_department; /* [department * years + year - first_year] */
	const int64_t *by_kind;       /* [kind * years + year - first_year] */
	const int64_t *organisations; /* [year - first_year] */
	int64_t total, organisations_all;
};

/* What a list is filtered by, resolved to the ledger's terms: 0 (or -1
 * for kind) means any; assoc_match, when set, says per association index
 * whether it is in the area or target group asked for. */
struct ledger_filter {
	int year;
	int64_t department_id;
	int kind;
	const uint8_t *assoc_match;
	int none; /* a filter named something that does not exist: no hit */
	/* what the filter is, for its memo: the above and, when an area or a
	 * target group is asked for, which and the register's generation */
	char key[96];
};

/* What a filter selects: how many awards and their sum (öre); kept per
 * ledger and filter with where each page starts (ledger_select). */
struct ledger_selection {
	int64_t total, sum;
};

enum { LEDGER_PAGE = 50 };

const struct ledger *ledger_get(struct db *db);
void ledger_put(const struct ledger *l);
int ledger_kind(const struct ledger *l, const char *code);
int ledger_assoc(const struct ledger *l, int64_t association_id);
void ledger_select(const struct ledger *l, const struct ledger_filter *f, int64_t page,
                   struct ledger_selection *out, size_t *start);
const struct ledger_yearly *ledger_yearly(const struct ledger *l);
int ledger_assoc_match(struct db *db, struct arena *a, const struct ledger *l, const char *key,
                       int64_t area_id, int64_t group_id, const uint8_t **out);

/* Whether an award is among what the filter selects. */
static inline int
ledger_match(const struct ledger_filter *f, const struct ledger_award *w)
{
	return !f->none && (!f->year || w->year == f->year) &&
	       (!f->department_id || w->department_id == f->department_id) &&
	       (f->kind < 0 || w->kind == f->kind) && (!f->assoc_match || f->assoc_match[w->assoc]);
}
#endif
