/* CommonMark through cmark, the reference implementation. */
#include "ui/markdown.h"

#include <cmark.h>
#include <stdlib.h>
#include <string.h>

/* The HTML of a Markdown text, in the arena, its headings moved down so
 * that "#" becomes level top (a text shown under the page's h2 starts at
 * h3) and none goes past h6: the page's outline stays whole. cmark's
 * default is safe: raw HTML becomes a comment saying it was omitted and
 * links to javascript:, vbscript:, file: and most data: addresses lose
 * their address, so what an officer pastes can never run in a visitor's
 * browser. Invalid UTF-8 is replaced rather than passed on. */
struct html
markdown_html(struct arena *a, const char *md, int top)
{
	int opts = CMARK_OPT_DEFAULT | CMARK_OPT_VALIDATE_UTF8;
	cmark_node *doc = cmark_parse_document(md ? md : "", md ? strlen(md) : 0, opts);
	cmark_iter *it = cmark_iter_new(doc);
	for (cmark_event_type ev; (ev = cmark_iter_next(it)) != CMARK_EVENT_DONE;) {
		cmark_node *n = cmark_iter_get_node(it);
		if (ev == CMARK_EVENT_ENTER && cmark_node_get_type(n) == CMARK_NODE_HEADING) {
			int level = cmark_node_get_heading_level(n) + top - 1;
			cmark_node_set_heading_level(n, level > 6 ? 6 : level);
		}
	}
	cmark_iter_free(it);
	char *out = cmark_render_html(doc, opts);
	cmark_node_free(doc);
	if (!out)
		abort();
	size_t len = strlen(out);
	char *kept = arena_strndup(a, out, len);
	free(out);
	return (struct html){kept, len};
}
