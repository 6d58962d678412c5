/* output.c - printing findings for the plain commands */
#include <config.h>

#include "output.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "esc.h"
#include "i18n.h"

const char *
output_sev_label(enum rules_sev s)
{
    switch (s) {
    case RULES_ERROR:
        return _("error");
    case RULES_WARNING:
        return _("warning");
    case RULES_INFO:
    default:
        return _("note");
    }
}

/* The closing count line: "1 error, 2 warnings, 0 notes". */
static void
output_counts(const struct rules_report *r, FILE *f)
{
    char e[64], w[64], n[64];

    /* each count agrees with its own noun; the line joins the three */
    snprintf(e, sizeof(e), ngettext("%zu error", "%zu errors", r->n_errors), r->n_errors);
    snprintf(w, sizeof(w), ngettext("%zu warning", "%zu warnings", r->n_warnings), r->n_warnings);
    snprintf(n, sizeof(n), ngettext("%zu note", "%zu notes", r->n_infos), r->n_infos);
    /* TRANSLATORS: the counts of errors, warnings and notes */
    fprintf(f, _("%s, %s, %s\n"), e, w, n);
}

void
output_findings_text(const struct rules_report *r, bool quiet, FILE *f)
{
    size_t i;

    for (i = 0; i < r->n; i++) {
        const struct rules_finding *x = &r->items[i];
        struct esc_pool ep = ESC_POOL_INIT;

        if (quiet && x->sev != RULES_ERROR)
            continue;

        /* messages quote device, driver, domain names and paths */
        fprintf(f, "%s[%s]: %s\n", output_sev_label(x->sev), x->code,
                esc_pool_text(&ep, x->message));
        if (x->remedy)
            fprintf(f, _("  remedy: %s\n"), esc_pool_text(&ep, x->remedy));
        esc_pool_clear(&ep);
    }
    output_counts(r, f);
}

void
output_widened(const struct model_host *h, const size_t *widened, size_t n, FILE *f)
{
    size_t i;

    if (n == 0) {
        fprintf(f, _("--whole-groups: the selection already covers its groups\n"));
        return;
    }
    fprintf(f, _("--whole-groups added:"));
    for (i = 0; i < n; i++)
        fprintf(f, " %s", h->devs[widened[i]].addr_str);
    fputc('\n', f);
}

/* ---- streamed JSON ------------------------------------------------------ */

static void
put_indent(struct output_stream *s, int level)
{
    fprintf(s->f, "%*s", 2 * level, "");
}

/* The separator and indentation json-c's pretty printer puts before a
 * member or element, then its key. */
static void
item_start(struct output_stream *s, const char *key)
{
    if (s->depth > 0) {
        if (!s->first[s->depth - 1])
            fputs(",\n", s->f);
        s->first[s->depth - 1] = false;
    }
    put_indent(s, s->depth);
    if (key)
        fprintf(s->f, "\"%s\": ", key);
}

void
output_stream_begin(struct output_stream *s, FILE *f)
{
    memset(s, 0, sizeof(*s));
    s->f = f;
    fputs("{\n", f);
    s->close[0] = '}';
    s->first[0] = true;
    s->depth = 1;
}

void
output_stream_add(struct output_stream *s, const char *key, json_object *v)
{
    const char *text = v ? json_object_to_json_string_ext(v, JSON_C_TO_STRING_PRETTY |
                                                          JSON_C_TO_STRING_SPACED |
                                                          JSON_C_TO_STRING_NOSLASHESCAPE) : "null";
    /* json-c copies bytes >= 0x80 as they are; a host's invalid UTF-8
     * would make the whole document invalid JSON.  Such bytes can only
     * sit inside strings, so repairing the text keeps its structure. */
    char *fixed = text ? esc_utf8(text) : NULL;
    const char *p, *nl;

    item_start(s, key);
    if (!fixed) {
        s->failed = true;
        fputs("null", s->f);
    } else {
        /* the value was printed as a document of its own: indent its
         * inner lines to where it sits */
        for (p = fixed; (nl = strchr(p, '\n')); p = nl + 1) {
            fwrite(p, 1, (size_t)(nl - p + 1), s->f);
            put_indent(s, s->depth);
        }
        fputs(p, s->f);
    }
    free(fixed);
    json_object_put(v);
}

void
output_stream_open(struct output_stream *s, const char *key, char kind)
{
    item_start(s, key);
    if (s->depth >= OUTPUT_STREAM_DEPTH) {
        s->failed = true;       /* a programming error: the text is cut */
        return;
    }
    fprintf(s->f, "%c\n", kind);
    s->close[s->depth] = kind == '[' ? ']' : '}';
    s->first[s->depth] = true;
    s->depth++;
}

void
output_stream_close(struct output_stream *s)
{
    if (s->depth <= 0)
        return;
    s->depth--;
    if (!s->first[s->depth])
        fputc('\n', s->f);
    put_indent(s, s->depth);
    fputc(s->close[s->depth], s->f);
}

int
output_stream_end(struct output_stream *s)
{
    while (s->depth > 0)
        output_stream_close(s);
    fputc('\n', s->f);
    if (s->failed) {
        errno = ENOMEM;
        return -1;
    }
    errno = EIO;                /* if only the error flag says so */
    if (fflush(s->f) != 0 || ferror(s->f))
        return -1;
    return 0;
}

void
output_findings_stream(struct output_stream *s, const struct rules_report *r)
{
    size_t i, k;

    output_stream_open(s, "findings", '[');
    for (i = 0; i < r->n; i++) {
        const struct rules_finding *x = &r->items[i];
        json_object *o = json_object_new_object();
        json_object *a = json_object_new_array();

        json_object_object_add(o, "code", json_object_new_string(x->code));
        json_object_object_add(o, "severity", json_object_new_string(rules_sev_str(x->sev)));
        for (k = 0; k < x->n_addrs; k++)
            json_object_array_add(a, json_object_new_string(x->addrs[k]));
        json_object_object_add(o, "addresses", a);
        json_object_object_add(o, "group", x->group == MODEL_NONE ? NULL : json_object_new_int(x->group));
        json_object_object_add(o, "message", json_object_new_string(x->message));
        json_object_object_add(o, "remedy", x->remedy ? json_object_new_string(x->remedy) : NULL);
        output_stream_add(s, NULL, o);
    }
    output_stream_close(s);
    output_stream_add(s, "errors", json_object_new_int((int)r->n_errors));
    output_stream_add(s, "warnings", json_object_new_int((int)r->n_warnings));
    output_stream_add(s, "notes", json_object_new_int((int)r->n_infos));
}
