/* Text written in Markdown (a grant programme's rules, later news and
 * events) as safe HTML for a template's raw output. */
#ifndef UI_MARKDOWN_H
#define UI_MARKDOWN_H
#include "base/arena.h"
#include "base/esc.h"

struct html markdown_html(struct arena *a, const char *md, int top);
#endif
