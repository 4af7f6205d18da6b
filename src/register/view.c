#include "register/view.h"
#include "base/esc.h"

/* "A|B|C" as "A, B, C", escaped. */
void
view_pipe_list(struct buf *b, const char *s)
{
	while (*s) {
		size_t n = strcspn(s, "|");
		esc_html(b, s, n);
		s += n;
		if (*s == '|') {
			s++;
			buf_puts(b, ", ");
		}
	}
}

/* The start of a text, cut at a word boundary (never inside a UTF-8
 * character), escaped, with an ellipsis when cut. */
void
view_excerpt(struct buf *b, const char *s, size_t max)
{
	size_t n = strlen(s);
	if (n <= max) {
		esc_html(b, s, n);
		return;
	}
	size_t cut = max;
	while (cut > 0 && s[cut] != ' ')
		cut--;
	if (cut == 0) {
		cut = max;
		while (cut > 0 && ((unsigned char)s[cut] & 0xc0) == 0x80)
			cut--;
	}
	esc_html(b, s, cut);
	buf_puts(b, " …");
}
