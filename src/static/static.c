/* Stylesheet and icons, compiled into the binary. */
#include "static/static.h"
#include "base/embed.h"

#include <string.h>

extern const struct embedded static_files[];

static const char *
content_type(const char *name)
{
	const char *dot = strrchr(name, '.');
	if (dot && strcmp(dot, ".css") == 0)
		return "text/css; charset=utf-8";
	if (dot && strcmp(dot, ".svg") == 0)
		return "image/svg+xml";
	if (dot && strcmp(dot, ".js") == 0)
		return "text/javascript; charset=utf-8";
	return "application/octet-stream";
}

void
static_file(struct req *r)
{
	for (const struct embedded *f = static_files; f->name; f++) {
		if (strcmp(f->name, r->params[0]) != 0)
			continue;
		r->ctype = content_type(f->name);
		req_header(r, "Cache-Control", "public, max-age=3600");
		buf_add(&r->out, f->data, f->len);
		return;
	}
	req_error(r, 404);
}
