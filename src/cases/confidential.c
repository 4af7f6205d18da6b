/* Marking a case confidential (sekretessmarkering): the officer names the
 * provision of the Public Access to Information and Secrecy Act (OSL) that
 * applies; the public diary then shows only the case's number, date and
 * type. The marking and its lifting are entries in the trail, which is
 * also where the provision is kept. */
#include "cases/action.h"
#include "cases/pages.h"

#include <string.h>
#include <time.h>

static struct dbq Q_MARK = {"UPDATE cases SET confidential = $2, updated = $3 WHERE id = $1", NULL,
                            0};
static struct dbq Q_BASIS = {"SELECT detail FROM case_events WHERE case_id = $1 AND "
                             "kind = 'sekretess' ORDER BY id DESC LIMIT 1",
                             NULL, 0};

/* The marking: the box, and the provision, which is needed only when the
 * box is ticked. */
static const struct field_def confidential_fields[] = {
        {.name = "sekretess",
         .label_sv = "Sekretessmarkera ärendet",
         .label_en = "Mark the case confidential",
         .type = FIELD_CHECKBOX,
         .hint_sv = "Ett sekretessmarkerat ärende visas i det offentliga diariet bara med "
                    "diarienummer, datum och ärendetyp.",
         .hint_en = "A case marked confidential shows only its number, date and type in the "
                    "public diary."},
        {.name = "grund",
         .label_sv = "Bestämmelse i offentlighets- och sekretesslagen (t.ex. 26 kap. 1 § OSL)",
         .label_en = "Provision of the Secrecy Act (e.g. 26 kap. 1 § OSL)",
         .type = FIELD_TEXT,
         .max = 200,
         .hint_sv = "Behövs när ärendet sekretessmarkeras.",
         .hint_en = "Needed when the case is marked confidential."},
};
const struct form_def case_confidential_form = {"sekretess", confidential_fields, 2};

/* The provision the case was last marked under, "" when none. */
const char *
case_confidential_basis(struct req *r, const struct case_row *c)
{
	struct dbcur cur;
	const char *basis = "";
	if (c->confidential && db_query(r->db, &cur, &Q_BASIS, DB_ARGS(DB_INT(c->id))) == DB_OK) {
		if (db_next(&cur) > 0)
			basis = arena_strdup(&r->a, db_col_text(&cur, 0));
		db_done(&cur);
	}
	return basis;
}

/* POST /arenden/{dnr}/sekretess: sekretess=1 with grund marks the case,
 * without sekretess lifts the marking. Only the department's officers. */
void
case_confidential(struct req *r)
{
	struct case_row c;
	enum case_role role;
	if (!case_officer_load(r, &c, &role))
		return;
	struct form f;
	form_init(&f, r, &case_confidential_form);
	form_read(&f, r);
	int mark = form_value(&f, "sekretess") != NULL;
	const char *basis = form_value(&f, "grund");
	if (mark && !basis)
		form_error(
		        &f, "grund",
		        "Skriv vilken bestämmelse i offentlighets- och sekretesslagen som gäller, "
		        "till exempel 26 kap. 1 § OSL (högst 200 tecken).",
		        "Write which provision of the Public Access to Information and Secrecy "
		        "Act applies, for example 26 kap. 1 § OSL (at most 200 characters).");
	if (mark && f.nerrors) { /* lifting the marking reads no provision */
		case_refuse(r, &c, role, &f);
		return;
	}
	if (!mark && !c.confidential) {
		case_done(r, &c);
		return;
	}
	struct actor a = case_actor(r);
	case_action_end(r, &c, &f,
	                db_begin(r->db) == DB_OK &&
	                        db_exec(r->db, &Q_MARK,
	                                DB_ARGS(DB_INT(c.id), DB_INT(mark), DB_INT(time(NULL)))) ==
	                                DB_OK &&
	                        case_event(r->db, c.id, &a, mark ? "sekretess" : "sekretess_havd",
	                                   mark ? basis : "") == DB_OK);
}
