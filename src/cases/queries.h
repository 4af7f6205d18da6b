/* Reading what a case holds, and lists of cases. */
#ifndef CASES_QUERIES_H
#define CASES_QUERIES_H
#include "cases/case.h"

struct case_event_row {
	int64_t at;
	const char *actor, *kind, *detail;
};

struct case_message_row {
	int64_t id, at;
	const char *author, *body;
	int from_officer, unread;
};

struct case_decision_row {
	const char *outcome, *reasoning, *decided_by, *decided_on, *reference;
	int present;
};

struct case_list {
	struct case_row *items;
	size_t n;
};

struct inbox_filter {
	const char *status, *type, *officer; /* officer: "", "mig", "ingen" or an id */
	int64_t older_than_days;
	int64_t page; /* from 1, INBOX_PAGE cases each */
};

enum { INBOX_PAGE = 50 };

int case_events(struct db *db, struct arena *a, int64_t id, struct case_event_row **out, size_t *n);
int case_messages(struct db *db, struct arena *a, int64_t id, struct case_message_row **out,
                  size_t *n);
int case_decision(struct db *db, struct arena *a, int64_t id, struct case_decision_row *out);
int cases_of_user(struct db *db, struct arena *a, int64_t user_id, struct case_list *out);
int cases_inbox(struct db *db, struct arena *a, int64_t dept, int64_t me,
                const struct inbox_filter *f, struct case_list *out, int64_t *total);
int cases_diary(struct db *db, struct arena *a, int64_t page, struct case_list *out,
                int64_t *total);
#include "http/request.h"
void inbox_filter_read(struct req *r, struct inbox_filter *f);
const char *inbox_page_url(struct req *r, const char *base, const struct inbox_filter *f,
                           int64_t page);
#endif
