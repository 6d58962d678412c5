/* watch_udev.c - the running host's changes from libudev's monitor:
 * the events udevd passes on for PCI devices, disks and NICs. */
#include <config.h>

#include <errno.h>
#include <libudev.h>
#include <string.h>

#include "i18n.h"
#include "watch_priv.h"
#include "io/errmsg.h"

/* The subsystems whose devices the model is built from: PCI devices
 * (and their drivers), the disks that hold the host, its NICs. */
static const char *const subsystems[] = { "pci", "block", "net" };

int
watch_udev_open(struct watch *w, char **err)
{
    size_t i;

    if (!(w->udev = udev_new())) {
        errmsg_set(err, _("cannot watch the host: %s"), strerror(errno ? errno : ENOMEM));
        return -1;
    }
    /* "udev": events after udevd has handled them (rules run, links
     * made), as `udevadm monitor --udev` shows them */
    if (!(w->mon = udev_monitor_new_from_netlink(w->udev, "udev"))) {
        errmsg_set(err, _("cannot watch the host: no udev monitor (%s)"),
                   strerror(errno ? errno : EPERM));
        return -1;
    }
    for (i = 0; i < sizeof(subsystems) / sizeof(subsystems[0]); i++) {
        if (udev_monitor_filter_add_match_subsystem_devtype(w->mon, subsystems[i], NULL) < 0) {
            errmsg_set(err, _("cannot watch the host: %s"), strerror(ENOMEM));
            return -1;
        }
    }
    if (udev_monitor_enable_receiving(w->mon) < 0) {
        errmsg_set(err, _("cannot watch the host: the udev monitor cannot listen (%s)"),
                   strerror(errno ? errno : EPERM));
        return -1;
    }
    w->fd = udev_monitor_get_fd(w->mon);
    return 0;
}

/* The monitor's socket does not block: receive until it is empty. */
int
watch_udev_read(struct watch *w, struct watch_delta *dl, char **err)
{
    static const char *const actions[] = { "add", "remove", "bind", "unbind", "change" };
    struct udev_device *d;
    int n = 0;

    (void)err;
    while ((d = udev_monitor_receive_device(w->mon))) {
        const char *action = udev_device_get_action(d);
        size_t i;

        const char *subsys = udev_device_get_subsystem(d);
        const char *name = udev_device_get_sysname(d);

        for (i = 0; action && i < sizeof(actions) / sizeof(actions[0]); i++) {
            if (strcmp(action, actions[i]) == 0) {
                n++;
                break;
            }
        }
        /* a PCI device bound or unbound: only its driver is read again */
        if (action && subsys && name && strcmp(subsys, "pci") == 0 &&
            (strcmp(action, "bind") == 0 || strcmp(action, "unbind") == 0))
            watch_delta_driver(dl, name);
        else if (action && i < sizeof(actions) / sizeof(actions[0]))
            dl->full = true;
        udev_device_unref(d);
    }
    return n;
}

void
watch_udev_close(struct watch *w)
{
    udev_monitor_unref(w->mon);     /* closes the socket */
    udev_unref(w->udev);
    w->mon = NULL;
    w->udev = NULL;
    w->fd = -1;
}
