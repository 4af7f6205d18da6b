/* What the application form's page draws (apply.html): the programme,
 * the form and its fields, one error summary over the form and the
 * attendance file, and for a computed programme its computation. */
#ifndef GRANTS_APPLY_VIEW_H
#define GRANTS_APPLY_VIEW_H
#include "grants/formula.h"
#include "grants/programme.h"
#include "ui/form.h"

struct apply_view {
	const struct grant_programme *g;
	const struct form *f;
	const struct field *fields;
	const struct field *summary; /* the form's fields, then the attendance file */
	int nsummary, errors;
	enum grant_formula_kind formula;
	const struct field *att; /* the attendance file and its carried text, or NULL */
	const struct grant_computation *comp; /* NULL: nothing computed yet */
	const char *notice;
	int nbase, ncosts, nincomes;
};
#endif
