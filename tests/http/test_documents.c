/* Documents in a case: uploads accepted by content only, stored under
 * random names whatever the given name, downloaded as attachments, and
 * invisible (404) to everyone who may not see the case. */
#include "harness.h"

#include <arpa/inet.h>
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <netinet/in.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#define DNR "FRI-2026-9042"
#define OTHER_DNR "KUL-2026-9007"

static char work[64];        /* the server's working directory */
static char files[PATH_MAX]; /* its default files directory inside it */

/* --- building small valid files ------------------------------------- */

static uint32_t
crc32_of(const unsigned char *d, size_t n)
{
	uint32_t c = 0xffffffffu;
	for (size_t i = 0; i < n; i++) {
		c ^= d[i];
		for (int k = 0; k < 8; k++)
			c = (c >> 1) ^ (0xedb88320u & (0u - (c & 1)));
	}
	return ~c;
}

static void
put16(struct hstr *s, unsigned v)
{
	unsigned char b[2] = {(unsigned char)v, (unsigned char)(v >> 8)};
	hstr_add(s, b, 2);
}

static void
put32(struct hstr *s, uint32_t v)
{
	unsigned char b[4] = {(unsigned char)v, (unsigned char)(v >> 8), (unsigned char)(v >> 16),
	                      (unsigned char)(v >> 24)};
	hstr_add(s, b, 4);
}

static void
put32be(struct hstr *s, uint32_t v)
{
	unsigned char b[4] = {(unsigned char)(v >> 24), (unsigned char)(v >> 16),
	                      (unsigned char)(v >> 8), (unsigned char)v};
	hstr_add(s, b, 4);
}

/* A ZIP archive with stored (uncompressed) entries, in the given order:
 * names[i] holds contents[i]. */
static void
make_zip(struct hstr *z, const char *const *names, const char *const *contents, int n)
{
	struct hstr cd = {0};
	for (int i = 0; i < n; i++) {
		size_t nl = strlen(names[i]), cl = strlen(contents[i]);
		uint32_t crc = crc32_of((const unsigned char *)contents[i], cl);
		uint32_t off = (uint32_t)z->n;
		hstr_add(z, "PK\x03\x04", 4);
		put16(z, 20);
		put16(z, 0);
		put16(z, 0); /* stored */
		put16(z, 0);
		put16(z, 0x21);
		put32(z, crc);
		put32(z, (uint32_t)cl);
		put32(z, (uint32_t)cl);
		put16(z, (unsigned)nl);
		put16(z, 0);
		hstr_add(z, names[i], nl);
		hstr_add(z, contents[i], cl);
		hstr_add(&cd, "PK\x01\x02", 4);
		put16(&cd, 20);
		put16(&cd, 20);
		put16(&cd, 0);
		put16(&cd, 0);
		put16(&cd, 0);
		put16(&cd, 0x21);
		put32(&cd, crc);
		put32(&cd, (uint32_t)cl);
		put32(&cd, (uint32_t)cl);
		put16(&cd, (unsigned)nl);
		put16(&cd, 0);
		put16(&cd, 0);
		put16(&cd, 0);
		put16(&cd, 0);
		put32(&cd, 0);
		put32(&cd, off);
		hstr_add(&cd, names[i], nl);
	}
	uint32_t cd_off = (uint32_t)z->n;
	hstr_add(z, cd.p, cd.n);
	hstr_add(z, "PK\x05\x06", 4);
	put16(z, 0);
	put16(z, 0);
	put16(z, (unsigned)n);
	put16(z, (unsigned)n);
	put32(z, (uint32_t)cd.n);
	put32(z, cd_off);
	put16(z, 0);
	hstr_free(&cd);
}

/* A one-page PDF with a correct cross-reference table. */
static void
make_pdf(struct hstr *s)
{
	static const char *const objs[] = {
	        "<< /Type /Catalog /Pages 2 0 R >>",
	        "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
	        "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 200 200] >>",
	};
	size_t off[3];
	hstr_puts(s, "%PDF-1.4\n%\xe2\xe3\xcf\xd3\n");
	for (int i = 0; i < 3; i++) {
		off[i] = s->n;
		hstr_printf(s, "%d 0 obj\n%s\nendobj\n", i + 1, objs[i]);
	}
	size_t xref = s->n;
	hstr_puts(s, "xref\n0 4\n0000000000 65535 f \n");
	for (int i = 0; i < 3; i++)
		hstr_printf(s, "%010zu 00000 n \n", off[i]);
	hstr_printf(s, "trailer\n<< /Size 4 /Root 1 0 R >>\nstartxref\n%zu\n%%%%EOF\n", xref);
}

static void
png_chunk(struct hstr *s, const char *type, const unsigned char *d, size_t n)
{
	struct hstr c = {0};
	hstr_add(&c, type, 4);
	hstr_add(&c, d, n);
	put32be(s, (uint32_t)n);
	hstr_add(s, c.p, c.n);
	put32be(s, crc32_of((const unsigned char *)c.p, c.n));
	hstr_free(&c);
}

/* A 1×1 grey PNG: its one scanline in a stored zlib block. */
static void
make_png(struct hstr *s)
{
	static const unsigned char ihdr[13] = {0, 0, 0, 1, 0, 0, 0, 1, 8, 0, 0, 0, 0};
	/* zlib header, one final stored block of 2 bytes (filter 0, pixel 0x80), Adler-32 */
	static const unsigned char idat[] = {0x78, 0x01, 0x01, 0x02, 0x00, 0xfd, 0xff,
	                                     0x00, 0x80, 0x00, 0x82, 0x00, 0x81};
	hstr_add(s, "\x89PNG\r\n\x1a\n", 8);
	png_chunk(s, "IHDR", ihdr, sizeof(ihdr));
	png_chunk(s, "IDAT", idat, sizeof(idat));
	png_chunk(s, "IEND", (const unsigned char *)"", 0);
}

/* An 8×8 grey baseline JPEG: one DC and one AC code, a single block. */
static void
make_jpeg(struct hstr *s)
{
	static const unsigned char head[] = {0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10, 'J',  'F',  'I',
	                                     'F',  0x00, 0x01, 0x01, 0x00, 0x00, 0x01, 0x00, 0x01,
	                                     0x00, 0x00, 0xff, 0xdb, 0x00, 0x43, 0x00};
	static const unsigned char frame[] = {0xff, 0xc0, 0x00, 0x0b, 0x08, 0x00, 0x08,
	                                      0x00, 0x08, 0x01, 0x01, 0x11, 0x00};
	static const unsigned char scan[] = {0xff, 0xda, 0x00, 0x08, 0x01, 0x01, 0x00,
	                                     0x00, 0x3f, 0x00, 0x3f, 0xff, 0xd9};
	hstr_add(s, head, sizeof(head));
	for (int i = 0; i < 64; i++)
		hstr_add(s, "\x01", 1);
	hstr_add(s, frame, sizeof(frame));
	for (int table = 0; table < 2; table++) {
		unsigned char dht[5 + 16 + 1] = {
		        0xff, 0xc4, 0x00, 0x14, (unsigned char)(table ? 0x10 : 0x00), 1};
		hstr_add(s, dht, sizeof(dht));
	}
	hstr_add(s, scan, sizeof(scan));
}

static void
make_odt(struct hstr *s)
{
	static const char *const names[] = {"mimetype", "META-INF/manifest.xml", "content.xml"};
	static const char *const contents[] = {
	        "application/vnd.oasis.opendocument.text",
	        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
	        "<manifest:manifest "
	        "xmlns:manifest=\"urn:oasis:names:tc:opendocument:xmlns:manifest:1.0\" "
	        "manifest:version=\"1.2\">"
	        "<manifest:file-entry manifest:full-path=\"/\" "
	        "manifest:media-type=\"application/vnd.oasis.opendocument.text\"/>"
	        "<manifest:file-entry manifest:full-path=\"content.xml\" "
	        "manifest:media-type=\"text/xml\"/></manifest:manifest>",
	        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
	        "<office:document-content "
	        "xmlns:office=\"urn:oasis:names:tc:opendocument:xmlns:office:1.0\" "
	        "xmlns:text=\"urn:oasis:names:tc:opendocument:xmlns:text:1.0\" "
	        "office:version=\"1.2\">"
	        "<office:body><office:text><text:p>Stadgar</text:p></office:text></office:body>"
	        "</office:document-content>",
	};
	make_zip(s, names, contents, 3);
}

static void
make_docx(struct hstr *s)
{
	static const char *const names[] = {"[Content_Types].xml", "_rels/.rels",
	                                    "word/document.xml"};
	static const char *const contents[] = {
	        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>"
	        "<Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\">"
	        "<Default Extension=\"rels\" "
	        "ContentType=\"application/vnd.openxmlformats-package.relationships+xml\"/>"
	        "<Default Extension=\"xml\" ContentType=\"application/xml\"/>"
	        "<Override PartName=\"/word/document.xml\" ContentType=\"application/"
	        "vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml\"/></Types>",
	        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>"
	        "<Relationships "
	        "xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
	        "<Relationship Id=\"rId1\" Type=\"http://schemas.openxmlformats.org/officeDocument/"
	        "2006/relationships/officeDocument\" "
	        "Target=\"word/document.xml\"/></Relationships>",
	        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>"
	        "<w:document "
	        "xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\">"
	        "<w:body><w:p><w:r><w:t>Protokoll</w:t></w:r></w:p></w:body></w:document>",
	};
	make_zip(s, names, contents, 3);
}

/* --- the database, the users and the cases -------------------------- */

/* Runs one SQL statement on the test's database; its output, trimmed. */
static char *
sql(const char *stmt)
{
	struct hstr out = {0}, err = {0};
	const char *lite[] = {"sqlite3", "-cmd", ".timeout 10000", H.db_file, stmt, NULL};
	const char *pg[] = {"psql", "-X",     "-q", "-t", "-A", "-v", "ON_ERROR_STOP=1",
	                    "-d",   H.db_url, "-c", stmt, NULL};
	int rc = h_run(H.pg ? pg : lite, NULL, &out, &err);
	if (rc != 0) {
		fprintf(stderr, "SQL failed (%d): %s\n%s\n", rc, stmt, err.p ? err.p : "");
		exit(1);
	}
	hstr_free(&err);
	hstr_add(&out, "", 0);
	while (out.n && (out.p[out.n - 1] == '\n' || out.p[out.n - 1] == '\r'))
		out.p[--out.n] = 0;
	return out.p;
}

static long
sql_long(const char *stmt)
{
	char *v = sql(stmt);
	long n = atol(v);
	free(v);
	return n;
}

/* Case FRI-2026-9042 from the demo representative's association, and
 * KUL-2026-9007 from another association, whose representative is made
 * here; an officer of KUL too. */
static void
make_cases(void)
{
	char stmt[2048];
	const char *rep = h_user("representative")->email;
	if (h_user_add("annan@example.se", "Olle Annan", "representative", NULL,
	               "annan-forening-2026") != 0 ||
	    h_user_add("kultur@example.se", "Karin Kultur", "officer", "KUL",
	               "kultur-officer-2026") != 0)
		exit(1);
	snprintf(stmt, sizeof(stmt),
	         "UPDATE user_roles SET association_id = (SELECT min(a.id) FROM associations a "
	         "WHERE a.id NOT IN (SELECT association_id FROM user_roles "
	         "WHERE association_id IS NOT NULL)) "
	         "WHERE user_id = (SELECT id FROM users WHERE email = 'annan@example.se')");
	free(sql(stmt));
	snprintf(stmt, sizeof(stmt),
	         "INSERT INTO cases (diarienummer, department_id, year, serial, type, status, "
	         "title, "
	         "association_id, applicant_id, created, updated) "
	         "SELECT '%s', d.id, 2026, %d, 'registrering', 'inkommen', 'Registrering', "
	         "ur.association_id, u.id, 1767225600, 1767225600 "
	         "FROM departments d, users u JOIN user_roles ur ON ur.user_id = u.id "
	         "WHERE d.code = '%s' AND u.email = '%s' AND ur.role = 'representative'",
	         DNR, 9042, "FRI", rep);
	free(sql(stmt));
	snprintf(stmt, sizeof(stmt),
	         "INSERT INTO cases (diarienummer, department_id, year, serial, type, status, "
	         "title, "
	         "association_id, applicant_id, created, updated) "
	         "SELECT '%s', d.id, 2026, %d, 'bidrag', 'inkommen', 'Bidrag', "
	         "ur.association_id, u.id, 1767225600, 1767225600 "
	         "FROM departments d, users u JOIN user_roles ur ON ur.user_id = u.id "
	         "WHERE d.code = '%s' AND u.email = '%s' AND ur.role = 'representative'",
	         OTHER_DNR, 9007, "KUL", "annan@example.se");
	free(sql(stmt));
	h_check(sql_long("SELECT count(DISTINCT association_id) FROM cases "
	                 "WHERE diarienummer IN ('" DNR "', '" OTHER_DNR "')") == 2,
	        "two cases of two associations are in the database");
}

/* --- requests ------------------------------------------------------- */

/* POSTs the upload form: csrf, typ and the file as "dokument". */
static long
upload_to(struct hclient *c, const char *dnr, const char *csrf, const char *typ,
          const char *filename, const char *ctype, const void *data, size_t n, struct hresp *r)
{
	struct hstr b = {0};
	char path[256];
	if (csrf)
		h_mp_field(&b, "csrf", csrf);
	if (typ)
		h_mp_field(&b, "typ", typ);
	h_mp_file(&b, "dokument", filename, ctype, data, n);
	h_mp_end(&b);
	snprintf(path, sizeof(path), "/arenden/%s/dokument", dnr);
	h_post_multipart(c, path, &b, r);
	hstr_free(&b);
	return r->status;
}

static long
upload(struct hclient *c, const char *dnr, const char *typ, const char *filename, const char *ctype,
       const void *data, size_t n, struct hresp *r)
{
	return upload_to(c, dnr, h_csrf(c), typ, filename, ctype, data, n, r);
}

static long
download(struct hclient *c, const char *dnr, long id, struct hresp *r)
{
	char path[256];
	snprintf(path, sizeof(path), "/arenden/%s/dokument/%ld", dnr, id);
	h_get(c, path, r);
	return r->status;
}

/* The id of the newest document with this stored name, or 0. */
static long
doc_id(const char *filename)
{
	char stmt[1024];
	snprintf(stmt, sizeof(stmt),
	         "SELECT coalesce(max(id), 0) FROM case_documents WHERE filename = '%s'", filename);
	return sql_long(stmt);
}

static long
doc_count(void)
{
	return sql_long("SELECT count(*) FROM case_documents");
}

static int dir_entries(const char *dir, int *random_named);

/* The spool folder, where uploads are written as they arrive, holds
 * nothing once no request is under way: a file not moved into place is
 * removed when its request ends. */
static int
spool_empty(const char *dir)
{
	char spool[4096];
	int random_named;
	snprintf(spool, sizeof(spool), "%s/.incoming", dir);
	return dir_entries(spool, &random_named) == 0;
}

/* How many entries a directory has besides the spool folder and the mark
 * naming the directory's database (.samverka-database), and how many of
 * them are named by 32 lower-case hex digits and nothing else (the others
 * are printed). -1 when it cannot be read; the spool folder must be
 * empty. */
static int
dir_entries(const char *dir, int *random_named)
{
	DIR *d = opendir(dir);
	struct dirent *e;
	int n = 0;
	*random_named = 0;
	if (!d)
		return -1;
	while ((e = readdir(d))) {
		if (strcmp(e->d_name, ".") == 0 || strcmp(e->d_name, "..") == 0 ||
		    strcmp(e->d_name, ".samverka-database") == 0)
			continue;
		if (strcmp(e->d_name, ".incoming") == 0) {
			if (!spool_empty(dir))
				h_note("the spool folder %s/.incoming is not empty", dir);
			else
				continue;
		}
		n++;
		size_t len = strspn(e->d_name, "0123456789abcdef");
		if (len == 32 && e->d_name[32] == 0)
			(*random_named)++;
		else
			h_note("unexpected entry %s/%s", dir, e->d_name);
	}
	closedir(d);
	return n;
}

/* --- the checks ----------------------------------------------------- */

struct sample {
	const char *label, *filename, *declared, *ctype;
	struct hstr data;
	long id;
};

/* Every accepted type goes in, is recorded with the type we recognised
 * (not the declared one), and comes back byte for byte. */
static void
accepted_types(struct hclient *rep, struct hclient *officer, struct sample *s, int n)
{
	for (int i = 0; i < n; i++) {
		struct hresp r;
		char loc[256] = "";
		long st = upload(i % 2 ? officer : rep, DNR, i % 2 ? "protokoll" : "stadgar",
		                 s[i].filename, s[i].declared, s[i].data.p, s[i].data.n, &r);
		hresp_header(&r, "Location", loc, sizeof(loc));
		h_check(st == 303 && strcmp(loc, "/arenden/" DNR "?klart=1") == 0,
		        "%s upload by the %s: 303 back to the case (got %ld, Location %s)",
		        s[i].label, i % 2 ? "officer" : "applicant", st, loc);
		hresp_free(&r);
		s[i].id = doc_id(s[i].filename);
		char stmt[256];
		snprintf(stmt, sizeof(stmt),
		         "SELECT content_type FROM case_documents WHERE id = %ld", s[i].id);
		char *ct = sql(stmt);
		h_check(s[i].id > 0 && strcmp(ct, s[i].ctype) == 0,
		        "%s is recorded as %s (got '%s')", s[i].label, s[i].ctype, ct);
		free(ct);
	}
	for (int i = 0; i < 2 * n; i++) {
		struct hresp r;
		char ct[256] = "", cd[512] = "";
		struct sample *x = &s[i / 2];
		long st = download(i % 2 ? officer : rep, DNR, x->id, &r);
		hresp_header(&r, "Content-Type", ct, sizeof(ct));
		hresp_header(&r, "Content-Disposition", cd, sizeof(cd));
		h_check(st == 200 && strcmp(ct, x->ctype) == 0 && r.body.n == x->data.n &&
		                memcmp(r.body.p, x->data.p, r.body.n) == 0 &&
		                strncmp(cd, "attachment;", 11) == 0,
		        "%s comes back to the %s: 200, %s, same %zu bytes, as an attachment "
		        "(got %ld, %s, %zu bytes, %s)",
		        x->label, i % 2 ? "officer" : "applicant", x->ctype, x->data.n, st, ct,
		        r.body.n, cd);
		hresp_free(&r);
	}
	/* the case page lists them (documents_list), each linked for download */
	struct hresp page;
	h_get(rep, "/arenden/" DNR, &page);
	int listed = 0;
	for (int i = 0; i < n; i++) {
		char link[128];
		snprintf(link, sizeof(link), "href=\"/arenden/" DNR "/dokument/%ld\">%s</a>",
		         s[i].id, s[i].filename);
		listed += hresp_has(&page, link);
	}
	h_check(page.status == 200 && listed == n,
	        "the case page links all %d documents by name (got %ld, %d linked)", n, page.status,
	        listed);
	hresp_free(&page);
}

/* Files that are not what they claim, or nothing, or too much: 422 with a
 * message and the way back, and nothing stored. */
static void
refused(struct hclient *rep, const struct sample *pdf, const struct sample *png)
{
	static const char html_pdf[] = "%PDF-1.7\n<html><body><script>alert(document.cookie)"
	                               "</script></body></html>\n%%EOF\n";
	static const char svg_pdf[] = "%PDF-1.4\n<svg xmlns=\"http://www.w3.org/2000/svg\" "
	                              "onload=\"alert(1)\"><circle r=\"5\"/></svg>\n";
	static const char html[] = "<!DOCTYPE html><html><script>alert(1)</script></html>";
	struct {
		const char *label, *filename, *ctype, *data;
		size_t n;
		const char *message;
	} cases[] = {
	        {"HTML claiming to be a PDF", "arsmote.pdf", "application/pdf", html_pdf,
	         sizeof(html_pdf) - 1, "innehåller HTML eller SVG"},
	        {"SVG claiming to be a PDF", "logga.pdf", "application/pdf", svg_pdf,
	         sizeof(svg_pdf) - 1, "innehåller HTML eller SVG"},
	        {"an HTML page named .pdf", "stadgar.pdf", "application/pdf", html,
	         sizeof(html) - 1, "känns igen på sitt innehåll"},
	        {"an empty file", "tom.pdf", "application/pdf", "", 0, "Filen är tom"},
	        {"a PNG cut after its signature", "bild.png", "image/png", png->data.p, 8,
	         "känns igen på sitt innehåll"},
	};
	long before = doc_count();
	int entries, random_named;
	int files_before = dir_entries(files, &random_named);
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		struct hresp r;
		long st = upload(rep, DNR, "stadgar", cases[i].filename, cases[i].ctype,
		                 cases[i].data, cases[i].n, &r);
		char got[512];
		h_check(st == 422 && h_field_error(&r, "dokument-fil", got, sizeof(got)) &&
		                strstr(got, cases[i].message) &&
		                hresp_has(&r, "action=\"/arenden/" DNR "/dokument\""),
		        "%s is refused: 422 on the case page saying \"%s\" next to the file field "
		        "(got %ld)",
		        cases[i].label, cases[i].message, st);
		hresp_free(&r);
	}

	/* a ZIP that is neither ODT nor DOCX */
	struct hstr zip = {0};
	static const char *const zn[] = {"index.html"};
	static const char *const zc[] = {"<html><script>alert(1)</script></html>"};
	make_zip(&zip, zn, zc, 1);
	struct hresp r;
	long st = upload(rep, DNR, "ovrigt", "brev.docx",
	                 "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
	                 zip.p, zip.n, &r);
	h_check(st == 422 && hresp_has(&r, "känns igen på sitt innehåll"),
	        "a ZIP with only index.html named .docx is refused (got %ld)", st);
	hresp_free(&r);
	hstr_free(&zip);

	/* one byte over the default 10 MiB */
	size_t big = 10 * 1024 * 1024 + 1;
	char *data = malloc(big);
	memset(data, 'x', big);
	memcpy(data, pdf->data.p, pdf->data.n);
	st = upload(rep, DNR, "stadgar", "stor.pdf", "application/pdf", data, big, &r);
	h_check(st == 422 && hresp_has(&r, "Filen är för stor") && hresp_has(&r, "10 MB"),
	        "a PDF of 10 MiB + 1 byte is refused: 422 saying at most 10 MB (got %ld)", st);
	hresp_free(&r);
	free(data);

	/* an unknown kind of document */
	st = upload(rep, DNR, "hemligt", "a.pdf", "application/pdf", pdf->data.p, pdf->data.n, &r);
	char why[512];
	h_check(st == 422 && h_field_error(&r, "dokument-typ", why, sizeof(why)) &&
	                strstr(why, "Välj vad det är för dokument"),
	        "an unknown document kind is refused next to the kind's field (got %ld)", st);
	hresp_free(&r);

	/* in English for an English reader */
	struct hresp en;
	h_get(rep, "/?lang=en", &en);
	hresp_free(&en);
	st = upload(rep, DNR, "stadgar", "x.pdf", "application/pdf", html_pdf, sizeof(html_pdf) - 1,
	            &r);
	h_check(st == 422 && hresp_has(&r, "contains HTML or SVG") &&
	                hresp_has(&r, "That did not work"),
	        "the refusal is in English for an English reader (got %ld)", st);
	hresp_free(&r);
	h_get(rep, "/?lang=sv", &en);
	hresp_free(&en);

	entries = dir_entries(files, &random_named);
	h_check(doc_count() == before && entries == files_before,
	        "no refused upload left a row or a file (%ld → %ld rows, %d → %d files)", before,
	        doc_count(), files_before, entries);
}

/* A given name with directories, control characters and leading dots
 * changes nothing on disk but the random-named file; the name is cleaned
 * for the database and the download. */
static void
hostile_names(struct hclient *rep, const struct sample *pdf)
{
	struct hresp r;
	long before = doc_count();
	long st = upload(rep, DNR, "ovrigt",
	                 "../../..\\..\\.\t..gömd\xc2\x85\xe2\x80\xae"
	                 "fil.pdf",
	                 "application/pdf", pdf->data.p, pdf->data.n, &r);
	hresp_free(&r);
	long id = doc_id("gömdfil.pdf");
	h_check(st == 303 && id > 0 && doc_count() == before + 1,
	        "a name with ../, ..\\, a tab, C1 and direction controls and leading dots is "
	        "stored as gömdfil.pdf (got %ld, id %ld)",
	        st, id);
	char cd[512] = "";
	st = download(rep, DNR, id, &r);
	hresp_header(&r, "Content-Disposition", cd, sizeof(cd));
	h_check(st == 200 && strcmp(cd, "attachment; filename=\"g_mdfil.pdf\"; "
	                                "filename*=UTF-8''g%C3%B6mdfil.pdf") == 0,
	        "its download names it gömdfil.pdf, percent-encoded (got %s)", cd);
	hresp_free(&r);
	h_check(sql_long("SELECT count(*) FROM case_events WHERE kind = 'dokument' "
	                 "AND detail = 'gömdfil.pdf'") == 1,
	        "the trail has a \"dokument\" event naming the cleaned file");

	/* a name of nothing but dots and slashes */
	st = upload(rep, DNR, "ovrigt", "../..", "application/pdf", pdf->data.p, pdf->data.n, &r);
	hresp_free(&r);
	h_check(st == 303 && doc_id("dokument.pdf") > 0,
	        "a name that is only ../.. becomes dokument.pdf (got %ld)", st);

	/* 300 bytes of å: cut at 200 bytes, on a character boundary */
	char longname[400] = "";
	for (int i = 0; i < 150; i++)
		strcat(longname, "å");
	strcat(longname, ".pdf");
	st = upload(rep, DNR, "ovrigt", longname, "application/pdf", pdf->data.p, pdf->data.n, &r);
	hresp_free(&r);
	char stmt[2048];
	snprintf(stmt, sizeof(stmt),
	         "SELECT filename FROM case_documents WHERE id = (SELECT max(id) FROM "
	         "case_documents)");
	char *stored = sql(stmt);
	size_t sl = strlen(stored);
	int whole = sl > 0 && sl <= 200 && sl % 2 == 0 && strncmp(stored, longname, sl) == 0;
	h_check(st == 303 && whole,
	        "a 304-byte name is kept as its first %zu bytes, whole characters (got %ld)", sl,
	        st);
	free(stored);

	/* a control byte the request decoder refuses outright */
	before = doc_count();
	st = upload(rep, DNR, "ovrigt", "../evil\x01.pdf", "application/pdf", pdf->data.p,
	            pdf->data.n, &r);
	hresp_free(&r);
	h_check(st == 400 && doc_count() == before,
	        "a name with a C0 control byte is a 400 that stores nothing (got %ld)", st);

	int random_named;
	int n = dir_entries(files, &random_named);
	long docs = sql_long("SELECT count(*) FROM case_documents d JOIN cases c "
	                     "ON c.id = d.case_id WHERE c.diarienummer = '" DNR "'");
	h_check(n > 0 && n == random_named && n == docs,
	        "the files directory holds only random-named files, one per document (%d files, "
	        "%d random-named, %ld documents)",
	        n, random_named, docs);
	DIR *d = opendir(work);
	struct dirent *e;
	int beside = 0;
	while (d && (e = readdir(d)))
		if (strcmp(e->d_name, ".") != 0 && strcmp(e->d_name, "..") != 0 &&
		    strcmp(e->d_name, "samverka-files") != 0 && ++beside)
			h_note("found %s/%s", work, e->d_name);
	if (d)
		closedir(d);
	h_check(d && beside == 0, "nothing was written beside the files directory");
	struct stat st_dir;
	int found = stat(files, &st_dir) == 0;
	unsigned mode = found ? (unsigned)(st_dir.st_mode & 0777) : 0;
	h_check(found && mode == 0700, "the server created its files directory with mode 0700 (%o)",
	        mode);
}

/* The download's headers: the type we recognised, an attachment, nosniff,
 * not stored by caches. */
static void
download_headers(struct hclient *rep, const struct sample *pdf)
{
	struct hresp r;
	long st = upload(rep, DNR, "protokoll", "Årsmöte 2026.pdf", "text/html", pdf->data.p,
	                 pdf->data.n, &r);
	hresp_free(&r);
	long id = doc_id("Årsmöte 2026.pdf");
	char ct[128] = "", cd[512] = "", nosniff[64] = "", cache[64] = "";
	download(rep, DNR, id, &r);
	hresp_header(&r, "Content-Type", ct, sizeof(ct));
	hresp_header(&r, "Content-Disposition", cd, sizeof(cd));
	hresp_header(&r, "X-Content-Type-Options", nosniff, sizeof(nosniff));
	hresp_header(&r, "Cache-Control", cache, sizeof(cache));
	h_check(st == 303 && r.status == 200 && strcmp(ct, "application/pdf") == 0,
	        "a PDF declared as text/html is sent back as application/pdf (got %s)", ct);
	h_check(strcmp(cd, "attachment; filename=\"_rsm_te 2026.pdf\"; "
	                   "filename*=UTF-8''%C3%85rsm%C3%B6te%202026.pdf") == 0,
	        "Content-Disposition is an attachment with the UTF-8 name percent-encoded "
	        "(got %s)",
	        cd);
	h_check(strcmp(nosniff, "nosniff") == 0 && strcmp(cache, "no-store") == 0,
	        "the download carries nosniff and no-store (got %s, %s)", nosniff, cache);
	hresp_free(&r);
}

/* Everyone who may not see the case gets the same 404 as for a case that
 * does not exist; the anonymous visitor is sent to sign in. */
static void
strangers(struct hclient *rep, const struct sample *pdf)
{
	struct hclient *other = h_client(), *kul = h_client(), *anon = h_client();
	struct hresp r, missing;
	h_check(h_login_as(other, "annan@example.se", "annan-forening-2026") == 303 &&
	                h_login_as(kul, "kultur@example.se", "kultur-officer-2026") == 303,
	        "another association's representative and a KUL officer sign in");
	long id = pdf->id;

	struct {
		struct hclient *c;
		const char *who;
	} who[] = {{other, "another association's representative"},
	           {kul, "an officer of another department"}};
	for (int i = 0; i < 2; i++) {
		long before = doc_count();
		int random_named, files_before = dir_entries(files, &random_named);
		download(who[i].c, "FRI-2026-9999", id, &missing);
		download(who[i].c, DNR, id, &r);
		/* the pages differ only in the number asked for (the language link) */
		for (char *p = missing.body.p; (p = strstr(p, "FRI-2026-9999"));)
			memcpy(p, DNR, strlen(DNR));
		h_check(r.status == 404 && r.body.n == missing.body.n &&
		                memcmp(r.body.p, missing.body.p, r.body.n) == 0,
		        "%s downloading: the same 404 as for a case that does not exist (got %ld, "
		        "%ld)",
		        who[i].who, r.status, missing.status);
		hresp_free(&r);
		hresp_free(&missing);
		upload(who[i].c, DNR, "ovrigt", "intrang.pdf", "application/pdf", pdf->data.p,
		       pdf->data.n, &r);
		h_check(r.status == 404 && doc_count() == before &&
		                dir_entries(files, &random_named) == files_before,
		        "%s uploading: 404 and nothing stored (got %ld)", who[i].who, r.status);
		hresp_free(&r);
	}

	/* the other association's own case: its representative and KUL may */
	upload(other, OTHER_DNR, "ovrigt", "kultur.pdf", "application/pdf", pdf->data.p,
	       pdf->data.n, &r);
	long kid = doc_id("kultur.pdf");
	h_check(r.status == 303 && kid > 0, "the other representative uploads to its own case");
	hresp_free(&r);
	download(kul, OTHER_DNR, kid, &r);
	h_check(r.status == 200, "the KUL officer downloads it (got %ld)", r.status);
	hresp_free(&r);
	/* … but a document id of one case is not reachable through another */
	download(rep, DNR, kid, &r);
	h_check(r.status == 404, "the FRI applicant asking for it under %s gets 404 (got %ld)", DNR,
	        r.status);
	hresp_free(&r);
	download(rep, OTHER_DNR, kid, &r);
	h_check(r.status == 404, "and under %s too (got %ld)", OTHER_DNR, r.status);
	hresp_free(&r);
	h_get(rep, "/arenden/" DNR "/dokument/abc", &r);
	h_check(r.status == 404, "a document id that is not a number is a 404 (got %ld)", r.status);
	hresp_free(&r);

	/* anonymous: GET is sent to sign in, POST is refused, nothing stored */
	char loc[256] = "";
	download(anon, DNR, id, &r);
	hresp_header(&r, "Location", loc, sizeof(loc));
	h_check(r.status == 303 && strncmp(loc, "/logga-in?till=", 15) == 0,
	        "an anonymous download is sent to sign in (got %ld, %s)", r.status, loc);
	hresp_free(&r);
	long before = doc_count();
	upload(anon, DNR, "ovrigt", "anonym.pdf", "application/pdf", pdf->data.p, pdf->data.n, &r);
	h_check(r.status == 403 && doc_count() == before,
	        "an anonymous upload is refused (got %ld) and stores nothing", r.status);
	hresp_free(&r);

	/* without the CSRF token */
	upload_to(rep, DNR, NULL, "ovrigt", "utan.pdf", "application/pdf", pdf->data.p, pdf->data.n,
	          &r);
	h_check(r.status == 403 && doc_count() == before,
	        "an upload without the CSRF token is refused (got %ld)", r.status);
	hresp_free(&r);
	h_client_free(other);
	h_client_free(kul);
	h_client_free(anon);
}

/* --- a second server with --files and --max-upload ------------------ */

static pid_t
serve(const char *const *extra, const char *log, int port)
{
	char listen[64];
	snprintf(listen, sizeof(listen), "127.0.0.1:%d", port);
	const char *argv[24] = {getenv("SAMVERKA_BIN"),
	                        "serve",
	                        "--insecure-cookies",
	                        "--listen",
	                        listen,
	                        "--db",
	                        H.db_url,
	                        "--threads",
	                        "1"};
	int n = 9;
	for (int i = 0; extra[i] && n < 22; i++)
		argv[n++] = extra[i];
	argv[n] = NULL;
	fflush(stdout);
	pid_t pid = fork();
	if (pid == 0) {
		prctl(PR_SET_PDEATHSIG, SIGTERM);
		int fd = open(log, O_WRONLY | O_CREAT | O_APPEND, 0600);
		dup2(fd, 1);
		dup2(fd, 2);
		close(fd);
		execv(argv[0], (char *const *)argv);
		_exit(127);
	}
	return pid;
}

/* --files DIR is created private; --max-upload sets the limit to the byte,
 * and the whole body limit follows it. */
static void
options(const struct sample *pdf)
{
	char dir[PATH_MAX], log[PATH_MAX], limit[32];
	snprintf(dir, sizeof(dir), "%s/andra-filer", work);
	snprintf(log, sizeof(log), "%s/andra.log", work);
	size_t max = pdf->data.n + 100;
	snprintf(limit, sizeof(limit), "%zu", max);

	struct hstr out = {0}, err = {0};
	const char *bad[] = {"samverka", "serve", "--db", H.db_url, "--max-upload", "tio", NULL};
	int rc = h_run(bad, NULL, &out, &err);
	h_check(rc == 2 && err.p && strstr(err.p, "--max-upload"),
	        "serve --max-upload tio is refused with exit 2 (got %d)", rc);
	hstr_free(&out);
	hstr_free(&err);
	const char *notdir[] = {"samverka", "serve", "--db", H.db_url, "--files", log, NULL};
	h_write_file(log, "");
	rc = h_run(notdir, NULL, &out, &err);
	h_check(rc == 1 && err.p && strstr(err.p, "not a directory"),
	        "serve --files naming a plain file is refused (got %d)", rc);
	hstr_free(&out);
	hstr_free(&err);

	int main_port = H.port;
	char main_base[64];
	snprintf(main_base, sizeof(main_base), "%s", H.base);
	H.port = h_free_port();
	snprintf(H.base, sizeof(H.base), "http://127.0.0.1:%d", H.port);
	const char *extra[] = {"--files", dir, "--max-upload", limit, NULL};
	pid_t pid = serve(extra, log, H.port);
	struct hclient *rep = h_client();
	/* it says so in its log once it listens */
	int up = 0;
	for (int i = 0; i < 150 && !up; i++) {
		char line[256] = "";
		FILE *f = fopen(log, "r");
		while (f && !up && fgets(line, sizeof(line), f))
			up = strstr(line, "listening on") != NULL;
		if (f)
			fclose(f);
		if (!up)
			usleep(100000);
	}
	struct hresp health;
	h_get(rep, "/healthz", &health);
	up = up && health.status == 200;
	hresp_free(&health);
	h_check(up, "a second server with --files %s --max-upload %s starts", dir, limit);
	struct stat st;
	h_check(stat(dir, &st) == 0 && S_ISDIR(st.st_mode) && (st.st_mode & 0777) == 0700,
	        "it created %s with mode 0700", dir);
	h_login(rep, "representative");

	struct hstr exact = {0};
	hstr_add(&exact, pdf->data.p, pdf->data.n);
	while (exact.n < max)
		hstr_add(&exact, "\n", 1);
	struct hresp r;
	long s1 =
	        upload(rep, DNR, "stadgar", "precis.pdf", "application/pdf", exact.p, exact.n, &r);
	hresp_free(&r);
	int random_named;
	h_check(s1 == 303 && dir_entries(dir, &random_named) == 1 && random_named == 1,
	        "a PDF of exactly --max-upload bytes is stored in the --files directory (got %ld)",
	        s1);
	hstr_add(&exact, "\n", 1);
	long s2 = upload(rep, DNR, "stadgar", "over.pdf", "application/pdf", exact.p, exact.n, &r);
	h_check(s2 == 422 && hresp_has(&r, "högst"),
	        "one byte more is refused with 422 naming the limit (got %ld)", s2);
	hresp_free(&r);
	struct hstr huge = {0};
	hstr_add(&huge, pdf->data.p, pdf->data.n);
	while (huge.n < 200 * 1024)
		hstr_add(&huge, "                                ", 32);
	long s3 = upload(rep, DNR, "stadgar", "enorm.pdf", "application/pdf", huge.p, huge.n, &r);
	h_check(s3 == 413, "a body far over the limit is a 413 (got %ld)", s3);
	hresp_free(&r);
	h_check(dir_entries(dir, &random_named) == 1, "the refused ones left no file");
	hstr_free(&exact);
	hstr_free(&huge);
	h_client_free(rep);

	kill(pid, SIGTERM);
	int status;
	waitpid(pid, &status, 0);
	h_check(WIFEXITED(status) && WEXITSTATUS(status) == 0, "the second server stops cleanly");
	H.port = main_port;
	snprintf(H.base, sizeof(H.base), "%s", main_base);
}

int
main(void)
{
	/* the server inherits this working directory: its default files
	 * directory lands in a directory of our own */
	const char *bin = getenv("SAMVERKA_BIN");
	char abs[PATH_MAX];
	if (bin && realpath(bin, abs))
		setenv("SAMVERKA_BIN", abs, 1);
	snprintf(work, sizeof(work), "/tmp/samverka-docs-XXXXXX");
	if (!mkdtemp(work)) {
		perror("mkdtemp");
		return 1;
	}
	if (chdir(work) != 0) {
		perror(work);
		return 1;
	}
	snprintf(files, sizeof(files), "%s/samverka-files", work);
	h_start();
	make_cases();

	struct hclient *rep = h_client(), *officer = h_client();
	h_check(h_login(rep, "representative") == 303 && h_login(officer, "officer") == 303,
	        "the representative and the FRI officer sign in");

	struct sample s[] = {
	        {"PDF", "stadgar.pdf", "application/pdf", "application/pdf", {0}, 0},
	        {"PNG", "karta.png", "image/png", "image/png", {0}, 0},
	        {"JPEG", "foto.jpg", "application/octet-stream", "image/jpeg", {0}, 0},
	        {"ODT",
	         "stadgar.odt",
	         "application/octet-stream",
	         "application/vnd.oasis.opendocument.text",
	         {0},
	         0},
	        {"DOCX",
	         "protokoll.docx",
	         "application/zip",
	         "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
	         {0},
	         0},
	};
	make_pdf(&s[0].data);
	make_png(&s[1].data);
	make_jpeg(&s[2].data);
	make_odt(&s[3].data);
	make_docx(&s[4].data);

	accepted_types(rep, officer, s, 5);
	refused(rep, &s[0], &s[1]);
	hostile_names(rep, &s[0]);
	download_headers(rep, &s[0]);
	strangers(rep, &s[0]);
	options(&s[0]);

	for (int i = 0; i < 5; i++)
		hstr_free(&s[i].data);
	h_client_free(rep);
	h_client_free(officer);
	int rc = h_finish();
	if (rc == 0) {
		if (chdir("/") == 0)
			h_remove_tree(work);
	} else {
		printf("# server's working directory kept in %s\n", work);
	}
	return rc;
}
