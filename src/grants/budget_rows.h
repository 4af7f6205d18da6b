/* Budget rows as the grant forms declare and read them: per row a text
 * (what a cost or an income is) and its amount in kronor, two fields side
 * by side, on one side of a budget (costs or incomes). An application
 * plans its budget with them, a follow-up report tells with them what the
 * money went to. */
#ifndef GRANTS_BUDGET_ROWS_H
#define GRANTS_BUDGET_ROWS_H
#include <jansson.h>
#include <stdint.h>

#include "grants/fields.h"
#include "ui/form.h"

/* The two fields of one row: key-num (the text) and key-num-belopp (the
 * amount, read by money_parse). */
#define GRANT_BUDGET_ROW(key, num, sv, en, what_sv, what_en, hint_sv_, hint_en_)                   \
	{.name = key "-" num,                                                                      \
	 .label_sv = sv " " num,                                                                   \
	 .label_en = en " " num,                                                                   \
	 .type = FIELD_TEXT,                                                                       \
	 .hint_sv = hint_sv_,                                                                      \
	 .hint_en = hint_en_},                                                                     \
	{                                                                                          \
		.name = key "-" num "-belopp",                                                     \
		.label_sv = "Belopp för " what_sv " " num " i kronor",                             \
		.label_en = "Amount of " what_en " " num " in kronor", .type = FIELD_TEXT,         \
		.max = 30, .check = grant_money_check                                              \
	}

json_t *grant_budget_rows(const struct form *f, int first, int n);
int grant_budget_side(struct form *f, int first, int n, int64_t *sum);
int64_t grant_budget_sum(json_t *rows);
#endif
