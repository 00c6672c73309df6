/* SPDX-License-Identifier: GPL-3.0-or-later */
/* kaitsu-password-page.c: the password rule, checked live on a candidate that is never kept */

#include "config.h"

#define G_LOG_DOMAIN "kaitsu-password-page"

#include <glib/gi18n.h>

#include "kaitsu-activation.h"
#include "kaitsu-label.h"
#include "kaitsu-link-row.h"
#include "kaitsu-mail.h"
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
  GtkBox *link_box;
  KaitsuLinkRow *link_row;
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
    kaitsu_label_set_label (self->verdict_label, "");
  else if (problems == KAITSU_PASSWORD_OK)
    kaitsu_label_set_label (self->verdict_label, _("This password meets the rule."));
  else
    kaitsu_label_set_label (self->verdict_label,
                         _("This password does not meet the rule yet: see the red lines."));
}

static void
kaitsu_password_page_refresh (KaitsuPage *page)
{
  KaitsuPasswordPage *self = KAITSU_PASSWORD_PAGE (page);
  KaitsuFlow *flow = kaitsu_page_get_flow (page);
  gint64 expires = kaitsu_flow_get_reset_expires (flow);
  g_autoptr (GDateTime) now = g_date_time_new_now_local ();
  g_autoptr (GDateTime) until = expires > 0 ? g_date_time_new_from_unix_local (expires) : NULL;
  g_autofree char *when = until != NULL ? kaitsu_mail_format_time (until) : NULL;
  gboolean urgent = FALSE;
  g_autofree char *note = kaitsu_mail_dup_validity (until, now, &urgent);
  int days = kaitsu_mail_days_left (until, now);

  kaitsu_link_row_set_uri (self->link_row, kaitsu_flow_get_reset_url (flow));
  if (kaitsu_flow_get_reset_url (flow) == NULL)
    {
      g_autofree char *prepare = kaitsu_step_dup_title (KAITSU_STEP_PREPARE);

      g_clear_pointer (&note, g_free);
      /* Kept in the keyring only, and the keyring could not give it back */
      if (kaitsu_flow_get_links_place (flow) == KAITSU_LINKS_LOST &&
          !kaitsu_flow_get_step_done (flow, KAITSU_STEP_PASSWORD))
        note = g_strdup_printf (_("Kaitsu keeps the password link in your keyring, never in its own files, and could not read it back: the keyring is locked or not available. Read the activation mail again at the step “%s” to continue."),
                                prepare);
      /* No mail read yet: where it is, and where to give it */
      else if (!kaitsu_flow_get_step_done (flow, KAITSU_STEP_PASSWORD))
        /* Translators: the mail's subject, its sender, then a step's title */
        note = g_strdup_printf (_("This step needs the activation mail, which Kaitsu has not read yet. Find the mail 「%1$s」 from %2$s in your inbox, then give it to Kaitsu at the step “%3$s” (press 「Back」): its link then opens here."),
                                KAITSU_MAIL_SUBJECT, KAITSU_MAIL_SENDER, prepare);
      kaitsu_link_row_set_note (self->link_row, note, note != NULL);
      return;
    }
  if (days == 0)
    {
      g_autofree char *expired = g_strdup_printf (_("The password link expired on %s. On the login page, use {forgot-password} to get a new one, or ask the support desk."),
                                                  when);
      note = kaitsu_label_fill (expired, KAITSU_SERVICE_NONE);
    }
  /* Expired, or its last hours: said as a warning */
  kaitsu_link_row_set_note (self->link_row, note, days == 0 || urgent);
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

  KAITSU_PAGE_CLASS (klass)->refresh = kaitsu_password_page_refresh;
  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_PREFIX "/kaitsu-password-page.ui");
  gtk_widget_class_bind_template_child (widget_class, KaitsuPasswordPage, link_box);
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
  self->link_row = KAITSU_LINK_ROW (kaitsu_link_row_new (_("Password link from the activation mail")));
  gtk_box_append (self->link_box, GTK_WIDGET (self->link_row));
  g_signal_connect_swapped (self->candidate_entry, "changed",
                            G_CALLBACK (on_candidate_changed), self);
  g_signal_connect_swapped (self, "unmap", G_CALLBACK (on_unmap), self);
}
