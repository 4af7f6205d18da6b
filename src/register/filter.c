/* The register's filters: declared once as the list's search form, read
 * from a query string by the page, the JSON API and the tests alike. */
#include "register/filter.h"
#include "base/esc.h"
#include "base/valid.h"
#include "register/assoc.h"
#include "ui/form.h"
#include "ui/page.h"

#include <stdlib.h>
#include <string.h>

enum { RF_Q, RF_AREA, RF_GROUP, RF_FORM, RF_COUNT };

/* The search form above the list; the areas and target groups to choose
 * among are the database's. */
static const struct field_def filter_fields[RF_COUNT] = {
        [RF_Q] = {.name = "q",
                  .label_sv = "Sök på namn eller ändamål",
                  .label_en = "Search by name or purpose",
                  .type = FIELD_SEARCH},
        [RF_AREA] = {.name = "omrade",
                     .label_sv = "Område",
                     .label_en = "Area",
                     .type = FIELD_SELECT,
                     .any_sv = "Alla områden",
                     .any_en = "All areas"},
        [RF_GROUP] = {.name = "malgrupp",
                      .label_sv = "Målgrupp",
                      .label_en = "Target group",
                      .type = FIELD_SELECT,
                      .any_sv = "Alla målgrupper",
                      .any_en = "All target groups"},
        [RF_FORM] = {.name = "form",
                     .label_sv = "Form",
                     .label_en = "Form",
                     .type = FIELD_SELECT,
                     .choices = assoc_forms,
                     .any_sv = "Alla former",
                     .any_en = "All forms"},
};
static const struct form_def filter_form = {"sok", filter_fields, RF_COUNT};

/* A filter's value, NULL when it is empty. */
static const char *
given(const struct form *f, int i)
{
	return f->value[i] && *f->value[i] ? f->value[i] : NULL;
}

/* Unknown or empty values mean "no filter" (an unknown area or group
 * matches nothing); words longer than a text field takes are no search;
 * a bad page number means 1. */
void
register_filter_read(struct req *r, struct register_filter *f)
{
	struct form form;
	form_init(&form, r, &filter_form);
	form_read_query(&form, r);
	const char *q = given(&form, RF_Q);
	*f = (struct register_filter){.q = q && utf8_chars(q) <= 200 ? q : NULL,
	                              .area = given(&form, RF_AREA),
	                              .group = given(&form, RF_GROUP),
	                              .form = given(&form, RF_FORM),
	                              .page = page_param(r)};
}

/* The search form as the page draws it (*n fields): the filters the list
 * was made with, among the areas and groups there are. */
struct field *
register_filter_fields(struct req *r, const struct register_filter *f, const struct choice *areas,
                       const struct choice *groups, int *n)
{
	*n = RF_COUNT;
	struct form form;
	form_init(&form, r, &filter_form);
	form.filter = 1;
	form_set(&form, "q", f->q);
	form_set(&form, "omrade", f->area);
	form_set(&form, "malgrupp", f->group);
	form_set(&form, "form", f->form);
	form_set_choices(&form, "omrade", areas);
	form_set_choices(&form, "malgrupp", groups);
	return form_fields(&form, &r->a);
}

/* The register's URL for another page with the same filter. */
const char *
register_page_url(struct req *r, const char *base, const struct register_filter *f, int64_t page)
{
	const char *const keys[] = {filter_fields[RF_Q].name, filter_fields[RF_AREA].name,
	                            filter_fields[RF_GROUP].name, filter_fields[RF_FORM].name};
	const char *const vals[] = {f->q, f->area, f->group, f->form};
	return url_with_page(&r->a, base, keys, vals, 4, page);
}
