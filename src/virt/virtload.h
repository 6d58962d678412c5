/* virtload.h - libvirt reached through pointers that virtload_open()
 * fills from dlopen(LIBVIRT_SONAME) the first time the virt layer needs
 * it, so that a command that never connects does not map libvirt and
 * the sixty libraries it pulls in.  Included by the virt layer only:
 * after it, each vir* name below is its pointer and the call sites read
 * as before.  A libvirt function not in the list does not link. */
#ifndef VFIOTUI_VIRTLOAD_H
#define VFIOTUI_VIRTLOAD_H

#include <libvirt/libvirt.h>
#include <libvirt/virterror.h>

/* Every libvirt function this layer calls (nm -u src/vfiotui). */
#define VIRTLOAD_FUNCS(X) \
    X(virConnSetErrorFunc) \
    X(virConnectClose) \
    X(virConnectDomainEventDeregisterAny) \
    X(virConnectDomainEventRegisterAny) \
    X(virConnectGetCapabilities) \
    X(virConnectGetHostname) \
    X(virConnectGetType) \
    X(virConnectGetURI) \
    X(virConnectIsAlive) \
    X(virConnectListAllDomains) \
    X(virConnectListAllNodeDevices) \
    X(virConnectNodeDeviceEventDeregisterAny) \
    X(virConnectNodeDeviceEventRegisterAny) \
    X(virConnectOpen) \
    X(virConnectOpenReadOnly) \
    X(virConnectRef) \
    X(virConnectRegisterCloseCallback) \
    X(virConnectSetKeepAlive) \
    X(virConnectUnregisterCloseCallback) \
    X(virDomainAttachDeviceFlags) \
    X(virDomainDefineXML) \
    X(virDomainDetachDeviceFlags) \
    X(virDomainFree) \
    X(virDomainGetName) \
    X(virDomainGetState) \
    X(virDomainGetUUIDString) \
    X(virDomainGetXMLDesc) \
    X(virDomainIsActive) \
    X(virDomainIsPersistent) \
    X(virDomainLookupByID) \
    X(virDomainLookupByName) \
    X(virDomainLookupByUUIDString) \
    X(virEventAddHandle) \
    X(virEventAddTimeout) \
    X(virEventRegisterDefaultImpl) \
    X(virEventRemoveHandle) \
    X(virEventRemoveTimeout) \
    X(virEventRunDefaultImpl) \
    X(virEventUpdateHandle) \
    X(virEventUpdateTimeout) \
    X(virGetLastError) \
    X(virGetLastErrorMessage) \
    X(virNodeDeviceCreate) \
    X(virNodeDeviceDefineXML) \
    X(virNodeDeviceDestroy) \
    X(virNodeDeviceDetachFlags) \
    X(virNodeDeviceFree) \
    X(virNodeDeviceGetName) \
    X(virNodeDeviceGetXMLDesc) \
    X(virNodeDeviceIsActive) \
    X(virNodeDeviceIsPersistent) \
    X(virNodeDeviceLookupByName) \
    X(virNodeDeviceReAttach) \
    X(virNodeDeviceUndefine) \
    X(virResetLastError) \
    X(virSetErrorFunc) \
    /* end */

#define VIRTLOAD_DECLARE(f) extern __typeof__(f) *virtload_##f;
VIRTLOAD_FUNCS(VIRTLOAD_DECLARE)
#undef VIRTLOAD_DECLARE

/* Loads libvirt and resolves every function above, once per process
 * (thread-safe); later calls only return the first one's result.
 * Returns 0, or -1 with *err (when @err is not NULL) naming the
 * library and dlerror()'s reason.  Every entry point of the layer that
 * can be the first to call libvirt calls this before it does. */
int virtload_open(char **err);

#ifndef VIRTLOAD_NO_NAMES
#define virConnSetErrorFunc virtload_virConnSetErrorFunc
#define virConnectClose virtload_virConnectClose
#define virConnectDomainEventDeregisterAny virtload_virConnectDomainEventDeregisterAny
#define virConnectDomainEventRegisterAny virtload_virConnectDomainEventRegisterAny
#define virConnectGetCapabilities virtload_virConnectGetCapabilities
#define virConnectGetHostname virtload_virConnectGetHostname
#define virConnectGetType virtload_virConnectGetType
#define virConnectGetURI virtload_virConnectGetURI
#define virConnectIsAlive virtload_virConnectIsAlive
#define virConnectListAllDomains virtload_virConnectListAllDomains
#define virConnectListAllNodeDevices virtload_virConnectListAllNodeDevices
#define virConnectNodeDeviceEventDeregisterAny virtload_virConnectNodeDeviceEventDeregisterAny
#define virConnectNodeDeviceEventRegisterAny virtload_virConnectNodeDeviceEventRegisterAny
#define virConnectOpen virtload_virConnectOpen
#define virConnectOpenReadOnly virtload_virConnectOpenReadOnly
#define virConnectRef virtload_virConnectRef
#define virConnectRegisterCloseCallback virtload_virConnectRegisterCloseCallback
#define virConnectSetKeepAlive virtload_virConnectSetKeepAlive
#define virConnectUnregisterCloseCallback virtload_virConnectUnregisterCloseCallback
#define virDomainAttachDeviceFlags virtload_virDomainAttachDeviceFlags
#define virDomainDefineXML virtload_virDomainDefineXML
#define virDomainDetachDeviceFlags virtload_virDomainDetachDeviceFlags
#define virDomainFree virtload_virDomainFree
#define virDomainGetName virtload_virDomainGetName
#define virDomainGetState virtload_virDomainGetState
#define virDomainGetUUIDString virtload_virDomainGetUUIDString
#define virDomainGetXMLDesc virtload_virDomainGetXMLDesc
#define virDomainIsActive virtload_virDomainIsActive
#define virDomainIsPersistent virtload_virDomainIsPersistent
#define virDomainLookupByID virtload_virDomainLookupByID
#define virDomainLookupByName virtload_virDomainLookupByName
#define virDomainLookupByUUIDString virtload_virDomainLookupByUUIDString
#define virEventAddHandle virtload_virEventAddHandle
#define virEventAddTimeout virtload_virEventAddTimeout
#define virEventRegisterDefaultImpl virtload_virEventRegisterDefaultImpl
#define virEventRemoveHandle virtload_virEventRemoveHandle
#define virEventRemoveTimeout virtload_virEventRemoveTimeout
#define virEventRunDefaultImpl virtload_virEventRunDefaultImpl
#define virEventUpdateHandle virtload_virEventUpdateHandle
#define virEventUpdateTimeout virtload_virEventUpdateTimeout
#define virGetLastError virtload_virGetLastError
#define virGetLastErrorMessage virtload_virGetLastErrorMessage
#define virNodeDeviceCreate virtload_virNodeDeviceCreate
#define virNodeDeviceDefineXML virtload_virNodeDeviceDefineXML
#define virNodeDeviceDestroy virtload_virNodeDeviceDestroy
#define virNodeDeviceDetachFlags virtload_virNodeDeviceDetachFlags
#define virNodeDeviceFree virtload_virNodeDeviceFree
#define virNodeDeviceGetName virtload_virNodeDeviceGetName
#define virNodeDeviceGetXMLDesc virtload_virNodeDeviceGetXMLDesc
#define virNodeDeviceIsActive virtload_virNodeDeviceIsActive
#define virNodeDeviceIsPersistent virtload_virNodeDeviceIsPersistent
#define virNodeDeviceLookupByName virtload_virNodeDeviceLookupByName
#define virNodeDeviceReAttach virtload_virNodeDeviceReAttach
#define virNodeDeviceUndefine virtload_virNodeDeviceUndefine
#define virResetLastError virtload_virResetLastError
#define virSetErrorFunc virtload_virSetErrorFunc
#endif

#endif /* VFIOTUI_VIRTLOAD_H */
