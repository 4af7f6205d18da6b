/* Routing against the real route table: which handler a URL reaches, and
 * whether a miss is 404 (no such page) or 405 (page exists, wrong method). */
#include "../unit.h"

#include "admin/admin.h"
#include "account/login.h"
#include "auth/roles.h"
#include "http/router.h"
#include "register/pages.h"

static struct req r;

/* Frees what matching put in the request's arena. */
static int
reset(void **state)
{
	arena_reset(&r.a);
	memset(&r, 0, sizeof(r));
	return 0;
}

/* Matches method and path; *wrong is set as route_match sets it. */
static const struct route *
match(enum method m, const char *path, int *wrong)
{
	r.method = m;
	r.path = path;
	r.nparams = -1;
	return route_match(&r, wrong);
}

/* Fixed paths reach their handler with the method they declare. */
static void
fixed_paths(void **state)
{
	int wrong;
	const struct route *rt = match(M_GET, "/foreningar", &wrong);
	assert_non_null(rt);
	assert_ptr_equal(rt->fn, register_list_page);
	assert_int_equal(wrong, 0);
	assert_int_equal(r.nparams, 0);
	assert_ptr_equal(match(M_GET, "/logga-in", &wrong)->fn, login_form);
	assert_ptr_equal(match(M_POST, "/logga-in", &wrong)->fn, login_submit);
	assert_ptr_equal(match(M_GET, "/admin/foreningar/ny", &wrong)->fn, admin_assoc_new);
	assert_ptr_equal(match(M_POST, "/admin/anvandare/roll", &wrong)->fn, admin_user_role);
}

/* {id} takes one non-empty path segment and hands it to the handler. */
static void
parameters(void **state)
{
	int wrong;
	const struct route *rt = match(M_GET, "/foreningar/42", &wrong);
	assert_non_null(rt);
	assert_ptr_equal(rt->fn, register_detail_page);
	assert_int_equal(r.nparams, 1);
	assert_string_equal(r.params[0], "42");
	rt = match(M_GET, "/api/v1/foreningar/7", &wrong);
	assert_ptr_equal(rt->fn, register_detail_json);
	assert_string_equal(r.params[0], "7");
	rt = match(M_POST, "/admin/foreningar/123", &wrong);
	assert_ptr_equal(rt->fn, admin_assoc_update);
	assert_string_equal(r.params[0], "123");
	rt = match(M_GET, "/foreningar/inte-ett-tal", &wrong);
	assert_ptr_equal(rt->fn, register_detail_page);
	assert_string_equal(r.params[0], "inte-ett-tal");
}

/* No route: 404, not 405. */
static void
not_found(void **state)
{
	const char *paths[] = {"/foreningar/",
	                       "/foreningar/1/2",
	                       "/FORENINGAR",
	                       "/finns-inte",
	                       "/foreningar//",
	                       "/foreningarx",
	                       "",
	                       "/admin/",
	                       "/api/v1/foreningar/",
	                       "//foreningar"};
	for (size_t i = 0; i < sizeof(paths) / sizeof(paths[0]); i++) {
		int wrong = -1;
		assert_null(match(M_GET, paths[i], &wrong));
		assert_int_equal(wrong, 0);
		wrong = -1;
		assert_null(match(M_POST, paths[i], &wrong));
		assert_int_equal(wrong, 0);
	}
}

/* A path that exists with another method: 405. */
static void
wrong_method(void **state)
{
	int wrong;
	assert_null(match(M_POST, "/foreningar/42", &wrong));
	assert_int_equal(wrong, 1);
	assert_null(match(M_POST, "/foreningar", &wrong));
	assert_int_equal(wrong, 1);
	assert_null(match(M_GET, "/logga-ut", &wrong));
	assert_int_equal(wrong, 1);
	assert_null(match(M_OTHER, "/admin", &wrong));
	assert_int_equal(wrong, 1);
}

/* HEAD is answered by the GET route. */
static void
head_is_get(void **state)
{
	int wrong;
	const struct route *rt = match(M_HEAD, "/foreningar/5", &wrong);
	assert_non_null(rt);
	assert_ptr_equal(rt->fn, register_detail_page);
	assert_null(match(M_HEAD, "/logga-ut", &wrong));
	assert_int_equal(wrong, 1);
}

/* Default deny: every route says who may call it, and everything under
 * /admin is for administrators only. */
static void
every_route_declares_access(void **state)
{
	int n = 0;
	for (const struct route *rt = routes; rt->pattern; rt++, n++) {
		assert_int_not_equal(rt->access, 0);
		if (strncmp(rt->pattern, "/admin", 6) == 0)
			assert_int_equal(rt->access, ROLE_ADMIN);
	}
	assert_true(n > 10);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
	        cmocka_unit_test_teardown(fixed_paths, reset),
	        cmocka_unit_test_teardown(parameters, reset),
	        cmocka_unit_test_teardown(not_found, reset),
	        cmocka_unit_test_teardown(wrong_method, reset),
	        cmocka_unit_test_teardown(head_is_get, reset),
	        cmocka_unit_test_teardown(every_route_declares_access, reset),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
