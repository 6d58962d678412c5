/* testutil.h - small helpers the Check suites share */
#ifndef VFIOTUI_TESTUTIL_H
#define VFIOTUI_TESTUTIL_H

/* The whole file at @path, NUL-terminated (caller frees), or NULL if it
 * cannot be read. */
char *test_slurp(const char *path);

#endif /* VFIOTUI_TESTUTIL_H */
