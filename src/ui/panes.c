/* panes.c - the fixed parts around the tree: the header, the details
 * and findings panes, the status line and the F-key bar */
#include <config.h>

#include "app-priv.h"
#include "pci.h"

#include <curses.h>
#include <stdio.h>
#include <string.h>

#include "i18n.h"

static void
draw_header(struct app *a)
{
    struct model_host *h = ui_host(a);
    char buf[1024], groups[64], devs[64], marked[64], none[64], key[16];
    const char *uri = ui_ops_uri(a);
    char uribuf[300];
    size_t n_marked = model_sel_count(a->sel);

    if (uri && a->conn_lost) {
        snprintf(uribuf, sizeof(uribuf), _("%s (connection lost; F5 reconnects)"), uri);
        uri = uribuf;
    }

    attrset(ui_term_attr(&a->t, UI_C_HEADER));
    /* TRANSLATORS: the version, the host name, the IOMMU's state (on,
     * OFF, unknown) and the kernel release */
    snprintf(buf, sizeof(buf), _(" vfiotui %s  host %s  IOMMU %s  kernel %s"), PACKAGE_VERSION,
             h->hostname ? h->hostname : "?",
             h->iommu_unknown ? _("unknown") : h->iommu ? _("on") : _("OFF"),
             h->kernel_release ? h->kernel_release : "?");
    ui_put(0, 0, a->cols, buf);
    snprintf(groups, sizeof(groups), ngettext("%zu group", "%zu groups", h->n_groups), h->n_groups);
    snprintf(devs, sizeof(devs), ngettext("%zu device", "%zu devices", h->n_devs), h->n_devs);
    snprintf(marked, sizeof(marked), ngettext("%zu marked", "%zu marked", n_marked), n_marked);
    /* TRANSLATORS: the key that chooses the target domain ("F2") */
    snprintf(none, sizeof(none), _("(none: %s)"), ui_action_key(UI_DOMAIN, key, sizeof(key)));
    /* TRANSLATORS: the counts of groups, devices and marked devices,
     * the target domain and the connection */
    snprintf(buf, sizeof(buf), _(" %s, %s, %s  target %s  uri %s"), groups, devs, marked,
             a->target[0] ? a->target : none,
             ui_ops_demo(a) ? _("demo guests (test driver)") :
             uri ? uri : _("(no libvirt connection)"));
    ui_put(1, 0, a->cols, buf);
    attrset(A_NORMAL);
}

static void
draw_details(struct app *a, int y0, int w)
{
    struct model_host *h = ui_host(a);
    const struct ui_row *r = a->n_rows ? &a->rows[a->cur] : NULL;
    char buf[1024];
    int y = y0;
    const struct model_dev *d;
    size_t i;

    for (i = 0; i < UI_BOTTOM - 1; i++)
        ui_put(y0 + (int)i, 0, w, "");
    if (!r)
        return;
    if (r->kind == R_GROUP) {
        if (r->idx < h->n_groups) {
            const struct model_group *g = &h->groups[r->idx];

            snprintf(buf, sizeof(buf), ngettext("IOMMU group %d: %zu device", "IOMMU group %d: %zu devices",
                                                g->n_devs), g->id, g->n_devs);
            ui_put(y++, 0, w, buf);
            for (i = 0; i < g->n_devs && y < y0 + UI_BOTTOM - 1; i++) {
                d = &h->devs[g->devs[i]];
                snprintf(buf, sizeof(buf), " %s %s", d->addr_str, pci_dev_label(d));
                ui_put(y++, 0, w, buf);
            }
        } else {
            ui_put(y++, 0, w, _("These devices have no IOMMU group."));
        }
        return;
    }
    d = &h->devs[r->idx];
    snprintf(buf, sizeof(buf), "%s %s", d->addr_str, pci_dev_label(d));
    attrset(A_BOLD);
    ui_put(y++, 0, w, buf);
    attrset(A_NORMAL);
    snprintf(buf, sizeof(buf), model_dev_is_bridge(d) ? _("class %s [%04x]  prog-if %02x  rev %02x  bridge")
                                                      : _("class %s [%04x]  prog-if %02x  rev %02x  endpoint"),
             d->class_name ? d->class_name : "?", (unsigned)(d->class_id & 0xffff),
             (unsigned)(d->prog_if & 0xff), (unsigned)(d->revision & 0xff));
    ui_put(y++, 0, w, buf);
    snprintf(buf, sizeof(buf), _("vendor %s  subsystem %s"), d->vendor_name ? d->vendor_name : "?",
             d->subsys_name ? d->subsys_name : "-");
    ui_put(y++, 0, w, buf);
    {
        char resets[256] = "";

        for (i = 0; i < d->n_reset_methods; i++) {
            strncat(resets, d->reset_methods[i], sizeof(resets) - strlen(resets) - 2);
            strncat(resets, " ", sizeof(resets) - strlen(resets) - 1);
        }
        snprintf(buf, sizeof(buf), _("driver %s  reset %s  numa %d"),
                 (d->unknown & MODEL_UNK_DRIVER) ? _("unknown") : d->driver ? d->driver : _("none"),
                 d->reset_known ? (resets[0] ? resets : _("none")) : _("unknown"),
                 d->numa_node);
        ui_put(y++, 0, w, buf);
    }
    if (d->physfn != MODEL_NONE)
        snprintf(buf, sizeof(buf), _("SR-IOV: virtual function of %s"), h->devs[d->physfn].addr_str);
    else if (d->n_virtfns)
        snprintf(buf, sizeof(buf), ngettext("SR-IOV: physical function, %zu of %d VF active",
                                            "SR-IOV: physical function, %zu of %d VFs active",
                                            (unsigned long)d->sriov_totalvfs),
                 d->n_virtfns, d->sriov_totalvfs);
    else
        snprintf(buf, sizeof(buf), _("parent %s"),
                 d->parent != MODEL_NONE ? h->devs[d->parent].addr_str : _("root bus"));
    ui_put(y++, 0, w, buf);
    ui_put(y++, 0, w, d->sysfs_path ? d->sysfs_path : "");
    if (d->root_disk)
        ui_put(y++, 0, w, d->root_disk);
    else if (d->mgmt_nic)
        ui_put(y++, 0, w, d->mgmt_nic);
    else if (d->n_uses) {
        snprintf(buf, sizeof(buf), _("used by %s (%s)"), h->domains[d->uses[0].domain].name,
                 model_dom_state_str(h->domains[d->uses[0].domain].state));
        ui_put(y++, 0, w, buf);
    }
}

static void
draw_findings(struct app *a, int y0, int x, int w)
{
    int y = y0, maxy = y0 + UI_BOTTOM - 1, i;
    size_t k;
    char hint[512], mark[16], group[16];

    for (i = y0; i < maxy; i++)
        ui_put(i, x, w, "");
    if (!a->rep || model_sel_count(a->sel) == 0) {
        attrset(ui_term_attr(&a->t, UI_C_DIM));
        /* TRANSLATORS: the keys that mark a device and a group ("Space", "g") */
        snprintf(hint, sizeof(hint), _("Mark devices with %s (or a whole group with %s) to see whether they can go to a guest."),
                 ui_action_key(UI_MARK, mark, sizeof(mark)), ui_action_key(UI_MARK_GROUP, group, sizeof(group)));
        ui_wrap(y, x, w, 3, "", hint);
        attrset(A_NORMAL);
        return;
    }
    if (a->rep->n_errors == 0) {
        attrset(ui_term_attr(&a->t, UI_C_OK) | A_BOLD);
        ui_put(y++, x, w, a->rep->n_warnings ? _("No errors: the selection can go to a guest (see the warnings).")
                                             : _("No errors: the selection can go to a guest."));
        attrset(A_NORMAL);
    }
    for (k = 0; k < a->rep->n && y < maxy; k++) {
        const struct rules_finding *f = &a->rep->items[k];
        const char *g = f->sev == RULES_ERROR ? a->t.g.err : f->sev == RULES_WARNING ? a->t.g.warn : a->t.g.info;
        char pre[64];

        snprintf(pre, sizeof(pre), "%s %s: ", g, f->code);
        attrset(ui_term_attr(&a->t, f->sev == RULES_ERROR ? UI_C_ERROR :
                                    f->sev == RULES_WARNING ? UI_C_WARNING : UI_C_INFO));
        y += ui_wrap(y, x, w, maxy - y, pre, f->message);
        attrset(A_NORMAL);
        if (f->remedy && f->sev != RULES_INFO && y < maxy)
            y += ui_wrap(y, x, w, f->sev == RULES_ERROR ? 2 : 1 < maxy - y ? 1 : maxy - y, "  -> ", f->remedy);
    }
}

static void
draw_bottom(struct app *a)
{
    int y = a->lines - 2 - UI_BOTTOM;
    int lw = a->cols * 2 / 5;
    char title[256], errs[64], warns[64], notes[64];

    attrset(ui_term_attr(&a->t, UI_C_HEADER));
    ui_put(y, 0, a->cols, "");
    ui_put(y, 1, lw - 1, _("Details"));
    if (a->rep && model_sel_count(a->sel)) {
        snprintf(errs, sizeof(errs), ngettext("%zu error", "%zu errors", a->rep->n_errors),
                 a->rep->n_errors);
        snprintf(warns, sizeof(warns), ngettext("%zu warning", "%zu warnings", a->rep->n_warnings),
                 a->rep->n_warnings);
        snprintf(notes, sizeof(notes), ngettext("%zu note", "%zu notes", a->rep->n_infos),
                 a->rep->n_infos);
        /* TRANSLATORS: the counts of errors, warnings and notes */
        snprintf(title, sizeof(title), _("Findings: %s, %s, %s"), errs, warns, notes);
    } else
        snprintf(title, sizeof(title), "%s", _("Findings"));
    ui_put(y, lw + 1, a->cols - lw - 1, title);
    attrset(A_NORMAL);
    draw_details(a, y + 1, lw - 1);
    {
        int i;

        for (i = 1; i < UI_BOTTOM; i++)
            ui_put(y + i, lw - 1, 1, a->t.g.vline);
    }
    draw_findings(a, y + 1, lw + 1, a->cols - lw - 1);
}

static void
draw_status(struct app *a)
{
    char buf[700];

    if (a->mode == M_SEARCH)
        snprintf(buf, sizeof(buf), "/%s", a->input);
    else if (a->mode == M_PROMPT)
        snprintf(buf, sizeof(buf), _("Write the XML to file: %s"), a->input);
    else
        snprintf(buf, sizeof(buf), "%s", a->status);
    attrset(a->status_err && a->mode == M_TREE ? ui_term_attr(&a->t, UI_C_ERROR) : (int)A_NORMAL);
    ui_put(a->lines - 2, 0, a->cols, buf);
    attrset(A_NORMAL);
}

void
ui_panes_draw(struct app *a)
{
    draw_header(a);
    draw_bottom(a);
    draw_status(a);
    ui_keybar_draw(a);
}
