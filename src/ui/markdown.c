/* CommonMark through cmark, the reference implementation. */
#include "ui/markdown.h"

#include <cmark.h>
#include <stdlib.h>
#include <string.h>

/* The HTML of a Markdown text, in the arena. cmark's default is safe: raw
 * HTML becomes a comment saying it was omitted and links to javascript:,
 * vbscript:, file: and most data: addresses lose their address, so what an
 * officer pastes can never run in a visitor's browser. Invalid UTF-8 is
 * replaced rather than passed on. */
struct html
markdown_html(struct arena *a, const char *md)
{
	size_t n = md ? strlen(md) : 0;
	char *out = cmark_markdown_to_html(md ? md : "", n,
	                                   CMARK_OPT_DEFAULT | CMARK_OPT_VALIDATE_UTF8);
	if (!out)
		abort();
	size_t len = strlen(out);
	char *kept = arena_strndup(a, out, len);
	free(out);
	return (struct html){kept, len};
}
