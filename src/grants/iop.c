/* An IOP agreement's intake: the association proposes the partnership
 * to a department, ticks each of the four IOP conditions and justifies
 * it, and names the parties, purpose, period and yearly amount; it
 * becomes a case of type iop through the one submission path. When the
 * officer's decision agrees it, each year of the period becomes a decided
 * grant (kind iop, no programme), which payouts and the public figures
 * count. */
#include "grants/applications.h"
#include "grants/awards.h"
#include "grants/eservice.h"
#include "grants/fields.h"
#include "grants/grants.h"
#include "grants/iop.h"
#include "grants/iop_intake.tpl.h"
#include "grants/iop_show.tpl.h"
#include "base/money.h"
#include "layout/layout.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* The longest period one agreement covers, in years. */
enum { IOP_MAX_YEARS = 10 };

static struct dbq Q_DEPTS = {
        "SELECT code, name_sv, name_en, id FROM departments ORDER BY name_sv, id", NULL, 0};

/* The four conditions of an IOP, each a ticked box and a justification. */
enum { NCOND = 4 };

/* One condition's two fields: ticked, and its justification. */
#define CONDITION(code, sv, en)                                                                    \
	{.name = "villkor-" code,                                                                  \
	 .label_sv = sv,                                                                           \
	 .label_en = en,                                                                           \
	 .type = FIELD_CHECKBOX,                                                                   \
	 .required = 1,                                                                            \
	 .missing_sv = "Kryssa i rutan om villkoret är uppfyllt: alla fyra krävs för ett IOP.",    \
	 .missing_en = "Tick the box if the condition is met: an IOP needs all four."},            \
	{                                                                                          \
		.name = "motivering-" code, .label_sv = "Motivering: " sv,                         \
		.label_en = "Justification: " en, .type = FIELD_TEXTAREA, .required = 1,           \
		.max = 5000, .missing_sv = "Motivera varför villkoret är uppfyllt.",               \
		.missing_en = "Justify why the condition is met."                                  \
	}

enum { I_ASSOC, I_DEPT, I_COND, I_PARTIES = I_COND + 2 * NCOND, I_PURPOSE, I_FROM, I_TO, I_AMOUNT };

static const struct field_def intake_fields[] = {
        {.name = "forening",
         .label_sv = "Förening",
         .label_en = "Association",
         .type = FIELD_SELECT,
         .required = 1,
         .invalid_sv = "Välj en av föreningarna du företräder.",
         .invalid_en = "Choose one of the associations you represent."},
        {.name = "forvaltning",
         .label_sv = "Förvaltning ni vill ingå partnerskapet med",
         .label_en = "Department you propose the partnership to",
         .type = FIELD_SELECT,
         .required = 1,
         .invalid_sv = "Välj en av förvaltningarna i listan.",
         .invalid_en = "Choose one of the departments in the list."},
        CONDITION("initiativ", "Initiativet kommer från den idéburna sektorn",
                  "The initiative comes from civil society"),
        CONDITION("upphandling", "Det gäller inte något som ska upphandlas",
                  "It is not a matter for public procurement"),
        CONDITION("konkurrens", "Partnerskapet snedvrider inte konkurrensen",
                  "The partnership does not distort competition"),
        CONDITION("allmannytta", "Verksamheten tjänar ett allmännyttigt syfte",
                  "The activity serves a public benefit"),
        {.name = "parter",
         .label_sv = "Parter i avtalet",
         .label_en = "Parties to the agreement",
         .type = FIELD_TEXTAREA,
         .required = 1,
         .max = 2000,
         .hint_sv = "Föreningen, förvaltningen och andra parter, en per rad.",
         .hint_en = "The association, the department and any other parties, one per line.",
         .missing_sv = "Skriv avtalets parter.",
         .missing_en = "Write the parties to the agreement."},
        {.name = "syfte",
         .label_sv = "Partnerskapets syfte",
         .label_en = "Purpose of the partnership",
         .type = FIELD_TEXTAREA,
         .required = 1,
         .max = 10000,
         .missing_sv = "Skriv partnerskapets syfte.",
         .missing_en = "Write the purpose of the partnership."},
        {.name = "forsta-ar",
         .label_sv = "Första året",
         .label_en = "First year",
         .type = FIELD_INT,
         .required = 1,
         .min = 2000,
         .max_int = 2100,
         .hint_sv = "Till exempel 2027.",
         .hint_en = "For example 2027."},
        {.name = "sista-ar",
         .label_sv = "Sista året",
         .label_en = "Last year",
         .type = FIELD_INT,
         .required = 1,
         .min = 2000,
         .max_int = 2100,
         .hint_sv = "Avtalet gäller hela åren, högst tio år.",
         .hint_en = "The agreement covers whole years, at most ten."},
        {.name = "arsbelopp",
         .label_sv = "Belopp per år i kronor",
         .label_en = "Amount per year in kronor",
         .type = FIELD_TEXT,
         .required = 1,
         .max = 30,
         .hint_sv = "Till exempel 450 000.",
         .hint_en = "For example 450 000.",
         .check = grant_money_check},
        {.name = "avtalsutkast",
         .label_sv = "Utkast till avtal eller annan handling",
         .label_en = "Draft agreement or other document",
         .type = FIELD_FILE,
         .hint_sv = FILE_TYPES_SV,
         .hint_en = FILE_TYPES_EN},
};
static const struct form_def intake_form = {"iop", intake_fields,
                                            sizeof(intake_fields) / sizeof(intake_fields[0])};

/* The departments, as choices (code: the department's code). */
static struct choice *
departments(struct req *r)
{
	struct dbcur c;
	size_t n = 0, cap = 0;
	struct choice *out = NULL;
	if (db_query(r->db, &c, &Q_DEPTS, DB_NOARGS) != DB_OK)
		return NULL;
	while (db_next(&c) > 0) {
		out = arena_grow(&r->a, out, n, &cap, sizeof(*out));
		out[n++] =
		        (struct choice){arena_strdup(&r->a, db_col_text(&c, 0)),
		                        arena_strdup(&r->a, db_col_text(&c, 1)),
		                        arena_strdup(&r->a, db_col_text(&c, 2)), db_col_int(&c, 3)};
	}
	db_done(&c);
	out = arena_grow(&r->a, out, n, &cap, sizeof(*out));
	out[n] = (struct choice){0};
	return out;
}

/* The intake form with the associations the user represents and the
 * departments to choose among: 1, or 0 after answering 500. */
static int
start(struct req *r, struct form *f)
{
	struct choice *mine, *depts = departments(r);
	if (!depts || user_represented(r->db, &r->a, r->user->id, &mine) != 0) {
		req_error(r, 500);
		return 0;
	}
	form_init(f, r, &intake_form);
	form_set_choices(f, "forening", mine);
	form_set_choices(f, "forvaltning", depts);
	if (mine[0].code && !mine[1].code)
		form_set(f, "forening", mine[0].code);
	return 1;
}

/* The intake's page, with what was typed and every reason beside its
 * field when it was refused. */
static void
render(struct req *r, struct form *f)
{
	layout_form_page(r, "/iop-avtal/ny");
	r->p.title = r->p.english ? "Propose an IOP agreement" : "Föreslå ett IOP-avtal";
	const char *csrf = req_csrf(r);
	layout_head(r);
	tpl_grants_iop_intake(&r->out, &r->p, csrf, f, form_fields(f, &r->a), I_COND, NCOND);
	layout_foot(r);
}

/* GET /iop-avtal/ny */
void
grants_iop_form(struct req *r)
{
	struct form f;
	if (start(r, &f))
		render(r, &f);
}

/* What the case keeps of the intake: the association and department,
 * each condition with its justification, the parties, purpose, period
 * and yearly amount in öre. */
static json_t *
payload_of(const struct form *f, int64_t amount)
{
	json_t *p = json_object(), *conds = json_array();
	json_object_set_new(p, "forening", json_string(form_choice(f, "forening")->name_sv));
	json_object_set_new(p, "forvaltning", json_string(form_value(f, "forvaltning")));
	for (int i = 0; i < NCOND; i++) {
		const struct field_def *d = &intake_fields[I_COND + 2 * i];
		json_t *c = json_object();
		json_object_set_new(c, "kod", json_string(d->name + strlen("villkor-")));
		json_object_set_new(c, "villkor", json_string(d->label_sv));
		json_object_set_new(c, "villkor_en", json_string(d->label_en));
		json_object_set_new(c, "motivering", json_string(f->value[I_COND + 2 * i + 1]));
		json_array_append_new(conds, c);
	}
	json_object_set_new(p, "villkor", conds);
	json_object_set_new(p, "parter", json_string(form_value(f, "parter")));
	json_object_set_new(p, "syfte", json_string(form_value(f, "syfte")));
	json_object_set_new(p, "forsta_ar", json_integer(form_int(f, "forsta-ar")));
	json_object_set_new(p, "sista_ar", json_integer(form_int(f, "sista-ar")));
	json_object_set_new(p, "arsbelopp_ore", json_integer(amount));
	return p;
}

/* POST /iop-avtal/ny: every condition ticked and justified, a period of
 * whole years in order and at most ten, an amount above zero; refused,
 * the form again with every reason beside its field and what was typed,
 * nothing written. */
void
grants_iop_submit(struct req *r)
{
	struct form f;
	if (!start(r, &f))
		return;
	form_read(&f, r);
	int64_t first = form_int(&f, "forsta-ar"), last = form_int(&f, "sista-ar"), amount = 0;
	if (first && last && !f.error[I_FROM] && !f.error[I_TO] && last < first)
		form_error(&f, "sista-ar", "Sista året kan inte vara före det första.",
		           "The last year cannot be before the first.");
	else if (first && last && last - first >= IOP_MAX_YEARS)
		form_error(&f, "sista-ar", "Ett avtal gäller högst tio år.",
		           "An agreement covers at most ten years.");
	if (form_value(&f, "arsbelopp") && !f.error[I_AMOUNT] &&
	    (money_parse(form_value(&f, "arsbelopp"), &amount) != 0 || amount == 0))
		form_error(&f, "arsbelopp", "Skriv ett belopp större än noll.",
		           "Write an amount greater than zero.");
	if (f.nerrors == 0) {
		const struct choice *assoc = form_choice(&f, "forening");
		const struct choice *dept = form_choice(&f, "forvaltning");
		char *title = arena_alloc(&r->a, 400);
		snprintf(title, 400, "IOP-avtal: %s", assoc->name_sv);
		struct submission s = {.es = &iop_eservice,
		                       .form = &f,
		                       .dept = {dept->code, dept->name_sv, dept->name_en},
		                       .title = title,
		                       .title_private = assoc->id == 0,
		                       .association_id = strtoll(assoc->code, NULL, 10),
		                       .payload = payload_of(&f, amount)};
		if (eservice_submit(r, &s) != 0)
			return;
	}
	r->status = 422;
	render(r, &f);
}

/* The agreement on its case page: the intake, every version of its text
 * and the follow-up meetings; the officer gets the forms to add them
 * while the case is open. */
static void
show(struct req *r, struct buf *b, const struct case_row *c, enum case_role role, json_t *payload)
{
	struct iop_version *v = NULL;
	struct iop_meeting *m = NULL;
	size_t nv = 0, nm = 0;
	if (iop_versions(r->db, &r->a, c->id, &v, &nv) != 0 ||
	    iop_meetings(r->db, &r->a, c->id, &m, &nm) != 0)
		return;
	struct form vf, mf;
	form_init(&vf, r, &iop_version_form);
	form_init(&mf, r, &iop_meeting_form);
	int editable = role == CASE_OFFICER && !case_closed(c);
	tpl_grants_iop_show(b, &r->p, req_csrf(r), c, payload, v, nv, m, nm,
	                    editable ? form_fields(&vf, &r->a) : NULL,
	                    editable ? form_fields(&mf, &r->a) : NULL);
}

/* Agreed: one decided grant per year of the period, of the yearly
 * amount, with the decision's date and reference. An agreement without
 * a version of its text cannot be agreed, nor agreed in part (1, the
 * reason beside the decision). */
static int
granted(struct req *r, struct case_row *c, json_t *payload, struct form *decision)
{
	struct iop_version *v;
	size_t nv;
	if (strcmp(form_value(decision, "utfall"), "delvis") == 0) {
		form_error(
		        decision, "utfall",
		        "Ett IOP-avtal ingås som det står i sin senaste version: välj bifall, "
		        "eller "
		        "avslag och en ny version.",
		        "An IOP agreement is made as its latest version says: choose granted, or "
		        "refused and a new version.");
		return 1;
	}
	if (iop_versions(r->db, &r->a, c->id, &v, &nv) != 0)
		return -1;
	if (nv == 0) {
		form_error(decision, "utfall",
		           "Lägg till avtalets text som en version innan avtalet beslutas.",
		           "Add the agreement's text as a version before it is agreed.");
		return 1;
	}
	const char *on = form_value(decision, "datum"), *ref = form_value(decision, "referens");
	int first = (int)json_integer_value(json_object_get(payload, "forsta_ar"));
	int last = (int)json_integer_value(json_object_get(payload, "sista_ar"));
	int64_t amount = json_integer_value(json_object_get(payload, "arsbelopp_ore"));
	for (int y = first; y <= last; y++) {
		struct grant_award a = {.case_id = c->id,
		                        .department_id = c->department_id,
		                        .association_id = c->association_id,
		                        .kind = "iop",
		                        .year = y,
		                        .amount = amount,
		                        .decided_on = on,
		                        .reference = ref};
		if (grant_award_store(r->db, &a) != DB_OK)
			return -1;
	}
	return 0;
}

const struct eservice iop_eservice = {
        .code = "iop",
        .name_sv = "IOP-avtal",
        .name_en = "IOP agreement",
        .mail_subject = "Nytt ärende: IOP-avtal",
        .mail_body = "En förening föreslår ett idéburet offentligt partnerskap (IOP).",
        .show = show,
        .granted = granted,
};
