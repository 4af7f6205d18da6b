/* Applying for a grant (issue 10, step 3): a representative fills in the
 * fixed questions and the programme's own, drawn and checked by the form
 * model from a declaration made of the programme's questions, and sends
 * it; it becomes a case of type bidragsansokan in the programme's
 * department, through the one submission path. A computed programme
 * shows its computation step by step ("Beräkna" draws it again without
 * JavaScript) and applies for what it comes to; what was typed can be
 * kept as a draft and continued from Mina sidor. */
#include "grants/application_show.tpl.h"
#include "grants/applications.h"
#include "grants/budget_rows.h"
#include "grants/apply.tpl.h"
#include "grants/apply_view.h"
#include "grants/attendance.h"
#include "grants/drafts.h"
#include "grants/eservice.h"
#include "grants/fields.h"
#include "grants/grants.h"
#include "auth/roles.h"
#include "base/money.h"
#include "base/valid.h"
#include "http/decode.h"
#include "layout/layout.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* A text in the request's language. */
#define L_(r, sv, en) ((r)->p.english ? (en) : (sv))

/* The budget's rows: what a cost or an income is, and its amount. */
enum { NBASE = 4, NCOSTS = 4, NINCOMES = 3 };

/* The questions every application asks, before the programme's own: the
 * association, the amount, the purpose, the plan and the budget. */
static const struct field_def fixed[] = {
        {.name = "forening",
         .label_sv = "Förening som söker",
         .label_en = "Association applying",
         .type = FIELD_SELECT,
         .required = 1,
         .invalid_sv = "Välj en av föreningarna du företräder.",
         .invalid_en = "Choose one of the associations you represent."},
        {.name = "belopp",
         .label_sv = "Sökt belopp i kronor",
         .label_en = "Amount applied for, in kronor",
         .type = FIELD_TEXT,
         .required = 1,
         .max = 30,
         .hint_sv = "Till exempel 25 000.",
         .hint_en = "For example 25 000.",
         .check = grant_money_check},
        {.name = "syfte",
         .label_sv = "Vad ska pengarna användas till?",
         .label_en = "What is the money for?",
         .type = FIELD_TEXTAREA,
         .required = 1,
         .max = 5000},
        {.name = "plan",
         .label_sv = "Verksamhetsplan",
         .label_en = "Activity plan",
         .type = FIELD_TEXTAREA,
         .required = 1,
         .max = 10000,
         .hint_sv = "Vad ni ska göra, när, och för vilka.",
         .hint_en = "What you will do, when, and for whom."},
        GRANT_COST("1", "Vad kostnaden gäller, till exempel hyra eller material.",
                   "What the cost is for, for example rent or material."),
        GRANT_COST("2", NULL, NULL),
        GRANT_COST("3", NULL, NULL),
        GRANT_COST("4", NULL, NULL),
        GRANT_INCOME("1", "Till exempel deltagaravgifter eller bidrag från andra.",
                     "For example participants' fees or grants from others."),
        GRANT_INCOME("2", NULL, NULL),
        GRANT_INCOME("3", NULL, NULL),
};
enum { NFIXED = sizeof(fixed) / sizeof(fixed[0]) };

static const struct choice yes_no[] = {
        {"Ja", "Ja", "Yes", 0},
        {"Nej", "Nej", "No", 0},
        {NULL, NULL, NULL, 0},
};

/* A choice question's alternatives, one per line, as choices. */
static const struct choice *
alternatives(struct arena *a, const char *lines)
{
	size_t n = 0, cap = 0;
	struct choice *out = NULL;
	for (const char *s = lines; s && *s;) {
		size_t len = strcspn(s, "\r\n");
		if (len) {
			const char *v = arena_strndup(a, s, len);
			out = arena_grow(a, out, n, &cap, sizeof(*out));
			out[n++] = (struct choice){v, v, v, 0};
		}
		s += len;
		s += strspn(s, "\r\n");
	}
	out = arena_grow(a, out, n, &cap, sizeof(*out));
	out[n] = (struct choice){0};
	return out;
}

/* The form of a programme: the fixed questions, then one field per
 * question of its own, named fraga-ID, as the form model declares any
 * field; a computed programme's amount is not asked for. */
static struct form_def *
form_of(struct arena *a, const struct grant_question *q, size_t nq, int computed)
{
	struct field_def *f = arena_zalloc(a, (NFIXED + nq) * sizeof(*f));
	memcpy(f, fixed, sizeof(fixed));
	if (computed) /* the amount is the computation's, not typed */
		f[1].required = 0, f[1].check = NULL;
	for (size_t i = 0; i < nq; i++) {
		struct field_def *d = &f[NFIXED + i];
		char *name = arena_alloc(a, 32);
		snprintf(name, 32, "fraga-%lld", (long long)q[i].id);
		*d = (struct field_def){.name = name,
		                        .label_sv = q[i].label_sv,
		                        .label_en = *q[i].label_en ? q[i].label_en : q[i].label_sv,
		                        .required = q[i].required};
		if (strcmp(q[i].type, "number") == 0) {
			d->type = FIELD_INT;
			d->max_int = 1000000000;
		} else if (strcmp(q[i].type, "choice") == 0) {
			d->type = FIELD_SELECT;
			d->choices = alternatives(a, q[i].choices);
		} else if (strcmp(q[i].type, "yesno") == 0) {
			d->type = FIELD_RADIO;
			d->choices = yes_no;
		} else if (strcmp(q[i].type, "file") == 0) {
			d->type = FIELD_FILE;
			d->hint_sv = FILE_TYPES_SV;
			d->hint_en = FILE_TYPES_EN;
		} else {
			d->type = FIELD_TEXTAREA;
			d->max = 5000;
		}
	}
	struct form_def *def = arena_alloc(a, sizeof(*def));
	*def = (struct form_def){"ansokan", f, (int)(NFIXED + nq)};
	return def;
}

/* The attendance file of a programme that computes per occasion: the
 * file, and what was sent of it before (when the form came back after
 * Beräkna, or from a draft) so it need not be chosen again; drawn hidden. */
static const struct field_def attendance_fields[] = {
        {.name = "narvarofil",
         .label_sv = "Närvarofil (CSV)",
         .label_en = "Attendance file (CSV)",
         .type = FIELD_FILE,
         .required = 1,
         .missing_sv = "Bifoga närvarofilen.",
         .missing_en = "Attach the attendance file.",
         .accept = ".csv,text/csv,text/plain",
         .hint_sv = "En rad per sammankomst med datum, aktivitet och deltagarnas åldrar "
                    "åtskilda av mellanslag, under rubrikraden datum,aktivitet,åldrar. Till "
                    "exempel: 2026-03-04,Fotbollsträning,8 9 12 14",
         .hint_en = "One line per occasion with the date, the activity and the participants' "
                    "ages separated by spaces, below the heading line datum,aktivitet,åldrar. "
                    "For example: 2026-03-04,Football practice,8 9 12 14"},
        {.name = "narvarodata",
         .label_sv = "Närvarofilen som skickades",
         .label_en = "The attendance file sent",
         .type = FIELD_TEXTAREA,
         .max = ATTENDANCE_MAX_BYTES},
};
static const struct form_def attendance_form = {"narvaro", attendance_fields, 2};

/* Everything the page needs: the programme, its questions and the form;
 * for a computed programme its formula, the attendance form and what the
 * computation came to. */
struct apply_page {
	struct grant_programme g;
	struct grant_question *q;
	size_t nq;
	struct form f, att;
	struct grant_formula formula;
	int computed; /* comp holds a computation to show */
	struct grant_computation comp;
	struct attendance occ;
	const char *notice;
};

/* The programme of the address with its form, the associations the user
 * represents to choose among: 1, or 0 after answering 404 or 500. A
 * programme not open for applications gets a page saying so (409). */
static int
start(struct req *r, struct apply_page *x)
{
	char today[11];
	struct choice *mine;
	*x = (struct apply_page){0};
	int rc = r->nparams ? grant_get(r->db, &r->a, 0, r->params[0], &x->g) : 0;
	if (rc > 0 && (grant_questions(r->db, &r->a, x->g.id, &x->q, &x->nq) != 0 ||
	               grant_formula_get(r->db, &r->a, x->g.id, &x->formula) != 0 ||
	               user_represented(r->db, &r->a, r->user->id, &mine) != 0))
		rc = -1;
	if (rc <= 0) {
		req_error(r, rc < 0 ? 500 : 404);
		return 0;
	}
	form_init(&x->f, r, form_of(&r->a, x->q, x->nq, x->formula.kind != FORMULA_NONE));
	form_init(&x->att, r, &attendance_form);
	form_set_choices(&x->f, "forening", mine);
	if (mine[0].code && !mine[1].code)
		form_set(&x->f, "forening", mine[0].code);
	grant_day(0, today);
	if (grant_window_on(&x->g, today) != GRANT_OPEN)
		form_refuse(&x->f, "Programmet tar inte emot ansökningar nu.",
		            "The programme does not take applications now.");
	return 1;
}

/* The association chosen in the form, 0 when none (or not one of the
 * user's: the select offers only theirs). */
static int64_t
chosen_association(const struct apply_page *x)
{
	const struct choice *assoc = form_choice(&x->f, "forening");
	return assoc ? strtoll(assoc->code, NULL, 10) : 0;
}

/* The attendance file's text: a new file when one was chosen, else what
 * was sent before; NULL when there is neither. Only text a page may carry
 * back (valid UTF-8, within the limit) is kept. */
static const char *
attendance_text(struct req *r, struct apply_page *x)
{
	const struct upload *u = x->att.file[0];
	x->att.file[0] = NULL; /* its text is carried, so the hint need not ask for it again */
	if (!u)
		return x->att.value[1];
	if (u->len > ATTENDANCE_MAX_BYTES) {
		form_error(&x->att, "narvarofil", "Filen är större än 256 kB.",
		           "The file is larger than 256 kB.");
		return NULL;
	}
	if (!text_valid(u->data, u->len)) {
		form_error(
		        &x->att, "narvarofil",
		        "Filen är inte text i UTF-8: spara den som CSV (UTF-8) och välj den igen.",
		        "The file is not UTF-8 text: save it as CSV (UTF-8) and choose it again.");
		return NULL;
	}
	x->att.value[1] = arena_strndup(&r->a, u->data, u->len);
	return x->att.value[1];
}

/* The computation for the chosen association, to show and to apply for:
 * for members and activities from the register, for occasions from the
 * attendance file (refused whole beside the file field, with each wrong
 * line and why). 0, or -1 when the database failed. */
static int
compute(struct req *r, struct apply_page *x, int64_t assoc)
{
	char today[11];
	if (x->formula.kind == FORMULA_MEMBERS) {
		if (!assoc)
			return 0;
		grant_day(0, today);
		if (grant_compute_members(r->db, &r->a, &x->formula, assoc, today, &x->comp) != 0)
			return -1;
		x->computed = 1;
	} else if (x->formula.kind == FORMULA_OCCASIONS) {
		const char *text = attendance_text(r, x), *sv, *en;
		if (!text) /* why is beside the file field (form_read, attendance_text) */
			return 0;
		if (grant_attendance_read(&r->a, text, strlen(text), &x->formula, &x->occ, &sv,
		                          &en) != 0) {
			form_error(&x->att, "narvarofil", sv, en);
			x->att.value[1] = NULL; /* a refused file is not carried on */
			return 0;
		}
		grant_compute_occasions(&x->formula, (int64_t)x->occ.ncounted, x->occ.rows,
		                        &x->comp);
		x->computed = 1;
	}
	return 0;
}

/* After Beräkna or Spara utkast the form is not being sent: only what
 * those need is marked wrong (the association; the attendance file), and
 * what was typed stays as it is. */
static void
only_association_errors(struct form *f)
{
	int k = form_index(f, "forening");
	const char *e = f->error[k];
	for (int i = 0; i < f->def->n; i++)
		f->error[i] = NULL;
	f->error[k] = e;
	f->nerrors = (e != NULL) + (f->about != NULL);
}

/* Draws the form page: the computation where the programme computes, and
 * one error summary over the application's fields and the file, so every
 * reason is listed once above the form. */
static void
render(struct req *r, struct apply_page *x)
{
	char action[160];
	snprintf(action, sizeof(action), "/bidrag/%s/ansok", x->g.slug);
	layout_form_page(r, arena_strdup(&r->a, action));
	r->p.title = x->g.name;
	const char *csrf = req_csrf(r);
	struct field *fields = form_fields(&x->f, &r->a), *att = form_fields(&x->att, &r->a);
	/* one summary for both forms: the application's fields, then the file */
	int n = x->f.def->n, natt = x->formula.kind == FORMULA_OCCASIONS ? 1 : 0;
	struct field *all = arena_alloc(&r->a, (size_t)(n + 1) * sizeof(*all));
	memcpy(all, fields, (size_t)n * sizeof(*all));
	all[n] = att[0];
	struct apply_view v = {.g = &x->g,
	                       .f = &x->f,
	                       .fields = fields,
	                       .summary = all,
	                       .nsummary = n + natt,
	                       .errors = x->f.nerrors + (natt ? x->att.nerrors : 0),
	                       .formula = x->formula.kind,
	                       .att = natt ? att : NULL,
	                       .comp = x->computed ? &x->comp : NULL,
	                       .notice = x->notice,
	                       .nbase = NBASE,
	                       .ncosts = NCOSTS,
	                       .nincomes = NINCOMES};
	layout_head(r);
	tpl_grants_apply(&r->out, &r->p, csrf, &v);
	layout_foot(r);
}

/* Fills the form with a draft's answers: each field by its name, files
 * excepted (a file input cannot be prefilled; the attendance file's text
 * is carried in its hidden field). */
static void
draft_fill(struct req *r, struct apply_page *x, const struct grant_draft *d)
{
	json_t *j = json_loads(d->answers, 0, NULL);
	const char *k;
	json_t *v;
	json_object_foreach(j, k, v)
	{
		const char *s = json_string_value(v);
		struct form *f = form_index(&x->att, k) >= 0 ? &x->att : &x->f;
		int i = form_index(f, k);
		if (s && i >= 0 && f->def->fields[i].type != FIELD_FILE)
			f->value[i] = arena_strdup(&r->a, s);
	}
	json_decref(j);
}

void
grants_apply_form(struct req *r)
{
	struct apply_page x;
	if (!start(r, &x))
		return;
	int64_t draft = req_query(r, "utkast") ? strtoll(req_query(r, "utkast"), NULL, 10) : 0;
	if (draft) {
		struct grant_draft d;
		int rc = grant_draft_get(r->db, &r->a, draft, r->user->id, &d);
		if (rc <= 0 || d.programme_id != x.g.id) {
			req_error(r, rc < 0 ? 500 : 404);
			return;
		}
		draft_fill(r, &x, &d);
		x.notice = req_query(r, "sparat")
		                   ? L_(r, "Utkastet är sparat. Du hittar det på Mina sidor.",
		                        "The draft is saved. You find it on My pages.")
		                   : L_(r, "Du fortsätter på ett sparat utkast.",
		                        "You are continuing a saved draft.");
	}
	if (x.formula.kind == FORMULA_MEMBERS || x.att.value[1]) {
		if (compute(r, &x, chosen_association(&x)) != 0) {
			req_error(r, 500);
			return;
		}
	}
	if (x.f.about)
		r->status = 409;
	render(r, &x);
}

/* A budget that balances: at least one cost, and the costs equal to the
 * other incomes with the amount applied for; the difference is named
 * beside the first cost's amount. */
static void
budget_check(struct req *r, struct form *f, int64_t asked)
{
	int64_t costs, incomes;
	int errors = f->nerrors;
	int ncosts = grant_budget_side(f, NBASE, NCOSTS, &costs);
	grant_budget_side(f, NBASE + 2 * NCOSTS, NINCOMES, &incomes);
	if (ncosts == 0 && !f->error[NBASE] && !f->error[NBASE + 1]) {
		form_error(f, "kostnad-1", "Skriv minst en kostnad i budgeten.",
		           "Write at least one cost in the budget.");
		return;
	}
	if (f->nerrors > errors || asked < 0 || costs == incomes + asked)
		return;
	struct buf c = {0}, i = {0};
	money_format(&c, costs, f->english);
	money_format(&i, incomes + asked, f->english);
	char *msg = arena_alloc(&r->a, 256);
	snprintf(msg, 256,
	         f->english ? "The budget does not balance: the costs are %s, the incomes with the "
	                      "amount applied for %s."
	                    : "Budgeten går inte ihop: kostnaderna är %s, intäkterna med det sökta "
	                      "beloppet %s.",
	         buf_cstr(&c), buf_cstr(&i));
	buf_free(&c);
	buf_free(&i);
	form_error(f, "kostnad-1-belopp", msg, msg);
}

/* What the case keeps of the application: the programme and period, the
 * amount in öre (with its computation, when the programme computes it),
 * the fixed answers and each own question with its answer
 * (a file by its name: the file itself is a document of the case) and
 * the budget's rows, so
 * the case shows what was asked even after the programme changes. */
static json_t *
payload_of(const struct apply_page *x, int64_t amount)
{
	json_t *p = json_object(), *answers = json_array();
	if (x->computed)
		json_object_set_new(p, "berakning", grant_computation_json(&x->comp));
	json_object_set_new(p, "program", json_string(x->g.slug));
	json_object_set_new(p, "programnamn", json_string(x->g.name));
	json_object_set_new(p, "period", json_string(x->g.opens));
	json_object_set_new(p, "belopp_ore", json_integer(amount));
	json_object_set_new(p, "syfte", json_string(form_value(&x->f, "syfte")));
	json_object_set_new(p, "plan", json_string(form_value(&x->f, "plan")));
	json_object_set_new(p, "kostnader", grant_budget_rows(&x->f, NBASE, NCOSTS));
	json_object_set_new(p, "intakter", grant_budget_rows(&x->f, NBASE + 2 * NCOSTS, NINCOMES));
	for (size_t i = 0; i < x->nq; i++) {
		int k = NFIXED + (int)i;
		const struct upload *u = x->f.file[k];
		const char *v = u ? u->filename : x->f.value[k];
		json_t *a = json_object();
		json_object_set_new(a, "fraga", json_string(x->q[i].label_sv));
		json_object_set_new(a, "fraga_en", json_string(x->q[i].label_en));
		json_object_set_new(a, "svar", json_string(v ? v : ""));
		json_array_append_new(answers, a);
	}
	json_object_set_new(p, "svar", answers);
	return p;
}

/* What a sending writes beside its case. */
struct sending {
	struct grant_application a;
	const struct attendance *occ;
};

/* The rows beside the case, in the submission's transaction — the
 * application, the occasions that counted, and the draft gone: refused
 * beside the association when it already has an open application. */
static int
within(struct req *r, struct submission *s)
{
	struct sending *x = s->arg;
	struct grant_application *a = &x->a;
	a->case_id = s->c.id;
	int rc = grant_application_store(r->db, a);
	if (rc == 0 && (grant_occasions_store(r->db, a->case_id, x->occ) != DB_OK ||
	                grant_draft_delete(r->db, a->programme_id, a->association_id) != DB_OK))
		rc = -1;
	if (rc == 1)
		form_error(s->form, "forening",
		           "Föreningen har redan en öppen ansökan till programmet för den här "
		           "perioden.",
		           "The association already has an open application to the programme for "
		           "this period.");
	return rc;
}

/* Notes beside the association why it may not apply; 0 when it may. */
static int
eligible(struct req *r, struct apply_page *x, int64_t assoc)
{
	int why = grant_may_apply(r->db, &x->g, assoc);
	static const char *const sv[] = {
	        [GRANT_INACTIVE] = "Föreningen är inte aktiv i föreningsregistret.",
	        [GRANT_NOT_INFORMAL] = "Programmet tar inte emot ansökningar från informella "
	                               "nätverk.",
	        [GRANT_WRONG_FORM] = "Programmet är inte öppet för föreningens organisationsform.",
	        [GRANT_WRONG_GROUPS] = "Programmet gäller målgrupper som föreningen inte har.",
	        [GRANT_WRONG_AREAS] = "Programmet gäller områden där föreningen inte verkar.",
	};
	static const char *const en[] = {
	        [GRANT_INACTIVE] = "The association is not active in the association register.",
	        [GRANT_NOT_INFORMAL] =
	                "The programme takes no applications from informal networks.",
	        [GRANT_WRONG_FORM] = "The programme is not open to the association's legal form.",
	        [GRANT_WRONG_GROUPS] =
	                "The programme is for target groups the association does not "
	                "have.",
	        [GRANT_WRONG_AREAS] = "The programme is for areas where the association does not "
	                              "work.",
	};
	if (why > 0)
		form_error(&x->f, "forening", sv[why], en[why]);
	return why;
}

/* Keeps what was typed as the association's draft to the programme (an
 * association must be chosen: the draft is its), then shows it again. */
static void
save_draft(struct req *r, struct apply_page *x, int64_t assoc)
{
	if (!assoc || x->f.about) {
		r->status = 422;
		render(r, x);
		return;
	}
	json_t *j = json_object();
	for (int i = 0; i < x->f.def->n; i++)
		if (x->f.value[i] && x->f.def->fields[i].type != FIELD_FILE)
			json_object_set_new(j, x->f.def->fields[i].name,
			                    json_string(x->f.value[i]));
	const char *text = x->formula.kind == FORMULA_OCCASIONS ? attendance_text(r, x) : NULL;
	if (text)
		json_object_set_new(j, "narvarodata", json_string(text));
	char *answers = json_dumps(j, JSON_COMPACT);
	json_decref(j);
	struct grant_draft d = {
	        .programme_id = x->g.id, .association_id = assoc, .answers = answers};
	int64_t id;
	int rc = grant_draft_save(r->db, &d, r->user->id, &id);
	free(answers);
	if (rc != DB_OK) {
		req_error(r, 500);
		return;
	}
	char to[200];
	snprintf(to, sizeof(to), "/bidrag/%s/ansok?utkast=%lld&sparat=1", x->g.slug, (long long)id);
	req_redirect(r, arena_strdup(&r->a, to));
}

/* The amount of a computed programme, noted wrong when there is none to
 * apply for; -1 when nothing could be computed. */
static int64_t
computed_amount(struct apply_page *x)
{
	if (!x->computed)
		return -1;
	if (x->comp.total > 0)
		return x->comp.total;
	if (x->formula.kind == FORMULA_OCCASIONS)
		form_error(&x->att, "narvarofil",
		           "Ingen sammankomst i filen räknas, så beräkningen blir 0 kr.",
		           "No occasion in the file counts, so the computation comes to nothing.");
	else
		form_error(&x->f, "forening",
		           "Beräkningen blir 0 kr för föreningen: det finns inget att söka.",
		           "The computation comes to nothing for the association: there is "
		           "nothing to apply for.");
	return -1;
}

/* Checks the application against its declaration, the window and who may
 * apply, then sends it by the one submission path; refused, the form
 * again with every reason beside its field and what was typed, nothing
 * written. "Beräkna" only shows the computation again, "Spara utkast"
 * keeps the draft; neither sends anything. */
void
grants_apply_submit(struct req *r)
{
	struct apply_page x;
	if (!start(r, &x))
		return;
	const char *action = req_form(r, "atgard");
	int calculate = action && strcmp(action, "berakna") == 0;
	int draft = action && strcmp(action, "utkast") == 0;
	form_read(&x.f, r);
	if (x.formula.kind == FORMULA_OCCASIONS && form_read(&x.att, r) && x.att.value[1]) {
		/* no new file, but the one sent before is carried */
		x.att.error[0] = NULL;
		x.att.nerrors = 0;
	}
	int64_t assoc_id = chosen_association(&x);
	if (calculate || draft)
		only_association_errors(&x.f);
	if (draft) {
		save_draft(r, &x, assoc_id);
		return;
	}
	if (compute(r, &x, assoc_id) != 0) {
		req_error(r, 500);
		return;
	}
	if (calculate) {
		if (x.f.nerrors || x.att.nerrors)
			r->status = 422;
		render(r, &x);
		return;
	}
	int64_t amount = 0;
	if (x.formula.kind != FORMULA_NONE)
		amount = computed_amount(&x);
	else if (form_value(&x.f, "belopp") &&
	         money_parse(form_value(&x.f, "belopp"), &amount) != 0)
		amount = -1;
	else if (form_value(&x.f, "belopp") && amount == 0)
		form_error(&x.f, "belopp", "Skriv ett belopp större än noll.",
		           "Write an amount greater than zero.");
	budget_check(r, &x.f,
	             x.formula.kind != FORMULA_NONE || form_value(&x.f, "belopp") ? amount : 0);
	const struct choice *assoc = form_choice(&x.f, "forening");
	if (assoc && !x.f.about && eligible(r, &x, assoc_id) < 0) {
		req_error(r, 500);
		return;
	}
	if (x.f.nerrors == 0 && x.att.nerrors == 0) {
		char *title = arena_alloc(&r->a, 600);
		snprintf(title, 600, "Bidragsansökan, %s: %s", x.g.name, assoc->name_sv);
		struct sending a = {{.programme_id = x.g.id,
		                     .association_id = assoc_id,
		                     .period = x.g.opens,
		                     .amount = amount},
		                    &x.occ};
		struct submission s = {.es = &grant_application_eservice,
		                       .form = &x.f,
		                       .dept = {x.g.dept_code, x.g.dept_sv, x.g.dept_en},
		                       .title = title,
		                       .title_private = assoc->id == 0,
		                       .association_id = assoc_id,
		                       .payload = payload_of(&x, amount),
		                       .within = within,
		                       .arg = &a};
		if (eservice_submit(r, &s) != 0)
			return;
	}
	r->status = 422;
	render(r, &x);
}

/* The application on its case page, for the officer and the applicant,
 * with the computation's steps as they were when it was sent. */
void
grant_application_show(struct req *r, struct buf *b, json_t *payload)
{
	struct grant_computation comp;
	int computed =
	        grant_computation_from_json(json_object_get(payload, "berakning"), &r->a, &comp);
	tpl_grants_application_show(b, &r->p, payload, computed ? &comp : NULL);
}
