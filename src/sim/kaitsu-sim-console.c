/* SPDX-License-Identifier: GPL-3.0-or-later */
/* kaitsu-sim-console.c: the Cloud App Security console, today's (dashboard → Service Status
 * → 「アクセス権付与」 → 「ここをクリック」 → 「権限の付与」 → … → 「完了」) or the 2024 manual's
 * (運用管理 → サービスアカウント → 追加 → 初期設定の組織 → service → 「権限の付与」). Trend Vision
 * One's portal shows the same service under its own shell (kaitsu-sim-vision-one.c). */

#include "config.h"

#define G_LOG_DOMAIN "kaitsu-sim"

#include <string.h>

#include "kaitsu-sim-private.h"

#define PROVISION_TEXT "Please close this window, then back to Trend Micro Cloud App Security continue provision."
#define CONSOLE_TITLE_2024 "Trend Micro Cloud App Security | 運用管理"
#define APP_NAME "Trend Micro Cloud App Security"

static const char * const state_ids[] = {
  [SIM_NONE] = "none", [SIM_CONNECTING] = "connecting", [SIM_CREATED] = "created",
  [SIM_WAITING_APPINV] = "waiting-appinv", [SIM_SYNCING] = "syncing", [SIM_PROTECTED] = "protected",
};

static const char *
organisation (KaitsuSimulator *self)
{
  return SIM_T (self, "初期設定の組織", "Default Organization");
}

gboolean
sim_is_v1 (SimOrigin origin)
{
  return origin == SIM_ORIGIN_V1_CONSOLE;
}

#define is_v1 sim_is_v1

/* ---- State ---------------------------------------------------------------------------------- */

static JsonNode *
status_json (KaitsuSimulator *self)
{
  g_autoptr (JsonBuilder) builder = json_builder_new ();

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "version");
  json_builder_add_int_value (builder, self->version);
  json_builder_set_member_name (builder, "tasks");
  json_builder_begin_array (builder);
  for (guint i = 0; i < self->tasks->len; i++)
    {
      SimEntry *entry = g_ptr_array_index (self->tasks, i);
      g_autoptr (GDateTime) time = g_date_time_new_from_unix_local (entry->time);
      g_autofree char *when = g_date_time_format (time, "%Y/%m/%d %H:%M:%S");

      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "severity");
      json_builder_add_string_value (builder, entry->pending ? SIM_T (self, "保留", "Pending")
                                                             : SIM_T (self, "成功しました", "Success"));
      json_builder_set_member_name (builder, "text");
      json_builder_add_string_value (builder, entry->text);
      json_builder_set_member_name (builder, "time");
      json_builder_add_string_value (builder, when);
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);
  json_builder_set_member_name (builder, "notifications");
  json_builder_begin_array (builder);
  for (guint i = 0; i < self->notifications->len; i++)
    {
      SimEntry *entry = g_ptr_array_index (self->notifications, i);
      g_autoptr (GDateTime) time = g_date_time_new_from_unix_local (entry->time);
      g_autofree char *when = g_date_time_format (time, "%Y/%m/%d %H:%M:%S");

      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "text");
      json_builder_add_string_value (builder, entry->text);
      json_builder_set_member_name (builder, "time");
      json_builder_add_string_value (builder, when);
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);
  json_builder_set_member_name (builder, "apps");
  json_builder_begin_array (builder);
  for (KaitsuService s = 0; s < KAITSU_N_SERVICES; s++)
    if (self->services[s].app_id != NULL)
      {
        g_autofree char *line = g_strdup_printf ("%s %s: %s", kaitsu_service_get_name (s),
                                                 SIM_T (self, "アプリID", "App ID"), self->services[s].app_id);
        json_builder_add_string_value (builder, line);
      }
  json_builder_end_array (builder);
  json_builder_set_member_name (builder, "states");
  json_builder_begin_object (builder);
  for (KaitsuService s = 0; s < KAITSU_N_SERVICES; s++)
    {
      json_builder_set_member_name (builder, kaitsu_service_get_id (s));
      json_builder_add_string_value (builder, state_ids[self->services[s].state]);
    }
  json_builder_end_object (builder);
  json_builder_end_object (builder);
  return json_builder_get_root (builder);
}

static void
respond_status (KaitsuSimulator   *self,
                SoupServerMessage *msg)
{
  g_autoptr (JsonNode) node = status_json (self);

  sim_send_json (msg, node);
}

void
sim_changed (KaitsuSimulator *self)
{
  self->version++;
  /* Long polls waiting for news get it now. */
  for (guint i = 0; i < self->waiters->len; i++)
    {
      SoupServerMessage *msg = g_ptr_array_index (self->waiters, i);

      respond_status (self, msg);
      soup_server_message_unpause (msg);
    }
  g_ptr_array_set_size (self->waiters, 0);
}

static void
add_entry (GPtrArray  *list,
           gboolean    pending,
           const char *text)
{
  SimEntry *entry = g_new0 (SimEntry, 1);

  entry->time = g_get_real_time () / G_USEC_PER_SEC;
  entry->pending = pending;
  entry->text = g_strdup (text);
  g_ptr_array_insert (list, 0, entry);
}

void
sim_entry_free (gpointer data)
{
  SimEntry *entry = data;

  g_free (entry->text);
  g_free (entry);
}

static KaitsuService
busy_service (KaitsuSimulator *self,
              KaitsuService    except)
{
  for (KaitsuService s = 0; s < KAITSU_N_SERVICES; s++)
    if (s != except && self->services[s].state == SIM_SYNCING)
      return s;
  return KAITSU_SERVICE_NONE;
}

typedef struct
{
  KaitsuSimulator *sim;
  KaitsuService service;
} SyncJob;

static gboolean
finish_sync (gpointer data)
{
  SyncJob *job = data;
  KaitsuSimulator *self = job->sim;
  const char *name = kaitsu_service_get_name (job->service);
  g_autofree char *task = self->is.english ? g_strdup_printf ("Updated the users and groups of %s.", name)
                                           : g_strdup_printf ("%sのユーザおよびグループを更新しました。", name);
  g_autofree char *note = self->is.english ? g_strdup_printf ("%s protected. - %s", name, organisation (self))
                                           : g_strdup_printf ("%sは保護されています。 - %s", name, organisation (self));

  self->services[job->service].sync_source = 0;
  self->services[job->service].state = SIM_PROTECTED;
  /* The pending task becomes a success, as the console shows it. */
  for (guint i = 0; i < self->tasks->len; i++)
    {
      SimEntry *entry = g_ptr_array_index (self->tasks, i);
      if (entry->pending && strstr (entry->text, name) != NULL)
        g_ptr_array_remove_index (self->tasks, i--);
    }
  add_entry (self->tasks, FALSE, task);
  add_entry (self->notifications, FALSE, note);
  sim_changed (self);
  return G_SOURCE_REMOVE;
}

void
sim_start_sync (KaitsuSimulator *self,
                KaitsuService    service)
{
  const char *name = kaitsu_service_get_name (service);
  g_autofree char *task = self->is.english ? g_strdup_printf ("Updating the users and groups of %s.", name)
                                           : g_strdup_printf ("%sのユーザおよびグループを更新しています。", name);
  SyncJob *job;

  self->services[service].state = SIM_SYNCING;
  /* The grant creates the two default policies, switched off unless the dialog's choice said */
  if (!self->services[service].has_policies)
    {
      self->services[service].has_policies = TRUE;
      self->services[service].atp_on = self->services[service].auto_policy;
    }
  add_entry (self->tasks, TRUE, task);
  sim_changed (self);
  if (self->is.pending_stuck)
    return;
  job = g_new0 (SyncJob, 1);
  job->sim = self;
  job->service = service;
  /* The scenario's sync time; zero means as soon as the page is answered */
  self->services[service].sync_source =
    g_timeout_add_full (G_PRIORITY_DEFAULT, self->is.sync_delay_s * 1000, finish_sync, job, g_free);
}

char *
sim_consent_url (KaitsuSimulator *self,
                 SimOrigin        console,
                 KaitsuService    service,
                 guint            round)
{
  g_autofree char *redirect_uri = sim_url (self, console, is_v1 (console) ? "/ui/cas/provision.html" : "/provision.html");
  g_autofree char *encoded = g_uri_escape_string (redirect_uri, NULL, FALSE);
  g_autofree char *client = g_strdup_printf ("%08x-7a3c-4e1f-9b2d-%012x", service + 1, round + 1);

  return g_strdup_printf ("%s/common/v2.0/adminconsent?client_id=%s&redirect_uri=%s&state=%s.%u",
                          self->bases[SIM_ORIGIN_MICROSOFT], client, encoded, kaitsu_service_get_id (service), round);
}

/* A one-time ticket into the console, as the licensing portal or Vision One hands it over */
void
sim_console_open_ticket (KaitsuSimulator *self,
                         SimOrigin        origin,
                         char           **url)
{
  g_free (self->console_ticket);
  self->console_ticket = sim_new_secret ();
  *url = g_strdup_printf ("%s/?ticket=%s", self->bases[origin], self->console_ticket);
}

/* ---- The shell ----------------------------------------------------------------------------- */

static void
menu_link (SimPage    *page,
           const char *href,
           const char *label)
{
  sim_page_role_link (page, "menu", href, label);
}

SimPage *
sim_console_begin (KaitsuSimulator *self,
               SimOrigin        origin,
               const char      *title)
{
  SimPage *page;

  if (is_v1 (origin))
    {
      page = sim_page_begin (self, SIM_LOOK_VISION_ONE, "Trend Vision One");
      sim_page_open (page, "header");
      sim_page_role_text (page, "span", "brand", self->is.trendai ? "TrendAI Vision One™" : "Trend Vision One™");
      sim_page_open (page, "nav");
      menu_link (page, "/", "Email and Collaboration Security Operations");
      menu_link (page, "/", "Cloud Email and Collaboration Protection");
      sim_page_close (page);
      sim_page_close (page);
      sim_page_open (page, "main");
      sim_page_open (page, "nav");
      menu_link (page, "/", SIM_T (self, "ダッシュボード", "Dashboard"));
      menu_link (page, "/policies", SIM_T (self, "ポリシー", "Policies"));
      menu_link (page, "/logs", SIM_T (self, "ログ", "Logs"));
      sim_page_close (page);
    }
  else if (self->is.manual_2024)
    {
      page = sim_page_begin (self, SIM_LOOK_CONSOLE, CONSOLE_TITLE_2024);
      sim_page_open (page, "header");
      sim_page_role_text (page, "span", "brand", CONSOLE_TITLE_2024);
      sim_page_open (page, "nav");
      menu_link (page, "/", "組織管理");
      menu_link (page, "/service-accounts", "サービスアカウント");
      menu_link (page, "/atp", "高度な脅威対策");
      menu_link (page, "/dlp", "情報漏えい対策");
      menu_link (page, "/api-integration", "オートメーションと統合API");
      menu_link (page, "/outlook", "Outlook向けアドイン");
      sim_page_close (page);
      sim_page_close (page);
      sim_page_open (page, "main");
    }
  else
    {
      const char *brand = self->is.trendai ? "TrendAI™ Cloud App Security" : "Trend Micro Cloud App Security";

      page = sim_page_begin (self, SIM_LOOK_CONSOLE, brand);
      sim_page_open (page, "header");
      sim_page_role_text (page, "span", "brand", brand);
      sim_page_open (page, "nav");
      menu_link (page, "/", SIM_T (self, "ダッシュボード", "Dashboard"));
      menu_link (page, "/policies", SIM_T (self, "ポリシー", "Policies"));
      menu_link (page, "/logs", SIM_T (self, "ログ", "Logs"));
      menu_link (page, "/service-accounts", SIM_T (self, "運用管理", "Administration"));
      sim_page_close (page);
      sim_page_close (page);
      sim_page_open (page, "main");
    }
  if (self->is.trendai && !is_v1 (origin))
    sim_page_role_text (page, "p", "small", "TrendAI™ Cloud App Security (formerly Trend Micro Cloud App Security)");
  sim_page_text (page, "h1", title);
  return page;
}

static void
append_status (KaitsuSimulator *self,
               SimPage         *page,
               KaitsuService    dialog_service)
{
  g_autofree char *tasks_id = sim_random_word (self);
  g_autofree char *notes_id = sim_random_word (self);
  g_autofree char *apps_id = sim_random_word (self);
  g_autoptr (JsonBuilder) config = json_builder_new ();
  g_autoptr (JsonNode) node = NULL;
  g_autoptr (JsonNode) status = status_json (self);
  JsonObject *now = json_node_get_object (status);
  const char *columns[] = { SIM_T (self, "重大度", "Severity"), SIM_T (self, "説明", "Description"),
                            SIM_T (self, "日時", "Date/Time") };

  sim_page_open (page, "card");
  sim_page_text (page, "h2", SIM_T (self, "タスクリスト", "Task List"));
  sim_page_printf (page, "<table class=\"%s\" id=\"%s\"><tr><th>%s</th><th>%s</th><th>%s</th></tr>",
                   sim_page_class (page, "table"), tasks_id, columns[0], columns[1], columns[2]);
  for (guint i = 0; i < json_array_get_length (json_object_get_array_member (now, "tasks")); i++)
    {
      JsonObject *task = json_array_get_object_element (json_object_get_array_member (now, "tasks"), i);
      g_autofree char *text = g_markup_escape_text (json_object_get_string_member (task, "text"), -1);

      sim_page_printf (page, "<tr><td>%s</td><td>%s</td><td>%s</td></tr>", json_object_get_string_member (task, "severity"),
                       text, json_object_get_string_member (task, "time"));
    }
  sim_page_raw (page, "</table>");
  sim_page_text (page, "h2", SIM_T (self, "通知", "Notifications"));
  sim_page_printf (page, "<ul id=\"%s\">", notes_id);
  for (guint i = 0; i < json_array_get_length (json_object_get_array_member (now, "notifications")); i++)
    {
      JsonObject *note = json_array_get_object_element (json_object_get_array_member (now, "notifications"), i);
      g_autofree char *text = g_markup_escape_text (json_object_get_string_member (note, "text"), -1);

      sim_page_printf (page, "<li>%s <small>%s</small></li>", text, json_object_get_string_member (note, "time"));
    }
  sim_page_raw (page, "</ul>");
  sim_page_printf (page, "<div id=\"%s\">", apps_id);
  for (guint i = 0; i < json_array_get_length (json_object_get_array_member (now, "apps")); i++)
    {
      g_autofree char *text = g_markup_escape_text (json_array_get_string_element (json_object_get_array_member (now, "apps"), i), -1);
      sim_page_printf (page, "<p>%s</p>", text);
    }
  sim_page_raw (page, "</div>");
  sim_page_close (page);
  /* The console updates itself when something changes: a long poll, no timer. */
  json_builder_begin_object (config);
  json_builder_set_member_name (config, "version");
  json_builder_add_int_value (config, self->version);
  json_builder_set_member_name (config, "tasks");
  json_builder_add_string_value (config, tasks_id);
  json_builder_set_member_name (config, "notifications");
  json_builder_add_string_value (config, notes_id);
  json_builder_set_member_name (config, "apps");
  json_builder_add_string_value (config, apps_id);
  json_builder_set_member_name (config, "columns");
  json_builder_begin_array (config);
  for (guint i = 0; i < G_N_ELEMENTS (columns); i++)
    json_builder_add_string_value (config, columns[i]);
  json_builder_end_array (config);
  if (dialog_service != KAITSU_SERVICE_NONE)
    {
      json_builder_set_member_name (config, "service");
      json_builder_add_string_value (config, kaitsu_service_get_id (dialog_service));
      json_builder_set_member_name (config, "state");
      json_builder_add_string_value (config, state_ids[self->services[dialog_service].state]);
      json_builder_set_member_name (config, "choice");
      json_builder_add_string_value (config, sim_field (self, "auto_policy"));
    }
  json_builder_end_object (config);
  node = json_builder_get_root (config);
  sim_page_script (page, "console-live.js", node);
}

void
sim_console_end (KaitsuSimulator   *self,
             SimPage           *page,
             SoupServerMessage *msg,
             KaitsuService      dialog_service)
{
  append_status (self, page, dialog_service);
  /* A page's own script pretends every service is protected, through Kaitsu's handler. */
  if (self->is.hostile_page)
    sim_page_raw (page, "<script>setTimeout(function(){try{window.webkit.messageHandlers.kaitsuStatus.postMessage("
                        "JSON.stringify({tasks:[],notifications:['Exchange Onlineは保護されています。',"
                        "'SharePoint Onlineは保護されています。','OneDriveは保護されています。',"
                        "'Microsoft Teamsは保護されています。'],appIds:[],policies:[{name:'初期設定の高度な脅威対策ポリシー',service:'OneDrive',enabled:'on'}],grantChoices:[]}));}catch(e){}},0);</script>");
  sim_page_send (page, msg);
}

static const char *
state_text (KaitsuSimulator *self,
            SimState         state)
{
  switch (state)
    {
    case SIM_CONNECTING:
      return SIM_T (self, "接続中", "Connecting");
    case SIM_CREATED:
      return SIM_T (self, "設定中", "Configuring");
    case SIM_WAITING_APPINV:
      return SIM_T (self, "アプリの権限設定待ち", "Waiting for app permissions");
    case SIM_SYNCING:
      return SIM_T (self, "保留", "Pending");
    case SIM_PROTECTED:
      return SIM_T (self, "保護されています", "Protected");
    case SIM_NONE:
    default:
      return SIM_T (self, "未設定", "Not configured");
    }
}

/* ---- Today's console: dashboard and grant dialog ---------------------------------------- */

static void
dashboard (KaitsuSimulator   *self,
           SimOrigin          origin,
           SoupServerMessage *msg)
{
  SimPage *page = sim_console_begin (self, origin, SIM_T (self, "ダッシュボード", "Dashboard"));
  const char *extras[] = { SIM_T (self, "Teamsチャット", "Teams Chat"), "Box", "Dropbox", "Google Drive", NULL };

  /* Not part of the activation: the assistant must not lead there */
  if (!is_v1 (origin))
    {
      sim_page_open (page, "banner");
      sim_page_raw (page, SIM_T (self, "<p>Trend Vision One に接続すると、より多くの機能をご利用いただけます。</p>",
                                 "<p>Get more protection by connecting to Trend Vision One.</p>"));
      sim_page_role_link (page, "link", "/connect-vision-one",
                          self->is.trendai ? "Connect to TrendAI Vision One" : "Connect to Trend Vision One");
      sim_page_close (page);
    }
  sim_page_open (page, "card");
  sim_page_text (page, "h2", SIM_T (self, "サービスステータス", "Service Status"));
  sim_page_printf (page, "<table class=\"%s\"><tr><th>%s</th><th>%s</th><th>%s</th></tr>", sim_page_class (page, "table"),
                   SIM_T (self, "サービス", "Service"), SIM_T (self, "ステータス", "Status"), SIM_T (self, "操作", "Action"));
  for (KaitsuService s = 0; s < KAITSU_N_SERVICES; s++)
    {
      g_autofree char *href = g_strdup_printf ("/grant?service=%s", kaitsu_service_get_id (s));

      sim_page_printf (page, "<tr><td>%s</td><td>%s</td><td>", kaitsu_service_get_name (s),
                       state_text (self, self->services[s].state));
      /* Services already granted are greyed out */
      if (self->services[s].state == SIM_NONE)
        sim_page_role_link (page, "link", href, SIM_T (self, "アクセス権付与", "Grant Access"));
      else
        sim_page_printf (page, "<span class=\"%s\" aria-disabled=\"true\">%s</span>", sim_page_class (page, "muted"),
                         SIM_T (self, "アクセス権付与", "Grant Access"));
      sim_page_raw (page, "</td></tr>");
    }
  for (guint i = 0; extras[i] != NULL; i++)
    {
      sim_page_printf (page, "<tr><td>%s</td><td>%s</td><td>", extras[i], state_text (self, SIM_NONE));
      sim_page_role_link (page, "link", i == 0 ? "/grant-teams-chat" : "/grant-other", SIM_T (self, "アクセス権付与", "Grant Access"));
      sim_page_raw (page, "</td></tr>");
    }
  sim_page_raw (page, "</table>");
  sim_page_close (page);
  sim_policies_widget (self, page);
  sim_console_end (self, page, msg, KAITSU_SERVICE_NONE);
}

static char *
grant_title (KaitsuSimulator *self,
             KaitsuService    service)
{
  const char *name = kaitsu_service_get_name (service);

  if (self->is.manual_2024)
    return g_strdup_printf ("%s の追加", name);
  return self->is.english ? g_strdup_printf ("Grant Access to %s", name) : g_strdup_printf ("%sへのアクセス権付与", name);
}

static void
grant_busy (KaitsuSimulator *self,
            SimPage         *page,
            KaitsuService    busy)
{
  g_autofree char *text = self->is.english
    ? g_strdup_printf ("Processing of %s has not finished. Try again when it has.", kaitsu_service_get_name (busy))
    : g_strdup_printf ("%sの処理が完了していません。完了してから再度実行してください。", kaitsu_service_get_name (busy));

  sim_page_text (page, "p", text);
}

/* The dialog's end: what a granted service asks before its first sync */
static void
grant_created (KaitsuSimulator *self,
               SimPage         *page,
               KaitsuService    service,
               const char      *error)
{
  gboolean submit = self->is.english && (service == KAITSU_SERVICE_SHAREPOINT_ONLINE || service == KAITSU_SERVICE_ONEDRIVE);
  g_autofree char *action = g_strdup_printf ("/grant/done?service=%s", kaitsu_service_get_id (service));

  if (submit)
    sim_page_role_text (page, "h2", "h2", "Authorized Account");
  sim_page_role_text (page, "p", "banner", SIM_T (self, "サービスアカウントを正常に作成し、データを同期しました。",
                                                  "Successfully created a service account and synced data."));
  if (error != NULL)
    sim_page_role_text (page, "p", "error", error);
  sim_page_form_begin (page, action);
  if (service == KAITSU_SERVICE_EXCHANGE_ONLINE)
    {
      sim_page_text (page, "p", SIM_T (self, "同期するユーザを選択してください。", "Choose the users to synchronize."));
      sim_page_radio (page, "Synchronize all users and groups", "sync_scope", "all", FALSE);
      sim_page_radio (page, SIM_T (self, "選択されたユーザを同期", "Synchronize selected users"), "sync_scope", "selected", FALSE);
      sim_page_role_text (page, "p", "small", SIM_T (self, "選択できるユーザは最大100人です。", "You can select at most 100 users."));
    }
  sim_page_submit (page, submit ? "Submit" : SIM_T (self, "完了", "Done"), "done", TRUE);
  sim_page_form_end (page);
}

static void
grant_dialog (KaitsuSimulator   *self,
              SimOrigin          origin,
              SoupServerMessage *msg,
              KaitsuService      service,
              GHashTable        *query,
              const char        *error)
{
  g_autofree char *title = grant_title (self, service);
  KaitsuService busy = busy_service (self, service);
  SimService *record = &self->services[service];
  gboolean step_two = query != NULL && g_strcmp0 (g_hash_table_lookup (query, "step"), "2") == 0;
  SimPage *page = sim_console_begin (self, origin, title);

  sim_page_open (page, "dialog");
  if (busy != KAITSU_SERVICE_NONE && record->state != SIM_SYNCING)
    grant_busy (self, page, busy);
  else if (record->state == SIM_NONE || record->state == SIM_CONNECTING)
    {
      g_autofree char *url = sim_consent_url (self, origin, service, 0);
      g_autofree char *next = g_strdup_printf ("/grant?service=%s&step=2", kaitsu_service_get_id (service));

      sim_page_role_text (page, "h2", "h2", SIM_T (self, "ステップ1", "Step 1"));
      sim_page_open (page, NULL);
      sim_page_raw (page, SIM_T (self, "<p>Microsoft 365 のグローバル管理者アカウントでサインインするには、",
                                 "<p>To sign in with a Microsoft 365 global administrator account, "));
      sim_page_role_link (page, "link", next, SIM_T (self, "ここをクリック", "Click here"));
      sim_page_raw (page, SIM_T (self, "してください。</p>", ".</p>"));
      sim_page_close (page);
      if (step_two)
        {
          sim_page_role_text (page, "h2", "h2", SIM_T (self, "ステップ2", "Step 2"));
          /* Teams' dialog offers none (the choices are not documented: Kaitsu reads them) */
          if (service != KAITSU_SERVICE_TEAMS)
            sim_page_text (page, "p", SIM_T (self, "アクセス権の付与が完了した際に自動的に有効にするポリシーを選択します。",
                                             "Select the policy to enable automatically when the access grant is complete."));
          if (service != KAITSU_SERVICE_TEAMS)
            sim_page_input (page, is_v1 (origin) ? SIM_T (self, "初期設定のATPポリシー", "Default ATP Policy")
                                                 : SIM_T (self, "初期設定の高度な脅威対策ポリシー", "Default ATP policy"),
                            "auto_policy", "checkbox", record->auto_policy ? "1" : NULL);
          sim_page_popup (page, url, SIM_T (self, "権限の付与", "Grant Permission"));
        }
    }
  else if (record->state == SIM_CREATED)
    grant_created (self, page, service, error);
  else if (record->state == SIM_WAITING_APPINV)
    {
      g_autofree char *app = g_strdup_printf ("%s: %s", SIM_T (self, "アプリID", "App ID"), record->app_id);

      sim_page_text (page, "p", app);
      sim_page_text (page, "p", SIM_T (self, "SharePoint 管理センターでアプリの権限を設定してから「完了」を押してください。",
                                       "Set the app's permissions in the SharePoint admin center, then press Done."));
      sim_page_form_begin (page, "/teams-complete");
      sim_page_submit (page, SIM_T (self, "完了", "Done"), "done", TRUE);
      sim_page_form_end (page);
    }
  else
    {
      g_autofree char *line = g_strdup_printf ("%s %s", SIM_T (self, "状態:", "Status:"), state_text (self, record->state));

      if (service == KAITSU_SERVICE_TEAMS && record->state == SIM_SYNCING)
        sim_page_role_text (page, "p", "banner", SIM_T (self, "サービスアカウントを正常に作成し、データを同期しました。",
                                                        "Successfully created a service account and synced data."));
      sim_page_text (page, "p", line);
    }
  sim_page_link (page, "/", SIM_T (self, "閉じる", "Close"));
  sim_page_close (page);
  sim_console_end (self, page, msg, service);
}

static void
grant_done (KaitsuSimulator   *self,
            SimOrigin          origin,
            SoupServerMessage *msg,
            KaitsuService      service,
            GHashTable        *query)
{
  g_autoptr (GHashTable) form = sim_read_form (msg);

  if (self->services[service].state != SIM_CREATED)
    {
      sim_redirect (msg, "/");
      return;
    }
  if (service == KAITSU_SERVICE_EXCHANGE_ONLINE && sim_form_value (self, form, "sync_scope") == NULL)
    {
      grant_dialog (self, origin, msg, service, query,
                    SIM_T (self, "同期するユーザを選択してください。", "Choose the users to synchronize."));
      return;
    }
  sim_start_sync (self, service);
  sim_redirect (msg, "/");
}

/* ---- The 2024 manual's console ----------------------------------------------------------- */

static void
service_accounts_page (KaitsuSimulator   *self,
                       SimOrigin          origin,
                       SoupServerMessage *msg)
{
  SimPage *page = sim_console_begin (self, origin, SIM_T (self, "サービスアカウント", "Service Account"));

  sim_page_link (page, "/add", SIM_T (self, "追加", "Add"));
  for (KaitsuService s = 0; s < KAITSU_N_SERVICES; s++)
    {
      g_autofree char *line = g_strdup_printf ("%s: %s", kaitsu_service_get_name (s), state_text (self, self->services[s].state));

      sim_page_text (page, "p", line);
      if (self->services[s].app_id != NULL)
        {
          g_autofree char *app = g_strdup_printf ("%s: %s", SIM_T (self, "アプリID", "App ID"), self->services[s].app_id);
          sim_page_text (page, "p", app);
        }
    }
  sim_console_end (self, page, msg, KAITSU_SERVICE_NONE);
}

static void
grant_page_2024 (KaitsuSimulator   *self,
                 SimOrigin          origin,
                 SoupServerMessage *msg,
                 KaitsuService      service)
{
  g_autofree char *title = grant_title (self, service);
  KaitsuService busy = busy_service (self, service);
  SimService *record = &self->services[service];
  SimPage *page = sim_console_begin (self, origin, title);

  if (busy != KAITSU_SERVICE_NONE && record->state != SIM_SYNCING)
    {
      grant_busy (self, page, busy);
      sim_page_link (page, "/service-accounts", "閉じる");
      sim_console_end (self, page, msg, service);
      return;
    }
  if (record->state == SIM_NONE || record->state == SIM_CONNECTING)
    {
      g_autofree char *url = sim_consent_url (self, origin, service, 0);

      sim_page_text (page, "p", "有効にするポリシーを選択してください。");
      sim_page_form_begin (page, "/service-accounts");
      sim_page_input (page, "高度な脅威対策", "policy_atp", "checkbox", NULL);
      sim_page_input (page, "情報漏えい対策", "policy_dlp", "checkbox", NULL);
      sim_page_form_end (page);
      sim_page_popup (page, url, "権限の付与");
    }
  else
    {
      g_autofree char *line = g_strdup_printf ("状態: %s", state_text (self, record->state));
      sim_page_text (page, "p", line);
    }
  if (record->state == SIM_WAITING_APPINV)
    {
      g_autofree char *app = g_strdup_printf ("アプリID: %s", record->app_id);

      sim_page_text (page, "p", app);
      sim_page_text (page, "p", "SharePoint 管理センターでアプリの権限を設定してから「完了」を押してください。");
      sim_page_form_begin (page, "/teams-complete");
      sim_page_submit (page, "完了", "done", TRUE);
      sim_page_form_end (page);
    }
  {
    g_autofree char *self_link = g_strdup_printf ("/add/grant?service=%s", kaitsu_service_get_id (service));
    sim_page_link (page, self_link, "ステータスの更新");
  }
  sim_page_link (page, "/service-accounts", "閉じる");
  sim_console_end (self, page, msg, KAITSU_SERVICE_NONE);
}

/* ---- The grant's return from Microsoft ---------------------------------------------------- */

static void
provision (KaitsuSimulator   *self,
           SimOrigin          origin,
           SoupServerMessage *msg,
           GHashTable        *query)
{
  const char *state = query != NULL ? g_hash_table_lookup (query, "state") : NULL;
  const char *error = query != NULL ? g_hash_table_lookup (query, "error") : NULL;
  g_auto (GStrv) parts = g_strsplit (state != NULL ? state : "", ".", 2);
  KaitsuService service = kaitsu_service_from_id (parts[0]);
  SimLook look = is_v1 (origin) ? SIM_LOOK_VISION_ONE : SIM_LOOK_CONSOLE;
  SimService *record;
  SimPage *page;

  if (service == KAITSU_SERVICE_NONE)
    {
      page = sim_page_begin (self, look, APP_NAME);
      sim_page_text (page, "p", SIM_T (self, "不明な要求です。", "Unknown request."));
      sim_page_send (page, msg);
      return;
    }
  record = &self->services[service];
  record->attempts++;
  if (error != NULL)
    {
      const char *description = g_hash_table_lookup (query, "error_description");

      record->state = SIM_NONE;
      page = sim_page_begin (self, look, APP_NAME);
      sim_page_text (page, "h1", SIM_T (self, "権限の付与に失敗しました", "Granting the permission failed"));
      sim_page_text (page, "p", description != NULL ? description : error);
      sim_page_send (page, msg);
      sim_changed (self);
      return;
    }
  if (self->is.provision_error_once)
    {
      self->is.provision_error_once = FALSE;
      record->state = SIM_NONE;
      page = sim_page_begin (self, look, APP_NAME);
      sim_page_text (page, "h1", SIM_T (self, "エラー", "Error"));
      sim_page_text (page, "p", SIM_T (self, "プロビジョニング中にエラーが発生しました。ダイアログを閉じてページを再読み込みし、もう一度お試しください。",
                                       "An error occurred during provisioning. Close the dialog, reload the page and try again."));
      sim_page_send (page, msg);
      sim_changed (self);
      return;
    }
  record->consents++;
  /* Exchange Online may ask twice (EWS, then Graph) */
  if (self->is.exchange_two_consents && service == KAITSU_SERVICE_EXCHANGE_ONLINE && record->consents == 1)
    {
      g_autofree char *second = sim_consent_url (self, origin, service, 1);
      soup_server_message_set_redirect (msg, SOUP_STATUS_FOUND, second);
      return;
    }
  page = sim_page_begin (self, look, is_v1 (origin) ? "Trend Vision One" : APP_NAME);
  /* Vision One's page says something else (its words are not known): Kaitsu goes by the address */
  sim_page_text (page, "p", is_v1 (origin) ? SIM_T (self, "Cloud Email and Collaboration Protection の設定を続けています。このウィンドウは閉じてかまいません。",
                                                    "Cloud Email and Collaboration Protection is finishing the setup. You may close this window.")
                                           : PROVISION_TEXT);
  sim_page_send (page, msg);
  if (service == KAITSU_SERVICE_TEAMS && (self->is.teams_appinv || self->is.teams_appinv_retired))
    {
      record->state = SIM_WAITING_APPINV;
      g_free (record->app_id);
      record->app_id = g_uuid_string_random ();
      g_free (self->services[KAITSU_SERVICE_SHAREPOINT_ONLINE].app_id);
      self->services[KAITSU_SERVICE_SHAREPOINT_ONLINE].app_id = g_uuid_string_random ();
      sim_changed (self);
      return;
    }
  /* Today's console asks for 「完了」 first, except for Teams, which finishes by itself */
  if (!self->is.manual_2024 && service != KAITSU_SERVICE_TEAMS)
    {
      record->state = SIM_CREATED;
      sim_changed (self);
      return;
    }
  sim_start_sync (self, service);
}

/* ---- Routing -------------------------------------------------------------------------------- */

static const char *
teams_chat_note (KaitsuSimulator *self)
{
  return SIM_T (self, "Teamsチャットは Microsoft から追加料金を請求されることがあります。",
                "Microsoft may charge extra for Teams Chat.");
}

/* Box, Dropbox, Google Drive: services the activation does not cover */
static const char *
other_note (KaitsuSimulator *self)
{
  return SIM_T (self, "このサービスはおまかせクラウドアップセキュリティの Microsoft 365 向けの開通には含まれません。",
                "This service is not part of the Microsoft 365 activation.");
}

/* A place the activation does not go: said so, with why */
static void
other_service (KaitsuSimulator   *self,
               SimOrigin          origin,
               SoupServerMessage *msg,
               const char        *back,
               const char        *why)
{
  SimPage *page = sim_console_begin (self, origin, SIM_T (self, "このサービスは練習では扱いません", "Not part of this practice"));

  sim_page_text (page, "p", why);
  sim_page_link (page, back, SIM_T (self, "戻る", "Back"));
  sim_console_end (self, page, msg, KAITSU_SERVICE_NONE);
}

/* Teams Chat's own grant dialog: a service of its own, which Microsoft may bill extra */
static void
teams_chat_dialog (KaitsuSimulator   *self,
                   SimOrigin          origin,
                   SoupServerMessage *msg,
                   const char        *back)
{
  const char *title = self->is.manual_2024 ? "Teamsチャット の追加"
                      : SIM_T (self, "Teamsチャットへのアクセス権付与", "Grant Access to Teams Chat");
  SimPage *page = sim_console_begin (self, origin, title);

  sim_page_open (page, "dialog");
  sim_page_role_text (page, "h2", "h2", SIM_T (self, "ステップ1", "Step 1"));
  sim_page_text (page, "p", teams_chat_note (self));
  sim_page_role_link (page, "link", back, SIM_T (self, "ここをクリック", "Click here"));
  sim_page_link (page, back, SIM_T (self, "閉じる", "Close"));
  sim_page_close (page);
  sim_console_end (self, page, msg, KAITSU_SERVICE_NONE);
}

static KaitsuService
query_service (GHashTable *query)
{
  return kaitsu_service_from_id (query != NULL ? g_hash_table_lookup (query, "service") : NULL);
}

void
sim_console_handle (KaitsuSimulator   *self,
                    SimOrigin          origin,
                    SoupServerMessage *msg,
                    const char        *path,
                    GHashTable        *query)
{
  const char *ticket = query != NULL ? g_hash_table_lookup (query, "ticket") : NULL;
  gboolean post = soup_server_message_get_method (msg) == SOUP_METHOD_POST;
  SimPage *page;

  if (g_str_equal (path, is_v1 (origin) ? "/ui/cas/provision.html" : "/provision.html"))
    {
      provision (self, origin, msg, query);
      return;
    }
  if (ticket != NULL && self->console_ticket != NULL && g_str_equal (ticket, self->console_ticket))
    {
      g_clear_pointer (&self->console_ticket, g_free);
      g_free (self->console_session);
      self->console_session = sim_new_secret ();
      sim_set_cookie (msg, "CASSESSION", self->console_session);
      sim_redirect (msg, "/");
      return;
    }
  if (!sim_has_session (msg, "CASSESSION", self->console_session))
    {
      page = sim_page_begin (self, is_v1 (origin) ? SIM_LOOK_VISION_ONE : SIM_LOOK_CONSOLE, APP_NAME);
      sim_page_text (page, "p", SIM_T (self, "セッションの有効期限が切れました。Licensing Management Platform からコンソールを開いてください。",
                                       "Your session has expired. Open the console from the Licensing Management Platform."));
      sim_page_send (page, msg);
      return;
    }
  if (g_str_equal (path, "/api/status"))
    {
      const char *since = query != NULL ? g_hash_table_lookup (query, "since") : NULL;

      if (since != NULL && g_ascii_strtoull (since, NULL, 10) >= self->version && self->waiters->len < 64)
        {
          /* Answered when something changes */
          soup_server_message_pause (msg);
          g_ptr_array_add (self->waiters, msg);
          g_signal_connect_swapped (msg, "finished", G_CALLBACK (g_ptr_array_remove), self->waiters);
          return;
        }
      respond_status (self, msg);
      return;
    }
  if (g_str_equal (path, "/teams-complete") && post)
    {
      /* Trend Micro's current console completes Teams with its own consent even when
       * SharePoint refuses the app (Microsoft retired the mechanism on 2026-04-02). */
      if (self->services[KAITSU_SERVICE_TEAMS].state == SIM_WAITING_APPINV &&
          (self->appinv_trusted || self->appinv_refused))
        sim_start_sync (self, KAITSU_SERVICE_TEAMS);
      sim_redirect (msg, self->is.manual_2024 ? "/add/grant?service=teams" : "/grant?service=teams");
      return;
    }
  if (g_str_equal (path, "/service-accounts"))
    {
      service_accounts_page (self, origin, msg);
      return;
    }
  if (g_str_equal (path, "/grant/policy") && post && query_service (query) != KAITSU_SERVICE_NONE)
    {
      /* The dialog's choice, remembered as the console does while the dialog is open */
      self->services[query_service (query)].auto_policy = g_strcmp0 (g_hash_table_lookup (query, "on"), "1") == 0;
      soup_server_message_set_status (msg, SOUP_STATUS_NO_CONTENT, NULL);
      return;
    }
  if (sim_policies_handle (self, origin, msg, path, query))
    return;
  if (self->is.manual_2024)
    {
      if (g_str_equal (path, "/add"))
        {
          page = sim_console_begin (self, origin, "組織の選択");
          sim_page_link (page, "/add/services", organisation (self));
          sim_console_end (self, page, msg, KAITSU_SERVICE_NONE);
          return;
        }
      if (g_str_equal (path, "/add/services"))
        {
          page = sim_console_begin (self, origin, "サービスの選択");
          for (KaitsuService s = 0; s < KAITSU_N_SERVICES; s++)
            {
              g_autofree char *link = g_strdup_printf ("/add/grant?service=%s", kaitsu_service_get_id (s));
              sim_page_link (page, link, kaitsu_service_get_name (s));
              if (s == KAITSU_SERVICE_TEAMS)
                sim_page_link (page, "/add/teams-chat", "Teamsチャット");
            }
          sim_page_link (page, "/add/other", "Box");
          sim_console_end (self, page, msg, KAITSU_SERVICE_NONE);
          return;
        }
      if (g_str_equal (path, "/add/teams-chat"))
        {
          teams_chat_dialog (self, origin, msg, "/add/services");
          return;
        }
      if (g_str_equal (path, "/add/other"))
        {
          other_service (self, origin, msg, "/add/services", other_note (self));
          return;
        }
      if (g_str_equal (path, "/add/grant") && query_service (query) != KAITSU_SERVICE_NONE)
        {
          grant_page_2024 (self, origin, msg, query_service (query));
          return;
        }
      page = sim_console_begin (self, origin, "組織管理");
      sim_page_text (page, "p", organisation (self));
      sim_console_end (self, page, msg, KAITSU_SERVICE_NONE);
      return;
    }
  if (g_str_equal (path, "/grant") && query_service (query) != KAITSU_SERVICE_NONE)
    {
      grant_dialog (self, origin, msg, query_service (query), query, NULL);
      return;
    }
  if (g_str_equal (path, "/grant/done") && post && query_service (query) != KAITSU_SERVICE_NONE)
    {
      grant_done (self, origin, msg, query_service (query), query);
      return;
    }
  if (g_str_equal (path, "/grant-teams-chat"))
    {
      teams_chat_dialog (self, origin, msg, "/");
      return;
    }
  if (g_str_equal (path, "/grant-other"))
    {
      other_service (self, origin, msg, "/", other_note (self));
      return;
    }
  if (g_str_equal (path, "/connect-vision-one"))
    {
      other_service (self, origin, msg, "/",
                     SIM_T (self, "Trend Vision One への接続はアクティベーションとは別の作業です。パートナーにご相談ください。",
                            "Connecting to Trend Vision One is separate from the activation. Ask your partner first."));
      return;
    }
  dashboard (self, origin, msg);
}

void
sim_cas_handle (SoupServer        *server,
                SoupServerMessage *msg,
                const char        *path,
                GHashTable        *query,
                gpointer           data)
{
  sim_console_handle (data, SIM_ORIGIN_CONSOLE, msg, path, query);
}
