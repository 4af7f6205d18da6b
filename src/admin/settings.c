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

static void
render(struct req *r, const struct field *f, int nerrors)
{
	int en = r->p.english;
	r->p.title = en ? "Settings" : "Inställningar";
	const char *csrf = req_csrf(r);
	const char *notice =
	        req_query(r, "sparad") && !nerrors ? (en ? "Saved." : "Sparat.") : NULL;
	layout_head(r);
	tpl_admin_settings(&r->out, &r->p, csrf, f, 1, nerrors, notice);
	layout_foot(r);
}

/* The department select, showing value as chosen. */
static void
dept_field(struct req *r, struct field *f, const char *value)
{
	int en = r->p.english;
	*f = (struct field){
	        "forvaltning",
	        en ? "Department that keeps the association register"
	           : "Förvaltning som för föreningsregistret",
	        value,
	        NULL,
	        "select",
	        en ? "Registrations and yearly updates become cases at this department, and their "
	             "diarienummer start with its code."
	           : "Registreringar och årliga uppdateringar blir ärenden hos denna förvaltning, "
	             "och deras diarienummer börjar med dess kod.",
	        1,
	        NULL,
	        reference_choices(r, &Q_DEPTS),
	        NULL};
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
	struct field f;
	dept_field(r, &f, rc ? d.code : NULL);
	render(r, &f, 0);
}

/* Only a department in the list can be chosen; anything else is a 422 with
 * the message at the select and nothing changed. */
void
admin_settings_save(struct req *r)
{
	struct field f;
	dept_field(r, &f, req_form(r, "forvaltning"));
	int listed = 0;
	for (const struct choice *c = f.choices; f.value && c->code; c++)
		listed |= strcmp(c->code, f.value) == 0;
	int rc = listed ? register_department_set(r->db, f.value) : 0;
	if (rc < 0) {
		req_error(r, 500);
		return;
	}
	if (rc > 0) {
		req_redirect(r, "/admin/installningar?sparad=1");
		return;
	}
	f.error = r->p.english ? "Choose one of the departments in the list."
	                       : "Välj en av förvaltningarna i listan.";
	r->status = 422;
	render(r, &f, 1);
}
