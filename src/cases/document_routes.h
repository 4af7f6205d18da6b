/* The document routes, kept by the documents' author; src/routes.c takes
 * them in. Each entry: {method, pattern, handler, access, cache}. */
#ifndef CASES_DOCUMENT_ROUTES_H
#define CASES_DOCUMENT_ROUTES_H
#define DOCUMENT_ROUTES
#endif
