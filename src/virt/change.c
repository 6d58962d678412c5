/* change.c - all-or-nothing attach and detach of PCI hostdevs on a
 * domain, with the report of each step and the rollback. */
#include <config.h>

#include "conn.h"

#include <libvirt/libvirt.h>
#include <libvirt/virterror.h>
#include <libxml/tree.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "conn_priv.h"
#include "domedit.h"
#include "hostdev.h"
#include "i18n.h"
#include "verr.h"
#include "virtload.h"
#include "vxml.h"
#include "io/errmsg.h"

void
conn_report_clear(struct conn_report *r)
{
    size_t i;

    if (!r)
        return;
    for (i = 0; i < r->n; i++) {
        free(r->steps[i].what);
        free(r->steps[i].msg);
    }
    free(r->steps);
    free(r->sent);
    memset(r, 0, sizeof(*r));
}

static void
add_step_s(struct conn_report *r, const char *label, const char *what, bool ok,
           const char *msg);

static void
add_step(struct conn_report *r, const struct bdf *a, const char *what, bool ok,
         const char *msg)
{
    char buf[BDF_STRLEN];

    if (a)
        bdf_format(a, buf);
    add_step_s(r, a ? buf : NULL, what, ok, msg);
}

/* After a failed change and its rollback, from the steps' flags: an
 * undo step that failed leaves the domain changed; otherwise what went
 * through was undone, if anything did. */
static void
set_rolled_back(struct conn_report *r)
{
    bool changed = false, undo_failed = false;
    size_t i;

    for (i = 0; i < r->n; i++) {
        if (r->steps[i].undo)
            undo_failed |= !r->steps[i].ok;
        else
            changed |= r->steps[i].ok;
    }
    r->outcome = undo_failed ? CONN_OUTCOME_ROLLBACK_FAILED :
                 changed ? CONN_OUTCOME_ROLLED_BACK : CONN_OUTCOME_NONE;
    r->changed = undo_failed;
}

static void
add_undo_step(struct conn_report *r, const char *label, const char *what, bool ok,
              const char *msg)
{
    add_step_s(r, label, what, ok, msg);
    if (r->n)
        r->steps[r->n - 1].undo = true;
}

/* A step about @label (an address or mdev UUID; NULL: the domain). */
static void
add_step_s(struct conn_report *r, const char *label, const char *what, bool ok,
           const char *msg)
{
    struct conn_step *v = realloc(r->steps, (r->n + 1) * sizeof(*v));

    if (!v)
        return;
    r->steps = v;
    v = &r->steps[r->n++];
    snprintf(v->addr, sizeof(v->addr), "%s", label ? label : "");
    v->what = strdup(what);
    v->ok = ok;
    v->undo = false;
    v->msg = msg ? strdup(msg) : NULL;
}

static void
append(char **buf, const char *fmt, ...)
{
    va_list ap;
    char *s = NULL, *n = NULL;

    va_start(ap, fmt);
    if (vasprintf(&s, fmt, ap) < 0)
        s = NULL;
    va_end(ap);
    if (!s)
        return;
    if (asprintf(&n, "%s%s", *buf ? *buf : "", s) >= 0) {
        free(*buf);
        *buf = n;
    }
    free(s);
}

static const char *
flag_name(unsigned int f)
{
    return f == VIR_DOMAIN_AFFECT_LIVE ? "--live" : "--config";
}

/* Which devices of @addrs the chosen definition already has. */
static int
present(virDomainPtr dom, bool config, const struct bdf *addrs, size_t n,
        bool *is_there, char **err)
{
    char *xml = virDomainGetXMLDesc(dom, config ? VIR_DOMAIN_XML_INACTIVE : 0);
    struct bdf *have = NULL;
    size_t n_have = 0, i, j;

    if (!xml) {
        errmsg_set(err, _("cannot read the domain's definition: %s"), verr_last_msg());
        return -1;
    }
    if (hostdev_domain_devices(xml, &have, &n_have, err) < 0) {
        free(xml);
        return -1;
    }
    for (i = 0; i < n; i++) {
        is_there[i] = false;
        for (j = 0; j < n_have; j++)
            if (bdf_equal(&addrs[i], &have[j]))
                is_there[i] = true;
    }
    free(have);
    free(xml);
    return 0;
}

/* One redefinition from the inactive XML, for drivers that cannot
 * change the persistent definition device by device.  SECURE keeps
 * passwords (VNC, SPICE) that would otherwise be lost; a dry run shows
 * the definition without them. */
static int
redefine(struct conn *c, virDomainPtr dom, const struct bdf *addrs, size_t n,
         bool attach, bool managed, bool dry_run, struct conn_report *rep, char **err)
{
    char *xml, *newxml;
    virDomainPtr nd;
    int ret = -1;

    /* What is printed is what `virsh dumpxml --inactive` shows: the
     * same change made to the definition libvirt gives without
     * secrets (no passwd='...'); only what is sent keeps them. */
    if (!(xml = virDomainGetXMLDesc(dom, VIR_DOMAIN_XML_INACTIVE |
                                         (dry_run ? 0 : VIR_DOMAIN_XML_SECURE)))) {
        errmsg_set(err, _("cannot read the domain's persistent definition: %s"), verr_last_msg());
        return -1;
    }
    newxml = attach ? domedit_add(xml, addrs, n, managed, err)
                    : domedit_remove(xml, addrs, n, err);
    free(xml);
    if (!newxml)
        return -1;
    if (dry_run) {
        append(&rep->sent, _("# one redefinition (virDomainDefineXML) of the persistent definition;\n"
                 "# secrets such as passwords are sent as they are, but not shown here:\n%s"),
               newxml);
        free(newxml);
        return 0;
    }
    if ((nd = virDomainDefineXML(conn_handle(c), newxml))) {
        add_step(rep, NULL, attach ? _("redefine with the new hostdevs (config)")
                                   : _("redefine without the hostdevs (config)"), true, NULL);
        rep->changed = true;
        virDomainFree(nd);
        ret = 0;
    } else {
        add_step(rep, NULL, _("redefine (config)"), false, verr_last_msg());
        errmsg_set(err, _("libvirt refused the new definition: %s"), verr_last_msg());
    }
    free(newxml);
    return ret;
}

/* What one change holds: the PCI addresses, then the mdevs. */
struct items {
    const struct bdf *addrs;
    size_t n;
    const struct hostdev_mdev *m;
    size_t n_m;
};

/* Item @i's address or UUID into @label. */
static void
item_label(const struct items *it, size_t i, char *label, size_t size)
{
    char a[BDF_STRLEN];

    if (i < it->n) {
        bdf_format(&it->addrs[i], a);
        snprintf(label, size, "%s", a);
    } else {
        snprintf(label, size, "%s", it->m[i - it->n].uuid);
    }
}

/* Item @i's <hostdev> XML.  Caller frees; NULL if out of memory. */
static char *
item_xml(const struct items *it, size_t i, bool managed)
{
    return i < it->n ? hostdev_xml_one(&it->addrs[i], managed)
                     : hostdev_xml_mdev_one(&it->m[i - it->n]);
}

/* Attaches (@attach) or detaches the one hostdev @a with @vflags:
 * libvirt's 0 or -1, or 1 when its XML could not be made and nothing
 * was sent. */
static int
send_one(virDomainPtr dom, const struct items *it, size_t i, bool managed, unsigned int vflags,
         bool attach)
{
    char *xml = item_xml(it, i, managed);
    int rc;

    if (!xml)
        return 1;
    rc = attach ? virDomainAttachDeviceFlags(dom, xml, vflags)
                : virDomainDetachDeviceFlags(dom, xml, vflags);
    free(xml);
    return rc;
}

/* Applies the change for one set of flags device by device.  On failure
 * a live change is undone device by device, newest first; a persistent
 * one is left for the caller, which restores the saved definition (a
 * detach would leave the controllers libvirt added).  Returns 0, -1
 * (failed), or -2 when the driver does not support it and nothing was
 * changed. */
static int
per_device(virDomainPtr dom, const struct items *it, unsigned int vflags,
           bool attach, bool managed, bool may_fall_back, struct conn_report *rep,
           char **err)
{
    size_t done, k, n = it->n + it->n_m;
    const char *fl = flag_name(vflags);
    char label[40];

    for (done = 0; done < n; done++) {
        char what[128];
        int rc = send_one(dom, it, done, managed, vflags, attach);

        if (rc > 0)
            break;
        item_label(it, done, label, sizeof(label));
        snprintf(what, sizeof(what), attach ? _("attach (%s)") : _("detach (%s)"), fl);
        if (rc == 0) {
            add_step_s(rep, label, what, true, NULL);
            rep->changed = true;
            continue;
        }
        if (may_fall_back && done == 0 && (verr_last_code() == VIR_ERR_NO_SUPPORT ||
                                           verr_last_code() == VIR_ERR_OPERATION_UNSUPPORTED))
            return -2;
        add_step_s(rep, label, what, false, verr_last_msg());
        errmsg_set(err, attach ? _("attach (%s) of %s failed: %s") : _("detach (%s) of %s failed: %s"),
                fl, rep->steps[rep->n - 1].addr, verr_last_msg());
        break;
    }
    if (done == n)
        return 0;
    if (vflags == VIR_DOMAIN_AFFECT_CONFIG)
        return -1;
    /* undo, newest first */
    for (k = done; k > 0; k--) {
        char what[128];
        int rc = send_one(dom, it, k - 1, managed, vflags, !attach);

        if (rc > 0)
            continue;
        item_label(it, k - 1, label, sizeof(label));
        snprintf(what, sizeof(what), attach ? _("rollback: detach (%s)") : _("rollback: attach (%s)"), fl);
        add_undo_step(rep, label, what, rc == 0, rc == 0 ? NULL : verr_last_msg());
    }
    return -1;
}

static int
str_cmp(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

/* The serialisations of @parent's element children, sorted when
 * @sorted.  NULL on failure. */
static char **
child_dumps(xmlNodePtr parent, bool sorted, size_t *n)
{
    xmlNodePtr k;
    char **v = NULL;

    *n = 0;
    for (k = parent->children; k; k = k->next) {
        char **nv;

        if (k->type != XML_ELEMENT_NODE)
            continue;
        if (!(nv = realloc(v, (*n + 1) * sizeof(*v))))
            goto fail;
        v = nv;
        if (!(v[(*n)++] = vxml_dump(k, false)))
            goto fail;
    }
    if (sorted && *n > 1)
        qsort(v, *n, sizeof(*v), str_cmp);
    return v ? v : calloc(1, sizeof(*v));

 fail:
    while (*n)
        free(v[--(*n)]);
    free(v);
    return NULL;
}

static bool
same_children(xmlNodePtr a, xmlNodePtr b, bool sorted)
{
    size_t na, nb, i;
    char **va = child_dumps(a, sorted, &na), **vb = child_dumps(b, sorted, &nb);
    bool same = va && vb && na == nb;

    for (i = 0; same && i < na; i++)
        same = strcmp(va[i], vb[i]) == 0;
    for (i = 0; va && i < na; i++)
        free(va[i]);
    for (i = 0; vb && i < nb; i++)
        free(vb[i]);
    free(va);
    free(vb);
    return same;
}

/* True when two domain documents differ at most in the order of the
 * elements inside <devices>: libvirt puts a definition it parses in
 * its own order (a pcie-root it added itself moves to the front), so a
 * definition that was never defined from text cannot come back byte
 * for byte, yet nothing in it changed. */
static bool
same_but_order(const char *x, const char *y)
{
    xmlDocPtr a = vxml_read(x, NULL);
    xmlDocPtr b = vxml_read(y, NULL);
    xmlNodePtr ra, rb, da = NULL, db = NULL, k;
    bool same = false;

    if (!a || !b || !(ra = xmlDocGetRootElement(a)) || !(rb = xmlDocGetRootElement(b)))
        goto cleanup;
    for (k = ra->children; k; k = k->next)
        if (vxml_is(k, "devices"))
            da = k;
    for (k = rb->children; k; k = k->next)
        if (vxml_is(k, "devices"))
            db = k;
    if (!da || !db)
        goto cleanup;
    if (!same_children(da, db, true))
        goto cleanup;
    /* everything outside <devices>, in order */
    xmlUnlinkNode(da);
    xmlUnlinkNode(db);
    same = same_children(ra, rb, false);
    xmlFreeNode(da);
    xmlFreeNode(db);

 cleanup:
    xmlFreeDoc(a);
    xmlFreeDoc(b);
    return same;
}

/* Puts the persistent definition back to @saved (read with
 * INACTIVE | SECURE before the change) and checks that it reads back
 * byte for byte.  Nothing is sent when it already does. */
static void
restore_config(struct conn *c, virDomainPtr dom, const char *saved, struct conn_report *rep)
{
    const unsigned int xf = VIR_DOMAIN_XML_INACTIVE | VIR_DOMAIN_XML_SECURE;
    const char *what = _("rollback: restore the saved definition (config)");
    virDomainPtr nd;
    char *now = virDomainGetXMLDesc(dom, xf);

    if (now && strcmp(now, saved) == 0) {
        free(now);
        return;
    }
    free(now);
    if (!(nd = virDomainDefineXML(conn_handle(c), saved))) {
        add_undo_step(rep, NULL, what, false, verr_last_msg());
        return;
    }
    virDomainFree(nd);
    if (!(now = virDomainGetXMLDesc(dom, xf))) {
        add_undo_step(rep, NULL, what, false, verr_last_msg());
        return;
    }
    if (strcmp(now, saved) == 0)
        add_undo_step(rep, NULL, what, true, NULL);
    else if (same_but_order(now, saved))
        add_undo_step(rep, NULL, what, true,
                      _("libvirt lists the same devices in its own order"));
    else
        add_undo_step(rep, NULL, what, false,
                      _("the definition read back differs from the saved one"));
    free(now);
}

/* @name (from argv or libvirt) goes into *err as it is; whoever prints
 * *err escapes it (esc.h), as every message is. */
/* Which mdevs of @m the chosen definition already has: its
 * <hostdev type='mdev'> sources ("mdev UUID"). */
static int
present_mdevs(virDomainPtr dom, bool config, const struct hostdev_mdev *m, size_t n_m,
              bool *is_there, bool *ramfb, char **err)
{
    char *xml = virDomainGetXMLDesc(dom, config ? VIR_DOMAIN_XML_INACTIVE : 0);
    char **others = NULL;
    size_t n_o = 0, i, j;

    if (!xml || hostdev_domain_others(xml, &others, &n_o) < 0) {
        errmsg_set(err, _("cannot read the domain's definition: %s"), verr_last_msg());
        free(xml);
        return -1;
    }
    /* libvirt takes ramfb on one vGPU of a domain, as write does */
    *ramfb = *ramfb || hostdev_domain_ramfb(xml);
    for (i = 0; i < n_m; i++) {
        is_there[i] = false;
        for (j = 0; j < n_o; j++)
            if (strncmp(others[j], "mdev ", 5) == 0 && strcasecmp(others[j] + 5, m[i].uuid) == 0)
                is_there[i] = true;
    }
    for (j = 0; j < n_o; j++)
        free(others[j]);
    free(others);
    free(xml);
    return 0;
}

static int
change(struct conn *c, const char *name, const struct bdf *addrs, size_t n,
       const struct hostdev_mdev *m, size_t n_m,
       unsigned int flags, bool attach, bool managed, bool dry_run,
       struct conn_report *rep, char **err)
{
    struct items it = { addrs, n, m, n_m };
    virDomainPtr dom;
    bool *there = NULL, missing, ramfb = false;
    struct hostdev_mdev *mine = NULL;
    char *saved = NULL;
    int ret = 2, rc;
    size_t i;

    memset(rep, 0, sizeof(*rep));
    if (!flags)
        flags = CONN_CONFIG;
    if (!(dom = conn_lookup_domain(c, name, true, &missing, err)))
        return 2;
    if ((flags & CONN_LIVE) && virDomainIsActive(dom) != 1) {
        errmsg_set(err, _("domain '%s' is not running, so --live cannot apply; use --config"), name);
        goto cleanup;
    }
    if ((flags & CONN_CONFIG) && virDomainIsPersistent(dom) != 1) {
        /* libvirt's own refusal: "transient domains do not have any
         * persistent config" */
        errmsg_set(err, (flags & CONN_LIVE) ?
                   _("domain '%s' is transient: it has no persistent definition, so --config cannot apply (libvirt: transient domains do not have any persistent config); use --live alone to change the running guest") :
                   _("domain '%s' is transient: it has no persistent definition, so --config (the default) cannot apply (libvirt: transient domains do not have any persistent config); use --live to change the running guest"),
                   name);
        goto cleanup;
    }
    if (!(there = calloc(n + n_m + 1, sizeof(*there))))
        goto cleanup;

    /* Refuse before sending anything: a device already there (or not
     * there, for detach) is reported, never duplicated. */
    for (int pass = 0; pass < 2; pass++) {
        bool config = pass == 0;

        if (!(flags & (config ? CONN_CONFIG : CONN_LIVE)))
            continue;
        if (present(dom, config, addrs, n, there, err) < 0 ||
            present_mdevs(dom, config, m, n_m, there + n, &ramfb, err) < 0)
            goto cleanup;
        for (i = 0; i < n + n_m; i++) {
            char a[40];

            if (there[i] == attach) {
                item_label(&it, i, a, sizeof(a));
                errmsg_set(err, attach ? (config ? _("domain '%s' already has %s in its persistent definition; nothing was changed")
                                              : _("domain '%s' already has %s in its live definition; nothing was changed"))
                                    : (config ? _("domain '%s' has no %s in its persistent definition; nothing was changed")
                                              : _("domain '%s' has no %s in its live definition; nothing was changed")),
                        name, a);
                ret = 1;
                goto cleanup;
            }
        }
    }
    if (attach && ramfb && n_m) {
        /* the domain has its ramfb vGPU: the new ones go without */
        if (!(mine = malloc(n_m * sizeof(*mine))))
            goto cleanup;
        for (i = 0; i < n_m; i++) {
            mine[i] = m[i];
            mine[i].no_ramfb = mine[i].no_ramfb || mine[i].display;
        }
        it.m = mine;
    }

    if (dry_run) {
        for (int pass = 0; pass < 2; pass++) {
            unsigned int vf = pass == 0 ? VIR_DOMAIN_AFFECT_CONFIG : VIR_DOMAIN_AFFECT_LIVE;
            const char *type = virConnectGetType(conn_handle(c));

            if (!(flags & (pass == 0 ? CONN_CONFIG : CONN_LIVE)))
                continue;
            if (pass == 0 && type && strcmp(type, "TEST") == 0) {
                /* this driver has no per-device persistent change */
                if (n_m) {
                    errmsg_set(err, "%s", _("this connection's driver cannot change a persistent definition device by device, and vfiotui redefines a domain with PCI hostdevs only: nothing was changed"));
                    ret = 1;
                    goto cleanup;
                }
                if (redefine(c, dom, addrs, n, attach, managed, true, rep, err) < 0)
                    goto cleanup;
                continue;
            }
            for (i = 0; i < n + n_m; i++) {
                char *xml = item_xml(&it, i, managed);

                append(&rep->sent, "# %s %s %s\n%s", attach ? "virDomainAttachDeviceFlags"
                                                            : "virDomainDetachDeviceFlags",
                       name, flag_name(vf), xml ? xml : "");
                free(xml);
            }
        }
        ret = 0;
        goto cleanup;
    }

    /* The rollback is this very text, defined again. */
    if ((flags & CONN_CONFIG) &&
        !(saved = virDomainGetXMLDesc(dom, VIR_DOMAIN_XML_INACTIVE | VIR_DOMAIN_XML_SECURE))) {
        errmsg_set(err, _("cannot save the persistent definition of '%s' before changing it: %s"),
                   name, verr_last_msg());
        goto cleanup;
    }
    if (flags & CONN_CONFIG) {
        rc = per_device(dom, &it, VIR_DOMAIN_AFFECT_CONFIG, attach, managed, true, rep, err);
        if (rc == -2 && n_m) {
            errmsg_set(err, "%s", _("this connection's driver cannot change a persistent definition device by device, and vfiotui redefines a domain with PCI hostdevs only: nothing was changed"));
            rc = -1;
        } else if (rc == -2) {
            rc = redefine(c, dom, addrs, n, attach, managed, false, rep, err);
        }
        if (rc < 0) {
            restore_config(c, dom, saved, rep);
            set_rolled_back(rep);
            ret = 1;
            goto cleanup;
        }
    }
    if (flags & CONN_LIVE) {
        rc = per_device(dom, &it, VIR_DOMAIN_AFFECT_LIVE, attach, managed, false, rep, err);
        if (rc < 0) {
            /* all or nothing across both: the live part undid itself;
             * the persistent one goes back to the saved text */
            if (saved)
                restore_config(c, dom, saved, rep);
            set_rolled_back(rep);
            ret = 1;
            goto cleanup;
        }
    }
    rep->outcome = CONN_OUTCOME_APPLIED;
    rep->changed = true;
    ret = 0;

 cleanup:
    free(mine);
    free(saved);
    free(there);
    virDomainFree(dom);
    return ret;
}

int
conn_attach(struct conn *c, const char *name, const struct bdf *addrs, size_t n,
            unsigned int flags, bool managed, bool dry_run,
            struct conn_report *rep, char **err)
{
    return change(c, name, addrs, n, NULL, 0, flags, true, managed, dry_run, rep, err);
}

int
conn_detach(struct conn *c, const char *name, const struct bdf *addrs, size_t n,
            unsigned int flags, bool dry_run, struct conn_report *rep, char **err)
{
    return change(c, name, addrs, n, NULL, 0, flags, false, true, dry_run, rep, err);
}

int
conn_attach_all(struct conn *c, const char *name, const struct bdf *addrs, size_t n,
                const struct hostdev_mdev *m, size_t n_m, unsigned int flags,
                bool managed, bool dry_run, struct conn_report *rep, char **err)
{
    return change(c, name, addrs, n, m, n_m, flags, true, managed, dry_run, rep, err);
}

int
conn_detach_all(struct conn *c, const char *name, const struct bdf *addrs, size_t n,
                const struct hostdev_mdev *m, size_t n_m, unsigned int flags,
                bool dry_run, struct conn_report *rep, char **err)
{
    return change(c, name, addrs, n, m, n_m, flags, false, true, dry_run, rep, err);
}

/* Whether domain @name's live (@live) or persistent (@config) definition
 * has a vGPU with ramfb: then libvirt takes no other, and attach sends
 * new display vGPUs without it.  false when it cannot be read (the
 * attach itself reads it again and reports). */
bool
conn_domain_has_ramfb(struct conn *c, const char *name, bool live, bool config)
{
    virDomainPtr dom;
    bool missing, ramfb = false;
    char *err = NULL;

    if (!c || !name || !(dom = conn_lookup_domain(c, name, true, &missing, &err))) {
        free(err);
        return false;
    }
    if (!live && !config)
        config = true;
    for (int pass = 0; pass < 2 && !ramfb; pass++) {
        bool cfg = pass == 0;
        char *xml;

        if (!(cfg ? config : live))
            continue;
        if ((xml = virDomainGetXMLDesc(dom, cfg ? VIR_DOMAIN_XML_INACTIVE : 0))) {
            ramfb = hostdev_domain_ramfb(xml);
            free(xml);
        }
    }
    virDomainFree(dom);
    return ramfb;
}
