/* Workbooks (XLSX) made with libxlsxwriter and sent as a download: the
 * temporary file they are written to, and the answer that sends it
 * (ui/xlsx.c). Charts' tables (chart_xlsx) and the grants' payment file
 * are written this one way. */
#ifndef UI_XLSX_H
#define UI_XLSX_H
#include <xlsxwriter.h>

#include "http/request.h"

/* Where a workbook is written before it is sent. */
struct xlsx_file {
	char path[4096];
};

lxw_workbook *xlsx_begin(struct xlsx_file *x);
int xlsx_end(struct xlsx_file *x, lxw_workbook *wb, int ok);
void xlsx_send(struct req *r, int fd, const char *filename);
#endif
