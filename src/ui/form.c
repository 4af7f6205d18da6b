/* Reading and checking a request against a form's declaration. */
#include "ui/form.h"
#include "base/days.h"
#include "base/valid.h"
#include "http/decode.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define MSG(sv, en) (f->english ? (en) : (sv))
/* A declaration's own words: Swedish when it gives no English. */
#define OWN(sv, en) (f->english && (en) ? (en) : (sv))

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

/* A value as the form draws it back: at most the field's limit of
 * characters, so a page never echoes a megabyte someone sent. */
static const char *
at_most(struct arena *a, const char *v, size_t max)
{
	size_t chars = 0, i = 0;
	for (; v && v[i]; i++)
		if (((unsigned char)v[i] & 0xc0) != 0x80 && chars++ == max)
			return arena_strndup(a, v, i);
	return v;
}

/* A whole number as people write it in the page's language: 10 000 in
 * Swedish, 10,000 in English; four digits and fewer stay as they are. */
static const char *
grouped(struct arena *a, long long v, int english)
{
	char digits[32], *out = arena_alloc(a, 48);
	int n = snprintf(digits, sizeof(digits), "%lld", v < 0 ? -v : v), k = 0;
	if (v < 0)
		out[k++] = '-';
	for (int i = 0; i < n; i++) {
		if (n > 4 && i > 0 && (n - i) % 3 == 0)
			out[k++] = english ? ',' : ' ';
		out[k++] = digits[i];
	}
	out[k] = 0;
	return out;
}

/* Whether a value is the code of one of the choices. */
static int
chosen(const struct choice *c, const char *v)
{
	for (; c && c->code; c++)
		if (strcmp(c->code, v) == 0)
			return 1;
	return 0;
}

/* The field's own words for a value that breaks its type's rule, else the
 * type's. */
#define INVALID(sv, en) (d->invalid_sv ? OWN(d->invalid_sv, d->invalid_en) : MSG(sv, en))

/* The control characters a field refuses: a text area takes tabs and line
 * breaks (a browser sends them as CR LF), any other field none; no field
 * takes other C0 or C1 controls or DEL, which nobody types and which
 * break mails, CSV files and logs. */
static const char *
control_problem(const struct form *f, const struct field_def *d, const char *v)
{
	int area = d->type == FIELD_TEXTAREA;
	for (const unsigned char *c = (const unsigned char *)v; *c; c++) {
		if (area && (*c == '\t' || *c == '\n' || (*c == '\r' && c[1] == '\n')))
			continue;
		if (!area && (*c == '\r' || *c == '\n'))
			return MSG("Texten får inte ha radbrytningar.",
			           "The text may not have line breaks.");
		if (!area && *c == '\t')
			return MSG("Texten får inte ha tabbtecken.",
			           "The text may not have tab characters.");
		if (*c < 0x20 || *c == 0x7f || (*c == 0xc2 && c[1] >= 0x80 && c[1] <= 0x9f))
			return MSG("Texten innehåller otillåtna tecken.",
			           "The text contains characters that are not allowed.");
	}
	return NULL;
}

/* The type's own rules for a value that was given: first its length,
 * then its characters, so a megabyte costs one pass and nothing more. A
 * whole number and a choice are refused by their own rules, in their own
 * words, whatever their length. */
static const char *
type_problem(const struct form *f, int i, const char *v, struct arena *a)
{
	const struct field_def *d = &f->def->fields[i];
	size_t max = max_chars(d);
	int choice = d->type == FIELD_SELECT || d->type == FIELD_RADIO;
	if (d->type != FIELD_INT && !choice && utf8_chars(v) > max) {
		/* the text drawn back is cut at the limit (at_most): say so,
		 * so nobody sends it again without noticing its end is gone */
		const char *cut = d->type == FIELD_PASSWORD ? ""
		                  : f->english ? " The text below has been cut to that many."
		                               : " Texten nedan har kortats till så många.";
		char *m = arena_alloc(a, 128);
		snprintf(m, 128,
		         f->english ? "Write at most %s characters.%s" : "Skriv högst %s tecken.%s",
		         grouped(a, (long long)max, f->english), cut);
		return m;
	}
	const char *problem = d->type == FIELD_INT || choice ? NULL : control_problem(f, d, v);
	if (problem)
		return problem;
	if (!text_valid(v, strlen(v)))
		return MSG("Texten innehåller otillåtna tecken.",
		           "The text contains characters that are not allowed.");
	int64_t n;
	switch (d->type) {
	case FIELD_EMAIL:
		return email_valid(v) ? NULL
		                      : INVALID("Skriv en e-postadress som namn@exempel.se.",
		                                "Write an e-mail address like name@example.com.");
	case FIELD_DATE:
		return date_valid(v) ? NULL
		                     : INVALID("Skriv ett datum som finns, som ÅÅÅÅ-MM-DD.",
		                               "Write a date that exists, as YYYY-MM-DD.");
	case FIELD_TIME:
		/* a time input holds 00:00–23:59; minute_of's 24:00 (the end of
		 * a day) is no time a browser can show again */
		n = minute_of(v);
		return n >= 0 && n < 1440 ? NULL
		                          : INVALID("Skriv tiden som TT:MM, till exempel 18:00.",
		                                    "Write the time as HH:MM, for example 18:00.");
	case FIELD_INT:
		if (int_in_range(v, d->min, d->max_int, &n))
			return NULL;
		if (d->invalid_sv)
			return OWN(d->invalid_sv, d->invalid_en);
		char *m = arena_alloc(a, 128);
		snprintf(m, 128,
		         f->english ? "Write a whole number from %s to %s."
		                    : "Skriv ett heltal från %s till %s.",
		         grouped(a, (long long)d->min, f->english),
		         grouped(a, (long long)d->max_int, f->english));
		return m;
	case FIELD_SELECT:
	case FIELD_RADIO:
		return chosen(f->choices[i], v)
		               ? NULL
		               : INVALID("Välj ett av alternativen.", "Choose one of the options.");
	default:
		return NULL;
	}
}

/* The first upload of a file field: a file with bytes, or one the person
 * chose that turned out empty (a browser sends a nameless empty part for
 * a file input left alone, and that is no file). */
static const struct upload *
upload_of(struct req *r, const char *name)
{
	for (size_t k = 0; k < r->files.n; k++) {
		const struct upload *u = &r->files.items[k];
		if (strcmp(u->field, name) == 0 && (u->len > 0 || (u->filename && *u->filename)))
			return u;
	}
	return NULL;
}

/* Notes that a required field is empty: in the field's own words, else
 * what its type asks for (choose, tick, attach, fill in). */
static void
missing(struct form *f, const struct field_def *d)
{
	const char *sv = "Fyll i fältet.", *en = "Fill in this field.";
	if (d->missing_sv) {
		sv = d->missing_sv;
		en = OWN(d->missing_sv, d->missing_en);
	} else if ((d->type == FIELD_SELECT || d->type == FIELD_RADIO) && d->invalid_sv) {
		sv = d->invalid_sv;
		en = OWN(d->invalid_sv, d->invalid_en);
	} else if (d->type == FIELD_SELECT || d->type == FIELD_RADIO) {
		sv = "Välj ett av alternativen.", en = "Choose one of the options.";
	} else if (d->type == FIELD_CHECKBOX) {
		sv = "Kryssa i rutan.", en = "Tick the box.";
	} else if (d->type == FIELD_FILE) {
		sv = "Bifoga filen.", en = "Attach the file.";
	}
	form_error(f, d->name, sv, en);
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
			f->file[i] = upload_of(r, d->name);
			if (d->required && !f->file[i])
				missing(f, d);
			continue;
		}
		const char *v = req_form(r, d->name);
		f->value[i] = at_most(&r->a, v, max_chars(d));
		if (d->type == FIELD_CHECKBOX) {
			if (d->required && !v)
				missing(f, d);
			continue;
		}
		if (text_blank(v)) {
			if (d->required)
				missing(f, d);
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

/* Reads every declared field of a GET form of filters from the query
 * string (through req_query, so the page cache knows each was read), as
 * it stands and without errors: a filter has nowhere to show one, and the
 * list's reader decides what a value means (an unknown choice matches
 * nothing, a number out of range is no filter), as its API reads it. */
void
form_read_query(struct form *f, struct req *r)
{
	f->filter = 1;
	for (int i = 0; i < f->def->n; i++)
		f->value[i] = req_query(r, f->def->fields[i].name);
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

/* The choice a select or radio field's value names, NULL when none. */
const struct choice *
form_choice(const struct form *f, const char *name)
{
	int i = form_index(f, name);
	const char *v = i < 0 ? NULL : f->value[i];
	for (const struct choice *c = i < 0 || !v ? NULL : f->choices[i]; c && c->code; c++)
		if (strcmp(c->code, v) == 0)
			return c;
	return NULL;
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

/* Whether sent is the form d (drawn with key, NULL when drawn once): the
 * one of a page's forms that gets back what was typed and its errors,
 * while the others, which may share its field names, are drawn afresh. */
int
form_sent(const struct form *sent, const struct form_def *d, const char *key)
{
	if (!sent || !d || strcmp(sent->def->id, d->id) != 0)
		return 0;
	return (!sent->key && !key) || (sent->key && key && strcmp(sent->key, key) == 0);
}

/* The HTML input type of a field type, as struct field names it. */
const char *
form_type_name(enum field_type t)
{
	static const char *const names[] = {
	        [FIELD_TEXT] = "text",         [FIELD_TEXTAREA] = "textarea",
	        [FIELD_EMAIL] = "email",       [FIELD_TEL] = "tel",
	        [FIELD_URL] = "url",           [FIELD_INT] = "text",
	        [FIELD_DATE] = "date",         [FIELD_SELECT] = "select",
	        [FIELD_CHECKBOX] = "checkbox", [FIELD_FILE] = "file",
	        [FIELD_PASSWORD] = "password", [FIELD_RADIO] = "radio",
	        [FIELD_SEARCH] = "search",     [FIELD_TIME] = "time",
	};
	return names[t];
}

/* The hint of a field as drawn: a file that came with the form and was
 * fine is not kept by the browser when the form comes back (a file input
 * cannot be prefilled), so its hint asks for it again. */
static const char *
hint_of(const struct form *f, int i, struct arena *a)
{
	const struct field_def *d = &f->def->fields[i];
	const char *hint = f->english ? d->hint_en : d->hint_sv;
	if (d->type != FIELD_FILE || !f->file[i] || f->error[i])
		return hint;
	const char *again = MSG("Välj filen igen: webbläsaren behåller den inte när formuläret "
	                        "visas på nytt.",
	                        "Choose the file again: the browser does not keep it when the form "
	                        "is shown again.");
	if (!hint)
		return again;
	size_t n = strlen(hint) + strlen(again) + 2;
	char *both = arena_alloc(a, n);
	snprintf(both, n, "%s %s", hint, again);
	return both;
}

/* Every field as the template draws it, in the form's language: its id
 * (with the form's key, when it has one), what was typed (a password is
 * never sent back) and its error. */
struct field *
form_fields(const struct form *f, struct arena *a)
{
	struct field *out = arena_alloc(a, (size_t)(f->def->n ? f->def->n : 1) * sizeof(*out));
	int en = f->english;
	for (int i = 0; i < f->def->n; i++) {
		const struct field_def *d = &f->def->fields[i];
		const char *id = d->id ? d->id : d->name;
		if (f->key) {
			size_t n = strlen(id) + strlen(f->key) + 2;
			char *k = arena_alloc(a, n);
			snprintf(k, n, "%s-%s", id, f->key);
			id = k;
		}
		int number = d->type == FIELD_INT && f->filter;
		out[i] = (struct field){
		        .name = d->name,
		        .label = en ? d->label_en : d->label_sv,
		        .value = d->type == FIELD_PASSWORD ? "" : f->value[i],
		        .error = f->error[i],
		        .type = number ? "number" : form_type_name(d->type),
		        .hint = hint_of(f, i, a),
		        .required = d->required,
		        .autocomplete = d->autocomplete,
		        .choices = f->choices[i],
		        .id = id,
		        .any = d->any_sv ? OWN(d->any_sv, d->any_en) : NULL,
		        .filter = f->filter,
		        .min = d->min,
		        .max = d->max_int,
		        .accept = d->accept,
		};
	}
	return out;
}
