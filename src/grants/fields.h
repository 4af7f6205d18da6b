/* The forms of a grant programme, declared once in the form model
 * (ui/form.h): the programme itself, a question of its own, an
 * assessment criterion, how it computes its amount; and what a read form
 * means as a programme. */
#ifndef GRANTS_FIELDS_H
#define GRANTS_FIELDS_H
#include "grants/formula.h"
#include "grants/programme.h"
#include "http/request.h"
#include "ui/form.h"

extern const struct form_def programme_form_def, question_form_def, criterion_form_def,
        formula_form_def;

field_check grant_money_check;
int programme_form_read(struct form *f, struct req *r, struct grant_programme *g);
void programme_form_set(struct form *f, struct arena *a, const struct grant_programme *g);
const struct form_def *programme_forms_def(struct arena *a);
void programme_forms_read(struct form *f, struct req *r, struct grant_programme *g);
void programme_forms_set(struct form *f, const struct grant_programme *g);
int question_form_read(struct form *f, struct req *r, struct grant_question *q);
int formula_form_read(struct form *f, struct req *r, struct grant_formula *g);
void formula_form_set(struct form *f, struct arena *a, const struct grant_formula *g);
int criterion_form_read(struct form *f, struct req *r, struct grant_criterion *c);
#endif
