/* A per-thread cache of public pages for visitors who are not signed in,
 * each page valid while the content generation of its domain stays the
 * same. */
#ifndef HTTP_CACHE_H
#define HTTP_CACHE_H
#include <microhttpd.h>
#include <stddef.h>
#include <stdint.h>

struct cache_domain;

extern size_t cache_budget;
struct MHD_Response *cache_get(const struct cache_domain *d, int64_t generation, const char *key,
                               size_t n);
void cache_put(const struct cache_domain *d, int64_t generation, const char *key, size_t n,
               struct MHD_Response *resp, size_t bytes);
#endif
