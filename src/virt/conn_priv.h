/* conn_priv.h - the libvirt handle behind a struct conn and the domain
 * lookup, for the other modules of src/virt only (conn.h stays free of
 * libvirt's headers). */
#ifndef VFIOTUI_CONN_PRIV_H
#define VFIOTUI_CONN_PRIV_H

#include <libvirt/libvirt.h>
#include <stdbool.h>

struct conn;

/* Borrowed: valid until conn_close(@c). */
virConnectPtr conn_handle(struct conn *c);

/* The domain @which names, as virsh finds it (an ID, a UUID, then a
 * name), or by name alone when @by_name; NULL with *err (and *missing
 * when libvirt has no such domain).  The caller frees it with
 * virDomainFree. */
virDomainPtr conn_lookup_domain(struct conn *c, const char *which, bool by_name,
                                bool *missing, char **err);

#endif /* VFIOTUI_CONN_PRIV_H */
