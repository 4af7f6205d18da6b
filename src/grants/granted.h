/* The decided grants as the public sees them (issue 10, transparency):
 * /bidrag/beviljade, /oppna-data/bidrag.csv and /api/v1/bidrag read one
 * filter from the query string and list the same awards. */
#ifndef GRANTS_GRANTED_H
#define GRANTS_GRANTED_H
#include "base/choice.h"
#include "grants/ledger.h"
#include "http/request.h"

enum { GRANTED_PAGE_SIZE = LEDGER_PAGE };

/* The filter as the address gives it (NULL: not given) and its page. */
struct granted_query {
	const char *year, *department, *kind, *area, *group;
	int64_t page;
};

/* One decided grant as a list shows it. An association the register does
 * not show (not public, or no longer active) is not named: shown is 0 and
 * name and orgnr are "". */
struct granted_row {
	int64_t id, amount, association_id;
	int year, shown;
	const char *department, *department_en, *department_code;
	const char *programme, *kind, *kind_sv, *kind_en, *name, *orgnr;
};

/* What a filter selects: how many, their sum in öre, and the rows of one
 * page (or of every page: granted_each). */
struct granted_list {
	int64_t total, sum;
	struct granted_row *rows;
	size_t n;
};

/* The choices the filter form offers. */
struct granted_choices {
	struct choice *years;
	const struct choice *departments, *kinds, *areas, *groups;
};

void granted_query_read(struct req *r, struct granted_query *q);
int granted_filter(struct req *r, const struct ledger *l, const struct granted_query *q,
                   const struct granted_choices *ch, struct ledger_filter *f);
int granted_choices_read(struct req *r, const struct ledger *l, struct granted_choices *ch);
int granted_list(struct req *r, const struct ledger *l, const struct granted_choices *ch,
                 const struct ledger_filter *f, int64_t page, struct granted_list *out);
int granted_each(struct req *r, const struct ledger *l, const struct granted_choices *ch,
                 const struct ledger_filter *f, void (*fn)(const struct granted_row *, void *),
                 void *arg);
struct field *granted_filter_fields(struct req *r, const struct granted_query *q,
                                    const struct granted_choices *ch, int *n);
const char *granted_url(struct req *r, const char *base, const struct granted_query *q,
                        int64_t page);
const struct ledger *granted_ledger(struct req *r);
#endif
