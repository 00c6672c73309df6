/* SPDX-License-Identifier: GPL-3.0-or-later */
/* kaitsu-sim-reset.c: the password reset site the activation mail's second link opens */

#include "config.h"

#define G_LOG_DOMAIN "kaitsu-sim"

#include "kaitsu-password-rule.h"
#include "kaitsu-sim-private.h"

static SimPage *
portal_begin (KaitsuSimulator *self,
              const char      *title)
{
  return sim_portal_begin (self, title, "TREND MICRO Licensing Management Platform");
}

static void
reset_page (KaitsuSimulator   *self,
            SoupServerMessage *msg,
            const char        *error)
{
  const char *rule = SIM_T (self, "数字、大文字、小文字を使用した8文字以上25文字以下のパスワードを設定してください。",
                            "Use 8 to 25 characters with numbers, upper-case and lower-case letters.");
  g_autofree char *account = g_strdup_printf ("%s %s", SIM_T (self, "アカウント名:", "Account name:"),
                                              KAITSU_PRACTICE_ACCOUNT);
  SimPage *page = portal_begin (self, SIM_T (self, "パスワードのリセット", "Reset Password"));

  sim_page_text (page, "h1", SIM_T (self, "パスワードのリセット", "Reset Password"));
  sim_page_text (page, "p", SIM_T (self, "ログインIDを確認し、新しいパスワードを入力してください。",
                                   "Check your logon ID and type a new password."));
  sim_page_text (page, "p", account);
  if (error != NULL)
    sim_page_role_text (page, "p", "error", error);
  sim_page_form_begin (page, "/ForgetPassword/ResetPassword");
  sim_page_hidden (page, "T", self->token);
  sim_page_hidden (page, "v", self->reset_v);
  sim_page_input (page, SIM_T (self, "新しいパスワード:", "New password:"), "new_password", "password", NULL);
  sim_page_role_text (page, "p", "small", rule);
  sim_page_input (page, SIM_T (self, "パスワードの確認入力:", "Confirm password:"), "confirm_password", "password", NULL);
  sim_page_submit (page, SIM_T (self, "保存", "Save"), "save", TRUE);
  sim_page_form_end (page);
  sim_page_send (page, msg);
}

void
sim_reset_handle (SoupServer        *server,
                  SoupServerMessage *msg,
                  const char        *path,
                  GHashTable        *query,
                  gpointer           data)
{
  KaitsuSimulator *self = data;
  g_autoptr (GHashTable) form = NULL;
  const char *password, *confirm;
  SimPage *page;

  if (soup_server_message_get_method (msg) == SOUP_METHOD_GET)
    {
      const char *token = query != NULL ? g_hash_table_lookup (query, "T") : NULL;
      const char *v = query != NULL ? g_hash_table_lookup (query, "v") : NULL;

      if (g_strcmp0 (token, self->token) != 0 || g_strcmp0 (v, self->reset_v) != 0)
        {
          page = portal_begin (self, SIM_T (self, "パスワードのリセット", "Reset Password"));
          sim_page_text (page, "p", SIM_T (self, "このリンクは無効です。", "This link is not valid."));
          sim_page_send (page, msg);
          return;
        }
      reset_page (self, msg, NULL);
      return;
    }
  form = sim_read_form (msg);
  if (g_strcmp0 (g_hash_table_lookup (form, "T"), self->token) != 0)
    {
      reset_page (self, msg, SIM_T (self, "このリンクは無効です。", "This link is not valid."));
      return;
    }
  password = sim_form_value (self, form, "new_password");
  confirm = sim_form_value (self, form, "confirm_password");
  if (password == NULL || kaitsu_password_check (password) != KAITSU_PASSWORD_OK)
    {
      reset_page (self, msg, SIM_T (self, "数字、大文字、小文字を使用した8文字以上25文字以下のパスワードを設定してください。",
                                    "Use 8 to 25 characters with numbers, upper-case and lower-case letters."));
      return;
    }
  if (g_strcmp0 (password, confirm) != 0)
    {
      reset_page (self, msg, SIM_T (self, "パスワードが一致しません。", "The passwords do not match."));
      return;
    }
  g_free (self->password);
  self->password = g_strdup (password);
  {
    g_autofree char *login = sim_url (self, SIM_ORIGIN_LMP, "/Dashboard?T=");
    g_autofree char *login_full = g_strconcat (login, self->token, NULL);

    page = portal_begin (self, SIM_T (self, "パスワードのリセット", "Reset Password"));
    sim_page_text (page, "h1", SIM_T (self, "パスワードを変更しました。", "Your password has been changed."));
    sim_page_link (page, login_full, SIM_T (self, "ログイン画面へ", "Go to the logon page"));
    sim_page_send (page, msg);
  }
}
