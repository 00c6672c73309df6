/* SPDX-License-Identifier: GPL-3.0-or-later */
/* kaitsu-procedure.c: the activation procedure, readable in one place */

#include "config.h"

#define G_LOG_DOMAIN "kaitsu-procedure"

#include <glib/gi18n-lib.h>
#include <json-glib/json-glib.h>

#include "kaitsu-json.h"
#include "kaitsu-procedure.h"

typedef struct
{
  const char *id;
  const char *name;
} ServiceDef;

/* Product names, as the console spells them; never translated. */
static const ServiceDef service_table[KAITSU_N_SERVICES] = {
  { "exchange-online", "Exchange Online" },
  { "sharepoint-online", "SharePoint Online" },
  { "onedrive", "OneDrive" },
  { "teams", "Microsoft Teams" },
};

#define MAX_SUBSTEPS 8
#define MAX_ADVICE 6

typedef struct
{
  KaitsuStep step;
  const char *id;
  const char *title;
  const char *summary;
  KaitsuService service;
  const char *substeps[MAX_SUBSTEPS];
  const char *advice[MAX_ADVICE];
} StepDef;

/* The granting of one service, shared by the four service steps; {service} is its name. */
#define SERVICE_SUBSTEPS \
  { \
    /* Translators: {service} is a product name such as "Exchange Online"; quote console labels exactly. */ \
    N_("In the console, open 「運用管理」 → 「サービスアカウント」, press 「追加」, choose 「初期設定の組織」 and then {service}."), \
    N_("Choose the policies to turn on if you wish, then press 「権限の付与」."), \
    N_("A Microsoft sign-in window opens. Enter the Microsoft 365 administrator’s address and press 「次へ」."), \
    N_("Enter the administrator’s password and press 「サインイン」. If you are already signed in, this is skipped."), \
    N_("Read the permission request and press 「承諾」."), \
    N_("A page reads “Please close this window, then back to Trend Micro Cloud App Security continue provision.” Close that window."), \
    N_("Back in the console, press 「ステータスの更新」, then 「閉じる」."), \
  }

#define SERVICE_ADVICE_COMMON \
  N_("Only one service can be connected at a time. While another service is still connecting or syncing, wait until it has finished."), \
  N_("If it fails with an error or a timeout, close the dialog with its ×, reload the page and try again. Two or three tries usually succeed."), \
  N_("The first sync of a large organisation (10,000 users or more) can take 3 to 4 hours. You can close Kaitsu meanwhile: it remembers where you are.")

static const StepDef step_table[KAITSU_N_STEPS] = {
  { KAITSU_STEP_WELCOME, "welcome", N_("Welcome"),
    N_("Kaitsu guides you through activating おまかせクラウドアップセキュリティ (Trend Micro Cloud App Security) for Microsoft 365. You do each step on the real pages, and Kaitsu tells you what comes next. Plan about an hour; the first sync of a large organisation can take a few hours more."),
    KAITSU_SERVICE_NONE,
    { N_("Choose the Microsoft 365 services to protect. All four are chosen unless your contract says otherwise."),
      N_("Choose the region of your Cloud App Security console. Customers in Japan use Japan."),
      N_("Say whether your organisation uses Microsoft Information Protection (MIP) labels."), },
    { NULL } },

  { KAITSU_STEP_PREPARE, "prepare", N_("Get ready"),
    N_("Before you start, have these at hand."),
    KAITSU_SERVICE_NONE,
    { N_("The activation mail with the subject 「新規アカウント発行のお知らせ」, sent by PLX_account_support_MailBox@trendmicro.co.jp."),
      N_("The mail address and password of your Microsoft 365 administrator. You sign in with them once for each service."),
      N_("About an hour without interruptions, on this computer."), },
    { N_("The password link in the activation mail works for 7 days after the mail was sent."), } },

  { KAITSU_STEP_PASSWORD, "password", N_("Set the console password"),
    N_("Choose the password you will use to log in to the console."),
    KAITSU_SERVICE_NONE,
    { N_("Open the second link in the activation mail, which starts with https://forgetpwd.trendmicro.com/."),
      N_("Check that the page shows your account name, for example 「アカウント名: CAS0001」."),
      N_("Type a new password into 「新しいパスワード」 and again into 「パスワードの確認入力」."),
      N_("Send the form, and keep the password where you keep your other administrator passwords."), },
    { N_("The password must be 8 to 25 characters long and use digits, upper-case and lower-case letters."),
      N_("The link works for 7 days after the mail was sent. If it has expired, use 「パスワードのリセット/パスワードをお忘れの場合」 on the login page, or ask the support desk."), } },

  { KAITSU_STEP_LOGIN, "login", N_("Log in"),
    N_("Log in to the Licensing Management Platform with your account name and new password."),
    KAITSU_SERVICE_NONE,
    { N_("Open the first link in the activation mail, which starts with https://clp.trendmicro.com/. The page reads 「登録情報を入力してください」."),
      N_("Enter the account name in 「アカウント」 and the new password in 「パスワード」, then press 「ログイン」."),
      N_("If the page 「セキュリティをさらに強化」 appears, set up two-factor authentication with 「2要素認証設定を行う」, or press 「危険性を理解したうえで、スキップします」 to do it later."),
      N_("If a privacy policy notice appears, read it and press 「OK」."), },
    { N_("Two-factor authentication has its own guide. Setting it up protects the console if the password is ever stolen."), } },

  { KAITSU_STEP_CONSOLE, "console", N_("Open the console"),
    N_("Open the Cloud App Security console from the Licensing Management Platform."),
    KAITSU_SERVICE_NONE,
    { N_("Press 「コンソールを開く」."),
      N_("Read the terms of use and press 「同意する」."),
      N_("Press 「閉じる」."),
      N_("Check that the header reads “Trend Micro Cloud App Security | 運用管理” and that 「組織管理」 lists 「初期設定の組織」."), },
    { NULL } },

  { KAITSU_STEP_EXCHANGE_ONLINE, "exchange-online", N_("Protect Exchange Online"),
    N_("Allow Cloud App Security to protect your organisation’s mail."),
    KAITSU_SERVICE_EXCHANGE_ONLINE,
    SERVICE_SUBSTEPS,
    { SERVICE_ADVICE_COMMON,
      N_("Exchange Online may ask for consent twice in a row. Accept both."), } },

  { KAITSU_STEP_SHAREPOINT_ONLINE, "sharepoint-online", N_("Protect SharePoint Online"),
    N_("Allow Cloud App Security to protect your SharePoint sites."),
    KAITSU_SERVICE_SHAREPOINT_ONLINE,
    SERVICE_SUBSTEPS,
    { SERVICE_ADVICE_COMMON, } },

  { KAITSU_STEP_ONEDRIVE, "onedrive", N_("Protect OneDrive"),
    N_("Allow Cloud App Security to protect your users’ OneDrive files."),
    KAITSU_SERVICE_ONEDRIVE,
    SERVICE_SUBSTEPS,
    { SERVICE_ADVICE_COMMON, } },

  { KAITSU_STEP_TEAMS, "teams", N_("Protect Microsoft Teams"),
    N_("Allow Cloud App Security to protect your Teams channels and files."),
    KAITSU_SERVICE_TEAMS,
    SERVICE_SUBSTEPS,
    { SERVICE_ADVICE_COMMON,
      N_("Never choose 「Teamsチャット」: Microsoft may charge extra for it."),
      N_("If the console shows an 「アプリID」 for Microsoft Teams, do not press 「完了」 until the SharePoint app permission step is done."), } },

  { KAITSU_STEP_TEAMS_APP_PERMISSION, "teams-app-permission", N_("SharePoint app permission for Teams"),
    N_("Older consoles ask you to register their app in SharePoint before Teams is complete."),
    KAITSU_SERVICE_TEAMS,
    { N_("In the console, open 「サービスアカウント」 and copy the 「アプリID」 shown for Microsoft Teams."),
      N_("Open your SharePoint admin site’s page AppInv.aspx: its address is below."),
      N_("Paste the App ID into 「アプリ ID」 and press 「参照」: 「タイトル」 fills in by itself."),
      N_("Fill in 「アプリ ドメイン」, 「リダイレクト先の URL」 and 「権限の要求 XML」 with the values below, press 「作成」, then 「信頼する」."),
      N_("Open the app principals page: an entry “Trend Micro Cloud App Security” means it worked. Then press 「完了」 in the console."), },
    { N_("Microsoft retired SharePoint add-ins and app-only access through Azure ACS: since 2 April 2026 this step fails on every tenant. If SharePoint refuses, that is expected. Go back to the console and finish Teams with its own consent."), } },

  { KAITSU_STEP_VERIFY, "verify", N_("Check the protection"),
    N_("Make sure that every service you chose is protected."),
    KAITSU_SERVICE_NONE,
    { N_("In the console, open 「タスクリスト」 and filter by 「重大度」: each task should read 「成功しました」."),
      N_("Open 「通知」: each service shows a notification such as 「SharePoint Onlineは保護されています。」."),
      N_("If a task stays 「保留」, switch to another screen and back. If it is still pending, wait, then grant that service again."), },
    { N_("While anything is 「保留」 (pending), no further service can be connected."), } },

  { KAITSU_STEP_MIP, "mip", N_("Microsoft Information Protection"),
    N_("Only if your organisation uses MIP labels: without this, Cloud App Security cannot inspect protected content. The option appears in the console once at least one service is protected."),
    KAITSU_SERVICE_NONE,
    { N_("Add an account for Microsoft Information Protection."),
      N_("If you still use Azure RMS, migrate to Microsoft Information Protection."),
      N_("Add the policies for Microsoft Information Protection."), },
    { N_("The console confirms with “You have provisioned for Microsoft Information Protection.”"), } },

  { KAITSU_STEP_FINISH, "finish", N_("Activation complete"),
    N_("Your Microsoft 365 services are connected. Protection is not in force until the policies are set up: follow these two procedures next."),
    KAITSU_SERVICE_NONE,
    { N_("Set up advanced threat protection with 「【ポリシー設定】高度な脅威対策設定手順」."),
      N_("Set up data loss prevention with 「【ポリシー設定】情報漏えい対策設定手順」."), },
    { NULL } },
};

static const StepDef *
step_def (KaitsuStep step)
{
  g_return_val_if_fail (step >= 0 && step < KAITSU_N_STEPS, NULL);
  g_assert (step_table[step].step == step);
  return &step_table[step];
}

const char *
kaitsu_service_get_id (KaitsuService service)
{
  g_return_val_if_fail (service >= 0 && service < KAITSU_N_SERVICES, NULL);
  return service_table[service].id;
}

const char *
kaitsu_service_get_name (KaitsuService service)
{
  g_return_val_if_fail (service >= 0 && service < KAITSU_N_SERVICES, NULL);
  return service_table[service].name;
}

KaitsuService
kaitsu_service_from_id (const char *id)
{
  for (guint i = 0; id != NULL && i < KAITSU_N_SERVICES; i++)
    if (g_str_equal (id, service_table[i].id))
      return i;
  return KAITSU_SERVICE_NONE;
}

KaitsuStep
kaitsu_service_get_step (KaitsuService service)
{
  g_return_val_if_fail (service >= 0 && service < KAITSU_N_SERVICES, KAITSU_STEP_NONE);
  return KAITSU_STEP_EXCHANGE_ONLINE + service;
}

const char *
kaitsu_step_get_id (KaitsuStep step)
{
  return step_def (step)->id;
}

KaitsuStep
kaitsu_step_from_id (const char *id)
{
  for (guint i = 0; id != NULL && i < KAITSU_N_STEPS; i++)
    if (g_str_equal (id, step_table[i].id))
      return i;
  return KAITSU_STEP_NONE;
}

char *
kaitsu_step_dup_title (KaitsuStep step)
{
  return g_strdup (_(step_def (step)->title));
}

char *
kaitsu_step_dup_summary (KaitsuStep step)
{
  return g_strdup (_(step_def (step)->summary));
}

KaitsuService
kaitsu_step_get_service (KaitsuStep step)
{
  return step_def (step)->service;
}

static guint
count_strings (const char * const *strv,
               guint               max)
{
  guint n = 0;

  while (n < max && strv[n] != NULL)
    n++;
  return n;
}

guint
kaitsu_step_get_n_substeps (KaitsuStep step)
{
  return count_strings (step_def (step)->substeps, MAX_SUBSTEPS);
}

char *
kaitsu_step_dup_substep_id (KaitsuStep step,
                            guint      index)
{
  g_return_val_if_fail (index < kaitsu_step_get_n_substeps (step), NULL);
  return g_strdup_printf ("%s.%u", kaitsu_step_get_id (step), index + 1);
}

/* Fills in {service} with the product name; a placeholder keeps translations free of printf. */
static char *
expand (const char   *text,
        KaitsuService service)
{
  g_autoptr (GString) out = g_string_new (text);

  if (service != KAITSU_SERVICE_NONE)
    g_string_replace (out, "{service}", kaitsu_service_get_name (service), 0);
  return g_string_free (g_steal_pointer (&out), FALSE);
}

char *
kaitsu_step_dup_substep_text (KaitsuStep step,
                              guint      index)
{
  const StepDef *def = step_def (step);

  g_return_val_if_fail (index < kaitsu_step_get_n_substeps (step), NULL);
  return expand (_(def->substeps[index]), def->service);
}

guint
kaitsu_step_get_n_advice (KaitsuStep step)
{
  return count_strings (step_def (step)->advice, MAX_ADVICE);
}

char *
kaitsu_step_dup_advice (KaitsuStep step,
                        guint      index)
{
  const StepDef *def = step_def (step);

  g_return_val_if_fail (index < kaitsu_step_get_n_advice (step), NULL);
  return expand (_(def->advice[index]), def->service);
}

char *
kaitsu_procedure_to_json (void)
{
  g_autoptr (JsonBuilder) builder = json_builder_new ();

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "steps");
  json_builder_begin_array (builder);
  for (KaitsuStep step = 0; step < KAITSU_N_STEPS; step++)
    {
      KaitsuService service = kaitsu_step_get_service (step);
      g_autofree char *title = kaitsu_step_dup_title (step);

      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "id");
      json_builder_add_string_value (builder, kaitsu_step_get_id (step));
      json_builder_set_member_name (builder, "title");
      json_builder_add_string_value (builder, title);
      kaitsu_json_add_string (builder, "service",
                              service == KAITSU_SERVICE_NONE ? NULL : kaitsu_service_get_id (service));
      json_builder_set_member_name (builder, "substeps");
      json_builder_begin_array (builder);
      for (guint i = 0; i < kaitsu_step_get_n_substeps (step); i++)
        {
          g_autofree char *id = kaitsu_step_dup_substep_id (step, i);
          g_autofree char *text = kaitsu_step_dup_substep_text (step, i);

          json_builder_begin_object (builder);
          json_builder_set_member_name (builder, "id");
          json_builder_add_string_value (builder, id);
          json_builder_set_member_name (builder, "text");
          json_builder_add_string_value (builder, text);
          json_builder_end_object (builder);
        }
      json_builder_end_array (builder);
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);
  json_builder_end_object (builder);
  return kaitsu_json_finish (builder);
}

char *
kaitsu_procedure_to_checklist (void)
{
  g_autoptr (GString) out = g_string_new (NULL);

  for (KaitsuStep step = 0; step < KAITSU_N_STEPS; step++)
    {
      g_autofree char *title = kaitsu_step_dup_title (step);

      g_string_append_printf (out, "%u. %s  [%s]\n", step + 1, title, kaitsu_step_get_id (step));
      for (guint i = 0; i < kaitsu_step_get_n_substeps (step); i++)
        {
          g_autofree char *id = kaitsu_step_dup_substep_id (step, i);
          g_autofree char *text = kaitsu_step_dup_substep_text (step, i);

          g_string_append_printf (out, "   [ ] %s  %s\n", id, text);
        }
      g_string_append_c (out, '\n');
    }
  return g_string_free (g_steal_pointer (&out), FALSE);
}
