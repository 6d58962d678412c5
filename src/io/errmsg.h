/* errmsg.h - the error out-parameter (char **err) that the modules below
 * the commands fill with a message for a person. */
#ifndef VFIOTUI_ERRMSG_H
#define VFIOTUI_ERRMSG_H

/* Replaces *@err (freed first) with the formatted message; the caller
 * frees it.  Does nothing when @err is NULL; *@err becomes NULL when
 * memory runs out. */
void errmsg_set(char **err, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));

#endif /* VFIOTUI_ERRMSG_H */
