/* Settings an administrator changes: the department that keeps the
 * association register, and the one that decides changes of the accounts
 * grants are paid to (cases/register_department.h). */
#include "admin/admin.h"
#include "admin/reference.h"
#include "admin/settings.tpl.h"
#include "cases/register_department.h"
#include "layout/layout.h"

#include <string.h>

static struct dbq Q_DEPTS = {"SELECT id, code, name_sv, name_en FROM departments ORDER BY code",
                             NULL, 0};

/* The departments of the two settings, among those of the database. */
static const struct field_def setting_fields[] = {
        {.name = "forvaltning",
         .label_sv = "Förvaltning som för föreningsregistret",
         .label_en = "Department that keeps the association register",
         .type = FIELD_SELECT,
         .required = 1,
         .hint_sv = "Registreringar och årliga uppdateringar blir ärenden hos denna "
                    "förvaltning, och deras diarienummer börjar med dess kod.",
         .hint_en = "Registrations and yearly updates become cases at this department, and "
                    "their diarienummer start with its code.",
         .missing_sv = "Välj en av förvaltningarna i listan.",
         .missing_en = "Choose one of the departments in the list.",
         .invalid_sv = "Välj en av förvaltningarna i listan.",
         .invalid_en = "Choose one of the departments in the list."},
        {.name = "kontoforvaltning",
         .label_sv = "Förvaltning som prövar ändringar av utbetalningskonto",
         .label_en = "Department that decides changes of payout accounts",
         .type = FIELD_SELECT,
         .hint_sv = "Föreningars ändringar av kontot som bidrag betalas ut till blir ärenden "
                    "hos denna förvaltning. Utan vald förvaltning är e-tjänsten stängd.",
         .hint_en = "Associations' changes of the account grants are paid to become cases at "
                    "this department. With none chosen the e-service is closed.",
         .any_sv = "Ingen (stängd)",
         .any_en = "None (closed)",
         .invalid_sv = "Välj en av förvaltningarna i listan.",
         .invalid_en = "Choose one of the departments in the list."},
};
static const struct form_def settings_form = {"installningar", setting_fields, 2};

static void
render(struct req *r, const struct form *f)
{
	int en = r->p.english;
	r->p.title = en ? "Settings" : "Inställningar";
	const char *csrf = req_csrf(r);
	const char *notice =
	        req_query(r, "sparad") && !f->nerrors ? (en ? "Saved." : "Sparat.") : NULL;
	layout_form_page(r, "/admin/installningar");
	layout_head(r);
	tpl_admin_settings(&r->out, &r->p, csrf, f, form_fields(f, &r->a), notice);
	layout_foot(r);
}

/* The form with the departments to choose among. */
static void
start(struct req *r, struct form *f)
{
	form_init(f, r, &settings_form);
	struct choice *depts = reference_choices(r, &Q_DEPTS);
	form_set_choices(f, "forvaltning", depts);
	form_set_choices(f, "kontoforvaltning", depts);
}

void
admin_settings(struct req *r)
{
	struct dept_ref d, acc;
	int rc = register_department(r->db, &r->a, &d);
	int rc_acc = setting_department(r->db, &r->a, ACCOUNT_DEPARTMENT_SETTING, &acc);
	if (rc < 0 || rc_acc < 0) {
		req_error(r, 500);
		return;
	}
	struct form f;
	start(r, &f);
	form_set(&f, "forvaltning", rc ? d.code : NULL);
	form_set(&f, "kontoforvaltning", rc_acc ? acc.code : NULL);
	render(r, &f);
}

/* Both settings in one transaction. Only a department in the list can be
 * chosen; anything else is a 422 with the message at its select and
 * nothing changed. No department for account changes closes that
 * e-service. */
void
admin_settings_save(struct req *r)
{
	struct form f;
	start(r, &f);
	if (form_read(&f, r) != 0) {
		r->status = 422;
		render(r, &f);
		return;
	}
	const char *acc = form_value(&f, "kontoforvaltning");
	int rc = db_begin(r->db) == DB_OK
	                 ? register_department_set(r->db, form_value(&f, "forvaltning"))
	                 : -1;
	int rc_acc = 1;
	if (rc > 0 && acc)
		rc_acc = setting_department_set(r->db, ACCOUNT_DEPARTMENT_SETTING, acc);
	else if (rc > 0 && setting_department_clear(r->db, ACCOUNT_DEPARTMENT_SETTING) != DB_OK)
		rc_acc = -1;
	if (rc > 0 && rc_acc > 0 && db_commit(r->db) != DB_OK)
		rc = -1;
	if (rc <= 0 || rc_acc <= 0)
		db_rollback(r->db);
	if (rc < 0 || rc_acc < 0) {
		req_error(r, 500);
		return;
	}
	if (rc > 0 && rc_acc > 0) {
		req_redirect(r, "/admin/installningar?sparad=1");
		return;
	}
	form_error(&f, rc == 0 ? "forvaltning" : "kontoforvaltning",
	           "Välj en av förvaltningarna i listan.",
	           "Choose one of the departments in the list.");
	r->status = 422;
	render(r, &f);
}
