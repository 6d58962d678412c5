/* fuzz_nodedev.c - libFuzzer harness for the node-device XML reader:
 * the input is one or more device documents separated by NUL bytes; the
 * model they make is then judged by the rules with every device
 * selected, as `check` would. */
#include <config.h>

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "model.h"
#include "rules.h"
#include "virt/nodedev.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

#define MAX_DOCS 64

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const char *docs[MAX_DOCS];
    char *buf = malloc(size + 1), *p;
    struct model_host *h;
    size_t n = 0, i;

    if (!buf)
        return 0;
    memcpy(buf, data, size);
    buf[size] = '\0';
    for (p = buf; n < MAX_DOCS && p <= buf + size; p += strlen(p) + 1)
        docs[n++] = p;

    if ((h = nodedev_parse(NULL, docs, n))) {
        struct model_sel *sel = model_sel_new(h);

        for (i = 0; sel && i < h->n_devs; i++) {
            if (strlen(h->devs[i].addr_str) != BDF_STRLEN - 1)
                abort();
            model_sel_add(sel, h, h->devs[i].addr_str);
        }
        if (sel) {
            struct rules_opts o = { 0 };

            rules_report_free(rules_check(h, sel, &o));
            model_sel_whole_groups(sel, h);
            rules_report_free(rules_check(h, sel, &o));
        }
        model_sel_free(sel);
        model_host_free(h);
    }
    free(buf);
    return 0;
}
