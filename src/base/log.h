#ifndef BASE_LOG_H
#define BASE_LOG_H
void log_msg(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
#endif
