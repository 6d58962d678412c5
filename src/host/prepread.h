/* prepread.h - read a local host's readiness facts under the sysroot. */
#ifndef VFIOTUI_PREPREAD_H
#define VFIOTUI_PREPREAD_H

#include "model.h"
#include "prep.h"

/* Reads the facts of the host at @sysroot (NULL for "/"), whose model
 * @h was read already (kernel release, command line, devices).  What
 * cannot be read stays unknown in the facts.  Returns 0 with *out the
 * caller's, or -1 with *err set (caller frees). */
int prepread_facts(const char *sysroot, const struct model_host *h, struct prep_facts **out,
                   char **err);

/* The text of file @rel under @sysroot, or NULL with *errnum set
 * (ENOENT for a missing file).  Caller frees. */
char *prepread_file(const char *sysroot, const char *rel, int *errnum);

#endif /* VFIOTUI_PREPREAD_H */
