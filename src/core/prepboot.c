/* prepboot.c - the boot-time binding plan (vfiotui boot) and the
 * unified diff that shows it before anything is written. */
#include <config.h>

#include "prep.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "i18n.h"

#define OWN_HEADER "# Written by 'vfiotui boot'; 'vfiotui boot --undo' removes this file.\n"
#define BLOCK_BEGIN "# BEGIN vfiotui: managed by 'vfiotui boot'; 'vfiotui boot --undo' removes this block"
#define BLOCK_END "# END vfiotui"

/* A growing string; on allocation failure it turns NULL for good. */
struct sb {
    char *s;
    size_t len, cap;
    bool failed;
};

static void
sb_addf(struct sb *b, const char *fmt, ...)
{
    va_list ap;
    char *t = NULL;
    size_t n;

    if (b->failed)
        return;
    va_start(ap, fmt);
    if (vasprintf(&t, fmt, ap) < 0)
        t = NULL;
    va_end(ap);
    if (!t) {
        b->failed = true;
        return;
    }
    n = strlen(t);
    if (b->len + n + 1 > b->cap) {
        size_t cap = (b->len + n + 1) * 2;
        char *ns = realloc(b->s, cap);

        if (!ns) {
            free(t);
            b->failed = true;
            return;
        }
        b->s = ns;
        b->cap = cap;
    }
    memcpy(b->s + b->len, t, n + 1);
    b->len += n;
    free(t);
}

/* The string built, the caller's; NULL on failure. */
static char *
sb_take(struct sb *b)
{
    if (b->failed) {
        free(b->s);
        return NULL;
    }
    return b->s ? b->s : strdup("");
}

void
prep_plan_free(struct prep_plan *p)
{
    size_t i;

    if (!p)
        return;
    for (i = 0; i < p->n_files; i++)
        free(p->files[i].text);
    free(p->files);
    free(p->kernel_args);
    for (i = 0; i < p->n_commands; i++)
        free(p->commands[i]);
    free(p->commands);
    for (i = 0; i < p->n_notes; i++)
        free(p->notes[i]);
    free(p->notes);
    free(p);
}

static int
add_str(char ***v, size_t *n, char *s)
{
    char **nv;

    if (!s || !(nv = realloc(*v, (*n + 1) * sizeof(*nv)))) {
        free(s);
        return -1;
    }
    *v = nv;
    nv[(*n)++] = s;
    return 0;
}

static int
add_file(struct prep_plan *p, const char *path, bool managed, char *text, bool drop)
{
    struct prep_file *nf;

    if ((!text && !drop) || !(nf = realloc(p->files, (p->n_files + 1) * sizeof(*nf)))) {
        free(text);
        return -1;
    }
    p->files = nf;
    nf[p->n_files].path = path;
    nf[p->n_files].managed_block = managed;
    nf[p->n_files].text = text;
    p->n_files++;
    return 0;
}

/* @text with vfiotui's block replaced by @block (NULL: removed), or
 * with @block appended when it has none. */
static char *
with_block(const char *text, const char *block)
{
    struct sb b = { 0 };
    const char *beg = NULL, *end = NULL, *p;

    text = text ? text : "";
    for (p = text; *p; p = strchr(p, '\n') ? strchr(p, '\n') + 1 : p + strlen(p)) {
        if (!beg && strncmp(p, BLOCK_BEGIN, strlen(BLOCK_BEGIN)) == 0)
            beg = p;
        else if (beg && strncmp(p, BLOCK_END, strlen(BLOCK_END)) == 0) {
            end = strchr(p, '\n') ? strchr(p, '\n') + 1 : p + strlen(p);
            break;
        }
    }
    if (beg && end) {
        sb_addf(&b, "%.*s", (int)(beg - text), text);
        if (block)
            sb_addf(&b, "%s", block);
        sb_addf(&b, "%s", end);
    } else {
        sb_addf(&b, "%s", text);
        if (block)
            sb_addf(&b, "%s%s", *text && text[strlen(text) - 1] != '\n' ? "\n" : "", block);
    }
    return sb_take(&b);
}

/* Whether @text has a begin marker without its end: a block vfiotui
 * must not guess the end of. */
static bool
block_broken(const char *text)
{
    const char *p, *beg = NULL;

    for (p = text; p && *p; p = strchr(p, '\n') ? strchr(p, '\n') + 1 : p + strlen(p)) {
        if (!beg && strncmp(p, BLOCK_BEGIN, strlen(BLOCK_BEGIN)) == 0)
            beg = p;
        else if (beg && strncmp(p, BLOCK_END, strlen(BLOCK_END)) == 0)
            return false;
    }
    return beg != NULL;
}

static bool
same_ids(const struct model_dev *a, const struct model_dev *b)
{
    return a->vendor_id >= 0 && a->vendor_id == b->vendor_id && a->device_id == b->device_id;
}

/* Whether @s (a blank-separated list) has word @w already. */
static bool
listed(const char *s, const char *w)
{
    size_t n = strlen(w);
    const char *p = s;

    while (p && (p = strstr(p, w))) {
        if ((p == s || p[-1] == ' ' || p[-1] == ',') && (p[n] == '\0' || p[n] == ' ' || p[n] == ','))
            return true;
        p += n;
    }
    return false;
}

char *prep_cmdline_value(const char *cmdline, const char *name);

static int
plan_undo(struct prep_plan *p, const char *modules_text)
{
    if (add_file(p, PREP_MODPROBE_CONF, false, NULL, true) < 0 ||
        add_file(p, PREP_UDEV_RULES, false, NULL, true) < 0 ||
        add_file(p, PREP_DRACUT_CONF, false, NULL, true) < 0)
        return -1;
    if (modules_text && !block_broken(modules_text) &&
        add_file(p, PREP_INITRAMFS_MODULES, true, with_block(modules_text, NULL), false) < 0)
        return -1;
    return 0;
}

struct prep_plan *
prep_boot_plan(const struct model_host *h, const struct model_sel *sel,
               const struct prep_facts *f, const char *modules_text, bool undo)
{
    struct prep_plan *p = calloc(1, sizeof(*p));
    struct sb ids = { 0 }, drivers = { 0 }, rules = { 0 }, conf = { 0 }, kargs = { 0 };
    char *t;
    size_t i, k;
    bool builtin = f->mods[PREP_MOD_VFIO_PCI] == PREP_MOD_BUILTIN;
    int rc;

    if (!p)
        return NULL;
    if (undo) {
        if (plan_undo(p, modules_text) < 0)
            goto fail;
        if (f->distro == PREP_DISTRO_FEDORA && add_str(&p->commands, &p->n_commands, strdup("dracut -f")) < 0)
            goto fail;
        if (f->distro == PREP_DISTRO_DEBIAN &&
            add_str(&p->commands, &p->n_commands, strdup("update-initramfs -u")) < 0)
            goto fail;
        return p;
    }

    for (i = 0; i < h->n_devs; i++) {
        const struct model_dev *d = &h->devs[i];
        bool shared = false;
        char id[24];

        if (!sel->marked[i] || model_dev_is_bridge(d))
            continue;
        for (k = 0; k < h->n_devs; k++)
            if (!sel->marked[k] && same_ids(d, &h->devs[k]))
                shared = true;
        if (shared || d->vendor_id < 0 || d->device_id < 0) {
            sb_addf(&rules, "ACTION==\"add\", SUBSYSTEM==\"pci\", KERNEL==\"%s\", ATTR{driver_override}=\"vfio-pci\"\n",
                    d->addr_str);
        } else {
            snprintf(id, sizeof(id), "%04x:%04x", (unsigned)d->vendor_id, (unsigned)d->device_id);
            if (!listed(ids.s, id))
                sb_addf(&ids, "%s%s", ids.len ? "," : "", id);
        }
        if (d->driver && strcmp(d->driver, "vfio-pci") != 0 && strcmp(d->driver, "pci-stub") != 0 &&
            !listed(drivers.s, d->driver))
            sb_addf(&drivers, "%s%s", drivers.len ? " " : "", d->driver);
    }

    /* modprobe.d: the IDs (unless vfio-pci is built in, where only the
     * kernel command line reaches it), and vfio-pci before each driver
     * that would take a device first */
    sb_addf(&conf, "%s", OWN_HEADER);
    if (ids.len && !builtin)
        sb_addf(&conf, "options vfio-pci ids=%s\n", ids.s);
    for (t = drivers.s; t && *t; ) {
        size_t n = strcspn(t, " ");
        char name[128];
        const struct prep_driver *pd;

        snprintf(name, sizeof(name), "%.*s", (int)n, t);
        pd = prep_facts_driver(f, name);
        if (pd && pd->builtin) {
            char *note = NULL;

            if (asprintf(&note, _("Driver %s is built into the kernel: it takes its devices before any module loads, so no softdep can put vfio-pci first; only vfio-pci built in, with vfio-pci.ids on the kernel command line, comes before it."),
                         name) < 0)
                note = NULL;
            if (add_str(&p->notes, &p->n_notes, note) < 0)
                goto fail;
        } else {
            /* softdep names the module, which may not be the driver's name */
            sb_addf(&conf, "softdep %s pre: vfio-pci\n", pd ? pd->module : name);
        }
        t += n;
        t += *t == ' ';
    }
    if (add_file(p, PREP_MODPROBE_CONF, false, sb_take(&conf), false) < 0)
        goto fail;
    conf.s = NULL;

    if (rules.len) {
        struct sb r = { 0 };

        sb_addf(&r, "%s%s%s", OWN_HEADER,
                "# These devices share their vendor:device ID with a device that stays on\n"
                "# the host: vfio-pci takes them by address, before any driver probes them.\n",
                rules.s);
        if (add_file(p, PREP_UDEV_RULES, false, sb_take(&r), false) < 0)
            goto fail;
    } else if (add_file(p, PREP_UDEV_RULES, false, NULL, true) < 0) {
        goto fail;
    }

    if (f->distro == PREP_DISTRO_FEDORA) {
        struct sb d = { 0 };

        sb_addf(&d, "%sforce_drivers+=\" vfio vfio_iommu_type1 vfio_pci \"\n", OWN_HEADER);
        if (rules.len)
            sb_addf(&d, "install_items+=\" /%s \"\n", PREP_UDEV_RULES);
        if (add_file(p, PREP_DRACUT_CONF, false, sb_take(&d), false) < 0)
            goto fail;
    } else if (f->distro == PREP_DISTRO_DEBIAN && block_broken(modules_text)) {
        if (add_str(&p->notes, &p->n_notes,
                    strdup(_("etc/initramfs-tools/modules has a '# BEGIN vfiotui' line without its '# END vfiotui': vfiotui leaves the file alone; mend it by hand and run boot again."))) < 0)
            goto fail;
    } else if (f->distro == PREP_DISTRO_DEBIAN) {
        if (add_file(p, PREP_INITRAMFS_MODULES, true,
                     with_block(modules_text, BLOCK_BEGIN "\nvfio\nvfio_iommu_type1\nvfio_pci\n" BLOCK_END "\n"),
                     false) < 0)
            goto fail;
    } else if (add_str(&p->notes, &p->n_notes,
                       strdup(_("The distribution is unknown (no etc/os-release of the Fedora or Debian families): add vfio, vfio_iommu_type1 and vfio_pci to the initramfs by hand."))) < 0) {
        goto fail;
    }

    /* IDs set elsewhere that catch a device staying with the host */
    for (i = 0; i < f->n_ids; i++) {
        for (k = 0; k < h->n_devs; k++) {
            if (sel->marked[k] || model_dev_is_bridge(&h->devs[k]) ||
                !prep_ids_catch(f->ids[i].ids, &h->devs[k]))
                continue;
            t = NULL;
            if (asprintf(&t, _("vfio-pci.ids=%s (%s) also catches %s, which stays with the host: remove those IDs there, vfiotui binds by address instead."),
                         f->ids[i].ids, f->ids[i].where, h->devs[k].addr_str) < 0)
                t = NULL;
            if (add_str(&p->notes, &p->n_notes, t) < 0)
                goto fail;
        }
    }

    /* kernel arguments: printed, never written */
    /* as ready judges it: a kernel whose IOMMU is on needs no argument */
    if (f->cpu == PREP_CPU_INTEL && !prep_cmdline_has(h->cmdline, "intel_iommu=on") &&
        !(h->iommu && !prep_cmdline_has(h->cmdline, "intel_iommu")))
        sb_addf(&kargs, "intel_iommu=on");
    if (builtin && ids.len) {
        char *cur = prep_cmdline_value(h->cmdline, "vfio-pci.ids");

        if (!cur || strcmp(cur, ids.s) != 0)
            sb_addf(&kargs, "%svfio-pci.ids=%s", kargs.len ? " " : "", ids.s);
        free(cur);
    }
    if (kargs.len) {
        if (!(p->kernel_args = sb_take(&kargs)))
            goto fail;
        kargs.s = NULL;

        if (f->distro == PREP_DISTRO_FEDORA)
            rc = asprintf(&t, "grubby --update-kernel=ALL --args=\"%s\"", p->kernel_args);
        else if (f->distro == PREP_DISTRO_DEBIAN)
            rc = asprintf(&t, _("update-grub  # after adding \"%s\" to GRUB_CMDLINE_LINUX_DEFAULT in /etc/default/grub"),
                          p->kernel_args);
        else
            rc = asprintf(&t, _("# add \"%s\" to the kernel command line in the boot loader's configuration"),
                          p->kernel_args);
        if (add_str(&p->commands, &p->n_commands, rc < 0 ? NULL : t) < 0)
            goto fail;
    }
    if (f->distro == PREP_DISTRO_FEDORA && add_str(&p->commands, &p->n_commands, strdup("dracut -f")) < 0)
        goto fail;
    if (f->distro == PREP_DISTRO_DEBIAN &&
        add_str(&p->commands, &p->n_commands, strdup("update-initramfs -u")) < 0)
        goto fail;
    free(kargs.s);
    free(ids.s);
    free(drivers.s);
    free(rules.s);
    return p;

 fail:
    free(kargs.s);
    free(ids.s);
    free(drivers.s);
    free(rules.s);
    free(conf.s);
    prep_plan_free(p);
    return NULL;
}

/* ---- unified diff ------------------------------------------------------ */

struct lines {
    const char **l;             /* starts of lines */
    size_t *len;                /* lengths, without the newline */
    bool last_nl;               /* the last line ends with a newline */
    size_t n;
};

static int
split_lines(const char *s, struct lines *L)
{
    const char *p = s ? s : "";
    size_t cap = 0;

    memset(L, 0, sizeof(*L));
    L->last_nl = true;
    while (*p) {
        const char *nl = strchr(p, '\n');
        size_t n = nl ? (size_t)(nl - p) : strlen(p);

        if (L->n == cap) {
            const char **nl2;
            size_t *nlen;

            cap = cap ? cap * 2 : 16;
            if (!(nl2 = realloc(L->l, cap * sizeof(*nl2))))
                return -1;
            L->l = nl2;
            if (!(nlen = realloc(L->len, cap * sizeof(*nlen))))
                return -1;
            L->len = nlen;
        }
        L->l[L->n] = p;
        L->len[L->n++] = n;
        L->last_nl = nl != NULL;
        p += n + (nl != NULL);
    }
    return 0;
}

static bool
line_eq(const struct lines *a, size_t i, const struct lines *b, size_t j)
{
    return a->len[i] == b->len[j] && memcmp(a->l[i], b->l[j], a->len[i]) == 0 &&
        ((i + 1 < a->n) || a->last_nl) == ((j + 1 < b->n) || b->last_nl);
}

static void
hunk_line(struct sb *b, char c, const struct lines *L, size_t i)
{
    sb_addf(b, "%c%.*s\n", c, (int)L->len[i], L->l[i]);
    if (i + 1 == L->n && !L->last_nl)
        sb_addf(b, "\\ No newline at end of file\n");
}

char *
prep_udiff(const char *path, const char *old, const char *new)
{
    struct lines A = { 0 }, B = { 0 };
    struct sb b = { 0 };
    size_t pre = 0, suf = 0, s, ea, eb, i;

    if ((old == NULL) == (new == NULL) && (!old || strcmp(old, new) == 0))
        return strdup("");
    if (split_lines(old, &A) < 0 || split_lines(new, &B) < 0)
        goto out;
    while (pre < A.n && pre < B.n && line_eq(&A, pre, &B, pre))
        pre++;
    while (suf < A.n - pre && suf < B.n - pre && line_eq(&A, A.n - 1 - suf, &B, B.n - 1 - suf))
        suf++;
    s = pre > 3 ? pre - 3 : 0;
    ea = A.n - suf + (suf > 3 ? 3 : suf);
    eb = B.n - suf + (suf > 3 ? 3 : suf);
    sb_addf(&b, "--- %s%s\n+++ %s%s\n", old ? "a/" : "", old ? path : "/dev/null",
            new ? "b/" : "", new ? path : "/dev/null");
    sb_addf(&b, "@@ -%zu,%zu +%zu,%zu @@\n", ea - s ? s + 1 : s, ea - s, eb - s ? s + 1 : s, eb - s);
    for (i = s; i < pre; i++)
        hunk_line(&b, ' ', &A, i);
    for (i = pre; i < A.n - suf; i++)
        hunk_line(&b, '-', &A, i);
    for (i = pre; i < B.n - suf; i++)
        hunk_line(&b, '+', &B, i);
    for (i = A.n - suf; i < ea; i++)
        hunk_line(&b, ' ', &A, i);
 out:
    free(A.l);
    free(A.len);
    free(B.l);
    free(B.len);
    return sb_take(&b);
}
