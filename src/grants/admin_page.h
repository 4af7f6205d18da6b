/* What the page to create or change a grant programme shows: the
 * programme's form, who may apply, how its amount is computed, and (once
 * it exists) its questions and
 * criteria with a form to add each; the form that was sent comes back
 * with what was typed and its errors. */
#ifndef GRANTS_ADMIN_PAGE_H
#define GRANTS_ADMIN_PAGE_H
#include "grants/programme.h"
#include "ui/form.h"

struct programme_page {
	int64_t id;       /* 0: a new programme */
	const char *base; /* where the road's pages start: /admin/bidrag, /handlaggning/bidrag */
	const char *slug, *heading, *action, *notice;
	struct form prog, forms, formula, question, criterion;
	struct field *prog_fields, *forms_fields, *formula_fields, *question_fields,
	        *criterion_fields;
	struct choice *areas, *groups;
	const int64_t *area_ids, *group_ids;
	int nareas, ngroups;
	struct grant_question *questions;
	size_t nquestions;
	struct grant_criterion *criteria;
	size_t ncriteria;
};
#endif
