/* atomicfile.h - bounded reads of a regular file, and its atomic
 * replacement that refuses when the file changed since it was read. */
#ifndef VFIOTUI_ATOMICFILE_H
#define VFIOTUI_ATOMICFILE_H

#include <stddef.h>
#include <sys/types.h>
#include <time.h>

/* The largest domain file read; libvirt's own definitions are a few
 * KiB, and anything past this is refused rather than read for ever
 * (a symlink to /dev/zero). */
#define ATOMICFILE_MAX (16u * 1024 * 1024)

/* A file as it was read: what atomicfile_replace compares the file on
 * disk with before it replaces it. */
struct atomicfile {
    char *name;                 /* the path as given, for messages */
    char *path;                 /* the real path, symlinks resolved */
    char *text;                 /* the bytes read, NUL-terminated */
    size_t len;
    dev_t dev;
    ino_t ino;
    off_t size;
    struct timespec mtim;
};

/* Reads @path, which must be (or point to) a regular file of at most
 * ATOMICFILE_MAX bytes holding no NUL byte.  A FIFO, device or
 * directory is refused without blocking.  Returns a new object (free
 * with atomicfile_free), or NULL with *err set. */
struct atomicfile *atomicfile_read(const char *path, char **err);

/* Replaces the file @f was read from with @text: a temporary file in
 * the same directory, fsync, the file's mode and owner, the previous
 * version kept as PATH~, then rename.  Just before the backup and the
 * rename the file is compared with what was read (device, inode, size,
 * mtime, bytes); if anything changed, nothing is replaced and *err
 * says so.  On any failure the file, its backup and the directory are
 * as they were.  On success @f describes the new file.  Returns 0 or
 * -1. */
int atomicfile_replace(struct atomicfile *f, const char *text, char **err);

/* Creates @path, which must not exist, holding @text with @mode: written
 * in full under a temporary name and linked into place, so a file made
 * meanwhile is never replaced.  Returns 0 or -1 with *err set. */
int atomicfile_create(const char *path, const char *text, mode_t mode, char **err);

/* Accepts NULL. */
void atomicfile_free(struct atomicfile *f);

#endif /* VFIOTUI_ATOMICFILE_H */
