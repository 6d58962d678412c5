/* fixture_pci.c - the fixture writer's PCI devices (config space,
 * bridges, IOMMU groups, drivers, SR-IOV), NICs and routes. */
#include <config.h>

#include "fixture_priv.h"

#include <errno.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "bdf.h"
#include "sysval.h"

static int
parse_hex(const char *s, int *out, int max)
{
    char *end;
    long v;

    errno = 0;
    v = strtol(s, &end, 16);
    if (errno || end == s || *end || v < 0 || v > max)
        return -1;
    *out = (int)v;
    return 0;
}

static int
parse_ids(const char *s, int *v, int *d)
{
    char buf[16];
    char *colon;

    if (strlen(s) != 9)
        return -1;
    snprintf(buf, sizeof(buf), "%s", s);
    if (!(colon = strchr(buf, ':')))
        return -1;
    *colon = '\0';
    return parse_hex(buf, v, 0xffff) < 0 || parse_hex(colon + 1, d, 0xffff) < 0 ? -1 : 0;
}

/* "dev ADDR VVVV:DDDD class=CCSSPP key=value..." */
int
fx_line_dev(struct fx *fx, char **tok, int ntok)
{
    struct fx_dev *d, *v;
    int i;

    if (ntok < 3)
        return fx_fail(fx, "dev needs an address and vendor:device");
    if (fx->n_devs >= FX_MAX_DEVS)
        return fx_fail(fx, "too many devices");
    if (!(v = realloc(fx->devs, (fx->n_devs + 1) * sizeof(*v))))
        return fx_fail(fx, "out of memory");
    fx->devs = v;
    d = &fx->devs[fx->n_devs];
    memset(d, 0, sizeof(*d));
    if (bdf_parse(tok[1], &d->addr) < 0)
        return fx_fail(fx, "'%s' is not a PCI address", tok[1]);
    if (fx_find_dev(fx, tok[1]) >= 0)
        return fx_fail(fx, "device %s given twice", tok[1]);
    bdf_format(&d->addr, d->name);
    if (parse_ids(tok[2], &d->vendor, &d->device) < 0)
        return fx_fail(fx, "'%s' is not vendor:device", tok[2]);
    d->cls = -1;
    d->rev = 0;
    d->svendor = d->sdevice = -1;
    d->group = -1;
    d->parent = -1;
    d->sec = -1;
    d->boot_vga = -1;
    d->numa = -1;
    d->totalvfs = -1;
    d->physfn = -1;
    strcpy(d->reset, "flr bus");
    for (i = 3; i < ntok; i++) {
        char *k = tok[i];
        char *val = strchr(k, '=');

        if (val)
            *val++ = '\0';
        if (strcmp(k, "bridge") == 0 && !val) {
            d->bridge = 1;
        } else if (strcmp(k, "boot_vga") == 0 && !val) {
            d->boot_vga = 1;
        } else if (!val) {
            return fx_fail(fx, "unknown flag '%s'", k);
        } else if (strcmp(k, "class") == 0) {
            if (parse_hex(val, &d->cls, 0xffffff) < 0 || strlen(val) != 6)
                return fx_fail(fx, "class must be 6 hex digits, not '%s'", val);
        } else if (strcmp(k, "rev") == 0) {
            if (parse_hex(val, &d->rev, 0xff) < 0)
                return fx_fail(fx, "bad revision '%s'", val);
        } else if (strcmp(k, "sub") == 0) {
            if (parse_ids(val, &d->svendor, &d->sdevice) < 0)
                return fx_fail(fx, "bad subsystem '%s'", val);
        } else if (strcmp(k, "group") == 0) {
            if (fx_parse_int(val, &d->group) < 0 || d->group < 0)
                return fx_fail(fx, "bad group '%s'", val);
        } else if (strcmp(k, "driver") == 0) {
            if (strlen(val) >= sizeof(d->driver) || strchr(val, '/'))
                return fx_fail(fx, "bad driver name '%s'", val);
            strcpy(d->driver, val);
        } else if (strcmp(k, "parent") == 0) {
            if ((d->parent = fx_find_dev(fx, val)) < 0)
                return fx_fail(fx, "parent %s is not a device given earlier", val);
            if (!fx->devs[d->parent].bridge)
                return fx_fail(fx, "parent %s is not a bridge", val);
        } else if (strcmp(k, "sec") == 0) {
            if (parse_hex(val, &d->sec, 0xff) < 0)
                return fx_fail(fx, "bad secondary bus '%s'", val);
        } else if (strcmp(k, "reset") == 0) {
            if (strlen(val) >= sizeof(d->reset))
                return fx_fail(fx, "reset list too long");
            if (strcmp(val, "none") == 0)
                d->reset[0] = '\0';
            else {
                char *c;

                strcpy(d->reset, val);
                for (c = d->reset; *c; c++)
                    if (*c == ',')
                        *c = ' ';
            }
        } else if (strcmp(k, "boot_vga") == 0) {
            if (fx_parse_int(val, &d->boot_vga) < 0 || d->boot_vga > 1)
                return fx_fail(fx, "boot_vga is 0 or 1");
        } else if (strcmp(k, "numa") == 0) {
            if (fx_parse_int(val, &d->numa) < 0)
                return fx_fail(fx, "bad numa node '%s'", val);
        } else if (strcmp(k, "totalvfs") == 0) {
            if (fx_parse_int(val, &d->totalvfs) < 0)
                return fx_fail(fx, "bad totalvfs '%s'", val);
        } else if (strcmp(k, "physfn") == 0) {
            if ((d->physfn = fx_find_dev(fx, val)) < 0)
                return fx_fail(fx, "physfn %s is not a device given earlier", val);
        } else {
            return fx_fail(fx, "unknown key '%s'", k);
        }
    }
    if (d->cls < 0)
        return fx_fail(fx, "dev %s has no class=", d->name);
    if (d->physfn >= 0) {
        /* VFs are siblings of their PF, as in the kernel */
        if (d->parent < 0)
            d->parent = fx->devs[d->physfn].parent;
    }
    if (d->boot_vga < 0 && (d->cls >> 16) == 0x03)
        d->boot_vga = 0;
    if (d->parent >= 0) {
        if (asprintf(&d->path, "%s/%s", fx->devs[d->parent].path, d->name) < 0)
            d->path = NULL;
    } else if (asprintf(&d->path, "sys/devices/pci%04x:%02x/%s",
                        d->addr.domain, d->addr.bus, d->name) < 0) {
        d->path = NULL;
    }
    if (!d->path)
        return fx_fail(fx, "out of memory");
    fx->n_devs++;
    return 0;
}

static void
put16(unsigned char *c, int off, int v)
{
    c[off] = (unsigned char)(v & 0xff);
    c[off + 1] = (unsigned char)((v >> 8) & 0xff);
}

/* Highest bus number at or below bridge @b. */
static int
subordinate(const struct fx *fx, int b)
{
    int max = fx->devs[b].sec;
    size_t i;

    for (i = 0; i < fx->n_devs; i++) {
        int p = fx->devs[i].parent;

        if (p < 0)
            continue;
        while (p >= 0 && p != b)
            p = fx->devs[p].parent;
        if (p == b && (int)fx->devs[i].addr.bus > max)
            max = (int)fx->devs[i].addr.bus;
    }
    return max < 0 ? 0 : max;
}

int
fx_write_dev(struct fx *fx, size_t idx)
{
    struct fx_dev *d = &fx->devs[idx];
    unsigned char cfg[64];
    char p[4096];
    char t[4096];
    size_t i;
    int multi = 0;

    if (fx_mkdirs(fx, d->path) < 0)
        return -1;
#define F(name) (snprintf(p, sizeof(p), "%s/%s", d->path, name), p)
    if (fx_putf(fx, F("vendor"), "0x%04x\n", d->vendor) < 0 ||
        fx_putf(fx, F("device"), "0x%04x\n", d->device) < 0 ||
        fx_putf(fx, F("class"), "0x%06x\n", d->cls) < 0 ||
        fx_putf(fx, F("revision"), "0x%02x\n", d->rev) < 0 ||
        fx_putf(fx, F("irq"), "%d\n", 16 + (int)(idx % 100)) < 0 ||
        fx_putf(fx, F("enable"), "%d\n", d->driver[0] ? 1 : 0) < 0 ||
        fx_putf(fx, F("numa_node"), "%d\n", d->numa) < 0 ||
        fx_putf(fx, F("local_cpulist"), "0-7\n") < 0 ||
        fx_putf(fx, F("driver_override"), "(null)\n") < 0 ||
        fx_putf(fx, F("consistent_dma_mask_bits"), "64\n") < 0 ||
        fx_putf(fx, F("dma_mask_bits"), "64\n") < 0 ||
        fx_putf(fx, F("d3cold_allowed"), "1\n") < 0)
        return -1;
    if (d->svendor >= 0 &&
        (fx_putf(fx, F("subsystem_vendor"), "0x%04x\n", d->svendor) < 0 ||
         fx_putf(fx, F("subsystem_device"), "0x%04x\n", d->sdevice) < 0))
        return -1;
    if (fx_putf(fx, F("resource"),
                "0x00000000f6000000 0x00000000f6ffffff 0x0000000000040200\n"
                "0x0000000000000000 0x0000000000000000 0x0000000000000000\n"
                "0x0000000000000000 0x0000000000000000 0x0000000000000000\n"
                "0x0000000000000000 0x0000000000000000 0x0000000000000000\n"
                "0x0000000000000000 0x0000000000000000 0x0000000000000000\n"
                "0x0000000000000000 0x0000000000000000 0x0000000000000000\n"
                "0x0000000000000000 0x0000000000000000 0x0000000000000000\n") < 0)
        return -1;
    if (fx_putf(fx, F("modalias"), "pci:v%08Xd%08Xsv%08Xsd%08Xbc%02Xsc%02Xi%02X\n",
                d->vendor, d->device, d->svendor < 0 ? 0 : d->svendor,
                d->sdevice < 0 ? 0 : d->sdevice, (d->cls >> 16) & 0xff,
                (d->cls >> 8) & 0xff, d->cls & 0xff) < 0)
        return -1;
    snprintf(t, sizeof(t), "%s%s%sPCI_CLASS=%X\nPCI_ID=%04X:%04X\n"
             "PCI_SUBSYS_ID=%04X:%04X\nPCI_SLOT_NAME=%s\n",
             d->driver[0] ? "DRIVER=" : "", d->driver, d->driver[0] ? "\n" : "",
             d->cls, d->vendor, d->device,
             d->svendor < 0 ? 0 : d->svendor, d->sdevice < 0 ? 0 : d->sdevice,
             d->name);
    if (fx_put(fx, F("uevent"), t, strlen(t)) < 0)
        return -1;
    if (d->boot_vga >= 0 && fx_putf(fx, F("boot_vga"), "%d\n", d->boot_vga) < 0)
        return -1;
    if (strcmp(d->reset, "-") != 0 &&
        fx_putf(fx, F("reset_method"), d->reset[0] ? "%s\n" : "%s", d->reset) < 0)
        return -1;

    /* 64 bytes of config space: what a non-root reader gets */
    for (i = 0; i < fx->n_devs; i++) {
        const struct fx_dev *o = &fx->devs[i];

        if (i != idx && o->addr.domain == d->addr.domain &&
            o->addr.bus == d->addr.bus && o->addr.slot == d->addr.slot &&
            o->physfn < 0)
            multi = 1;
    }
    memset(cfg, 0, sizeof(cfg));
    /* an SR-IOV VF reads ffff there: its ids are only in the files */
    put16(cfg, 0x00, d->physfn >= 0 ? 0xffff : d->vendor);
    put16(cfg, 0x02, d->physfn >= 0 ? 0xffff : d->device);
    put16(cfg, 0x04, d->driver[0] ? 0x0406 : 0x0000);
    put16(cfg, 0x06, 0x0010);
    cfg[0x08] = (unsigned char)d->rev;
    cfg[0x09] = (unsigned char)(d->cls & 0xff);
    cfg[0x0a] = (unsigned char)((d->cls >> 8) & 0xff);
    cfg[0x0b] = (unsigned char)((d->cls >> 16) & 0xff);
    cfg[0x0e] = (unsigned char)((d->bridge ? 1 : 0) | (multi && d->physfn < 0 ? 0x80 : 0));
    cfg[0x34] = 0x40;
    if (d->bridge) {
        int sec = d->sec;

        if (sec < 0) {
            for (i = 0; i < fx->n_devs; i++) {
                if (fx->devs[i].parent == (int)idx &&
                    (sec < 0 || (int)fx->devs[i].addr.bus < sec))
                    sec = (int)fx->devs[i].addr.bus;
            }
            d->sec = sec;
        }
        cfg[0x18] = (unsigned char)d->addr.bus;
        cfg[0x19] = (unsigned char)(sec < 0 ? 0 : sec);
        cfg[0x1a] = (unsigned char)subordinate(fx, (int)idx);
    } else if (d->svendor >= 0) {
        put16(cfg, 0x2c, d->svendor);
        put16(cfg, 0x2e, d->sdevice);
    }
    cfg[0x3c] = (unsigned char)(16 + idx % 100);
    cfg[0x3d] = 1;
    if (fx_put(fx, F("config"), cfg, sizeof(cfg)) < 0)
        return -1;

    /* links */
    if (fx_rel_link(fx, "sys/bus/pci", F("subsystem")) < 0)
        return -1;
    snprintf(t, sizeof(t), "sys/bus/pci/devices/%s", d->name);
    if (fx_rel_link(fx, d->path, t) < 0)
        return -1;
    if (d->driver[0]) {
        snprintf(t, sizeof(t), "sys/bus/pci/drivers/%s", d->driver);
        if (fx_mkdirs(fx, t) < 0 || fx_rel_link(fx, t, F("driver")) < 0)
            return -1;
        snprintf(t, sizeof(t), "sys/bus/pci/drivers/%s/%s", d->driver, d->name);
        if (fx_rel_link(fx, d->path, t) < 0)
            return -1;
    }
    if (d->group >= 0) {
        snprintf(t, sizeof(t), "sys/kernel/iommu_groups/%d", d->group);
        if (fx_mkdirs(fx, t) < 0 || fx_rel_link(fx, t, F("iommu_group")) < 0)
            return -1;
        snprintf(t, sizeof(t), "sys/kernel/iommu_groups/%d/type", d->group);
        if (fx_putf(fx, t, "DMA-FQ\n") < 0)
            return -1;
        snprintf(t, sizeof(t), "sys/kernel/iommu_groups/%d/reserved_regions", d->group);
        if (fx_putf(fx, t, "0x00000000fee00000 0x00000000feefffff msi\n") < 0)
            return -1;
        snprintf(t, sizeof(t), "sys/kernel/iommu_groups/%d/devices/%s", d->group, d->name);
        if (fx_rel_link(fx, d->path, t) < 0)
            return -1;
    }
    if (d->totalvfs >= 0 &&
        (fx_putf(fx, F("sriov_totalvfs"), "%d\n", d->totalvfs) < 0 ||
         fx_putf(fx, F("sriov_offset"), "128\n") < 0 ||
         fx_putf(fx, F("sriov_stride"), "2\n") < 0))
        return -1;
    if (d->totalvfs >= 0) {
        size_t k;
        int nvfs = 0;

        for (k = 0; k < fx->n_devs; k++)
            nvfs += fx->devs[k].physfn == (int)idx;
        if (fx_putf(fx, F("sriov_numvfs"), "%d\n", nvfs) < 0)
            return -1;
    }
    if (d->physfn >= 0) {
        struct fx_dev *pf = &fx->devs[d->physfn];
        char vl[4096];

        if (fx_rel_link(fx, pf->path, F("physfn")) < 0)
            return -1;
        snprintf(vl, sizeof(vl), "%s/virtfn%d", pf->path, pf->nvfs++);
        if (fx_rel_link(fx, d->path, vl) < 0)
            return -1;
    }
#undef F
    return 0;
}

int
fx_line_net(struct fx *fx, char **tok, int ntok)
{
    char path[2048], t[4096];
    int di;

    if (ntok != 3 || strncmp(tok[2], "on=", 3) != 0)
        return fx_fail(fx, "usage: net IFNAME on=ADDR");
    if ((di = fx_find_dev(fx, tok[2] + 3)) < 0)
        return fx_fail(fx, "net %s: no device %s", tok[1], tok[2] + 3);
    snprintf(path, sizeof(path), "%s/net/%s", fx->devs[di].path, tok[1]);
    snprintf(t, sizeof(t), "%s/address", path);
    if (fx_putf(fx, t, "52:54:00:%02x:%02x:%02x\n", di & 0xff, (di >> 8) & 0xff, 0x42) < 0)
        return -1;
    snprintf(t, sizeof(t), "%s/operstate", path);
    if (fx_putf(fx, t, "up\n") < 0)
        return -1;
    snprintf(t, sizeof(t), "%s/device", path);
    if (fx_rel_link(fx, fx->devs[di].path, t) < 0)
        return -1;
    snprintf(t, sizeof(t), "sys/class/net/%s", tok[1]);
    return fx_rel_link(fx, path, t);
}

/* "route IF default via GW" / "route IF NET/LEN" / "route6 IF default" */
int
fx_line_route(struct fx *fx, char **tok, int ntok, int v6)
{
    if (ntok < 3)
        return fx_fail(fx, "usage: route IFNAME default [via GW] | NET/LEN");
    if (v6) {
        if (strcmp(tok[2], "default") != 0)
            return fx_fail(fx, "route6 supports only 'default'");
        return fx_appendf(fx, &fx->route6, &fx->route6_len,
                          "00000000000000000000000000000000 00 "
                          "00000000000000000000000000000000 00 "
                          "fe800000000000000000000000000001 00000400 00000001 00000000 00000003 %8s\n",
                          tok[1]);
    }
    if (strcmp(tok[2], "default") == 0) {
        unsigned long gw = 0;

        if (ntok == 5 && strcmp(tok[3], "via") == 0) {
            if (sysval_ipv4_le(tok[4], &gw) < 0)
                return fx_fail(fx, "bad gateway '%s'", tok[4]);
        } else if (ntok != 3) {
            return fx_fail(fx, "usage: route IFNAME default [via GW]");
        }
        return fx_appendf(fx, &fx->route, &fx->route_len,
                          "%s\t00000000\t%08lX\t0003\t0\t0\t100\t00000000\t0\t0\t0\n",
                          tok[1], gw);
    } else {
        char net[32];
        char *slash;
        unsigned long addr;
        unsigned int mask;
        int len;

        snprintf(net, sizeof(net), "%s", tok[2]);
        if (!(slash = strchr(net, '/')) || (*slash = '\0', sysval_ipv4_le(net, &addr) < 0) ||
            fx_parse_int(slash + 1, &len) < 0 || len < 0 || len > 32)
            return fx_fail(fx, "bad network '%s'", tok[2]);
        mask = len == 0 ? 0 : (0xffffffffu << (32 - len));
        mask = ((mask >> 24) & 0xff) | ((mask >> 8) & 0xff00) |
               ((mask << 8) & 0xff0000) | ((mask << 24) & 0xff000000u);
        return fx_appendf(fx, &fx->route, &fx->route_len,
                          "%s\t%08X\t00000000\t0001\t0\t0\t100\t%08X\t0\t0\t0\n",
                          tok[1], (unsigned int)addr & mask, mask);
    }
}
