/*
 * The template compiler's compile step, as a function on a buffer so that
 * both tools/tplc and the fuzz target call it. See tools/tplc.c for the
 * template syntax and docs/templates.md.
 */
#define _POSIX_C_SOURCE 200809L
#include "tplc_lib.h"

#include <ctype.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

enum ctx { C_TEXT, C_TAG, C_ATTR_NAME, C_AFTER_EQ, C_VALUE, C_RAWTEXT, C_COMMENT };

struct state {
	enum ctx ctx;
	char tag[32];
	char attr[32];
	char quote;
	int value_start; /* nothing written yet in this attribute value */
	int url_attr;
	int bad_attr;
};

/* Where compile errors go and how many there were. */
struct diag {
	const char *name;
	FILE *err;
	int errors;
};

/* A compile error, pointing at the template line. */
static void
fail(struct diag *d, int line, const char *fmt, ...)
{
	va_list ap;
	fprintf(d->err, "%s:%d: error: ", d->name, line);
	va_start(ap, fmt);
	vfprintf(d->err, fmt, ap);
	va_end(ap);
	fputc('\n', d->err);
	d->errors++;
}

/* Whether an attribute takes a URL. */
static int
is_url_attr(const char *a)
{
	static const char *names[] = {"href",       "src",      "action",  "formaction", "cite",
	                              "poster",     "data",     "srcset",  "xlink:href", "ping",
	                              "background", "manifest", "codebase"};
	for (size_t i = 0; i < sizeof(names) / sizeof(names[0]); i++)
		if (strcmp(a, names[i]) == 0)
			return 1;
	return 0;
}

/* The context after a start tag's '>': script and style hold raw text
 * until their end tag. */
static enum ctx
after_tag(const struct state *s)
{
	return strcmp(s->tag, "script") == 0 || strcmp(s->tag, "style") == 0 ? C_RAWTEXT : C_TEXT;
}

/* Advances the HTML context over literal template text. */
static void
scan(struct state *s, const char *p, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		char c = p[i];
		switch (s->ctx) {
		case C_TEXT:
			if (c == '<' && i + 3 < n && strncmp(p + i, "<!--", 4) == 0) {
				s->ctx = C_COMMENT;
				i += 3;
			} else if (c == '<' && i + 1 < n && (isalpha((unsigned char)p[i + 1]))) {
				size_t k = 0;
				i++;
				for (; i < n && (isalnum((unsigned char)p[i]) || p[i] == '-'); i++)
					if (k + 1 < sizeof(s->tag))
						s->tag[k++] = (char)tolower((unsigned char)p[i]);
				s->tag[k] = 0;
				i--;
				s->ctx = C_TAG;
			}
			break;
		case C_COMMENT:
			if (c == '-' && i + 2 < n && strncmp(p + i, "-->", 3) == 0) {
				s->ctx = C_TEXT;
				i += 2;
			}
			break;
		case C_RAWTEXT:
			/* only the element's own end tag ends raw text */
			if (c == '<' && i + 2 + strlen(s->tag) < n && p[i + 1] == '/' &&
			    strncasecmp(p + i + 2, s->tag, strlen(s->tag)) == 0 &&
			    strchr(" \t\n\f\r/>", p[i + 2 + strlen(s->tag)]))
				s->ctx = C_TEXT;
			break;
		case C_TAG:
			if (c == '>') {
				s->ctx = after_tag(s);
			} else if (isalpha((unsigned char)c)) {
				size_t k = 0;
				for (; i < n &&
				       (isalnum((unsigned char)p[i]) || p[i] == '-' || p[i] == ':');
				     i++)
					if (k + 1 < sizeof(s->attr))
						s->attr[k++] = (char)tolower((unsigned char)p[i]);
				s->attr[k] = 0;
				i--;
				s->ctx = C_ATTR_NAME;
			}
			break;
		case C_ATTR_NAME:
			if (c == '=') {
				s->ctx = C_AFTER_EQ;
			} else if (c == '>') {
				s->ctx = after_tag(s);
			} else if (isalpha((unsigned char)c)) {
				s->ctx = C_TAG;
				i--;
			}
			break;
		case C_AFTER_EQ:
			if (c == '"' || c == '\'') {
				s->quote = c;
				s->ctx = C_VALUE;
				s->value_start = 1;
				s->url_attr = is_url_attr(s->attr);
				s->bad_attr = strncmp(s->attr, "on", 2) == 0 ||
				              strcmp(s->attr, "style") == 0 ||
				              strcmp(s->attr, "srcdoc") == 0;
			} else if (!isspace((unsigned char)c)) {
				/* an unquoted literal value runs to a space or '>' */
				while (i < n && !isspace((unsigned char)p[i]) && p[i] != '>')
					i++;
				i--;
				s->ctx = C_TAG;
			}
			break;
		case C_VALUE:
			if (c == s->quote)
				s->ctx = C_TAG;
			else
				s->value_start = 0;
			break;
		}
	}
}

/* Writes a C string literal for n bytes of template text. A '?' after a
 * '?' is escaped, so that text like "Varför??!" is no trigraph. */
static void
emit_literal(FILE *out, const char *p, size_t n)
{
	if (n == 0)
		return;
	fputs("\tbuf_add(b, \"", out);
	for (size_t i = 0; i < n; i++) {
		unsigned char c = (unsigned char)p[i];
		if (c == '"' || c == '\\' || (c == '?' && i > 0 && p[i - 1] == '?'))
			fprintf(out, "\\%c", c);
		else if (c == '\n')
			fputs("\\n", out);
		else if (c == '\t')
			fputs("\\t", out);
		else if (c < 0x20)
			fprintf(out, "\\%03o", c);
		else
			fputc(c, out);
	}
	fprintf(out, "\", %zu);\n", n);
}

/* Counts newlines, for #line. */
static int
lines_in(const char *p, size_t n)
{
	int k = 0;
	for (size_t i = 0; i < n; i++)
		k += p[i] == '\n';
	return k;
}

/* Trims spaces from both ends in place; returns the new start. */
static const char *
trim(const char *s, size_t *n)
{
	while (*n && isspace((unsigned char)*s))
		s++, (*n)--;
	while (*n && isspace((unsigned char)s[*n - 1]))
		(*n)--;
	return s;
}

/* Compiles one template: the body is written to a memory stream first,
 * because the header and the function's signature need the parameters and
 * includes that directives anywhere in the template declare. */
int
tplc_compile(const char *name, const char *src, size_t len, const char *fn, const char *hname,
             FILE *oc, FILE *oh, FILE *err)
{
	struct diag d = {name, err, 0};
	const char *src_name = name;
	char *params = NULL, *includes = NULL;
	size_t params_n = 0, includes_n = 0;
	FILE *op = open_memstream(&params, &params_n), *oi = open_memstream(&includes, &includes_n);
	struct state st = {0};
	char *body = NULL;
	size_t blen = 0;
	FILE *ob = open_memstream(&body, &blen);

	size_t i = 0;
	int line = 1;
	while (i < len) {
		const char *open = strstr(src + i, "{");
		while (open && open[1] != '{' && open[1] != '%' && open[1] != '#')
			open = strstr(open + 1, "{");
		size_t lit = open ? (size_t)(open - (src + i)) : len - i;
		scan(&st, src + i, lit);
		emit_literal(ob, src + i, lit);
		line += lines_in(src + i, lit);
		i += lit;
		if (!open)
			break;
		char kind = open[1];
		const char *close = kind == '{' ? "}}" : kind == '%' ? "%}" : "#}";
		const char *end = strstr(open + 2, close);
		if (!end) {
			fail(&d, line, "unclosed %c%c", '{', kind);
			break;
		}
		size_t n = (size_t)(end - (open + 2));
		const char *e = trim(open + 2, &n);
		int tline = line;
		line += lines_in(open, (size_t)(end + 2 - open));
		i = (size_t)(end + 2 - src);
		if (kind == '#') {
			if (n > 8 && strncmp(e, "include ", 8) == 0) {
				fprintf(oi, "#include %.*s\n", (int)(n - 8), e + 8);
			} else if (n > 7 && strncmp(e, "params ", 7) == 0) {
				fwrite(e + 7, 1, n - 7, op);
			}
			/* a line holding only a directive leaves no blank line */
			if (src[i] == '\n') {
				i++;
				line++;
			}
			continue;
		}
		if (kind == '%') {
			fprintf(ob, "#line %d \"%s\"\n\t%.*s\n", tline, src_name, (int)n, e);
			if (src[i] == '\n' && (open == src || open[-1] == '\n')) {
				i++;
				line++;
			}
			continue;
		}
		if (n > 5 && strncmp(e, "html ", 5) == 0) {
			if (st.ctx != C_TEXT)
				fail(&d, tline, "raw HTML may stand only in element text");
			fprintf(ob, "#line %d \"%s\"\n\ttpl_raw(b, (%.*s));\n", tline, src_name,
			        (int)n - 5, e + 5);
			continue;
		}
		const char *f = "tpl_text";
		switch (st.ctx) {
		case C_TEXT:
			break;
		case C_VALUE:
			if (st.bad_attr)
				fail(&d, tline, "no interpolation in the %s attribute", st.attr);
			if (st.url_attr)
				f = st.value_start ? "tpl_url" : "tpl_urlc";
			break;
		case C_RAWTEXT:
			fail(&d, tline, "no interpolation inside <%s>", st.tag);
			break;
		case C_COMMENT:
			fail(&d, tline, "no interpolation inside a comment");
			break;
		default:
			fail(&d, tline, "interpolate only into quoted attribute values");
			break;
		}
		if (st.ctx == C_VALUE)
			st.value_start = 0;
		fprintf(ob, "#line %d \"%s\"\n\t%s(b, (%.*s));\n", tline, src_name, f, (int)n, e);
	}
	fclose(ob);
	fclose(op);
	fclose(oi);

	const char *guard = fn;
	fprintf(oh, "/* generated by tplc from %s */\n#ifndef TPL_%s_H\n#define TPL_%s_H\n",
	        src_name, guard, guard);
	fprintf(oh, "#include \"base/tpl.h\"\n%s", includes);
	fprintf(oh, "void %s(struct buf *b%s%s);\n#endif\n", fn, params_n ? ", " : "", params);
	fprintf(oc, "/* generated by tplc from %s */\n#include \"%s\"\n\n", src_name, hname);
	fprintf(oc, "void\n%s(struct buf *b%s%s)\n{\n", fn, params_n ? ", " : "", params);
	fwrite(body, 1, blen, oc);
	fputs("}\n", oc);
	free(body);
	free(params);
	free(includes);
	return d.errors;
}
