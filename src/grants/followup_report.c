/* Sending a follow-up report (återrapport): the representative tells
 * what was done and, in budget rows, what the granted money went to; it
 * becomes a case of type aterrapport in the award's department, through
 * the one submission path, which the officer approves by the engine's
 * decision or sends back by its request for completion. */
#include "grants/budget_rows.h"
#include "grants/eservice.h"
#include "grants/followup.h"
#include "grants/followup_report.tpl.h"
#include "grants/followup_show.tpl.h"
#include "grants/grants.h"
#include "layout/layout.h"

#include <stdio.h>
#include <string.h>

enum { NBASE = 1, NCOSTS = 4, NINCOMES = 2 };
#define COST(num, hsv, hen)                                                                        \
	GRANT_BUDGET_ROW("kostnad", num, "Kostnad", "Cost", "kostnad", "cost", hsv, hen)
#define INCOME(num, hsv, hen)                                                                      \
	GRANT_BUDGET_ROW("intakt", num, "Annan intäkt", "Other income", "intäkt", "income", hsv,   \
	                 hen)

static const struct field_def report_fields[] = {
        {.name = "genomfort",
         .label_sv = "Vad gjorde ni med bidraget?",
         .label_en = "What did you do with the grant?",
         .type = FIELD_TEXTAREA,
         .required = 1,
         .max = 10000,
         .hint_sv = "Vad ni gjorde, när, för vilka och hur många som var med.",
         .hint_en = "What you did, when, for whom and how many took part.",
         .missing_sv = "Skriv vad ni gjorde med bidraget.",
         .missing_en = "Write what you did with the grant."},
        COST("1", "Vad pengarna gick till, till exempel hyra eller material.",
             "What the money went to, for example rent or material."),
        COST("2", NULL, NULL),
        COST("3", NULL, NULL),
        COST("4", NULL, NULL),
        INCOME("1", "Till exempel deltagaravgifter eller bidrag från andra.",
               "For example participants' fees or grants from others."),
        INCOME("2", NULL, NULL),
        {.name = "bilaga",
         .label_sv = "Bilaga, till exempel verksamhetsberättelse",
         .label_en = "Attachment, for example an activity report",
         .type = FIELD_FILE,
         .hint_sv = FILE_TYPES_SV,
         .hint_en = FILE_TYPES_EN},
};
static const struct form_def report_form = {"aterrapport", report_fields,
                                            sizeof(report_fields) / sizeof(report_fields[0])};

/* The page's award and form. */
struct report_page {
	struct followup x;
	json_t *planned; /* the application's costs, [] when none */
	struct form f;
};

/* The award of the address, if the user represents its association: 1,
 * or 0 after answering 404 or 500. A report already sent refuses the
 * form (409), pointing at its case. */
static int
start(struct req *r, struct report_page *p)
{
	int rc = followup_get(r->db, &r->a, req_param_id(r, 0), r->user->id, &p->x);
	if (rc <= 0) {
		req_error(r, rc < 0 ? 500 : 404);
		return 0;
	}
	json_t *app = json_loads(p->x.application_payload, 0, NULL);
	json_t *costs = app ? json_object_get(app, "kostnader") : NULL;
	p->planned = json_is_array(costs) ? json_incref(costs) : json_array();
	json_decref(app);
	form_init(&p->f, r, &report_form);
	if (*p->x.report_dnr)
		form_refuse(&p->f, "Återrapporten är redan skickad.", "The report has been sent.");
	return 1;
}

/* The report's page: the grant, the costs applied for and the form (or
 * where the report sent is); it releases the planned costs. */
static void
render(struct req *r, struct report_page *p)
{
	char action[96];
	snprintf(action, sizeof(action), "/mina-sidor/aterrapporter/%lld",
	         (long long)p->x.award_id);
	layout_form_page(r, arena_strdup(&r->a, action));
	r->p.title = r->p.english ? "Follow-up report" : "Återrapport";
	const char *csrf = req_csrf(r);
	layout_head(r);
	tpl_grants_followup_report(&r->out, &r->p, csrf, &p->x, p->planned, &p->f,
	                           form_fields(&p->f, &r->a), NBASE, NCOSTS, NINCOMES);
	layout_foot(r);
	json_decref(p->planned);
}

/* GET /mina-sidor/aterrapporter/{award} */
void
grants_followup_form(struct req *r)
{
	struct report_page p;
	if (!start(r, &p))
		return;
	if (p.f.about)
		r->status = 409;
	render(r, &p);
}

/* What the case keeps of the report: the award it reports on, what was
 * done, the rows spent and the other incomes, and the application's
 * planned costs beside them, so the case shows them as they were. */
static json_t *
payload_of(const struct report_page *p)
{
	json_t *j = json_object();
	json_object_set_new(j, "bidrag", json_integer(p->x.award_id));
	json_object_set_new(j, "programnamn", json_string(p->x.programme));
	json_object_set_new(j, "ar", json_integer(p->x.year));
	json_object_set_new(j, "beviljat_ore", json_integer(p->x.amount));
	json_object_set_new(j, "ansokan", json_string(p->x.application_dnr));
	json_object_set_new(j, "sista_dag", json_string(p->x.due));
	json_object_set_new(j, "genomfort", json_string(form_value(&p->f, "genomfort")));
	json_object_set_new(j, "kostnader", grant_budget_rows(&p->f, NBASE, NCOSTS));
	json_object_set_new(j, "intakter", grant_budget_rows(&p->f, NBASE + 2 * NCOSTS, NINCOMES));
	json_object_set_new(j, "planerat", json_incref(p->planned));
	return j;
}

/* The report's tie to its award, in the submission's transaction. */
static int
within(struct req *r, struct submission *s)
{
	int rc = followup_link(r->db, s->c.id, s->arg);
	if (rc == 1)
		form_refuse(s->form, "Återrapporten är redan skickad.",
		            "The report has been sent.");
	return rc;
}

/* POST /mina-sidor/aterrapporter/{award}: checked against its
 * declaration (at least one cost, each row with its text and amount),
 * then sent by the one submission path; refused, the form again with
 * every reason beside its field and what was typed, nothing written. */
void
grants_followup_submit(struct req *r)
{
	struct report_page p;
	if (!start(r, &p))
		return;
	if (!p.f.about) {
		form_read(&p.f, r);
		int64_t costs, incomes;
		if (grant_budget_side(&p.f, NBASE, NCOSTS, &costs) == 0 && !p.f.error[NBASE] &&
		    !p.f.error[NBASE + 1])
			form_error(&p.f, "kostnad-1",
			           "Skriv minst en kostnad: vad pengarna gick till.",
			           "Write at least one cost: what the money went to.");
		grant_budget_side(&p.f, NBASE + 2 * NCOSTS, NINCOMES, &incomes);
	}
	if (p.f.nerrors == 0 && !p.f.about) {
		char *title = arena_alloc(&r->a, 600);
		snprintf(title, 600, "Återrapport, %s %d: %s", p.x.programme, p.x.year,
		         p.x.association);
		struct submission s = {.es = &followup_eservice,
		                       .form = &p.f,
		                       .dept = {p.x.dept_code, p.x.dept_sv, p.x.dept_en},
		                       .title = title,
		                       .title_private = !p.x.association_public,
		                       .association_id = p.x.association_id,
		                       .payload = payload_of(&p),
		                       .within = within,
		                       .arg = &p.x};
		if (eservice_submit(r, &s) != 0) {
			json_decref(p.planned);
			return;
		}
	}
	r->status = p.f.about ? 409 : 422;
	render(r, &p);
}

/* The report on its case page, for the officer and the representative. */
static void
show(struct req *r, struct buf *b, const struct case_row *c, enum case_role role, json_t *payload)
{
	tpl_grants_followup_show(b, &r->p, payload);
}

const struct eservice followup_eservice = {
        .code = "aterrapport",
        .name_sv = "Återrapport",
        .name_en = "Follow-up report",
        .mail_subject = "Nytt ärende: återrapport",
        .mail_body = "En förening har skickat en återrapport om ett beviljat bidrag.",
        .show = show,
};
