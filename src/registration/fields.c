/* The board as people write it: one person per line, name and role with a
 * comma between. The check and the case's payload read it the same way. */
#include "registration/fields.h"

#include <string.h>

/* The next line of the text that is not blank, without the spaces around
 * it; 0 at the end. */
static int
next_line(const char **text, const char **line, size_t *n)
{
	const char *t = *text;
	for (;;) {
		t += strspn(t, "\r\n");
		if (!*t)
			break;
		const char *s = t, *e = t + strcspn(t, "\r\n");
		t = e;
		while (s < e && (*s == ' ' || *s == '\t'))
			s++;
		while (e > s && (e[-1] == ' ' || e[-1] == '\t'))
			e--;
		if (e > s) {
			*text = t;
			*line = s;
			*n = (size_t)(e - s);
			return 1;
		}
	}
	*text = t;
	return 0;
}

/* Whether a piece of a line has anything but spaces. */
static int
has_text(const char *s, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (s[i] != ' ' && s[i] != '\t')
			return 1;
	return 0;
}

/* The board field's check: every line a name and a role, so the officer
 * reads who holds which post. */
const char *
board_problem(const char *text, int english)
{
	const char *line;
	size_t n;
	while (next_line(&text, &line, &n)) {
		const char *comma = memchr(line, ',', n);
		if (!comma || !has_text(line, (size_t)(comma - line)) ||
		    !has_text(comma + 1, n - (size_t)(comma - line) - 1))
			return english ? "Write one person per line: name, a comma and the role, "
			                 "for "
			                 "example \"Anna Andersson, chair\"."
			               : "Skriv en person per rad: namn, kommatecken och roll, "
			                 "till "
			                 "exempel \"Anna Andersson, ordförande\".";
	}
	return NULL;
}

/* The board as a JSON array of its lines; personal data, kept in the
 * case. */
json_t *
board_lines(const char *text)
{
	json_t *arr = json_array();
	const char *line;
	size_t n;
	while (text && next_line(&text, &line, &n))
		json_array_append_new(arr, json_stringn(line, n));
	return arr;
}
