/* CSV as the open-data export writes it and the import reads it: what a
 * spreadsheet user sees, and which line an import error points at. */
#include "../unit.h"

#include "base/csv.h"

/* One field as the writer puts it. */
static void
check_field(const char *in, const char *want)
{
	struct buf b = {0};
	csv_field(&b, in, strlen(in));
	assert_string_equal(buf_cstr(&b), want);
	buf_free(&b);
}

/* Reads a whole file and describes it: "LINE:field|field" per record,
 * "LINE:ERR" for a malformed one, newlines in fields shown as \n. */
static char *
read_all(const char *data, size_t n, char *sep)
{
	struct csv_reader r;
	struct arena a = {0};
	struct buf out = {0};
	char *f[CSV_MAX_FIELDS];
	int nf, got;
	csv_reader_init(&r, data, n);
	if (sep)
		*sep = r.sep;
	while ((got = csv_next(&r, &a, f, &nf)) != 0) {
		buf_printf(&out, "%d:", r.line);
		if (got < 0)
			buf_puts(&out, "ERR");
		for (int i = 0; got > 0 && i < nf; i++) {
			if (i)
				buf_putc(&out, '|');
			for (const char *p = f[i]; *p; p++)
				if (*p == '\n')
					buf_puts(&out, "\\n");
				else
					buf_putc(&out, *p);
		}
		buf_putc(&out, '\n');
	}
	arena_reset(&a);
	return buf_take(&out);
}

/* Checks read_all's description of a file. */
static void
check_read(const char *data, const char *want)
{
	char *got = read_all(data, strlen(data), NULL);
	assert_string_equal(got, want);
	free(got);
}

/* Quotes only when a separator, quote or line break is in the field. */
static void
writer_quoting(void **state)
{
	check_field("Malmö FF", "Malmö FF");
	check_field("Idrott, kultur", "\"Idrott, kultur\"");
	check_field("Idrott; kultur", "\"Idrott; kultur\"");
	check_field("Föreningen \"Vänner\"", "\"Föreningen \"\"Vänner\"\"\"");
	check_field("rad ett\nrad två", "\"rad ett\nrad två\"");
	check_field("cr\r", "\"cr\r\"");
	check_field("", "");
}

/* A field that a spreadsheet would run as a formula is defused with a
 * leading apostrophe; phone numbers and negative numbers are left alone,
 * but a sign followed by more than a number is a formula. */
static void
writer_formula_guard(void **state)
{
	check_field("=1+1", "\"'=1+1\"");
	check_field("@x", "\"'@x\"");
	check_field("-x", "\"'-x\"");
	check_field("+x", "\"'+x\"");
	check_field("=HYPERLINK(\"http://x\")", "\"'=HYPERLINK(\"\"http://x\"\")\"");
	check_field("\tx", "\"'\tx\"");
	check_field("-1+cmd|' /C calc'!A0", "\"'-1+cmd|' /C calc'!A0\"");
	check_field("+1+1", "\"'+1+1\"");
	check_field("-2e3", "\"'-2e3\"");
	check_field("+46 40 34 10 00", "+46 40 34 10 00");
	check_field("+46 (0)40-34 10 00", "+46 (0)40-34 10 00");
	check_field("-5", "-5");
	check_field("-2.5", "-2.5");
	check_field("a=1", "a=1");
}

/* The separator is whichever of ',' and ';' the first line has more of
 * outside quotes: Swedish Excel writes ';'. */
static void
separator_detection(void **state)
{
	char sep;
	const char *c = "namn,ort\nA,Malmö\n", *s = "namn;ort\nA;B,C\n";
	char *got = read_all(c, strlen(c), &sep);
	assert_int_equal(sep, ',');
	assert_string_equal(got, "1:namn|ort\n2:A|Malmö\n");
	free(got);
	got = read_all(s, strlen(s), &sep);
	assert_int_equal(sep, ';');
	assert_string_equal(got, "1:namn|ort\n2:A|B,C\n");
	free(got);
	const char *q = "\"a,b,c\";d;e\n";
	got = read_all(q, strlen(q), &sep);
	assert_int_equal(sep, ';');
	assert_string_equal(got, "1:a,b,c|d|e\n");
	free(got);
}

/* Doubled quotes, separators and line breaks inside quotes; line numbers
 * count the physical lines a multi-line field takes. */
static void
quoted_fields(void **state)
{
	check_read("\"säg \"\"hej\"\"\",x\n", "1:säg \"hej\"|x\n");
	check_read("h1,h2\n\"två\nrader\",x\nnästa,y\n", "1:h1|h2\n2:två\\nrader|x\n4:nästa|y\n");
	check_read("a,\"b\n\nc\",d\ne,f\n", "1:a|b\\n\\nc|d\n4:e|f\n");
	check_read("\"\",\"\"\n", "1:|\n");
	check_read("a,,\n", "1:a||\n");
}

/* A byte order mark, CRLF line ends, empty lines and a missing final line
 * break, as files from Windows and spreadsheets have them. */
static void
file_shapes(void **state)
{
	check_read("\xef\xbb\xbfnamn;ort\nA;B\n", "1:namn|ort\n2:A|B\n");
	check_read("a,b\r\nc,d\r\n", "1:a|b\n2:c|d\n");
	check_read("a,b\n\n\r\n\nc,d\n", "1:a|b\n5:c|d\n");
	check_read("\n\na,b", "3:a|b\n");
	check_read("a,\"x\r\ny\"\r\nc,d", "1:a|x\r\\ny\n3:c|d\n");
	check_read("", "");
}

/* A malformed record is reported at its line and reading goes on with the
 * next line, so an import reports every bad row at once. */
static void
malformed_records(void **state)
{
	check_read("a,b\n\"x\"y,z\nc,d\n", "1:a|b\n2:ERR\n3:c|d\n");
	check_read("a,b\n\"öppen,z\nc,d\n", "1:a|b\n2:ERR\n3:c|d\n");
	check_read("a,\"två\nrader\"x,y\nc,d\n", "1:ERR\n3:c|d\n");
	check_read("a,b\nc,\"aldrig stängd\n", "1:a|b\n2:ERR\n");
	struct buf wide = {0};
	for (int i = 0; i <= CSV_MAX_FIELDS; i++)
		buf_puts(&wide, "x,");
	buf_puts(&wide, "x\nc,d\n");
	check_read(buf_cstr(&wide), "1:ERR\n2:c|d\n");
	buf_free(&wide);
}

/* What the export writes, the import reads back: every field as it was,
 * a formula with its apostrophe. */
static void
round_trip(void **state)
{
	const char *fields[] = {"Malmö FF", "a,b;c", "\"citat\"", "två\nrader", "=SUM(A1)", ""};
	struct buf b = {0};
	for (size_t i = 0; i < 6; i++) {
		if (i)
			buf_putc(&b, ',');
		csv_field(&b, fields[i], strlen(fields[i]));
	}
	buf_puts(&b, "\r\n");
	char *got = read_all(b.data, b.len, NULL);
	assert_string_equal(got, "1:Malmö FF|a,b;c|\"citat\"|två\\nrader|'=SUM(A1)|\n");
	free(got);
	buf_free(&b);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
	        cmocka_unit_test(writer_quoting),      cmocka_unit_test(writer_formula_guard),
	        cmocka_unit_test(separator_detection), cmocka_unit_test(quoted_fields),
	        cmocka_unit_test(file_shapes),         cmocka_unit_test(malformed_records),
	        cmocka_unit_test(round_trip),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
