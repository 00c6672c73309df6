/* SPDX-License-Identifier: GPL-3.0-or-later */
/* kaitsu-service-status.c: one line per service, the same in the side pane and on the check page */

#include "config.h"

#define G_LOG_DOMAIN "kaitsu-service-status"

#include <glib/gi18n.h>

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
      return _("Protected");
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
      return "content-loading-symbolic";
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

GtkWidget *
kaitsu_service_status_row_new (KaitsuFlow    *flow,
                               KaitsuService  service)
{
  KaitsuServiceState state = kaitsu_flow_get_service_state (flow, service);
  /* What the user confirmed by hand is shown as such */
  const char *state_label = kaitsu_flow_get_service_by_hand (flow, service) ? _("Protected (confirmed by you)")
                                                                            : kaitsu_service_state_get_label (state);
  g_autofree char *accessible = g_strdup_printf ("%s: %s", kaitsu_service_get_name (service),
                                                 state_label);
  GtkWidget *row = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 8);
  GtkWidget *icon = gtk_image_new_from_icon_name (kaitsu_service_state_get_icon_name (state));
  GtkWidget *name = gtk_label_new (kaitsu_service_get_name (service));
  GtkWidget *value = gtk_label_new (state_label);

  gtk_widget_add_css_class (row, "service-status");
  gtk_widget_add_css_class (row, kaitsu_service_state_to_string (state));
  gtk_accessible_update_property (GTK_ACCESSIBLE (icon),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, state_label, -1);
  gtk_label_set_xalign (GTK_LABEL (name), 0);
  gtk_widget_set_hexpand (name, TRUE);
  gtk_label_set_xalign (GTK_LABEL (value), 1);
  gtk_widget_add_css_class (value, "dim-label");
  gtk_box_append (GTK_BOX (row), icon);
  gtk_box_append (GTK_BOX (row), name);
  gtk_box_append (GTK_BOX (row), value);
  gtk_accessible_update_property (GTK_ACCESSIBLE (row),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, accessible, -1);
  return row;
}
