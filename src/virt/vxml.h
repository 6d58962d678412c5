/* vxml.h - what the XML modules of this layer share: a quiet, safe
 * parse of a document held in memory, and small libxml2 tree helpers. */
#ifndef VFIOTUI_VXML_H
#define VFIOTUI_VXML_H

#include <libxml/tree.h>
#include <stdbool.h>
#include <stddef.h>

/* Parses @text without fetching anything (NONET) and without
 * substituting entities, and without a word on stderr (libxml2's
 * default, which would corrupt the full-screen interface).  Returns the
 * document (xmlFreeDoc), or NULL with *err (when @err is not NULL)
 * naming the line and libxml2's reason. */
xmlDocPtr vxml_read(const char *text, char **err);

/* True when @n is an element named @name; false for NULL. */
bool vxml_is(xmlNodePtr n, const char *name);

/* The first child element of @n named @name, or NULL (also for a NULL
 * @n). */
xmlNodePtr vxml_child(xmlNodePtr n, const char *name);

/* True when @n has the attribute @prop with the value @val. */
bool vxml_prop_is(xmlNodePtr n, const char *prop, const char *val);

/* @n serialised on its own, indented two spaces a level when @format.
 * Caller frees; NULL on allocation failure. */
char *vxml_dump(xmlNodePtr n, bool format);

/* How two trees are compared: children of @old_parent (in the first
 * tree) and of its counterpart may differ by the nodes listed, and
 * blank text may be ignored. */
struct vxml_cmp {
    xmlNodePtr old_parent;      /* the element whose children changed */
    xmlNodePtr *skip_old;       /* removed there */
    size_t n_skip_old;
    xmlNodePtr *skip_new;       /* added there */
    size_t n_skip_new;
    bool blanks;                /* ignore blank text at every level */
};

/* True for a text node of white space only. */
bool vxml_is_blank(xmlNodePtr n);

/* Whether @a and @b are the same node: type, name, namespaces,
 * attributes (in order) and content, and their children as
 * vxml_same_children() compares them. */
bool vxml_same_node(xmlNodePtr a, xmlNodePtr b, const struct vxml_cmp *c);

/* Whether the children of @a and @b are the same, one by one, apart
 * from what @c leaves out. */
bool vxml_same_children(xmlNodePtr a, xmlNodePtr b, const struct vxml_cmp *c);

#endif /* VFIOTUI_VXML_H */
