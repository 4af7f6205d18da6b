/* A per-thread cache of public pages for visitors who are not signed in,
 * valid while the database's content generation stays the same. */
#ifndef HTTP_CACHE_H
#define HTTP_CACHE_H
#include <microhttpd.h>
#include <stdint.h>

#include <stddef.h>

extern size_t cache_budget;
struct MHD_Response *cache_get(const char *key, size_t n, int64_t generation);
void cache_put(const char *key, size_t n, int64_t generation, struct MHD_Response *resp,
               size_t bytes);
#endif
