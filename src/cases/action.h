/* What every action on a case page shares: loading the case with the
 * viewer's role, the page's forms (each declared once, beside its
 * handler), refusing with the reasons in the form that was sent, and
 * ending the action's transaction. */
#ifndef CASES_ACTION_H
#define CASES_ACTION_H
#include "cases/case.h"
#include "cases/view.h"
#include "http/request.h"
#include "register/assoc.h"
#include "ui/form.h"

/* The forms of the case page, in the order the page's template finds them
 * in struct case_form arrays. */
enum case_form_index {
	CF_MESSAGE,      /* a message, either side (pages.c) */
	CF_REQUEST,      /* the officer's request for completion (pages.c) */
	CF_COMPLETION,   /* the applicant's answer to it, with a file (pages.c) */
	CF_ASSIGN,       /* assigning a colleague (pages.c) */
	CF_WITHDRAW,     /* the applicant withdraws (pages.c) */
	CF_STATUS,       /* the status buttons: no fields (pages.c) */
	CF_DECISION,     /* decide.c */
	CF_CONFIDENTIAL, /* confidential.c */
	CF_UPLOAD,       /* a document (documents.c) */
	CF_COUNT
};
extern const struct form_def case_message_form, case_request_form, case_completion_form,
        case_assign_form, case_withdraw_form, case_status_form, case_decision_form,
        case_confidential_form, case_upload_form;

/* One of the page's forms as its template draws it. */
struct case_form {
	const struct form *f;
	const struct field *fields;
};

int case_action_load(struct req *r, struct case_row *c, enum case_role *role);
int case_officer_load(struct req *r, struct case_row *c, enum case_role *role);
struct actor case_actor(struct req *r);
void case_refuse(struct req *r, struct case_row *c, enum case_role role, const struct form *f);
void case_refuse_about(struct req *r, struct case_row *c, enum case_role role, struct form *f,
                       const char *sv, const char *en);
int case_commit(struct req *r);
void case_action_end(struct req *r, const struct case_row *c, struct form *f, int ok);
void case_done(struct req *r, const struct case_row *c);
int case_move(struct req *r, struct case_row *c, const char *to, const char *detail);
int case_may_move_loaded(struct req *r, struct case_row *c, enum case_role role, struct form *f,
                         const char *to, enum case_role need);
int case_may_move(struct req *r, struct case_row *c, enum case_role *role, struct form *f,
                  const char *to, enum case_role need);
const char *case_confidential_basis(struct req *r, const struct case_row *c);
struct choice *case_colleagues(struct req *r, int64_t dept);
#endif
