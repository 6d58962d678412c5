/* prepread.c - the readiness facts of a local host (vfiotui ready and
 * boot): IOMMU units, interrupt remapping, the CPU vendor, the vfio
 * modules, vfio-pci.ids, driver_override and the distribution, all
 * under the sysroot. */
#include <config.h>

#include "prepread.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "i18n.h"
#include "sysread.h"

#define TEXT_MAX (4u * 1024 * 1024)

static int
cmp_str(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

/* The names in directory @rel, sorted, without dot files.  Returns the
 * count (*out the caller's), 0 for a missing directory, -1 on error. */
static int
list_dir(int rootfd, const char *rel, char ***out)
{
    int fd = openat(rootfd, rel, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    DIR *d;
    struct dirent *e;
    char **v = NULL;
    int n = 0;

    *out = NULL;
    if (fd < 0)
        return errno == ENOENT ? 0 : -1;
    if (!(d = fdopendir(fd))) {
        close(fd);
        return -1;
    }
    while ((e = readdir(d))) {
        char **nv;

        if (e->d_name[0] == '.')
            continue;
        if (!(nv = realloc(v, (n + 1) * sizeof(*nv))) || !(nv[n] = strdup(e->d_name))) {
            if (nv)
                v = nv;
            while (n > 0)
                free(v[--n]);
            free(v);
            closedir(d);
            return -1;
        }
        v = nv;
        n++;
    }
    closedir(d);
    if (n)
        qsort(v, n, sizeof(*v), cmp_str);
    *out = v;
    return n;
}

static void
free_list(char **v, int n)
{
    while (n > 0)
        free(v[--n]);
    free(v);
}

static void
read_iommu(int rootfd, struct prep_facts *f)
{
    int i, n = list_dir(rootfd, "sys/class/iommu", &f->iommu_units);
    bool all = n > 0;

    f->n_iommu_units = n;
    f->irq_remap = MODEL_TRI_UNKNOWN;
    for (i = 0; i < n; i++) {
        char path[512], buf[64], *end;
        unsigned long long ecap;

        snprintf(path, sizeof(path), "sys/class/iommu/%s/intel-iommu/ecap", f->iommu_units[i]);
        if (sysread_small(rootfd, path, buf, sizeof(buf)) < 0) {
            all = false;
            break;
        }
        errno = 0;
        ecap = strtoull(buf, &end, 16);
        if (errno || *end || end == buf) {
            all = false;
            break;
        }
        /* ECAP bit 3: interrupt remapping support (VT-d spec) */
        if (!(ecap & 8)) {
            f->irq_remap = MODEL_TRI_NO;
            return;
        }
    }
    if (all)
        f->irq_remap = MODEL_TRI_YES;
}

static void
read_cpu(int rootfd, struct prep_facts *f)
{
    char *text = sysread_all(rootfd, "proc/cpuinfo", TEXT_MAX, NULL);
    char *p;

    if (!text)
        return;
    for (p = text; p && *p; p = strchr(p, '\n') ? strchr(p, '\n') + 1 : NULL) {
        if (strncmp(p, "vendor_id", 9) == 0 && strchr(p, ':')) {
            char *v = strchr(p, ':') + 1;

            v += strspn(v, " \t");
            f->cpu_vendor = strndup(v, strcspn(v, "\n \t"));
            break;
        }
    }
    free(text);
    if (!f->cpu_vendor)
        return;
    if (strcmp(f->cpu_vendor, "GenuineIntel") == 0)
        f->cpu = PREP_CPU_INTEL;
    else if (strcmp(f->cpu_vendor, "AuthenticAMD") == 0 || strcmp(f->cpu_vendor, "HygonGenuine") == 0)
        f->cpu = PREP_CPU_AMD;
    else
        f->cpu = PREP_CPU_OTHER;
}

/* Whether the module list @text (one module path or name first on each
 * line, up to ':' or a blank) has module @name. */
static bool
text_has_module(const char *text, const char *name)
{
    const char *p;

    for (p = text; p && *p; p = strchr(p, '\n') ? strchr(p, '\n') + 1 : NULL) {
        char first[512], mod[128];
        size_t n = strcspn(p, ": \t\n");

        if (n >= sizeof(first))
            continue;
        memcpy(first, p, n);
        first[n] = '\0';
        prep_module_name(first, mod, sizeof(mod));
        if (strcmp(mod, name) == 0)
            return true;
    }
    return false;
}

/* Each PCI driver's module (its module link, as the kernel makes it)
 * and whether that is built in. */
static void
read_drivers(int rootfd, struct prep_facts *f, const char *builtin)
{
    char **names = NULL;
    int i, n = list_dir(rootfd, "sys/bus/pci/drivers", &names);

    for (i = 0; i < n; i++) {
        char path[512], target[512], mod[128];
        ssize_t len;

        snprintf(path, sizeof(path), "sys/bus/pci/drivers/%s/module", names[i]);
        if ((len = readlinkat(rootfd, path, target, sizeof(target) - 1)) > 0) {
            target[len] = '\0';
            prep_module_name(sysread_base(target), mod, sizeof(mod));
        } else {
            prep_module_name(names[i], mod, sizeof(mod));
        }
        if (prep_facts_add_driver(f, names[i], mod, builtin && text_has_module(builtin, mod)) < 0)
            break;
    }
    free_list(names, n > 0 ? n : 0);
}

static void
read_modules(int rootfd, const struct model_host *h, struct prep_facts *f)
{
    static const char *const names[PREP_N_MODS] = { "vfio", "vfio_pci", "vfio_iommu_type1" };
    char *loaded = sysread_all(rootfd, "proc/modules", TEXT_MAX, NULL);
    char *builtin = NULL, *dep = NULL, path[512];
    bool vfio_driver = faccessat(rootfd, "sys/bus/pci/drivers/vfio-pci", F_OK, 0) == 0;
    size_t i;

    if (h->kernel_release) {
        snprintf(path, sizeof(path), "lib/modules/%s/modules.builtin", h->kernel_release);
        builtin = sysread_all(rootfd, path, TEXT_MAX, NULL);
        snprintf(path, sizeof(path), "lib/modules/%s/modules.dep", h->kernel_release);
        dep = sysread_all(rootfd, path, TEXT_MAX, NULL);
    }
    for (i = 0; i < PREP_N_MODS; i++) {
        if ((loaded && text_has_module(loaded, names[i])) ||
            (vfio_driver && i != PREP_MOD_VFIO_IOMMU_TYPE1))
            f->mods[i] = PREP_MOD_LOADED;
        else if (builtin && text_has_module(builtin, names[i]))
            f->mods[i] = PREP_MOD_BUILTIN;
        else if (dep && text_has_module(dep, names[i]))
            f->mods[i] = PREP_MOD_INSTALLED;
        else if (dep && loaded)
            f->mods[i] = PREP_MOD_ABSENT;
        else
            f->mods[i] = PREP_MOD_UNKNOWN;
    }
    read_drivers(rootfd, f, builtin);
    free(loaded);
    free(builtin);
    free(dep);
}

/* "options vfio-pci ids=..." lines of one modprobe.d file. */
static int
conf_ids(struct prep_facts *f, const char *text, const char *where)
{
    const char *p;

    for (p = text; p && *p; p = strchr(p, '\n') ? strchr(p, '\n') + 1 : NULL) {
        const char *q = p + strspn(p, " \t"), *e = q + strcspn(q, "\n");

        if (strncmp(q, "options", 7) != 0 || (q[7] != ' ' && q[7] != '\t'))
            continue;
        q += 7 + strspn(q + 7, " \t");
        if (strncmp(q, "vfio-pci", 8) != 0 && strncmp(q, "vfio_pci", 8) != 0)
            continue;
        q += 8;
        while (q < e) {
            q += strspn(q, " \t");
            if (strncmp(q, "ids=", 4) == 0) {
                char *v = strndup(q + 4, strcspn(q + 4, " \t\n"));
                int rc = v ? prep_facts_add_ids(f, v, where) : -1;

                free(v);
                if (rc < 0)
                    return -1;
            }
            q += strcspn(q, " \t\n");
        }
    }
    return 0;
}

static int
read_ids(int rootfd, const struct model_host *h, struct prep_facts *f)
{
    char **names = NULL;
    int i, n;

    if (h->cmdline) {
        const char *p = h->cmdline;

        while (*p) {
            p += strspn(p, " \t\n");
            if (strncmp(p, "vfio-pci.ids=", 13) == 0 || strncmp(p, "vfio_pci.ids=", 13) == 0) {
                char *v = strndup(p + 13, strcspn(p + 13, " \t\n"));
                int rc = v ? prep_facts_add_ids(f, v, _("the kernel command line")) : -1;

                free(v);
                if (rc < 0)
                    return -1;
            }
            p += strcspn(p, " \t\n");
        }
    }
    if ((n = list_dir(rootfd, "etc/modprobe.d", &names)) < 0)
        return 0;
    f->ids_known = true;
    for (i = 0; i < n; i++) {
        char path[512], *text;
        size_t len = strlen(names[i]);

        if (len < 5 || strcmp(names[i] + len - 5, ".conf") != 0)
            continue;
        snprintf(path, sizeof(path), "etc/modprobe.d/%s", names[i]);
        if (!(text = sysread_all(rootfd, path, TEXT_MAX, NULL))) {
            f->ids_known = false;
            continue;
        }
        if (conf_ids(f, text, path) < 0) {
            free(text);
            free_list(names, n);
            return -1;
        }
        free(text);
    }
    free_list(names, n);
    return 0;
}

static int
read_overrides(int rootfd, const struct model_host *h, struct prep_facts *f)
{
    size_t i;

    f->overrides_known = true;
    for (i = 0; i < h->n_devs; i++) {
        char path[256], buf[128];

        snprintf(path, sizeof(path), "sys/bus/pci/devices/%s/driver_override", h->devs[i].addr_str);
        if (sysread_small(rootfd, path, buf, sizeof(buf)) < 0) {
            /* kernels before 3.16 have no driver_override at all */
            if (errno != ENOENT)
                f->overrides_known = false;
            continue;
        }
        if (*buf && strcmp(buf, "(null)") != 0 &&
            prep_facts_add_override(f, h->devs[i].addr_str, buf) < 0)
            return -1;
    }
    return 0;
}

/* The value of KEY= in os-release @text, unquoted, or NULL. */
static char *
osr_value(const char *text, const char *key)
{
    size_t n = strlen(key);
    const char *p;

    for (p = text; p && *p; p = strchr(p, '\n') ? strchr(p, '\n') + 1 : NULL) {
        if (strncmp(p, key, n) == 0 && p[n] == '=') {
            const char *v = p + n + 1;
            size_t len = strcspn(v, "\n");

            if (len >= 2 && (v[0] == '"' || v[0] == '\'') && v[len - 1] == v[0])
                return strndup(v + 1, len - 2);
            return strndup(v, len);
        }
    }
    return NULL;
}

static void
read_os(int rootfd, struct prep_facts *f)
{
    char *text = sysread_all(rootfd, "etc/os-release", TEXT_MAX, NULL);
    char *id, *like;

    if (!text && !(text = sysread_all(rootfd, "usr/lib/os-release", TEXT_MAX, NULL)))
        return;
    id = osr_value(text, "ID");
    like = osr_value(text, "ID_LIKE");
    f->distro = prep_distro_of(id, like);
    if (!(f->os_name = osr_value(text, "PRETTY_NAME")) && id)
        f->os_name = strdup(id);
    free(id);
    free(like);
    free(text);
}

int
prepread_facts(const char *sysroot, const struct model_host *h, struct prep_facts **out,
               char **err)
{
    struct prep_facts *f = prep_facts_new();
    int rootfd;

    *out = NULL;
    if (!f) {
        *err = strdup(strerror(ENOMEM));
        return -1;
    }
    if ((rootfd = open(sysroot ? sysroot : "/", O_RDONLY | O_DIRECTORY | O_CLOEXEC)) < 0) {
        if (asprintf(err, "%s: %s", sysroot ? sysroot : "/", strerror(errno)) < 0)
            *err = NULL;
        prep_facts_free(f);
        return -1;
    }
    read_iommu(rootfd, f);
    read_cpu(rootfd, f);
    read_modules(rootfd, h, f);
    read_os(rootfd, f);
    if (read_ids(rootfd, h, f) < 0 || read_overrides(rootfd, h, f) < 0) {
        close(rootfd);
        prep_facts_free(f);
        *err = strdup(strerror(ENOMEM));
        return -1;
    }
    close(rootfd);
    *out = f;
    return 0;
}

char *
prepread_file(const char *sysroot, const char *rel, int *errnum)
{
    int rootfd = open(sysroot ? sysroot : "/", O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    char *text;

    if (rootfd < 0) {
        *errnum = errno;
        return NULL;
    }
    text = sysread_all(rootfd, rel, TEXT_MAX, NULL);
    *errnum = text ? 0 : errno;
    close(rootfd);
    return text;
}
