/* SPDX-License-Identifier: GPL-3.0-or-later */
/* kaitsu-app-permission-page.c: every value of the SharePoint form, ready to copy */

#include "config.h"

#define G_LOG_DOMAIN "kaitsu-app-permission-page"

#include <glib/gi18n.h>

#include "kaitsu-activation.h"
#include "kaitsu-app-permission-page.h"
#include "kaitsu-label.h"
#include "kaitsu-private-label.h"
#include "kaitsu-sites.h"
#include "kaitsu-window.h"

struct _KaitsuAppPermissionPage
{
  KaitsuPage parent_instance;

  GtkGrid *values_grid;
  GtkEditable *site_entry;
  KaitsuPrivateLabel *app_id_value;
  GtkWidget *app_id_copy;
  GtkLabel *site_hint;
  GtkLabel *appinv_value;
  GtkWidget *appinv_copy;
  GtkLabel *domain_value;
  GtkWidget *domain_copy;
  GtkLabel *redirect_value;
  GtkWidget *redirect_copy;
  GtkLabel *xml_value;
  GtkWidget *xml_copy;
  GtkLabel *principals_value;
  GtkWidget *principals_copy;
  GtkLabel *copied_label;
  GtkWidget *fill_button;
};

G_DEFINE_FINAL_TYPE (KaitsuAppPermissionPage, kaitsu_app_permission_page, KAITSU_TYPE_PAGE)

static void
set_value (GtkLabel   *label,
           GtkWidget  *copy,
           const char *value)
{
  kaitsu_label_set_label (label, value != NULL ? value : "—");
  gtk_widget_set_sensitive (copy, value != NULL);
}

static void
on_site_changed (KaitsuAppPermissionPage *self)
{
  const char *input = gtk_editable_get_text (self->site_entry);
  g_autofree char *site = kaitsu_sharepoint_admin_site_from_input (input);
  g_autofree char *appinv = NULL;
  g_autofree char *principals = NULL;

  if (site != NULL)
    {
      GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
      KaitsuSites *sites = KAITSU_IS_WINDOW (root) ? kaitsu_window_get_sites (KAITSU_WINDOW (root)) : NULL;

      appinv = g_strconcat (site, "/_layouts/15/AppInv.aspx", NULL);
      principals = g_strconcat (site, "/_layouts/15/appprincipals.aspx", NULL);
      /* The tenant's SharePoint admin site becomes one of the activation's sites, so the
       * embedded view may open it. */
      if (sites != NULL && !kaitsu_sites_is_practice (sites))
        kaitsu_sites_set_sharepoint_admin (sites, site);
    }
  set_value (self->appinv_value, self->appinv_copy, appinv);
  set_value (self->principals_value, self->principals_copy, principals);

  if (site == NULL && input != NULL && *input != '\0')
    {
      kaitsu_label_set_label (self->site_hint,
                           _("This is not a SharePoint address. It looks like https://example-admin.sharepoint.com."));
      gtk_widget_add_css_class (GTK_WIDGET (self->site_hint), "error");
    }
  else
    {
      kaitsu_label_set_label (self->site_hint,
                           _("Type your organisation’s SharePoint address or its name, for example “example”."));
      gtk_widget_remove_css_class (GTK_WIDGET (self->site_hint), "error");
    }
}

static void
kaitsu_app_permission_page_refresh (KaitsuPage *page)
{
  KaitsuAppPermissionPage *self = KAITSU_APP_PERMISSION_PAGE (page);
  KaitsuFlow *flow = kaitsu_page_get_flow (page);
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  KaitsuSites *window_sites = KAITSU_IS_WINDOW (root) ? kaitsu_window_get_sites (KAITSU_WINDOW (root)) : NULL;
  g_autoptr (KaitsuSites) sites = window_sites != NULL ? g_object_ref (window_sites)
                                                       : kaitsu_sites_new_real (kaitsu_flow_get_region (flow));
  g_autofree char *redirect = kaitsu_sites_dup_provision_url (sites);

  /* Typed or checked on SharePoint's form: shown whole even on a shared screen */
  kaitsu_private_label_set_text (self->app_id_value, kaitsu_flow_get_app_id (flow) != NULL
                                                     ? kaitsu_flow_get_app_id (flow) : "—");
  gtk_widget_set_sensitive (self->app_id_copy, kaitsu_flow_get_app_id (flow) != NULL);
  set_value (self->domain_value, self->domain_copy, KAITSU_APP_DOMAIN);
  set_value (self->redirect_value, self->redirect_copy, redirect);
  set_value (self->xml_value, self->xml_copy, KAITSU_APP_PERMISSION_XML);
}

static void
on_copy_clicked (KaitsuAppPermissionPage *self,
                 GtkWidget               *button)
{
  struct { GtkWidget *button; GtkLabel *value; const char *done; } rows[] = {
    { self->appinv_copy, self->appinv_value, N_("Registration page address copied.") },
    { self->domain_copy, self->domain_value, N_("App domain copied.") },
    { self->redirect_copy, self->redirect_value, N_("Redirect URL copied.") },
    { self->xml_copy, self->xml_value, N_("Permission request XML copied.") },
    { self->principals_copy, self->principals_value, N_("Check page address copied.") },
  };

  if (button == self->app_id_copy)
    {
      gdk_clipboard_set_text (gtk_widget_get_clipboard (button),
                              kaitsu_private_label_get_text (self->app_id_value));
      kaitsu_label_set_label (self->copied_label, _("App ID copied."));
    }
  for (guint i = 0; i < G_N_ELEMENTS (rows); i++)
    if (rows[i].button == button)
      {
        gdk_clipboard_set_text (gtk_widget_get_clipboard (button),
                                gtk_label_get_label (rows[i].value));
        kaitsu_label_set_label (self->copied_label, _(rows[i].done));
      }
}

/* The SharePoint form on the page below, filled for the user to check and submit */
static void
on_fill_clicked (KaitsuAppPermissionPage *self)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  KaitsuGuide *guide = KAITSU_IS_WINDOW (root) ? kaitsu_window_get_guide (KAITSU_WINDOW (root)) : NULL;
  KaitsuFlow *flow = kaitsu_page_get_flow (KAITSU_PAGE (self));
  g_autofree char *redirect = NULL;
  KaitsuBrowser *browser;
  const char *fills[9];
  g_autofree char *app_id = NULL, *domain = NULL, *to = NULL, *xml = NULL, *done = NULL;
  const char *text;
  guint n = 0;

  if (guide == NULL)
    return;
  browser = kaitsu_guide_get_browser (guide);
  redirect = kaitsu_sites_dup_provision_url (kaitsu_browser_get_sites (browser));
  /* The fields as this SharePoint page names them, in its language */
  text = kaitsu_browser_get_text (browser);
  app_id = kaitsu_label_dup_shown ("sp-app-id", KAITSU_SERVICE_NONE, text);
  domain = kaitsu_label_dup_shown ("sp-app-domain", KAITSU_SERVICE_NONE, text);
  to = kaitsu_label_dup_shown ("sp-redirect", KAITSU_SERVICE_NONE, text);
  xml = kaitsu_label_dup_shown ("sp-permission-xml", KAITSU_SERVICE_NONE, text);
  if (kaitsu_flow_get_app_id (flow) != NULL)
    {
      fills[n++] = app_id;
      fills[n++] = kaitsu_flow_get_app_id (flow);
    }
  fills[n++] = domain;
  fills[n++] = KAITSU_APP_DOMAIN;
  fills[n++] = to;
  fills[n++] = redirect;
  fills[n++] = xml;
  fills[n++] = KAITSU_APP_PERMISSION_XML;
  fills[n] = NULL;
  kaitsu_browser_fill (browser, fills, NULL);
  done = kaitsu_activation_expand (N_("The form is filled in: check it, then press {sp-look-up} and {sp-create}."), KAITSU_SERVICE_NONE);
  kaitsu_label_set_label (self->copied_label, done);
}

static void
kaitsu_app_permission_page_class_init (KaitsuAppPermissionPageClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  KAITSU_PAGE_CLASS (klass)->refresh = kaitsu_app_permission_page_refresh;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_PREFIX "/kaitsu-app-permission-page.ui");
  gtk_widget_class_bind_template_child (widget_class, KaitsuAppPermissionPage, values_grid);
  gtk_widget_class_bind_template_child (widget_class, KaitsuAppPermissionPage, site_entry);
  gtk_widget_class_bind_template_child (widget_class, KaitsuAppPermissionPage, site_hint);
  gtk_widget_class_bind_template_child (widget_class, KaitsuAppPermissionPage, appinv_value);
  gtk_widget_class_bind_template_child (widget_class, KaitsuAppPermissionPage, appinv_copy);
  gtk_widget_class_bind_template_child (widget_class, KaitsuAppPermissionPage, domain_value);
  gtk_widget_class_bind_template_child (widget_class, KaitsuAppPermissionPage, domain_copy);
  gtk_widget_class_bind_template_child (widget_class, KaitsuAppPermissionPage, redirect_value);
  gtk_widget_class_bind_template_child (widget_class, KaitsuAppPermissionPage, redirect_copy);
  gtk_widget_class_bind_template_child (widget_class, KaitsuAppPermissionPage, xml_value);
  gtk_widget_class_bind_template_child (widget_class, KaitsuAppPermissionPage, xml_copy);
  gtk_widget_class_bind_template_child (widget_class, KaitsuAppPermissionPage, principals_value);
  gtk_widget_class_bind_template_child (widget_class, KaitsuAppPermissionPage, principals_copy);
  gtk_widget_class_bind_template_child (widget_class, KaitsuAppPermissionPage, copied_label);
  gtk_widget_class_bind_template_callback (widget_class, on_site_changed);
  gtk_widget_class_bind_template_callback (widget_class, on_copy_clicked);
  gtk_widget_class_bind_template_callback (widget_class, on_fill_clicked);
  gtk_widget_class_bind_template_child (widget_class, KaitsuAppPermissionPage, fill_button);
}

/* The App ID the console showed for Teams, below the registration page: the first field */
static void
add_app_id_row (KaitsuAppPermissionPage *self)
{
  GtkWidget *title = gtk_label_new ("アプリ ID");

  gtk_grid_insert_row (self->values_grid, 3);
  gtk_label_set_xalign (GTK_LABEL (title), 0);
  gtk_widget_set_valign (title, GTK_ALIGN_START);
  gtk_grid_attach (self->values_grid, title, 0, 3, 1, 1);
  self->app_id_value = KAITSU_PRIVATE_LABEL (kaitsu_private_label_new (KAITSU_MASK_ID, NULL));
  kaitsu_private_label_set_needed (self->app_id_value, TRUE);
  gtk_label_set_selectable (kaitsu_private_label_get_label (self->app_id_value), TRUE);
  gtk_widget_set_hexpand (GTK_WIDGET (self->app_id_value), TRUE);
  gtk_accessible_update_relation (GTK_ACCESSIBLE (kaitsu_private_label_get_label (self->app_id_value)),
                                  GTK_ACCESSIBLE_RELATION_LABELLED_BY, title, NULL, -1);
  gtk_grid_attach (self->values_grid, GTK_WIDGET (self->app_id_value), 1, 3, 1, 1);
  self->app_id_copy = gtk_button_new_from_icon_name ("edit-copy-symbolic");
  gtk_widget_set_valign (self->app_id_copy, GTK_ALIGN_START);
  gtk_widget_set_tooltip_text (self->app_id_copy, _("Copy the App ID"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->app_id_copy), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Copy the App ID"), -1);
  g_signal_connect_swapped (self->app_id_copy, "clicked", G_CALLBACK (on_copy_clicked), self);
  gtk_grid_attach (self->values_grid, self->app_id_copy, 2, 3, 1, 1);
}

static void
kaitsu_app_permission_page_init (KaitsuAppPermissionPage *self)
{
  g_autofree char *tooltip = NULL;

  gtk_widget_init_template (GTK_WIDGET (self));
  tooltip = kaitsu_activation_expand (N_("Fills the form on the SharePoint page below; check it, then press {sp-look-up} and {sp-create} yourself."),
                                      KAITSU_SERVICE_NONE);
  gtk_widget_set_tooltip_text (self->fill_button, tooltip);
  add_app_id_row (self);
  on_site_changed (self);
}
