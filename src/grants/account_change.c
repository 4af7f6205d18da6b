/* Changing the account an association's grants are paid to (issue 10,
 * point 6). Money must not go to an account a hijacked login typed in, so
 * what a representative enters changes nothing by itself: it becomes a
 * case of its own (kontoandring) at the department the setting
 * ACCOUNT_DEPARTMENT_SETTING names (chosen on /admin/installningar), the
 * association's other representatives are told, and only an officer's
 * decision granting the case makes it the account (granted, below).
 * Until then payments go to the account before. */
#include "grants/account_change.tpl.h"
#include "grants/account_show.tpl.h"
#include "grants/eservice.h"
#include "grants/payouts.h"
#include "auth/roles.h"
#include "base/idnum.h"
#include "layout/layout.h"

#include <stdio.h>
#include <string.h>

static struct dbq Q_ASSOC = {"SELECT name, public FROM associations WHERE id = $1", NULL, 0};
/* Two changes sent at once must not both find none open. */
static struct dbq Q_LOCK = {"SELECT id FROM associations WHERE id = $1",
                            "SELECT id FROM associations WHERE id = $1 FOR UPDATE", 0};
static struct dbq Q_OPEN = {"SELECT diarienummer FROM cases WHERE type = $1 AND association_id = "
                            "$2 AND id <> $3 AND status IN ('inkommen', 'handlaggning', "
                            "'komplettering') ORDER BY id DESC LIMIT 1",
                            NULL, 0};
static struct dbq Q_OTHER_REPS = {
        "SELECT u.email FROM users u JOIN user_roles ur ON ur.user_id = u.id "
        "WHERE ur.role = 'representative' AND ur.association_id = $1 AND u.active = 1 "
        "AND u.id <> $2 ORDER BY u.id LIMIT 20",
        NULL, 0};

#define PENDING_SV                                                                                 \
	"En ändring av kontot väntar redan på beslut. Vänta på beslutet innan du begär en ny."
#define PENDING_EN                                                                                 \
	"A change of the account already awaits its decision. Wait for it before asking for "      \
	"another."

static const struct field_def fields[] = {
        {.name = "kontotyp",
         .label_sv = "Typ av konto",
         .label_en = "Kind of account",
         .type = FIELD_RADIO,
         .required = 1,
         .missing_sv = "Välj bankgiro eller plusgiro.",
         .missing_en = "Choose bankgiro or plusgiro.",
         .invalid_sv = "Välj bankgiro eller plusgiro.",
         .invalid_en = "Choose bankgiro or plusgiro."},
        {.name = "kontonummer",
         .label_sv = "Kontonummer",
         .label_en = "Account number",
         .type = FIELD_TEXT,
         .required = 1,
         .max = 20,
         .autocomplete = "off",
         .hint_sv = "Bankgiro som NNN-NNNN eller NNNN-NNNN, plusgiro som 12 34 56-7.",
         .hint_en = "Bankgiro as NNN-NNNN or NNNN-NNNN, plusgiro as 12 34 56-7.",
         .missing_sv = "Skriv kontonumret.",
         .missing_en = "Write the account number."},
};
static const struct form_def account_form = {"konto", fields, 2};

/* What the page shows: the association, its account now, a change that
 * waits for its decision, and the form. */
struct account_page {
	int64_t assoc_id;
	const char *name;
	int public_;
	struct grant_account now;
	int has_account;
	const char *pending; /* the open case's diarienummer, NULL: none */
	struct form f;
	struct dept_ref dept;
};

/* The change of the association's account that awaits its decision,
 * other than the case except: 1 with its diarienummer, 0 none, -1. */
static int
pending_of(struct req *r, int64_t assoc_id, int64_t except, const char **dnr)
{
	struct dbcur c;
	if (db_query(r->db, &c, &Q_OPEN,
	             DB_ARGS(DB_TEXT(account_change_eservice.code), DB_INT(assoc_id),
	                     DB_INT(except))) != DB_OK)
		return -1;
	int rc = db_next(&c);
	if (rc > 0)
		*dnr = arena_strdup(&r->a, db_col_text(&c, 0));
	db_done(&c);
	return rc < 0 ? -1 : rc > 0;
}

/* The association of the address, when the user represents it: 1, or 0
 * after answering (404 for another's, 503 while the e-service has no
 * department, 500). */
static int
start(struct req *r, struct account_page *x)
{
	*x = (struct account_page){.assoc_id = req_param_id(r, 0)};
	if (!x->assoc_id || !user_represents(r->db, r->user->id, x->assoc_id)) {
		req_error(r, 404);
		return 0;
	}
	if (!eservice_open(r, &account_change_eservice, &x->dept))
		return 0;
	struct choice *kinds = NULL;
	struct dbcur c;
	int rc = db_query(r->db, &c, &Q_ASSOC, DB_ARGS(DB_INT(x->assoc_id)));
	if (rc == DB_OK) {
		rc = db_next(&c);
		if (rc > 0) {
			x->name = arena_strdup(&r->a, db_col_text(&c, 0));
			x->public_ = (int)db_col_int(&c, 1);
		}
		db_done(&c);
	}
	if (rc > 0 &&
	    ((x->has_account = grant_account_of(r->db, &r->a, x->assoc_id, &x->now)) < 0 ||
	     grant_account_kinds(r->db, &r->a, &kinds) != 0 ||
	     pending_of(r, x->assoc_id, 0, &x->pending) < 0))
		rc = -1;
	if (rc <= 0) {
		req_error(r, rc < 0 ? 500 : 404);
		return 0;
	}
	form_init(&x->f, r, &account_form);
	form_set_choices(&x->f, "kontotyp", kinds);
	return 1;
}

/* The form's page, its language switch leading back to the GET page. */
static void
render(struct req *r, struct account_page *x)
{
	char *action = arena_alloc(&r->a, 48);
	snprintf(action, 48, "/bidrag/konto/%lld", (long long)x->assoc_id);
	layout_form_page(r, action);
	r->p.title = r->p.english ? "Payout account" : "Utbetalningskonto";
	const char *csrf = req_csrf(r);
	layout_head(r);
	tpl_grants_account_change(&r->out, &r->p, csrf, action, x->name,
	                          x->has_account ? &x->now : NULL, x->pending, &x->dept, &x->f,
	                          form_fields(&x->f, &r->a));
	layout_foot(r);
}

/* GET /bidrag/konto/{association}: the current kind of account chosen. */
void
account_change_form(struct req *r)
{
	struct account_page x;
	if (!start(r, &x))
		return;
	if (x.has_account)
		form_set(&x.f, "kontotyp", x.now.kind);
	render(r, &x);
}

/* The change's case in the submission's transaction: refused when a
 * change already waits for its decision; the other representatives are
 * told that one was asked for, so that a change made behind their backs
 * does not go unnoticed. */
static int
within(struct req *r, struct submission *s)
{
	const char *dnr = NULL;
	int open = db_int(r->db, &Q_LOCK, DB_ARGS(DB_INT(s->association_id)), -1) < 0
	                   ? -1
	                   : pending_of(r, s->association_id, s->c.id, &dnr);
	if (open < 0)
		return -1;
	if (open) {
		form_refuse(s->form, PENDING_SV, PENDING_EN);
		return 1;
	}
	struct dbcur c;
	const char **to = arena_alloc(&r->a, 20 * sizeof(*to));
	int n = 0;
	if (db_query(r->db, &c, &Q_OTHER_REPS,
	             DB_ARGS(DB_INT(s->association_id), DB_INT(r->user->id))) != DB_OK)
		return -1;
	while (n < 20 && db_next(&c) > 0)
		to[n++] = arena_strdup(&r->a, db_col_text(&c, 0));
	db_done(&c);
	struct buf body = {0};
	buf_printf(
	        &body,
	        "%s har begärt att utbetalningskontot för %s ändras (ärende %s). Kontot ändras "
	        "först när en handläggare har godkänt ärendet. Om du inte känner till ändringen, "
	        "kontakta förvaltningen och hänvisa till ärendet.\n",
	        r->user->name, (const char *)s->arg, s->dnr);
	int ok = 1;
	for (int i = 0; i < n && ok; i++)
		ok = outbox_queue(r->db, to[i], "Ändring av utbetalningskonto begärd",
		                  buf_cstr(&body)) == DB_OK;
	buf_free(&body);
	return ok ? 0 : -1;
}

/* Checks the number by its kind's check digit beside the field, then
 * sends the change by the one submission path; refused, the form again
 * with what was typed, nothing written. */
void
account_change_submit(struct req *r)
{
	struct account_page x;
	if (!start(r, &x))
		return;
	form_read(&x.f, r);
	const char *kind = form_value(&x.f, "kontotyp"), *typed = form_value(&x.f, "kontonummer");
	char number[12] = "";
	if (kind && typed) {
		enum giro g = strcmp(kind, "plusgiro") == 0 ? GIRO_PLUS : GIRO_BANK;
		enum idnum_err e = giro_parse(g, typed, strlen(typed), number);
		if (e != IDNUM_OK)
			form_error(&x.f, "kontonummer", giro_message(g, e, 0),
			           giro_message(g, e, 1));
		else if (x.has_account && strcmp(kind, x.now.kind) == 0 &&
		         strcmp(number, x.now.number) == 0)
			form_error(&x.f, "kontonummer", "Det är redan föreningens konto.",
			           "That is already the association's account.");
	}
	if (x.pending)
		form_refuse(&x.f, PENDING_SV, PENDING_EN);
	if (x.f.nerrors == 0 && !x.f.about) {
		char *title = arena_alloc(&r->a, 300);
		snprintf(title, 300, "Ändring av utbetalningskonto: %s", x.name);
		json_t *p = json_object();
		json_object_set_new(p, "kontotyp", json_string(kind));
		json_object_set_new(p, "kontonummer", json_string(number));
		json_object_set_new(p, "tidigare_kontotyp",
		                    json_string(x.has_account ? x.now.kind : ""));
		json_object_set_new(p, "tidigare_kontonummer",
		                    json_string(x.has_account ? x.now.number : ""));
		struct submission s = {.es = &account_change_eservice,
		                       .form = &x.f,
		                       .dept = x.dept,
		                       .title = title,
		                       .title_private = !x.public_,
		                       .association_id = x.assoc_id,
		                       .payload = p,
		                       .within = within,
		                       .arg = (void *)x.name};
		if (eservice_submit(r, &s) != 0)
			return;
	}
	r->status = 422;
	render(r, &x);
}

/* A string member of the payload, "" when absent. */
static const char *
text_of(json_t *p, const char *k)
{
	const char *v = json_string_value(json_object_get(p, k));
	return v ? v : "";
}

/* The name of a kind of account among the choices, its code when it has
 * none (a kind since removed). */
static const char *
kind_name(const struct choice *kinds, const char *code, int english)
{
	for (const struct choice *k = kinds; k && k->code; k++)
		if (strcmp(k->code, code) == 0)
			return english ? k->name_en : k->name_sv;
	return code;
}

/* The change on its case page: the account asked for beside the one it
 * replaces, and for the officer the account as it stands now. */
static void
show(struct req *r, struct buf *b, const struct case_row *c, enum case_role role, json_t *p)
{
	struct grant_account now;
	struct choice *kinds = NULL;
	int has = role == CASE_OFFICER && c->association_id
	                  ? grant_account_of(r->db, &r->a, c->association_id, &now)
	                  : 0;
	if (grant_account_kinds(r->db, &r->a, &kinds) != 0)
		kinds = NULL;
	int en = r->p.english;
	tpl_grants_account_show(
	        b, &r->p, kind_name(kinds, text_of(p, "kontotyp"), en), text_of(p, "kontonummer"),
	        kind_name(kinds, text_of(p, "tidigare_kontotyp"), en),
	        text_of(p, "tidigare_kontonummer"), has > 0 ? &now : NULL, role == CASE_OFFICER);
}

/* A granted change makes the number the association's account, the one
 * before kept as history; a number that no longer passes its check is
 * refused beside the outcome, nothing written. */
static int
granted(struct req *r, struct case_row *c, json_t *p, struct form *decision)
{
	const char *kind = text_of(p, "kontotyp"), *number = text_of(p, "kontonummer");
	char canonical[12];
	enum giro g = strcmp(kind, "plusgiro") == 0 ? GIRO_PLUS : GIRO_BANK;
	if (!c->association_id || giro_parse(g, number, strlen(number), canonical) != IDNUM_OK) {
		form_error(decision, "utfall",
		           "Ärendets kontonummer är inte giltigt; avslå ändringen.",
		           "The account number of the case is not valid; refuse the change.");
		return 1;
	}
	return grant_account_replace(r->db, c->association_id, kind, canonical, c->id);
}

const struct eservice account_change_eservice = {
        .code = "kontoandring",
        .name_sv = "Ändring av utbetalningskonto",
        .name_en = "Change of payout account",
        .department_setting = ACCOUNT_DEPARTMENT_SETTING,
        .mail_subject = "Nytt ärende: ändring av utbetalningskonto",
        .mail_body = "En förening vill ändra kontot som bidrag betalas ut till. Kontrollera "
                     "numret med föreningen innan ändringen godkänns.",
        .show = show,
        .granted = granted,
};
