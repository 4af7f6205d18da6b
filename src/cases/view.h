/* Small pieces of rendering the case templates share. */
#ifndef CASES_VIEW_H
#define CASES_VIEW_H
#include <stdint.h>
#include <string.h>

#include "base/buf.h"
#include "http/decode.h"
#include "layout/dates.h"

/* What the person typed into a field, kept when a form comes back with an
 * error; "" when nothing was sent. */
static inline const char *
typed_value(const struct kvlist *typed, const char *name)
{
	const char *v = kv_get(typed, name);
	return v ? v : "";
}

/* Why an action on the case page was refused: the form it came from (its
 * typed values are shown again there only) and, per control, the message
 * shown next to it; a control of NULL is about the case, not a field. */
enum { REFUSAL_MAX = 6 };
struct case_refusal {
	const char *form;
	int n;
	struct refusal_msg {
		const char *control;
		const char *msg;
	} at[REFUSAL_MAX];
};

/* Adds a message for one control (NULL for the case as a whole). */
static inline void
refusal_add(struct case_refusal *e, const char *control, const char *msg)
{
	if (e->n < REFUSAL_MAX)
		e->at[e->n++] = (struct refusal_msg){control, msg};
}

/* The message for one control, or NULL. */
static inline const char *
refusal_at(const struct case_refusal *e, const char *control)
{
	for (int i = 0; e && i < e->n; i++)
		if (e->at[i].control && strcmp(e->at[i].control, control) == 0)
			return e->at[i].msg;
	return NULL;
}

/* What was typed into a field of the refused form; "" in the other forms,
 * which share field names with it. */
static inline const char *
kept(const struct case_refusal *e, const struct kvlist *typed, const char *form, const char *name)
{
	return e && e->form && strcmp(e->form, form) == 0 ? typed_value(typed, name) : "";
}

void view_invalid(struct buf *b, const struct case_refusal *e, const char *control);
void view_field_error(struct buf *b, const struct case_refusal *e, const char *control,
                      int english);
const char *view_outcome(const char *outcome, int english);
const char *view_event(const char *kind, int english);
void view_event_detail(struct buf *b, const char *kind, const char *detail, int english);
#endif
