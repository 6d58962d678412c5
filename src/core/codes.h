/* codes.h - every finding code, once: the rules, JSON, `vfiotui codes`
 * and the man page's FINDINGS section all come from this table.
 *
 * X(ID, "code", default severity, summary, remedy): the texts are N_()
 * marked (translate them with _()); the remedy is the one the rules
 * give when it does not depend on the case, or NULL.  Codes whose
 * remedy names the devices or domains concerned carry a general one
 * here and build their own. */
#ifndef VFIOTUI_CODES_H
#define VFIOTUI_CODES_H

#define RULES_CODES(X) \
    X(UNKNOWN_DEVICE, "unknown-device", RULES_ERROR, \
      N_("the address is not a PCI device on this host"), \
      N_("Check the address with 'vfiotui list'.")) \
    X(NO_IOMMU, "no-iommu", RULES_ERROR, \
      N_("the host has no IOMMU groups"), \
      N_("Enable VT-d or AMD-Vi in the firmware, add intel_iommu=on (Intel) or amd_iommu=on (AMD) to the kernel command line, update the boot loader (update-grub, or grub2-mkconfig -o /boot/grub2/grub.cfg) and reboot.")) \
    X(IOMMU_UNKNOWN, "iommu-unknown", RULES_ERROR, \
      N_("sys/kernel/iommu_groups cannot be read: whether the IOMMU is on is unknown"), \
      N_("Check /sys/kernel/iommu_groups on the host (it should be a readable directory) and run vfiotui again.")) \
    X(NO_IOMMU_GROUP, "no-iommu-group", RULES_ERROR, \
      N_("the device has no IOMMU group although the host has an IOMMU"), \
      N_("VFIO can only assign devices in an IOMMU group. Check that the IOMMU covers this device (firmware settings, the kernel log's DMAR/AMD-Vi lines).")) \
    X(GROUP_UNREADABLE, "group-unreadable", RULES_ERROR, \
      N_("the device's IOMMU group membership cannot be read or is inconsistent"), \
      N_("Check sys/kernel/iommu_groups on the host (see the warnings); until the group can be read, vfiotui cannot tell which devices must go with this one.")) \
    X(DEV_UNREADABLE, "dev-unreadable", RULES_ERROR, \
      N_("the device's class or driver cannot be determined"), \
      N_("Check the device's files under /sys/bus/pci/devices on the host (see the warnings); pass it only once its class and driver are known.")) \
    X(HOST_NIC_UNKNOWN, "host-nic-unknown", RULES_WARNING, \
      N_("which NIC reaches the host cannot be told, and this may be it (error when live)"), \
      N_("Check on the host itself which NIC carries its default route and your session (ip route); pass this one only if it is not that NIC.")) \
    X(BRIDGE_SELECTED, "bridge-selected", RULES_ERROR, \
      N_("a bridge or root port cannot be assigned"), \
      N_("Select the endpoints behind it instead.")) \
    X(GROUP_INCOMPLETE, "group-incomplete", RULES_ERROR, \
      N_("a group-mate left on a host driver keeps VFIO from the group"), \
      N_("Pass the group-mates to the guest too (--whole-groups, or g in the interface), or park them on vfio-pci without passing them (vfiotui bind ADDRESS...).")) \
    X(GROUP_IN_USE, "group-in-use", RULES_ERROR, \
      N_("a group-mate is held by another running domain"), \
      N_("Shut the other domain down, or detach the group-mate from it, first.")) \
    X(IN_USE_BY_DOMAIN, "in-use-by-domain", RULES_ERROR, \
      N_("another domain already has the device (warning if it is shut off)"), \
      N_("Detach it from the other domain, or shut that domain down, first; only one of the guests can run with it at a time.")) \
    X(HOST_ROOT_DISK, "host-root-disk", RULES_ERROR, \
      N_("the device holds a mounted filesystem or swap"), \
      N_("Leave it with the host; give the guest another controller, or a virtual disk or NIC.")) \
    X(HOST_DISKS_UNKNOWN, "host-disks-unknown", RULES_ERROR, \
      N_("a storage or USB controller may hold a host filesystem whose disks cannot be determined"), \
      N_("Check on the host itself (findmnt, lsblk) that no mounted filesystem or swap is on it; then use --force.")) \
    X(HOST_BOOT_VGA, "host-boot-vga", RULES_WARNING, \
      N_("the host console is on this GPU"), \
      N_("The host loses its console while the guest runs: make sure you can reach it over the network, or boot the host on another GPU.")) \
    X(HOST_MGMT_NIC, "host-mgmt-nic", RULES_WARNING, \
      N_("the device carries the default route or your SSH session (error when live)"), \
      N_("Passing it through cuts the host off the network, and you with it. Use another NIC, or an SR-IOV virtual function.")) \
    X(NO_RESET, "no-reset", RULES_WARNING, \
      N_("the kernel has no way to reset the device"), \
      N_("It may not work again after the guest stops or reboots; expect to reboot the host between guest runs.")) \
    X(ACS_OVERRIDE, "acs-override", RULES_WARNING, \
      N_("pcie_acs_override is on: group boundaries are not enforced by hardware"), \
      N_("Devices in different groups may still reach each other's memory; only rely on this for devices you trust together. Remove pcie_acs_override for real isolation.")) \
    X(SRIOV_PF, "sriov-pf", RULES_WARNING, \
      N_("a physical function with active virtual functions is selected"), \
      N_("Its virtual functions vanish when it leaves its driver. Pass a virtual function instead, or stop whatever uses the VFs first.")) \
    X(SRIOV_VF_WITH_PF, "sriov-vf-with-pf", RULES_WARNING, \
      N_("a virtual function is selected together with its physical function"), \
      N_("Once the physical function leaves its host driver the virtual function is gone; choose one or the other.")) \
    X(VFIO_UNAVAILABLE, "vfio-unavailable", RULES_WARNING, \
      N_("the vfio-pci driver is neither loaded nor installed"), \
      N_("Install the kernel's vfio-pci module (most distribution kernels ship it), or load it with modprobe vfio-pci.")) \
    X(HOST_WARNING, "host-warning", RULES_WARNING, \
      N_("a file of the host could not be read or held a malformed value"), \
      NULL) \
    X(HOST_DRIVER, "host-driver", RULES_INFO, \
      N_("the device will be taken from its host driver when the guest starts"), \
      NULL) \
    X(IN_TARGET_DOMAIN, "in-target-domain", RULES_INFO, \
      N_("the target domain already has the device; it is left as it is"), \
      NULL) \
    X(MDEV_PARENT_IN_USE, "mdev-parent-in-use", RULES_ERROR, \
      N_("the device is the parent of mediated devices that exist"), \
      N_("An mdev lives only while its parent stays on its host driver (i915, nvidia, ...). Pass the mdev by its UUID instead, or remove the mdevs first (vfiotui mdev remove UUID).")) \
    X(MDEV_IN_USE, "mdev-in-use", RULES_ERROR, \
      N_("another domain already has the mediated device (warning if it is shut off)"), \
      N_("An mdev can be used by one running guest only: detach it from the other domain, or create another mdev of the same type (vfiotui mdev create PARENT TYPE).")) \
    X(MDEV_NO_CAPACITY, "mdev-no-capacity", RULES_WARNING, \
      N_("an mdev type has no instances left because mdevs of other types on the same parent use the capacity"), \
      N_("A parent shares its resources among all its types, and some (NVIDIA vGPU) allow one type at a time: remove the mdevs of the other types (vfiotui mdev remove UUID), or use the type they have.")) \
    X(MDEV_GVTG_APERTURE, "mdev-gvtg-aperture", RULES_WARNING, \
      N_("an Intel GVT-g type has no instances: the aperture memory is too small"), \
      N_("GVT-g carves each vGPU out of the GPU's aperture: raise the aperture size (often called DVMT or aperture size, 1024MB) in the firmware setup, or choose a type with a smaller low_gm_size (the higher number, e.g. i915-GVTg_V5_8).")) \
    X(MDEV_NOT_STARTED, "mdev-not-started", RULES_WARNING, \
      N_("the mediated device is defined but not started"), \
      N_("A guest that uses it cannot start until it exists: start it with mdevctl start -u UUID, or virsh nodedev-start mdev_UUID (with _ for -), and mark it to start at boot (mdevctl modify --auto, or virsh nodedev-autostart)."))

#endif /* VFIOTUI_CODES_H */
