#ifndef HTTP_SERVER_H
#define HTTP_SERVER_H
#include <stddef.h>

struct server_opts {
	const char *listen; /* host:port */
	const char *db_url;
	int threads;
	size_t form_limit;   /* bytes of a urlencoded body */
	size_t upload_limit; /* bytes of a multipart body */
	int secure_cookies;
};

int server_run(const struct server_opts *o);
#endif
