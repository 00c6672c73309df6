/* SPDX-License-Identifier: GPL-3.0-or-later */
/* kaitsu-a11y.c: GTK 4.8 gives buttons and checks their label as accessible name with the
 * mnemonic underscore left in ("_Next"), and a button adds its child label's text on top
 * ("_Next Next"): what Orca reads out. Later GTK computes names itself; there this does
 * nothing. */

#include "config.h"

#define G_LOG_DOMAIN "kaitsu-a11y"

#include <string.h>

#include "kaitsu-a11y.h"

static gboolean
needs_fixing (void)
{
  return gtk_get_major_version () == 4 && gtk_get_minor_version () < 10;
}

/* "_Next" → "Next", "A__B" → "A_B" */
static char *
strip_mnemonic (const char *text)
{
  GString *out = g_string_new (NULL);

  for (const char *p = text; *p != '\0'; p++)
    {
      if (*p == '_')
        {
          if (p[1] == '_')
            g_string_append_c (out, '_');
          if (p[1] != '\0')
            p++;
          else
            break;
        }
      g_string_append_c (out, *p);
    }
  return g_string_free (out, FALSE);
}

static void
fix_name (GtkWidget *widget)
{
  if (GTK_IS_CHECK_BUTTON (widget))
    {
      const char *label = gtk_check_button_get_label (GTK_CHECK_BUTTON (widget));

      if (label != NULL && gtk_check_button_get_use_underline (GTK_CHECK_BUTTON (widget)))
        {
          g_autofree char *plain = strip_mnemonic (label);

          gtk_accessible_update_property (GTK_ACCESSIBLE (widget), GTK_ACCESSIBLE_PROPERTY_LABEL, plain, -1);
        }
    }
  else if (GTK_IS_BUTTON (widget) && !GTK_IS_LINK_BUTTON (widget) &&
           gtk_button_get_label (GTK_BUTTON (widget)) != NULL)
    /* The child label names the button already, without the underscore (a link button's
     * label is no relation: it keeps its own name) */
    gtk_accessible_reset_property (GTK_ACCESSIBLE (widget), GTK_ACCESSIBLE_PROPERTY_LABEL);
}

/* Now, and whenever a label changes; widgets added later need another call. */
void
kaitsu_a11y_fix_names (GtkWidget *root)
{
  if (!needs_fixing () || root == NULL)
    return;
  if ((GTK_IS_BUTTON (root) || GTK_IS_CHECK_BUTTON (root)) &&
      g_object_get_data (G_OBJECT (root), "kaitsu-a11y-fixed") == NULL)
    {
      g_object_set_data (G_OBJECT (root), "kaitsu-a11y-fixed", GINT_TO_POINTER (TRUE));
      g_signal_connect (root, "notify::label", G_CALLBACK (fix_name), NULL);
    }
  if (GTK_IS_BUTTON (root) || GTK_IS_CHECK_BUTTON (root))
    fix_name (root);
  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    kaitsu_a11y_fix_names (child);
}
