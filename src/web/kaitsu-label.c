/* SPDX-License-Identifier: GPL-3.0-or-later */
/* kaitsu-label.c: GTK 4.8's gtk_label_set_label() throws the label's layout away and asks for
 * a new size even when the text is the one already shown; a wrapped label then shapes its text
 * afresh at every width it is measured for. Kaitsu refreshes its pages at each of the flow's
 * changes, most of which leave a label's text as it was. */

#include "config.h"

#define G_LOG_DOMAIN "kaitsu-label"

#include "kaitsu-label.h"

/* As gtk_label_set_label(), markup and mnemonics included, doing nothing when @text is what
 * the label has */
void
kaitsu_label_set_label (GtkLabel   *label,
                        const char *text)
{
  g_return_if_fail (GTK_IS_LABEL (label));

  if (g_strcmp0 (gtk_label_get_label (label), text != NULL ? text : "") == 0)
    return;
  gtk_label_set_label (label, text);
}
