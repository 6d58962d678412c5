/* fuzz_hostdev.c - libFuzzer harness for editing domain XML:
 * byte 0 holds flags, byte 1 the number of addresses (0..7), then 5
 * bytes per address (domain 2, bus, slot, function), then the domain
 * document.  Add and remove must not crash, and what add returns for a
 * readable document must read back with the new devices, which remove
 * then takes out again. */
#include <config.h>

#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "bdf.h"
#include "virt/domedit.h"
#include "virt/hostdev.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static bool
has(const struct bdf *v, size_t n, const struct bdf *a)
{
    size_t i;

    for (i = 0; i < n; i++)
        if (bdf_equal(&v[i], a))
            return true;
    return false;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    struct bdf addrs[7];
    struct bdf *have = NULL;
    size_t n, n_have = 0, i;
    bool managed, valid = true, read_ok;
    char *xml, *added, *removed, *err = NULL;

    if (size < 2)
        return 0;
    managed = data[0] & 1;
    n = data[1] % 8;
    if (size < 2 + 5 * n)
        return 0;
    for (i = 0; i < n; i++) {
        const uint8_t *a = data + 2 + 5 * i;

        addrs[i].domain = (unsigned int)(a[0] << 8 | a[1]);
        addrs[i].bus = a[2];
        /* flag bit 1 lets out-of-range slots and functions through, as a
         * careless caller might pass them */
        addrs[i].slot = (data[0] & 2) ? a[3] : a[3] & 0x1f;
        addrs[i].func = (data[0] & 2) ? a[4] : a[4] & 7;
        valid = valid && addrs[i].slot <= 0x1f && addrs[i].func <= 7;
    }
    data += 2 + 5 * n;
    size -= 2 + 5 * n;
    if (!(xml = malloc(size + 1)))
        return 0;
    memcpy(xml, data, size);
    xml[size] = '\0';

    free(hostdev_domain_name(xml));
    read_ok = hostdev_domain_devices(xml, &have, &n_have, &err) == 0;
    free(err);
    err = NULL;
    free(have);
    have = NULL;

    removed = domedit_remove(xml, addrs, n, &err);
    free(removed);
    free(err);
    err = NULL;

    added = domedit_add(xml, addrs, n, managed, &err);
    free(err);
    err = NULL;
    if (added && valid && read_ok) {
        if (hostdev_domain_devices(added, &have, &n_have, &err) < 0)
            abort();
        for (i = 0; i < n; i++)
            if (!has(have, n_have, &addrs[i]))
                abort();
        free(have);
        /* distinct addresses only: a repeated one is refused by add */
        removed = domedit_remove(added, addrs, n, &err);
        free(removed);
        free(err);
    }
    free(added);

    /* the files write edits: a <devices> or <hostdev> root too; what
     * it adds it reads back */
    read_ok = hostdev_file_devices(xml, &have, &n_have, &err) == 0;
    free(err);
    err = NULL;
    free(have);
    have = NULL;
    added = domedit_file_add(xml, addrs, n, managed, &err);
    free(err);
    err = NULL;
    if (added && valid && read_ok) {
        if (hostdev_file_devices(added, &have, &n_have, &err) < 0)
            abort();
        for (i = 0; i < n; i++)
            if (!has(have, n_have, &addrs[i]))
                abort();
        free(have);
    }
    free(added);
    free(xml);
    return 0;
}
