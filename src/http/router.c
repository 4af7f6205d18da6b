#include "http/router.h"

#include <string.h>

/* Matches one pattern segment by segment; {x} takes one non-empty segment. */
static int
pattern_match(struct req *r, const char *pat, const char *path)
{
	int np = 0;
	while (*pat && *path) {
		if (*pat == '{') {
			const char *pe = strchr(pat, '}');
			size_t n = strcspn(path, "/");
			if (!pe || n == 0 || np == 4)
				return 0;
			r->params[np++] = arena_strndup(&r->a, path, n);
			pat = pe + 1;
			path += n;
		} else if (*pat++ != *path++) {
			return 0;
		}
	}
	if (*pat || *path)
		return 0;
	r->nparams = np;
	return 1;
}

/* The route for the request, or NULL; wrong_method tells 405 from 404. */
const struct route *
route_match(struct req *r, int *wrong_method)
{
	enum method m = r->method == M_HEAD ? M_GET : r->method;
	*wrong_method = 0;
	for (const struct route *rt = routes; rt->pattern; rt++) {
		if (!pattern_match(r, rt->pattern, r->path))
			continue;
		if (rt->method == m)
			return rt;
		*wrong_method = 1;
	}
	return NULL;
}
