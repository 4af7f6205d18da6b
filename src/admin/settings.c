/* Settings an administrator changes. For now one: the department that
 * keeps the association register (cases/register_department.h). */
#include "admin/admin.h"
#include "admin/reference.h"
#include "admin/settings.tpl.h"
#include "cases/register_department.h"
#include "layout/layout.h"

#include <string.h>

static struct dbq Q_DEPTS = {"SELECT id, code, name_sv, name_en FROM departments ORDER BY code",
                             NULL, 0};

/* The register's department, among the departments of the database. */
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
         .invalid_sv = "Välj en av förvaltningarna i listan.",
         .invalid_en = "Choose one of the departments in the list."},
};
static const struct form_def settings_form = {"installningar", setting_fields, 1};

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
	form_set_choices(f, "forvaltning", reference_choices(r, &Q_DEPTS));
}

void
admin_settings(struct req *r)
{
	struct dept_ref d;
	int rc = register_department(r->db, &r->a, &d);
	if (rc < 0) {
		req_error(r, 500);
		return;
	}
	struct form f;
	start(r, &f);
	form_set(&f, "forvaltning", rc ? d.code : NULL);
	render(r, &f);
}

/* Only a department in the list can be chosen; anything else is a 422 with
 * the message at the select and nothing changed. */
void
admin_settings_save(struct req *r)
{
	struct form f;
	start(r, &f);
	int rc = form_read(&f, r) ? 0
	                          : register_department_set(r->db, form_value(&f, "forvaltning"));
	if (rc < 0) {
		req_error(r, 500);
		return;
	}
	if (rc > 0) {
		req_redirect(r, "/admin/installningar?sparad=1");
		return;
	}
	form_error(&f, "forvaltning", "Välj en av förvaltningarna i listan.",
	           "Choose one of the departments in the list.");
	r->status = 422;
	render(r, &f);
}
