/* A chart's table as a worksheet: what officials open. The numbers under
 * each chart go into a workbook, one sheet per chart, with the same rows,
 * columns and total as the table on the page, so a figure can be worked on
 * in a spreadsheet without typing it in again. */
#include "ui/chart.h"
#include "ui/xlsx.h"

#include <stdio.h>
#include <string.h>

/* One chart: its title in the first row, the table's head in the third,
 * then a row per label; an unknown value is an empty cell, as "–" is on
 * the page. A chart with nothing to show says so, as the page does. */
static int
chart_sheet(lxw_workbook *wb, const struct chart *c, int english, lxw_format *bold,
            lxw_format *money)
{
	/* hundredths (öre) are written as the unit (kronor) with two decimals:
	 * a double holds every öre of sums below 10^13 kronor exactly enough
	 * to round back */
	double scale = c->hundredths ? 100.0 : 1.0;
	lxw_format *numbers = c->hundredths ? money : NULL;
	/* Excel allows 31 characters and none of []:*?/\ in a sheet's name; a
	 * chart's id (letters, digits and '-') fits once cut to length */
	char name[32];
	snprintf(name, sizeof(name), "%s", c->id);
	lxw_worksheet *ws = workbook_add_worksheet(wb, name);
	if (!ws)
		return -1;
	worksheet_write_string(ws, 0, 0, chart_text(c->title, english), bold);
	struct chart_geom g;
	chart_layout(c, &g);
	if (g.empty) { /* what the page says instead of the chart and its table */
		worksheet_write_string(ws, 2, 0,
		                       c->empty.sv ? chart_text(c->empty, english)
		                       : english   ? "No data to show."
		                                   : "Inga uppgifter att visa.",
		                       NULL);
		return 0;
	}
	int total = chart_total_column(c);
	worksheet_write_string(ws, 2, 0, chart_text(c->x_label, english), bold);
	for (size_t s = 0; s < c->nseries; s++)
		worksheet_write_string(ws, 2, (lxw_col_t)(s + 1),
		                       chart_text(c->series[s].name, english), bold);
	if (total)
		worksheet_write_string(ws, 2, (lxw_col_t)(c->nseries + 1),
		                       english ? "Total" : "Totalt", bold);
	for (size_t l = 0; l < c->nlabels; l++) {
		lxw_row_t row = (lxw_row_t)(l + 3);
		worksheet_write_string(ws, row, 0, chart_text(c->labels[l], english), NULL);
		for (size_t s = 0; s < c->nseries; s++) {
			int64_t v = c->series[s].values[l];
			if (v != CHART_NONE)
				worksheet_write_number(ws, row, (lxw_col_t)(s + 1),
				                       (double)v / scale, numbers);
		}
		int known;
		int64_t sum = chart_total(c, l, &known);
		if (total && known)
			worksheet_write_number(ws, row, (lxw_col_t)(c->nseries + 1),
			                       (double)sum / scale, numbers);
	}
	worksheet_set_column(ws, 0, 0, 16, NULL);
	worksheet_set_column(ws, 1, (lxw_col_t)(c->nseries + 1), 14, NULL);
	return 0;
}

/* Writes the charts' tables to a workbook and returns it open for reading
 * (ui/xlsx.c), -1 when it could not be written. */
int
chart_xlsx(const struct chart *const *charts, size_t n, int english)
{
	struct xlsx_file x;
	lxw_workbook *wb = xlsx_begin(&x);
	if (!wb)
		return -1;
	lxw_format *bold = workbook_add_format(wb);
	format_set_bold(bold);
	lxw_format *money = workbook_add_format(wb);
	format_set_num_format(money, "#,##0.00");
	int rc = 0;
	for (size_t i = 0; i < n && rc == 0; i++)
		rc = chart_sheet(wb, charts[i], english, bold, money);
	return xlsx_end(&x, wb, rc == 0);
}
