/* SPDX-License-Identifier: GPL-3.0-or-later */
/* kaitsu-sim-microsoft.c: Microsoft Entra sign-in and admin consent as they are today: the
 * account and password screens, pick an account, number matching (answered on a simulated
 * phone beside the card), MFA registration, "Stay signed in?", "Need admin approval" and
 * its way back without consent, Conditional Access blocks, then "Permissions requested".
 * One address serves many screens, as on login.microsoftonline.com: the texts tell them apart. */

#include "config.h"

#define G_LOG_DOMAIN "kaitsu-sim"

#include "kaitsu-sim-private.h"

#define APP_NAME "Trend Micro Cloud App Security"
#define PRACTICE_USER "user@practice.example"

static const char * const carried[] = { "client_id", "redirect_uri", "state" };

static void
carry (SimPage    *page,
       GHashTable *params)
{
  for (guint i = 0; i < G_N_ELEMENTS (carried); i++)
    sim_page_hidden (page, carried[i], g_hash_table_lookup (params, carried[i]));
}

/* The request's parameters as a query, for links that start over */
static char *
carried_query (GHashTable *params)
{
  GString *out = g_string_new (NULL);

  for (guint i = 0; i < G_N_ELEMENTS (carried); i++)
    {
      const char *value = g_hash_table_lookup (params, carried[i]);
      g_autofree char *escaped = g_uri_escape_string (value != NULL ? value : "", NULL, FALSE);

      g_string_append_printf (out, "%s%s=%s", i > 0 ? "&" : "?", carried[i], escaped);
    }
  return g_string_free (out, FALSE);
}

static KaitsuService
requested_service (GHashTable *params)
{
  const char *state = g_hash_table_lookup (params, "state");
  g_auto (GStrv) parts = g_strsplit (state != NULL ? state : "", ".", 2);

  return kaitsu_service_from_id (parts[0]);
}

static SimPage *
card_begin (KaitsuSimulator *self,
            const char      *account)
{
  SimPage *page = sim_page_begin (self, SIM_LOOK_MICROSOFT, SIM_T (self, "アカウントにサインイン", "Sign in to your account"));

  sim_page_open (page, "card");
  sim_page_role_text (page, "div", "logo", "Microsoft");
  if (account != NULL)
    sim_page_text (page, "p", account);
  return page;
}

static void
card_end (KaitsuSimulator   *self,
          SimPage           *page,
          SoupServerMessage *msg)
{
  sim_page_close (page);
  sim_page_send (page, msg);
}

static void
account_page (KaitsuSimulator   *self,
              SoupServerMessage *msg,
              GHashTable        *params)
{
  SimPage *page = card_begin (self, NULL);

  sim_page_text (page, "h1", SIM_T (self, "サインイン", "Sign in"));
  sim_page_form_begin (page, "/login/email");
  carry (page, params);
  sim_page_input (page, SIM_T (self, "メール、電話、Skype", "Email, phone, or Skype"), "ms_email", "email", NULL);
  sim_page_role_text (page, "p", "small", SIM_T (self, "アカウントにアクセスできない場合", "Can’t access your account?"));
  sim_page_submit (page, SIM_T (self, "次へ", "Next"), "next", TRUE);
  sim_page_form_end (page);
  card_end (self, page, msg);
}

/* Today's sign-in: the password is asked for in the page that asked for the account, once
 * 「次へ」 has had the address checked (a request of its own on the real site), with no load */
static void
one_page_signin (KaitsuSimulator   *self,
                 SoupServerMessage *msg,
                 GHashTable        *params)
{
  SimPage *page = card_begin (self, NULL);

  sim_page_form_begin (page, "/login/password");
  carry (page, params);
  sim_page_raw (page, "<div id=\"sim-account\">");
  sim_page_text (page, "h1", SIM_T (self, "サインイン", "Sign in"));
  sim_page_input (page, SIM_T (self, "メール、電話、Skype", "Email, phone, or Skype"), "ms_email", "email", NULL);
  sim_page_role_text (page, "p", "small", SIM_T (self, "アカウントにアクセスできない場合", "Can’t access your account?"));
  sim_page_printf (page, "<button type=\"button\" class=\"%s\" onclick=\"setTimeout(function(){"
                         "document.getElementById('sim-account').hidden=true;"
                         "document.getElementById('sim-password').hidden=false;},150)\">%s</button>",
                   sim_page_class (page, "primary"), SIM_T (self, "次へ", "Next"));
  sim_page_raw (page, "</div><div id=\"sim-password\" hidden>");
  sim_page_text (page, "p", KAITSU_PRACTICE_ADMIN);
  sim_page_text (page, "h1", SIM_T (self, "パスワードの入力", "Enter password"));
  sim_page_input (page, SIM_T (self, "パスワード", "Password"), "ms_password", "password", NULL);
  sim_page_role_text (page, "p", "small", SIM_T (self, "パスワードを忘れた場合", "Forgot my password"));
  sim_page_submit (page, SIM_T (self, "サインイン", "Sign in"), "signin", TRUE);
  sim_page_raw (page, "</div>");
  sim_page_form_end (page);
  card_end (self, page, msg);
}

static void
pick_page (KaitsuSimulator   *self,
           SoupServerMessage *msg,
           GHashTable        *params)
{
  SimPage *page = card_begin (self, NULL);
  g_autofree char *another = carried_query (params);
  g_autofree char *href = g_strconcat ("/login/use-another", another, NULL);

  sim_page_text (page, "h1", SIM_T (self, "アカウントを選択する", "Pick an account"));
  sim_page_text (page, "p", PRACTICE_USER);
  sim_page_role_text (page, "p", "small", SIM_T (self, "サインイン済み", "Signed in"));
  sim_page_link (page, href, SIM_T (self, "別のアカウントを使用する", "Use another account"));
  card_end (self, page, msg);
}

static void
password_page (KaitsuSimulator   *self,
               SoupServerMessage *msg,
               GHashTable        *params,
               const char        *error)
{
  SimPage *page = card_begin (self, KAITSU_PRACTICE_ADMIN);

  sim_page_text (page, "h1", SIM_T (self, "パスワードの入力", "Enter password"));
  if (error != NULL)
    sim_page_role_text (page, "p", "error", error);
  sim_page_form_begin (page, "/login/password");
  carry (page, params);
  sim_page_input (page, SIM_T (self, "パスワード", "Password"), "ms_password", "password", NULL);
  sim_page_role_text (page, "p", "small", SIM_T (self, "パスワードを忘れた場合", "Forgot my password"));
  sim_page_submit (page, SIM_T (self, "サインイン", "Sign in"), "signin", TRUE);
  sim_page_form_end (page);
  card_end (self, page, msg);
}

/* Number matching: the card shows the number; the practice user types it on the phone */
static void
number_page (KaitsuSimulator   *self,
             SoupServerMessage *msg,
             GHashTable        *params,
             const char        *error)
{
  SimPage *page = card_begin (self, KAITSU_PRACTICE_ADMIN);
  g_autofree char *number = g_strdup_printf ("%u", self->mfa_challenge);

  sim_page_text (page, "h1", SIM_T (self, "サインイン要求を承認", "Approve sign in request"));
  sim_page_text (page, "p", SIM_T (self, "Authenticator アプリを開き、表示されている番号を入力してサインインします。",
                                   "Open your Authenticator app, and enter the number shown to sign in."));
  sim_page_role_text (page, "div", "number", number);
  sim_page_role_text (page, "p", "small", SIM_T (self, "アプリに番号が表示されない場合は、最新バージョンにアップグレードしてください。",
                                                 "No numbers in your app? Make sure to upgrade to the latest version."));
  sim_page_close (page);
  sim_page_open (page, "phone");
  sim_page_text (page, "p", KAITSU_PRACTICE_PHONE_TITLE);
  if (error != NULL)
    sim_page_text (page, "p", error);
  sim_page_form_begin (page, "/login/mfa");
  carry (page, params);
  sim_page_input (page, KAITSU_PRACTICE_PHONE_FIELD, "mfa_number", "text", NULL);
  sim_page_submit (page, KAITSU_PRACTICE_PHONE_APPROVE, "approve", TRUE);
  sim_page_form_end (page);
  sim_page_send (page, msg);
}

static void
register_page (KaitsuSimulator   *self,
               SoupServerMessage *msg,
               GHashTable        *params,
               gboolean           second)
{
  SimPage *page = card_begin (self, KAITSU_PRACTICE_ADMIN);

  if (!second)
    {
      sim_page_text (page, "h1", SIM_T (self, "詳細情報が必要", "More information required"));
      sim_page_text (page, "p", SIM_T (self, "組織により、アカウントのセキュリティ保護のため詳細情報の入力が求められています",
                                       "Your organization needs more information to keep your account secure"));
      sim_page_role_text (page, "p", "small", SIM_T (self, "別のアカウントを使用する", "Use a different account"));
    }
  else
    {
      sim_page_text (page, "h1", SIM_T (self, "アカウントのセキュリティ保護", "Keep your account secure"));
      sim_page_text (page, "p", SIM_T (self, "Microsoft Authenticator: スマートフォンにアプリをインストールし、表示されるコードを読み取ります。",
                                       "Microsoft Authenticator: install the app on your phone and scan the code shown."));
    }
  sim_page_form_begin (page, second ? "/login/registered" : "/login/register");
  carry (page, params);
  sim_page_submit (page, SIM_T (self, "次へ", "Next"), "next", TRUE);
  sim_page_form_end (page);
  card_end (self, page, msg);
}

static void
kmsi_page (KaitsuSimulator   *self,
           SoupServerMessage *msg,
           GHashTable        *params)
{
  SimPage *page = card_begin (self, KAITSU_PRACTICE_ADMIN);

  sim_page_text (page, "h1", SIM_T (self, "サインインの状態を維持しますか?", "Stay signed in?"));
  sim_page_text (page, "p", SIM_T (self, "これにより、サインインを求められる回数を減らすことができます。",
                                   "Do this to reduce the number of times you are asked to sign in."));
  sim_page_form_begin (page, "/login/kmsi");
  carry (page, params);
  sim_page_input (page, SIM_T (self, "今後このメッセージを表示しない", "Don't show this again"), "kmsi_never", "checkbox", NULL);
  sim_page_submit (page, SIM_T (self, "いいえ", "No"), "no", FALSE);
  sim_page_submit (page, SIM_T (self, "はい", "Yes"), "yes", TRUE);
  sim_page_form_end (page);
  card_end (self, page, msg);
}

static void
need_admin_page (KaitsuSimulator   *self,
                 SoupServerMessage *msg,
                 GHashTable        *params)
{
  SimPage *page = card_begin (self, PRACTICE_USER);
  g_autofree char *query = carried_query (params);
  g_autofree char *admin = g_strconcat ("/login/another", query, NULL);
  g_autofree char *back = g_strconcat ("/login/return", query, NULL);

  sim_page_text (page, "h1", SIM_T (self, "管理者の承認が必要", "Need admin approval"));
  sim_page_text (page, "p", APP_NAME);
  sim_page_text (page, "p", SIM_T (self, "このアプリには、管理者のみが付与できる、組織内のリソースへのアクセス許可が必要です。",
                                   "Trend Micro Cloud App Security needs permission to access resources in your organization that only an admin can grant."));
  sim_page_link (page, admin, SIM_T (self, "管理者アカウントをお持ちの場合は、そのアカウントでサインインしてください",
                                     "Have an admin account? Sign in with that account"));
  sim_page_link (page, back, SIM_T (self, "同意せずにアプリケーションに戻る", "Return to the application without granting consent"));
  card_end (self, page, msg);
}

static void
blocked_page (KaitsuSimulator   *self,
              SoupServerMessage *msg)
{
  g_autofree char *request = g_uuid_string_random ();
  g_autofree char *correlation = g_uuid_string_random ();
  g_autoptr (GDateTime) now = g_date_time_new_now_utc ();
  g_autofree char *stamp = g_date_time_format (now, "%Y-%m-%dT%H:%M:%S.%fZ");
  SimPage *page = card_begin (self, KAITSU_PRACTICE_ADMIN);

  if (self->is.ca_block_2026)
    {
      /* Today's page: the code without its prefix, in a troubleshooting panel */
      sim_page_text (page, "h1", SIM_T (self, "これにはアクセスできません", "You don't have access to this"));
      sim_page_text (page, "p", SIM_T (self, "サインインは成功しましたが、このリソースにアクセスするための条件を満たしていません。たとえば、管理者によって制限されているブラウザー、アプリ、または場所からサインインしている可能性があります。",
                                       "Your sign-in was successful but does not meet the criteria to access this resource. For example, you might be signing in from a browser, app, or location that is restricted by your admin."));
      sim_page_open (page, "details");
      sim_page_text (page, "p", SIM_T (self, "トラブルシューティングの詳細", "Troubleshooting details"));
      sim_page_printf (page, "<p>%s: 53003</p><p>Request Id: %s</p><p>Correlation Id: %s</p><p>Timestamp: %s</p>"
                       "<p>App name: " APP_NAME "</p><p>%s: Unregistered</p>",
                       SIM_T (self, "エラー コード", "Error Code"), request, correlation, stamp,
                       SIM_T (self, "デバイスの状態", "Device state"));
      sim_page_close (page);
    }
  else
    {
      g_autofree char *ids = g_strdup_printf ("Request Id: %s Correlation Id: %s", request, correlation);

      sim_page_text (page, "h1", SIM_T (self, "このリソースにアクセスする権限がありません", "You cannot access this resource"));
      sim_page_text (page, "p", "AADSTS53003: Access has been blocked by Conditional Access policies. The access policy does not allow token issuance.");
      sim_page_text (page, "p", ids);
    }
  card_end (self, page, msg);
}

static void
consent_page (KaitsuSimulator   *self,
              SoupServerMessage *msg,
              GHashTable        *params)
{
  KaitsuService service = requested_service (params);
  g_autofree char *app = g_strdup_printf (APP_NAME " - %s", service != KAITSU_SERVICE_NONE ? kaitsu_service_get_name (service) : "");
  SimPage *page = card_begin (self, KAITSU_PRACTICE_ADMIN);

  sim_page_text (page, "h1", SIM_T (self, "要求されているアクセス許可", "Permissions requested"));
  sim_page_role_text (page, "p", "small", SIM_T (self, "組織の承認", "Accept for your organization"));
  sim_page_text (page, "p", app);
  sim_page_text (page, "p", SIM_T (self, "このアプリが必要とするアクセス許可:", "This app would like to:"));
  sim_page_printf (page, "<ul><li>%s</li><li>%s</li></ul>",
                   SIM_T (self, "すべてのメールボックスへのフル アクセス", "Have full access to all mailboxes"),
                   SIM_T (self, "すべてのサイト コレクションの読み取りと書き込み", "Read and write items in all site collections"));
  sim_page_text (page, "p", SIM_T (self, "承諾すると、組織内のすべてのユーザーに代わってこのアプリに同意したことになります。",
                                   "If you accept, this app will get access to the specified resources for all users in your organization."));
  sim_page_form_begin (page, "/consent");
  carry (page, params);
  sim_page_submit (page, SIM_T (self, "キャンセル", "Cancel"), "cancel", FALSE);
  sim_page_submit (page, SIM_T (self, "承諾", "Accept"), "accept", TRUE);
  sim_page_form_end (page);
  card_end (self, page, msg);
}

/* After the password: whatever Microsoft still asks, in its order, then the consent */
static void
continue_signin (KaitsuSimulator   *self,
                 SoupServerMessage *msg,
                 GHashTable        *params)
{
  if (self->is.ca_block_2026 || self->is.blocked_53003)
    {
      blocked_page (self, msg);
      return;
    }
  if ((self->is.need_admin && !self->admin_signed_in) || (self->is.access_denied && !self->access_denied_done))
    {
      need_admin_page (self, msg, params);
      return;
    }
  if (self->is.mfa_register && !self->mfa_registered)
    {
      register_page (self, msg, params, FALSE);
      return;
    }
  if (self->is.mfa_number && !self->mfa_approved)
    {
      if (self->mfa_challenge == 0)
        self->mfa_challenge = g_rand_int_range (self->rand, 10, 100);
      number_page (self, msg, params, NULL);
      return;
    }
  if (self->is.kmsi && !self->kmsi_answered)
    {
      kmsi_page (self, msg, params);
      return;
    }
  g_free (self->ms_session);
  self->ms_session = sim_new_secret ();
  sim_set_cookie (msg, "ESTSAUTH", self->ms_session);
  consent_page (self, msg, params);
}

static void
back_to_console (SoupServerMessage *msg,
                 GHashTable        *params,
                 const char        *answer)
{
  const char *state = g_hash_table_lookup (params, "state");
  g_autofree char *state_q = g_uri_escape_string (state != NULL ? state : "", NULL, FALSE);
  g_autofree char *location = g_strdup_printf ("%s?%s&state=%s", (const char *) g_hash_table_lookup (params, "redirect_uri"),
                                               answer, state_q);

  soup_server_message_set_redirect (msg, SOUP_STATUS_FOUND, location);
}

void
sim_microsoft_handle (SoupServer        *server,
                      SoupServerMessage *msg,
                      const char        *path,
                      GHashTable        *query,
                      gpointer           data)
{
  KaitsuSimulator *self = data;
  gboolean post = soup_server_message_get_method (msg) == SOUP_METHOD_POST;
  g_autoptr (GHashTable) form = post ? sim_read_form (msg) : NULL;
  GHashTable *params = post ? form : query;
  gboolean signed_in = sim_has_session (msg, "ESTSAUTH", self->ms_session);

  if (params == NULL || g_hash_table_lookup (params, "redirect_uri") == NULL)
    {
      SimPage *page = card_begin (self, NULL);

      sim_page_text (page, "p", "AADSTS900144: The request body must contain the following parameter: 'redirect_uri'.");
      card_end (self, page, msg);
      return;
    }
  if (!post && g_str_equal (path, "/login/another"))
    {
      /* Another account: this time the administrator's */
      self->admin_signed_in = TRUE;
      account_page (self, msg, params);
      return;
    }
  if (!post && g_str_equal (path, "/login/use-another"))
    {
      account_page (self, msg, params);
      return;
    }
  if (!post && g_str_equal (path, "/login/return"))
    {
      /* Back without consent: an error with no AADSTS code */
      self->access_denied_done = TRUE;
      back_to_console (msg, params, "error=access_denied");
      return;
    }
  if (!post)
    {
      if (signed_in)
        consent_page (self, msg, params);
      else if (self->is.pick_account)
        pick_page (self, msg, params);
      else if (self->is.signin_one_page)
        one_page_signin (self, msg, params);
      else
        account_page (self, msg, params);
      return;
    }
  if (g_str_equal (path, "/login/email"))
    {
      password_page (self, msg, params, NULL);
      return;
    }
  if (g_str_equal (path, "/login/password"))
    {
      if (g_strcmp0 (sim_form_value (self, form, "ms_password"), KAITSU_PRACTICE_ADMIN_PASSWORD) != 0 ||
          (self->is.wrong_password && !self->wrong_password_done))
        {
          self->wrong_password_done = TRUE;
          password_page (self, msg, params,
                         SIM_T (self, "アカウントまたはパスワードが正しくありません。パスワードを忘れた場合は、今すぐリセットしてください。",
                                "Your account or password is incorrect. If you don't remember your password, reset it now."));
          return;
        }
      self->mfa_approved = FALSE;
      self->mfa_challenge = 0;
      continue_signin (self, msg, params);
      return;
    }
  if (g_str_equal (path, "/login/register"))
    {
      register_page (self, msg, params, TRUE);
      return;
    }
  if (g_str_equal (path, "/login/registered"))
    {
      self->mfa_registered = TRUE;
      continue_signin (self, msg, params);
      return;
    }
  if (g_str_equal (path, "/login/mfa"))
    {
      g_autofree char *expected = g_strdup_printf ("%u", self->mfa_challenge);
      g_autofree char *typed = g_strdup (sim_form_value (self, form, "mfa_number"));

      if (typed == NULL || g_strcmp0 (g_strstrip (typed), expected) != 0)
        {
          number_page (self, msg, params, SIM_T (self, "番号が違います。もう一度入力してください。", "That number is wrong. Try again."));
          return;
        }
      self->mfa_approved = TRUE;
      continue_signin (self, msg, params);
      return;
    }
  if (g_str_equal (path, "/login/kmsi"))
    {
      self->kmsi_answered = TRUE;
      continue_signin (self, msg, params);
      return;
    }
  if (g_str_equal (path, "/consent"))
    {
      gboolean accepted = g_strcmp0 (sim_form_value (self, form, "action"), "accept") == 0;

      if (accepted && self->is.consent_declined_once)
        {
          self->is.consent_declined_once = FALSE;
          accepted = FALSE;
        }
      if (accepted)
        {
          g_autofree char *answer = g_strdup_printf ("admin_consent=True&tenant=%s", self->tenant);
          back_to_console (msg, params, answer);
        }
      else
        back_to_console (msg, params, "error=access_denied&error_description=AADSTS65004%3a+User+declined+to+consent+to+access+the+app.&admin_consent=True");
      return;
    }
  account_page (self, msg, params);
}
