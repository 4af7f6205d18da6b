/* Mail: written to the outbox table in the transaction of the event it
 * tells about, sent by a background worker with retries. */
#ifndef MAIL_OUTBOX_H
#define MAIL_OUTBOX_H

/* Starts the worker thread: it opens its own database connection and sends
 * what is due through the SMTP server at smtp_url (smtp://host:port). */
int mail_worker_start(const char *db_url, const char *smtp_url, const char *from);
void mail_worker_stop(void);
#endif
