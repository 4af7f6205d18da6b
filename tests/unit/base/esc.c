/* Escaping for element text, attributes and URLs: what stands between a
 * name typed into the register and a script running in a visitor's
 * browser. */
#include "../unit.h"

#include "base/esc.h"

#include <jansson.h>

typedef void (*esc_fn)(struct buf *, const char *, size_t);

/* Runs one escaper over a C string and returns its output (freed by the
 * caller). */
static char *
esc(esc_fn fn, const char *s)
{
	struct buf b = {0};
	fn(&b, s, strlen(s));
	assert_int_equal(b.err, 0);
	return buf_take(&b);
}

/* Checks one escaper's output for one input. */
static void
check(esc_fn fn, const char *in, const char *want)
{
	char *got = esc(fn, in);
	assert_string_equal(got, want);
	free(got);
}

/* All five characters that can end text or a quoted attribute. */
static void
html_specials(void **state)
{
	check(esc_html, "Malmö & Co <b>\"Bästa\"</b> 'IK'",
	      "Malmö &amp; Co &lt;b&gt;&quot;Bästa&quot;&lt;/b&gt; &#39;IK&#39;");
	check(esc_html, "<script>alert(1)</script>", "&lt;script&gt;alert(1)&lt;/script&gt;");
	check(esc_html, "&amp;", "&amp;amp;");
	check(esc_html, "plain text", "plain text");
	check(esc_html, "", "");
}

/* Only http, https, mailto and relative URLs, in any letter case. */
static void
scheme_allow_list(void **state)
{
	const char *refused[] = {"javascript:alert(1)",
	                         "JaVaScRiPt:alert(1)",
	                         "data:text/html,<script>alert(1)</script>",
	                         "vbscript:msgbox",
	                         "file:///etc/passwd",
	                         " javascript:x"};
	for (size_t i = 0; i < sizeof(refused) / sizeof(refused[0]); i++)
		assert_false(url_scheme_allowed(refused[i], strlen(refused[i])));
	const char *allowed[] = {"http://example.se",
	                         "https://malmo.se/a?b=c",
	                         "HTTPS://X.SE",
	                         "mailto:info@ff.se",
	                         "/foreningar/12",
	                         "foreningar?q=a:b",
	                         "#huvud",
	                         "?sida=2",
	                         ""};
	for (size_t i = 0; i < sizeof(allowed) / sizeof(allowed[0]); i++)
		assert_true(url_scheme_allowed(allowed[i], strlen(allowed[i])));
}

/* A refused scheme or a control character leaves a harmless "#"; a good
 * URL is kept and escaped as an attribute. */
static void
url_attr(void **state)
{
	check(esc_url_attr, "javascript:alert(1)", "#");
	check(esc_url_attr, "JaVaScRiPt:alert(1)", "#");
	check(esc_url_attr, "  javascript:alert(1)", "#");
	check(esc_url_attr, "data:text/html;base64,PHNjcmlwdD4=", "#");
	check(esc_url_attr, "java\tscript:alert(1)", "#");
	check(esc_url_attr, "https://a.se/\nx", "#");
	check(esc_url_attr, "/x\x01", "#");
	check(esc_url_attr, "https://a.se/?a=1&b=\"2\"", "https://a.se/?a=1&amp;b=&quot;2&quot;");
	check(esc_url_attr, "  https://a.se", "https://a.se");
	check(esc_url_attr, "mailto:info@ff.se", "mailto:info@ff.se");
	check(esc_url_attr, "/foreningar?q=<x>", "/foreningar?q=&lt;x&gt;");
}

/* A query value keeps only unreserved characters; UTF-8 is encoded byte by
 * byte in upper-case hex. */
static void
url_component(void **state)
{
	check(esc_url_component, "Malmö stad & co/1?", "Malm%C3%B6%20stad%20%26%20co%2F1%3F");
	check(esc_url_component, "a-b_c.d~E9", "a-b_c.d~E9");
	check(esc_url_component, "\"><script>", "%22%3E%3Cscript%3E");
	check(esc_url_component, "a+b=c#d", "a%2Bb%3Dc%23d");
}

/* What jansson writes for s as a JSON string (freed by the caller). */
static char *
jansson_string(const char *s)
{
	json_t *v = json_string(s);
	assert_non_null(v);
	char *out = json_dumps(v, JSON_ENCODE_ANY | JSON_COMPACT);
	json_decref(v);
	return out;
}

/* A JSON string is quoted and escaped exactly as jansson's json_dumps
 * writes it (the API's bytes did not change when it stopped building a
 * tree): every ASCII character alone and among others, and UTF-8 copied. */
static void
json_string_as_jansson(void **state)
{
	for (int c = 1; c < 0x80; c++) {
		char in[] = {'a', (char)c, 'b', 0};
		char *want = jansson_string(in);
		struct buf b = {0};
		esc_json(&b, in, strlen(in));
		assert_string_equal(buf_cstr(&b), want);
		buf_free(&b);
		free(want);
	}
	const char *texts[] = {"", "Malmö FF \"Di Blåe\"", "C:\\väg\\till/fil",
	                       "rad ett\nrad två\r\n\tindrag\x01\x1f\x7f",
	                       "Συλλογος Ελλήνων · جمعية · Ümraniye · Łódź · 🎵"};
	for (size_t i = 0; i < sizeof(texts) / sizeof(texts[0]); i++) {
		char *want = jansson_string(texts[i]);
		struct buf b = {0};
		esc_json(&b, texts[i], strlen(texts[i]));
		assert_string_equal(buf_cstr(&b), want);
		buf_free(&b);
		free(want);
	}
	check(esc_json, "say \"hi\"\n", "\"say \\\"hi\\\"\\n\"");
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
	        cmocka_unit_test(html_specials),
	        cmocka_unit_test(scheme_allow_list),
	        cmocka_unit_test(url_attr),
	        cmocka_unit_test(url_component),
	        cmocka_unit_test(json_string_as_jansson),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
