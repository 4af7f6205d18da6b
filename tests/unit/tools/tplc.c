/* The template compiler, run as the build runs it: interpolation where no
 * escaping is safe must stop the build with an error that points at the
 * template line. The tplc binary's path is the first argument. */
#include "../unit.h"

#include <stdio.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

static const char *tplc;
static char dir[] = "/tmp/unit-tplc.XXXXXX";
static char path_in[64], path_c[64], path_h[64], path_err[64];

/* Reads a whole small file into a malloc'd string, NULL when missing. */
static char *
slurp(const char *path)
{
	FILE *f = fopen(path, "rb");
	if (!f)
		return NULL;
	char *d = calloc(1, 1 << 16);
	size_t n = fread(d, 1, (1 << 16) - 1, f);
	d[n] = 0;
	fclose(f);
	return d;
}

/* Writes the template, runs tplc on it with stderr captured, and returns
 * its exit status; *err gets what it printed. */
static int
compile(const char *tpl, char **err)
{
	FILE *f = fopen(path_in, "w");
	assert_non_null(f);
	fputs(tpl, f);
	fclose(f);
	remove(path_c);
	remove(path_h);
	pid_t pid = fork();
	assert_true(pid >= 0);
	if (pid == 0) {
		if (!freopen(path_err, "w", stderr))
			_exit(127);
		execl(tplc, tplc, path_in, path_c, path_h, "tpl_t", (char *)NULL);
		_exit(127);
	}
	int st;
	assert_int_equal(waitpid(pid, &st, 0), pid);
	assert_true(WIFEXITED(st));
	*err = slurp(path_err);
	assert_non_null(*err);
	return WEXITSTATUS(st);
}

/* The template must be refused, with message at file:line, and leave no
 * generated file behind for the build to pick up. */
static void
refused(const char *tpl, int line, const char *message)
{
	char *err, where[96];
	assert_int_not_equal(compile(tpl, &err), 0);
	snprintf(where, sizeof(where), "%s:%d: error: ", path_in, line);
	if (!strstr(err, where) || !strstr(err, message))
		fail_msg("want \"%s%s\", tplc said: %s", where, message, err);
	struct stat sb;
	assert_int_not_equal(stat(path_c, &sb), 0);
	assert_int_not_equal(stat(path_h, &sb), 0);
	free(err);
}

/* Interpolation inside <script> or <style>, in any letter case. */
static void
script_and_style(void **state)
{
	refused("<p>ok</p>\n<script>var x = \"{{ name }}\";</script>\n", 2, "inside <script>");
	refused("<SCRIPT type=\"module\">\nlet x = {{ n }};\n</SCRIPT>\n", 2, "inside <script>");
	refused("<style>\np { color: {{ colour }}; }\n</style>\n", 2, "inside <style>");
}

/* A script or style element stays raw text whatever its attributes, until
 * its own end tag. */
static void
raw_text_elements(void **state)
{
	refused("<script async>{{ x }}</script>\n", 1, "inside <script>");
	refused("<script src=\"/x.js\" defer>\n{{ x }}</script>\n", 2, "inside <script>");
	refused("<style media=print>{{ x }}</style>\n", 1, "inside <style>");
	refused("<script>if (a </b) {{ x }}</script>\n", 1, "inside <script>");
	refused("<script>x = '</scripts>' + {{ x }}</script>\n", 1, "inside <script>");
	refused("<style>p{}</StyleX {{ x }}</style>\n", 1, "inside <style>");
}

/* Event handler and style attributes: no escaping makes them safe. */
static void
event_attributes(void **state)
{
	refused("<button onclick=\"go('{{ id }}')\">Go</button>\n", 1, "onclick");
	refused("\n\n<a href=\"/\" OnMouseOver='{{ x }}'>x</a>\n", 3, "onmouseover");
	refused("<p style=\"width: {{ w }}px\">x</p>\n", 1, "style attribute");
	refused("<a href=/ onclick=\"{{ x }}\">x</a>\n", 1, "onclick");
	refused("<a data-a-very-long-attribute-name-indeed onclick=\"{{ x }}\">x</a>\n", 1,
	        "onclick");
}

/* An unquoted attribute value could be ended by a space in the data. */
static void
unquoted_attribute(void **state)
{
	refused("<a href={{ url }}>x</a>\n", 1, "quoted attribute");
	refused("<input value={{ v }}>\n", 1, "quoted attribute");
	refused("<input {{ attrs }}>\n", 1, "quoted attribute");
}

/* Raw HTML belongs in element text only. */
static void
raw_html_in_attribute(void **state)
{
	refused("{# params struct html h #}\n<p title=\"{{ html h }}\">x</p>\n", 2, "raw HTML");
	refused("<!-- {{ note }} -->\n", 1, "comment");
}

/* A valid template compiles, each interpolation escaped for its place,
 * with #line pointing at the template. */
static void
valid_template(void **state)
{
	const char *tpl =
	        "{# include \"register/assoc.h\" #}\n"
	        "{# params const char *name, const char *url, const char *q, int n #}\n"
	        "<h1 class=\"title\">{{ name }}</h1>\n"
	        "{% if (n > 0) { %}\n"
	        "<a href=\"{{ url }}\">x</a> <a href=\"/foreningar?q={{ q }}\">{{ n }}</a>\n"
	        "{% } %}\n"
	        "<script src=\"/static/x.js\" defer></script><p>{{ name }}</p>\n"
	        "<STYLE>p { }</STYLE ><input value=\"{{ name }}\" disabled>{{ n }}\n"
	        "<p>Varför?\?! ?\?=</p>\n";
	char *err;
	assert_int_equal(compile(tpl, &err), 0);
	assert_string_equal(err, "");
	free(err);
	char *c = slurp(path_c), *h = slurp(path_h);
	assert_non_null(c);
	assert_non_null(h);
	assert_non_null(strstr(h, "#include \"register/assoc.h\""));
	assert_non_null(strstr(h, "void tpl_t(struct buf *b, const char *name, const char *url, "
	                          "const char *q, int n);"));
	assert_non_null(strstr(c, "tpl_text(b, (name));"));
	assert_non_null(strstr(c, "tpl_url(b, (url));"));
	assert_non_null(strstr(c, "tpl_urlc(b, (q));"));
	assert_non_null(strstr(c, "if (n > 0) {"));
	assert_null(strstr(c, "??")); /* a trigraph would change the text and fail -Werror */
	assert_non_null(strstr(c, "Varför?\\?! ?\\?="));
	char line5[96];
	snprintf(line5, sizeof(line5), "#line 5 \"%s\"\n\ttpl_url(b, (url));", path_in);
	assert_non_null(strstr(c, line5));
	free(c);
	free(h);
}

/* A scratch directory for the templates and outputs. */
static int
make_dir(void **state)
{
	if (!mkdtemp(dir))
		return -1;
	snprintf(path_in, sizeof(path_in), "%s/t.html", dir);
	snprintf(path_c, sizeof(path_c), "%s/t.c", dir);
	snprintf(path_h, sizeof(path_h), "%s/t.h", dir);
	snprintf(path_err, sizeof(path_err), "%s/err", dir);
	return 0;
}

/* Removes the scratch directory. */
static int
remove_dir(void **state)
{
	remove(path_in);
	remove(path_c);
	remove(path_h);
	remove(path_err);
	return rmdir(dir);
}

int
main(int argc, char **argv)
{
	if (argc != 2) {
		fprintf(stderr, "usage: %s PATH-OF-TPLC\n", argv[0]);
		return 2;
	}
	tplc = argv[1];
	const struct CMUnitTest tests[] = {
	        cmocka_unit_test(script_and_style),      cmocka_unit_test(raw_text_elements),
	        cmocka_unit_test(event_attributes),      cmocka_unit_test(unquoted_attribute),
	        cmocka_unit_test(raw_html_in_attribute), cmocka_unit_test(valid_template),
	};
	return cmocka_run_group_tests(tests, make_dir, remove_dir);
}
