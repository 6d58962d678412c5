/* atomicfile.c - bounded reads of a regular file, and its atomic
 * replacement that refuses when the file changed since it was read. */
#include <config.h>

#include "atomicfile.h"

#include <errno.h>
#include <fcntl.h>
#include <libgen.h>
#include <limits.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "errmsg.h"
#include "i18n.h"
#include "readfd.h"

static const char *
kind(mode_t m)
{
    if (S_ISDIR(m))
        return _("a directory");
    if (S_ISFIFO(m))
        return _("a FIFO");
    if (S_ISCHR(m))
        return _("a character device");
    if (S_ISBLK(m))
        return _("a block device");
    if (S_ISSOCK(m))
        return _("a socket");
    return _("not a regular file");
}

/* Opens @path for reading without blocking (a FIFO has no writer) and
 * refuses anything but a regular file.  Returns the descriptor with
 * *st filled, or -1 with *err set. */
static int
open_regular(const char *path, const char *name, bool nofollow, struct stat *st, char **err)
{
    int fd = open(path, O_RDONLY | O_CLOEXEC | O_NONBLOCK | O_NOCTTY |
                  (nofollow ? O_NOFOLLOW : 0));

    if (fd < 0) {
        errmsg_set(err, "%s: %s", name, strerror(errno));
        return -1;
    }
    if (fstat(fd, st) < 0) {
        errmsg_set(err, "%s: %s", name, strerror(errno));
        close(fd);
        return -1;
    }
    if (!S_ISREG(st->st_mode)) {
        errmsg_set(err, _("%s: not a regular file (%s)"), name, kind(st->st_mode));
        close(fd);
        return -1;
    }
    return fd;
}

/* Reads what @fd holds, at most ATOMICFILE_MAX bytes.  Returns a
 * NUL-terminated buffer, or NULL with *err set. */
static char *
read_bounded(int fd, const char *path, size_t *len, char **err)
{
    char *buf = readfd_all(fd, ATOMICFILE_MAX, len);

    if (!buf) {
        if (errno == EFBIG)
            errmsg_set(err, _("%s: larger than %u MiB; not a domain definition"),
                       path, ATOMICFILE_MAX >> 20);
        else
            errmsg_set(err, "%s: %s", path, strerror(errno));
        return NULL;
    }
    if (memchr(buf, '\0', *len)) {
        errmsg_set(err, _("%s: not a text file"), path);
        free(buf);
        return NULL;
    }
    return buf;
}

void
atomicfile_free(struct atomicfile *f)
{
    if (!f)
        return;
    free(f->name);
    free(f->path);
    free(f->text);
    free(f);
}

static void
remember(struct atomicfile *f, const struct stat *st)
{
    f->dev = st->st_dev;
    f->ino = st->st_ino;
    f->size = st->st_size;
    f->mtim = st->st_mtim;
}

struct atomicfile *
atomicfile_read(const char *path, char **err)
{
    struct atomicfile *f = calloc(1, sizeof(*f));
    struct stat st;
    int fd = -1;

    if (!f) {
        errmsg_set(err, "%s", strerror(ENOMEM));
        return NULL;
    }
    /* The real path, so that the rename replaces the file a symlink
     * points to rather than the symlink. */
    if (!(f->name = strdup(path))) {
        errmsg_set(err, "%s", strerror(ENOMEM));
        goto error;
    }
    if (!(f->path = realpath(path, NULL))) {
        errmsg_set(err, "%s: %s", path, strerror(errno));
        goto error;
    }
    if ((fd = open_regular(f->path, path, true, &st, err)) < 0)
        goto error;
    if (!(f->text = read_bounded(fd, path, &f->len, err)))
        goto error;
    remember(f, &st);
    close(fd);
    return f;

 error:
    if (fd >= 0)
        close(fd);
    atomicfile_free(f);
    return NULL;
}

/* Whether the file at f->path is still the one read into @f, byte for
 * byte.  Fills *now with its current status.  Returns 0, or -1 with
 * *err saying what changed. */
static int
unchanged(const struct atomicfile *f, struct stat *now, char **err)
{
    char *text = NULL, *e = NULL;
    size_t len = 0;
    int fd, ret = -1;

    if ((fd = open_regular(f->path, f->name, true, now, &e)) < 0) {
        errmsg_set(err, _("%s changed since it was read (%s); nothing was written"),
                   f->name, e ? e : "?");
        free(e);
        return -1;
    }
    if (now->st_dev != f->dev || now->st_ino != f->ino) {
        errmsg_set(err, _("%s was replaced by another file since it was read; "
                          "nothing was written, the other version is kept: run the command again"),
                   f->name);
        goto cleanup;
    }
    if (now->st_size != f->size || now->st_mtim.tv_sec != f->mtim.tv_sec ||
        now->st_mtim.tv_nsec != f->mtim.tv_nsec ||
        !(text = read_bounded(fd, f->path, &len, &e)) ||
        len != f->len || memcmp(text, f->text, len) != 0) {
        errmsg_set(err, _("%s was changed by someone else since it was read; "
                          "nothing was written, the other change is kept: run the command again"),
                   f->name);
        goto cleanup;
    }
    ret = 0;

 cleanup:
    free(e);
    free(text);
    close(fd);
    return ret;
}

static int
write_all(int fd, const char *text, size_t len)
{
    while (len > 0) {
        ssize_t w = write(fd, text, len);

        if (w < 0) {
            if (errno == EINTR)
                continue;
            return -1;
        }
        text += w;
        len -= (size_t)w;
    }
    return 0;
}

static void
sync_dir(const char *dir)
{
    int dfd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);

    if (dfd >= 0) {
        fsync(dfd);
        close(dfd);
    }
}

/* A temporary file in the directory of @path.  Returns its descriptor
 * and name (*tmp, caller frees) and the directory (*dir, inside
 * *dcopy, caller frees), or -1 with *err set. */
static int
make_temp(const char *path, char **dcopy, const char **dir, char **tmp, char **err)
{
    int fd;

    *tmp = NULL;
    if (!(*dcopy = strdup(path)) ||
        asprintf(tmp, "%s/.new.vfiotui-XXXXXX", (*dir = dirname(*dcopy))) < 0) {
        *tmp = NULL;
        errmsg_set(err, "%s", strerror(ENOMEM));
        return -1;
    }
    if ((fd = mkstemp(*tmp)) < 0) {
        errmsg_set(err, _("cannot create a temporary file in %s: %s"), *dir, strerror(errno));
        free(*tmp);
        *tmp = NULL;
        return -1;
    }
    return fd;
}

int
atomicfile_replace(struct atomicfile *f, const char *text, char **err)
{
    struct stat st, nst;
    char *dcopy = NULL, *tmp = NULL, *backup = NULL, *ntext = NULL;
    const char *dir = NULL;
    size_t len = strlen(text);
    int fd = -1;
    int ret = -1;

    if ((fd = make_temp(f->path, &dcopy, &dir, &tmp, err)) < 0)
        goto cleanup;
    if (!(ntext = strdup(text)) || asprintf(&backup, "%s~", f->path) < 0) {
        backup = NULL;
        errmsg_set(err, "%s", strerror(ENOMEM));
        goto cleanup;
    }
    if (write_all(fd, text, len) < 0) {
        errmsg_set(err, _("cannot write %s: %s"), tmp, strerror(errno));
        goto cleanup;
    }
    /* As late as possible: from here to the rename is a few system
     * calls.  Mode and owner come from this look, so a chmod made
     * meanwhile is kept too. */
    if (unchanged(f, &st, err) < 0)
        goto cleanup;
    if (fchmod(fd, st.st_mode & 07777) < 0) {
        errmsg_set(err, _("cannot give %s the mode of %s: %s"), tmp, f->path, strerror(errno));
        goto cleanup;
    }
    if ((st.st_uid != geteuid() || st.st_gid != getegid()) &&
        fchown(fd, st.st_uid, st.st_gid) < 0) {
        errmsg_set(err, _("cannot give the new file the owner of %s: %s"), f->path, strerror(errno));
        goto cleanup;
    }
    if (fsync(fd) < 0 || fstat(fd, &nst) < 0) {
        errmsg_set(err, _("cannot write %s to disk: %s"), tmp, strerror(errno));
        goto cleanup;
    }
    if (close(fd) < 0) {
        fd = -1;
        errmsg_set(err, _("cannot write %s: %s"), tmp, strerror(errno));
        goto cleanup;
    }
    fd = -1;

    /* Keep the previous version as FILE~ before the rename replaces it. */
    if (unlink(backup) < 0 && errno != ENOENT) {
        errmsg_set(err, _("cannot replace the backup %s: %s"), backup, strerror(errno));
        goto cleanup;
    }
    if (link(f->path, backup) < 0) {
        errmsg_set(err, _("cannot keep the previous version as %s: %s"), backup, strerror(errno));
        goto cleanup;
    }
    if (rename(tmp, f->path) < 0) {
        errmsg_set(err, _("cannot replace %s: %s"), f->path, strerror(errno));
        goto cleanup;
    }
    free(tmp);
    tmp = NULL;
    sync_dir(dir);
    free(f->text);
    f->text = ntext;
    ntext = NULL;
    f->len = len;
    remember(f, &nst);
    ret = 0;

 cleanup:
    if (fd >= 0)
        close(fd);
    if (tmp) {
        unlink(tmp);
        free(tmp);
    }
    free(ntext);
    free(backup);
    free(dcopy);
    return ret;
}

int
atomicfile_create(const char *path, const char *text, mode_t mode, char **err)
{
    char *dcopy = NULL, *tmp = NULL;
    const char *dir = NULL;
    int fd, ret = -1;

    if ((fd = make_temp(path, &dcopy, &dir, &tmp, err)) < 0)
        goto cleanup;
    if (write_all(fd, text, strlen(text)) < 0 || fchmod(fd, mode) < 0 || fsync(fd) < 0) {
        errmsg_set(err, _("cannot write %s: %s"), path, strerror(errno));
        close(fd);
        goto cleanup;
    }
    if (close(fd) < 0) {
        errmsg_set(err, _("cannot write %s: %s"), path, strerror(errno));
        goto cleanup;
    }
    if (link(tmp, path) < 0) {
        errmsg_set(err, "%s: %s", path, strerror(errno));
        goto cleanup;
    }
    sync_dir(dir);
    ret = 0;

 cleanup:
    if (tmp) {
        unlink(tmp);
        free(tmp);
    }
    free(dcopy);
    return ret;
}
