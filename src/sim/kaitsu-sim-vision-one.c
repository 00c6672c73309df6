/* SPDX-License-Identifier: GPL-3.0-or-later */
/* kaitsu-sim-vision-one.c: Trend Vision One for a console moved there: its own sign-in
 * (signin.v1.trendmicro.com, with the Primary User Account) and its portal
 * (portal.<region>.xdr.trendmicro.com), where Cloud Email and Collaboration Protection is
 * Cloud App Security under another name, granting through <portal>/ui/cas/provision.html. */

#include "config.h"

#define G_LOG_DOMAIN "kaitsu-sim"

#include "kaitsu-sim-private.h"

static void
signin_page (KaitsuSimulator   *self,
             SoupServerMessage *msg,
             const char        *error)
{
  SimPage *page = sim_page_begin (self, SIM_LOOK_VISION_ONE, "Trend Vision One");

  sim_page_open (page, "signin");
  sim_page_role_text (page, "div", "brand", self->is.trendai ? "TrendAI Vision One™" : "Trend Vision One™");
  sim_page_text (page, "h1", SIM_T (self, "サインイン", "Sign in"));
  sim_page_text (page, "p", SIM_T (self, "プライマリユーザアカウントでサインインしてください。",
                                   "Sign in with your Primary User Account."));
  if (error != NULL)
    sim_page_role_text (page, "p", "error", error);
  sim_page_form_begin (page, "/");
  sim_page_input (page, SIM_T (self, "メールアドレス", "Email address"), "v1_email", "email", NULL);
  sim_page_input (page, SIM_T (self, "パスワード", "Password"), "v1_password", "password", NULL);
  sim_page_submit (page, SIM_T (self, "サインイン", "Sign in"), "signin", TRUE);
  sim_page_form_end (page);
  sim_page_link (page, "/forgot", SIM_T (self, "パスワードをお忘れの場合", "Forgot password?"));
  sim_page_send (page, msg);
}

void
sim_v1_signin_handle (SoupServer        *server,
                      SoupServerMessage *msg,
                      const char        *path,
                      GHashTable        *query,
                      gpointer           data)
{
  KaitsuSimulator *self = data;
  g_autoptr (GHashTable) form = NULL;
  g_autofree char *console = NULL;

  if (soup_server_message_get_method (msg) != SOUP_METHOD_POST)
    {
      signin_page (self, msg, NULL);
      return;
    }
  form = sim_read_form (msg);
  /* The Primary User Account: the admin's address, with the licensing portal's password */
  if (g_strcmp0 (sim_form_value (self, form, "v1_email"), KAITSU_PRACTICE_ADMIN) != 0 ||
      self->password == NULL || g_strcmp0 (sim_form_value (self, form, "v1_password"), self->password) != 0)
    {
      signin_page (self, msg, SIM_T (self, "メールアドレスまたはパスワードが正しくありません。",
                                     "The email address or password is incorrect."));
      return;
    }
  sim_console_open_ticket (self, SIM_ORIGIN_V1_CONSOLE, &console);
  sim_redirect (msg, console);
}

void
sim_v1_console_handle (SoupServer        *server,
                       SoupServerMessage *msg,
                       const char        *path,
                       GHashTable        *query,
                       gpointer           data)
{
  sim_console_handle (data, SIM_ORIGIN_V1_CONSOLE, msg, path, query);
}
