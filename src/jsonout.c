/* jsonout.c - every JSON document the commands print (list, check,
 * domains): the values built with json-c, and the one set of print
 * flags they are written with. */
#include <config.h>

#include "jsonout.h"
#include "i18n.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "esc.h"

/* What every value is printed with: the documents are json-c's
 * pretty, spaced output, with "/" left as it is. */
#define JSONOUT_FLAGS (JSON_C_TO_STRING_PRETTY | JSON_C_TO_STRING_SPACED | \
                       JSON_C_TO_STRING_NOSLASHESCAPE)

/* ---- the streamed document ------------------------------------------- */

static void
put_indent(struct jsonout *s, int level)
{
    fprintf(s->f, "%*s", 2 * level, "");
}

/* The separator and indentation json-c's pretty printer puts before a
 * member or element, then its key. */
static void
item_start(struct jsonout *s, const char *key)
{
    if (s->depth > 0) {
        if (!s->first[s->depth - 1])
            fputs(",\n", s->f);
        s->first[s->depth - 1] = false;
    }
    put_indent(s, s->depth);
    if (key)
        fprintf(s->f, "\"%s\": ", key);
}

void
jsonout_begin(struct jsonout *s, FILE *f)
{
    memset(s, 0, sizeof(*s));
    s->f = f;
    fputs("{\n", f);
    s->close[0] = '}';
    s->first[0] = true;
    s->depth = 1;
    jsonout_add(s, "schema", json_object_new_int(JSONOUT_SCHEMA));
}

void
jsonout_add(struct jsonout *s, const char *key, json_object *v)
{
    const char *text = v ? json_object_to_json_string_ext(v, JSONOUT_FLAGS) : "null";
    /* json-c copies bytes >= 0x80 as they are; a host's invalid UTF-8
     * would make the whole document invalid JSON.  Such bytes can only
     * sit inside strings, so repairing the text keeps its structure. */
    char *fixed = text ? esc_utf8(text) : NULL;
    const char *p, *nl;

    item_start(s, key);
    if (!fixed) {
        s->failed = true;
        fputs("null", s->f);
    } else {
        /* the value was printed as a document of its own: indent its
         * inner lines to where it sits */
        for (p = fixed; (nl = strchr(p, '\n')); p = nl + 1) {
            fwrite(p, 1, (size_t)(nl - p + 1), s->f);
            put_indent(s, s->depth);
        }
        fputs(p, s->f);
    }
    free(fixed);
    json_object_put(v);
}

void
jsonout_open(struct jsonout *s, const char *key, char kind)
{
    item_start(s, key);
    if (s->depth >= JSONOUT_DEPTH) {
        s->failed = true;       /* a programming error: the text is cut */
        return;
    }
    fprintf(s->f, "%c\n", kind);
    s->close[s->depth] = kind == '[' ? ']' : '}';
    s->first[s->depth] = true;
    s->depth++;
}

void
jsonout_close(struct jsonout *s)
{
    if (s->depth <= 0)
        return;
    s->depth--;
    if (!s->first[s->depth])
        fputc('\n', s->f);
    put_indent(s, s->depth);
    fputc(s->close[s->depth], s->f);
}

int
jsonout_end(struct jsonout *s)
{
    while (s->depth > 0)
        jsonout_close(s);
    fputc('\n', s->f);
    if (s->failed) {
        errno = ENOMEM;
        return -1;
    }
    errno = EIO;                /* if only the error flag says so */
    if (fflush(s->f) != 0 || ferror(s->f))
        return -1;
    return 0;
}

/* The findings of @r as member "findings" of @s, and their counts as
 * "errors", "warnings" and "notes". */
static void
findings(struct jsonout *s, const struct rules_report *r)
{
    size_t i, k;

    jsonout_open(s, "findings", '[');
    for (i = 0; i < r->n; i++) {
        const struct rules_finding *x = &r->items[i];
        json_object *o = json_object_new_object();
        json_object *a = json_object_new_array();

        json_object_object_add(o, "code", json_object_new_string(x->code));
        json_object_object_add(o, "severity", json_object_new_string(rules_sev_str(x->sev)));
        for (k = 0; k < x->n_addrs; k++)
            json_object_array_add(a, json_object_new_string(x->addrs[k]));
        json_object_object_add(o, "addresses", a);
        json_object_object_add(o, "group", x->group == MODEL_NONE ? NULL : json_object_new_int(x->group));
        json_object_object_add(o, "message", json_object_new_string(x->message));
        json_object_object_add(o, "remedy", x->remedy ? json_object_new_string(x->remedy) : NULL);
        jsonout_add(s, NULL, o);
    }
    jsonout_close(s);
    jsonout_add(s, "errors", json_object_new_int((int)r->n_errors));
    jsonout_add(s, "warnings", json_object_new_int((int)r->n_warnings));
    jsonout_add(s, "notes", json_object_new_int((int)r->n_infos));
}

/* ---- list ------------------------------------------------------------ */

static json_object *
json_hex(int v, int ndig)
{
    char buf[16];

    if (v == MODEL_NONE)
        return NULL;
    snprintf(buf, sizeof(buf), "%0*x", ndig, (unsigned int)v);
    return json_object_new_string(buf);
}

static json_object *
json_str(const char *s)
{
    return s ? json_object_new_string(s) : NULL;
}

static json_object *
json_int(int v)
{
    return v == MODEL_NONE ? NULL : json_object_new_int(v);
}

static const char *
header_str(enum model_header hdr)
{
    switch (hdr) {
    case MODEL_HDR_NORMAL:
        return "endpoint";
    case MODEL_HDR_BRIDGE:
        return "bridge";
    case MODEL_HDR_CARDBUS:
        return "cardbus";
    case MODEL_HDR_UNKNOWN:
    default:
        return NULL;
    }
}

/* Names of the fields of @d that could not be read: a null beside one
 * of them means "unknown", a null elsewhere means "none". */
static json_object *
dev_unknown_json(const struct model_dev *d)
{
    static const struct {
        unsigned int bit;
        const char *name;
    } names[] = {
        { MODEL_UNK_IDS, "ids" },
        { MODEL_UNK_CLASS, "class" },
        { MODEL_UNK_DRIVER, "driver" },
        { MODEL_UNK_GROUP, "group" },
        { MODEL_UNK_NUMA, "numa_node" },
        { MODEL_UNK_SUBSYS, "subsystem" },
        { MODEL_UNK_REVISION, "revision" },
        { MODEL_UNK_SRIOV, "sriov" },
    };
    json_object *arr = json_object_new_array();
    size_t i;

    for (i = 0; i < sizeof(names) / sizeof(names[0]); i++)
        if (d->unknown & names[i].bit)
            json_object_array_add(arr, json_object_new_string(names[i].name));
    if (d->boot_vga == MODEL_TRI_UNKNOWN)
        json_object_array_add(arr, json_object_new_string("boot_vga"));
    return arr;
}

static const char *
hold_kind_str(enum model_hold_kind k)
{
    switch (k) {
    case MODEL_HOLD_MOUNT:
        return "mount";
    case MODEL_HOLD_SWAP:
        return "swap";
    case MODEL_HOLD_NETWORK:
        return "network";
    case MODEL_HOLD_DEFAULT_ROUTE:
        return "default-route";
    case MODEL_HOLD_DEFAULT_ROUTE6:
        return "default-route-ipv6";
    case MODEL_HOLD_SSH:
    default:
        return "ssh";
    }
}

/* The device's holds of one side (storage or NIC) as an array of
 * objects, or null if it has none: the facts, not the prose. */
static json_object *
dev_holds_json(const struct model_dev *d, bool storage)
{
    json_object *arr = NULL;
    size_t i, k;

    for (i = 0; i < d->n_holds; i++) {
        const struct model_hold *x = &d->holds[i];
        json_object *o, *via;

        if (model_hold_is_storage(x->kind) != storage)
            continue;
        if (!arr)
            arr = json_object_new_array();
        o = json_object_new_object();
        if (storage) {
            json_object_object_add(o, "kind", json_object_new_string(hold_kind_str(x->kind)));
            json_object_object_add(o, "target", json_str(x->target));
            if (x->kind == MODEL_HOLD_NETWORK) {
                json_object_object_add(o, "interface", json_str(x->iface));
            } else {
                via = json_object_new_array();
                for (k = 0; k < x->n_via; k++)
                    json_object_array_add(via, json_object_new_string(x->via[k]));
                json_object_object_add(o, "via", via);
            }
        } else {
            json_object_object_add(o, "interface", json_str(x->iface));
            json_object_object_add(o, "reason", json_object_new_string(hold_kind_str(x->kind)));
        }
        json_object_array_add(arr, o);
    }
    return arr;
}

static json_object *
list_dev_json(const struct model_host *h, const struct model_dev *d)
{
    json_object *o = json_object_new_object();
    json_object *arr;
    size_t i;

    json_object_object_add(o, "address", json_object_new_string(d->addr_str));
    json_object_object_add(o, "group", json_int(d->group));
    json_object_object_add(o, "vendor_id", json_hex(d->vendor_id, 4));
    json_object_object_add(o, "device_id", json_hex(d->device_id, 4));
    json_object_object_add(o, "subsystem_vendor_id", json_hex(d->subsys_vendor_id, 4));
    json_object_object_add(o, "subsystem_device_id", json_hex(d->subsys_device_id, 4));
    json_object_object_add(o, "class", json_hex(d->class_id, 4));
    json_object_object_add(o, "prog_if", json_hex(d->prog_if, 2));
    json_object_object_add(o, "revision", json_hex(d->revision, 2));
    json_object_object_add(o, "header", json_str(header_str(d->header)));
    json_object_object_add(o, "bridge", json_object_new_boolean(model_dev_is_bridge(d)));
    json_object_object_add(o, "driver", json_str(d->driver));
    json_object_object_add(o, "boot_vga", json_object_new_boolean(d->boot_vga == MODEL_TRI_YES));
    arr = json_object_new_array();
    for (i = 0; i < d->n_reset_methods; i++)
        json_object_array_add(arr, json_object_new_string(d->reset_methods[i]));
    json_object_object_add(o, "reset_methods", arr);
    json_object_object_add(o, "reset_known", json_object_new_boolean(d->reset_known));
    json_object_object_add(o, "numa_node", json_int(d->numa_node));
    json_object_object_add(o, "physfn",
                           d->physfn == MODEL_NONE ? NULL :
                           json_object_new_string(h->devs[d->physfn].addr_str));
    arr = json_object_new_array();
    for (i = 0; i < d->n_virtfns; i++)
        json_object_array_add(arr, json_object_new_string(h->devs[d->virtfns[i]].addr_str));
    json_object_object_add(o, "virtfns", arr);
    json_object_object_add(o, "sriov_totalvfs", json_int(d->sriov_totalvfs));
    json_object_object_add(o, "sriov_numvfs", json_int(d->sriov_numvfs));
    json_object_object_add(o, "parent",
                           d->parent == MODEL_NONE ? NULL :
                           json_object_new_string(h->devs[d->parent].addr_str));
    json_object_object_add(o, "sysfs_path", json_str(d->sysfs_path));
    json_object_object_add(o, "vendor", json_str(d->vendor_name));
    json_object_object_add(o, "device", json_str(d->device_name));
    json_object_object_add(o, "class_name", json_str(d->class_name));
    json_object_object_add(o, "subsystem", json_str(d->subsys_name));
    json_object_object_add(o, "root_disk", dev_holds_json(d, true));
    json_object_object_add(o, "mgmt_nic", dev_holds_json(d, false));
    arr = json_object_new_array();
    for (i = 0; i < d->n_uses; i++) {
        json_object *u = json_object_new_object();
        const struct model_domain *dom = &h->domains[d->uses[i].domain];

        json_object_object_add(u, "domain", json_object_new_string(dom->name));
        json_object_object_add(u, "state", json_object_new_string(model_dom_state_str(dom->state)));
        json_object_object_add(u, "live", json_object_new_boolean(d->uses[i].live));
        json_object_object_add(u, "config", json_object_new_boolean(d->uses[i].config));
        json_object_array_add(arr, u);
    }
    json_object_object_add(o, "used_by", arr);
    json_object_object_add(o, "unknown", dev_unknown_json(d));
    return o;
}

static json_object *
mdev_type_json(const struct model_host *h, const struct model_mdev_type *t)
{
    json_object *o = json_object_new_object();

    json_object_object_add(o, "parent", json_object_new_string(h->devs[t->parent].addr_str));
    json_object_object_add(o, "id", json_object_new_string(t->id));
    json_object_object_add(o, "name", json_str(t->name));
    json_object_object_add(o, "description", json_str(t->description));
    json_object_object_add(o, "device_api", json_str(t->device_api));
    json_object_object_add(o, "available_instances", json_int(t->available));
    return o;
}

static json_object *
mdev_json(const struct model_host *h, const struct model_mdev *m)
{
    json_object *o = json_object_new_object();
    json_object *arr = json_object_new_array();
    size_t i;

    json_object_object_add(o, "uuid", json_object_new_string(m->uuid));
    json_object_object_add(o, "parent", json_object_new_string(h->devs[m->parent].addr_str));
    json_object_object_add(o, "type", json_str(m->type));
    json_object_object_add(o, "active", json_object_new_boolean(m->active));
    json_object_object_add(o, "defined", json_object_new_boolean(m->defined));
    for (i = 0; i < m->n_uses; i++) {
        json_object *u = json_object_new_object();
        const struct model_domain *dom = &h->domains[m->uses[i].domain];

        json_object_object_add(u, "domain", json_object_new_string(dom->name));
        json_object_object_add(u, "state", json_object_new_string(model_dom_state_str(dom->state)));
        json_object_object_add(u, "live", json_object_new_boolean(m->uses[i].live));
        json_object_object_add(u, "config", json_object_new_boolean(m->uses[i].config));
        json_object_array_add(arr, u);
    }
    json_object_object_add(o, "used_by", arr);
    return o;
}

int
jsonout_list(FILE *f, const struct model_host *h)
{
    struct jsonout js;
    json_object *arr;
    size_t i, j;

    /* printed as it is built: one device at a time is in memory */
    jsonout_begin(&js, f);
    jsonout_add(&js, "source", json_str(h->source));
    jsonout_add(&js, "host", json_str(h->hostname));
    jsonout_add(&js, "kernel", json_str(h->kernel_release));
    jsonout_add(&js, "iommu", h->iommu_unknown ? NULL : json_object_new_boolean(h->iommu));
    arr = json_object_new_array();
    if (h->iommu_unknown)
        json_object_array_add(arr, json_object_new_string("iommu"));
    if (!h->root_disk_known || h->n_disks_unknown)     /* some disks, at least */
        json_object_array_add(arr, json_object_new_string("root_disk"));
    if (!h->mgmt_nic_known)
        json_object_array_add(arr, json_object_new_string("mgmt_nic"));
    if (!h->kernel_release)
        json_object_array_add(arr, json_object_new_string("kernel"));
    jsonout_add(&js, "unknown", arr);

    jsonout_open(&js, "groups", '[');
    for (i = 0; i < h->n_groups; i++) {
        json_object *g = json_object_new_object();
        json_object *devs = json_object_new_array();

        json_object_object_add(g, "id", json_object_new_int(h->groups[i].id));
        /* the interface's badge with nothing marked */
        json_object_object_add(g, "status",
                               json_object_new_string(rules_group_state_str(rules_group_state(h, NULL, i, NULL))));
        for (j = 0; j < h->groups[i].n_devs; j++)
            json_object_array_add(devs, json_object_new_string(h->devs[h->groups[i].devs[j]].addr_str));
        json_object_object_add(g, "devices", devs);
        jsonout_add(&js, NULL, g);
    }
    jsonout_close(&js);

    jsonout_open(&js, "devices", '[');
    for (i = 0; i < h->n_devs; i++)
        jsonout_add(&js, NULL, list_dev_json(h, &h->devs[i]));
    jsonout_close(&js);

    jsonout_open(&js, "mdev_types", '[');
    for (i = 0; i < h->n_mdev_types; i++)
        jsonout_add(&js, NULL, mdev_type_json(h, &h->mdev_types[i]));
    jsonout_close(&js);
    jsonout_open(&js, "mdevs", '[');
    for (i = 0; i < h->n_mdevs; i++)
        jsonout_add(&js, NULL, mdev_json(h, &h->mdevs[i]));
    jsonout_close(&js);

    if (h->domains_known) {
        jsonout_open(&js, "domains", '[');
        for (i = 0; i < h->n_domains; i++) {
            json_object *d = json_object_new_object();

            json_object_object_add(d, "name", json_object_new_string(h->domains[i].name));
            json_object_object_add(d, "state", json_object_new_string(model_dom_state_str(h->domains[i].state)));
            json_object_object_add(d, "persistent", json_object_new_boolean(h->domains[i].persistent));
            jsonout_add(&js, NULL, d);
        }
        jsonout_close(&js);
    } else {
        jsonout_add(&js, "domains", NULL);
    }

    jsonout_open(&js, "warnings", '[');
    for (i = 0; i < h->n_warnings; i++)
        jsonout_add(&js, NULL, json_object_new_string(h->warnings[i]));
    jsonout_close(&js);
    return jsonout_end(&js);
}

/* ---- check ----------------------------------------------------------- */

int
jsonout_check(FILE *f, const struct model_host *h, const struct model_sel *sel,
              const char *domain, const size_t *widened, size_t n_widened,
              const struct rules_report *rep)
{
    struct jsonout js;
    size_t i;

    jsonout_begin(&js, f);
    jsonout_open(&js, "selection", '[');
    for (i = 0; i < h->n_devs; i++)
        if (sel->marked[i])
            jsonout_add(&js, NULL, json_object_new_string(h->devs[i].addr_str));
    for (i = 0; i < sel->n_unknown; i++)
        jsonout_add(&js, NULL, json_object_new_string(sel->unknown[i]));
    jsonout_close(&js);
    if (domain)
        jsonout_add(&js, "domain", json_object_new_string(domain));
    jsonout_open(&js, "widened", '[');
    for (i = 0; i < n_widened; i++)
        jsonout_add(&js, NULL, json_object_new_string(h->devs[widened[i]].addr_str));
    jsonout_close(&js);
    findings(&js, rep);
    return jsonout_end(&js);
}

/* ---- domains --------------------------------------------------------- */

json_object *
jsonout_domain_new(const struct model_domain *dm)
{
    json_object *o = json_object_new_object();

    json_object_object_add(o, "name", json_object_new_string(dm->name));
    json_object_object_add(o, "uuid", dm->uuid ? json_object_new_string(dm->uuid) : NULL);
    json_object_object_add(o, "state", json_object_new_string(model_dom_state_str(dm->state)));
    json_object_object_add(o, "persistent", json_object_new_boolean(dm->persistent));
    json_object_object_add(o, "hostdevs", json_object_new_array());
    return o;
}

void
jsonout_domain_hostdev(json_object *dom, const char *addr, bool present, bool live,
                       bool config)
{
    json_object *devs = NULL;
    json_object *o;

    if (!json_object_object_get_ex(dom, "hostdevs", &devs))
        return;
    o = json_object_new_object();
    json_object_object_add(o, "address", json_object_new_string(addr));
    json_object_object_add(o, "live", json_object_new_boolean(live));
    json_object_object_add(o, "config", json_object_new_boolean(config));
    json_object_object_add(o, "present", json_object_new_boolean(present));
    json_object_array_add(devs, o);
}

int
jsonout_codes(FILE *f)
{
    struct jsonout s;
    size_t i;

    jsonout_begin(&s, f);
    jsonout_open(&s, "codes", '[');
    for (i = 0; i < rules_n_codes; i++) {
        const struct rules_code_info *c = &rules_codes[i];
        json_object *o = json_object_new_object();

        json_object_object_add(o, "code", json_object_new_string(c->code));
        json_object_object_add(o, "severity", json_object_new_string(rules_sev_str(c->sev)));
        json_object_object_add(o, "summary", json_object_new_string(_(c->summary)));
        json_object_object_add(o, "remedy", c->remedy ? json_object_new_string(_(c->remedy)) : NULL);
        jsonout_add(&s, NULL, o);
    }
    jsonout_close(&s);
    return jsonout_end(&s);
}
