/* SPDX-License-Identifier: GPL-3.0-or-later */
/* kaitsu-password-page.c: the password rule, checked live on a candidate that is never kept */

#include "config.h"

#define G_LOG_DOMAIN "kaitsu-password-page"

#include <glib/gi18n.h>

#include "kaitsu-password-page.h"
#include "kaitsu-password-rule.h"

struct _KaitsuPasswordPage
{
  KaitsuPage parent_instance;

  GtkEditable *candidate_entry;
  GtkLabel *length_rule;
  GtkLabel *digit_rule;
  GtkLabel *upper_rule;
  GtkLabel *lower_rule;
  GtkLabel *other_rule;
  GtkLabel *verdict_label;
};

G_DEFINE_FINAL_TYPE (KaitsuPasswordPage, kaitsu_password_page, KAITSU_TYPE_PAGE)

static void
show_rule (GtkLabel *rule,
           gboolean  empty,
           gboolean  met)
{
  gtk_widget_remove_css_class (GTK_WIDGET (rule), "success");
  gtk_widget_remove_css_class (GTK_WIDGET (rule), "error");
  if (!empty)
    gtk_widget_add_css_class (GTK_WIDGET (rule), met ? "success" : "error");
}

static void
on_candidate_changed (KaitsuPasswordPage *self)
{
  const char *text = gtk_editable_get_text (self->candidate_entry);
  gboolean empty = text == NULL || *text == '\0';
  KaitsuPasswordProblems problems = kaitsu_password_check (text);

  show_rule (self->length_rule, empty,
             !(problems & (KAITSU_PASSWORD_TOO_SHORT | KAITSU_PASSWORD_TOO_LONG)));
  show_rule (self->digit_rule, empty, !(problems & KAITSU_PASSWORD_NO_DIGIT));
  show_rule (self->upper_rule, empty, !(problems & KAITSU_PASSWORD_NO_UPPER));
  show_rule (self->lower_rule, empty, !(problems & KAITSU_PASSWORD_NO_LOWER));
  show_rule (self->other_rule, empty, !(problems & KAITSU_PASSWORD_OTHER_CHARS));

  if (empty)
    gtk_label_set_label (self->verdict_label, "");
  else if (problems == KAITSU_PASSWORD_OK)
    gtk_label_set_label (self->verdict_label, _("This password meets the rule."));
  else
    gtk_label_set_label (self->verdict_label,
                         _("This password does not meet the rule yet: see the red lines."));
}

/* The candidate is cleared as soon as the page is left: nothing lingers in memory. */
static void
on_unmap (KaitsuPasswordPage *self)
{
  gtk_editable_set_text (self->candidate_entry, "");
}

static void
kaitsu_password_page_class_init (KaitsuPasswordPageClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_PREFIX "/kaitsu-password-page.ui");
  gtk_widget_class_bind_template_child (widget_class, KaitsuPasswordPage, candidate_entry);
  gtk_widget_class_bind_template_child (widget_class, KaitsuPasswordPage, length_rule);
  gtk_widget_class_bind_template_child (widget_class, KaitsuPasswordPage, digit_rule);
  gtk_widget_class_bind_template_child (widget_class, KaitsuPasswordPage, upper_rule);
  gtk_widget_class_bind_template_child (widget_class, KaitsuPasswordPage, lower_rule);
  gtk_widget_class_bind_template_child (widget_class, KaitsuPasswordPage, other_rule);
  gtk_widget_class_bind_template_child (widget_class, KaitsuPasswordPage, verdict_label);
}

static void
kaitsu_password_page_init (KaitsuPasswordPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  g_signal_connect_swapped (self->candidate_entry, "changed",
                            G_CALLBACK (on_candidate_changed), self);
  g_signal_connect_swapped (self, "unmap", G_CALLBACK (on_unmap), self);
}
