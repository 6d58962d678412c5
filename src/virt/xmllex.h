/* xmllex.h - where each element of an XML text is, in bytes: the scan
 * that lets an edit keep every byte it does not change. */
#ifndef VFIOTUI_XMLLEX_H
#define VFIOTUI_XMLLEX_H

#include <stdbool.h>
#include <stddef.h>

/* One element as the lexical scan finds it: byte offsets into the text. */
struct xmllex_elem {
    size_t name, name_len;      /* the qualified name */
    size_t start, start_end;    /* the start tag: '<' .. just past '>' */
    size_t end, end_end;        /* the end tag; both start_end for <x/> */
    bool empty;                 /* <x/> */
};

/* The elements in document order; free v when done. */
struct xmllex {
    struct xmllex_elem *v;
    size_t n, cap;
};

/* Finds every element's byte range of @t (@len bytes), in document
 * order, into @lx (zeroed by the caller).  The text must already have
 * been parsed by libxml2: anything unexpected means the scan and the
 * parser disagree, and is refused.  Returns 0, or -1 with *err. */
int xmllex_scan(const char *t, size_t len, struct xmllex *lx, char **err);

/* XML's white space: space, tab, CR, LF. */
bool xmllex_is_space(char c);

#endif /* VFIOTUI_XMLLEX_H */
