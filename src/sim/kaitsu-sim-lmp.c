/* SPDX-License-Identifier: GPL-3.0-or-later */
/* kaitsu-sim-lmp.c: the licensing portal (clp.trendmicro.com): log in, the optional 2FA
 * offer, the privacy notice, the product list and 「コンソールを開く」, which opens Cloud App
 * Security's console, or Trend Vision One's sign-in where the console has moved there. */

#include "config.h"

#define G_LOG_DOMAIN "kaitsu-sim"

#include "kaitsu-sim-private.h"

/* The portal's header and card; the password pages share it with a shorter header */
SimPage *
sim_portal_begin (KaitsuSimulator *self,
                  const char      *title,
                  const char      *header)
{
  SimPage *page = sim_page_begin (self, SIM_LOOK_PORTAL, title);

  sim_page_role_text (page, "div", "header", header);
  sim_page_open (page, "card");
  return page;
}

static SimPage *
portal_begin (KaitsuSimulator *self,
              const char      *title)
{
  return sim_portal_begin (self, title, SIM_T (self, "TREND MICRO Licensing Management Platform Powered by トレンドマイクロ",
                                               "TREND MICRO Licensing Management Platform"));
}

static void
portal_end (KaitsuSimulator   *self,
            SimPage           *page,
            SoupServerMessage *msg)
{
  sim_page_close (page);
  if (g_rand_boolean (self->rand))
    sim_page_role_text (page, "footer", "footer", "Copyright © Trend Micro Incorporated. All rights reserved.");
  sim_page_send (page, msg);
}

static void
login_page (KaitsuSimulator   *self,
            SoupServerMessage *msg,
            const char        *error)
{
  g_autofree char *forgot = sim_url (self, SIM_ORIGIN_RESET, "/ForgetPassword");
  SimPage *page = portal_begin (self, "Licensing Management Platform");

  sim_page_text (page, "h1", SIM_T (self, "登録情報を入力してください", "Enter your account information"));
  if (error != NULL)
    sim_page_role_text (page, "p", "error", error);
  sim_page_form_begin (page, "/login");
  sim_page_input (page, SIM_T (self, "アカウント:", "Account name:"), "account", "text", NULL);
  sim_page_input (page, SIM_T (self, "パスワード:", "Password:"), "password", "password", NULL);
  sim_page_link (page, forgot, SIM_T (self, "パスワードのリセット/パスワードをお忘れの場合", "Forgot your password?"));
  sim_page_input (page, SIM_T (self, "アカウント名を記憶する", "Remember my account name"), "remember", "checkbox", NULL);
  sim_page_submit (page, SIM_T (self, "ログイン", "Log On"), "login", TRUE);
  sim_page_form_end (page);
  portal_end (self, page, msg);
}

/* A notice with a few paragraphs and its buttons ({label, value, …, NULL}) */
static void
notice_page (KaitsuSimulator    *self,
             SoupServerMessage  *msg,
             const char         *title,
             const char * const *paragraphs,
             const char         *action,
             const char * const *buttons)
{
  SimPage *page = portal_begin (self, title);

  sim_page_text (page, "h1", title);
  for (guint i = 0; paragraphs != NULL && paragraphs[i] != NULL; i++)
    sim_page_text (page, "p", paragraphs[i]);
  sim_page_form_begin (page, action);
  for (guint i = 0; buttons[i] != NULL; i += 2)
    sim_page_submit (page, buttons[i], buttons[i + 1], i == 0);
  sim_page_form_end (page);
  portal_end (self, page, msg);
}

static void
twofa_offer (KaitsuSimulator   *self,
             SoupServerMessage *msg)
{
  const char * const ja_text[] = {
    "サイバー犯罪が高度化するにつれて、不正アクセスからインターネットアカウントを保護するにはパスワード保護だけでは不十分な場合があります。",
    "2要素認証とは", NULL };
  const char * const en_text[] = {
    "As cybercrime grows more sophisticated, a password alone may not protect your account from unauthorized access.",
    "What is two-factor authentication?", NULL };
  const char * const ja_buttons[] = { "2要素認証設定を行う", "setup", "今後このメッセージを表示しない", "never",
                                      "危険性を理解したうえで、スキップします", "skip", NULL };
  const char * const en_buttons[] = { "Continue to 2FA Settings", "setup", "Do not show this message again", "never",
                                      "Skip for now. I accept the risks", "skip", NULL };

  notice_page (self, msg, SIM_T (self, "セキュリティをさらに強化", "Enhance your account security"),
               self->is.english ? en_text : ja_text, "/twofa", self->is.english ? en_buttons : ja_buttons);
}

static void
open_console (KaitsuSimulator   *self,
              SoupServerMessage *msg)
{
  g_autofree char *console = NULL;
  SimPage *page;

  /* Moved to Vision One: the console is reached through Vision One's own sign-in */
  if (self->is.vision_one)
    console = sim_url (self, SIM_ORIGIN_V1_SIGNIN, "/");
  else
    sim_console_open_ticket (self, SIM_ORIGIN_CONSOLE, &console);
  page = portal_begin (self, SIM_T (self, "コンソールを開く", "Open Console"));
  sim_page_text (page, "h1", SIM_T (self, "Cloud App Security のコンソールを開いています", "Opening the Cloud App Security console"));
  sim_page_text (page, "p", SIM_T (self, "コンソールが新しいタブで開きます。", "The console opens in a new tab."));
  sim_page_link (page, console, SIM_T (self, "閉じる", "Close"));
  portal_end (self, page, msg);
}

void
sim_lmp_handle (SoupServer        *server,
                SoupServerMessage *msg,
                const char        *path,
                GHashTable        *query,
                gpointer           data)
{
  KaitsuSimulator *self = data;
  gboolean post = soup_server_message_get_method (msg) == SOUP_METHOD_POST;
  gboolean logged_in = sim_has_session (msg, "LMPSESSION", self->lmp_session);
  g_autoptr (GHashTable) form = post ? sim_read_form (msg) : NULL;
  const char *action = sim_form_value (self, form, "action");

  if (g_str_equal (path, "/login") && post)
    {
      if (g_strcmp0 (sim_form_value (self, form, "account"), KAITSU_PRACTICE_ACCOUNT) != 0 ||
          self->password == NULL || g_strcmp0 (sim_form_value (self, form, "password"), self->password) != 0)
        {
          login_page (self, msg, SIM_T (self, "アカウント名またはパスワードが正しくありません。",
                                        "The account name or password is incorrect."));
          return;
        }
      g_free (self->lmp_session);
      self->lmp_session = sim_new_secret ();
      sim_set_cookie (msg, "LMPSESSION", self->lmp_session);
      sim_redirect (msg, self->is.twofa_prompt && !self->twofa_done ? "/twofa" : "/privacy");
      return;
    }
  if (!logged_in)
    {
      login_page (self, msg, NULL);
      return;
    }
  if (g_str_equal (path, "/twofa"))
    {
      if (post)
        {
          self->twofa_done = TRUE;
          sim_redirect (msg, g_strcmp0 (action, "setup") == 0 ? "/twofa-setup" : "/privacy");
          return;
        }
      twofa_offer (self, msg);
      return;
    }
  if (g_str_equal (path, "/twofa-setup"))
    {
      const char * const text[] = { SIM_T (self, "2要素認証の設定方法は別の手順書をご覧ください。",
                                           "See the separate guide for setting up two-factor authentication."), NULL };
      const char * const buttons[] = { SIM_T (self, "戻る", "Back"), "back", NULL };

      notice_page (self, msg, SIM_T (self, "2要素認証の設定", "Two-factor authentication settings"), text, "/privacy", buttons);
      return;
    }
  if (g_str_equal (path, "/privacy"))
    {
      const char * const ja_text[] = {
        "日本のお客さまへ",
        "トレンドマイクロ株式会社（以下「弊社」）の製品、サービス（サポートを含む）またはWebページをご利用いただくにあたり、お客さまから収集する個人情報の取り扱いについてご確認ください。",
        "For other countries/languages", NULL };
      const char * const en_text[] = {
        "Please review how Trend Micro handles the personal data collected when you use its products, services and web pages.",
        "For other countries/languages", NULL };
      const char * const buttons[] = { "OK", "ok", NULL };

      if (post)
        {
          sim_redirect (msg, "/home");
          return;
        }
      notice_page (self, msg, SIM_T (self, "プライバシーポリシー", "Privacy Policy"),
                   self->is.english ? en_text : ja_text, "/privacy", buttons);
      return;
    }
  if (g_str_equal (path, "/open-console"))
    {
      const char * const terms[] = { SIM_T (self, "管理コンソールを使用するには、使用許諾契約書に同意してください。",
                                            "To use the management console, agree to the License Agreement."), NULL };
      const char * const agree[] = { SIM_T (self, "同意する", "Agree"), "agree", NULL };

      if (post)
        open_console (self, msg);
      else
        notice_page (self, msg, SIM_T (self, "使用許諾契約書", "License Agreement"), terms, "/open-console", agree);
      return;
    }
  /* An interstitial no description knows, once, before the product list */
  if (self->is.unknown_page && !self->unknown_page_shown && !post)
    {
      const char * const text[] = {
        SIM_T (self, "2026年12月5日 2:00〜6:00 (日本時間) にシステムメンテナンスを行います。この間、一部の機能をご利用いただけません。",
               "System maintenance is scheduled for December 5, 2026, 2:00–6:00 (JST). Some features are unavailable during this time."),
        NULL };
      const char * const buttons[] = { SIM_T (self, SIM_ACKNOWLEDGE_JA, SIM_ACKNOWLEDGE_EN), "seen", NULL };

      notice_page (self, msg, SIM_T (self, "メンテナンスのお知らせ", "Maintenance notice"), text, "/maintenance", buttons);
      return;
    }
  if (g_str_equal (path, "/maintenance") && post)
    {
      self->unknown_page_shown = TRUE;
      sim_redirect (msg, "/home");
      return;
    }
  /* /Dashboard and /home: the product list */
  {
    SimPage *page = portal_begin (self, "Licensing Management Platform");

    sim_page_text (page, "h1", SIM_T (self, "製品/サービス", "Products/Services"));
    sim_page_text (page, "p", SIM_T (self, "おまかせクラウドアップセキュリティ", "Cloud App Security"));
    sim_page_link (page, "/open-console", SIM_T (self, "コンソールを開く", "Open Console"));
    portal_end (self, page, msg);
  }
}
