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

/* At most this much in documents per case, and per association over all
 * its cases (documents_quota.c); serve --case-quota and
 * --association-quota set others. */
#define DOCUMENTS_CASE_QUOTA ((int64_t)50 * 1024 * 1024)
#define DOCUMENTS_ASSOCIATION_QUOTA ((int64_t)200 * 1024 * 1024)
extern int64_t documents_case_quota, documents_association_quota;
/* In the transaction that records them: 0 when `bytes` more fit the case's
 * and its association's quotas; -1 when not, *error saying what is used of
 * which limit and how large the file is ("Ärendet har 49,5 MB av 50 MB.
 * Filen är 3 MB."); -2 when the database cannot say. */
int documents_quota_check(struct req *r, const struct case_row *c, int64_t bytes,
                          const char **error);
/* A file field's hint with the case's (0: not stored yet) and the
 * association's (0: none) use of their quotas appended ("Använt: 12,3 MB
 * av 50 MB"). */
const char *documents_usage_hint(struct req *r, int64_t case_id, int64_t association_id,
                                 const char *hint);

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
