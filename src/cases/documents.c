/* Documents in a case: an upload is accepted by what its bytes are, never by
 * its name or declared type, stored under a random name in documents_dir
 * (nothing serves that directory), and sent back only as a download to
 * those who may see the case. */
#include "cases/documents.h"
#include "cases/action.h"
#include "base/esc.h"
#include "base/log.h"
#include "layout/layout.h"

#include <ctype.h>
#include <errno.h>
#include <fcntl.h>
#include <sodium.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

enum { FILENAME_MAX_BYTES = 200, SNIFF_BYTES = 1445, STORAGE_HEX = DOCUMENTS_NAME_HEX };

const char *documents_dir = "samverka-files";
size_t documents_max_size = 10 * 1024 * 1024;

static struct dbq Q_INSERT = {
        "INSERT INTO case_documents (case_id, uploader_id, uploader_name, at, kind, filename, "
        "content_type, size, storage_name) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)",
        NULL, 0};
static struct dbq Q_LIST = {
        "SELECT id, kind, filename, content_type, uploader_name, size, at FROM case_documents "
        "WHERE case_id = $1 ORDER BY id",
        NULL, 0};
static struct dbq Q_ONE = {"SELECT filename, content_type, storage_name FROM case_documents "
                           "WHERE id = $1 AND case_id = $2",
                           NULL, 0};

static struct dbq Q_HAS_ROW = {"SELECT count(*) FROM case_documents WHERE storage_name = $1", NULL,
                               0};

/* A document a request stores in its transaction: its bytes stay in the
 * upload's spool file until the transaction commits; looked at again when
 * the request ends. */
struct stored_file {
	struct db *db;
	const struct upload *u;
	int linked;               /* moved from the spool file to its name */
	struct db_precommit step; /* link_into_place; step.committed once it has */
	char storage[STORAGE_HEX + 1];
};

/* Just before the transaction commits (db_before_commit): the upload's
 * bytes are forced to disk, its spool file gets the name its row gives
 * (the spool is a folder of the documents' own, so a rename, never a
 * copy) and the directory is synced for it. A row that commits always has
 * its whole file; a crash before the commit leaves a file without a row,
 * which the next start removes (documents_sweep). */
static int
link_into_place(void *arg)
{
	struct stored_file *f = arg;
	char dst[4096];
	if ((size_t)snprintf(dst, sizeof(dst), "%s/%s", documents_dir, f->storage) >= sizeof(dst)) {
		errno = ENAMETOOLONG;
		goto fail;
	}
	if (!f->u->path || fsync(f->u->fd) != 0 || rename(f->u->path, dst) != 0)
		goto fail;
	f->linked = 1;
	int dir = open(documents_dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	int synced = dir >= 0 && fsync(dir) == 0;
	if (dir >= 0)
		close(dir);
	if (synced)
		return 0;
fail:
	log_msg("documents: cannot store %s in %s: %s", f->storage, documents_dir, strerror(errno));
	return -1;
}

/* At the end of the request: a document whose transaction did not commit
 * leaves nothing on disk, whichever way the handler left (a refusal, an
 * error, a rollback). Its spool file goes with the request's body; a file
 * already named when COMMIT failed is removed unless its row is there
 * after all (a connection lost during COMMIT says nothing about the
 * outcome) or that cannot be asked, and then the next start removes it if
 * it has no row. */
static void
forget_unless_committed(void *arg)
{
	struct stored_file *f = arg;
	char dst[4096];
	if (f->step.committed || !f->linked ||
	    (size_t)snprintf(dst, sizeof(dst), "%s/%s", documents_dir, f->storage) >= sizeof(dst))
		return;
	if (db_int(f->db, &Q_HAS_ROW, DB_ARGS(DB_TEXT(f->storage)), -1) == 0)
		unlink(dst);
}

/* The kinds of document we keep, as the upload form offers them. */
static const struct choice kinds[] = {
        {"stadgar", "Stadgar", "Statutes", 0},
        {"protokoll", "Årsmötesprotokoll", "Annual meeting minutes", 0},
        {"komplettering", "Komplettering", "Completion", 0},
        {"ovrigt", "Övrigt", "Other", 0},
        {NULL, NULL, NULL, 0},
};

static const char KIND_SV[] = "Välj vad det är för dokument: stadgar, protokoll, komplettering "
                              "eller övrigt.";
static const char KIND_EN[] = "Choose what kind of document it is: statutes, minutes, "
                              "completion or other.";

/* The upload form of the case page: what kind of document (other, unless
 * the person says) and the file, checked by its content when stored. */
static const struct field_def upload_fields[] = {
        {.name = "typ",
         .id = "dokument-typ",
         .label_sv = "Vad är det för dokument?",
         .label_en = "What kind of document is it?",
         .type = FIELD_SELECT,
         .choices = kinds,
         .invalid_sv = KIND_SV,
         .invalid_en = KIND_EN},
        {.name = "dokument",
         .id = "dokument-fil",
         .label_sv = "Fil",
         .label_en = "File",
         .type = FIELD_FILE,
         .required = 1,
         .hint_sv = FILE_TYPES_SV,
         .hint_en = FILE_TYPES_EN,
         .missing_sv = "Välj en fil att ladda upp.",
         .missing_en = "Choose a file to upload."},
};
const struct form_def case_upload_form = {"dokument", upload_fields, 2};

/* A kind of document we keep: statutes, minutes, completion or other. */
int
documents_kind_known(const char *kind)
{
	for (const struct choice *k = kinds; kind && k->code; k++)
		if (strcmp(k->code, kind) == 0)
			return 1;
	return 0;
}

/* The types we accept, each with the extension a nameless file gets. */
struct doctype {
	const char *ctype, *ext;
};
static const struct doctype T_PDF = {"application/pdf", ".pdf"};
static const struct doctype T_PNG = {"image/png", ".png"};
static const struct doctype T_JPEG = {"image/jpeg", ".jpg"};
static const struct doctype T_ODT = {"application/vnd.oasis.opendocument.text", ".odt"};
static const struct doctype T_DOCX = {
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document", ".docx"};

static unsigned
le16(const unsigned char *p)
{
	return (unsigned)p[0] | (unsigned)p[1] << 8;
}

static size_t
le32(const unsigned char *p)
{
	return (size_t)p[0] | (size_t)p[1] << 8 | (size_t)p[2] << 16 | (size_t)p[3] << 24;
}

/* Whether the start of a file holds markup a browser could render as a
 * page or an image with script: the tags a content sniffer looks for, and
 * SVG and XML. A PDF that carries them is refused, whatever its name. */
static int
looks_like_markup(const unsigned char *d, size_t n)
{
	static const char *const tags[] = {
	        "!doctype", "html",  "head",  "body",  "script", "iframe", "svg", "?xml",
	        "!--",      "style", "title", "table", "div",    "font",   "img", "object",
	        "embed",    "a",     "b",     "p",     "h1",     "br",     NULL,
	};
	if (n > SNIFF_BYTES)
		n = SNIFF_BYTES;
	for (size_t i = 0; i + 1 < n; i++) {
		if (d[i] != '<')
			continue;
		for (const char *const *t = tags; *t; t++) {
			size_t tl = strlen(*t);
			if (i + 1 + tl > n || strncasecmp((const char *)d + i + 1, *t, tl) != 0)
				continue;
			/* a tag name ends at a blank, '>' or '/'; "!--" and "?xml" need not */
			unsigned char after = i + 1 + tl < n ? d[i + 1 + tl] : ' ';
			if (!isalnum((*t)[0]) || after == ' ' || after == '>' || after == '/' ||
			    after == '\t' || after == '\n' || after == '\r')
				return 1;
		}
	}
	return 0;
}

/* Walks a ZIP archive's central directory. 1 when it is whole and holds
 * an entry named exactly `name` and one starting with `prefix`; 0 when not;
 * -1 when the archive is broken. */
static int
zip_has(const unsigned char *d, size_t n, const char *name, const char *prefix)
{
	if (n < 22)
		return -1;
	/* the end record is in the last 22 + 65535 bytes (its comment) */
	size_t lo = n > 22 + 65535 ? n - 22 - 65535 : 0, end = 0;
	int found = 0;
	for (size_t i = n - 22 + 1; i-- > lo;)
		if (memcmp(d + i, "PK\x05\x06", 4) == 0) {
			end = i;
			found = 1;
			break;
		}
	if (!found)
		return -1;
	size_t count = le16(d + end + 10), size = le32(d + end + 12), off = le32(d + end + 16);
	if (off > end || size > end - off)
		return -1;
	int has_name = 0, has_prefix = 0;
	size_t p = off, stop = off + size;
	for (size_t k = 0; k < count; k++) {
		if (stop - p < 46 || memcmp(d + p, "PK\x01\x02", 4) != 0)
			return -1;
		size_t nl = le16(d + p + 28), xl = le16(d + p + 30), cl = le16(d + p + 32);
		if (stop - p - 46 < nl + xl + cl)
			return -1;
		const char *fn = (const char *)d + p + 46;
		if (nl == strlen(name) && memcmp(fn, name, nl) == 0)
			has_name = 1;
		if (nl > strlen(prefix) && memcmp(fn, prefix, strlen(prefix)) == 0)
			has_prefix = 1;
		p += 46 + nl + xl + cl;
	}
	return has_name && has_prefix;
}

/* What the bytes are, or NULL when they are none of the accepted types.
 * *markup is set when the file claims to be a PDF but carries HTML/SVG. */
static const struct doctype *
sniff(const unsigned char *d, size_t n, int *markup)
{
	static const char odt_mime[] = "application/vnd.oasis.opendocument.text";
	*markup = 0;
	if (n >= 6 && memcmp(d, "%PDF-", 5) == 0 && d[5] >= '1' && d[5] <= '9') {
		*markup = looks_like_markup(d, n);
		return *markup ? NULL : &T_PDF;
	}
	if (n >= 16 && memcmp(d, "\x89PNG\r\n\x1a\n", 8) == 0 && memcmp(d + 12, "IHDR", 4) == 0)
		return &T_PNG;
	if (n >= 4 && d[0] == 0xff && d[1] == 0xd8 && d[2] == 0xff)
		return &T_JPEG;
	if (n < 30 || memcmp(d, "PK\x03\x04", 4) != 0)
		return NULL;
	/* ODF puts an uncompressed entry "mimetype" first, its content at 38 */
	size_t ml = sizeof(odt_mime) - 1;
	if (n >= 38 + ml && le16(d + 26) == 8 && le16(d + 28) == 0 && le32(d + 18) == ml &&
	    memcmp(d + 30, "mimetype", 8) == 0 && memcmp(d + 38, odt_mime, ml) == 0)
		return zip_has(d, n, "content.xml", "META-INF/") == 1 ? &T_ODT : NULL;
	return zip_has(d, n, "[Content_Types].xml", "word/") == 1 ? &T_DOCX : NULL;
}

/* Length of the invisible or control character at s (C0, DEL, C1, and
 * the direction marks that can make "fdp.exe" read as "exe.pdf"), else 0. */
static size_t
control_len(const unsigned char *s, size_t left)
{
	if (s[0] < 0x20 || s[0] == 0x7f)
		return 1;
	if (left >= 2 && s[0] == 0xc2 && s[1] >= 0x80 && s[1] <= 0x9f)
		return 2;
	if (left >= 3 && s[0] == 0xe2 && s[1] == 0x80 &&
	    (s[2] == 0x8e || s[2] == 0x8f || (s[2] >= 0xaa && s[2] <= 0xae)))
		return 3;
	if (left >= 3 && s[0] == 0xe2 && s[1] == 0x81 && s[2] >= 0xa6 && s[2] <= 0xa9)
		return 3;
	return 0;
}

/* The name the person gave, kept only for the database and the download:
 * no directories, no control characters, no leading dots or blanks, at
 * most 200 bytes of whole UTF-8 characters. An empty result becomes
 * "dokument" with the extension of what the file is. */
static const char *
clean_filename(struct arena *a, const char *given, const struct doctype *t)
{
	const char *base = given ? given : "";
	for (const char *s = base; *s; s++)
		if (*s == '/' || *s == '\\')
			base = s + 1;
	size_t n = strlen(base);
	if (!text_valid(base, n))
		n = 0;
	char *out = arena_alloc(a, n + 1);
	size_t k = 0;
	for (size_t i = 0; i < n;) {
		size_t cl = control_len((const unsigned char *)base + i, n - i);
		if (cl) {
			i += cl;
			continue;
		}
		if (k == 0 && (base[i] == '.' || base[i] == ' ')) {
			i++;
			continue;
		}
		out[k++] = base[i++];
	}
	if (k > FILENAME_MAX_BYTES) {
		k = FILENAME_MAX_BYTES;
		while (k > 0 && ((unsigned char)out[k] & 0xc0) == 0x80)
			k--;
	}
	while (k > 0 && out[k - 1] == ' ')
		k--;
	out[k] = 0;
	if (k == 0) {
		char *dflt = arena_alloc(a, 16);
		snprintf(dflt, 16, "dokument%s", t->ext);
		return dflt;
	}
	return out;
}

/* A size in the unit a person would write it in. */
static const char *
size_words(struct arena *a, size_t bytes)
{
	char *s = arena_alloc(a, 32);
	if (bytes % (1024 * 1024) == 0)
		snprintf(s, 32, "%zu MB", bytes / (1024 * 1024));
	else if (bytes % 1024 == 0)
		snprintf(s, 32, "%zu kB", bytes / 1024);
	else
		snprintf(s, 32, "%zu byte", bytes);
	return s;
}

/* Checks the upload (its kind, size and content, then the case's and the
 * association's quotas), stores it and records it with an event in the
 * trail. A refusal (-1) and a failure on our side (-2) both leave nothing
 * behind. */
int
documents_store(struct req *r, const struct case_row *c, const struct upload *u, const char *kind,
                const struct actor *a, const char **error)
{
	int en = r->p.english;
	if (!documents_kind_known(kind)) {
		*error = en ? KIND_EN : KIND_SV;
		return -1;
	}
	if (!u || (u->len == 0 && !*u->filename)) {
		*error = en ? "Choose a file to upload." : "Välj en fil att ladda upp.";
		return -1;
	}
	if (u->len == 0) {
		*error = en ? "The file is empty. Choose a PDF, PNG, JPEG, ODT or DOCX file."
		            : "Filen är tom. Välj en fil i PDF, PNG, JPEG, ODT eller DOCX.";
		return -1;
	}
	if (u->len > documents_max_size) {
		char *m = arena_alloc(&r->a, 160);
		snprintf(m, 160,
		         en ? "The file is too large: a document may be at most %s."
		            : "Filen är för stor: ett dokument får vara högst %s.",
		         size_words(&r->a, documents_max_size));
		*error = m;
		return -1;
	}
	int markup;
	const struct doctype *t = sniff((const unsigned char *)u->data, u->len, &markup);
	if (markup) {
		*error =
		        en ? "The file begins like a PDF but contains HTML or SVG, so it is not "
		             "accepted. Save the document as a PDF again and upload that."
		           : "Filen börjar som en PDF men innehåller HTML eller SVG och tas därför "
		             "inte emot. Spara dokumentet som PDF på nytt och ladda upp det.";
		return -1;
	}
	if (!t) {
		*error = en ? "The file is not a PDF, PNG, JPEG, ODT or DOCX document. Files are "
		              "recognised by their content, not by their name."
		            : "Filen är inte ett dokument i PDF, PNG, JPEG, ODT eller DOCX. Filer "
		              "känns igen på sitt innehåll, inte på namnet.";
		return -1;
	}
	*error = en ? "The document could not be saved. Try again shortly."
	            : "Dokumentet kunde inte sparas. Försök igen om en stund.";
	int q = documents_quota_check(r, c, (int64_t)u->len, error);
	if (q != 0)
		return q;
	const char *filename = clean_filename(&r->a, u->filename, t);
	unsigned char rnd[STORAGE_HEX / 2];
	char storage[STORAGE_HEX + 1];
	randombytes_buf(rnd, sizeof(rnd));
	sodium_bin2hex(storage, sizeof(storage), rnd, sizeof(rnd));
	/* from here the file goes with the transaction: named when it commits,
	 * removed when the request ends if it did not */
	struct stored_file *f = arena_alloc(&r->a, sizeof(*f));
	*f = (struct stored_file){.db = r->db, .u = u};
	memcpy(f->storage, storage, sizeof(storage));
	f->step = (struct db_precommit){.fn = link_into_place, .arg = f};
	arena_defer(&r->a, forget_unless_committed, f);
	if (db_exec(r->db, &Q_INSERT,
	            DB_ARGS(DB_INT(c->id), a->id ? DB_INT(a->id) : DB_NULLV, DB_TEXT(a->name),
	                    DB_INT(time(NULL)), DB_TEXT(kind), DB_TEXT(filename), DB_TEXT(t->ctype),
	                    DB_INT((int64_t)u->len), DB_TEXT(storage))) != DB_OK ||
	    case_event(r->db, c->id, a, "dokument", filename) != DB_OK) {
		log_msg("documents: %s", db_errmsg(r->db));
		return -2;
	}
	db_before_commit(r->db, &f->step);
	*error = NULL;
	return 0;
}

/* The case's documents in the order they came, in the caller's arena. */
int
documents_list(struct db *db, struct arena *a, int64_t case_id, struct document **out, size_t *n)
{
	struct dbcur c;
	size_t cap = 8;
	*n = 0;
	*out = arena_alloc(a, cap * sizeof(**out));
	if (db_query(db, &c, &Q_LIST, DB_ARGS(DB_INT(case_id))) != DB_OK)
		return -1;
	int rc;
	while ((rc = db_next(&c)) > 0) {
		*out = arena_grow(a, *out, *n, &cap, sizeof(**out));
		(*out)[(*n)++] = (struct document){
		        .id = db_col_int(&c, 0),
		        .kind = arena_strdup(a, db_col_text(&c, 1)),
		        .filename = arena_strdup(a, db_col_text(&c, 2)),
		        .content_type = arena_strdup(a, db_col_text(&c, 3)),
		        .uploader = arena_strdup(a, db_col_text(&c, 4)),
		        .size = db_col_int(&c, 5),
		        .at = db_col_int(&c, 6),
		};
	}
	db_done(&c);
	return rc < 0 ? -1 : 0;
}

/* POST /arenden/{dnr}/dokument: the applicant's side and the officer both
 * add documents; back to the case page when it is stored, else the page
 * with the reason beside the field. */
void
case_document_upload(struct req *r)
{
	struct case_row c;
	enum case_role role;
	struct form f;
	form_init(&f, r, &case_upload_form);
	if (!case_action_load(r, &c, &role))
		return;
	if (case_closed(&c)) {
		case_refuse_about(r, &c, role, &f,
		                  "Ärendet är avslutat: inga dokument kan läggas till.",
		                  "The case is closed: no documents can be added.");
		return;
	}
	if (form_read(&f, r)) {
		case_refuse(r, &c, role, &f);
		return;
	}
	const char *kind = form_value(&f, "typ") ? form_value(&f, "typ") : "ovrigt";
	struct actor a = case_actor(r);
	const char *error;
	if (db_begin(r->db) != DB_OK) {
		req_error(r, 500);
		return;
	}
	int rc = documents_store(r, &c, form_file(&f, "dokument"), kind, &a, &error);
	if (rc == 0 && case_commit(r)) {
		case_done(r, &c);
		return;
	}
	if (rc == 0)
		return; /* case_commit answered 500 */
	db_rollback(r->db);
	if (rc == -1) {
		form_error(&f, "dokument", error, error);
		case_refuse(r, &c, role, &f);
	} else {
		req_error(r, 500);
	}
}

/* Content-Disposition for a download: a plain ASCII name for old clients
 * and the real name in UTF-8, percent-encoded (RFC 6266, RFC 8187). */
static const char *
disposition(struct arena *a, const char *filename)
{
	struct buf b = {0};
	buf_puts(&b, "attachment; filename=\"");
	for (const unsigned char *s = (const unsigned char *)filename; *s; s++) {
		if (*s >= 0x80) {
			if ((*s & 0xc0) != 0x80)
				buf_putc(&b, '_');
		} else {
			buf_putc(&b, *s == '"' || *s == '\\' || *s < 0x20 ? '_' : (char)*s);
		}
	}
	buf_puts(&b, "\"; filename*=UTF-8''");
	esc_url_component(&b, filename, strlen(filename));
	const char *s = arena_strdup(a, buf_cstr(&b));
	buf_free(&b);
	return s;
}

/* Whether a stored name is one we made: 32 lower-case hex digits. */
int
documents_name_ok(const char *s, size_t n)
{
	if (n != STORAGE_HEX)
		return 0;
	for (size_t i = 0; i < n; i++)
		if (!((s[i] >= '0' && s[i] <= '9') || (s[i] >= 'a' && s[i] <= 'f')))
			return 0;
	return 1;
}

/* GET /arenden/{dnr}/dokument/{id}: the bytes as they came, always as an
 * attachment with the type we recognised, never rendered in the page. */
void
case_document_download(struct req *r)
{
	struct case_row c;
	enum case_role role;
	if (!case_action_load(r, &c, &role))
		return;
	int64_t id = req_param_id(r, 1);
	struct dbcur q;
	if (!id || db_query(r->db, &q, &Q_ONE, DB_ARGS(DB_INT(id), DB_INT(c.id))) != DB_OK) {
		req_error(r, id ? 500 : 404);
		return;
	}
	int found = db_next(&q);
	const char *filename = found > 0 ? arena_strdup(&r->a, db_col_text(&q, 0)) : NULL;
	const char *ctype = found > 0 ? arena_strdup(&r->a, db_col_text(&q, 1)) : NULL;
	const char *storage = found > 0 ? arena_strdup(&r->a, db_col_text(&q, 2)) : NULL;
	db_done(&q);
	if (found <= 0 || !documents_name_ok(storage, strlen(storage))) {
		req_error(r, found < 0 ? 500 : 404);
		return;
	}
	char path[4096];
	snprintf(path, sizeof(path), "%s/%s", documents_dir, storage);
	int fd = open(path, O_RDONLY | O_NOFOLLOW | O_CLOEXEC);
	struct stat st;
	if (fd < 0 || fstat(fd, &st) != 0 || !S_ISREG(st.st_mode)) {
		log_msg("documents: cannot open %s: %s", path, strerror(errno));
		if (fd >= 0)
			close(fd);
		req_error(r, 500);
		return;
	}
	req_send_file(r, fd, (uint64_t)st.st_size);
	r->ctype = ctype;
	req_header(r, "Content-Disposition", disposition(&r->a, filename));
}
