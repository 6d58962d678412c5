/* sysfs_net.c - the sysfs reader's route tables: the NICs that carry
 * the default routes, the SSH session and the traffic of network
 * storage, followed through bridges, bonds and VLANs to their PCI
 * devices, which then stay with the host. */
#include <config.h>

#include "sysfs_priv.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "i18n.h"
#include "sysread.h"
#include "sysval.h"

/* ---- host facts: management NIC --------------------------------------- */

/* Marks the PCI device(s) under interface @iface with @why.  Returns 0,
 * or -1 (with a warning) when @iface cannot be followed to a device:
 * the management NIC is then unknown. */
static int
mark_iface(struct rd *r, const char *iface, const char *why, int depth)
{
    char p[512];
    char *path;
    struct bdf a;
    int k, dfd, ret = 0;
    DIR *dir;
    struct dirent *de;

    if (depth > 4)
        return 0;
    if (!sysval_name_ok(iface)) {
        char *e = sysval_excerpt(iface, strlen(iface), 64);

        model_warn(r->h, _("the route table names interface '%s', which is not an interface name; the management NIC is unknown"),
                   e ? e : "?");
        free(e);
        return -1;
    }
    snprintf(p, sizeof(p), "sys/class/net/%s", iface);
    if (!(path = sysread_link(r->rootfd, p))) {
        model_warn(r->h, _("interface %s carries a route, but sys/class/net/%s cannot be followed (%s); the management NIC is unknown"),
                   iface, iface, strerror(errno));
        return -1;
    }
    if (sysread_last_bdf(path, &a, NULL) == 0 && (k = model_find(r->h, &a)) >= 0) {
        model_add_reason(r->netfs ? &r->h->devs[k].root_disk : &r->h->devs[k].mgmt_nic, why);
        free(path);
        if (model_add_hold(&r->h->devs[k], r->hold_kind, r->hold_target, NULL, 0,
                           r->hold_iface) < 0) {
            model_warn(r->h, "%s", _("out of memory"));
            return -1;
        }
        return 0;
    }
    if (sysread_last_bdf(path, &a, NULL) == 0 && model_unread(r->h, &a)) {
        free(path);             /* a NIC not on the first screen */
        return 0;
    }
    free(path);
    /* bridges, bonds, VLANs: follow to the ports they sit on */
    snprintf(p, sizeof(p), "sys/class/net/%s/brif", iface);
    if ((dfd = openat(r->rootfd, p, O_RDONLY | O_DIRECTORY | O_CLOEXEC)) >= 0) {
        if ((dir = fdopendir(dfd))) {
            while ((de = readdir(dir)))
                if (de->d_name[0] != '.' && mark_iface(r, de->d_name, why, depth + 1) < 0)
                    ret = -1;
            closedir(dir);
        } else {
            close(dfd);
        }
    }
    snprintf(p, sizeof(p), "sys/class/net/%s", iface);
    if ((dfd = openat(r->rootfd, p, O_RDONLY | O_DIRECTORY | O_CLOEXEC)) >= 0) {
        if ((dir = fdopendir(dfd))) {
            while ((de = readdir(dir)))
                if (strncmp(de->d_name, "lower_", 6) == 0 &&
                    mark_iface(r, de->d_name + 6, why, depth + 1) < 0)
                    ret = -1;
            closedir(dir);
        } else {
            close(dfd);
        }
    } else {
        model_warn(r->h, _("cannot read sys/class/net/%s (%s); the management NIC is unknown"),
                   iface, strerror(errno));
        ret = -1;
    }
    return ret;
}

/* Marks the device(s) under @iface, which a route of @kind (towards
 * the mount point @target, or NULL) goes through, with @why. */
static int
mark_route(struct rd *r, enum model_hold_kind kind, const char *target,
           const char *iface, const char *why)
{
    r->hold_kind = kind;
    r->hold_target = target;
    r->hold_iface = iface;
    return mark_iface(r, iface, why, 0);
}

/* One line of proc/net/route: the fields we use, as the kernel prints
 * them (addresses in little-endian hex). */
struct route4 {
    char iface[64];
    unsigned long dest, gw, mask;
    unsigned int flags;
};

/* Parses one line of proc/net/route into @rt.  Returns 0, or -1 when
 * it does not have the fields. */
static int
route4_parse(const char *line, struct route4 *rt)
{
    if (sscanf(line, "%63s %lx %lx %x %*s %*s %*s %lx",
               rt->iface, &rt->dest, &rt->gw, &rt->flags, &rt->mask) != 5)
        return -1;
    return 0;
}

/* Network storage: the NIC that routes to its server (longest prefix,
 * the default route included) stays with the host; when that cannot be
 * told, every NIC with a route does. */
static void
mark_netfs(struct rd *r, const struct storage_net *net)
{
    char *text;
    size_t i;

    if (!net || !net->n || !(text = sysfs_read_all(r->rootfd, "proc/net/route")))
        return;
    /* losing it loses a filesystem: host-root-disk, not host-mgmt-nic */
    r->netfs = true;
    for (i = 0; i < net->n; i++) {
        unsigned long ip = 0;
        bool v4 = net->fs[i].server && sysval_ipv4_le(net->fs[i].server, &ip) == 0;
        char best[64] = "";
        int best_len = -1, pass, n_marked = 0;

        for (pass = 0; pass < 2; pass++) {
            char *copy = strdup(text);
            char *line, *save = NULL;

            if (!copy)
                break;
            line = strtok_r(copy, "\n", &save);
            for (line = line ? strtok_r(NULL, "\n", &save) : NULL; line;
                 line = strtok_r(NULL, "\n", &save)) {
                struct route4 rt;
                char why[1600];

                if (route4_parse(line, &rt) < 0 ||
                    !(rt.flags & 0x1) || strcmp(rt.iface, "lo") == 0)
                    continue;
                if (pass == 0) {
                    if (v4 && (ip & rt.mask) == rt.dest && __builtin_popcountl(rt.mask) > best_len) {
                        best_len = __builtin_popcountl(rt.mask);
                        snprintf(best, sizeof(best), "%s", rt.iface);
                    }
                } else if (!best[0]) {
                    snprintf(why, sizeof(why), _("%s; its traffic may go through %s"),
                             net->fs[i].what, rt.iface);
                    if (mark_route(r, MODEL_HOLD_NETWORK, net->fs[i].target, rt.iface, why) < 0)
                        r->h->mgmt_nic_known = false;
                    n_marked++;
                }
            }
            free(copy);
            if (pass == 1 && !n_marked) {
                /* no NIC to flag: every NIC is in doubt instead */
                model_warn(r->h, _("%s, but no interface has a route; the NIC it needs is unknown"),
                           net->fs[i].what);
                r->h->mgmt_nic_known = false;
            }
            if (pass == 0 && best[0]) {
                char why[1600];

                snprintf(why, sizeof(why), _("%s; its traffic goes through %s"),
                         net->fs[i].what, best);
                if (mark_route(r, MODEL_HOLD_NETWORK, net->fs[i].target, best, why) < 0)
                    r->h->mgmt_nic_known = false;
                n_marked++;
                break;
            }
        }
    }
    r->netfs = false;
    r->hold_target = NULL;
    r->hold_iface = NULL;
    free(text);
}

/* Warns that the route table @table has @line, which does not parse. */
static void
warn_route_line(struct rd *r, const char *table, const char *line)
{
    char *e = sysval_excerpt(line, strlen(line), 80);

    model_warn(r->h, _("%s has a line that does not parse ('%s'); the management NIC is unknown"),
               table, e ? e : "?");
    free(e);
}

/* Marks the NICs that carry the default routes and the SSH session.
 * mgmt_nic_known stays true only if both route tables were read whole
 * (an absent ipv6_route is a host without IPv6) and every interface
 * they name could be followed. */
void
sysfs_read_routes(struct rd *r, const char *ssh, const struct storage_net *net)
{
    char *v4 = sysfs_read_all(r->rootfd, "proc/net/route");
    char *v6 = NULL;
    char *line, *save = NULL;
    char ssh_ip[64] = "";
    unsigned long ssh_le = 0;
    bool ssh_v4 = false, known = true;
    char best_if[64] = "";
    int best_len = -1;

    if (ssh && sscanf(ssh, "%*s %*s %63s", ssh_ip) == 1)
        ssh_v4 = sysval_ipv4_le(ssh_ip, &ssh_le) == 0;

    if (!v4) {
        model_warn(r->h, _("cannot read proc/net/route (%s): the management NIC is unknown"),
                   strerror(errno));
        known = false;
    }
    if (!(v6 = sysfs_read_all(r->rootfd, "proc/net/ipv6_route")) && errno != ENOENT) {
        model_warn(r->h, _("cannot read proc/net/ipv6_route (%s): the management NIC is unknown"),
                   strerror(errno));
        known = false;
    }

    if (v4) {
        line = strtok_r(v4, "\n", &save);
        for (line = line ? strtok_r(NULL, "\n", &save) : NULL; line;
             line = strtok_r(NULL, "\n", &save)) {
            struct route4 rt;

            if (route4_parse(line, &rt) < 0) {
                warn_route_line(r, "proc/net/route", line);
                known = false;
                continue;
            }
            if (rt.dest == 0 && rt.mask == 0 && (rt.flags & 0x3) == 0x3) {
                char why[256];

                snprintf(why, sizeof(why), _("%s carries the default route"), rt.iface);
                if (mark_route(r, MODEL_HOLD_DEFAULT_ROUTE, NULL, rt.iface, why) < 0)
                    known = false;
            }
            if (ssh_v4 && (ssh_le & rt.mask) == rt.dest && rt.mask != 0) {
                int len = __builtin_popcountl(rt.mask);

                if (len > best_len) {
                    best_len = len;
                    snprintf(best_if, sizeof(best_if), "%s", rt.iface);
                }
            }
        }
    }
    if (best_if[0]) {
        char why[256];

        snprintf(why, sizeof(why), _("%s carries your SSH session (%s)"), best_if, ssh_ip);
        if (mark_route(r, MODEL_HOLD_SSH, NULL, best_if, why) < 0)
            known = false;
    }

    if (v6) {
        save = NULL;
        for (line = strtok_r(v6, "\n", &save); line; line = strtok_r(NULL, "\n", &save)) {
            char dest[64], plen[8], iface[64];

            if (sscanf(line, "%63s %7s %*s %*s %*s %*s %*s %*s %*s %63s", dest, plen, iface) != 3) {
                warn_route_line(r, "proc/net/ipv6_route", line);
                known = false;
                continue;
            }
            if (strcmp(dest, "00000000000000000000000000000000") == 0 &&
                strcmp(plen, "00") == 0 && strcmp(iface, "lo") != 0) {
                char why[256];

                snprintf(why, sizeof(why), _("%s carries the default IPv6 route"), iface);
                if (mark_route(r, MODEL_HOLD_DEFAULT_ROUTE6, NULL, iface, why) < 0)
                    known = false;
            }
        }
    }
    free(v4);
    free(v6);
    r->h->mgmt_nic_known = known;
    mark_netfs(r, net);
}
