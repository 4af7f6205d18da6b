/* The form model: a form declares its fields once (name, sv/en label, type,
 * required, limits, validator, hint), as kcgi's struct kvalid declares
 * inputs; form_read checks a request against the declaration, and one
 * template (ui/field.html) draws every field with its error beside it and
 * what the person typed, under one error summary (ui/errors.html). */
#ifndef UI_FORM_H
#define UI_FORM_H
#include <stddef.h>
#include <stdint.h>

#include "base/choice.h"
#include "http/request.h"

enum field_type {
	FIELD_TEXT,
	FIELD_TEXTAREA,
	FIELD_EMAIL,
	FIELD_TEL,
	FIELD_URL,
	FIELD_INT,
	FIELD_DATE,
	FIELD_SELECT,
	FIELD_CHECKBOX,
	FIELD_FILE,
	FIELD_PASSWORD,
	FIELD_RADIO,  /* the choices as radio buttons in a fieldset */
	FIELD_SEARCH, /* a line of text, drawn as a search box */
	FIELD_TIME,   /* a time of day, HH:MM from 00:00 to 23:59 */
};

/* The files a file field takes (field.html's accept list), as its hint
 * says it. */
#define FILE_TYPES_SV "PDF, bild (PNG eller JPEG), ODT eller DOCX."
#define FILE_TYPES_EN "PDF, image (PNG or JPEG), ODT or DOCX."

/* A further rule for one field: NULL when the value is fine, else the
 * message in the page's language. */
typedef const char *field_check(const char *value, int english);

/* One field as its form declares it. */
struct field_def {
	const char *name;
	const char *label_sv, *label_en;
	enum field_type type;
	int required;
	size_t max;           /* longest text in characters; 0: 200 (10 000 for a textarea) */
	int64_t min, max_int; /* FIELD_INT: the allowed range */
	const char *hint_sv, *hint_en;
	const char *autocomplete;
	const struct choice *choices;        /* select and radio, unless the form sets its own */
	field_check *check;                  /* after the type's own rules */
	const char *missing_sv, *missing_en; /* when it is required and empty */
	/* when the value breaks the type's rule (no such date, a choice not
	 * offered, not a whole number in range); NULL: the type's own words */
	const char *invalid_sv, *invalid_en;
	/* the HTML id, when it is not the name: forms of one page that share
	 * a field name give it ids of their own */
	const char *id;
	/* a select's empty choice ("Alla områden" in a filter); NULL: "Välj" */
	const char *any_sv, *any_en;
	/* a file field's accept list (".csv,text/csv"); NULL: the documents'
	 * types (FILE_TYPES_SV) */
	const char *accept;
};

/* A form: its fields, and an id that tells two forms of one page apart
 * (form_sent). */
struct form_def {
	const char *id;
	const struct field_def *fields;
	int n;
};

/* One field as the template draws it. */
struct field {
	const char *name;
	const char *label;
	const char *value;
	const char *error;
	/* text, email, tel, url, date, time, password, textarea, select,
	 * radio, checkbox, file, search; number (a whole number in a filter) */
	const char *type;
	const char *hint;
	int required;
	const char *autocomplete;
	const struct choice *choices; /* for select and radio: code is the value */
	const char *id;               /* the HTML id; NULL: the name */
	const char *any;              /* a select's empty choice; NULL: "Välj" */
	int filter;                   /* drawn in a row of filters (form.filter) */
	int64_t min, max;             /* a number's range */
	const char *accept;           /* a file's accept list; NULL: the documents' */
};

/* A form as one request has it: the values typed (or prefilled), the
 * error beside each field, the uploads of its file fields. */
struct form {
	const struct form_def *def;
	int english;
	const char **value;
	const char **error;
	const struct choice **choices;
	const struct upload **file;
	int nerrors;
	const char *about; /* a refusal about the whole form, shown in the summary */
	/* tells apart the forms of one declaration drawn many times on a page
	 * (one per association): the fields' ids end in "-key"; NULL: once */
	const char *key;
	/* read from the address (form_read_query): a GET form of filters above
	 * a list, its fields in one row, none marked optional, a search box
	 * taking the row's free width, a whole number a number box; it has no
	 * errors and no summary */
	int filter;
};

void form_init(struct form *f, struct req *r, const struct form_def *d);
int form_read(struct form *f, struct req *r);
void form_read_query(struct form *f, struct req *r);
int form_index(const struct form *f, const char *name);
const char *form_value(const struct form *f, const char *name);
int64_t form_int(const struct form *f, const char *name);
const struct upload *form_file(const struct form *f, const char *name);
const struct choice *form_choice(const struct form *f, const char *name);
void form_set(struct form *f, const char *name, const char *value);
void form_set_choices(struct form *f, const char *name, const struct choice *choices);
void form_error(struct form *f, const char *name, const char *sv, const char *en);
void form_refuse(struct form *f, const char *sv, const char *en);
int form_sent(const struct form *sent, const struct form_def *d, const char *key);
const char *form_type_name(enum field_type t);
struct field *form_fields(const struct form *f, struct arena *a);
#endif
