/* The document routes, kept by the documents' author; src/routes.c takes
 * them in. Each entry: {method, pattern, handler, access, cache}. Access is
 * any signed-in user: the handlers answer 404 to anyone who may not see
 * the case. */
#ifndef CASES_DOCUMENT_ROUTES_H
#define CASES_DOCUMENT_ROUTES_H
#define DOCUMENT_ROUTES                                                                            \
	{M_POST, "/arenden/{dnr}/dokument", case_document_upload, ACCESS_USER, 0, ROUTE_FILES},    \
	        {M_GET, "/arenden/{dnr}/dokument/{id}", case_document_download, ACCESS_USER, 0, 0},
#endif
