/* SPDX-License-Identifier: GPL-3.0-or-later */
/* kaitsu-login-page.c: the login link from the activation mail, ready to open */

#include "config.h"

#define G_LOG_DOMAIN "kaitsu-login-page"

#include <glib/gi18n.h>

#include "kaitsu-link-row.h"
#include "kaitsu-login-page.h"
#include "kaitsu-private-label.h"

struct _KaitsuLoginPage
{
  KaitsuPage parent_instance;

  GtkBox *link_box;
  KaitsuLinkRow *link_row;
  KaitsuPrivateLabel *account;
};

G_DEFINE_FINAL_TYPE (KaitsuLoginPage, kaitsu_login_page, KAITSU_TYPE_PAGE)

static void
kaitsu_login_page_refresh (KaitsuPage *page)
{
  KaitsuLoginPage *self = KAITSU_LOGIN_PAGE (page);

  KaitsuFlow *flow = kaitsu_page_get_flow (page);
  const char *account = kaitsu_flow_get_account (flow);
  gboolean lost = kaitsu_flow_get_login_url (flow) == NULL &&
                  kaitsu_flow_get_links_place (flow) == KAITSU_LINKS_LOST &&
                  !kaitsu_flow_get_step_done (flow, KAITSU_STEP_LOGIN);

  kaitsu_link_row_set_uri (self->link_row, kaitsu_flow_get_login_url (flow));
  /* Not needed to log in: the login page opens without it */
  kaitsu_link_row_set_note (self->link_row,
                            lost ? _("Kaitsu keeps the login link in your keyring, never in its own files, and could not read it back: the keyring is locked or not available. The login page below opens without it: log in with your account name and the password you set.")
                                 : NULL,
                            FALSE);
  kaitsu_private_label_set_text (self->account, account);
  gtk_widget_set_visible (GTK_WIDGET (self->account), account != NULL);
}

static void
kaitsu_login_page_class_init (KaitsuLoginPageClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  KAITSU_PAGE_CLASS (klass)->refresh = kaitsu_login_page_refresh;
  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PREFIX "/kaitsu-login-page.ui");
  gtk_widget_class_bind_template_child (widget_class, KaitsuLoginPage, link_box);
}

static void
kaitsu_login_page_init (KaitsuLoginPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  self->link_row = KAITSU_LINK_ROW (kaitsu_link_row_new (_("Login link from the activation mail")));
  gtk_box_append (self->link_box, GTK_WIDGET (self->link_row));
  /* Typed on the login page below, so shown whole even on a shared screen */
  self->account = KAITSU_PRIVATE_LABEL (kaitsu_private_label_new (KAITSU_MASK_ID, _("Account from the activation mail: ")));
  kaitsu_private_label_set_needed (self->account, TRUE);
  gtk_widget_set_visible (GTK_WIDGET (self->account), FALSE);
  gtk_box_append (self->link_box, GTK_WIDGET (self->account));
}
