/* Follow-up reports (återrapportering, issue 10 point 7): a decided grant
 * of a programme with a follow-up day owes a report due on that day. The
 * representative sends it as a case of its own (aterrapport) in the
 * award's department; reminders go by mail before the day and after it;
 * the department's officers list the overdue ones, and a new application
 * of an association with one overdue says so to the officer. */
#ifndef GRANTS_FOLLOWUP_H
#define GRANTS_FOLLOWUP_H
#include <stdint.h>

#include "cases/case.h"
#include "http/request.h"

/* Days before the due day that the first reminder goes out. */
enum { FOLLOWUP_REMIND_DAYS = 14 };
/* The most overdue reports the officers' list shows at once. */
enum { FOLLOWUP_OVERDUE_SHOWN = 200 };

/* One award that owes a report, with where its report stands. */
struct followup {
	int64_t award_id, association_id, department_id;
	int year;
	int64_t amount; /* granted, öre */
	const char *association, *programme, *due;
	int association_public;
	const char *dept_code, *dept_sv, *dept_en;
	const char *application_dnr;     /* the decided application, "" when none */
	const char *application_payload; /* its payload, "{}" when none */
	/* the report that counts (sent, not withdrawn, not refused): "" when
	 * none has been sent */
	const char *report_dnr, *report_status;
	int reminders; /* how many reminders were mailed */
	int64_t programme_id;
};

struct followup_list {
	struct followup *items;
	size_t n;
};

int followup_get(struct db *db, struct arena *a, int64_t award_id, int64_t user_id,
                 struct followup *out);
int followups_of_user(struct db *db, struct arena *a, int64_t user_id, struct followup_list *out);
int followups_overdue(struct db *db, struct arena *a, int64_t department_id, const char *today,
                      struct followup_list *out);
int followups_overdue_of(struct db *db, struct arena *a, int64_t association_id, const char *today,
                         struct followup_list *out);
int followups_to_remind(struct db *db, struct arena *a, const char *today, const char *limit,
                        const char *oldest, struct followup_list *out);
int followup_link(struct db *db, int64_t case_id, const struct followup *x);
int followup_remind(struct db *db, int days, int *sent);
void followup_sweep_start(const char *db_url);
void followup_sweep_stop(void);
int followup_mine(struct req *r, struct buf *b);
void followup_notice(struct req *r, struct buf *b, const struct case_row *c, enum case_role role);
#endif
