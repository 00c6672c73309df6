/* SPDX-License-Identifier: GPL-3.0-or-later */
/* kaitsu-private-label.c: shows a value whole, or masked on a shared screen; a value the
 * user needs on this very page stays whole, with a small note saying why */

#include "config.h"

#define G_LOG_DOMAIN "kaitsu-private-label"

#include <glib/gi18n.h>

#include "kaitsu-label.h"
#include "kaitsu-private-label.h"

struct _KaitsuPrivateLabel
{
  GtkBox parent_instance;

  GSettings *settings;
  KaitsuMaskKind kind;
  char *prefix;
  char *text;
  gboolean needed;
  GtkLabel *value;
  GtkLabel *note;
};

G_DEFINE_FINAL_TYPE (KaitsuPrivateLabel, kaitsu_private_label, GTK_TYPE_BOX)

static void
update (KaitsuPrivateLabel *self)
{
  gboolean sharing = g_settings_get_boolean (self->settings, "screen-share-mode");
  g_autofree char *masked = sharing && !self->needed ? kaitsu_mask (self->kind, self->text) : NULL;
  g_autofree char *shown = NULL;

  shown = g_strconcat (self->prefix != NULL ? self->prefix : "",
                       masked != NULL ? masked : self->text != NULL ? self->text : "", NULL);
  kaitsu_label_set_label (self->value, shown);
  /* Selecting and copying a masked value would copy the dots */
  gtk_label_set_selectable (self->value, masked == NULL);
  gtk_widget_set_visible (GTK_WIDGET (self->note), sharing && self->needed && self->text != NULL);
}

static void
kaitsu_private_label_dispose (GObject *object)
{
  g_clear_object (&KAITSU_PRIVATE_LABEL (object)->settings);
  G_OBJECT_CLASS (kaitsu_private_label_parent_class)->dispose (object);
}

static void
kaitsu_private_label_finalize (GObject *object)
{
  KaitsuPrivateLabel *self = KAITSU_PRIVATE_LABEL (object);

  g_free (self->prefix);
  g_free (self->text);
  G_OBJECT_CLASS (kaitsu_private_label_parent_class)->finalize (object);
}

static void
kaitsu_private_label_class_init (KaitsuPrivateLabelClass *klass)
{
  G_OBJECT_CLASS (klass)->dispose = kaitsu_private_label_dispose;
  G_OBJECT_CLASS (klass)->finalize = kaitsu_private_label_finalize;
}

static void
kaitsu_private_label_init (KaitsuPrivateLabel *self)
{
  gtk_orientable_set_orientation (GTK_ORIENTABLE (self), GTK_ORIENTATION_VERTICAL);
  self->value = GTK_LABEL (gtk_label_new (NULL));
  gtk_label_set_xalign (self->value, 0);
  gtk_label_set_wrap (self->value, TRUE);
  gtk_label_set_wrap_mode (self->value, PANGO_WRAP_WORD_CHAR);
  gtk_box_append (GTK_BOX (self), GTK_WIDGET (self->value));
  self->note = GTK_LABEL (gtk_label_new (_("Shown while needed: screen-share mode masks it elsewhere.")));
  gtk_label_set_xalign (self->note, 0);
  gtk_label_set_wrap (self->note, TRUE);
  gtk_widget_add_css_class (GTK_WIDGET (self->note), "needed-note");
  gtk_widget_add_css_class (GTK_WIDGET (self->note), "dim-label");
  gtk_box_append (GTK_BOX (self), GTK_WIDGET (self->note));
  self->settings = g_settings_new (APP_ID);
  g_signal_connect_object (self->settings, "changed::screen-share-mode", G_CALLBACK (update), self,
                           G_CONNECT_SWAPPED);
}

GtkWidget *
kaitsu_private_label_new (KaitsuMaskKind  kind,
                          const char     *prefix)
{
  KaitsuPrivateLabel *self = g_object_new (KAITSU_TYPE_PRIVATE_LABEL, NULL);

  self->kind = kind;
  self->prefix = g_strdup (prefix);
  update (self);
  return GTK_WIDGET (self);
}

void
kaitsu_private_label_set_text (KaitsuPrivateLabel *self,
                               const char         *text)
{
  g_return_if_fail (KAITSU_IS_PRIVATE_LABEL (self));

  g_free (self->text);
  self->text = g_strdup (text);
  update (self);
}

/* The whole value, whatever is shown */
const char *
kaitsu_private_label_get_text (KaitsuPrivateLabel *self)
{
  g_return_val_if_fail (KAITSU_IS_PRIVATE_LABEL (self), NULL);
  return self->text;
}

void
kaitsu_private_label_set_needed (KaitsuPrivateLabel *self,
                                 gboolean            needed)
{
  g_return_if_fail (KAITSU_IS_PRIVATE_LABEL (self));

  self->needed = !!needed;
  update (self);
}

GtkLabel *
kaitsu_private_label_get_label (KaitsuPrivateLabel *self)
{
  g_return_val_if_fail (KAITSU_IS_PRIVATE_LABEL (self), NULL);
  return self->value;
}
