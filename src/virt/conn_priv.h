/* conn_priv.h - the libvirt handle behind a struct conn, for the other
 * modules of src/virt only (conn.h stays free of libvirt's headers). */
#ifndef VFIOTUI_CONN_PRIV_H
#define VFIOTUI_CONN_PRIV_H

#include <libvirt/libvirt.h>

struct conn;

/* Borrowed: valid until conn_close(@c). */
virConnectPtr conn_handle(struct conn *c);

#endif /* VFIOTUI_CONN_PRIV_H */
