/* panes.c - the fixed parts around the tree: the header, the details
 * and findings panes, the status line and the F-key bar */
#include <config.h>

#include "app-priv.h"

#include <curses.h>
#include <stdio.h>
#include <string.h>

#include "i18n.h"

static void
draw_header(struct app *a)
{
    struct model_host *h = ui_host(a);
    char buf[1024];
    const char *uri = ui_ops_uri(a);
    char uribuf[300];

    if (uri && a->conn_lost) {
        snprintf(uribuf, sizeof(uribuf), _("%s (connection lost; F5 reconnects)"), uri);
        uri = uribuf;
    }

    attrset(ui_term_attr(&a->t, UI_C_HEADER));
    snprintf(buf, sizeof(buf), " vfiotui %s  %s %s  %s %s  %s %s", PACKAGE_VERSION,
             _("host"), h->hostname ? h->hostname : "?",
             _("IOMMU"), h->iommu_unknown ? _("unknown") : h->iommu ? _("on") : _("OFF"),
             _("kernel"), h->kernel_release ? h->kernel_release : "?");
    ui_put(0, 0, a->cols, buf);
    snprintf(buf, sizeof(buf), " %zu %s, %zu %s, %zu %s  %s %s  %s %s",
             h->n_groups, _("groups"), h->n_devs, _("devices"),
             model_sel_count(a->sel), _("marked"),
             _("target"), a->target[0] ? a->target : _("(none: F2)"),
             _("uri"), ui_ops_demo(a) ? _("demo guests (test driver)") :
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

            snprintf(buf, sizeof(buf), g->n_devs == 1 ? _("IOMMU group %d: %zu device") : _("IOMMU group %d: %zu devices"),
                     g->id, g->n_devs);
            ui_put(y++, 0, w, buf);
            for (i = 0; i < g->n_devs && y < y0 + UI_BOTTOM - 1; i++) {
                d = &h->devs[g->devs[i]];
                snprintf(buf, sizeof(buf), " %s %s", d->addr_str, ui_dev_label(d));
                ui_put(y++, 0, w, buf);
            }
        } else {
            ui_put(y++, 0, w, _("These devices have no IOMMU group."));
        }
        return;
    }
    d = &h->devs[r->idx];
    snprintf(buf, sizeof(buf), "%s %s", d->addr_str, ui_dev_label(d));
    attrset(A_BOLD);
    ui_put(y++, 0, w, buf);
    attrset(A_NORMAL);
    snprintf(buf, sizeof(buf), "%s %s [%04x]  prog-if %02x  rev %02x  %s",
             _("class"), d->class_name ? d->class_name : "?", (unsigned)(d->class_id & 0xffff),
             (unsigned)(d->prog_if & 0xff), (unsigned)(d->revision & 0xff),
             model_dev_is_bridge(d) ? _("bridge") : _("endpoint"));
    ui_put(y++, 0, w, buf);
    snprintf(buf, sizeof(buf), "%s %s  %s %s", _("vendor"), d->vendor_name ? d->vendor_name : "?",
             _("subsystem"), d->subsys_name ? d->subsys_name : "-");
    ui_put(y++, 0, w, buf);
    {
        char resets[256] = "";

        for (i = 0; i < d->n_reset_methods; i++) {
            strncat(resets, d->reset_methods[i], sizeof(resets) - strlen(resets) - 2);
            strncat(resets, " ", sizeof(resets) - strlen(resets) - 1);
        }
        snprintf(buf, sizeof(buf), "%s %s  %s %s  %s %d", _("driver"),
                 (d->unknown & MODEL_UNK_DRIVER) ? _("unknown") : d->driver ? d->driver : _("none"),
                 _("reset"), d->reset_known ? (resets[0] ? resets : _("none")) : _("unknown"),
                 _("numa"), d->numa_node);
        ui_put(y++, 0, w, buf);
    }
    if (d->physfn != MODEL_NONE)
        snprintf(buf, sizeof(buf), _("SR-IOV: virtual function of %s"), h->devs[d->physfn].addr_str);
    else if (d->n_virtfns)
        snprintf(buf, sizeof(buf), _("SR-IOV: physical function, %zu of %d VFs active"),
                 d->n_virtfns, d->sriov_totalvfs);
    else
        snprintf(buf, sizeof(buf), "%s %s", _("parent"),
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

    for (i = y0; i < maxy; i++)
        ui_put(i, x, w, "");
    if (!a->rep || model_sel_count(a->sel) == 0) {
        attrset(ui_term_attr(&a->t, UI_C_DIM));
        ui_wrap(y, x, w, 3, "", _("Mark devices with Space (or a whole group with g) to see whether they can go to a guest."));
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
    char title[256];

    attrset(ui_term_attr(&a->t, UI_C_HEADER));
    ui_put(y, 0, a->cols, "");
    ui_put(y, 1, lw - 1, _("Details"));
    if (a->rep && model_sel_count(a->sel))
        snprintf(title, sizeof(title), _("Findings: %zu errors, %zu warnings, %zu notes"),
                 a->rep->n_errors, a->rep->n_warnings, a->rep->n_infos);
    else
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
draw_keys(struct app *a)
{
    static const struct {
        const char *key, *label;
    } bar[] = {
        { "F1", N_("Help") }, { "F2", N_("Domain") }, { "F5", N_("Rescan") },
        { "F7", N_("Write") }, { "F8", N_("Attach") }, { "F9", N_("Detach") },
        { "F10", N_("Quit") },
    };
    int x = 0;
    size_t i;

    move(a->lines - 1, 0);
    for (i = 0; i < sizeof(bar) / sizeof(bar[0]) && x < a->cols; i++) {
        int kw = (int)strlen(bar[i].key), lw = (int)strlen(_(bar[i].label)) + 1;

        attrset(A_NORMAL);
        ui_put(a->lines - 1, x, kw, bar[i].key);
        x += kw;
        attrset(ui_term_attr(&a->t, UI_C_KEY));
        ui_put(a->lines - 1, x, lw < a->cols - x ? lw : a->cols - x, _(bar[i].label));
        x += lw;
    }
    attrset(A_NORMAL);
    if (x < a->cols)
        ui_put(a->lines - 1, x, a->cols - x, "");
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
    draw_keys(a);
}
