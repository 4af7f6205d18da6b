/* The officer's assessment of a grant application (issue 10, step 4):
 * where the programme's budget for the year stands, a score and a note
 * for each of the programme's criteria, and the amount the officer
 * proposes, which the committee's list decides on. Drawn on the case page
 * below the application, for the department's officers only. */
#include "grants/applications.h"
#include "grants/assessment.tpl.h"
#include "grants/awards.h"
#include "grants/eservice.h"
#include "grants/fields.h"
#include "grants/grants.h"
#include "auth/session.h"
#include "base/money.h"
#include "cases/action.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

static struct dbq Q_SCORES = {
        "SELECT k.id, k.label_sv, k.label_en, k.max_score, s.score, s.note FROM grant_criteria k "
        "LEFT JOIN grant_scores s ON s.criterion_id = k.id AND s.case_id = $2 "
        "WHERE k.programme_id = $1 ORDER BY k.pos, k.id",
        NULL, 0};
static struct dbq Q_SCORE = {
        "INSERT INTO grant_scores (case_id, criterion_id, score, note, scored_by, at) "
        "VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT (case_id, criterion_id) DO UPDATE "
        "SET score = excluded.score, note = excluded.note, scored_by = excluded.scored_by, "
        "at = excluded.at",
        NULL, 0};

/* Everything the panel shows: the application, its programme's year, and
 * the assessment form with a score and a note per criterion. */
struct assessment {
	struct grant_application x;
	struct grant_programme g;
	struct grant_budget budget;
	struct grant_scored *scores;
	size_t n;
	int64_t total, most; /* the scores' sum and its highest possible */
	struct form f;
	struct field *fields;
};

/* The form of the programme's criteria: a score (0 up to the criterion's
 * highest) and a note for each, named poang-ID and anteckning-ID, then
 * the amount proposed. */
static const struct form_def *
form_of(struct arena *a, const struct grant_scored *s, size_t n)
{
	struct field_def *f = arena_zalloc(a, (2 * n + 1) * sizeof(*f));
	for (size_t i = 0; i < n; i++) {
		char *score = arena_alloc(a, 40), *note = arena_alloc(a, 40);
		snprintf(score, 40, "poang-%lld", (long long)s[i].criterion.id);
		snprintf(note, 40, "anteckning-%lld", (long long)s[i].criterion.id);
		const char *sv = s[i].criterion.label_sv,
		           *en = *s[i].criterion.label_en ? s[i].criterion.label_en : sv;
		char *hsv = arena_alloc(a, 64), *hen = arena_alloc(a, 64);
		snprintf(hsv, 64, "0–%d.", s[i].criterion.max_score);
		snprintf(hen, 64, "0–%d.", s[i].criterion.max_score);
		f[2 * i] = (struct field_def){.name = score,
		                              .label_sv = arena_printf(a, "%s: poäng", sv),
		                              .label_en = arena_printf(a, "%s: score", en),
		                              .type = FIELD_INT,
		                              .min = 0,
		                              .max_int = s[i].criterion.max_score,
		                              .hint_sv = hsv,
		                              .hint_en = hen};
		f[2 * i + 1] = (struct field_def){.name = note,
		                                  .label_sv = arena_printf(a, "%s: anteckning", sv),
		                                  .label_en = arena_printf(a, "%s: note", en),
		                                  .type = FIELD_TEXTAREA,
		                                  .max = 4000};
	}
	f[2 * n] = (struct field_def){.name = "forslag",
	                              .label_sv = "Föreslaget belopp i kronor",
	                              .label_en = "Proposed amount, in kronor",
	                              .type = FIELD_TEXT,
	                              .max = 30,
	                              .hint_sv = "Det belopp som föreslås beviljas, till exempel "
	                                         "i nämndens lista.",
	                              .hint_en = "The amount proposed for granting, for example "
	                                         "in the committee's list.",
	                              .check = grant_money_check};
	struct form_def *def = arena_alloc(a, sizeof(*def));
	*def = (struct form_def){"bedomning", f, (int)(2 * n + 1)};
	return def;
}

/* The criteria of the application's programme with what was scored: 0, or
 * -1 on a database error. */
static int
scores_of(struct db *db, struct arena *a, const struct grant_application *x,
          struct grant_scored **out, size_t *n)
{
	struct dbcur c;
	size_t cap = 0;
	*out = NULL;
	*n = 0;
	if (db_query(db, &c, &Q_SCORES, DB_ARGS(DB_INT(x->programme_id), DB_INT(x->case_id))) !=
	    DB_OK)
		return -1;
	int rc;
	while ((rc = db_next(&c)) > 0) {
		*out = arena_grow(a, *out, *n, &cap, sizeof(**out));
		(*out)[(*n)++] = (struct grant_scored){
		        .criterion = {.id = db_col_int(&c, 0),
		                      .label_sv = arena_strdup(a, db_col_text(&c, 1)),
		                      .label_en = arena_strdup(a, db_col_text(&c, 2)),
		                      .max_score = (int)db_col_int(&c, 3)},
		        .score = db_col_null(&c, 4) ? -1 : (int)db_col_int(&c, 4),
		        .note = arena_strdup(a, db_col_text(&c, 5)),
		};
	}
	db_done(&c);
	return rc < 0 ? -1 : 0;
}

/* Reads what the panel shows; the form prefilled from what is kept: 1, 0
 * when the case is no application, -1 on a database error. */
static int
load(struct req *r, const struct case_row *c, struct assessment *s)
{
	memset(s, 0, sizeof(*s));
	int rc = grant_application_of(r->db, &r->a, c->id, &s->x);
	if (rc <= 0)
		return rc;
	if (grant_get(r->db, &r->a, s->x.programme_id, NULL, &s->g) <= 0 ||
	    grant_budget_of(r->db, s->x.programme_id, atoi(s->x.period), &s->budget) != 0 ||
	    scores_of(r->db, &r->a, &s->x, &s->scores, &s->n) != 0)
		return -1;
	form_init(&s->f, r, form_of(&r->a, s->scores, s->n));
	for (size_t i = 0; i < s->n; i++) {
		s->most += s->scores[i].criterion.max_score;
		if (s->scores[i].score < 0)
			continue;
		s->total += s->scores[i].score;
		char *v = arena_alloc(&r->a, 16);
		snprintf(v, 16, "%d", s->scores[i].score);
		s->f.value[2 * i] = v;
		s->f.value[2 * i + 1] = s->scores[i].note;
	}
	if (s->x.proposed >= 0) {
		struct buf b = {0};
		money_plain(&b, s->x.proposed);
		form_set(&s->f, "forslag", arena_strndup(&r->a, b.data, b.len));
		buf_free(&b);
	}
	return 1;
}

/* The assessment on the case page, for the department's officer; sent is
 * the assessment form when it was refused (what was typed and why). */
void
grant_assessment_panel(struct req *r, struct buf *b, const struct case_row *c,
                       const struct form *sent)
{
	struct assessment s;
	if (load(r, c, &s) <= 0)
		return;
	if (sent && form_sent(sent, s.f.def, NULL))
		s.f = *sent;
	s.fields = form_fields(&s.f, &r->a);
	tpl_grants_assessment(b, &r->p, req_csrf(r), c, &s.g, &s.budget, &s.x, s.total, s.most, s.n,
	                      &s.f, s.fields, !case_closed(c));
}

/* Keeps the scores, notes and proposed amount in one transaction, with an
 * entry in the trail. */
static int
save(struct req *r, const struct case_row *c, struct assessment *s)
{
	struct actor a = case_actor(r);
	int64_t now = time(NULL), proposed = -1;
	const char *v = form_value(&s->f, "forslag");
	if (v && *v && money_parse(v, &proposed) != 0)
		return -1;
	if (db_begin(r->db) != DB_OK)
		return -1;
	for (size_t i = 0; i < s->n; i++) {
		const char *score = s->f.value[2 * i], *note = s->f.value[2 * i + 1];
		if (!score || !*score)
			continue;
		if (db_exec(r->db, &Q_SCORE,
		            DB_ARGS(DB_INT(c->id), DB_INT(s->scores[i].criterion.id),
		                    DB_INT(strtol(score, NULL, 10)), DB_TEXT(note ? note : ""),
		                    DB_INT(a.id), DB_INT(now))) != DB_OK)
			return -1;
	}
	if (grant_proposal_set(r->db, c->id, proposed) != 0 ||
	    case_event(r->db, c->id, &a, "bedomning", "") != DB_OK)
		return -1;
	return db_commit(r->db) == DB_OK ? 0 : -1;
}

/* POST /arenden/{dnr}/bedomning: the department's officer's assessment of
 * an open application; 404 for a case that is not one (or not theirs to
 * see), the case page with the reasons beside the fields when a score is
 * out of range. */
void
grant_assessment_save(struct req *r)
{
	struct case_row c;
	enum case_role role;
	struct assessment s;
	if (!case_officer_load(r, &c, &role))
		return;
	int rc = load(r, &c, &s);
	if (rc <= 0) {
		req_error(r, rc < 0 ? 500 : 404);
		return;
	}
	if (form_read(&s.f, r)) {
		case_refuse(r, &c, role, &s.f);
		return;
	}
	if (case_closed(&c)) {
		case_refuse_about(r, &c, role, &s.f,
		                  "Ärendet är avslutat; bedömningen kan inte ändras.",
		                  "The case is closed; the assessment cannot be changed.");
		return;
	}
	if (save(r, &c, &s) != 0) {
		db_rollback(r->db);
		req_error(r, 500);
		return;
	}
	case_done(r, &c);
}
