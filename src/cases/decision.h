/* The decision every case records: outcome, reasoning, who decided, the
 * date and the reference. A type whose decision says more (a grant's
 * amount) declares its own form (struct eservice's decision_form) that
 * begins with these fields, so that the engine reads them the same way
 * for every type. */
#ifndef CASES_DECISION_H
#define CASES_DECISION_H
#include "ui/form.h"

/* The outcomes, as the decision's radio buttons offer them. */
extern const struct choice case_outcomes[];

/* The common fields, in this order, as initializers of a field_def array;
 * every one required, the date one that is on the calendar (2026-02-31 is
 * refused beside it). */
#define CASE_DECISION_FIELDS                                                                        \
	{.name = "utfall",                                                                          \
	 .label_sv = "Beslut",                                                                      \
	 .label_en = "Decision",                                                                    \
	 .type = FIELD_RADIO,                                                                       \
	 .required = 1,                                                                             \
	 .choices = case_outcomes,                                                                  \
	 .invalid_sv = "Välj bifall, delvis bifall eller avslag.",                                  \
	 .invalid_en = "Choose granted, partly granted or refused."},                               \
	        {.name = "motivering",                                                              \
	         .label_sv = "Motivering",                                                          \
	         .label_en = "Reasoning",                                                           \
	         .type = FIELD_TEXTAREA,                                                            \
	         .required = 1,                                                                     \
	         .max = 10000,                                                                      \
	         .missing_sv = "Skriv en motivering (högst 10 000 tecken).",                        \
	         .missing_en = "Write the reasoning (at most 10,000 characters)."},                 \
	        {.name = "beslutsfattare",                                                          \
	         .label_sv = "Beslutsfattare (delegat eller nämnd)",                                \
	         .label_en = "Decided by (delegate or committee)",                                  \
	         .type = FIELD_TEXT,                                                                \
	         .required = 1,                                                                     \
	         .max = 200,                                                                        \
	         .missing_sv = "Skriv vem som beslutade (högst 200 tecken).",                       \
	         .missing_en = "Write who decided (at most 200 characters)."},                      \
	        {.name = "datum",                                                                   \
	         .label_sv = "Beslutsdatum",                                                        \
	         .label_en = "Date of decision",                                                    \
	         .type = FIELD_DATE,                                                                \
	         .required = 1,                                                                     \
	         .missing_sv = "Skriv beslutsdatum som ÅÅÅÅ-MM-DD.",                                \
	         .missing_en = "Write the date of decision as YYYY-MM-DD."},                        \
	{                                                                                           \
		.name = "referens",                                                                 \
		.label_sv =                                                                         \
		        "Referens (delegationsbeslut eller protokoll, t.ex. FRI 2026-03-12 § 14)",  \
		.label_en = "Reference (delegation or minutes, e.g. FRI 2026-03-12 § 14)",          \
		.type = FIELD_TEXT, .required = 1, .max = 200,                                      \
		.missing_sv = "Skriv delegationsbeslutet eller protokollet där beslutet fattades " \
		              "(högst 200 tecken).",                                                \
		.missing_en = "Write the delegation decision or minutes the decision was made in "  \
		              "(at most 200 characters)."                                           \
	}

/* The number of fields CASE_DECISION_FIELDS declares. */
#define CASE_DECISION_NFIELDS 5
struct req;
struct case_row;
int case_decision_record(struct req *r, struct case_row *c, struct form *f);
#endif
