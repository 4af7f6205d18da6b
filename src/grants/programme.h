/* A grant programme as the database keeps it (migration 017): its
 * department, kind, rules, who may apply, window, budget and follow-up,
 * with its own questions and assessment criteria. */
#ifndef GRANTS_PROGRAMME_H
#define GRANTS_PROGRAMME_H
#include <stdint.h>

#include "base/arena.h"
#include "base/choice.h"
#include "db/db.h"

/* The most areas or target groups one programme is limited to. */
#define GRANT_MAX_LINKS 64
/* The most association forms one programme is limited to. */
#define GRANT_MAX_FORMS 8

struct grant_programme {
	int64_t id, department_id;
	const char *dept_code, *dept_sv, *dept_en, *committee;
	const char *slug, *name, *kind, *kind_sv, *kind_en;
	const char *rules_md, *easy_read_md;
	int informal_allowed;
	const char *opens, *closes; /* YYYY-MM-DD, both days included */
	const char *followup_due;   /* YYYY-MM-DD, NULL when no report is asked for */
	int64_t budget;             /* a year's, in öre */
	int64_t area_ids[GRANT_MAX_LINKS], group_ids[GRANT_MAX_LINKS];
	int nareas, ngroups;
	/* the association forms (assoc_forms codes) it is limited to; none:
	 * every form */
	const char *forms[GRANT_MAX_FORMS];
	int nforms;
};

/* Where a programme's window stands on a day. */
enum grant_window { GRANT_OPEN, GRANT_SOON, GRANT_CLOSED };

struct grant_question {
	int64_t id;
	const char *label_sv, *label_en, *type, *type_sv, *type_en, *choices;
	int required;
};

struct grant_criterion {
	int64_t id;
	const char *label_sv, *label_en;
	int max_score;
};

/* Who may apply, named for a page: the association forms, target groups
 * and areas a programme is limited to (empty lists: no limit). */
struct grant_eligibility {
	struct choice *forms, *groups, *areas;
	int informal_allowed;
};

void grant_day(int offset, char out[11]);
enum grant_window grant_window_on(const struct grant_programme *g, const char *today);
int grant_get(struct db *db, struct arena *a, int64_t id, const char *slug,
              struct grant_programme *out);
int grant_list_current(struct db *db, struct arena *a, const char *today,
                       struct grant_programme **out, size_t *n);
int grant_list_managed(struct db *db, struct arena *a, int64_t department_id,
                       struct grant_programme **out, size_t *n);
int grant_slug_taken(struct db *db, const char *slug, int64_t id);
int grant_save(struct db *db, int64_t id, const struct grant_programme *g, int64_t *saved);
int grant_eligibility_of(struct db *db, struct arena *a, const struct grant_programme *g,
                         struct grant_eligibility *out);
int grant_eligibility_current(struct db *db, struct arena *a, const char *today,
                              const struct grant_programme *items, size_t n,
                              struct grant_eligibility **out);
int grant_questions(struct db *db, struct arena *a, int64_t programme_id,
                    struct grant_question **out, size_t *n);
int grant_question_add(struct db *db, int64_t programme_id, const struct grant_question *q);
int grant_question_remove(struct db *db, int64_t programme_id, int64_t id);
int grant_criteria(struct db *db, struct arena *a, int64_t programme_id,
                   struct grant_criterion **out, size_t *n);
int grant_criterion_add(struct db *db, int64_t programme_id, const struct grant_criterion *c);
int grant_criterion_remove(struct db *db, int64_t programme_id, int64_t id);
int grant_kind_choices(struct db *db, struct arena *a, struct choice **out);
int grant_formula_choices(struct db *db, struct arena *a, struct choice **out);
int grant_question_type_choices(struct db *db, struct arena *a, struct choice **out);
#endif
