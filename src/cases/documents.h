/* Documents in a case: uploads checked by content, stored under random
 * names outside anything served, downloaded only by those who may see the
 * case. */
#ifndef CASES_DOCUMENTS_H
#define CASES_DOCUMENTS_H
#include "cases/case.h"
#include "http/decode.h"

/* Where documents are stored; set by `serve --files DIR`. */
extern const char *documents_dir;
/* The largest document accepted, in bytes; set by `serve --max-upload`. */
extern size_t documents_max_size;

/* A stored document's name on disk: random, this many lower-case hex
 * digits; documents_name_ok says whether n bytes at s are one. */
enum { DOCUMENTS_NAME_HEX = 32 };
int documents_name_ok(const char *s, size_t n);

/* At start: removes the files a crash left without their rows and the
 * stale temporary files, and logs how many (documents_sweep.c). */
void documents_sweep(struct db *db);

/* Stores one upload in the caller's transaction and records it in the
 * trail. kind: stadgar, protokoll, komplettering, ovrigt. Returns 0, or -1
 * with *error set to a message for the person (in their language); -2 (with
 * a message too) when the fault is ours: disk or database. */
int documents_store(struct req *r, const struct case_row *c, const struct upload *u,
                    const char *kind, const struct actor *a, const char **error);

/* The case's documents, for the case page. */
struct document {
	int64_t id;
	const char *kind, *filename, *content_type, *uploader;
	int64_t size, at;
};
int documents_list(struct db *db, struct arena *a, int64_t case_id, struct document **out,
                   size_t *n);

void case_document_upload(struct req *r);   /* POST /arenden/{dnr}/dokument */
void case_document_download(struct req *r); /* GET /arenden/{dnr}/dokument/{id} */
int documents_kind_known(const char *kind);
#endif
