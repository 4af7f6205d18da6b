/* What the public page cache keeps: pages made from every parameter of
 * their address, within a byte budget per thread, until the next write. */
#include "../unit.h"

#include "http/cache.h"
#include "http/decode.h"
#include "http/request.h"

/* A response of n bytes, as the server makes one for a page. */
static struct MHD_Response *
page(size_t n)
{
	static char body[4096];
	return MHD_create_response_from_buffer(n, body, MHD_RESPMEM_PERSISTENT);
}

/* Pages are kept until the budget is spent; later ones are not, and the
 * ones already kept stay. */
static void
budget(void **state)
{
	cache_budget = 3000;
	cache_put("/a", 2, 1, page(1000), 1000);
	cache_put("/b", 2, 1, page(1000), 1000);
	assert_non_null(cache_get("/a", 2, 1));
	assert_non_null(cache_get("/b", 2, 1));
	cache_put("/c", 2, 1, page(1000), 1000); /* 3006 bytes with the keys */
	assert_null(cache_get("/c", 2, 1));
	assert_non_null(cache_get("/a", 2, 1));
	/* the same address again replaces its page: its old bytes come back */
	cache_put("/a", 2, 1, page(900), 900);
	assert_non_null(cache_get("/a", 2, 1));
	cache_put("/d", 2, 1, page(50), 50);
	assert_non_null(cache_get("/d", 2, 1));
}

/* A write (a newer generation) empties the cache and its budget. */
static void
new_generation(void **state)
{
	cache_budget = 3000;
	cache_put("/e", 2, 5, page(2500), 2500);
	assert_non_null(cache_get("/e", 2, 5));
	assert_null(cache_get("/e", 2, 6));
	cache_put("/f", 2, 6, page(2500), 2500);
	assert_non_null(cache_get("/f", 2, 6));
}

/* The query of a request, parsed as the server parses it. */
static void
query(struct req *r, const char *q)
{
	memset(r, 0, sizeof(*r));
	assert_int_equal(form_parse(&r->a, q, strlen(q), &r->query), 0);
}

/* A page is keepable only when its handler asked for every parameter. */
static void
parameters_read(void **state)
{
	struct req r;
	query(&r, "");
	assert_true(req_query_all_read(&r));
	query(&r, "q=schack&sida=2");
	req_query(&r, "q");
	assert_false(req_query_all_read(&r));
	req_query(&r, "sida");
	req_query(&r, "omrade"); /* absent: asking changes nothing */
	assert_true(req_query_all_read(&r));
	arena_reset(&r.a);
	query(&r, "q=schack&x=1");
	req_query(&r, "q");
	assert_false(req_query_all_read(&r));
	arena_reset(&r.a);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
	        cmocka_unit_test(budget),
	        cmocka_unit_test(new_generation),
	        cmocka_unit_test(parameters_read),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
