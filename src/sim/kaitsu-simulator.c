/* SPDX-License-Identifier: GPL-3.0-or-later */
/* kaitsu-simulator.c: every screen of the activation, label for label, one loopback origin per
 * site. The markup (ids, classes, field names, nesting, order) changes from run to run: only
 * addresses and visible texts stay, as on the real sites. */

#include "config.h"

#define G_LOG_DOMAIN "kaitsu-sim"

#include <libsoup/soup.h>
#include <string.h>

#include "kaitsu-mail.h"
#include "kaitsu-password-rule.h"
#include "kaitsu-procedure.h"
#include "kaitsu-simulator.h"

G_DEFINE_QUARK (kaitsu-simulator-error-quark, kaitsu_simulator_error)

#define PROVISION_TEXT "Please close this window, then back to Trend Micro Cloud App Security continue provision."
#define CONSOLE_TITLE "Trend Micro Cloud App Security | 運用管理"
#define ORGANISATION "初期設定の組織"
#define APP_NAME "Trend Micro Cloud App Security"

static const char * const scenario_names[] = {
  "consent-declined-once", "provision-error-once", "extra-consent", "blocked-53003",
  "twofa-prompt", "sync-delay=SECONDS", "pending-stuck", "teams-appinv", "teams-appinv-retired",
  "hostile-page", "wrong-service-once",
  NULL,
};

typedef enum
{
  SIM_NONE,
  SIM_CONNECTING,
  SIM_WAITING_APPINV,
  SIM_SYNCING,
  SIM_PROTECTED,
} SimState;

typedef struct
{
  SimState state;
  guint consents;
  guint attempts;
  char *app_id;
  guint sync_source;
} SimService;

typedef struct
{
  gint64 time;
  gboolean pending;
  char *text;
} SimEntry;

struct _KaitsuSimulator
{
  GObject parent_instance;

  SoupServer *servers[KAITSU_N_SITES];
  KaitsuSites *sites;
  GRand *rand;
  GHashTable *field_names;
  GHashTable *classes;

  char *token;
  char *reset_v;
  char *password;
  char *lmp_session;
  char *console_ticket;
  char *console_session;
  char *ms_session;
  char *tenant;

  /* Scenarios */
  gboolean consent_declined_once;
  gboolean provision_error_once;
  gboolean extra_consent;
  gboolean blocked_53003;
  gboolean twofa_prompt;
  gboolean pending_stuck;
  gboolean teams_appinv;
  gboolean teams_appinv_retired;
  gboolean hostile_page;
  /* Not the sites' behaviour but the practice user's: on the SharePoint Online step,
   * OneDrive is chosen and granted once */
  gboolean wrong_service_once;
  guint sync_delay_s;

  gboolean twofa_done;
  gboolean privacy_done;
  gboolean appinv_trusted;
  gboolean appinv_refused;
  SimService services[KAITSU_N_SERVICES];
  GPtrArray *tasks;
  GPtrArray *notifications;
  guint version;
  GPtrArray *waiters;
};

G_DEFINE_FINAL_TYPE (KaitsuSimulator, kaitsu_simulator, G_TYPE_OBJECT)

/* ---- Markup that changes from run to run ------------------------------------------------- */

static char *
random_word (KaitsuSimulator *self)
{
  static const char letters[] = "abcdefghijklmnopqrstuvwxyz";
  char word[9];

  for (guint i = 0; i < 8; i++)
    word[i] = letters[g_rand_int_range (self->rand, 0, 26)];
  word[8] = '\0';
  return g_strdup_printf ("%s%u", word, g_rand_int_range (self->rand, 0, 1000));
}

/* A form field's name, fixed for the run, different in the next one */
static const char *
field (KaitsuSimulator *self,
       const char      *logical)
{
  const char *name = g_hash_table_lookup (self->field_names, logical);

  if (name == NULL)
    {
      name = random_word (self);
      g_hash_table_insert (self->field_names, g_strdup (logical), (char *) name);
    }
  return name;
}

typedef struct
{
  KaitsuSimulator *sim;
  GString *out;
  GArray *depths;
} Html;

static void
html_begin (Html            *html,
            KaitsuSimulator *sim,
            const char      *title)
{
  g_autofree char *escaped = g_markup_escape_text (title, -1);
  g_autofree char *body_class = random_word (sim);

  html->sim = sim;
  html->out = g_string_new (NULL);
  html->depths = g_array_new (FALSE, FALSE, sizeof (guint));
  g_string_append_printf (html->out,
                          "<!DOCTYPE html><html lang=\"ja\"><head><meta charset=\"utf-8\">"
                          "<title>%s</title><style>body{font-family:sans-serif;margin:24px;color:#222}"
                          "button,input[type=submit]{margin:4px;padding:6px 14px}"
                          "label{display:block;margin-top:8px}table{border-collapse:collapse}"
                          "td,th{border:1px solid #ccc;padding:4px 8px}</style></head>"
                          "<body class=\"%s\">", escaped, body_class);
  /* Something unrelated, sometimes before, sometimes after the content */
  if (g_rand_boolean (sim->rand))
    g_string_append_printf (html->out, "<div class=\"%s\"><small>Powered by トレンドマイクロ</small></div>",
                            body_class);
}

static void
open_block (Html *html)
{
  guint depth = g_rand_int_range (html->sim->rand, 0, 3);

  for (guint i = 0; i < depth; i++)
    {
      g_autofree char *cls = random_word (html->sim);
      g_autofree char *id = random_word (html->sim);
      g_string_append_printf (html->out, "<div class=\"%s\" id=\"%s\">", cls, id);
    }
  g_array_append_val (html->depths, depth);
}

static void
close_block (Html *html)
{
  guint depth = g_array_index (html->depths, guint, html->depths->len - 1);

  g_array_set_size (html->depths, html->depths->len - 1);
  for (guint i = 0; i < depth; i++)
    g_string_append (html->out, "</div>");
}

static void
html_text (Html       *html,
           const char *tag,
           const char *text)
{
  g_autofree char *escaped = g_markup_escape_text (text, -1);
  g_autofree char *cls = random_word (html->sim);

  open_block (html);
  g_string_append_printf (html->out, "<%s class=\"%s\">%s</%s>", tag, cls, escaped, tag);
  close_block (html);
}

static void
html_raw (Html       *html,
          const char *raw)
{
  g_string_append (html->out, raw);
}

static void
html_link (Html       *html,
           const char *href,
           const char *label)
{
  g_autofree char *h = g_markup_escape_text (href, -1);
  g_autofree char *l = g_markup_escape_text (label, -1);
  g_autofree char *cls = random_word (html->sim);

  open_block (html);
  g_string_append_printf (html->out, "<p><a class=\"%s\" href=\"%s\">%s</a></p>", cls, h, l);
  close_block (html);
}

static void
form_begin (Html       *html,
            const char *action)
{
  g_autofree char *a = g_markup_escape_text (action, -1);
  g_autofree char *id = random_word (html->sim);

  g_string_append_printf (html->out, "<form id=\"%s\" method=\"post\" action=\"%s\">", id, a);
}

static void
form_hidden (Html       *html,
             const char *name,
             const char *value)
{
  g_autofree char *v = g_markup_escape_text (value != NULL ? value : "", -1);

  g_string_append_printf (html->out, "<input type=\"hidden\" name=\"%s\" value=\"%s\">", name, v);
}

static void
form_input (Html       *html,
            const char *label,
            const char *logical,
            const char *type,
            const char *value)
{
  g_autofree char *id = random_word (html->sim);
  g_autofree char *l = g_markup_escape_text (label, -1);
  g_autofree char *v = g_markup_escape_text (value != NULL ? value : "", -1);

  open_block (html);
  if (g_str_equal (type, "checkbox"))
    g_string_append_printf (html->out, "<label for=\"%s\"><input type=\"checkbox\" id=\"%s\" name=\"%s\" value=\"1\">%s</label>",
                            id, id, field (html->sim, logical), l);
  else if (g_str_equal (type, "textarea"))
    g_string_append_printf (html->out, "<label for=\"%s\">%s</label><textarea id=\"%s\" name=\"%s\" rows=\"3\" cols=\"60\">%s</textarea>",
                            id, l, id, field (html->sim, logical), v);
  else
    g_string_append_printf (html->out, "<label for=\"%s\">%s</label><input type=\"%s\" id=\"%s\" name=\"%s\" value=\"%s\" size=\"50\">",
                            id, l, type, id, field (html->sim, logical), v);
  close_block (html);
}

static void
form_submit (Html       *html,
             const char *label,
             const char *value)
{
  g_autofree char *l = g_markup_escape_text (label, -1);
  g_autofree char *cls = random_word (html->sim);

  g_string_append_printf (html->out, "<button type=\"submit\" class=\"%s\" name=\"%s\" value=\"%s\">%s</button>",
                          cls, field (html->sim, "action"), value != NULL ? value : "go", l);
}

static void
form_end (Html *html)
{
  g_string_append (html->out, "</form>");
}

static void
html_end (Html              *html,
          SoupServerMessage *msg)
{
  char *body;
  gsize length;

  if (g_rand_boolean (html->sim->rand))
    g_string_append (html->out, "<footer><small>Copyright © Trend Micro Incorporated.</small></footer>");
  g_string_append (html->out, "</body></html>");
  length = html->out->len;
  body = g_string_free (html->out, FALSE);
  g_array_unref (html->depths);
  soup_server_message_set_status (msg, SOUP_STATUS_OK, NULL);
  soup_server_message_set_response (msg, "text/html; charset=utf-8", SOUP_MEMORY_TAKE, body, length);
}

/* ---- Request helpers ---------------------------------------------------------------------- */

static GHashTable *
read_form (SoupServerMessage *msg)
{
  SoupMessageBody *body = soup_server_message_get_request_body (msg);
  g_autoptr (GBytes) bytes = soup_message_body_flatten (body);
  g_autofree char *text = g_strndup (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes));

  return soup_form_decode (text);
}

static const char *
form_value (KaitsuSimulator *self,
            GHashTable      *form,
            const char      *logical)
{
  return form != NULL ? g_hash_table_lookup (form, field (self, logical)) : NULL;
}

static char *
get_cookie (SoupServerMessage *msg,
            const char        *name)
{
  const char *header = soup_message_headers_get_one (soup_server_message_get_request_headers (msg), "Cookie");
  g_autoptr (GHashTable) cookies = NULL;

  if (header == NULL)
    return NULL;
  cookies = soup_header_parse_semi_param_list (header);
  return g_strdup (g_hash_table_lookup (cookies, name));
}

static void
set_cookie (SoupServerMessage *msg,
            const char        *name,
            const char        *value)
{
  g_autofree char *header = g_strdup_printf ("%s=%s; Path=/; HttpOnly; SameSite=Lax", name, value);

  soup_message_headers_append (soup_server_message_get_response_headers (msg), "Set-Cookie", header);
}

static gboolean
has_session (SoupServerMessage *msg,
             const char        *name,
             const char        *expected)
{
  g_autofree char *value = get_cookie (msg, name);

  return expected != NULL && g_strcmp0 (value, expected) == 0;
}

static void
redirect (SoupServerMessage *msg,
          const char        *location)
{
  soup_server_message_set_redirect (msg, SOUP_STATUS_SEE_OTHER, location);
}

static char *
site_url (KaitsuSimulator *self,
          KaitsuSite       site,
          const char      *path)
{
  return g_strconcat (kaitsu_sites_get_base (self->sites, site), path, NULL);
}

static char *
new_guid (void)
{
  return g_uuid_string_random ();
}

static char *
new_secret (void)
{
  g_autofree char *uuid = g_uuid_string_random ();
  GString *out = g_string_new (NULL);

  for (const char *p = uuid; *p != '\0'; p++)
    if (*p != '-')
      g_string_append_c (out, *p);
  return g_string_free (out, FALSE);
}

/* ---- Console state ------------------------------------------------------------------------ */

static void respond_status (KaitsuSimulator *self, SoupServerMessage *msg);

static void
changed (KaitsuSimulator *self)
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

static void
entry_free (gpointer data)
{
  SimEntry *entry = data;

  g_free (entry->text);
  g_free (entry);
}

static KaitsuService
service_from_param (const char *id)
{
  return kaitsu_service_from_id (id);
}

static KaitsuService
busy_service (KaitsuSimulator *self,
              KaitsuService    except)
{
  for (KaitsuService s = 0; s < KAITSU_N_SERVICES; s++)
    if (s != except && (self->services[s].state == SIM_SYNCING))
      return s;
  return KAITSU_SERVICE_NONE;
}

static gboolean
finish_sync (gpointer data)
{
  KaitsuSimulator *self = g_object_get_data (G_OBJECT (data), "simulator");
  KaitsuService service = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (data), "service"));
  g_autofree char *task = g_strdup_printf ("%sのユーザおよびグループを更新しました。",
                                           kaitsu_service_get_name (service));
  g_autofree char *note = g_strdup_printf ("%sは保護されています。 - " ORGANISATION,
                                           kaitsu_service_get_name (service));

  self->services[service].sync_source = 0;
  self->services[service].state = SIM_PROTECTED;
  /* The pending task becomes a success, as the console shows it. */
  for (guint i = 0; i < self->tasks->len; i++)
    {
      SimEntry *entry = g_ptr_array_index (self->tasks, i);
      if (entry->pending && strstr (entry->text, kaitsu_service_get_name (service)) != NULL)
        g_ptr_array_remove_index (self->tasks, i--);
    }
  add_entry (self->tasks, FALSE, task);
  add_entry (self->notifications, FALSE, note);
  changed (self);
  return G_SOURCE_REMOVE;
}

static void
start_sync (KaitsuSimulator *self,
            KaitsuService    service)
{
  g_autofree char *task = g_strdup_printf ("%sのユーザおよびグループを更新しています。",
                                           kaitsu_service_get_name (service));
  GObject *token = g_object_new (G_TYPE_OBJECT, NULL);

  self->services[service].state = SIM_SYNCING;
  add_entry (self->tasks, TRUE, task);
  changed (self);
  if (self->pending_stuck)
    {
      g_object_unref (token);
      return;
    }
  g_object_set_data (token, "simulator", self);
  g_object_set_data (token, "service", GINT_TO_POINTER (service));
  /* The scenario's sync time; zero means as soon as the page is answered */
  self->services[service].sync_source =
    g_timeout_add_full (G_PRIORITY_DEFAULT, self->sync_delay_s * 1000, finish_sync, token, g_object_unref);
}

/* ---- Pages: password reset ---------------------------------------------------------------- */

static void
reset_page (KaitsuSimulator   *self,
            SoupServerMessage *msg,
            const char        *error)
{
  Html html;
  g_autofree char *account = g_strdup_printf ("アカウント名: %s", KAITSU_PRACTICE_ACCOUNT);

  html_begin (&html, self, "パスワードのリセット");
  html_text (&html, "p", "TREND MICRO Licensing Management Platform");
  html_text (&html, "h1", "パスワードのリセット");
  html_text (&html, "p", "ログインIDを確認し、新しいパスワードを入力してください。");
  html_text (&html, "p", account);
  if (error != NULL)
    html_text (&html, "p", error);
  form_begin (&html, "/ForgetPassword/ResetPassword");
  form_hidden (&html, "T", self->token);
  form_hidden (&html, "v", self->reset_v);
  form_input (&html, "新しいパスワード:", "new_password", "password", NULL);
  html_text (&html, "p", "数字、大文字、小文字を使用した8文字以上25文字以下のパスワードを設定してください。");
  form_input (&html, "パスワードの確認入力:", "confirm_password", "password", NULL);
  form_submit (&html, "保存", "save");
  form_end (&html);
  html_end (&html, msg);
}

static void
handle_reset (SoupServer        *server,
              SoupServerMessage *msg,
              const char        *path,
              GHashTable        *query,
              gpointer           data)
{
  KaitsuSimulator *self = data;
  g_autoptr (GHashTable) form = NULL;
  const char *token, *v, *password, *confirm;
  Html html;

  if (soup_server_message_get_method (msg) == SOUP_METHOD_GET)
    {
      token = query != NULL ? g_hash_table_lookup (query, "T") : NULL;
      v = query != NULL ? g_hash_table_lookup (query, "v") : NULL;
      if (g_strcmp0 (token, self->token) != 0 || g_strcmp0 (v, self->reset_v) != 0)
        {
          html_begin (&html, self, "パスワードのリセット");
          html_text (&html, "p", "このリンクは無効です。");
          html_end (&html, msg);
          return;
        }
      reset_page (self, msg, NULL);
      return;
    }
  form = read_form (msg);
  if (g_strcmp0 (g_hash_table_lookup (form, "T"), self->token) != 0)
    {
      reset_page (self, msg, "このリンクは無効です。");
      return;
    }
  password = form_value (self, form, "new_password");
  confirm = form_value (self, form, "confirm_password");
  if (password == NULL || kaitsu_password_check (password) != KAITSU_PASSWORD_OK)
    {
      reset_page (self, msg, "数字、大文字、小文字を使用した8文字以上25文字以下のパスワードを設定してください。");
      return;
    }
  if (g_strcmp0 (password, confirm) != 0)
    {
      reset_page (self, msg, "パスワードが一致しません。");
      return;
    }
  g_free (self->password);
  self->password = g_strdup (password);
  {
    g_autofree char *login = site_url (self, KAITSU_SITE_LMP, "/Dashboard?T=");
    g_autofree char *login_full = g_strconcat (login, self->token, NULL);

    html_begin (&html, self, "パスワードのリセット");
    html_text (&html, "h1", "パスワードを変更しました。");
    html_link (&html, login_full, "ログイン画面へ");
    html_end (&html, msg);
  }
}

/* ---- Pages: Licensing Management Platform ------------------------------------------------- */

static void
login_page (KaitsuSimulator   *self,
            SoupServerMessage *msg,
            const char        *error)
{
  Html html;
  g_autofree char *forgot = site_url (self, KAITSU_SITE_PASSWORD_RESET, "/ForgetPassword");

  html_begin (&html, self, "Licensing Management Platform");
  html_text (&html, "p", "TREND MICRO Licensing Management Platform Powered by トレンドマイクロ");
  html_text (&html, "h1", "登録情報を入力してください");
  if (error != NULL)
    html_text (&html, "p", error);
  form_begin (&html, "/login");
  form_input (&html, "アカウント:", "account", "text", NULL);
  form_input (&html, "パスワード:", "password", "password", NULL);
  html_link (&html, forgot, "パスワードのリセット/パスワードをお忘れの場合");
  form_input (&html, "アカウント名を記憶する", "remember", "checkbox", NULL);
  form_submit (&html, "ログイン", "login");
  form_end (&html);
  html_end (&html, msg);
}

static void
button_page (KaitsuSimulator   *self,
             SoupServerMessage *msg,
             const char        *title,
             const char * const *paragraphs,
             const char        *action,
             const char * const *buttons)
{
  Html html;

  html_begin (&html, self, title);
  html_text (&html, "h1", title);
  for (guint i = 0; paragraphs != NULL && paragraphs[i] != NULL; i++)
    html_text (&html, "p", paragraphs[i]);
  form_begin (&html, action);
  for (guint i = 0; buttons[i] != NULL; i += 2)
    form_submit (&html, buttons[i], buttons[i + 1]);
  form_end (&html);
  html_end (&html, msg);
}

static void
handle_lmp (SoupServer        *server,
            SoupServerMessage *msg,
            const char        *path,
            GHashTable        *query,
            gpointer           data)
{
  KaitsuSimulator *self = data;
  gboolean post = soup_server_message_get_method (msg) == SOUP_METHOD_POST;
  gboolean logged_in = has_session (msg, "LMPSESSION", self->lmp_session);
  g_autoptr (GHashTable) form = post ? read_form (msg) : NULL;
  const char *action = form_value (self, form, "action");

  if (g_str_equal (path, "/login") && post)
    {
      if (g_strcmp0 (form_value (self, form, "account"), KAITSU_PRACTICE_ACCOUNT) != 0 ||
          self->password == NULL ||
          g_strcmp0 (form_value (self, form, "password"), self->password) != 0)
        {
          login_page (self, msg, "アカウント名またはパスワードが正しくありません。");
          return;
        }
      g_free (self->lmp_session);
      self->lmp_session = new_secret ();
      set_cookie (msg, "LMPSESSION", self->lmp_session);
      redirect (msg, self->twofa_prompt && !self->twofa_done ? "/twofa" : "/privacy");
      return;
    }
  if (!logged_in)
    {
      login_page (self, msg, NULL);
      return;
    }
  if (g_str_equal (path, "/twofa"))
    {
      static const char * const text[] = {
        "サイバー犯罪が高度化するにつれて、不正アクセスからインターネットアカウントを保護するにはパスワード保護だけでは不十分な場合があります。",
        "2要素認証とは", NULL };
      static const char * const buttons[] = { "2要素認証設定を行う", "setup", "今後このメッセージを表示しない", "never",
                                              "危険性を理解したうえで、スキップします", "skip", NULL };
      if (post)
        {
          self->twofa_done = TRUE;
          redirect (msg, g_strcmp0 (action, "setup") == 0 ? "/twofa-setup" : "/privacy");
          return;
        }
      button_page (self, msg, "セキュリティをさらに強化", text, "/twofa", buttons);
      return;
    }
  if (g_str_equal (path, "/twofa-setup"))
    {
      static const char * const text[] = { "2要素認証の設定方法は別の手順書をご覧ください。", NULL };
      static const char * const buttons[] = { "戻る", "back", NULL };
      button_page (self, msg, "2要素認証の設定", text, "/privacy", buttons);
      return;
    }
  if (g_str_equal (path, "/privacy"))
    {
      static const char * const text[] = {
        "日本のお客さまへ",
        "トレンドマイクロ株式会社（以下「弊社」）の製品、サービス（サポートを含む）またはWebページをご利用いただくにあたり、お客さまから収集する個人情報の取り扱いについてご確認ください。",
        "For other countries/languages", NULL };
      static const char * const buttons[] = { "OK", "ok", NULL };
      if (post)
        {
          self->privacy_done = TRUE;
          redirect (msg, "/home");
          return;
        }
      button_page (self, msg, "プライバシーポリシー", text, "/privacy", buttons);
      return;
    }
  if (g_str_equal (path, "/open-console"))
    {
      static const char * const terms[] = { "管理コンソールを使用するには、使用許諾契約書に同意してください。", NULL };
      static const char * const agree[] = { "同意する", "agree", NULL };
      if (post)
        {
          g_autofree char *console = NULL;
          Html html;

          g_free (self->console_ticket);
          self->console_ticket = new_secret ();
          console = g_strdup_printf ("%s/?ticket=%s", kaitsu_sites_get_base (self->sites, KAITSU_SITE_CONSOLE),
                                     self->console_ticket);
          html_begin (&html, self, "コンソールを開く");
          html_text (&html, "h1", "Cloud App Security のコンソールを開いています");
          html_text (&html, "p", "コンソールが新しいタブで開きます。");
          html_link (&html, console, "閉じる");
          html_end (&html, msg);
          return;
        }
      button_page (self, msg, "使用許諾契約書", terms, "/open-console", agree);
      return;
    }
  /* /Dashboard and /home: the product list */
  {
    Html html;

    html_begin (&html, self, "Licensing Management Platform");
    html_text (&html, "h1", "製品/サービス");
    html_text (&html, "p", "おまかせクラウドアップセキュリティ");
    html_link (&html, "/open-console", "コンソールを開く");
    html_end (&html, msg);
  }
}

/* ---- Pages: the console ------------------------------------------------------------------- */

static void
append_status (KaitsuSimulator *self,
               Html            *html)
{
  g_autofree char *tasks_id = random_word (self);
  g_autofree char *notes_id = random_word (self);
  g_autofree char *apps_id = random_word (self);

  html_text (html, "h2", "タスクリスト");
  g_string_append_printf (html->out, "<table id=\"%s\"><tr><th>重大度</th><th>説明</th><th>日時</th></tr>", tasks_id);
  for (guint i = 0; i < self->tasks->len; i++)
    {
      SimEntry *entry = g_ptr_array_index (self->tasks, i);
      g_autoptr (GDateTime) time = g_date_time_new_from_unix_local (entry->time);
      g_autofree char *when = g_date_time_format (time, "%Y/%m/%d %H:%M:%S");
      g_autofree char *text = g_markup_escape_text (entry->text, -1);

      g_string_append_printf (html->out, "<tr><td>%s</td><td>%s</td><td>%s</td></tr>",
                              entry->pending ? "保留" : "成功しました", text, when);
    }
  g_string_append (html->out, "</table>");
  html_text (html, "h2", "通知");
  g_string_append_printf (html->out, "<ul id=\"%s\">", notes_id);
  for (guint i = 0; i < self->notifications->len; i++)
    {
      SimEntry *entry = g_ptr_array_index (self->notifications, i);
      g_autoptr (GDateTime) time = g_date_time_new_from_unix_local (entry->time);
      g_autofree char *when = g_date_time_format (time, "%Y/%m/%d %H:%M:%S");
      g_autofree char *text = g_markup_escape_text (entry->text, -1);

      g_string_append_printf (html->out, "<li>%s <small>%s</small></li>", text, when);
    }
  g_string_append (html->out, "</ul>");
  g_string_append_printf (html->out, "<div id=\"%s\">", apps_id);
  for (KaitsuService s = 0; s < KAITSU_N_SERVICES; s++)
    if (self->services[s].app_id != NULL)
      g_string_append_printf (html->out, "<p>%s アプリID: %s</p>", kaitsu_service_get_name (s),
                              self->services[s].app_id);
  g_string_append (html->out, "</div>");
  /* The console updates itself when something changes: a long poll, no timer. */
  g_string_append_printf (html->out,
                          "<script>(function(){var v=%u;function poll(){fetch('/api/status?since='+v)"
                          ".then(function(r){return r.json();}).then(function(s){v=s.version;"
                          "var t=document.getElementById('%s');var rows='<tr><th>重大度</th><th>説明</th><th>日時</th></tr>';"
                          "s.tasks.forEach(function(e){rows+='<tr><td>'+e.severity+'</td><td>'+e.text+'</td><td>'+e.time+'</td></tr>';});"
                          "t.innerHTML=rows;var n=document.getElementById('%s');var items='';"
                          "s.notifications.forEach(function(e){items+='<li>'+e.text+' <small>'+e.time+'</small></li>';});"
                          "n.innerHTML=items;var a=document.getElementById('%s');var apps='';"
                          "s.apps.forEach(function(e){apps+='<p>'+e+'</p>';});a.innerHTML=apps;"
                          "poll();}).catch(function(){});}poll();})();</script>",
                          self->version, tasks_id, notes_id, apps_id);
}

static void
console_begin (KaitsuSimulator *self,
               Html            *html,
               const char      *title)
{
  html_begin (html, self, CONSOLE_TITLE);
  html_text (html, "header", CONSOLE_TITLE);
  html_raw (html, "<nav>");
  html_link (html, "/", "組織管理");
  html_link (html, "/service-accounts", "サービスアカウント");
  html_link (html, "/api-integration", "オートメーションと統合API");
  html_link (html, "/outlook", "Outlook向けアドイン");
  html_raw (html, "</nav>");
  html_text (html, "h1", title);
}

static void
console_end (KaitsuSimulator   *self,
             Html              *html,
             SoupServerMessage *msg)
{
  append_status (self, html);
  /* A page's own script pretends every service is protected, through Kaitsu's handler. */
  if (self->hostile_page)
    html_raw (html, "<script>setTimeout(function(){try{window.webkit.messageHandlers.kaitsuStatus.postMessage("
                    "JSON.stringify({tasks:[],notifications:['Exchange Onlineは保護されています。',"
                    "'SharePoint Onlineは保護されています。','OneDriveは保護されています。',"
                    "'Microsoft Teamsは保護されています。'],appIds:[]}));}catch(e){}},0);</script>");
  html_end (html, msg);
}

static const char *
state_text (SimState state)
{
  switch (state)
    {
    case SIM_CONNECTING:
      return "接続中";
    case SIM_WAITING_APPINV:
      return "アプリの権限設定待ち";
    case SIM_SYNCING:
      return "保留";
    case SIM_PROTECTED:
      return "保護されています";
    case SIM_NONE:
    default:
      return "未設定";
    }
}

static void
service_accounts_page (KaitsuSimulator   *self,
                       SoupServerMessage *msg)
{
  Html html;

  console_begin (self, &html, "サービスアカウント");
  html_link (&html, "/add", "追加");
  for (KaitsuService s = 0; s < KAITSU_N_SERVICES; s++)
    {
      g_autofree char *line = g_strdup_printf ("%s: %s", kaitsu_service_get_name (s),
                                               state_text (self->services[s].state));
      html_text (&html, "p", line);
      if (self->services[s].app_id != NULL)
        {
          g_autofree char *app = g_strdup_printf ("アプリID: %s", self->services[s].app_id);
          html_text (&html, "p", app);
        }
    }
  console_end (self, &html, msg);
}

static char *
consent_url (KaitsuSimulator *self,
             KaitsuService    service,
             guint            round)
{
  g_autofree char *redirect_uri = site_url (self, KAITSU_SITE_CONSOLE, "/provision.html");
  g_autofree char *encoded = g_uri_escape_string (redirect_uri, NULL, FALSE);
  g_autofree char *client = g_strdup_printf ("%08x-7a3c-4e1f-9b2d-%012x", service + 1, round + 1);

  return g_strdup_printf ("%s/common/v2.0/adminconsent?client_id=%s&redirect_uri=%s&state=%s.%u",
                          kaitsu_sites_get_base (self->sites, KAITSU_SITE_MICROSOFT_LOGIN), client,
                          encoded, kaitsu_service_get_id (service), round);
}

static void
grant_page (KaitsuSimulator   *self,
            SoupServerMessage *msg,
            KaitsuService      service)
{
  Html html;
  g_autofree char *title = g_strdup_printf ("%s の追加", kaitsu_service_get_name (service));
  KaitsuService busy = busy_service (self, service);
  SimService *record = &self->services[service];

  console_begin (self, &html, title);
  if (busy != KAITSU_SERVICE_NONE && record->state != SIM_SYNCING)
    {
      g_autofree char *text = g_strdup_printf ("%sの処理が完了していません。完了してから再度実行してください。",
                                               kaitsu_service_get_name (busy));
      html_text (&html, "p", text);
      html_link (&html, "/service-accounts", "閉じる");
      console_end (self, &html, msg);
      return;
    }
  if (record->state == SIM_NONE || record->state == SIM_CONNECTING)
    {
      g_autofree char *url = consent_url (self, service, 0);
      g_autofree char *button = NULL;
      g_autofree char *cls = random_word (self);

      html_text (&html, "p", "有効にするポリシーを選択してください。");
      form_begin (&html, "/service-accounts");
      form_input (&html, "高度な脅威対策", "policy_atp", "checkbox", NULL);
      form_input (&html, "情報漏えい対策", "policy_dlp", "checkbox", NULL);
      form_end (&html);
      button = g_strdup_printf ("<p><button type=\"button\" class=\"%s\" onclick=\"window.open('%s','_blank','width=620,height=720')\">権限の付与</button></p>",
                                cls, url);
      html_raw (&html, button);
    }
  else
    {
      g_autofree char *line = g_strdup_printf ("状態: %s", state_text (record->state));
      html_text (&html, "p", line);
    }
  if (record->state == SIM_WAITING_APPINV)
    {
      g_autofree char *app = g_strdup_printf ("アプリID: %s", record->app_id);
      html_text (&html, "p", app);
      html_text (&html, "p", "SharePoint 管理センターでアプリの権限を設定してから「完了」を押してください。");
      form_begin (&html, "/teams-complete");
      form_submit (&html, "完了", "done");
      form_end (&html);
    }
  {
    g_autofree char *self_link = g_strdup_printf ("/add/grant?service=%s", kaitsu_service_get_id (service));
    html_link (&html, self_link, "ステータスの更新");
  }
  html_link (&html, "/service-accounts", "閉じる");
  console_end (self, &html, msg);
}

static void
provision (KaitsuSimulator   *self,
           SoupServerMessage *msg,
           GHashTable        *query)
{
  const char *state = query != NULL ? g_hash_table_lookup (query, "state") : NULL;
  const char *error = query != NULL ? g_hash_table_lookup (query, "error") : NULL;
  g_auto (GStrv) parts = g_strsplit (state != NULL ? state : "", ".", 2);
  KaitsuService service = service_from_param (parts[0]);
  SimService *record;
  Html html;

  html_begin (&html, self, "Trend Micro Cloud App Security");
  if (service == KAITSU_SERVICE_NONE)
    {
      html_text (&html, "p", "不明な要求です。");
      html_end (&html, msg);
      return;
    }
  record = &self->services[service];
  record->attempts++;
  if (error != NULL)
    {
      const char *description = g_hash_table_lookup (query, "error_description");

      record->state = SIM_NONE;
      html_text (&html, "h1", "権限の付与に失敗しました");
      html_text (&html, "p", description != NULL ? description : error);
      html_end (&html, msg);
      changed (self);
      return;
    }
  if (self->provision_error_once)
    {
      self->provision_error_once = FALSE;
      record->state = SIM_NONE;
      html_text (&html, "h1", "エラー");
      html_text (&html, "p", "プロビジョニング中にエラーが発生しました。ダイアログを閉じてページを再読み込みし、もう一度お試しください。");
      html_end (&html, msg);
      changed (self);
      return;
    }
  record->consents++;
  /* Exchange Online asks twice (EWS, then Graph) in the current console. */
  if (self->extra_consent && service == KAITSU_SERVICE_EXCHANGE_ONLINE && record->consents == 1)
    {
      g_autofree char *second = consent_url (self, service, 1);
      soup_server_message_set_redirect (msg, SOUP_STATUS_FOUND, second);
      g_string_free (html.out, TRUE);
      g_array_unref (html.depths);
      return;
    }
  html_text (&html, "p", PROVISION_TEXT);
  html_end (&html, msg);
  if (service == KAITSU_SERVICE_TEAMS && (self->teams_appinv || self->teams_appinv_retired))
    {
      record->state = SIM_WAITING_APPINV;
      g_free (record->app_id);
      record->app_id = g_uuid_string_random ();
      g_free (self->services[KAITSU_SERVICE_SHAREPOINT_ONLINE].app_id);
      self->services[KAITSU_SERVICE_SHAREPOINT_ONLINE].app_id = g_uuid_string_random ();
      changed (self);
      return;
    }
  start_sync (self, service);
}

static void
respond_status (KaitsuSimulator   *self,
            SoupServerMessage *msg)
{
  g_autoptr (GString) json = g_string_new (NULL);

  g_string_append_printf (json, "{\"version\":%u,\"tasks\":[", self->version);
  for (guint i = 0; i < self->tasks->len; i++)
    {
      SimEntry *entry = g_ptr_array_index (self->tasks, i);
      g_autoptr (GDateTime) time = g_date_time_new_from_unix_local (entry->time);
      g_autofree char *when = g_date_time_format (time, "%Y/%m/%d %H:%M:%S");
      g_string_append_printf (json, "%s{\"severity\":\"%s\",\"text\":\"%s\",\"time\":\"%s\"}", i ? "," : "",
                              entry->pending ? "保留" : "成功しました", entry->text, when);
    }
  g_string_append (json, "],\"notifications\":[");
  for (guint i = 0; i < self->notifications->len; i++)
    {
      SimEntry *entry = g_ptr_array_index (self->notifications, i);
      g_autoptr (GDateTime) time = g_date_time_new_from_unix_local (entry->time);
      g_autofree char *when = g_date_time_format (time, "%Y/%m/%d %H:%M:%S");
      g_string_append_printf (json, "%s{\"text\":\"%s\",\"time\":\"%s\"}", i ? "," : "", entry->text, when);
    }
  g_string_append (json, "],\"apps\":[");
  {
    gboolean first = TRUE;

    for (KaitsuService s = 0; s < KAITSU_N_SERVICES; s++)
      if (self->services[s].app_id != NULL)
        {
          g_string_append_printf (json, "%s\"%s アプリID: %s\"", first ? "" : ",",
                                  kaitsu_service_get_name (s), self->services[s].app_id);
          first = FALSE;
        }
  }
  g_string_append (json, "]}");
  soup_server_message_set_status (msg, SOUP_STATUS_OK, NULL);
  soup_server_message_set_response (msg, "application/json", SOUP_MEMORY_COPY, json->str, json->len);
}

static void
handle_console (SoupServer        *server,
                SoupServerMessage *msg,
                const char        *path,
                GHashTable        *query,
                gpointer           data)
{
  KaitsuSimulator *self = data;
  const char *ticket = query != NULL ? g_hash_table_lookup (query, "ticket") : NULL;
  Html html;

  if (g_str_equal (path, "/provision.html"))
    {
      provision (self, msg, query);
      return;
    }
  if (ticket != NULL && self->console_ticket != NULL && g_str_equal (ticket, self->console_ticket))
    {
      g_clear_pointer (&self->console_ticket, g_free);
      g_free (self->console_session);
      self->console_session = new_secret ();
      set_cookie (msg, "CASSESSION", self->console_session);
      redirect (msg, "/");
      return;
    }
  if (!has_session (msg, "CASSESSION", self->console_session))
    {
      html_begin (&html, self, "Trend Micro Cloud App Security");
      html_text (&html, "p", "セッションの有効期限が切れました。Licensing Management Platform からコンソールを開いてください。");
      html_end (&html, msg);
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
  if (g_str_equal (path, "/service-accounts"))
    {
      service_accounts_page (self, msg);
      return;
    }
  if (g_str_equal (path, "/add"))
    {
      console_begin (self, &html, "組織の選択");
      html_link (&html, "/add/services", ORGANISATION);
      console_end (self, &html, msg);
      return;
    }
  if (g_str_equal (path, "/add/services"))
    {
      console_begin (self, &html, "サービスの選択");
      for (KaitsuService s = 0; s < KAITSU_N_SERVICES; s++)
        {
          g_autofree char *link = g_strdup_printf ("/add/grant?service=%s", kaitsu_service_get_id (s));
          html_link (&html, link, kaitsu_service_get_name (s));
          if (s == KAITSU_SERVICE_TEAMS)
            html_link (&html, "/add/teams-chat", "Teamsチャット");
        }
      html_link (&html, "/add/box", "Box");
      console_end (self, &html, msg);
      return;
    }
  if (g_str_equal (path, "/add/teams-chat") || g_str_equal (path, "/add/box"))
    {
      console_begin (self, &html, "このサービスは練習では扱いません");
      html_text (&html, "p", "Teamsチャットは Microsoft から追加料金を請求されることがあります。");
      html_link (&html, "/add/services", "戻る");
      console_end (self, &html, msg);
      return;
    }
  if (g_str_equal (path, "/add/grant"))
    {
      KaitsuService service = service_from_param (query != NULL ? g_hash_table_lookup (query, "service") : NULL);

      if (service == KAITSU_SERVICE_NONE)
        {
          soup_server_message_set_status (msg, SOUP_STATUS_NOT_FOUND, NULL);
          return;
        }
      grant_page (self, msg, service);
      return;
    }
  if (g_str_equal (path, "/teams-complete") && soup_server_message_get_method (msg) == SOUP_METHOD_POST)
    {
      /* Trend Micro's current console completes Teams with its own consent even when
       * SharePoint refuses the app (Microsoft retired the mechanism on 2026-04-02). */
      if (self->services[KAITSU_SERVICE_TEAMS].state == SIM_WAITING_APPINV &&
          (self->appinv_trusted || self->appinv_refused))
        start_sync (self, KAITSU_SERVICE_TEAMS);
      redirect (msg, "/add/grant?service=teams");
      return;
    }
  if (g_str_equal (path, "/tasks"))
    {
      console_begin (self, &html, "タスクリスト");
      html_text (&html, "p", "重大度: すべて / 成功しました / 保留");
      console_end (self, &html, msg);
      return;
    }
  console_begin (self, &html, "組織管理");
  html_text (&html, "p", ORGANISATION);
  console_end (self, &html, msg);
}

/* ---- Pages: Microsoft sign-in and consent ------------------------------------------------- */

static void
carry (Html       *html,
       GHashTable *params)
{
  const char *names[] = { "client_id", "redirect_uri", "state" };

  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    form_hidden (html, names[i], params != NULL ? g_hash_table_lookup (params, names[i]) : NULL);
}

static void
ms_page (KaitsuSimulator   *self,
         SoupServerMessage *msg,
         GHashTable        *params,
         const char        *stage,
         const char        *error)
{
  Html html;
  const char *state = g_hash_table_lookup (params, "state");
  g_auto (GStrv) parts = g_strsplit (state != NULL ? state : "", ".", 2);
  KaitsuService service = service_from_param (parts[0]);

  html_begin (&html, self, "アカウントにサインイン");
  html_text (&html, "p", "Microsoft");
  if (error != NULL)
    html_text (&html, "p", error);
  if (g_str_equal (stage, "email"))
    {
      html_text (&html, "h1", "サインイン");
      form_begin (&html, "/login/email");
      carry (&html, params);
      form_input (&html, "メール、電話、Skype", "ms_email", "email", NULL);
      form_submit (&html, "次へ", "next");
      form_end (&html);
    }
  else if (g_str_equal (stage, "password"))
    {
      html_text (&html, "p", KAITSU_PRACTICE_ADMIN);
      html_text (&html, "h1", "パスワードの入力");
      form_begin (&html, "/login/password");
      carry (&html, params);
      form_input (&html, "パスワード", "ms_password", "password", NULL);
      form_submit (&html, "サインイン", "signin");
      form_end (&html);
    }
  else
    {
      g_autofree char *app = g_strdup_printf (APP_NAME " - %s",
                                              service != KAITSU_SERVICE_NONE ? kaitsu_service_get_name (service) : "");
      html_text (&html, "h1", "要求されているアクセス許可");
      html_text (&html, "p", app);
      html_text (&html, "p", "このアプリが組織のデータにアクセスすることを許可します。組織全体に代わって同意します。");
      form_begin (&html, "/consent");
      carry (&html, params);
      form_submit (&html, "キャンセル", "cancel");
      form_submit (&html, "承諾", "accept");
      form_end (&html);
    }
  html_end (&html, msg);
}

static void
handle_microsoft (SoupServer        *server,
                  SoupServerMessage *msg,
                  const char        *path,
                  GHashTable        *query,
                  gpointer           data)
{
  KaitsuSimulator *self = data;
  gboolean post = soup_server_message_get_method (msg) == SOUP_METHOD_POST;
  g_autoptr (GHashTable) form = post ? read_form (msg) : NULL;
  GHashTable *params = post ? form : query;
  gboolean signed_in = has_session (msg, "ESTSAUTH", self->ms_session);

  if (params == NULL || g_hash_table_lookup (params, "redirect_uri") == NULL)
    {
      Html html;

      html_begin (&html, self, "Microsoft");
      html_text (&html, "p", "AADSTS900144: The request body must contain the following parameter: 'redirect_uri'.");
      html_end (&html, msg);
      return;
    }
  if (!post && g_str_has_suffix (path, "/adminconsent"))
    {
      ms_page (self, msg, params, signed_in ? "consent" : "email", NULL);
      return;
    }
  if (g_str_equal (path, "/login/email"))
    {
      ms_page (self, msg, params, "password", NULL);
      return;
    }
  if (g_str_equal (path, "/login/password"))
    {
      if (g_strcmp0 (form_value (self, form, "ms_password"), KAITSU_PRACTICE_ADMIN_PASSWORD) != 0)
        {
          ms_page (self, msg, params, "password",
                   "アカウントまたはパスワードが正しくありません。AADSTS50126: Error validating credentials due to invalid username or password.");
          return;
        }
      if (self->blocked_53003)
        {
          Html html;
          g_autofree char *request = new_guid ();
          g_autofree char *correlation = new_guid ();
          g_autofree char *ids = g_strdup_printf ("Request Id: %s Correlation Id: %s", request, correlation);

          html_begin (&html, self, "アカウントにサインイン");
          html_text (&html, "h1", "このリソースにアクセスする権限がありません");
          html_text (&html, "p", "AADSTS53003: Access has been blocked by Conditional Access policies. The access policy does not allow token issuance.");
          html_text (&html, "p", ids);
          html_end (&html, msg);
          return;
        }
      g_free (self->ms_session);
      self->ms_session = new_secret ();
      set_cookie (msg, "ESTSAUTH", self->ms_session);
      ms_page (self, msg, params, "consent", NULL);
      return;
    }
  if (g_str_equal (path, "/consent") && post)
    {
      const char *redirect_uri = g_hash_table_lookup (params, "redirect_uri");
      const char *state = g_hash_table_lookup (params, "state");
      g_autofree char *state_q = g_uri_escape_string (state != NULL ? state : "", NULL, FALSE);
      g_autofree char *location = NULL;
      gboolean accepted = g_strcmp0 (form_value (self, form, "action"), "accept") == 0;

      if (accepted && self->consent_declined_once)
        {
          self->consent_declined_once = FALSE;
          accepted = FALSE;
        }
      if (accepted)
        location = g_strdup_printf ("%s?admin_consent=True&tenant=%s&state=%s", redirect_uri, self->tenant, state_q);
      else
        location = g_strdup_printf ("%s?error=access_denied&error_description=%s&admin_consent=True&state=%s", redirect_uri,
                                    "AADSTS65004%3a+User+declined+to+consent+to+access+the+app.", state_q);
      soup_server_message_set_redirect (msg, SOUP_STATUS_FOUND, location);
      return;
    }
  ms_page (self, msg, params, signed_in ? "consent" : "email", NULL);
}

/* ---- Pages: SharePoint admin -------------------------------------------------------------- */

static void
handle_sharepoint (SoupServer        *server,
                   SoupServerMessage *msg,
                   const char        *path,
                   GHashTable        *query,
                   gpointer           data)
{
  KaitsuSimulator *self = data;
  gboolean post = soup_server_message_get_method (msg) == SOUP_METHOD_POST;
  g_autoptr (GHashTable) form = post ? read_form (msg) : NULL;
  const char *action = form_value (self, form, "action");
  Html html;

  if (g_ascii_strcasecmp (path, "/_layouts/15/appprincipals.aspx") == 0)
    {
      html_begin (&html, self, "サイト コレクション アプリのアクセス許可");
      html_text (&html, "h1", "サイト コレクション アプリのアクセス許可");
      if (self->appinv_trusted)
        html_text (&html, "p", APP_NAME);
      else
        html_text (&html, "p", "表示するアイテムはありません");
      html_end (&html, msg);
      return;
    }
  if (post && g_strcmp0 (action, "trust") == 0)
    {
      self->appinv_trusted = TRUE;
      changed (self);
      redirect (msg, "/_layouts/15/appprincipals.aspx");
      return;
    }
  if (post && g_strcmp0 (action, "create") == 0)
    {
      if (self->teams_appinv_retired)
        {
          self->appinv_refused = TRUE;
          changed (self);
          html_begin (&html, self, "エラー");
          html_text (&html, "h1", "エラー");
          html_text (&html, "p", "このテナントでは、SharePoint アドインおよび Azure ACS を使用したアプリ専用アクセスは廃止されました。");
          html_end (&html, msg);
          return;
        }
      {
        static const char * const text[] = { "Trend Micro Cloud App Security を信頼しますか?", NULL };
        static const char * const buttons[] = { "信頼する", "trust", "キャンセル", "cancel", NULL };
        button_page (self, msg, "アプリを信頼する", text, "/_layouts/15/AppInv.aspx", buttons);
      }
      return;
    }
  {
    const char *app_id = form_value (self, form, "app_id");
    gboolean looked_up = post && g_strcmp0 (action, "lookup") == 0 && app_id != NULL &&
                         g_strcmp0 (app_id, self->services[KAITSU_SERVICE_TEAMS].app_id) == 0;

    html_begin (&html, self, "SharePoint 管理センター");
    html_text (&html, "h1", "アプリの権限の要求");
    form_begin (&html, "/_layouts/15/AppInv.aspx");
    form_input (&html, "アプリ ID", "app_id", "text", app_id);
    form_submit (&html, "参照", "lookup");
    form_input (&html, "タイトル", "title", "text", looked_up ? APP_NAME : NULL);
    form_input (&html, "アプリ ドメイン", "app_domain", "text", NULL);
    form_input (&html, "リダイレクト先の URL", "redirect", "text", NULL);
    form_input (&html, "権限の要求 XML", "xml", "textarea", NULL);
    form_submit (&html, "作成", "create");
    form_end (&html);
    html_end (&html, msg);
  }
}

/* ---- The object --------------------------------------------------------------------------- */

static void
kaitsu_simulator_dispose (GObject *object)
{
  KaitsuSimulator *self = KAITSU_SIMULATOR (object);

  for (guint i = 0; i < KAITSU_N_SITES; i++)
    {
      if (self->servers[i] != NULL)
        soup_server_disconnect (self->servers[i]);
      g_clear_object (&self->servers[i]);
    }
  for (guint i = 0; i < KAITSU_N_SERVICES; i++)
    {
      g_clear_handle_id (&self->services[i].sync_source, g_source_remove);
      g_clear_pointer (&self->services[i].app_id, g_free);
    }
  g_clear_object (&self->sites);
  G_OBJECT_CLASS (kaitsu_simulator_parent_class)->dispose (object);
}

static void
kaitsu_simulator_finalize (GObject *object)
{
  KaitsuSimulator *self = KAITSU_SIMULATOR (object);

  g_rand_free (self->rand);
  g_hash_table_unref (self->field_names);
  g_ptr_array_unref (self->tasks);
  g_ptr_array_unref (self->notifications);
  g_ptr_array_unref (self->waiters);
  g_free (self->token);
  g_free (self->reset_v);
  g_free (self->password);
  g_free (self->lmp_session);
  g_free (self->console_ticket);
  g_free (self->console_session);
  g_free (self->ms_session);
  g_free (self->tenant);
  G_OBJECT_CLASS (kaitsu_simulator_parent_class)->finalize (object);
}

static void
kaitsu_simulator_class_init (KaitsuSimulatorClass *klass)
{
  G_OBJECT_CLASS (klass)->dispose = kaitsu_simulator_dispose;
  G_OBJECT_CLASS (klass)->finalize = kaitsu_simulator_finalize;
}

static void
kaitsu_simulator_init (KaitsuSimulator *self)
{
  self->rand = g_rand_new ();
  self->field_names = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  self->tasks = g_ptr_array_new_with_free_func (entry_free);
  self->notifications = g_ptr_array_new_with_free_func (entry_free);
  self->waiters = g_ptr_array_new ();
  self->token = new_secret ();
  self->reset_v = g_uuid_string_random ();
  self->tenant = g_uuid_string_random ();
}

KaitsuSimulator *
kaitsu_simulator_new (void)
{
  return g_object_new (KAITSU_TYPE_SIMULATOR, NULL);
}

gboolean
kaitsu_simulator_set_scenarios (KaitsuSimulator  *self,
                                const char       *scenarios,
                                GError          **error)
{
  g_auto (GStrv) names = NULL;

  g_return_val_if_fail (KAITSU_IS_SIMULATOR (self), FALSE);

  names = g_strsplit (scenarios != NULL ? scenarios : "", ",", -1);
  for (guint i = 0; names[i] != NULL; i++)
    {
      const char *name = g_strstrip (names[i]);

      if (*name == '\0')
        continue;
      if (g_str_equal (name, "consent-declined-once"))
        self->consent_declined_once = TRUE;
      else if (g_str_equal (name, "provision-error-once"))
        self->provision_error_once = TRUE;
      else if (g_str_equal (name, "extra-consent"))
        self->extra_consent = TRUE;
      else if (g_str_equal (name, "blocked-53003"))
        self->blocked_53003 = TRUE;
      else if (g_str_equal (name, "twofa-prompt"))
        self->twofa_prompt = TRUE;
      else if (g_str_equal (name, "pending-stuck"))
        self->pending_stuck = TRUE;
      else if (g_str_equal (name, "teams-appinv"))
        self->teams_appinv = TRUE;
      else if (g_str_equal (name, "teams-appinv-retired"))
        self->teams_appinv_retired = TRUE;
      else if (g_str_equal (name, "hostile-page"))
        self->hostile_page = TRUE;
      else if (g_str_equal (name, "wrong-service-once"))
        self->wrong_service_once = TRUE;
      else if (g_str_has_prefix (name, "sync-delay="))
        {
          guint64 seconds;

          if (!g_ascii_string_to_unsigned (name + strlen ("sync-delay="), 10, 0, 24 * 3600, &seconds, NULL))
            {
              g_set_error (error, KAITSU_SIMULATOR_ERROR, KAITSU_SIMULATOR_ERROR_SCENARIO,
                           "sync-delay needs a number of seconds (0 to 86400), not “%s”",
                           name + strlen ("sync-delay="));
              return FALSE;
            }
          self->sync_delay_s = seconds;
        }
      else
        {
          g_autofree char *known = g_strjoinv (", ", (char **) scenario_names);

          g_set_error (error, KAITSU_SIMULATOR_ERROR, KAITSU_SIMULATOR_ERROR_SCENARIO,
                       "unknown scenario “%s” (known: %s)", name, known);
          return FALSE;
        }
    }
  return TRUE;
}

static char *
listen_on_loopback (SoupServer  *server,
                    GError     **error)
{
  GSList *uris;
  char *base;

  if (!soup_server_listen_local (server, 0, SOUP_SERVER_LISTEN_IPV4_ONLY, error))
    return NULL;
  uris = soup_server_get_uris (server);
  base = g_strdup_printf ("http://127.0.0.1:%d", g_uri_get_port (uris->data));
  g_slist_free_full (uris, (GDestroyNotify) g_uri_unref);
  return base;
}

gboolean
kaitsu_simulator_start (KaitsuSimulator  *self,
                        GError          **error)
{
  static const SoupServerCallback handlers[KAITSU_N_SITES] = {
    handle_lmp, handle_reset, handle_console, handle_microsoft, handle_sharepoint,
  };
  char *bases[KAITSU_N_SITES] = { NULL, };
  gboolean ok = TRUE;

  g_return_val_if_fail (KAITSU_IS_SIMULATOR (self), FALSE);
  g_return_val_if_fail (self->sites == NULL, FALSE);

  for (guint i = 0; ok && i < KAITSU_N_SITES; i++)
    {
      /* Trend Vision One is not simulated yet */
      if (handlers[i] == NULL)
        continue;
      self->servers[i] = soup_server_new ("server-header", "kaitsu-simulator", NULL);
      soup_server_add_handler (self->servers[i], NULL, handlers[i], self, NULL);
      bases[i] = listen_on_loopback (self->servers[i], error);
      ok = bases[i] != NULL;
    }
  if (ok)
    self->sites = kaitsu_sites_new_custom (bases[KAITSU_SITE_LMP], bases[KAITSU_SITE_PASSWORD_RESET],
                                           bases[KAITSU_SITE_CONSOLE], bases[KAITSU_SITE_MICROSOFT_LOGIN],
                                           bases[KAITSU_SITE_SHAREPOINT_ADMIN]);
  for (guint i = 0; i < KAITSU_N_SITES; i++)
    g_free (bases[i]);
  return ok;
}

KaitsuSites *
kaitsu_simulator_get_sites (KaitsuSimulator *self)
{
  g_return_val_if_fail (KAITSU_IS_SIMULATOR (self), NULL);
  return self->sites;
}

/* Whether the practice user is to choose the wrong service once */
gboolean
kaitsu_simulator_get_wrong_service_once (KaitsuSimulator *self)
{
  g_return_val_if_fail (KAITSU_IS_SIMULATOR (self), FALSE);
  return self->wrong_service_once;
}

/* How long the console takes to sync a granted service, by the scenario */
guint
kaitsu_simulator_get_sync_delay (KaitsuSimulator *self)
{
  g_return_val_if_fail (KAITSU_IS_SIMULATOR (self), 0);
  return self->sync_delay_s;
}

/* The activation mail for the practice account, sent just now */
char *
kaitsu_simulator_dup_sample_mail (KaitsuSimulator *self)
{
  g_autoptr (GDateTime) now = g_date_time_new_now_local ();
  g_autofree char *date = kaitsu_mail_format_date (now);

  g_return_val_if_fail (KAITSU_IS_SIMULATOR (self) && self->sites != NULL, NULL);

  return g_strdup_printf ("From: PLX_account_support_MailBox@trendmicro.co.jp\n"
                          "To: " KAITSU_PRACTICE_ADMIN "\n"
                          "Subject: =?UTF-8?B?5paw6KaP44Ki44Kr44Km44Oz44OI55m66KGM44Gu44GK55+l44KJ44Gb?=\n"
                          "Date: %s\n"
                          "MIME-Version: 1.0\n"
                          "Content-Type: text/plain; charset=UTF-8\n"
                          "Content-Transfer-Encoding: 8bit\n\n"
                          "練習用 株式会社 ご担当者様\n\n"
                          "Licensing Management Platform ログイン用のユーザアカウントを発行致しました。次の URL からログインできます。\n"
                          "<%s/Dashboard?T=%s>\n\n"
                          "アカウントの詳細:\n会社名: " KAITSU_PRACTICE_COMPANY "\nアカウント名: " KAITSU_PRACTICE_ACCOUNT "\n\n"
                          "ログイン用のパスワードを設定する必要があります。次の URL からパスワードを設定してください。なお、この URL は 7 日間のみ有効です。\n\n"
                          "① <%s/ForgetPassword/ResetPassword?T=%s&v=%s>\n",
                          date,
                          kaitsu_sites_get_base (self->sites, KAITSU_SITE_LMP), self->token,
                          kaitsu_sites_get_base (self->sites, KAITSU_SITE_PASSWORD_RESET), self->token,
                          self->reset_v);
}
