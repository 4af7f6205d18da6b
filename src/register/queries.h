/* Reading the register: the public list with search and filters, one
 * association, the choices for the filters. */
#ifndef REGISTER_QUERIES_H
#define REGISTER_QUERIES_H
#include "base/arena.h"
#include "db/db.h"
#include "register/assoc.h"

enum { REGISTER_PAGE_SIZE = 50 };

struct register_filter {
	const char *q;     /* search words as typed */
	const char *area;  /* area slug */
	const char *group; /* target group slug */
	const char *form;  /* form code */
	int64_t page;      /* 1-based */
};

struct assoc_list {
	struct assoc *items;
	size_t n;
	int64_t total;
	/* register_list_known: the areas and target groups to filter by */
	const struct choice *areas, *groups;
	size_t nareas, ngroups;
	/* changes when the names of areas or groups do: a row rendered with
	 * them is rendered again */
	uint64_t names_stamp;
};

/* Asked for each row of a list before it is copied: nonzero when the
 * caller holds row i as rendered at rev with the names of stamp, and the
 * row is then left as its id and rev alone (register/rows.c). */
typedef int register_known(void *arg, uint64_t stamp, int64_t id, int64_t rev, size_t i);

int register_list_known(struct db *db, struct arena *a, const struct register_filter *f,
                        struct assoc_list *out, register_known *known, void *arg);
int register_get(struct db *db, struct arena *a, int64_t id, int public_only, struct assoc *out);
int register_choices(struct db *db, struct arena *a, int groups, struct choice **out, size_t *n);
int register_each_public(struct db *db, void (*fn)(const struct assoc *, void *), void *arg);
int register_admin_list(struct db *db, struct arena *a, const char *q, struct assoc_list *out);
int register_links(struct db *db, int64_t id, int groups, int64_t *ids, int max);
const char *search_query(struct arena *a, enum db_kind kind, const char *q);
#endif
