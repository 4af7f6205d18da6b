/* A request's body, read as it arrives and only after the route and the
 * caller are known to be good (server.c asks for it after authorization):
 * a urlencoded form is held in memory up to the form limit; a multipart
 * form streams its files into the spool directory and keeps its fields,
 * and its first field must be the CSRF token, or the rest is dropped. */
#ifndef HTTP_BODY_H
#define HTTP_BODY_H
#include <stddef.h>

#include "http/request.h"

struct body_opts {
	const char *spool_dir; /* where files are written as they arrive */
	size_t form_limit;     /* bytes of a urlencoded body, and of a multipart one's fields */
	size_t upload_limit;   /* bytes of a multipart body */
	int uploads_max;       /* multipart bodies being received at once */
	/* the app's check of a form's token (struct http_app's form_ok) */
	int (*form_ok)(struct req *r);
};

void body_setup(const struct body_opts *o);
int body_begin(struct req *r, const char *ctype, int takes_files);
void body_feed(struct req *r, const char *p, size_t n);
int body_end(struct req *r);
#endif
