/* SPDX-License-Identifier: GPL-3.0-or-later */
/* kaitsu-service-status.c: one line per service, the same in the side pane and on the check page */

#include "config.h"

#define G_LOG_DOMAIN "kaitsu-service-status"

#include <glib/gi18n.h>

#include "kaitsu-row.h"
#include "kaitsu-service-status.h"

const char *
kaitsu_service_state_get_label (KaitsuServiceState state)
{
  switch (state)
    {
    case KAITSU_SERVICE_STATE_NOT_STARTED:
      return _("Not started");
    case KAITSU_SERVICE_STATE_CONNECTING:
      return _("Connecting");
    case KAITSU_SERVICE_STATE_SYNCING:
      return _("Syncing (保留)");
    case KAITSU_SERVICE_STATE_PROTECTED:
      /* The console says 「保護されています」: access is granted, which does not yet scan */
      return _("Access granted");
    case KAITSU_SERVICE_STATE_ERROR:
    default:
      return _("Error");
    }
}

const char *
kaitsu_service_state_get_icon_name (KaitsuServiceState state)
{
  switch (state)
    {
    case KAITSU_SERVICE_STATE_NOT_STARTED:
      /* An empty circle: three dots read as a menu */
      return "kaitsu-not-started-symbolic";
    case KAITSU_SERVICE_STATE_CONNECTING:
      return "network-transmit-receive-symbolic";
    case KAITSU_SERVICE_STATE_SYNCING:
      return "emblem-synchronizing-symbolic";
    case KAITSU_SERVICE_STATE_PROTECTED:
      return "security-high-symbolic";
    case KAITSU_SERVICE_STATE_ERROR:
    default:
      return "dialog-error-symbolic";
    }
}

const char *
kaitsu_policy_state_get_label (KaitsuPolicyState state)
{
  switch (state)
    {
    case KAITSU_POLICY_OFF:
      return _("Not scanning: its policy is off");
    case KAITSU_POLICY_MONITOR_ONLY:
      return _("Monitor only: nothing is stopped");
    case KAITSU_POLICY_ON:
      return _("Scanning");
    case KAITSU_POLICY_UNKNOWN:
    default:
      return _("Scanning not checked yet");
    }
}

/* Two facts, the console's grant and the policy's scanning, on two lines: one icon for both */
GtkWidget *
kaitsu_service_status_row_new (KaitsuFlow    *flow,
                               KaitsuService  service)
{
  KaitsuServiceState state = kaitsu_flow_get_service_state (flow, service);
  KaitsuPolicyState policy = kaitsu_flow_get_service_policy (flow, service);
  gboolean granted = state == KAITSU_SERVICE_STATE_PROTECTED;
  /* What the user confirmed by hand is shown as such */
  const char *state_label = kaitsu_flow_get_service_by_hand (flow, service) ? _("Access granted (confirmed by you)")
                                                                            : kaitsu_service_state_get_label (state);
  const char *policy_label = kaitsu_policy_state_get_label (policy);
  const char *icon_name = !granted ? kaitsu_service_state_get_icon_name (state)
                          : policy == KAITSU_POLICY_ON ? "security-high-symbolic" : "security-medium-symbolic";
  g_autofree char *facts = granted || policy != KAITSU_POLICY_UNKNOWN
                           /* Translators: a service's two facts: its access, then its scanning */
                           ? g_strdup_printf (_("%1$s · %2$s"), state_label, policy_label)
                           : g_strdup (state_label);
  g_autofree char *accessible = g_strdup_printf ("%s: %s", kaitsu_service_get_name (service), facts);
  GtkWidget *row = kaitsu_row_new (8);
  GtkWidget *text = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  GtkWidget *icon = gtk_image_new_from_icon_name (icon_name);
  GtkWidget *name = gtk_label_new (kaitsu_service_get_name (service));
  GtkWidget *value = gtk_label_new (facts);

  gtk_widget_add_css_class (row, "service-status");
  gtk_widget_add_css_class (row, kaitsu_service_state_to_string (state));
  if (granted)
    gtk_widget_add_css_class (row, policy == KAITSU_POLICY_ON ? "scanning" : "not-scanning");
  gtk_widget_set_valign (icon, GTK_ALIGN_START);
  gtk_accessible_update_property (GTK_ACCESSIBLE (icon),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, facts, -1);
  gtk_label_set_xalign (GTK_LABEL (name), 0);
  gtk_widget_set_hexpand (text, TRUE);
  gtk_label_set_xalign (GTK_LABEL (value), 0);
  gtk_label_set_wrap (GTK_LABEL (value), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (value), PANGO_WRAP_WORD_CHAR);
  gtk_widget_add_css_class (value, "dim-label");
  gtk_widget_add_css_class (value, "caption");
  gtk_box_append (GTK_BOX (text), name);
  gtk_box_append (GTK_BOX (text), value);
  kaitsu_row_append (KAITSU_ROW (row), icon);
  kaitsu_row_append (KAITSU_ROW (row), text);
  gtk_accessible_update_property (GTK_ACCESSIBLE (row),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, accessible, -1);
  return row;
}
