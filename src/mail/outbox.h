/* Mail: written to the outbox table in the transaction of the event it
 * tells about, sent by a background worker with retries. */
#ifndef MAIL_OUTBOX_H
#define MAIL_OUTBOX_H

/* The site's public address (scheme and host, no trailing slash), which
 * links in mails start with: a mail program cannot follow a bare path. */
extern const char *mail_base_url;

/* Makes url the base of links in mails, without one trailing slash. 0 on
 * success; otherwise -1 and *why says what is wrong with it. */
int mail_base_url_set(const char *url, const char **why);

/* Starts the worker thread: it opens its own database connection and sends
 * what is due through the SMTP server at smtp_url (smtp://host:port). */
int mail_worker_start(const char *db_url, const char *smtp_url, const char *from,
                      const char *password);
void mail_worker_stop(void);
#endif
