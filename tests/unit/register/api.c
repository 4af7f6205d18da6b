/* The register's JSON API writes its objects straight into the output: the
 * bytes must be what the jansson tree it replaced gave (json_dumps,
 * compact), for every kind of value an association can hold. */
#include "../unit.h"

#include <jansson.h>

#include "register/api.c"

/* The object as the API built it before: a jansson tree under the CSV's
 * field names, kept here as the reference. */
static json_t *
tree_pipe_array(const char *s)
{
	json_t *arr = json_array();
	while (*s) {
		size_t n = strcspn(s, "|");
		json_array_append_new(arr, json_stringn(s, n));
		s += n;
		if (*s)
			s++;
	}
	return arr;
}

static json_t *
tree_assoc(const struct assoc *x)
{
	json_t *o = json_object();
	json_object_set_new(o, "id", json_integer(x->id));
	json_object_set_new(o, "organisationsnummer",
	                    x->orgnr[0] ? json_string(x->orgnr) : json_null());
	json_object_set_new(o, "namn", json_string(x->name));
	json_object_set_new(o, "form", json_string(x->form));
	json_object_set_new(o, "andamal", json_string(x->purpose));
	json_object_set_new(o, "omraden", tree_pipe_array(x->areas));
	json_object_set_new(o, "malgrupper", tree_pipe_array(x->groups));
	json_object_set_new(o, "epost", json_string(x->email));
	json_object_set_new(o, "telefon", json_string(x->phone));
	json_object_set_new(o, "webbplats", json_string(x->website));
	json_object_set_new(o, "grundad", x->founded ? json_integer(x->founded) : json_null());
	json_object_set_new(o, "medlemmar", x->members ? json_integer(x->members) : json_null());
	return o;
}

/* Checks one association's bytes against the tree's. */
static void
same_bytes(const struct assoc *x)
{
	json_t *o = tree_assoc(x);
	char *want = json_dumps(o, JSON_COMPACT);
	json_decref(o);
	struct buf b = {0};
	assoc_json(&b, x, NULL);
	assert_int_equal(b.err, 0);
	assert_string_equal(buf_cstr(&b), want);
	buf_free(&b);
	free(want);
}

/* A full association, an informal network with nothing optional, and text
 * with every character JSON escapes, in several scripts; names lists that
 * are empty, have one name, or an empty name at either end. */
static void
objects_as_the_tree_wrote_them(void **state)
{
	struct assoc full = {
	        .id = 4711,
	        .orgnr = "802000-1234",
	        .name = "Malmö Schackklubb \"Springaren\"",
	        .form = "ideell",
	        .purpose = "Schack för alla åldrar.\nTräning\ttisdagar, C:\\klubb/arkiv \x01\x1f.",
	        .email = "info@springaren.se",
	        .phone = "040-12 34 56",
	        .website = "https://springaren.se/?a=1&b=2",
	        .founded = 1912,
	        .members = 250,
	        .areas = "Lindängen|Rosengård",
	        .groups = "Unga",
	};
	struct assoc bare = {
	        .id = 1,
	        .orgnr = "",
	        .name = "Συλλογος Ελλήνων · جمعية · Łódź 🎵",
	        .form = "informell",
	        .purpose = "",
	        .email = "",
	        .phone = "",
	        .website = "",
	        .areas = "",
	        .groups = "|A",
	};
	struct assoc ends = bare;
	ends.areas = "A|";
	ends.groups = "A||B";
	ends.members = 10000000;
	same_bytes(&full);
	same_bytes(&bare);
	same_bytes(&ends);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
	        cmocka_unit_test(objects_as_the_tree_wrote_them),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
