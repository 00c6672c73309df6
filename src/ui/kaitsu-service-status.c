/* SPDX-License-Identifier: GPL-3.0-or-later */
/* kaitsu-service-status.c: one line per service, the same in the side pane and on the check page */

#include "config.h"

#define G_LOG_DOMAIN "kaitsu-service-status"

#include <gtk/gtk.h>
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

/* Two facts, the console's grant and the policy's scanning, in one row of a boxed list: one
 * icon for both; with @policy_name, which policy is on, in the console's own words, under them */
GtkWidget *
kaitsu_service_status_row_new (KaitsuFlow    *flow,
                               KaitsuService  service,
                               gboolean       policy_name)
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
  const char *policy_in_force = policy_name ? kaitsu_flow_get_service_policy_name (flow, service) : NULL;
  /* Translators: %s is a policy's name as the console shows it */
  g_autofree char *on = policy_in_force != NULL ? g_strdup_printf (_("On: 「%s」"), policy_in_force) : NULL;
  g_autofree char *subtitle = on != NULL ? g_strconcat (facts, "\n", on, NULL) : g_strdup (facts);
  g_autofree char *accessible = g_strdup_printf ("%s: %s", kaitsu_service_get_name (service), facts);
  GtkWidget *row = gtk_list_box_row_new ();
  GtkWidget *line = kaitsu_row_new (12);
  GtkWidget *words = gtk_box_new (GTK_ORIENTATION_VERTICAL, 3);
  GtkWidget *icon = gtk_image_new_from_icon_name (icon_name);
  GtkWidget *title = g_object_new (GTK_TYPE_LABEL, "label", kaitsu_service_get_name (service), "xalign", 0.0f,
                                   "wrap", TRUE, "wrap-mode", PANGO_WRAP_WORD_CHAR, NULL);
  GtkWidget *under = g_object_new (GTK_TYPE_LABEL, "label", subtitle, "xalign", 0.0f,
                                   "wrap", TRUE, "wrap-mode", PANGO_WRAP_WORD_CHAR, NULL);

  /* A title and a subtitle under it, as a boxed list's row shows them (libadwaita's action row
   * did it, with boxes that had each wrapped label search for the width that fits a height,
   * re-shaping its text at every try: in the first frame, these four rows were 130 of the
   * window's 336 text layouts). Names and states are text, never markup. */
  gtk_widget_add_css_class (title, "title");
  gtk_widget_add_css_class (under, "subtitle");
  /* Centred by their text's alignment inside labels that fill: GTK places a widget that does
   * not fill its space by measuring its width for its height, and a wrapped label answers
   * that by trying width after width */
  gtk_widget_set_vexpand (title, TRUE);
  gtk_label_set_yalign (GTK_LABEL (title), 1.0f);
  gtk_widget_set_vexpand (under, TRUE);
  gtk_label_set_yalign (GTK_LABEL (under), 0.0f);
  gtk_widget_set_hexpand (words, TRUE);
  gtk_box_append (GTK_BOX (words), title);
  gtk_box_append (GTK_BOX (words), under);
  gtk_widget_set_valign (icon, GTK_ALIGN_CENTER);
  kaitsu_row_append (KAITSU_ROW (line), icon);
  kaitsu_row_append (KAITSU_ROW (line), words);
  gtk_widget_add_css_class (line, "header");
  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), line);
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), FALSE);
  gtk_widget_set_focusable (row, FALSE);
  gtk_widget_add_css_class (row, "service-status");
  gtk_widget_add_css_class (row, kaitsu_service_state_to_string (state));
  if (granted)
    gtk_widget_add_css_class (row, policy == KAITSU_POLICY_ON ? "scanning" : "not-scanning");
  gtk_accessible_update_property (GTK_ACCESSIBLE (icon),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, facts, -1);
  gtk_accessible_update_property (GTK_ACCESSIBLE (row),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, accessible, -1);
  return row;
}

/* What a row shows follows from these alone (its words come from them and the locale) */
static char *
dup_row_inputs (KaitsuFlow    *flow,
                KaitsuService  service,
                gboolean       policy_name)
{
  const char *in_force = policy_name ? kaitsu_flow_get_service_policy_name (flow, service) : NULL;

  return g_strdup_printf ("%d %d %d %d %d %s", service, kaitsu_flow_get_service_state (flow, service),
                          kaitsu_flow_get_service_by_hand (flow, service),
                          kaitsu_flow_get_service_policy (flow, service), policy_name,
                          in_force != NULL ? in_force : "");
}

/* Every chosen service, from the flow, in place of what the list showed. A row whose service
 * shows the same as before is kept: rebuilt, its wrapped labels were laid out afresh at each of
 * the flow's many changes (in a practice activation, an eighth of the text Kaitsu laid out) */
void
kaitsu_service_status_list_fill (GtkListBox *list,
                                 KaitsuFlow *flow,
                                 gboolean    policy_names)
{
  GtkListBoxRow *old;
  int index = 0;

  g_return_if_fail (GTK_IS_LIST_BOX (list));

  for (KaitsuService s = 0; s < KAITSU_N_SERVICES; s++)
    {
      g_autofree char *inputs = NULL;
      GtkWidget *row;

      if (!kaitsu_flow_get_service_chosen (flow, s))
        continue;
      inputs = dup_row_inputs (flow, s, policy_names);
      old = gtk_list_box_get_row_at_index (list, index);
      if (old != NULL && g_strcmp0 (g_object_get_data (G_OBJECT (old), "kaitsu-row-inputs"), inputs) == 0)
        {
          index++;
          continue;
        }
      row = kaitsu_service_status_row_new (flow, s, policy_names);
      g_object_set_data_full (G_OBJECT (row), "kaitsu-row-inputs", g_steal_pointer (&inputs), g_free);
      if (old != NULL)
        gtk_list_box_remove (list, GTK_WIDGET (old));
      gtk_list_box_insert (list, row, index++);
    }
  while ((old = gtk_list_box_get_row_at_index (list, index)) != NULL)
    gtk_list_box_remove (list, GTK_WIDGET (old));
}
