/* vxml.h - what the XML modules of this layer share: a quiet, safe
 * parse of a document held in memory, and small libxml2 tree helpers. */
#ifndef VFIOTUI_VXML_H
#define VFIOTUI_VXML_H

#include <libxml/tree.h>
#include <stdbool.h>

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

#endif /* VFIOTUI_VXML_H */
