/* fixture.h - build a kernel-faithful sysroot from a compact description
 * (see tests/hosts/README for the format).  Used by the tests, bench/
 * and the demo host. */
#ifndef VFIOTUI_FIXTURE_H
#define VFIOTUI_FIXTURE_H

/* Creates the tree for @desc (the description text) under @dir, which
 * must exist and be empty.  Returns 0, or -1 with *err set (caller
 * frees): "line N: ..." for a bad description. */
int fixture_build(const char *desc, const char *dir, char **err);

/* Removes @dir and everything below it.  Returns 0 or -1 (errno). */
int fixture_remove(const char *dir);

#endif /* VFIOTUI_FIXTURE_H */
