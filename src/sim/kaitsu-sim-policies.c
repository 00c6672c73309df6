/* SPDX-License-Identifier: GPL-3.0-or-later */
/* kaitsu-sim-policies.c: the consoles' threat protection policies. Each grant creates two
 * default Advanced Threat Protection policies, the one that acts and the monitor-only one,
 * both switched off (Trend Micro's help). Today's console lists them under 「ポリシー」 (a
 * status word per row), the 2024 console under 「高度な脅威対策」 → 「現在の組織」 (a switch
 * per row), Trend Vision One under its own 「ポリシー」 with shorter names (a check box per
 * row). A policy's 「一般」 tab switches it on; saving goes back to the list. */

#include "config.h"

#define G_LOG_DOMAIN "kaitsu-sim"

#include "kaitsu-sim-private.h"

typedef enum
{
  LOOK_TODAY,
  LOOK_2024,
  LOOK_V1,
} PolicyLook;

static PolicyLook
look_of (KaitsuSimulator *self,
         SimOrigin        origin)
{
  if (sim_is_v1 (origin))
    return LOOK_V1;
  return self->is.manual_2024 ? LOOK_2024 : LOOK_TODAY;
}

static const char *
list_path (PolicyLook look)
{
  return look == LOOK_2024 ? "/atp" : "/policies";
}

static char *
policy_name (KaitsuSimulator *self,
             PolicyLook       look,
             gboolean         monitor)
{
  const char *base = look == LOOK_V1 ? SIM_T (self, "初期設定のATPポリシー", "Default ATP Policy")
                                     : SIM_T (self, "初期設定の高度な脅威対策ポリシー", "Default ATP policy");

  if (!monitor)
    return g_strdup (base);
  return g_strdup_printf ("%s %s", base, SIM_T (self, "(監視のみ)", "(monitor only)"));
}

/* On or off, the way this console shows it */
static void
state_cell (KaitsuSimulator *self,
            SimPage         *page,
            PolicyLook       look,
            gboolean         on)
{
  const char *word = on ? SIM_T (self, "有効", "Enabled") : SIM_T (self, "無効", "Disabled");

  switch (look)
    {
    case LOOK_2024:
      sim_page_printf (page, "<td><span role=\"switch\" aria-checked=\"%s\" aria-label=\"%s\" class=\"%s\"></span></td>",
                       on ? "true" : "false", word, sim_page_class (page, on ? "switch-on" : "switch-off"));
      break;
    case LOOK_V1:
      sim_page_printf (page, "<td><input type=\"checkbox\" disabled%s aria-label=\"%s\"></td>", on ? " checked" : "", word);
      break;
    case LOOK_TODAY:
    default:
      sim_page_printf (page, "<td><span class=\"%s\">%s</span></td>", sim_page_class (page, on ? "success" : "muted"), word);
      break;
    }
}

static void
policy_row (KaitsuSimulator *self,
            SimPage         *page,
            PolicyLook       look,
            KaitsuService    service,
            gboolean         monitor)
{
  SimService *record = &self->services[service];
  g_autofree char *name = policy_name (self, look, monitor);
  g_autofree char *href = g_strdup_printf ("/policy?service=%s&kind=%s", kaitsu_service_get_id (service),
                                           monitor ? "monitor" : "atp");

  sim_page_raw (page, "<tr><td>");
  sim_page_role_link (page, "link", href, name);
  sim_page_raw (page, "</td>");
  state_cell (self, page, look, monitor ? record->monitor_on : record->atp_on);
  sim_page_printf (page, "<td>%s</td></tr>", SIM_T (self, "すべてのユーザ", "All users"));
}

/* One service's two default policies, under a heading that names it */
static void
service_policies (KaitsuSimulator *self,
                  SimPage         *page,
                  PolicyLook       look,
                  KaitsuService    service)
{
  sim_page_open (page, NULL);
  sim_page_text (page, look == LOOK_2024 ? "h3" : "h4", kaitsu_service_get_name (service));
  if (!self->services[service].has_policies)
    {
      sim_page_role_text (page, "p", "small", SIM_T (self, "アクセス権が付与されていないため、ポリシーはありません。",
                                                     "No policies: access has not been granted."));
      sim_page_close (page);
      return;
    }
  sim_page_printf (page, "<table class=\"%s\"><tr><th>%s</th><th>%s</th><th>%s</th></tr>", sim_page_class (page, "table"),
                   SIM_T (self, "ポリシー", "Policy"), SIM_T (self, "ステータス", "Status"), SIM_T (self, "対象", "Targets"));
  policy_row (self, page, look, service, FALSE);
  policy_row (self, page, look, service, TRUE);
  sim_page_raw (page, "</table>");
  sim_page_close (page);
}

static void
list_page (KaitsuSimulator   *self,
           SimOrigin          origin,
           SoupServerMessage *msg)
{
  PolicyLook look = look_of (self, origin);
  SimPage *page;

  if (look == LOOK_2024)
    {
      page = sim_console_begin (self, origin, "高度な脅威対策");
      sim_page_open (page, "card");
      sim_page_text (page, "h2", "現在の組織: 初期設定の組織");
      for (KaitsuService s = 0; s < KAITSU_N_SERVICES; s++)
        service_policies (self, page, look, s);
      sim_page_link (page, "/atp", "追加");
      sim_page_close (page);
      sim_console_end (self, page, msg, KAITSU_SERVICE_NONE);
      return;
    }
  page = sim_console_begin (self, origin, SIM_T (self, "ポリシー管理", "Policy Management"));
  sim_page_open (page, "card");
  sim_page_text (page, "h2", SIM_T (self, "メールポリシー", "Email Policies"));
  sim_page_text (page, "h3", SIM_T (self, "高度な脅威対策", "Advanced Threat Protection"));
  service_policies (self, page, look, KAITSU_SERVICE_EXCHANGE_ONLINE);
  sim_page_close (page);
  sim_page_open (page, "card");
  sim_page_text (page, "h2", SIM_T (self, "コラボレーションサービスのポリシー", "Collaboration Service Policies"));
  sim_page_text (page, "h3", SIM_T (self, "高度な脅威対策", "Advanced Threat Protection"));
  for (KaitsuService s = KAITSU_SERVICE_SHAREPOINT_ONLINE; s < KAITSU_N_SERVICES; s++)
    service_policies (self, page, look, s);
  sim_page_close (page);
  sim_page_open (page, "card");
  sim_page_text (page, "h3", SIM_T (self, "情報漏えい対策", "Data Loss Prevention"));
  sim_page_link (page, "/dlp", SIM_T (self, "ポリシーを追加", "Add Policy"));
  sim_page_close (page);
  sim_console_end (self, page, msg, KAITSU_SERVICE_NONE);
}

static void
edit_page (KaitsuSimulator   *self,
           SimOrigin          origin,
           SoupServerMessage *msg,
           KaitsuService      service,
           gboolean           monitor)
{
  PolicyLook look = look_of (self, origin);
  SimService *record = &self->services[service];
  g_autofree char *name = policy_name (self, look, monitor);
  g_autofree char *title = g_strdup_printf ("%s (%s)", name, kaitsu_service_get_name (service));
  g_autofree char *action = g_strdup_printf ("/policy/save?service=%s&kind=%s", kaitsu_service_get_id (service),
                                             monitor ? "monitor" : "atp");
  gboolean on = monitor ? record->monitor_on : record->atp_on;
  const char *tabs[] = { SIM_T (self, "一般", "General"), SIM_T (self, "高度なスパムメール対策", "Advanced Spam Protection"),
                         SIM_T (self, "不正プログラム検索", "Malware Scanning"), SIM_T (self, "ファイルブロック", "File Blocking"),
                         SIM_T (self, "Webレピュテーション", "Web Reputation"), SIM_T (self, "仮想アナライザ", "Virtual Analyzer") };
  SimPage *page;

  if (!record->has_policies)
    {
      sim_redirect (msg, list_path (look));
      return;
    }
  page = sim_console_begin (self, origin, title);
  sim_page_open (page, "nav");
  for (guint i = 0; i < G_N_ELEMENTS (tabs); i++)
    /* Spam protection and the virtual analyser are for mail only */
    if (service == KAITSU_SERVICE_EXCHANGE_ONLINE || (i != 1 && i != 5))
      sim_page_role_text (page, "span", i == 0 ? "tab-current" : "tab", tabs[i]);
  sim_page_close (page);
  sim_page_open (page, "card");
  sim_page_form_begin (page, action);
  sim_page_input (page, SIM_T (self, "ポリシー名", "Policy name"), "policy_name", "text", name);
  if (look == LOOK_V1)
    sim_page_input (page, SIM_T (self, "ポリシーを有効にします。", "Enable the policy."), "policy_on", "checkbox",
                    on ? "1" : NULL);
  else
    sim_page_input (page, SIM_T (self, "リアルタイム検索の有効化", "Enable real-time scan"), "policy_on", "checkbox",
                    on ? "1" : NULL);
  if (monitor)
    sim_page_role_text (page, "p", "small", SIM_T (self, "このポリシーはログを記録するだけで、処理は「放置」に固定されています。",
                                                   "This policy only logs: its actions are fixed to Pass."));
  sim_page_submit (page, SIM_T (self, "保存", "Save"), "save", TRUE);
  sim_page_form_end (page);
  sim_page_link (page, list_path (look), SIM_T (self, "キャンセル", "Cancel"));
  sim_page_close (page);
  sim_console_end (self, page, msg, KAITSU_SERVICE_NONE);
}

static void
save_policy (KaitsuSimulator   *self,
             SimOrigin          origin,
             SoupServerMessage *msg,
             KaitsuService      service,
             gboolean           monitor)
{
  g_autoptr (GHashTable) form = sim_read_form (msg);
  gboolean on = sim_form_value (self, form, "policy_on") != NULL;

  if (self->services[service].has_policies)
    {
      if (monitor)
        self->services[service].monitor_on = on;
      else
        self->services[service].atp_on = on;
      sim_changed (self);
    }
  sim_redirect (msg, list_path (look_of (self, origin)));
}

static void
dlp_page (KaitsuSimulator   *self,
          SimOrigin          origin,
          SoupServerMessage *msg)
{
  SimPage *page = sim_console_begin (self, origin, SIM_T (self, "情報漏えい対策", "Data Loss Prevention"));

  sim_page_open (page, "card");
  sim_page_text (page, "p", SIM_T (self, "コンプライアンステンプレートを選択して、検出する情報と処理を設定します。",
                                   "Choose compliance templates, then what is detected and the action to take."));
  sim_page_text (page, "p", SIM_T (self, "ポリシーはまだありません。", "No policies yet."));
  sim_page_link (page, look_of (self, origin) == LOOK_2024 ? "/atp" : "/policies", SIM_T (self, "戻る", "Back"));
  sim_page_close (page);
  sim_console_end (self, page, msg, KAITSU_SERVICE_NONE);
}

gboolean
sim_policies_handle (KaitsuSimulator   *self,
                     SimOrigin          origin,
                     SoupServerMessage *msg,
                     const char        *path,
                     GHashTable        *query)
{
  const char *service_id = query != NULL ? g_hash_table_lookup (query, "service") : NULL;
  const char *kind = query != NULL ? g_hash_table_lookup (query, "kind") : NULL;
  KaitsuService service = kaitsu_service_from_id (service_id);
  gboolean monitor = g_strcmp0 (kind, "monitor") == 0;

  if (g_str_equal (path, list_path (look_of (self, origin))))
    list_page (self, origin, msg);
  else if (g_str_equal (path, "/dlp"))
    dlp_page (self, origin, msg);
  else if (g_str_equal (path, "/policy") && service != KAITSU_SERVICE_NONE)
    edit_page (self, origin, msg, service, monitor);
  else if (g_str_equal (path, "/policy/save") && service != KAITSU_SERVICE_NONE &&
           soup_server_message_get_method (msg) == SOUP_METHOD_POST)
    save_policy (self, origin, msg, service, monitor);
  else
    return FALSE;
  return TRUE;
}

/* Today's dashboard scores how well the threats are covered */
void
sim_policies_widget (KaitsuSimulator *self,
                     SimPage         *page)
{
  guint granted = 0, acting = 0;
  g_autofree char *score = NULL;

  if (self->is.manual_2024)
    return;
  for (KaitsuService s = 0; s < KAITSU_N_SERVICES; s++)
    {
      granted += self->services[s].has_policies;
      acting += self->services[s].has_policies && self->services[s].atp_on;
    }
  score = self->is.english ? g_strdup_printf ("Ransomware, phishing and BEC protection: %u of %u services", acting, granted)
                           : g_strdup_printf ("ランサムウェア・フィッシング・ビジネスメール詐欺の対策: %u / %u サービス", acting, granted);
  sim_page_open (page, "card");
  sim_page_text (page, "h2", SIM_T (self, "保護機能の導入", "Protection Feature Adoption"));
  sim_page_text (page, "p", score);
  sim_page_close (page);
}
