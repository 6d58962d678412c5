/* sysfs.c - read <sysroot>/sys and <sysroot>/proc into the host model.
 *
 * Devices come from sys/bus/pci/devices, their identity from config
 * space and their attributes from our own strict reads (src/core/sysval),
 * each file once through the device's open directory, on two threads
 * (scan_read), with the real libpci used for names from
 * pci.ids only: libpci turns a malformed id into 0000 or ffff.  Groups
 * come from sys/kernel/iommu_groups and each device's iommu_group link,
 * checked against each other, and the host facts the rules judge (root
 * disk, management NIC, kernel, vfio) from sys/class and proc.  Nothing
 * here needs root.  A malformed or unreadable file makes that field
 * unknown (MODEL_NONE and a bit in model_dev.unknown, or a host flag)
 * with a warning naming the file and its escaped value; never a
 * made-up value.  This file holds the device scan, libpci and the entry
 * point; the per-device reads are in sysfs_dev.c, the device links in
 * sysfs_link.c, the groups and kernel
 * facts in sysfs_iommu.c, the routes in sysfs_net.c (sysfs_priv.h). */
#include <config.h>

#include "sysfs.h"
#include "sysfs_priv.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <pci/pci.h>
#include <pthread.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <unistd.h>

#include "i18n.h"
#include "pci.h"
#include "storage.h"
#include "sysread.h"
#include "sysval.h"

/* libpci's error handler takes no user pointer and must not return, so
 * the jump target (and where warnings go) can only be file-static.  They
 * are set and cleared around each libpci call in this file. */
static jmp_buf pci_jmp;

/* the readers of the device scan (scan_read) */
#define SCAN_JOBS_MAX 2
static struct model_host *pci_warn_host;

static void __attribute__((noreturn, format(printf, 1, 2)))
pci_error_cb(char *msg, ...)
{
    (void)msg;
    longjmp(pci_jmp, 1);
}

static void __attribute__((format(printf, 1, 2)))
pci_warning_cb(char *msg, ...)
{
    char buf[512];
    va_list ap;

    va_start(ap, msg);
    vsnprintf(buf, sizeof(buf), msg, ap);
    va_end(ap);
    if (pci_warn_host)
        model_warn(pci_warn_host, "libpci: %s", buf);
}

static void __attribute__((format(printf, 1, 2)))
pci_debug_cb(char *msg, ...)
{
    (void)msg;
}

/* Reads a whole /proc table, bounded.  Caller frees.  NULL (errno set)
 * if it is absent, unreadable, not a regular file or too large. */
char *
sysfs_read_all(int dirfd, const char *path)
{
    return sysread_all(dirfd, path, SYSREAD_TABLE_MAX, NULL);
}

/* ---- devices --------------------------------------------------------- */

static int
found_cmp(const void *a, const void *b)
{
    return bdf_cmp(&((const struct sysfs_found *)a)->addr, &((const struct sysfs_found *)b)->addr);
}

static char *
lookup(struct pci_access *pacc, int flags, ...)
{
    char buf[512];
    char *r;
    va_list ap;

    int a1, a2, a3, a4;

    /* the order in which call arguments are evaluated is unspecified */
    va_start(ap, flags);
    a1 = va_arg(ap, int);
    a2 = va_arg(ap, int);
    a3 = va_arg(ap, int);
    a4 = va_arg(ap, int);
    va_end(ap);
    r = pci_lookup_name(pacc, buf, sizeof(buf), flags | PCI_LOOKUP_NO_NUMBERS, a1, a2, a3, a4);
    return r ? strdup(r) : NULL;
}

/* Warns that @file of @dev holds @val (@len bytes), which does not parse. */
void
sysfs_warn_value(struct rd *r, const char *dev, const char *file, const char *val, size_t len)
{
    char *e = sysval_excerpt(val, len, 64);

    model_warn(r->h, _("%s: %s holds '%s', which is not a valid value; the value is unknown"),
               dev, file, e ? e : "?");
    free(e);
}

/* What libpci is still used for: names from pci.ids.  Identity comes
 * from our own strict reads (read_ids), since libpci turns a malformed
 * id into 0000 or ffff. */
static void
fill_from_libpci(struct pci_access *pacc, struct model_dev *d)
{
    if (setjmp(pci_jmp))
        return;                 /* no pci.ids: the names stay unknown */
    if (d->vendor_id != MODEL_NONE)
        d->vendor_name = lookup(pacc, PCI_LOOKUP_VENDOR, d->vendor_id, 0, 0, 0);
    if (d->vendor_id != MODEL_NONE && d->device_id != MODEL_NONE)
        d->device_name = lookup(pacc, PCI_LOOKUP_DEVICE, d->vendor_id, d->device_id, 0, 0);
    if (d->class_id != MODEL_NONE)
        d->class_name = lookup(pacc, PCI_LOOKUP_CLASS, d->class_id, 0, 0, 0);
    if (d->subsys_vendor_id != MODEL_NONE && d->vendor_id != MODEL_NONE &&
        d->device_id != MODEL_NONE)
        d->subsys_name = lookup(pacc, PCI_LOOKUP_SUBSYSTEM | PCI_LOOKUP_VENDOR | PCI_LOOKUP_DEVICE,
                                d->vendor_id, d->device_id,
                                d->subsys_vendor_id, d->subsys_device_id);
}

/* Reads the device list; each name must be a PCI address. */
static int
list_devices(struct rd *r, struct sysfs_found **out, size_t *n_out, char **err)
{
    int dfd = openat(r->rootfd, "sys/bus/pci/devices", O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    DIR *dir;
    struct dirent *de;
    struct sysfs_found *v = NULL;
    size_t n = 0, cap = 0;

    if (dfd < 0 || !(dir = fdopendir(dfd))) {
        if (asprintf(err, _("no PCI devices to read at %s/sys/bus/pci/devices: %s"),
                     strcmp(r->root, "/") == 0 ? "" : r->root, strerror(errno)) < 0)
            *err = NULL;
        if (dfd >= 0)
            close(dfd);
        return -1;
    }
    while ((de = readdir(dir))) {
        struct sysfs_found f;

        memset(&f, 0, sizeof(f));
        if (de->d_name[0] == '.')
            continue;
        if (bdf_parse(de->d_name, &f.addr) < 0 || strlen(de->d_name) != 12) {
            char *e = sysval_excerpt(de->d_name, strlen(de->d_name), 64);

            model_warn(r->h, _("ignoring '%s' in sys/bus/pci/devices: not a PCI address"),
                       e ? e : "?");
            free(e);
            continue;
        }
        bdf_format(&f.addr, f.name);
        if (n == cap) {
            struct sysfs_found *nv = realloc(v, (cap = cap ? cap * 2 : 256) * sizeof(*nv));

            if (!nv) {
                closedir(dir);
                free(v);
                return -1;
            }
            v = nv;
        }
        v[n++] = f;
    }
    closedir(dir);
    if (n > 0 && n < cap) {
        struct sysfs_found *nv = realloc(v, n * sizeof(*nv));   /* give back the slack */

        if (nv)
            v = nv;
    }
    if (n > 1)
        qsort(v, n, sizeof(*v), found_cmp);
    *out = v;
    *n_out = n;
    return 0;
}


/* One reader's part of the scan: devices [from, to) of found[] and of
 * the model's devs[], read with its own struct rd, whose model holds
 * only its warnings, and its own list of drivers seen. */
struct scan_slice {
    struct rd r;
    struct sysfs_found *found;
    struct model_dev *devs;
    size_t from, to;
};

static void *
scan_slice_run(void *arg)
{
    struct scan_slice *s = arg;
    size_t i;

    for (i = s->from; i < s->to; i++)
        sysfs_read_dev(&s->r, &s->found[i], &s->devs[i]);
    return NULL;
}

/* How many readers share the scan: 2 (the path lookups the time goes
 * to are the kernel's and scale over cores), 1 with VFIOTUI_SCAN_JOBS=1
 * (bench/list-vs-lspci.sh compares the two). */
static size_t
scan_jobs(size_t n_found)
{
    const char *e = getenv("VFIOTUI_SCAN_JOBS");

    if (n_found < 2 || (e && strcmp(e, "1") == 0))
        return 1;
    return SCAN_JOBS_MAX;
}

/* Reads every device into h->devs[base..] in slices, one per reader,
 * then, in address order on this thread alone, moves each device's
 * warnings into the model and looks its names up in libpci (which is
 * not thread-safe) between its identity's warnings and the rest's, as
 * one reader would have.  Returns 0, or -1 (out of memory). */
static int
scan_read(struct rd *r, struct pci_access *pacc, struct sysfs_found *found, size_t n_found,
          size_t base)
{
    struct scan_slice sl[SCAN_JOBS_MAX];
    pthread_t th[SCAN_JOBS_MAX];
    bool started[SCAN_JOBS_MAX];
    size_t jobs = scan_jobs(n_found), j, i, w = 0;
    int ret = -1;

    memset(sl, 0, sizeof(sl));
    for (j = 0; j < jobs; j++) {
        sl[j].r = *r;
        memset(&sl[j].r.drivers, 0, sizeof(sl[j].r.drivers));
        sl[j].found = found;
        sl[j].devs = r->h->devs + base;
        sl[j].from = n_found * j / jobs;
        sl[j].to = n_found * (j + 1) / jobs;
        started[j] = false;
        if (!(sl[j].r.h = model_host_new()))
            goto cleanup;
    }
    /* the others on threads of their own, the first here; a thread
     * that cannot start has its slice read here afterwards */
    for (j = 1; j < jobs; j++)
        started[j] = pthread_create(&th[j], NULL, scan_slice_run, &sl[j]) == 0;
    scan_slice_run(&sl[0]);
    for (j = 1; j < jobs; j++) {
        if (started[j])
            pthread_join(th[j], NULL);
        else
            scan_slice_run(&sl[j]);
    }

    for (i = 0, j = 0; i < n_found; i++) {
        const struct model_host *wh;

        if (i == sl[j].to) {
            j++;
            w = 0;
        }
        wh = sl[j].r.h;
        for (; w < found[i].warn_mid; w++)
            model_warn(r->h, "%s", wh->warnings[w]);
        if (found[i].opened)
            fill_from_libpci(pacc, &r->h->devs[base + i]);
        for (; w < found[i].warn_end; w++)
            model_warn(r->h, "%s", wh->warnings[w]);
    }
    ret = 0;

 cleanup:
    for (j = 0; j < jobs; j++) {
        for (i = 0; i < sl[j].r.drivers.n; i++)
            free(sl[j].r.drivers.v[i]);
        free(sl[j].r.drivers.v);
        model_host_free(sl[j].r.h);
    }
    return ret;
}

/* Adds every device to the model.  Returns 0, or -1 with *err set. */
static int
scan_pci(struct rd *r, struct sysfs_found *found, size_t n_found, bool quiet,
         char **err)
{
    struct pci_access *pacc;
    char pcipath[4096];
    size_t i, base = r->h->n_devs;
    volatile bool ok = false;   /* read after a longjmp */

    /* one allocation for all the devices: devs[] does not move while
     * the readers fill it */
    if (model_reserve_devs(r->h, base + n_found) < 0 || !(pacc = pci_alloc()))
        return -1;
    snprintf(pcipath, sizeof(pcipath), "%s/sys/bus/pci",
             strcmp(r->root, "/") == 0 ? "" : r->root);
    /* libpci's warnings go into the model whatever -q says: check
     * reports them as findings */
    (void)quiet;
    pci_warn_host = r->h;
    if (setjmp(pci_jmp)) {
        if (err && asprintf(err, _("libpci cannot read %s"), pcipath) < 0)
            *err = NULL;
        pci_warn_host = NULL;
        return -1;              /* pacc is left: its state is unknown */
    }
    pacc->error = pci_error_cb;
    pacc->warning = pci_warning_cb;
    pacc->debug = pci_debug_cb;
    pacc->method = PCI_ACCESS_SYS_BUS_PCI;
    pci_set_param(pacc, "sysfs.path", pcipath);
    pci_set_param(pacc, "hwdb.disable", "1");
    pci_init(pacc);

    for (i = 0; i < n_found; i++)
        if (model_add_dev(r->h, &found[i].addr) < 0)
            break;
    ok = i == n_found && scan_read(r, pacc, found, n_found, base) == 0;
    if (!setjmp(pci_jmp))
        pci_cleanup(pacc);
    pci_warn_host = NULL;
    return ok ? 0 : -1;
}

void
sysfs_fill_names(struct model_host *h)
{
    struct pci_access *pacc = pci_alloc();
    size_t i;

    if (!pacc)
        return;
    pci_warn_host = NULL;
    if (setjmp(pci_jmp))
        return;                 /* no pci.ids: the names stay unknown */
    pacc->error = pci_error_cb;
    pacc->warning = pci_warning_cb;
    pacc->debug = pci_debug_cb;
    pci_set_param(pacc, "hwdb.disable", "1");
    for (i = 0; i < h->n_devs; i++) {
        struct model_dev *d = &h->devs[i];

        if (d->vendor_id == MODEL_NONE)
            continue;
        if (!d->vendor_name)
            d->vendor_name = lookup(pacc, PCI_LOOKUP_VENDOR, d->vendor_id, 0, 0, 0);
        if (!d->device_name && d->device_id != MODEL_NONE)
            d->device_name = lookup(pacc, PCI_LOOKUP_DEVICE, d->vendor_id, d->device_id, 0, 0);
        if (!d->class_name && d->class_id != MODEL_NONE)
            d->class_name = lookup(pacc, PCI_LOOKUP_CLASS, d->class_id, 0, 0, 0);
    }
    if (!setjmp(pci_jmp))
        pci_cleanup(pacc);
}

/* ---- entry point ------------------------------------------------------- */

struct model_host *
sysfs_read(const struct sysfs_opts *opts, char **err)
{
    struct rd r;
    struct sysfs_found *found = NULL;
    size_t n_found = 0;
    struct model_host *ret = NULL;
    struct storage_net net = { NULL, 0 };
    bool is_root;
    size_t i;

    memset(&r, 0, sizeof(r));
    r.root = opts->sysroot && *opts->sysroot ? opts->sysroot : "/";
    r.brief = opts->brief;
    is_root = strcmp(r.root, "/") == 0;
    if (err)
        *err = NULL;
    if (!(r.h = model_host_new()))
        goto cleanup;
    if ((r.rootfd = open(r.root, O_RDONLY | O_DIRECTORY | O_CLOEXEC)) < 0) {
        if (err && asprintf(err, "%s: %s", r.root, strerror(errno)) < 0)
            *err = NULL;
        goto cleanup;
    }
    if (asprintf(&r.h->source, "sysfs:%s", r.root) < 0)
        r.h->source = NULL;

    if (list_devices(&r, &found, &n_found, err) < 0)
        goto cleanup;
    if (opts->first && n_found > opts->first * SYSFS_FIRST_MIN) {
        size_t all = n_found;

        if (sysfs_first_select(&r, found, &n_found, opts->first) < 0)
            goto cleanup;
        r.h->partial_of = all;
    }

    if (scan_pci(&r, found, n_found, opts->quiet, err) < 0)
        goto cleanup;
    r.found = found;
    r.n_found = n_found;
    /* found[] is sorted, so the model is already in address order */
    if (model_finish(r.h) < 0)
        goto cleanup;
    sysfs_read_groups(&r);
    if (model_finish(r.h) < 0)
        goto cleanup;
    sysfs_read_topology(&r);
    sysfs_read_kernel(&r, is_root);
    storage_read(r.rootfd, r.h, &net);
    sysfs_read_routes(&r, opts->ssh_connection, &net);
    sysfs_read_mdevs(&r);

    ret = r.h;
    r.h = NULL;

 cleanup:
    if (r.rootfd > 0)
        close(r.rootfd);
    for (i = 0; i < n_found; i++) {
        free(found[i].group_link);
        free(found[i].virtfns);
    }
    free(found);
    for (i = 0; i < r.drivers.n; i++)
        free(r.drivers.v[i]);
    free(r.drivers.v);
    free(r.only_groups);
    storage_net_clear(&net);
    model_host_free(r.h);
    if (!ret && err && !*err)
        *err = strdup(_("out of memory"));
    return ret;
}

