/* The invoice basis of a month as invoice.c reads it and invoice.html
 * draws it: a row per department and association. */
#ifndef VENUES_INVOICE_H
#define VENUES_INVOICE_H
#include <stddef.h>
#include <stdint.h>

#include "base/choice.h"
#include "ui/form.h"

struct invoice_row {
	const char *dept_sv, *dept_en, *association, *orgnr;
	int64_t bookings;
	int64_t hours;  /* hundredths of an hour */
	int64_t amount; /* öre */
};

struct invoice_basis {
	char month[8];          /* YYYY-MM */
	struct form f;          /* the month and, for an administrator, the department */
	int admin;              /* every department's, with the filter */
	const char *department; /* the filter's department code, or NULL */
	struct invoice_row *rows;
	size_t n;
	int64_t bookings, secs, hours, amount; /* the totals */
};
#endif
