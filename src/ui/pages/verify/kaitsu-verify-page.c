/* SPDX-License-Identifier: GPL-3.0-or-later */
/* kaitsu-verify-page.c: the activation is done only when every chosen service is protected */

#include "config.h"

#define G_LOG_DOMAIN "kaitsu-verify-page"

#include <glib/gi18n.h>

#include "kaitsu-label.h"
#include "kaitsu-service-status.h"
#include "kaitsu-verify-page.h"

struct _KaitsuVerifyPage
{
  KaitsuPage parent_instance;

  GtkListBox *services_box;
  GtkLabel *verdict_label;
};

G_DEFINE_FINAL_TYPE (KaitsuVerifyPage, kaitsu_verify_page, KAITSU_TYPE_PAGE)

static void
kaitsu_verify_page_refresh (KaitsuPage *page)
{
  KaitsuVerifyPage *self = KAITSU_VERIFY_PAGE (page);
  KaitsuFlow *flow = kaitsu_page_get_flow (page);

  kaitsu_service_status_list_fill (self->services_box, flow, FALSE);

  if (kaitsu_flow_all_chosen_protected (flow))
    {
      kaitsu_label_set_label (self->verdict_label, _("Every service you chose is protected."));
      gtk_widget_remove_css_class (GTK_WIDGET (self->verdict_label), "warning");
      gtk_widget_add_css_class (GTK_WIDGET (self->verdict_label), "success");
    }
  else
    {
      kaitsu_label_set_label (self->verdict_label,
                           _("Not every service is protected yet. Open the service’s step in the list on the left to finish it."));
      gtk_widget_remove_css_class (GTK_WIDGET (self->verdict_label), "success");
      gtk_widget_add_css_class (GTK_WIDGET (self->verdict_label), "warning");
    }
}

static void
kaitsu_verify_page_class_init (KaitsuVerifyPageClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  KAITSU_PAGE_CLASS (klass)->refresh = kaitsu_verify_page_refresh;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_PREFIX "/kaitsu-verify-page.ui");
  gtk_widget_class_bind_template_child (widget_class, KaitsuVerifyPage, services_box);
  gtk_widget_class_bind_template_child (widget_class, KaitsuVerifyPage, verdict_label);
}

static void
kaitsu_verify_page_init (KaitsuVerifyPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}
