/* SPDX-License-Identifier: GPL-3.0-or-later */
/* kaitsu-protection-page.c: the policies step and the end. Being granted (the console's
 * 「保護されています」) is one fact, scanning (its default ATP policy on) another: the company
 * is protected only when both hold for every chosen service, and the page says which is
 * missing, service by service, otherwise. */

#include "config.h"

#define G_LOG_DOMAIN "kaitsu-protection-page"

#include <glib/gi18n.h>

#include "kaitsu-label.h"
#include "kaitsu-protection-page.h"
#include "kaitsu-service-status.h"

struct _KaitsuProtectionPage
{
  KaitsuPage parent_instance;

  GtkListBox *services_box;
  GtkLabel *verdict_label;
  GtkLabel *record_label;
  GtkWidget *close_button;
};

G_DEFINE_FINAL_TYPE (KaitsuProtectionPage, kaitsu_protection_page, KAITSU_TYPE_PAGE)

/* One sentence per service that is not protecting yet; NULL when it is */
static char *
dup_missing (KaitsuFlow    *flow,
             KaitsuService  service)
{
  const char *name = kaitsu_service_get_name (service);
  g_autofree char *policies = kaitsu_step_dup_title (KAITSU_STEP_POLICIES);

  if (kaitsu_flow_get_service_state (flow, service) != KAITSU_SERVICE_STATE_PROTECTED)
    /* Translators: %s is a service's name */
    return g_strdup_printf (_("%s: access is not granted yet. Open its step in the list on the left to grant it."), name);
  switch (kaitsu_flow_get_service_policy (flow, service))
    {
    case KAITSU_POLICY_ON:
      return NULL;
    case KAITSU_POLICY_OFF:
      /* Translators: a service's name, then the title of the step that switches policies on */
      return g_strdup_printf (_("%1$s: its default threat protection policy is off, so nothing is scanned. Switch it on in the step “%2$s”."),
                              name, policies);
    case KAITSU_POLICY_MONITOR_ONLY:
      return g_strdup_printf (_("%1$s: only the monitor-only policy is on, so threats are logged but not stopped. Switch the default policy on in the step “%2$s”."),
                              name, policies);
    case KAITSU_POLICY_UNKNOWN:
    default:
      return g_strdup_printf (_("%1$s: its threat protection policy has not been checked. Open the console’s policy list in the step “%2$s”."),
                              name, policies);
    }
}

char *
kaitsu_protection_dup_verdict (KaitsuFlow *flow)
{
  g_autoptr (GString) missing = g_string_new (NULL);

  g_return_val_if_fail (KAITSU_IS_FLOW (flow), NULL);

  for (KaitsuService s = 0; s < KAITSU_N_SERVICES; s++)
    {
      g_autofree char *line = kaitsu_flow_get_service_chosen (flow, s) ? dup_missing (flow, s) : NULL;

      if (line != NULL)
        g_string_append_printf (missing, "\n• %s", line);
    }
  if (missing->len == 0 && kaitsu_flow_all_chosen_scanning (flow))
    return g_strdup (_("Your company is protected: every service you chose has access granted and its threat protection policy switched on."));
  return g_strdup_printf (_("Not finished yet. Still missing:%s"), missing->str);
}

static void
kaitsu_protection_page_refresh (KaitsuPage *page)
{
  KaitsuProtectionPage *self = KAITSU_PROTECTION_PAGE (page);
  KaitsuFlow *flow = kaitsu_page_get_flow (page);
  gboolean done = kaitsu_flow_all_chosen_scanning (flow);
  g_autofree char *verdict = kaitsu_protection_dup_verdict (flow);

  /* Which policy is on, in the console's own words, under each service's two facts */
  kaitsu_service_status_list_fill (self->services_box, flow, TRUE);
  kaitsu_label_set_label (self->verdict_label, verdict);
  gtk_widget_remove_css_class (GTK_WIDGET (self->verdict_label), done ? "warning" : "success");
  gtk_widget_add_css_class (GTK_WIDGET (self->verdict_label), done ? "success" : "warning");

  /* At the end: whether NTT East's procedures for the finer settings were recorded as done */
  if (kaitsu_page_get_step (page) == KAITSU_STEP_FINISH)
    {
      g_autofree char *settings = kaitsu_step_dup_title (KAITSU_STEP_SETTINGS);
      g_autofree char *record = kaitsu_flow_get_step_confirmed (flow, KAITSU_STEP_SETTINGS)
        ? g_strdup (_("NTT East’s two policy procedures for data loss prevention and the finer settings: recorded as done."))
        /* Translators: %s is the title of the step about NTT East's procedures */
        : g_strdup_printf (_("NTT East’s two policy procedures for data loss prevention and the finer settings are not recorded as done yet (step “%s”)."),
                           settings);

      kaitsu_label_set_label (self->record_label, record);
      gtk_widget_set_visible (GTK_WIDGET (self->record_label), TRUE);
      /* The end: a way out */
      gtk_widget_set_visible (self->close_button, TRUE);
    }
}

static void
kaitsu_protection_page_class_init (KaitsuProtectionPageClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  KAITSU_PAGE_CLASS (klass)->refresh = kaitsu_protection_page_refresh;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_PREFIX "/kaitsu-protection-page.ui");
  gtk_widget_class_bind_template_child (widget_class, KaitsuProtectionPage, services_box);
  gtk_widget_class_bind_template_child (widget_class, KaitsuProtectionPage, verdict_label);
  gtk_widget_class_bind_template_child (widget_class, KaitsuProtectionPage, record_label);
  gtk_widget_class_bind_template_child (widget_class, KaitsuProtectionPage, close_button);
}

static void
kaitsu_protection_page_init (KaitsuProtectionPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}
