/* Cases (ärenden): every request from an association, with its
 * diarienummer, status, trail, messages and decision. */
#ifndef CASES_CASE_H
#define CASES_CASE_H
#include <stdint.h>

#include "auth/roles.h"
#include "base/choice.h"
#include "base/arena.h"
#include "db/db.h"
#include "http/request.h"

struct case_row {
	int64_t id;
	const char *dnr;
	const char *type;
	const char *status;
	const char *title;
	int confidential;
	int64_t department_id;
	const char *department; /* name in Swedish */
	const char *department_code;
	int64_t association_id;
	const char *association;
	int64_t applicant_id;
	const char *applicant;
	int64_t officer_id;
	const char *officer;
	const char *payload;
	int64_t created, updated;
	int unread;          /* messages the viewer has not read */
	int moved_meanwhile; /* someone else changed its status after it was read */
};

/* Who did something, for the trail. */
struct actor {
	int64_t id; /* 0 for the system */
	const char *name;
};

/* Who is looking at a case decides what they may do; NONE is a 404. */
enum case_role { CASE_NONE, CASE_APPLICANT, CASE_OFFICER };

extern const struct choice case_statuses[]; /* ends with a NULL code */
const char *case_type_name(const char *type, int english);
const char *case_status_name(const char *status, int english);
int case_transition_allowed(const char *from, const char *to, enum case_role who);
int case_may(const struct case_row *c, const char *to, enum case_role who);
int case_closed(const struct case_row *c);

/* A case to store: where it goes, what it is, who sent it, and when it
 * arrived (0: now; the demo's history gives earlier times). */
struct case_new {
	const char *dept_code;
	const char *type;
	const char *title;
	int64_t association_id; /* 0 when none */
	struct actor applicant;
	const char *payload; /* the submitted data, JSON */
	int64_t at;
	/* 1 when the title names someone the public diary may not: a person,
	 * or an association that chose not to be shown in the register */
	int title_private;
};

int case_create(struct db *db, const struct case_new *n, struct case_row *out, char dnr[32]);
int case_event_at(struct db *db, int64_t case_id, int64_t at, const struct actor *a,
                  const char *kind, const char *detail);
int case_event(struct db *db, int64_t case_id, const struct actor *a, const char *kind,
               const char *detail);
int case_set_status(struct db *db, const struct case_row *c, const char *to, const struct actor *a,
                    const char *detail);
int case_load(struct db *db, struct arena *ar, const char *dnr, struct case_row *out);
enum case_role case_role_of(struct db *db, const struct user *u, const struct case_row *c);
int case_officer_of(const struct user *u, const struct case_row *c);
int user_represents(struct db *db, int64_t user_id, int64_t association_id);
/* The associations a person represents, as choices (code: the id, as the
 * form sends it; id: whether it is public), ended by a NULL code. */
int user_represented(struct db *db, struct arena *a, int64_t user_id, struct choice **out);
int outbox_queue(struct db *db, const char *to, const char *subject, const char *body);
int grant_representative(struct db *db, int64_t user_id, int64_t association_id);
int case_notify(struct db *db, const struct case_row *c, int to_officer, const char *subject,
                const char *body);
#endif
