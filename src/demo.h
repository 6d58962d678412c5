/* demo.h - the bundled demo host: a fixture sysroot and a libvirt
 * test-driver file, both embedded in the program. */
#ifndef VFIOTUI_DEMO_H
#define VFIOTUI_DEMO_H

extern const char demo_host_desc[];     /* data/demo.host */
extern const char demo_libvirt_xml[];   /* data/demo-libvirt.xml */

#endif /* VFIOTUI_DEMO_H */
