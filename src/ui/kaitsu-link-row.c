/* SPDX-License-Identifier: GPL-3.0-or-later */
/* kaitsu-link-row.c: shows a checked link with Copy and Open; hidden while there is none */

#include "config.h"

#define G_LOG_DOMAIN "kaitsu-link-row"

#include <glib/gi18n.h>

#include "kaitsu-label.h"
#include "kaitsu-link-check.h"
#include "kaitsu-link-row.h"
#include "kaitsu-private-label.h"
#include "kaitsu-row.h"

struct _KaitsuLinkRow
{
  GtkBox parent_instance;

  char *uri;
  GtkLabel *title;
  KaitsuPrivateLabel *value;
  GtkLabel *note;
  GtkWidget *line;
  GtkWidget *copy;
  GtkWidget *open;
};

G_DEFINE_FINAL_TYPE (KaitsuLinkRow, kaitsu_link_row, GTK_TYPE_BOX)

static void
on_copy (KaitsuLinkRow *self)
{
  gdk_clipboard_set_text (gtk_widget_get_clipboard (GTK_WIDGET (self)), self->uri);
  gtk_widget_set_tooltip_text (self->copy, _("Copied"));
}

static void
on_open (KaitsuLinkRow *self)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));

  /* Only links that passed the check get this far; the button is off otherwise. */
  gtk_show_uri (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL, self->uri, GDK_CURRENT_TIME);
}

static void
kaitsu_link_row_finalize (GObject *object)
{
  g_free (KAITSU_LINK_ROW (object)->uri);
  G_OBJECT_CLASS (kaitsu_link_row_parent_class)->finalize (object);
}

static void
kaitsu_link_row_class_init (KaitsuLinkRowClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = kaitsu_link_row_finalize;
}

static void
kaitsu_link_row_init (KaitsuLinkRow *self)
{
  GtkWidget *line = kaitsu_row_new (6);
  GtkLabel *label;

  gtk_orientable_set_orientation (GTK_ORIENTABLE (self), GTK_ORIENTATION_VERTICAL);
  gtk_box_set_spacing (GTK_BOX (self), 2);
  gtk_widget_add_css_class (GTK_WIDGET (self), "link-row");

  self->title = GTK_LABEL (gtk_label_new (NULL));
  gtk_label_set_xalign (self->title, 0);
  gtk_widget_add_css_class (GTK_WIDGET (self->title), "heading");
  gtk_box_append (GTK_BOX (self), GTK_WIDGET (self->title));

  /* On a shared screen the link's token is masked; Copy and Open still use the whole link. */
  self->value = KAITSU_PRIVATE_LABEL (kaitsu_private_label_new (KAITSU_MASK_LINK, NULL));
  label = kaitsu_private_label_get_label (self->value);
  gtk_label_set_wrap (label, FALSE);
  gtk_label_set_ellipsize (label, PANGO_ELLIPSIZE_MIDDLE);
  gtk_widget_set_hexpand (GTK_WIDGET (self->value), TRUE);
  gtk_widget_set_valign (GTK_WIDGET (self->value), GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (GTK_WIDGET (label), "monospace");
  kaitsu_row_append (KAITSU_ROW (line), GTK_WIDGET (self->value));

  self->copy = gtk_button_new_from_icon_name ("edit-copy-symbolic");
  gtk_widget_set_tooltip_text (self->copy, _("Copy the link"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->copy), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Copy the link"), -1);
  g_signal_connect_swapped (self->copy, "clicked", G_CALLBACK (on_copy), self);
  kaitsu_row_append (KAITSU_ROW (line), self->copy);

  self->open = gtk_button_new_with_mnemonic (_("_Open in Browser"));
  g_signal_connect_swapped (self->open, "clicked", G_CALLBACK (on_open), self);
  kaitsu_row_append (KAITSU_ROW (line), self->open);
  gtk_box_append (GTK_BOX (self), line);
  self->line = line;

  self->note = GTK_LABEL (gtk_label_new (NULL));
  gtk_label_set_xalign (self->note, 0);
  gtk_label_set_wrap (self->note, TRUE);
  gtk_widget_add_css_class (GTK_WIDGET (self->note), "caption");
  gtk_widget_set_visible (GTK_WIDGET (self->note), FALSE);
  gtk_box_append (GTK_BOX (self), GTK_WIDGET (self->note));

  gtk_widget_set_visible (GTK_WIDGET (self), FALSE);
}

GtkWidget *
kaitsu_link_row_new (const char *title)
{
  KaitsuLinkRow *self = g_object_new (KAITSU_TYPE_LINK_ROW, NULL);

  kaitsu_label_set_label (self->title, title);
  gtk_accessible_update_property (GTK_ACCESSIBLE (kaitsu_private_label_get_label (self->value)),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, title, -1);
  return GTK_WIDGET (self);
}

/* A row without a link shows only when its note says why there is none */
static void
update_visibility (KaitsuLinkRow *self)
{
  gtk_widget_set_visible (self->line, self->uri != NULL);
  gtk_widget_set_visible (GTK_WIDGET (self), self->uri != NULL ||
                                             gtk_widget_get_visible (GTK_WIDGET (self->note)));
}

void
kaitsu_link_row_set_uri (KaitsuLinkRow *self,
                         const char    *uri)
{
  g_return_if_fail (KAITSU_IS_LINK_ROW (self));

  g_free (self->uri);
  self->uri = g_strdup (uri);
  kaitsu_private_label_set_text (self->value, uri);
  gtk_widget_set_sensitive (self->open, uri != NULL && kaitsu_link_check (uri, NULL) == KAITSU_LINK_OK);
  update_visibility (self);
}

const char *
kaitsu_link_row_get_uri (KaitsuLinkRow *self)
{
  g_return_val_if_fail (KAITSU_IS_LINK_ROW (self), NULL);
  return self->uri;
}

void
kaitsu_link_row_set_note (KaitsuLinkRow *self,
                          const char    *note,
                          gboolean       is_error)
{
  g_return_if_fail (KAITSU_IS_LINK_ROW (self));

  kaitsu_label_set_label (self->note, note != NULL ? note : "");
  gtk_widget_set_visible (GTK_WIDGET (self->note), note != NULL);
  if (is_error)
    gtk_widget_add_css_class (GTK_WIDGET (self->note), "error");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self->note), "error");
  update_visibility (self);
}
