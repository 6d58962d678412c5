/* i18n.h - gettext shorthands */
#ifndef VFIOTUI_I18N_H
#define VFIOTUI_I18N_H

#include <libintl.h>

#define _(s) gettext(s)
#define N_(s) (s)

#endif /* VFIOTUI_I18N_H */
