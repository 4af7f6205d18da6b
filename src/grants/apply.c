/* Applying for a grant (issue 10, step 3, first part): a representative
 * fills in the fixed questions and the programme's own, drawn and checked
 * by the form model from a declaration made of the programme's questions,
 * and sends it; it becomes a case of type bidragsansokan in the
 * programme's department, through the one submission path. */
#include "grants/application_show.tpl.h"
#include "grants/applications.h"
#include "grants/apply.tpl.h"
#include "grants/eservice.h"
#include "grants/fields.h"
#include "grants/grants.h"
#include "auth/roles.h"
#include "base/money.h"
#include "base/valid.h"
#include "layout/layout.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* The budget's rows: what a cost or an income is, and its amount. */
enum { NBASE = 4, NCOSTS = 4, NINCOMES = 3 };
#define BUDGET_ROW(key, num, sv, en, what_sv, what_en, hint_sv_, hint_en_)                         \
	{.name = key "-" num,                                                                      \
	 .label_sv = sv " " num,                                                                   \
	 .label_en = en " " num,                                                                   \
	 .type = FIELD_TEXT,                                                                       \
	 .hint_sv = hint_sv_,                                                                      \
	 .hint_en = hint_en_},                                                                     \
	{                                                                                          \
		.name = key "-" num "-belopp",                                                     \
		.label_sv = "Belopp för " what_sv " " num " i kronor",                             \
		.label_en = "Amount of " what_en " " num " in kronor", .type = FIELD_TEXT,         \
		.max = 30, .check = grant_money_check                                              \
	}
#define COST(num, hsv, hen)                                                                        \
	BUDGET_ROW("kostnad", num, "Kostnad", "Cost", "kostnad", "cost", hsv, hen)
#define INCOME(num, hsv, hen)                                                                      \
	BUDGET_ROW("intakt", num, "Annan intäkt", "Other income", "intäkt", "income", hsv, hen)

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
        COST("1", "Vad kostnaden gäller, till exempel hyra eller material.",
             "What the cost is for, for example rent or material."),
        COST("2", NULL, NULL),
        COST("3", NULL, NULL),
        COST("4", NULL, NULL),
        INCOME("1", "Till exempel deltagaravgifter eller bidrag från andra.",
               "For example participants' fees or grants from others."),
        INCOME("2", NULL, NULL),
        INCOME("3", NULL, NULL),
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
 * field. */
static struct form_def *
form_of(struct arena *a, const struct grant_question *q, size_t nq)
{
	struct field_def *f = arena_zalloc(a, (NFIXED + nq) * sizeof(*f));
	memcpy(f, fixed, sizeof(fixed));
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

/* Everything the page needs: the programme, its questions and the form. */
struct apply_page {
	struct grant_programme g;
	struct grant_question *q;
	size_t nq;
	struct form f;
};

/* The programme of the address with its form, the associations the user
 * represents to choose among: 1, or 0 after answering 404 or 500. A
 * programme not open for applications gets a page saying so (409). */
static int
start(struct req *r, struct apply_page *x)
{
	char today[11];
	struct choice *mine;
	int rc = r->nparams ? grant_get(r->db, &r->a, 0, r->params[0], &x->g) : 0;
	if (rc > 0 && (grant_questions(r->db, &r->a, x->g.id, &x->q, &x->nq) != 0 ||
	               grant_represented(r->db, &r->a, r->user->id, &mine) != 0))
		rc = -1;
	if (rc <= 0) {
		req_error(r, rc < 0 ? 500 : 404);
		return 0;
	}
	form_init(&x->f, r, form_of(&r->a, x->q, x->nq));
	form_set_choices(&x->f, "forening", mine);
	if (mine[0].code && !mine[1].code)
		form_set(&x->f, "forening", mine[0].code);
	grant_day(0, today);
	if (grant_window_on(&x->g, today) != GRANT_OPEN)
		form_refuse(&x->f, "Programmet tar inte emot ansökningar nu.",
		            "The programme does not take applications now.");
	return 1;
}

static void
render(struct req *r, struct apply_page *x)
{
	char action[160];
	snprintf(action, sizeof(action), "/bidrag/%s/ansok", x->g.slug);
	layout_form_page(r, arena_strdup(&r->a, action));
	r->p.title = x->g.name;
	const char *csrf = req_csrf(r);
	layout_head(r);
	tpl_grants_apply(&r->out, &r->p, csrf, &x->g, &x->f, form_fields(&x->f, &r->a), NBASE,
	                 NCOSTS, NINCOMES);
	layout_foot(r);
}

void
grants_apply_form(struct req *r)
{
	struct apply_page x;
	if (!start(r, &x))
		return;
	if (x.f.about)
		r->status = 409;
	render(r, &x);
}

/* The rows of one side of the budget that were filled in, as
 * [{"vad": text, "ore": amount}]. */
static json_t *
budget_rows(const struct form *f, int first, int n)
{
	json_t *rows = json_array();
	for (int i = 0; i < n; i++) {
		const char *what = f->value[first + 2 * i], *amount = f->value[first + 2 * i + 1];
		int64_t ore = 0;
		if (text_blank(what) || money_parse(amount, &ore) != 0)
			continue;
		json_t *row = json_object();
		json_object_set_new(row, "vad", json_string(what));
		json_object_set_new(row, "ore", json_integer(ore));
		json_array_append_new(rows, row);
	}
	return rows;
}

/* Sums one side of the budget into *sum, noting beside the row a text
 * without an amount or an amount without a text; the number of rows
 * filled in. */
static int
budget_side(struct form *f, int first, int n, int64_t *sum)
{
	int filled = 0;
	*sum = 0;
	for (int i = 0; i < n; i++) {
		const struct field_def *what = &f->def->fields[first + 2 * i];
		const struct field_def *amount = &f->def->fields[first + 2 * i + 1];
		const char *w = form_value(f, what->name), *a = form_value(f, amount->name);
		int64_t ore;
		if (w && !a)
			form_error(f, amount->name, "Skriv beloppet.", "Write the amount.");
		else if (a && !w)
			form_error(f, what->name, "Skriv vad beloppet gäller.",
			           "Write what the amount is for.");
		else if (w && a && money_parse(a, &ore) == 0)
			*sum += ore, filled++;
	}
	return filled;
}

/* A budget that balances: at least one cost, and the costs equal to the
 * other incomes with the amount applied for; the difference is named
 * beside the first cost's amount. */
static void
budget_check(struct req *r, struct form *f, int64_t asked)
{
	int64_t costs, incomes;
	int errors = f->nerrors;
	int ncosts = budget_side(f, NBASE, NCOSTS, &costs);
	budget_side(f, NBASE + 2 * NCOSTS, NINCOMES, &incomes);
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
 * amount in öre, the fixed answers and each own question with its answer
 * (a file by its name: the file itself is a document of the case) and
 * the budget's rows, so
 * the case shows what was asked even after the programme changes. */
static json_t *
payload_of(const struct apply_page *x, int64_t amount)
{
	json_t *p = json_object(), *answers = json_array();
	json_object_set_new(p, "program", json_string(x->g.slug));
	json_object_set_new(p, "programnamn", json_string(x->g.name));
	json_object_set_new(p, "period", json_string(x->g.opens));
	json_object_set_new(p, "belopp_ore", json_integer(amount));
	json_object_set_new(p, "syfte", json_string(form_value(&x->f, "syfte")));
	json_object_set_new(p, "plan", json_string(form_value(&x->f, "plan")));
	json_object_set_new(p, "kostnader", budget_rows(&x->f, NBASE, NCOSTS));
	json_object_set_new(p, "intakter", budget_rows(&x->f, NBASE + 2 * NCOSTS, NINCOMES));
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

/* The row beside the case, in the submission's transaction: refused
 * beside the association when it already has an open application. */
static int
within(struct req *r, struct submission *s)
{
	struct grant_application *a = s->arg;
	a->case_id = s->c.id;
	int rc = grant_application_store(r->db, a);
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

/* Checks the application against its declaration, the window and who may
 * apply, then sends it by the one submission path; refused, the form
 * again with every reason beside its field and what was typed, nothing
 * written. */
void
grants_apply_submit(struct req *r)
{
	struct apply_page x;
	if (!start(r, &x))
		return;
	form_read(&x.f, r);
	const struct choice *assoc = form_choice(&x.f, "forening");
	int64_t amount = 0;
	if (form_value(&x.f, "belopp") && money_parse(form_value(&x.f, "belopp"), &amount) != 0)
		amount = -1;
	else if (form_value(&x.f, "belopp") && amount == 0)
		form_error(&x.f, "belopp", "Skriv ett belopp större än noll.",
		           "Write an amount greater than zero.");
	budget_check(r, &x.f, form_value(&x.f, "belopp") ? amount : 0);
	int64_t assoc_id = assoc ? strtoll(assoc->code, NULL, 10) : 0;
	if (assoc && !x.f.about && eligible(r, &x, assoc_id) < 0) {
		req_error(r, 500);
		return;
	}
	if (x.f.nerrors == 0) {
		char *title = arena_alloc(&r->a, 600);
		snprintf(title, 600, "Bidragsansökan, %s: %s", x.g.name, assoc->name_sv);
		struct grant_application a = {.programme_id = x.g.id,
		                              .association_id = assoc_id,
		                              .period = x.g.opens,
		                              .amount = amount};
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
 * as it was sent. */
void
grant_application_show(struct req *r, struct buf *b, json_t *payload)
{
	tpl_grants_application_show(b, &r->p, payload);
}
