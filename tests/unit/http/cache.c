/* What the public page cache keeps: pages made from every parameter of
 * their address, within a byte budget per thread, found until the next
 * write to the domain they show. */
#include "../unit.h"

#include "http/cache.h"
#include "http/decode.h"
#include "http/request.h"
#include "http/router.h"

static const struct cache_domain REGISTER = {"register", "generation"};
static const struct cache_domain DIARIUM = {"diarium", "generation:diarium"};

/* A response of n bytes, as the server makes one for a page. */
static struct MHD_Response *
page(size_t n)
{
	static char body[4096];
	return MHD_create_response_from_buffer(n, body, MHD_RESPMEM_PERSISTENT);
}

/* A page of the register at generation g, and the lookup. */
#define PUT(path, g, n) cache_put(&REGISTER, (g), (path), strlen(path), page(n), (n))
#define GET(path, g) cache_get(&REGISTER, (g), (path), strlen(path))

/* Pages are kept until the budget is spent; later ones are not, and the
 * ones already kept stay. */
static void
budget(void **state)
{
	cache_budget = 3000;
	PUT("/a", 1, 1000);
	PUT("/b", 1, 1000);
	assert_non_null(GET("/a", 1));
	assert_non_null(GET("/b", 1));
	PUT("/c", 1, 1000); /* 3006 bytes with the keys */
	assert_null(GET("/c", 1));
	assert_non_null(GET("/a", 1));
	/* the same address again replaces its page: its old bytes come back */
	PUT("/a", 1, 900);
	assert_non_null(GET("/a", 1));
	PUT("/d", 1, 50);
	assert_non_null(GET("/d", 1));
}

/* After a write (a newer generation) the old pages are never found again,
 * and their bytes are given to new pages. */
static void
new_generation(void **state)
{
	cache_budget = 3000;
	PUT("/e", 5, 2500);
	assert_non_null(GET("/e", 5));
	assert_null(GET("/e", 6));
	PUT("/f", 6, 2500);
	assert_non_null(GET("/f", 6));
}

/* A write to one domain hides its pages and gives their bytes to new ones,
 * and leaves the other domain's pages as they were. */
static void
domains(void **state)
{
	cache_budget = 6000;
	PUT("/foreningar", 7, 2000);
	cache_put(&DIARIUM, 3, "/diarium", 8, page(2000), 2000);
	assert_non_null(GET("/foreningar", 7));
	assert_non_null(cache_get(&DIARIUM, 3, "/diarium", 8));
	/* a page is found only under the domain it was kept for */
	assert_null(cache_get(&DIARIUM, 3, "/foreningar", 11));
	assert_null(GET("/diarium", 7));
	/* a new case: the diary's generation moves, the register's does not */
	assert_null(cache_get(&DIARIUM, 4, "/diarium", 8));
	assert_non_null(GET("/foreningar", 7));
	/* the diary's bytes are free again: 2000 + 3900 fit in 6000 */
	cache_put(&DIARIUM, 4, "/diarium?sida=2", 15, page(3900), 3900);
	assert_non_null(cache_get(&DIARIUM, 4, "/diarium?sida=2", 15));
	/* and a change to the register leaves the diary's page */
	assert_null(GET("/foreningar", 8));
	assert_non_null(cache_get(&DIARIUM, 4, "/diarium?sida=2", 15));
}

/* After a write the old pages are not destroyed at once but never found
 * again; new pages take their bytes back as they need them, so a budget
 * full of old pages keeps new ones. A page made at a generation older
 * than one the thread has seen is not kept. */
static void
old_pages_taken_back(void **state)
{
	/* the pages earlier tests left current are of a write ago too */
	assert_null(cache_get(&DIARIUM, 5, "/diarium?sida=2", 15));
	cache_budget = 3000;
	PUT("/g", 10, 1000);
	PUT("/h", 10, 1000);
	assert_null(GET("/g", 11));
	assert_null(GET("/h", 11));
	PUT("/i", 11, 1000);
	PUT("/j", 11, 1000);
	assert_non_null(GET("/i", 11));
	assert_non_null(GET("/j", 11));
	/* the budget is now spent on current pages: the next is not kept */
	PUT("/k", 11, 1000);
	assert_null(GET("/k", 11));
	PUT("/l", 10, 10);
	assert_null(GET("/l", 10));
	assert_null(GET("/l", 11));
	assert_non_null(GET("/i", 11));
}

/* A thread follows a bounded number of domains (16, the register and the
 * diary among them); pages of more are served but not kept, and the ones
 * kept stay. */
static void
many_domains(void **state)
{
	static struct cache_domain extra[20];
	static char keys[20][8];
	cache_budget = 1 << 20;
	for (int i = 0; i < 20; i++) {
		extra[i] = (struct cache_domain){"extra", "generation:extra"};
		snprintf(keys[i], sizeof(keys[i]), "/x%02d", i);
		cache_put(&extra[i], 1, keys[i], 4, page(10), 10);
	}
	assert_non_null(cache_get(&extra[0], 1, keys[0], 4));
	assert_non_null(cache_get(&extra[13], 1, keys[13], 4));
	assert_null(cache_get(&extra[14], 1, keys[14], 4));
	assert_null(cache_get(&extra[19], 1, keys[19], 4));
	assert_non_null(cache_get(&DIARIUM, 4, "/diarium?sida=2", 15));
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
	        cmocka_unit_test(domains),
	        cmocka_unit_test(many_domains),
	        cmocka_unit_test(old_pages_taken_back),
	        cmocka_unit_test(parameters_read),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
