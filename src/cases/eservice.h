/* A case type is one declaration: struct eservice, in the folder of the
 * capability it belongs to, listed once in the table of src/eservices.c.
 * The engine, the inbox, the statistics, the case page and the diary read
 * the table; nothing outside a type's folder compares its code. */
#ifndef CASES_ESERVICE_H
#define CASES_ESERVICE_H
#include <jansson.h>

#include "cases/case.h"
#include "cases/register_department.h"
#include "http/request.h"
#include "ui/form.h"

struct eservice {
	const char *code; /* stored in cases.type */
	const char *name_sv, *name_en;
	/* the settings key naming the department that receives its cases */
	const char *department_setting;
	/* the applicant's form; with it the engine serves /e-tjanster/{code}
	 * (a type with pages of its own may leave it NULL) */
	const struct form_def *form;
	/* the mail to the department's officers about a new case (Swedish) */
	const char *mail_subject, *mail_body;
	/* draws the submitted data on the case page, for the officer and the
	 * applicant; NULL draws the form's fields with what was sent */
	void (*show)(struct req *r, struct buf *b, const struct case_row *c, enum case_role role,
	             json_t *payload);
	/* the officer's decision form, when the type's decision says more than
	 * the common one (a grant's amount): its first fields are
	 * CASE_DECISION_FIELDS (cases/decision.h); NULL: the common form */
	const struct form_def *decision_form;
	/* fills the type's own decision fields before the form is drawn */
	void (*decision_prefill)(struct req *r, const struct case_row *c, struct form *f);
	/* what a decision granting the case (in full or in part) does outside
	 * it, in the decision's transaction: 0 done, below 0 a database error,
	 * 1 refused with the reason put beside a field of the decision form
	 * (form_error), nothing written */
	int (*granted)(struct req *r, struct case_row *c, json_t *payload, struct form *decision);
	/* what the case's ending without a grant — refused, withdrawn or
	 * closed — does outside it, in that transaction (the times a booking
	 * request still holds are let go): 0 done, below 0 a database error;
	 * NULL: nothing */
	int (*ended)(struct req *r, struct case_row *c);
	/* the type's own tools for the officer, drawn on the case page below
	 * what was sent (a grant's assessment); sent is a form of its own that
	 * was refused, else NULL */
	void (*panel)(struct req *r, struct buf *b, const struct case_row *c,
	              const struct form *sent);
	/* the status rules, where the type's differ from the common ones */
	int (*transition)(const char *from, const char *to, enum case_role who);
};

extern const struct eservice *const eservices[]; /* NULL-terminated */

/* What one submission sends: the form read, where it goes, its diary title
 * (Swedish), whether that title may not stand in the public diary (it
 * names a person, or an association that chose not to be shown), and its
 * payload; filled with the new case by eservice_submit. */
struct submission {
	const struct eservice *es;
	struct form *form;
	struct dept_ref dept;
	const char *title;
	int title_private;
	int64_t association_id;
	json_t *payload; /* taken over by eservice_submit */
	/* what the type writes besides the case, in its transaction, once the
	 * case exists (s->c): 0 done, 1 refused with the reason beside a
	 * field of s->form (nothing is stored), below 0 a database error;
	 * NULL: nothing */
	int (*within)(struct req *r, struct submission *s);
	void *arg; /* for within */
	struct case_row c;
	char dnr[32];
};

const struct eservice *eservice_of(const char *code);
int eservice_open(struct req *r, const struct eservice *es, struct dept_ref *out);
json_t *eservice_payload(const struct form *f);
int eservice_submit(struct req *r, struct submission *s);
void eservice_show(struct req *r, struct buf *b, const struct case_row *c, enum case_role role,
                   const struct form *sent);
const struct form_def *eservice_decision_form(const struct case_row *c);
int eservice_ended(struct req *r, struct case_row *c);
void eservice_form_page(struct req *r);
void eservice_submit_page(struct req *r);
#endif
