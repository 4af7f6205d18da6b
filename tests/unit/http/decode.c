/* Decoding what a browser sends: URL escapes, forms, cookies, multipart
 * bodies. Handlers rely on every value being valid UTF-8 without NUL. */
#include "../unit.h"

#include "base/buf.h"
#include "http/decode.h"
#include "../../fuzz/mp_collect.h"

static struct arena a;

/* Each test starts with an empty arena. */
static int
reset(void **state)
{
	arena_reset(&a);
	return 0;
}

/* url_decode of a C string: the decoded text, or NULL when refused. */
static const char *
decode(const char *s, int plus)
{
	char *out;
	size_t n;
	if (url_decode(&a, s, strlen(s), plus, &out, &n) != 0)
		return NULL;
	assert_int_equal(n, strlen(out));
	return out;
}

/* Escapes decode to bytes; '+' is a space only in forms. */
static void
url_escapes(void **state)
{
	assert_string_equal(decode("Malm%C3%B6%20FF", 0), "Malmö FF");
	assert_string_equal(decode("a%2bb%2Fc", 0), "a+b/c");
	assert_string_equal(decode("rad%0Atvå", 0), "rad\ntvå");
	assert_string_equal(decode("a+b", 1), "a b");
	assert_string_equal(decode("a+b", 0), "a+b");
	assert_string_equal(decode("", 0), "");
}

/* NUL, control bytes, broken escapes and invalid UTF-8 never reach a
 * handler. */
static void
url_refused(void **state)
{
	const char *bad[] = {"a%00b", "%01", "%7F",    "%",         "%4",     "ab%",   "%zz", "%g0",
	                     "%C3",   "%FF", "%C3%28", "%ED%A0%80", "%C0%AF", "a\x01", "\xc3"};
	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++)
		assert_null(decode(bad[i], 1));
}

/* Query strings and urlencoded bodies: pairs in order, repeated keys kept,
 * '&' and ';' both separate, a key without '=' has an empty value. */
static void
forms(void **state)
{
	struct kvlist l = {0};
	const char *s = "namn=Malm%C3%B6+FF&epost=a%40b.se;tom=&&flagga&omrade=1&omrade=2&x=a=b";
	assert_int_equal(form_parse(&a, s, strlen(s), &l), 0);
	assert_int_equal(l.n, 7);
	assert_string_equal(kv_get(&l, "namn"), "Malmö FF");
	assert_int_equal(l.items[0].vlen, strlen("Malmö FF"));
	assert_string_equal(kv_get(&l, "epost"), "a@b.se");
	assert_string_equal(kv_get(&l, "tom"), "");
	assert_string_equal(kv_get(&l, "flagga"), "");
	assert_string_equal(kv_get(&l, "omrade"), "1");
	assert_string_equal(l.items[5].k, "omrade");
	assert_string_equal(l.items[5].v, "2");
	assert_string_equal(kv_get(&l, "x"), "a=b");
	assert_null(kv_get(&l, "saknas"));
}

/* One bad escape refuses the whole form, key or value. */
static void
form_refused(void **state)
{
	struct kvlist l = {0};
	assert_int_equal(form_parse(&a, "a=1&b=%00", 9, &l), -1);
	l = (struct kvlist){0};
	assert_int_equal(form_parse(&a, "a%zz=1", 6, &l), -1);
	l = (struct kvlist){0};
	assert_int_equal(form_parse(&a, "a=%C3", 5, &l), -1);
}

/* At most DECODE_MAX_FIELDS pairs: a request with more is refused rather
 * than costing memory and time. */
static void
form_field_cap(void **state)
{
	struct buf b = {0};
	for (int i = 0; i < DECODE_MAX_FIELDS; i++)
		buf_printf(&b, "%sf%d=%d", i ? "&" : "", i, i);
	struct kvlist l = {0};
	assert_int_equal(form_parse(&a, b.data, b.len, &l), 0);
	assert_int_equal(l.n, DECODE_MAX_FIELDS);
	assert_string_equal(kv_get(&l, "f999"), "999");
	buf_puts(&b, "&one=more");
	l = (struct kvlist){0};
	assert_int_equal(form_parse(&a, b.data, b.len, &l), -1);
	buf_free(&b);
}

/* Cookie headers as browsers send them; quoted values unquoted; pairs
 * without a name or with control bytes dropped. */
static void
cookies(void **state)
{
	struct kvlist l = {0};
	const char *h = "sid=abc123; csrf=\"tok\"; =anon; junk; x=1 ;bad=a\x01b; last=z";
	assert_int_equal(cookies_parse(&a, h, strlen(h), &l), 0);
	assert_string_equal(kv_get(&l, "sid"), "abc123");
	assert_string_equal(kv_get(&l, "csrf"), "tok");
	assert_string_equal(kv_get(&l, "x"), "1");
	assert_string_equal(kv_get(&l, "last"), "z");
	assert_null(kv_get(&l, "bad"));
	assert_null(kv_get(&l, "junk"));
	assert_int_equal(l.n, 4);
}

/* The boundary from a Content-Type, quoted or not, 1 to 70 characters. */
static void
boundary(void **state)
{
	const char *b;
	assert_int_equal(multipart_boundary(&a, "multipart/form-data; boundary=----x1", &b), 0);
	assert_string_equal(b, "----x1");
	assert_int_equal(
	        multipart_boundary(&a, "Multipart/Form-Data; charset=utf-8; BOUNDARY=\"a b\"", &b),
	        0);
	assert_string_equal(b, "a b");
	assert_int_equal(multipart_boundary(&a, "multipart/form-data; boundary=q; x=1", &b), 0);
	assert_string_equal(b, "q");
	assert_int_equal(multipart_boundary(&a, "text/plain; boundary=x", &b), -1);
	assert_int_equal(multipart_boundary(&a, "multipart/form-data", &b), -1);
	assert_int_equal(multipart_boundary(&a, "multipart/form-data; boundary=", &b), -1);
	assert_int_equal(multipart_boundary(&a, "multipart/form-data; boundary=\"open", &b), -1);
	char ct[128] = "multipart/form-data; boundary=";
	memset(ct + strlen(ct), 'b', 70);
	assert_int_equal(multipart_boundary(&a, ct, &b), 0);
	assert_int_equal(strlen(b), 70);
	strcat(ct, "b");
	assert_int_equal(multipart_boundary(&a, ct, &b), -1);
}

/* Parses a body whole, and again one byte at a time, which must come out
 * the same; returns the parser's result. */
static int
parse_body(const char *body, size_t n, struct kvlist *fields, struct uploads *files)
{
	struct mp_collect whole, bytes;
	int rc = collect_parse(&whole, &a, "XyZ", body, n, 0);
	assert_int_equal(collect_parse(&bytes, &a, "XyZ", body, n, 1), rc);
	if (rc == 0) {
		assert_int_equal(bytes.fields.n, whole.fields.n);
		for (size_t i = 0; i < whole.fields.n; i++)
			assert_string_equal(bytes.fields.items[i].v, whole.fields.items[i].v);
		assert_int_equal(bytes.files.n, whole.files.n);
		for (size_t i = 0; i < whole.files.n; i++) {
			assert_int_equal(bytes.files.items[i].len, whole.files.items[i].len);
			assert_memory_equal(bytes.files.items[i].data, whole.files.items[i].data,
			                    whole.files.items[i].len);
		}
	}
	*fields = whole.fields;
	*files = whole.files;
	return rc;
}

#define BODY_OK                                                                                    \
	"--XyZ\r\n"                                                                                \
	"Content-Disposition: form-data; name=\"namn\"\r\n"                                        \
	"\r\n"                                                                                     \
	"Malmö FF\r\n"                                                                            \
	"--XyZ\r\n"                                                                                \
	"content-disposition: form-data; filename=\"lista.csv\"; name=\"fil\"\r\n"                 \
	"Content-Type: text/csv\r\n"                                                               \
	"\r\n"                                                                                     \
	"a,b\r\n1,\0002\r\n"                                                                       \
	"--XyZ\r\n"                                                                                \
	"Content-Disposition: form-data; name=\"tom\"\r\n"                                         \
	"\r\n"                                                                                     \
	"\r\n"                                                                                     \
	"--XyZ--\r\n"

/* Text parts become fields, a part with a filename an upload with its
 * bytes as sent (NUL included). */
static void
multipart_fields_and_file(void **state)
{
	struct kvlist f;
	struct uploads u;
	assert_int_equal(parse_body(BODY_OK, sizeof(BODY_OK) - 1, &f, &u), 0);
	assert_int_equal(f.n, 2);
	assert_string_equal(kv_get(&f, "namn"), "Malmö FF");
	assert_string_equal(kv_get(&f, "tom"), "");
	assert_int_equal(u.n, 1);
	assert_string_equal(u.items[0].field, "fil");
	assert_string_equal(u.items[0].filename, "lista.csv");
	assert_string_equal(u.items[0].ctype, "text/csv");
	assert_int_equal(u.items[0].len, 9);
	assert_memory_equal(u.items[0].data, "a,b\r\n1,\0002", 9);
}

/* A truncated or malformed body is refused as a whole, and so is a file
 * name with a NUL or another control byte in it (never cut short). */
static void
multipart_refused(void **state)
{
	struct kvlist f;
	struct uploads u;
	const char *no_end = "--XyZ\r\nContent-Disposition: form-data; name=\"a\"\r\n\r\nvärde\r\n";
	assert_int_equal(parse_body(no_end, strlen(no_end), &f, &u), -1);
	const char *no_dashes =
	        "--XyZ\r\nContent-Disposition: form-data; name=\"a\"\r\n\r\nv\r\n--XyZ";
	assert_int_equal(parse_body(no_dashes, strlen(no_dashes), &f, &u), -1);
	const char *no_blank =
	        "--XyZ\r\nContent-Disposition: form-data; name=\"a\"\r\nvärde\r\n--XyZ--";
	assert_int_equal(parse_body(no_blank, strlen(no_blank), &f, &u), -1);
	const char *no_name = "--XyZ\r\nContent-Disposition: form-data\r\n\r\nv\r\n--XyZ--\r\n";
	assert_int_equal(parse_body(no_name, strlen(no_name), &f, &u), -1);
	const char *other =
	        "--Abc\r\nContent-Disposition: form-data; name=\"a\"\r\n\r\nv\r\n--Abc--";
	assert_int_equal(parse_body(other, strlen(other), &f, &u), -1);
	const char *bad_text =
	        "--XyZ\r\nContent-Disposition: form-data; name=\"a\"\r\n\r\n\xff\r\n--XyZ--";
	assert_int_equal(parse_body(bad_text, strlen(bad_text), &f, &u), 400); /* the sink's word */
	assert_int_equal(parse_body("", 0, &f, &u), -1);
	static const char nul_name[] = "--XyZ\r\nContent-Disposition: form-data; name=\"f\"; "
	                               "filename=\"a.pdf\0.html\"\r\n\r\nv\r\n--XyZ--";
	assert_int_equal(parse_body(nul_name, sizeof(nul_name) - 1, &f, &u), -1);
	const char *tab_name = "--XyZ\r\nContent-Disposition: form-data; name=\"f\"; "
	                       "filename=\"a\x01b.pdf\"\r\n\r\nv\r\n--XyZ--";
	assert_int_equal(parse_body(tab_name, strlen(tab_name), &f, &u), -1);
	const char *empty = "--XyZ--\r\n";
	assert_int_equal(parse_body(empty, strlen(empty), &f, &u), 0);
	assert_int_equal(f.n + u.n, 0);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
	        cmocka_unit_test_teardown(url_escapes, reset),
	        cmocka_unit_test_teardown(url_refused, reset),
	        cmocka_unit_test_teardown(forms, reset),
	        cmocka_unit_test_teardown(form_refused, reset),
	        cmocka_unit_test_teardown(form_field_cap, reset),
	        cmocka_unit_test_teardown(cookies, reset),
	        cmocka_unit_test_teardown(boundary, reset),
	        cmocka_unit_test_teardown(multipart_fields_and_file, reset),
	        cmocka_unit_test_teardown(multipart_refused, reset),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
