/* domfile.c - a domain (or hostdev) XML file on disk: hostdevs saved
 * into it with the XML of hostdev.h and the atomic write of
 * io/atomicfile.h. */
#include <config.h>

#include "domfile.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "domedit.h"
#include "hostdev.h"
#include "io/atomicfile.h"
#include "io/errmsg.h"

int
domfile_save(const char *path, const struct bdf *addrs, size_t n, bool managed, char **err)
{
    return domfile_save_all(path, addrs, n, NULL, 0, managed, err);
}

int
domfile_save_all(const char *path, const struct bdf *addrs, size_t n,
                 const struct hostdev_mdev *m, size_t n_m, bool managed, char **err)
{
    struct atomicfile *f;
    struct stat st;
    char *text;
    int ret = -1;

    /* lstat: a dangling symlink is not a new path, and is refused */
    if (lstat(path, &st) < 0 && errno == ENOENT) {
        if (!(text = hostdev_xml_doc_all(addrs, n, m, n_m, managed))) {
            errmsg_set(err, "%s", strerror(ENOMEM));
            return -1;
        }
        ret = atomicfile_create(path, text, 0644, err);
        free(text);
        return ret;
    }
    if (!(f = atomicfile_read(path, err)))
        return -1;
    if ((text = domedit_file_add_all(f->text, addrs, n, m, n_m, managed, err))) {
        ret = atomicfile_replace(f, text, err);
        free(text);
    }
    atomicfile_free(f);
    return ret;
}
