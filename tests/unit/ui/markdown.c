/* Markdown as the grant programmes' rules are shown: CommonMark, with raw
 * HTML and unsafe links dropped. */
#include "../unit.h"

#include "ui/markdown.h"

/* The HTML of a text, as a C string in the arena. */
static const char *
html(struct arena *a, const char *md)
{
	struct html h = markdown_html(a, md, 1);
	return arena_strndup(a, h.p, h.n);
}

/* Headings, lists and emphasis become their elements. */
static void
renders_commonmark(void **state)
{
	struct arena a = {0};
	const char *h = html(&a, "## Vem får söka\n\n- ideella föreningar\n- *aktiva*\n");
	assert_non_null(strstr(h, "<h2>Vem får söka</h2>"));
	assert_non_null(strstr(h, "<li>ideella föreningar</li>"));
	assert_non_null(strstr(h, "<em>aktiva</em>"));
	arena_reset(&a);
}

/* Headings move down under the page's own: "#" at the level asked for,
 * and none past h6. */
static void
headings_shifted(void **state)
{
	struct arena a = {0};
	struct html h = markdown_html(&a, "# Bidraget\n\n## Vem\n\n##### Djupt\n", 3);
	const char *s = arena_strndup(&a, h.p, h.n);
	assert_non_null(strstr(s, "<h3>Bidraget</h3>"));
	assert_non_null(strstr(s, "<h4>Vem</h4>"));
	assert_non_null(strstr(s, "<h6>Djupt</h6>"));
	arena_reset(&a);
}

/* A script, an inline handler and a javascript: link never reach the
 * page; text that merely looks like markup is escaped. */
static void
drops_raw_html(void **state)
{
	struct arena a = {0};
	const char *h = html(&a, "Hej <script>alert(1)</script>\n\n<img src=x onerror=alert(2)>\n\n"
	                         "[klicka](javascript:alert(3)) 5 < 6 & 7\n");
	assert_null(strstr(h, "<script"));
	assert_null(strstr(h, "<img"));
	assert_null(strstr(h, "javascript:"));
	assert_non_null(strstr(h, "5 &lt; 6 &amp; 7"));
	arena_reset(&a);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
	        cmocka_unit_test(renders_commonmark),
	        cmocka_unit_test(drops_raw_html),
	        cmocka_unit_test(headings_shifted),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
