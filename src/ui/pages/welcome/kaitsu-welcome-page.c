/* SPDX-License-Identifier: GPL-3.0-or-later */
/* kaitsu-welcome-page.c: the choices that shape the rest of the activation */

#include "config.h"

#define G_LOG_DOMAIN "kaitsu-welcome-page"

#include <glib/gi18n.h>

#include "kaitsu-sites.h"
#include "kaitsu-welcome-page.h"

struct _KaitsuWelcomePage
{
  KaitsuPage parent_instance;

  GtkCheckButton *service_checks[KAITSU_N_SERVICES];
  GtkCheckButton *exchange_check;
  GtkCheckButton *sharepoint_check;
  GtkCheckButton *onedrive_check;
  GtkCheckButton *teams_check;
  GtkWidget *services_hint;
  GtkDropDown *region_dropdown;
  GtkDropDown *platform_dropdown;
  GtkCheckButton *mip_no;
  GtkCheckButton *mip_yes;
  GtkCheckButton *mip_not_sure;
};

G_DEFINE_FINAL_TYPE (KaitsuWelcomePage, kaitsu_welcome_page, KAITSU_TYPE_PAGE)

static void
kaitsu_welcome_page_refresh (KaitsuPage *page)
{
  KaitsuWelcomePage *self = KAITSU_WELCOME_PAGE (page);
  KaitsuFlow *flow = kaitsu_page_get_flow (page);
  int region = kaitsu_region_find (kaitsu_flow_get_region (flow));
  GtkCheckButton *mip_buttons[] = { self->mip_no, self->mip_yes, self->mip_not_sure };

  for (KaitsuService s = 0; s < KAITSU_N_SERVICES; s++)
    gtk_check_button_set_active (self->service_checks[s],
                                 kaitsu_flow_get_service_chosen (flow, s));
  gtk_widget_set_visible (self->services_hint,
                          !kaitsu_flow_step_is_complete (flow, KAITSU_STEP_WELCOME));
  if (region >= 0 && (guint) region != gtk_drop_down_get_selected (self->region_dropdown))
    gtk_drop_down_set_selected (self->region_dropdown, region);
  /* The rows are in KaitsuPlatform's order: not known, Cloud App Security, Vision One */
  if (gtk_drop_down_get_selected (self->platform_dropdown) != (guint) kaitsu_flow_get_platform (flow))
    gtk_drop_down_set_selected (self->platform_dropdown, kaitsu_flow_get_platform (flow));
  gtk_check_button_set_active (mip_buttons[kaitsu_flow_get_mip_use (flow)], TRUE);
}

static void
on_service_toggled (KaitsuWelcomePage *self,
                    GtkCheckButton    *button)
{
  KaitsuFlow *flow = kaitsu_page_get_flow (KAITSU_PAGE (self));

  for (KaitsuService s = 0; s < KAITSU_N_SERVICES; s++)
    if (self->service_checks[s] == button)
      kaitsu_flow_set_service_chosen (flow, s, gtk_check_button_get_active (button));
}

static void
on_region_selected (KaitsuWelcomePage *self)
{
  guint selected = gtk_drop_down_get_selected (self->region_dropdown);

  if (selected < kaitsu_region_get_count ())
    kaitsu_flow_set_region (kaitsu_page_get_flow (KAITSU_PAGE (self)),
                            kaitsu_region_get_id (selected));
}

static void
on_platform_selected (KaitsuWelcomePage *self)
{
  guint selected = gtk_drop_down_get_selected (self->platform_dropdown);

  if (selected <= KAITSU_PLATFORM_VISION_ONE)
    kaitsu_flow_set_platform (kaitsu_page_get_flow (KAITSU_PAGE (self)), selected);
}

/* The button inside a drop-down is what takes focus: it gets the drop-down's name, or a
 * screen reader on GTK 4.8 reads out "GtkToggleButton" */
static void
name_drop_down_button (GtkDropDown *dropdown)
{
  for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (dropdown)); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    if (GTK_IS_TOGGLE_BUTTON (child))
      gtk_accessible_update_relation (GTK_ACCESSIBLE (child), GTK_ACCESSIBLE_RELATION_LABELLED_BY,
                                      gtk_widget_get_prev_sibling (GTK_WIDGET (dropdown)), NULL, -1);
}

static void
on_mip_toggled (KaitsuWelcomePage *self,
                GtkCheckButton    *button)
{
  KaitsuFlow *flow = kaitsu_page_get_flow (KAITSU_PAGE (self));

  if (!gtk_check_button_get_active (button))
    return;
  if (button == self->mip_yes)
    kaitsu_flow_set_mip_use (flow, KAITSU_MIP_YES);
  else if (button == self->mip_not_sure)
    kaitsu_flow_set_mip_use (flow, KAITSU_MIP_NOT_SURE);
  else
    kaitsu_flow_set_mip_use (flow, KAITSU_MIP_NO);
}

static void
kaitsu_welcome_page_constructed (GObject *object)
{
  KaitsuWelcomePage *self = KAITSU_WELCOME_PAGE (object);
  g_autoptr (GtkStringList) regions = gtk_string_list_new (NULL);

  for (guint i = 0; i < kaitsu_region_get_count (); i++)
    {
      g_autofree char *name = kaitsu_region_dup_name (i);
      gtk_string_list_append (regions, name);
    }
  gtk_drop_down_set_model (self->region_dropdown, G_LIST_MODEL (regions));
  name_drop_down_button (self->region_dropdown);
  name_drop_down_button (self->platform_dropdown);

  /* The base class refreshes once the flow is there, so connect handlers afterwards. */
  G_OBJECT_CLASS (kaitsu_welcome_page_parent_class)->constructed (object);

  for (KaitsuService s = 0; s < KAITSU_N_SERVICES; s++)
    g_signal_connect_object (self->service_checks[s], "toggled",
                             G_CALLBACK (on_service_toggled), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->region_dropdown, "notify::selected",
                           G_CALLBACK (on_region_selected), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->platform_dropdown, "notify::selected",
                           G_CALLBACK (on_platform_selected), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->mip_no, "toggled", G_CALLBACK (on_mip_toggled),
                           self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->mip_yes, "toggled", G_CALLBACK (on_mip_toggled),
                           self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->mip_not_sure, "toggled", G_CALLBACK (on_mip_toggled),
                           self, G_CONNECT_SWAPPED);
}

static void
kaitsu_welcome_page_class_init (KaitsuWelcomePageClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  G_OBJECT_CLASS (klass)->constructed = kaitsu_welcome_page_constructed;
  KAITSU_PAGE_CLASS (klass)->refresh = kaitsu_welcome_page_refresh;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_PREFIX "/kaitsu-welcome-page.ui");
  gtk_widget_class_bind_template_child (widget_class, KaitsuWelcomePage, exchange_check);
  gtk_widget_class_bind_template_child (widget_class, KaitsuWelcomePage, sharepoint_check);
  gtk_widget_class_bind_template_child (widget_class, KaitsuWelcomePage, onedrive_check);
  gtk_widget_class_bind_template_child (widget_class, KaitsuWelcomePage, teams_check);
  gtk_widget_class_bind_template_child (widget_class, KaitsuWelcomePage, services_hint);
  gtk_widget_class_bind_template_child (widget_class, KaitsuWelcomePage, region_dropdown);
  gtk_widget_class_bind_template_child (widget_class, KaitsuWelcomePage, platform_dropdown);
  gtk_widget_class_bind_template_child (widget_class, KaitsuWelcomePage, mip_no);
  gtk_widget_class_bind_template_child (widget_class, KaitsuWelcomePage, mip_yes);
  gtk_widget_class_bind_template_child (widget_class, KaitsuWelcomePage, mip_not_sure);
}

static void
kaitsu_welcome_page_init (KaitsuWelcomePage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  self->service_checks[KAITSU_SERVICE_EXCHANGE_ONLINE] = self->exchange_check;
  self->service_checks[KAITSU_SERVICE_SHAREPOINT_ONLINE] = self->sharepoint_check;
  self->service_checks[KAITSU_SERVICE_ONEDRIVE] = self->onedrive_check;
  self->service_checks[KAITSU_SERVICE_TEAMS] = self->teams_check;
}
