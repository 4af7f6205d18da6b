/* The forms of venue management, declared once in the form model
 * (ui/form.h): a venue, a part of it, its bookable hours, a closed day,
 * its prices and its department's nolltaxa threshold; and what a read
 * form means for the venue. */
#ifndef VENUES_FIELDS_H
#define VENUES_FIELDS_H
#include "http/request.h"
#include "ui/form.h"
#include "venues/venue.h"

extern const struct form_def venue_form_def, part_form_def, hours_form_def, closed_form_def,
        youth_form_def;

int venue_form_read(struct form *f, struct req *r, struct venue *v);
void venue_form_set(struct form *f, struct arena *a, const struct venue *v);
void venue_form_defaults(struct form *f);
int hours_form_read(struct form *f, struct req *r, struct venue_hours *h);
void hours_form_set(struct form *f, struct arena *a, const struct venue_hours *h);
const struct form_def *prices_form_def(struct arena *a, const struct choice *categories);
int prices_form_read(struct form *f, struct req *r, int64_t *per_hour);
void prices_form_set(struct form *f, struct arena *a, const int64_t *per_hour);
#endif
