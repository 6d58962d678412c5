/* panes.c - the fixed parts around the tree: the header, the details
 * and findings panes (which take the focus, scroll and zoom), the
 * status line and the F-key bar */
#include <config.h>

#include "app-priv.h"
#include "pci.h"

#include <curses.h>
#include <limits.h>
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
    size_t n_marked = (model_sel_count(a->sel) + model_sel_count_mdevs(a->sel));

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
    {
        char badge[64];
        int c = ui_ready_badge(a, badge, sizeof(badge)), bw = ui_cells(badge);

        /* the readiness indicator at the right (R shows the report) */
        ui_put_cut(a, 0, 0, a->cols - bw - 2, buf);
        ui_put(0, a->cols - bw - 2, 2, "");
        attrset(ui_term_attr(&a->t, (enum ui_color)c) | A_BOLD);
        ui_put(0, a->cols - bw - 1, bw, badge);
        ui_put(0, a->cols - 1, 1, "");
        attrset(ui_term_attr(&a->t, UI_C_HEADER));
    }
    snprintf(groups, sizeof(groups), ngettext("%zu group", "%zu groups", h->n_groups), h->n_groups);
    if (h->partial_of)
        /* TRANSLATORS: a big host's first screen: the devices read so
         * far, of how many */
        snprintf(devs, sizeof(devs), ngettext("%zu of %zu device", "%zu of %zu devices", h->partial_of),
                 h->n_devs, h->partial_of);
    else
        snprintf(devs, sizeof(devs), ngettext("%zu device", "%zu devices", h->n_devs), h->n_devs);
    snprintf(marked, sizeof(marked), ngettext("%zu marked", "%zu marked", n_marked), n_marked);
    /* TRANSLATORS: the key that chooses the target domain ("F2") */
    snprintf(none, sizeof(none), _("(none: %s)"), ui_action_key(UI_DOMAIN, key, sizeof(key)));
    /* TRANSLATORS: the counts of groups, devices and marked devices,
     * the target domain and the connection */
    snprintf(buf, sizeof(buf), _(" %s, %s, %s  target %s  uri %s"), groups, devs, marked,
             a->target[0] ? a->target : none,
             ui_ops_demo(a) ? _("demo guests (test driver)") :
             uri ? uri : ui_ops_rest_pending(a) ? _("(not yet: the host is being read)") :
             _("(no libvirt connection)"));
    ui_put_cut(a, 1, 0, a->cols, buf);
    attrset(A_NORMAL);
}

static void
add_fmt(struct ui_lines *l, int w, const char *text)
{
    ui_lines_wrap(l, A_NORMAL, w, 3, "", text);
}

/* Every field of the row under the cursor, wrapped to @w cells. */
static void
details_lines(struct app *a, struct ui_lines *l, int w)
{
    struct model_host *h = ui_host(a);
    const struct ui_row *r = a->n_rows ? &a->rows[a->cur] : NULL;
    char buf[1024];
    const struct model_dev *d;
    size_t i;

    if (!r)
        return;
    if (r->kind == R_MDEV_TYPE || r->kind == R_MDEV) {
        ui_mdev_details(a, r, l, w);
        return;
    }
    if (r->kind == R_GROUP) {
        if (r->idx < h->n_groups) {
            const struct model_group *g = &h->groups[r->idx];

            snprintf(buf, sizeof(buf), ngettext("IOMMU group %d: %zu device", "IOMMU group %d: %zu devices",
                                                g->n_devs), g->id, g->n_devs);
            add_fmt(l, w, buf);
            for (i = 0; i < g->n_devs; i++) {
                d = &h->devs[g->devs[i]];
                snprintf(buf, sizeof(buf), " %s %s", d->addr_str, pci_dev_label(d));
                add_fmt(l, w, buf);
            }
        } else if (h->iommu_unknown) {
            ui_lines_wrap(l, ui_term_attr(&a->t, UI_C_ERROR), w, 3, "",
                          _("Whether the IOMMU is on is unknown: sys/kernel/iommu_groups cannot be read, "
                            "so no device here can be shown to be safe to assign."));
        } else if (!h->iommu) {
            char key[16];

            ui_lines_wrap(l, ui_term_attr(&a->t, UI_C_ERROR), w, 3, "",
                          _("The IOMMU is off: the kernel made no IOMMU groups, so none of these devices "
                            "can be assigned to a guest."));
            /* TRANSLATORS: the key that shows the readiness report ("R") */
            snprintf(buf, sizeof(buf), _("Turn on VT-d (Intel) or AMD-Vi/IOMMU (AMD) in the firmware, add "
                                         "intel_iommu=on to the kernel command line on Intel, and reboot. "
                                         "%s (or vfiotui ready) shows what this host lacks."),
                     ui_action_key(UI_READY, key, sizeof(key)));
            add_fmt(l, w, buf);
        } else {
            add_fmt(l, w, _("These devices have no IOMMU group: they cannot be assigned to a guest."));
        }
        return;
    }
    d = &h->devs[r->idx];
    snprintf(buf, sizeof(buf), "%s %s", d->addr_str, pci_dev_label(d));
    ui_lines_wrap(l, A_BOLD, w, 3, "", buf);
    snprintf(buf, sizeof(buf), model_dev_is_bridge(d) ? _("class %s [%04x]  prog-if %02x  rev %02x  bridge")
                                                      : _("class %s [%04x]  prog-if %02x  rev %02x  endpoint"),
             d->class_name ? d->class_name : "?", (unsigned)(d->class_id & 0xffff),
             (unsigned)(d->prog_if & 0xff), (unsigned)(d->revision & 0xff));
    add_fmt(l, w, buf);
    snprintf(buf, sizeof(buf), _("vendor %s [%04x:%04x]"), d->vendor_name ? d->vendor_name : "?",
             (unsigned)(d->vendor_id & 0xffff), (unsigned)(d->device_id & 0xffff));
    add_fmt(l, w, buf);
    if (d->subsys_vendor_id != MODEL_NONE)
        snprintf(buf, sizeof(buf), _("subsystem %s [%04x:%04x]"), d->subsys_name ? d->subsys_name : "?",
                 (unsigned)(d->subsys_vendor_id & 0xffff), (unsigned)(d->subsys_device_id & 0xffff));
    else
        snprintf(buf, sizeof(buf), _("subsystem %s"), d->subsys_name ? d->subsys_name : "-");
    add_fmt(l, w, buf);
    snprintf(buf, sizeof(buf), _("driver %s"),
             (d->unknown & MODEL_UNK_DRIVER) ? _("unknown") : d->driver ? d->driver : _("none"));
    add_fmt(l, w, buf);
    {
        char resets[256] = "";

        for (i = 0; i < d->n_reset_methods; i++) {
            strncat(resets, d->reset_methods[i], sizeof(resets) - strlen(resets) - 2);
            strncat(resets, " ", sizeof(resets) - strlen(resets) - 1);
        }
        snprintf(buf, sizeof(buf), _("reset %s"),
                 d->reset_known ? (resets[0] ? resets : _("none")) : _("unknown"));
        add_fmt(l, w, buf);
    }
    if (d->numa_node != MODEL_NONE)
        snprintf(buf, sizeof(buf), _("numa node %d"), d->numa_node);
    else
        snprintf(buf, sizeof(buf), "%s", _("numa node: none"));
    add_fmt(l, w, buf);
    if (d->group != MODEL_NONE)
        snprintf(buf, sizeof(buf), _("IOMMU group %d"), d->group);
    else
        snprintf(buf, sizeof(buf), "%s", _("IOMMU group: none"));
    add_fmt(l, w, buf);
    if (d->boot_vga == MODEL_TRI_YES)
        add_fmt(l, w, _("boot VGA: yes (the firmware's console)"));
    if (d->physfn != MODEL_NONE) {
        snprintf(buf, sizeof(buf), _("SR-IOV: virtual function of %s"), h->devs[d->physfn].addr_str);
        add_fmt(l, w, buf);
    } else if (d->sriov_totalvfs != MODEL_NONE) {
        snprintf(buf, sizeof(buf), ngettext("SR-IOV: physical function, %zu of %d VF active",
                                            "SR-IOV: physical function, %zu of %d VFs active",
                                            (unsigned long)d->sriov_totalvfs),
                 d->n_virtfns, d->sriov_totalvfs);
        add_fmt(l, w, buf);
    }
    snprintf(buf, sizeof(buf), _("parent %s"),
             d->parent != MODEL_NONE ? h->devs[d->parent].addr_str : _("root bus"));
    add_fmt(l, w, buf);
    snprintf(buf, sizeof(buf), _("sysfs %s"), d->sysfs_path ? d->sysfs_path : _("unknown"));
    add_fmt(l, w, buf);
    if (d->root_disk)
        add_fmt(l, w, d->root_disk);
    if (d->mgmt_nic)
        add_fmt(l, w, d->mgmt_nic);
    for (i = 0; i < d->n_uses; i++) {
        const struct model_use *u = &d->uses[i];

        snprintf(buf, sizeof(buf), _("used by %s (%s)"), h->domains[u->domain].name,
                 _(model_dom_state_str(h->domains[u->domain].state)));
        add_fmt(l, w, buf);
    }
}

/* The findings of the selection, each whole with its remedy. */
static void
findings_lines(struct app *a, struct ui_lines *l, int w)
{
    size_t k;
    char hint[512], mark[16], group[16];

    if (ui_host(a)->partial_of) {
        ui_lines_wrap(l, ui_term_attr(&a->t, UI_C_DIM), w, 0, "",
                      ui_ops_rest_pending(a) ?
                      _("The rest of the host is being read: devices can be marked, and findings shown, once it is in.") :
                      _("Only part of the host could be read: nothing can be marked or judged until F5 reads it again."));
        return;
    }
    if (!a->rep || (model_sel_count(a->sel) + model_sel_count_mdevs(a->sel)) == 0) {
        /* TRANSLATORS: the keys that mark a device and a group ("Space", "g") */
        snprintf(hint, sizeof(hint), _("Mark devices with %s (or a whole group with %s) to see whether they can go to a guest."),
                 ui_action_key(UI_MARK, mark, sizeof(mark)), ui_action_key(UI_MARK_GROUP, group, sizeof(group)));
        ui_lines_wrap(l, ui_term_attr(&a->t, UI_C_DIM), w, 0, "", hint);
        return;
    }
    if (a->rep->n_errors == 0)
        ui_lines_wrap(l, ui_term_attr(&a->t, UI_C_OK) | A_BOLD, w, 3, "",
                      a->rep->n_warnings ? _("No errors: the selection can go to a guest (see the warnings).")
                                         : _("No errors: the selection can go to a guest."));
    for (k = 0; k < a->rep->n; k++) {
        const struct rules_finding *f = &a->rep->items[k];
        const char *g = f->sev == RULES_ERROR ? a->t.g.err : f->sev == RULES_WARNING ? a->t.g.warn : a->t.g.info;
        char pre[64];

        snprintf(pre, sizeof(pre), "%s %s: ", g, f->code);
        ui_lines_wrap(l, ui_term_attr(&a->t, f->sev == RULES_ERROR ? UI_C_ERROR :
                                             f->sev == RULES_WARNING ? UI_C_WARNING : UI_C_INFO),
                      w, 3, pre, f->message);
        if (f->remedy)
            ui_lines_wrap(l, A_NORMAL, w, 5, "  -> ", f->remedy);
    }
}

int
ui_panes_rows(const struct app *a)
{
    return a->zoom ? 0 : UI_BOTTOM;
}

/* A pane's title row: highlighted when it has the focus, with arrows
 * when lines are hidden above or below. */
static void
draw_title(struct app *a, int y, int x, int w, enum ui_pane p, const char *title,
           const struct ui_lines *l, int rows)
{
    char buf[300];
    bool up = a->pane_top[p] > 0, down = a->pane_top[p] + (size_t)rows < l->n;
    bool ascii = ui_ascii(a);

    snprintf(buf, sizeof(buf), " %s%s%s%s ", title, up || down ? " " : "",
             up ? (ascii ? "^" : "\u2191") : "", down ? (ascii ? "v" : "\u2193") : "");
    attrset(ui_term_attr(&a->t, UI_C_HEADER));
    ui_put(y, x, w, "");
    if (a->focus == p)
        attrset(ui_term_attr(&a->t, UI_C_CURSOR) | A_BOLD);
    ui_put_cut(a, y, x, ui_cells(buf) < w ? ui_cells(buf) : w, buf);
    attrset(A_NORMAL);
}

static void
findings_title(struct app *a, char *title, size_t sz)
{
    char errs[64], warns[64], notes[64];

    if (a->rep && (model_sel_count(a->sel) + model_sel_count_mdevs(a->sel))) {
        snprintf(errs, sizeof(errs), ngettext("%zu error", "%zu errors", a->rep->n_errors),
                 a->rep->n_errors);
        snprintf(warns, sizeof(warns), ngettext("%zu warning", "%zu warnings", a->rep->n_warnings),
                 a->rep->n_warnings);
        snprintf(notes, sizeof(notes), ngettext("%zu note", "%zu notes", a->rep->n_infos),
                 a->rep->n_infos);
        /* TRANSLATORS: the counts of errors, warnings and notes */
        snprintf(title, sz, _("Findings: %s, %s, %s"), errs, warns, notes);
    } else
        snprintf(title, sz, "%s", _("Findings"));
}

/* Pane @p's lines at (@y, @x), @w x @h with its title row. */
static void
draw_pane(struct app *a, enum ui_pane p, int y, int x, int w, int h)
{
    struct ui_lines l = { 0 };
    char title[256];

    if (p == P_DETAILS) {
        if (a->details_row != a->cur) {
            a->details_row = a->cur;
            a->pane_top[P_DETAILS] = 0;
        }
        details_lines(a, &l, w);
        snprintf(title, sizeof(title), "%s", _("Details"));
    } else {
        findings_lines(a, &l, w);
        findings_title(a, title, sizeof(title));
    }
    ui_lines_clamp(&l, h - 1, &a->pane_top[p]);
    draw_title(a, y, x, w, p, title, &l, h - 1);
    ui_lines_draw(a, &l, y + 1, x, w, h - 1, a->pane_top[p]);
    ui_lines_clear(&l);
}

static void
draw_bottom(struct app *a)
{
    int y = a->lines - 2 - UI_BOTTOM;
    int lw = a->cols * 2 / 5, i;

    if (a->zoom) {
        if (a->focus != P_TREE)
            draw_pane(a, a->focus, 2, 0, a->cols, a->lines - 4);
        return;
    }
    attrset(ui_term_attr(&a->t, UI_C_HEADER));
    ui_put(y, 0, a->cols, "");
    attrset(A_NORMAL);
    draw_pane(a, P_DETAILS, y, 0, lw - 1, UI_BOTTOM);
    for (i = 1; i < UI_BOTTOM; i++)
        ui_put(y + i, lw - 1, 1, a->t.g.vline);
    draw_pane(a, P_FINDINGS, y, lw + 1, a->cols - lw - 1, UI_BOTTOM);
}

/* The rows a page of pane @p moves. */
static int
pane_page(const struct app *a)
{
    int h = a->zoom ? a->lines - 5 : UI_BOTTOM - 1;

    return h > 1 ? h - 1 : 1;
}

int
ui_panes_key(struct app *a, int key)
{
    enum ui_action act = ui_keymap_lookup(&a->keys, UI_KM_TREE, key);
    size_t *top = a->focus != P_TREE ? &a->pane_top[a->focus] : NULL;

    switch (act) {
    case UI_FOCUS_NEXT:
        a->focus = (enum ui_pane)((a->focus + 1) % P_N);
        return RE_REDRAW;
    case UI_FOCUS_PREV:
        a->focus = (enum ui_pane)((a->focus + P_N - 1) % P_N);
        return RE_REDRAW;
    case UI_ZOOM:
        a->zoom = !a->zoom;
        return RE_REDRAW;
    case UI_UNZOOM:
        a->zoom = false;
        return RE_REDRAW;
    case UI_LOG:
        ui_log_open(a);
        return RE_REDRAW;
    case UI_MOVE_UP:
    case UI_MOVE_DOWN:
    case UI_PAGE_UP:
    case UI_PAGE_DOWN:
    case UI_FIRST:
    case UI_LAST:
        if (!top)
            return -1;
        ui_scroll(top, act == UI_MOVE_UP ? -1 : act == UI_MOVE_DOWN ? 1 :
                       act == UI_PAGE_UP ? -pane_page(a) : act == UI_PAGE_DOWN ? pane_page(a) :
                       act == UI_FIRST ? INT_MIN : INT_MAX);
        return RE_REDRAW;
    default:
        return -1;
    }
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
    /* a cut message ends in "…"; the log (M) has it whole */
    ui_put_cut(a, a->lines - 2, 0, a->cols, buf);
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
