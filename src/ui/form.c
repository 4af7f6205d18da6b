/* Reading and checking a request against a form's declaration. */
#include "ui/form.h"
#include "base/valid.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define MSG(sv, en) (f->english ? (en) : (sv))

/* An empty form of the declaration, in the request's arena and language. */
void
form_init(struct form *f, struct req *r, const struct form_def *d)
{
	size_t n = (size_t)d->n;
	*f = (struct form){.def = d, .english = r->p.english};
	f->value = arena_zalloc(&r->a, n * sizeof(*f->value));
	f->error = arena_zalloc(&r->a, n * sizeof(*f->error));
	f->choices = arena_zalloc(&r->a, n * sizeof(*f->choices));
	f->file = arena_zalloc(&r->a, n * sizeof(*f->file));
	for (int i = 0; i < d->n; i++)
		f->choices[i] = d->fields[i].choices;
}

/* The position of a field by name, -1 when the form has none. */
int
form_index(const struct form *f, const char *name)
{
	for (int i = 0; i < f->def->n; i++)
		if (strcmp(f->def->fields[i].name, name) == 0)
			return i;
	return -1;
}

/* The longest text a field takes, in characters. */
static size_t
max_chars(const struct field_def *d)
{
	if (d->max)
		return d->max;
	return d->type == FIELD_TEXTAREA ? 10000 : 200;
}

/* The type's own rules for a value that was given. */
static const char *
type_problem(const struct form *f, int i, const char *v, struct arena *a)
{
	const struct field_def *d = &f->def->fields[i];
	size_t max = max_chars(d);
	if (d->type != FIELD_INT && d->type != FIELD_SELECT && utf8_chars(v) > max) {
		char *m = arena_alloc(a, 64);
		snprintf(m, 64,
		         f->english ? "Write at most %zu characters." : "Skriv högst %zu tecken.",
		         max);
		return m;
	}
	if (d->type != FIELD_TEXTAREA && strpbrk(v, "\r\n\t"))
		return MSG("Texten får inte ha radbrytningar.",
		           "The text may not have line breaks.");
	int64_t n;
	switch (d->type) {
	case FIELD_EMAIL:
		return email_valid(v) ? NULL
		                      : MSG("Skriv en e-postadress som namn@exempel.se.",
		                            "Write an e-mail address like name@example.com.");
	case FIELD_DATE:
		return date_valid(v) ? NULL
		                     : MSG("Skriv ett datum som finns, som ÅÅÅÅ-MM-DD.",
		                           "Write a date that exists, as YYYY-MM-DD.");
	case FIELD_INT:
		if (int_in_range(v, d->min, d->max_int, &n))
			return NULL;
		char *m = arena_alloc(a, 96);
		snprintf(m, 96,
		         f->english ? "Write a whole number from %lld to %lld."
		                    : "Skriv ett heltal från %lld till %lld.",
		         (long long)d->min, (long long)d->max_int);
		return m;
	case FIELD_SELECT:
		for (const struct choice *c = f->choices[i]; c && c->code; c++)
			if (strcmp(c->code, v) == 0)
				return NULL;
		return MSG("Välj ett av alternativen.", "Choose one of the options.");
	default:
		return NULL;
	}
}

/* Reads every declared field from the request (undeclared input is left
 * alone) and notes what is wrong beside each field, so the person can fix
 * everything at once; returns the number of errors. */
int
form_read(struct form *f, struct req *r)
{
	for (int i = 0; i < f->def->n; i++) {
		const struct field_def *d = &f->def->fields[i];
		if (d->type == FIELD_FILE) {
			f->file[i] = NULL;
			for (size_t k = 0; k < r->files.n && !f->file[i]; k++)
				if (strcmp(r->files.items[k].field, d->name) == 0 &&
				    r->files.items[k].len > 0)
					f->file[i] = &r->files.items[k];
			if (d->required && !f->file[i])
				form_error(f, d->name,
				           d->missing_sv ? d->missing_sv : "Bifoga filen.",
				           d->missing_en ? d->missing_en : "Attach the file.");
			continue;
		}
		const char *v = req_form(r, d->name);
		f->value[i] = v;
		if (d->type == FIELD_CHECKBOX)
			continue;
		if (text_blank(v)) {
			if (d->required)
				form_error(f, d->name,
				           d->missing_sv ? d->missing_sv : "Fyll i fältet.",
				           d->missing_en ? d->missing_en : "Fill in this field.");
			continue;
		}
		const char *problem = type_problem(f, i, v, &r->a);
		if (!problem && d->check)
			problem = d->check(v, f->english);
		if (problem && !f->error[i]) {
			f->error[i] = problem;
			f->nerrors++;
		}
	}
	return f->nerrors;
}

/* What was typed into a field (or prefilled), NULL when nothing. */
const char *
form_value(const struct form *f, const char *name)
{
	int i = form_index(f, name);
	return i < 0 || text_blank(f->value[i]) ? NULL : f->value[i];
}

/* A checked whole number field's value, 0 when empty. */
int64_t
form_int(const struct form *f, const char *name)
{
	const char *v = form_value(f, name);
	return v ? strtoll(v, NULL, 10) : 0;
}

/* The upload of a file field, NULL when none came. */
const struct upload *
form_file(const struct form *f, const char *name)
{
	int i = form_index(f, name);
	return i < 0 ? NULL : f->file[i];
}

/* Prefills a field: what the form shows before anything is typed. */
void
form_set(struct form *f, const char *name, const char *value)
{
	int i = form_index(f, name);
	if (i >= 0)
		f->value[i] = value;
}

/* The choices of a select field that come from the database. */
void
form_set_choices(struct form *f, const char *name, const struct choice *choices)
{
	int i = form_index(f, name);
	if (i >= 0)
		f->choices[i] = choices;
}

/* Notes an error beside a field (the first one stays). */
void
form_error(struct form *f, const char *name, const char *sv, const char *en)
{
	int i = form_index(f, name);
	if (i < 0 || f->error[i])
		return;
	f->error[i] = f->english ? en : sv;
	f->nerrors++;
}

/* A refusal about the form as a whole (the case moved, the service is
 * closed): shown in the summary, beside no field. */
void
form_refuse(struct form *f, const char *sv, const char *en)
{
	f->about = f->english ? en : sv;
	f->nerrors++;
}

/* The HTML input type of a field type. */
static const char *
input_type(enum field_type t)
{
	static const char *const names[] = {
	        [FIELD_TEXT] = "text", [FIELD_TEXTAREA] = "textarea", [FIELD_EMAIL] = "email",
	        [FIELD_TEL] = "tel",   [FIELD_URL] = "url",           [FIELD_INT] = "text",
	        [FIELD_DATE] = "date", [FIELD_SELECT] = "select",     [FIELD_CHECKBOX] = "checkbox",
	        [FIELD_FILE] = "file", [FIELD_PASSWORD] = "password",
	};
	return names[t];
}

/* One field as the template draws it, in the form's language; a password
 * is never sent back. */
struct field
form_field(const struct form *f, int i)
{
	const struct field_def *d = &f->def->fields[i];
	int en = f->english;
	return (struct field){
	        .name = d->name,
	        .label = en ? d->label_en : d->label_sv,
	        .value = d->type == FIELD_PASSWORD ? "" : f->value[i],
	        .error = f->error[i],
	        .type = input_type(d->type),
	        .hint = en ? d->hint_en : d->hint_sv,
	        .required = d->required,
	        .autocomplete = d->autocomplete,
	        .choices = f->choices[i],
	};
}

/* Every field as the template draws it. */
struct field *
form_fields(const struct form *f, struct arena *a)
{
	struct field *out = arena_alloc(a, (size_t)(f->def->n ? f->def->n : 1) * sizeof(*out));
	for (int i = 0; i < f->def->n; i++)
		out[i] = form_field(f, i);
	return out;
}
