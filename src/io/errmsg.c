/* errmsg.c - the error out-parameter (char **err) that the modules below
 * the commands fill with a message for a person. */
#include <config.h>

#include "errmsg.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>

void
errmsg_set(char **err, const char *fmt, ...)
{
    va_list ap;

    if (!err)
        return;
    free(*err);
    va_start(ap, fmt);
    if (vasprintf(err, fmt, ap) < 0)
        *err = NULL;
    va_end(ap);
}
