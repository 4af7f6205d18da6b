/* A workbook's temporary file and its download. libxlsxwriter 1.1.4
 * (Debian 12's) writes only to a named file (writing to memory came in
 * 1.1.5), so a workbook is a file of its own under TMPDIR, unlinked as
 * soon as it is open: nothing stays behind, whatever happens to the
 * process. */
#include "ui/xlsx.h"

#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <unistd.h>

/* A new workbook in a file of its own, NULL when none could be made. */
lxw_workbook *
xlsx_begin(struct xlsx_file *x)
{
	const char *dir = getenv("TMPDIR");
	snprintf(x->path, sizeof(x->path), "%s/samverka-xlsx-XXXXXX", dir && *dir ? dir : "/tmp");
	int fd = mkstemp(x->path);
	if (fd < 0)
		return NULL;
	close(fd);
	lxw_workbook *wb = workbook_new(x->path);
	if (!wb)
		unlink(x->path);
	return wb;
}

/* Closes the workbook (ok: everything was written into it) and returns
 * its file open for reading, already removed; -1 when it failed. */
int
xlsx_end(struct xlsx_file *x, lxw_workbook *wb, int ok)
{
	if (workbook_close(wb) != LXW_NO_ERROR)
		ok = 0;
	int fd = ok ? open(x->path, O_RDONLY | O_CLOEXEC) : -1;
	unlink(x->path);
	return fd;
}

/* Sends an open workbook as a download named filename; -1 (it could not
 * be written) is a 500. */
void
xlsx_send(struct req *r, int fd, const char *filename)
{
	struct stat st;
	if (fd < 0 || fstat(fd, &st) != 0) {
		if (fd >= 0)
			close(fd);
		req_fail(r, "the workbook could not be written");
		return;
	}
	req_send_file(r, fd, (uint64_t)st.st_size);
	r->ctype = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
	char *cd = arena_alloc(&r->a, 200);
	snprintf(cd, 200, "attachment; filename=\"%s\"", filename);
	req_header(r, "Content-Disposition", cd);
}
