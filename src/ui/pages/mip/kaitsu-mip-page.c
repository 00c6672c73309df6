/* SPDX-License-Identifier: GPL-3.0-or-later */
/* kaitsu-mip-page.c: the three MIP procedures, as links to Trend Micro's help */

#include "config.h"

#define G_LOG_DOMAIN "kaitsu-mip-page"

#include "kaitsu-mip-page.h"

struct _KaitsuMipPage
{
  KaitsuPage parent_instance;
};

G_DEFINE_FINAL_TYPE (KaitsuMipPage, kaitsu_mip_page, KAITSU_TYPE_PAGE)

static void
kaitsu_mip_page_class_init (KaitsuMipPageClass *klass)
{
  gtk_widget_class_set_template_from_resource (GTK_WIDGET_CLASS (klass),
                                               RESOURCE_PREFIX "/kaitsu-mip-page.ui");
}

static void
kaitsu_mip_page_init (KaitsuMipPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}
