/* SPDX-License-Identifier: GPL-3.0-or-later */
/* kaitsu-sim-sharepoint.c: SharePoint admin's AppInv.aspx, for consoles that still show a
 * Teams App ID (Microsoft retired the mechanism on 2026-04-02: teams-appinv-retired) */

#include "config.h"

#define G_LOG_DOMAIN "kaitsu-sim"

#include "kaitsu-sim-private.h"

#define APP_NAME "Trend Micro Cloud App Security"

static SimPage *
sharepoint_begin (KaitsuSimulator *self,
                  const char      *title)
{
  SimPage *page = sim_page_begin (self, SIM_LOOK_SHAREPOINT, title);

  sim_page_role_text (page, "div", "header", SIM_T (self, "SharePoint 管理センター", "SharePoint admin center"));
  sim_page_open (page, "main");
  sim_page_text (page, "h1", title);
  return page;
}

void
sim_sharepoint_handle (SoupServer        *server,
                       SoupServerMessage *msg,
                       const char        *path,
                       GHashTable        *query,
                       gpointer           data)
{
  KaitsuSimulator *self = data;
  gboolean post = soup_server_message_get_method (msg) == SOUP_METHOD_POST;
  g_autoptr (GHashTable) form = post ? sim_read_form (msg) : NULL;
  const char *action = sim_form_value (self, form, "action");
  SimPage *page;

  if (g_ascii_strcasecmp (path, "/_layouts/15/appprincipals.aspx") == 0)
    {
      page = sharepoint_begin (self, SIM_T (self, "サイト コレクション アプリのアクセス許可", "Site collection app permissions"));
      sim_page_text (page, "p", self->appinv_trusted ? APP_NAME : SIM_T (self, "表示するアイテムはありません", "There are no items to show"));
      sim_page_send (page, msg);
      return;
    }
  if (post && g_strcmp0 (action, "trust") == 0)
    {
      self->appinv_trusted = TRUE;
      sim_changed (self);
      sim_redirect (msg, "/_layouts/15/appprincipals.aspx");
      return;
    }
  if (post && g_strcmp0 (action, "create") == 0)
    {
      if (self->is.teams_appinv_retired)
        {
          self->appinv_refused = TRUE;
          sim_changed (self);
          page = sharepoint_begin (self, SIM_T (self, "エラー", "Error"));
          sim_page_text (page, "p", SIM_T (self, "このテナントでは、SharePoint アドインおよび Azure ACS を使用したアプリ専用アクセスは廃止されました。",
                                           "App-only access using SharePoint Add-ins and Azure ACS has been retired for this tenant."));
          sim_page_send (page, msg);
          return;
        }
      page = sharepoint_begin (self, SIM_T (self, "アプリを信頼する", "Trust the app"));
      sim_page_text (page, "p", SIM_T (self, "Trend Micro Cloud App Security を信頼しますか?", "Do you trust Trend Micro Cloud App Security?"));
      sim_page_form_begin (page, "/_layouts/15/AppInv.aspx");
      sim_page_submit (page, SIM_T (self, "信頼する", "Trust It"), "trust", TRUE);
      sim_page_submit (page, SIM_T (self, "キャンセル", "Cancel"), "cancel", FALSE);
      sim_page_form_end (page);
      sim_page_send (page, msg);
      return;
    }
  {
    const char *app_id = sim_form_value (self, form, "app_id");
    gboolean looked_up = post && g_strcmp0 (action, "lookup") == 0 && app_id != NULL &&
                         g_strcmp0 (app_id, self->services[KAITSU_SERVICE_TEAMS].app_id) == 0;

    page = sharepoint_begin (self, SIM_T (self, "アプリの権限の要求", "Request app permissions"));
    sim_page_form_begin (page, "/_layouts/15/AppInv.aspx");
    sim_page_input (page, SIM_T (self, "アプリ ID", "App Id"), "app_id", "text", app_id);
    sim_page_submit (page, SIM_T (self, "参照", "Lookup"), "lookup", FALSE);
    sim_page_input (page, SIM_T (self, "タイトル", "Title"), "title", "text", looked_up ? APP_NAME : NULL);
    sim_page_input (page, SIM_T (self, "アプリ ドメイン", "App Domain"), "app_domain", "text", NULL);
    sim_page_input (page, SIM_T (self, "リダイレクト先の URL", "Redirect URL"), "redirect", "text", NULL);
    sim_page_input (page, SIM_T (self, "権限の要求 XML", "Permission Request XML"), "xml", "textarea", NULL);
    sim_page_submit (page, SIM_T (self, "作成", "Create"), "create", TRUE);
    sim_page_form_end (page);
    sim_page_send (page, msg);
  }
}
