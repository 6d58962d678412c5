/* fixture_mdev.c - mediated devices in a fixture tree, as the kernel
 * lays them out: PARENT/mdev_supported_types/TYPE/{name, description,
 * device_api, available_instances, create, devices/}, an active mdev
 * as PARENT/UUID with its mdev_type, driver and subsystem links and
 * bus/mdev/devices/UUID, class/mdev_bus/PARENT; a defined one as
 * mdevctl's etc/mdevctl.d/PARENT/UUID. */
#include <config.h>

#include "fixture_priv.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Undoes the escapes of a name= or desc= value: "\s" is a space,
 * "\n" a newline. */
static void
unescape(const char *in, char *out, size_t size)
{
    size_t n = 0;

    for (; *in && n + 1 < size; in++) {
        if (in[0] == '\\' && (in[1] == 's' || in[1] == 'n')) {
            out[n++] = in[1] == 's' ? ' ' : '\n';
            in++;
        } else {
            out[n++] = *in;
        }
    }
    out[n] = '\0';
}

/* mdevtype ADDR ID avail=N [api=API] [name=NAME] [desc=TEXT] */
int
fx_line_mdevtype(struct fx *fx, char **tok, int ntok)
{
    char p[4096], v[1024];
    const char *name = NULL, *desc = NULL, *api = "vfio-pci";
    int d, i, avail = -1;

    if (ntok < 3 || (d = fx_find_dev(fx, tok[1])) < 0)
        return fx_fail(fx, "usage: mdevtype ADDR ID avail=N [api=A] [name=N] [desc=D] (ADDR a device)");
    for (i = 3; i < ntok; i++) {
        if (strncmp(tok[i], "avail=", 6) == 0) {
            if (fx_parse_int(tok[i] + 6, &avail) < 0)
                return fx_fail(fx, "bad avail=%s", tok[i] + 6);
        } else if (strncmp(tok[i], "api=", 4) == 0) {
            api = tok[i] + 4;
        } else if (strncmp(tok[i], "name=", 5) == 0) {
            name = tok[i] + 5;
        } else if (strncmp(tok[i], "desc=", 5) == 0) {
            desc = tok[i] + 5;
        } else {
            return fx_fail(fx, "unknown mdevtype key '%s'", tok[i]);
        }
    }
    if (avail < 0)
        return fx_fail(fx, "mdevtype needs avail=N");
#define T(f) (snprintf(p, sizeof(p), "%s/mdev_supported_types/%s/%s", fx->devs[d].path, tok[2], f), p)
    if (fx_mkdirs(fx, T("devices")) < 0 ||
        fx_putf(fx, T("available_instances"), "%d\n", avail) < 0 ||
        fx_putf(fx, T("device_api"), "%s\n", api) < 0 ||
        fx_put(fx, T("create"), "", 0) < 0)
        return -1;
    if (name) {
        unescape(name, v, sizeof(v));
        if (fx_putf(fx, T("name"), "%s\n", v) < 0)
            return -1;
    }
    if (desc) {
        unescape(desc, v, sizeof(v));
        if (fx_putf(fx, T("description"), "%s\n", v) < 0)
            return -1;
    }
#undef T
    snprintf(p, sizeof(p), "sys/class/mdev_bus/%s", fx->devs[d].name);
    return fx_rel_link(fx, fx->devs[d].path, p);
}

/* mdev UUID on=ADDR type=ID [defined] [stopped] */
int
fx_line_mdev(struct fx *fx, char **tok, int ntok)
{
    char p[4096], t[2048], dir[2048];
    const char *on = NULL, *type = NULL;
    int d, i, defined = 0, stopped = 0;

    for (i = 2; i < ntok; i++) {
        if (strncmp(tok[i], "on=", 3) == 0)
            on = tok[i] + 3;
        else if (strncmp(tok[i], "type=", 5) == 0)
            type = tok[i] + 5;
        else if (strcmp(tok[i], "defined") == 0)
            defined = 1;
        else if (strcmp(tok[i], "stopped") == 0)
            stopped = 1;
        else
            return fx_fail(fx, "unknown mdev key '%s'", tok[i]);
    }
    if (ntok < 2 || strlen(tok[1]) != 36 || !on || !type || (d = fx_find_dev(fx, on)) < 0)
        return fx_fail(fx, "usage: mdev UUID on=ADDR type=ID [defined] [stopped]");
    if (stopped && !defined)
        return fx_fail(fx, "a stopped mdev must be defined");
    if (defined) {
        snprintf(p, sizeof(p), "etc/mdevctl.d/%s/%s", fx->devs[d].name, tok[1]);
        if (fx_putf(fx, p, "{\n  \"mdev_type\": \"%s\",\n  \"start\": \"auto\",\n  \"attrs\": []\n}\n",
                    type) < 0)
            return -1;
    }
    if (stopped)
        return 0;
    snprintf(dir, sizeof(dir), "%s/%s", fx->devs[d].path, tok[1]);
    snprintf(t, sizeof(t), "%s/mdev_supported_types/%s", fx->devs[d].path, type);
    snprintf(p, sizeof(p), "%s/mdev_type", dir);
    if (fx_mkdirs(fx, dir) < 0 || fx_rel_link(fx, t, p) < 0)
        return -1;
    snprintf(p, sizeof(p), "%s/devices/%s", t, tok[1]);
    if (fx_rel_link(fx, dir, p) < 0)
        return -1;
    snprintf(p, sizeof(p), "%s/remove", dir);
    if (fx_put(fx, p, "", 0) < 0)
        return -1;
    snprintf(p, sizeof(p), "%s/subsystem", dir);
    if (fx_mkdirs(fx, "sys/bus/mdev/drivers/vfio_mdev") < 0 ||
        fx_rel_link(fx, "sys/bus/mdev", p) < 0)
        return -1;
    snprintf(p, sizeof(p), "%s/driver", dir);
    if (fx_rel_link(fx, "sys/bus/mdev/drivers/vfio_mdev", p) < 0)
        return -1;
    snprintf(p, sizeof(p), "sys/bus/mdev/devices/%s", tok[1]);
    return fx_rel_link(fx, dir, p);
}
