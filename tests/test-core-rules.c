/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-core-rules.c: the password rule, regions, SharePoint addresses, masking and what the
 * console's status script reports */

#include "config.h"

#include <string.h>

#include "kaitsu-console-status.h"
#include "kaitsu-mail.h"
#include "kaitsu-mask.h"
#include "kaitsu-password-rule.h"
#include "kaitsu-preflight.h"
#include "kaitsu-reason.h"
#include "kaitsu-sites.h"
#include "kaitsu-test-util.h"

static void
test_password_rule (void)
{
  struct { const char *candidate; KaitsuPasswordProblems expected; } cases[] = {
    { "Abcdefg1", KAITSU_PASSWORD_OK },
    { "Abcdef1", KAITSU_PASSWORD_TOO_SHORT },
    { "Abcdefghijklmnopqrstuvw12", KAITSU_PASSWORD_OK },
    { "Abcdefghijklmnopqrstuvwx12", KAITSU_PASSWORD_TOO_LONG },
    { "abcdefg1", KAITSU_PASSWORD_NO_UPPER },
    { "ABCDEFG1", KAITSU_PASSWORD_NO_LOWER },
    { "Abcdefgh", KAITSU_PASSWORD_NO_DIGIT },
    { "Abcd efg1", KAITSU_PASSWORD_OTHER_CHARS },
    { "Abcdefg1!", KAITSU_PASSWORD_OTHER_CHARS },
    /* Full-width digits and letters look right but are not what the page accepts. */
    { "Ａbcdefg１", KAITSU_PASSWORD_OTHER_CHARS | KAITSU_PASSWORD_NO_UPPER | KAITSU_PASSWORD_NO_DIGIT },
    { "", KAITSU_PASSWORD_TOO_SHORT | KAITSU_PASSWORD_NO_DIGIT | KAITSU_PASSWORD_NO_UPPER | KAITSU_PASSWORD_NO_LOWER },
    /* Length counts characters, not bytes. */
    { "パスワードパスワードAa1", KAITSU_PASSWORD_OTHER_CHARS },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_test_message ("case %u: %s", i, cases[i].candidate);
      g_assert_cmphex (kaitsu_password_check (cases[i].candidate), ==, cases[i].expected);
    }
  g_assert_true (kaitsu_password_check (NULL) & KAITSU_PASSWORD_TOO_SHORT);
  g_assert_true (kaitsu_password_check ("\xff\xfe" "Abcdefg1") & KAITSU_PASSWORD_OTHER_CHARS);
}

static void
test_regions (void)
{
  g_autoptr (KaitsuSites) jp = kaitsu_sites_new_real ("jp");
  g_autoptr (KaitsuSites) eu = kaitsu_sites_new_real ("eu");
  g_autoptr (KaitsuSites) unknown = kaitsu_sites_new_real ("mars");
  g_autofree char *jp_redirect = kaitsu_sites_dup_provision_url (jp);
  g_autofree char *eu_redirect = kaitsu_sites_dup_provision_url (eu);

  g_assert_cmpuint (kaitsu_region_get_count (), ==, 8);
  g_assert_cmpstr (kaitsu_region_get_id (0), ==, KAITSU_DEFAULT_REGION);
  g_assert_cmpstr (jp_redirect, ==, "https://admin.tmcas.trendmicro.co.jp/provision.html");
  g_assert_cmpstr (eu_redirect, ==, "https://admin-eu.tmcas.trendmicro.com/provision.html");
  g_assert_cmpstr (kaitsu_sites_get_base (unknown, KAITSU_SITE_CONSOLE), ==,
                   "https://admin.tmcas.trendmicro.co.jp");
  g_assert_cmpstr (kaitsu_sites_get_base (jp, KAITSU_SITE_MICROSOFT_LOGIN), ==,
                   "https://login.microsoftonline.com");
  g_assert_false (kaitsu_sites_is_practice (jp));
  g_assert_cmpint (kaitsu_region_find ("in"), ==, 7);
  g_assert_cmpint (kaitsu_region_find ("xx"), ==, -1);
  for (guint i = 0; i < kaitsu_region_get_count (); i++)
    g_assert_true (g_str_has_prefix (kaitsu_region_get_admin_site (kaitsu_region_get_id (i)),
                                     "https://admin"));
}

static void
test_practice_sites (void)
{
  g_autoptr (KaitsuSites) sites = kaitsu_sites_new_custom ("http://127.0.0.1:1", "http://127.0.0.1:2",
                                                           "http://127.0.0.1:3", "http://127.0.0.1:4",
                                                           "http://127.0.0.1:5");
  g_autofree char *redirect = kaitsu_sites_dup_provision_url (sites);
  g_autoptr (KaitsuSites) real = kaitsu_sites_new_real ("jp");

  g_assert_true (kaitsu_sites_is_practice (sites));
  g_assert_cmpstr (redirect, ==, "http://127.0.0.1:3/provision.html");
  g_assert_cmpint (kaitsu_sites_find (sites, "http://127.0.0.1:3/provision.html?x=1"), ==, KAITSU_SITE_CONSOLE);
  g_assert_cmpint (kaitsu_sites_find (sites, "http://127.0.0.1:6/"), ==, KAITSU_SITE_NONE);
  g_assert_cmpint (kaitsu_sites_find (sites, "http://user@127.0.0.1:3/"), ==, KAITSU_SITE_NONE);
  g_assert_true (kaitsu_sites_is_microsoft_host (sites, "http://127.0.0.1:4/common/oauth2"));
  g_assert_false (kaitsu_sites_is_microsoft_host (sites, "https://login.microsoftonline.com/"));
  g_assert_cmpint (kaitsu_sites_find (real, "https://admin.tmcas.trendmicro.co.jp/provision.html"), ==,
                   KAITSU_SITE_CONSOLE);
  g_assert_cmpint (kaitsu_sites_find (real, "https://admin.tmcas.trendmicro.co.jp.evil.example/"), ==,
                   KAITSU_SITE_NONE);
  g_assert_null (kaitsu_sites_get_base (real, KAITSU_SITE_SHAREPOINT_ADMIN));
  g_assert_true (kaitsu_sites_is_microsoft_host (real, "https://login.live.com/oauth20"));
  g_assert_false (kaitsu_sites_is_microsoft_host (real, "http://login.live.com/"));
  kaitsu_sites_set_sharepoint_admin (real, "https://example-admin.sharepoint.com");
  g_assert_cmpint (kaitsu_sites_find (real, "https://example-admin.sharepoint.com/_layouts/15/AppInv.aspx"), ==,
                   KAITSU_SITE_SHAREPOINT_ADMIN);
}

/* Where each view may go: the sign-in window follows a federated tenant only from Microsoft's
 * sign-in, never as the first page a pop-up is sent to */
static void
test_navigation_limits (void)
{
  g_autoptr (KaitsuSites) real = kaitsu_sites_new_real ("jp");
  g_autoptr (KaitsuSites) practice = kaitsu_sites_new_custom ("http://127.0.0.1:1", "http://127.0.0.1:2",
                                                              "http://127.0.0.1:3", "http://127.0.0.1:4",
                                                              "http://127.0.0.1:5");
  const char *idp = "https://sts.example.co.jp/adfs/ls/?wa=wsignin1.0";

  g_assert_true (kaitsu_sites_allows (real, "about:blank", FALSE, FALSE));
  g_assert_true (kaitsu_sites_allows (real, "https://admin.tmcas.trendmicro.co.jp/", FALSE, FALSE));
  g_assert_true (kaitsu_sites_allows (real, "https://login.microsoftonline.com/common/oauth2/v2.0/authorize", TRUE, FALSE));
  g_assert_false (kaitsu_sites_allows (real, idp, FALSE, TRUE));
  /* A blank pop-up sent elsewhere by the page that opened it */
  g_assert_false (kaitsu_sites_allows (real, idp, TRUE, FALSE));
  g_assert_true (kaitsu_sites_allows (real, idp, TRUE, TRUE));
  g_assert_false (kaitsu_sites_allows (real, "http://sts.example.co.jp/", TRUE, TRUE));
  g_assert_false (kaitsu_sites_allows (real, "https://login.microsoftonline.com@evil.example/", TRUE, TRUE));
  g_assert_false (kaitsu_sites_allows (real, "https::", TRUE, TRUE));
  g_assert_false (kaitsu_sites_allows (real, NULL, TRUE, TRUE));
  g_assert_false (kaitsu_sites_allows (real, "javascript:alert(1)", TRUE, TRUE));
  /* Practice stays on this computer */
  g_assert_true (kaitsu_sites_allows (practice, "http://127.0.0.1:4/common/oauth2", TRUE, FALSE));
  g_assert_false (kaitsu_sites_allows (practice, idp, TRUE, TRUE));
}

/* Why a file failed, in words: never the system's message */
static void
test_file_reasons (void)
{
  static const struct { GQuark domain; int code; const char *says; } cases[] = {
    { 0, G_FILE_ERROR_NOSPC, "full" },
    { 0, G_FILE_ERROR_ROFS, "only be read" },
    { 0, G_FILE_ERROR_ACCES, "not allowed" },
    { 0, G_FILE_ERROR_NOENT, "not there" },
    { 0, G_FILE_ERROR_INVAL, "not an ordinary file" },
    { 1, G_IO_ERROR_NO_SPACE, "full" },
    { 1, G_IO_ERROR_PERMISSION_DENIED, "not allowed" },
    { 1, G_IO_ERROR_TOO_MANY_OPEN_FILES, "too many files" },
    { 1, G_IO_ERROR_FAILED, "does not know" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr (GError) error = g_error_new_literal (cases[i].domain == 0 ? G_FILE_ERROR : G_IO_ERROR,
                                                      cases[i].code, "mmap() failed: raw system words");
      g_autofree char *reason = kaitsu_reason_dup_for_file (error);

      g_assert_nonnull (strstr (reason, cases[i].says));
      g_assert_null (strstr (reason, "mmap"));
    }
  {
    g_autofree char *none = kaitsu_reason_dup_for_file (NULL);

    g_assert_nonnull (strstr (none, "does not know"));
  }
  /* A folder where a mail was expected: said so, not the system's words */
  {
    g_autoptr (GError) error = NULL;
    gsize length;
    g_autofree char *data = kaitsu_read_input ("/nonexistent-kaitsu-dir/mail.eml", 100, &length, &error);

    g_assert_null (data);
    g_assert_nonnull (strstr (error->message, "not there"));
  }
}

static void
test_sharepoint_input (void)
{
  struct { const char *input; const char *expected; } cases[] = {
    { "contoso", "https://contoso-admin.sharepoint.com" },
    { "  Contoso  ", "https://contoso-admin.sharepoint.com" },
    { "contoso.sharepoint.com", "https://contoso-admin.sharepoint.com" },
    { "https://contoso-admin.sharepoint.com/_layouts/15/online/AdminHome.aspx#/home", "https://contoso-admin.sharepoint.com" },
    { "https://contoso.sharepoint.com/sites/x?y=1", "https://contoso-admin.sharepoint.com" },
    { "http://contoso.sharepoint.com", NULL },
    { "https://contoso.evil.com", NULL },
    { "https://user@contoso.sharepoint.com", NULL },
    { "contoso.sharepoint.com.evil.com", NULL },
    { "", NULL },
    { "-admin", NULL },
    { "日本", NULL },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *site = kaitsu_sharepoint_admin_site_from_input (cases[i].input);

      g_test_message ("case %u: %s", i, cases[i].input);
      g_assert_cmpstr (site, ==, cases[i].expected);
    }
  g_assert_null (kaitsu_sharepoint_admin_site_from_input (NULL));
}

static void
test_mask (void)
{
  struct { KaitsuMaskKind kind; const char *value; const char *expected; } cases[] = {
    { KAITSU_MASK_ID, "CAS12345601", "CAS••••01" },
    { KAITSU_MASK_ID, "3fa85f64-5717-4562-b3fc-2c963f66afa6", "3fa••••a6" },
    { KAITSU_MASK_ID, "AB12", "••••" },
    { KAITSU_MASK_EMAIL, "admin@example.co.jp", "a•••@e•••.co.jp" },
    { KAITSU_MASK_EMAIL, "taro.yamada@mail.example.com", "t•••@m•••.com" },
    { KAITSU_MASK_EMAIL, "admin@contoso.onmicrosoft.com", "a•••@c•••.onmicrosoft.com" },
    { KAITSU_MASK_EMAIL, "山田@例え.jp", "山•••@例•••.jp" },
    { KAITSU_MASK_EMAIL, "no-at-sign", "n•••" },
    { KAITSU_MASK_NAME, "株式会社サンプル", "株•••" },
    { KAITSU_MASK_NAME, "", "" },
    { KAITSU_MASK_ADDRESS, "https://contoso-admin.sharepoint.com/_layouts/15/AppInv.aspx",
      "https://c•••-admin.sharepoint.com/_layouts/15/AppInv.aspx" },
    { KAITSU_MASK_ADDRESS, "contoso.onmicrosoft.com", "c•••.onmicrosoft.com" },
    { KAITSU_MASK_ADDRESS, "http://127.0.0.1:4000/x", "http://127.0.0.1:4000/x" },
    { KAITSU_MASK_LINK, "https://forgetpwd.trendmicro.com/ForgetPassword/ResetPassword?T=abc123&v=1",
      "https://forgetpwd.trendmicro.com/ForgetPassword/ResetPassword?T=••••&v=••••" },
    { KAITSU_MASK_LINK, "https://clp.trendmicro.com/Dashboard", "https://clp.trendmicro.com/Dashboard" },
  };
  const char *known[] = { "株式会社サンプル", "CAS12345601", "ab", NULL };
  g_autofree char *text = NULL;

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *masked = kaitsu_mask (cases[i].kind, cases[i].value);

      g_test_message ("case %u: %s", i, cases[i].value);
      g_assert_cmpstr (masked, ==, cases[i].expected);
    }
  g_assert_null (kaitsu_mask (KAITSU_MASK_NAME, NULL));
  /* Not UTF-8: nothing of it comes through */
  text = kaitsu_mask (KAITSU_MASK_NAME, "\xff\xfe");
  g_assert_cmpstr (text, ==, KAITSU_MASK_DOTS);
  g_clear_pointer (&text, g_free);

  text = kaitsu_mask_text ("株式会社サンプル (CAS12345601): mail admin@example.co.jp about "
                           "contoso-admin.sharepoint.com, tab 2 of 3", known);
  g_assert_cmpstr (text, ==, "株••• (CAS••••01): mail a•••@e•••.co.jp about "
                             "c•••-admin.sharepoint.com, tab 2 of 3");
  g_clear_pointer (&text, g_free);
  /* Masking twice changes nothing more */
  text = kaitsu_mask_text ("a•••@e•••.co.jp c•••-admin.sharepoint.com", NULL);
  g_assert_cmpstr (text, ==, "a•••@e•••.co.jp c•••-admin.sharepoint.com");
  g_clear_pointer (&text, g_free);
  g_assert_null (kaitsu_mask_text (NULL, NULL));
  text = kaitsu_mask_guess ("CAS12345601");
  g_assert_cmpstr (text, ==, "CAS••••01");
}

/* The console is where it opens: Kaitsu follows it to another region or to Trend Vision One */
static void
test_console_follows (void)
{
  g_autoptr (KaitsuSites) sites = kaitsu_sites_new_real ("jp");
  g_autofree char *cas_provision = NULL;
  g_autofree char *v1_provision = NULL;
  g_autoptr (GPtrArray) hosts = NULL;
  gboolean signin_checked = FALSE;

  g_assert_cmpint (kaitsu_sites_get_platform (sites), ==, KAITSU_PLATFORM_NONE);
  /* Not a console: nothing moves */
  g_assert_false (kaitsu_sites_follow_console (sites, "https://clp.trendmicro.com/Dashboard"));
  g_assert_false (kaitsu_sites_follow_console (sites, "https://portal.jp.xdr.trendmicro.com.evil.example/"));
  g_assert_false (kaitsu_sites_follow_console (sites, "http://portal.jp.xdr.trendmicro.com/"));
  /* Another region's Cloud App Security console */
  g_assert_true (kaitsu_sites_follow_console (sites, "https://admin-eu.tmcas.trendmicro.com/dashboard"));
  g_assert_cmpstr (kaitsu_sites_get_base (sites, KAITSU_SITE_CONSOLE), ==, "https://admin-eu.tmcas.trendmicro.com");
  g_assert_cmpint (kaitsu_sites_get_platform (sites), ==, KAITSU_PLATFORM_CAS);
  cas_provision = kaitsu_sites_dup_provision_url (sites);
  g_assert_cmpstr (cas_provision, ==, "https://admin-eu.tmcas.trendmicro.com/provision.html");
  g_assert_false (kaitsu_sites_follow_console (sites, "https://admin-eu.tmcas.trendmicro.com/other"));
  /* Then Trend Vision One: its grant returns under /ui/cas/ */
  g_assert_true (kaitsu_sites_follow_console (sites, "https://portal.jp.xdr.trendmicro.com/index.html#/app/cecp"));
  g_assert_cmpint (kaitsu_sites_get_platform (sites), ==, KAITSU_PLATFORM_VISION_ONE);
  v1_provision = kaitsu_sites_dup_provision_url (sites);
  g_assert_cmpstr (v1_provision, ==, "https://portal.jp.xdr.trendmicro.com/ui/cas/provision.html");
  g_assert_cmpstr (kaitsu_region_from_console ("https://portal.xdr.trendmicro.com/"), ==, "us");
  g_assert_cmpstr (kaitsu_region_from_console ("https://admin.tmcas.trendmicro.co.uk/"), ==, "uk");
  g_assert_null (kaitsu_region_from_console ("https://clp.trendmicro.com/"));
  /* Vision One's sign-in is part of the connection check for that platform */
  hosts = kaitsu_preflight_hosts_for_sites (sites, NULL);
  for (guint i = 0; i < hosts->len; i++)
    signin_checked |= g_str_equal (g_ptr_array_index (hosts, i), "https://signin.v1.trendmicro.com");
  g_assert_true (signin_checked);
  g_assert_cmpint (kaitsu_platform_from_id ("vision-one"), ==, KAITSU_PLATFORM_VISION_ONE);
  g_assert_cmpint (kaitsu_platform_from_id ("cas"), ==, KAITSU_PLATFORM_CAS);
  g_assert_cmpint (kaitsu_platform_from_id ("xdr"), ==, KAITSU_PLATFORM_NONE);
  g_assert_cmpint (kaitsu_platform_from_id (NULL), ==, KAITSU_PLATFORM_NONE);
}

/* Addresses in the log say where, never the tokens and tenant IDs of their queries */
static void
test_uri_for_log (void)
{
  g_autofree char *reset = kaitsu_uri_for_log ("https://forgetpwd.trendmicro.com/ForgetPassword/ResetPassword?T=kjfSy&v=8abc");
  g_autofree char *provision = kaitsu_uri_for_log ("https://admin.tmcas.trendmicro.co.jp/provision.html#tenant=fe82");
  g_autofree char *plain = kaitsu_uri_for_log ("https://admin.tmcas.trendmicro.co.jp/");
  g_autofree char *none = kaitsu_uri_for_log (NULL);

  g_assert_cmpstr (reset, ==, "https://forgetpwd.trendmicro.com/ForgetPassword/ResetPassword?…");
  g_assert_null (strstr (provision, "fe82"));
  g_assert_cmpstr (plain, ==, "https://admin.tmcas.trendmicro.co.jp/");
  g_assert_nonnull (none);
}

/* An address with a scheme and no host is nobody's (found by fuzzing: a critical) */
static void
test_host_less_address (void)
{
  g_autoptr (KaitsuSites) sites = kaitsu_sites_new_real ("jp");
  KaitsuPlatform platform = KAITSU_PLATFORM_NONE;

  g_assert_false (kaitsu_sites_is_microsoft_host (sites, "https::"));
  g_assert_cmpint (kaitsu_sites_recognise (sites, "https::", &platform), ==, KAITSU_SITE_NONE);
}

/* The user's choice before anything opened: where to expect the console */
static void
test_platform_choice (void)
{
  g_autoptr (KaitsuSites) v1 = kaitsu_sites_new_real ("eu");
  g_autoptr (KaitsuSites) cas = kaitsu_sites_new_real ("jp");
  g_autoptr (KaitsuSites) uk = kaitsu_sites_new_real ("uk");
  g_autoptr (GPtrArray) cas_hosts = NULL;

  kaitsu_sites_set_platform (v1, KAITSU_PLATFORM_VISION_ONE, "eu");
  g_assert_cmpstr (kaitsu_sites_get_base (v1, KAITSU_SITE_CONSOLE), ==, "https://portal.eu.xdr.trendmicro.com");
  kaitsu_sites_set_platform (cas, KAITSU_PLATFORM_CAS, "jp");
  g_assert_cmpstr (kaitsu_sites_get_base (cas, KAITSU_SITE_CONSOLE), ==, "https://admin.tmcas.trendmicro.co.jp");
  /* Cloud App Security's check leaves Vision One's sign-in out */
  cas_hosts = kaitsu_preflight_hosts_for_sites (cas, NULL);
  for (guint i = 0; i < cas_hosts->len; i++)
    g_assert_cmpstr (g_ptr_array_index (cas_hosts, i), !=, "https://signin.v1.trendmicro.com");
  /* No documented Vision One console for the UK: the region's console until one opens */
  kaitsu_sites_set_platform (uk, KAITSU_PLATFORM_VISION_ONE, "uk");
  g_assert_cmpstr (kaitsu_sites_get_base (uk, KAITSU_SITE_CONSOLE), ==, "https://admin.tmcas.trendmicro.co.uk");
}

static KaitsuConsoleStatus *
parse_policies (const char *policies,
                const char *choices)
{
  g_autofree char *json = g_strdup_printf ("{\"tasks\": [], \"notifications\": [], \"appIds\": [], "
                                           "\"policies\": %s, \"grantChoices\": %s}", policies, choices);
  g_autoptr (GError) error = NULL;
  KaitsuConsoleStatus *status = kaitsu_console_status_parse (json, -1, &error);

  g_assert_no_error (error);
  return status;
}

/* The policy list as the status script reports it from today's console, the 2024 console
 * and Vision One: the policy that acts wins; monitor-only alone is not scanning; Teams Chat
 * is not Microsoft Teams; a row without a state says nothing */
static void
test_policy_list (void)
{
  g_autoptr (KaitsuConsoleStatus) today = parse_policies (
    "[{\"name\": \"初期設定の高度な脅威対策ポリシー\", \"service\": \"Exchange Online\", \"enabled\": \"on\"},"
    " {\"name\": \"初期設定の高度な脅威対策ポリシー (監視のみ)\", \"service\": \"Exchange Online\", \"enabled\": \"off\"},"
    " {\"name\": \"初期設定の高度な脅威対策ポリシー\", \"service\": \"SharePoint Online\", \"enabled\": \"off\"},"
    " {\"name\": \"初期設定の高度な脅威対策ポリシー (監視のみ)\", \"service\": \"SharePoint Online\", \"enabled\": \"on\"},"
    " {\"name\": \"初期設定の高度な脅威対策ポリシー\", \"service\": \"OneDrive\", \"enabled\": \"off\"},"
    " {\"name\": \"初期設定の高度な脅威対策ポリシー\", \"service\": \"Microsoft Teamsチャット\", \"enabled\": \"on\"},"
    " {\"name\": \"初期設定の高度な脅威対策ポリシー\", \"service\": \"Microsoft Teams\", \"enabled\": \"\"},"
    " {\"name\": \"営業部のカスタムポリシー\", \"service\": \"OneDrive\", \"enabled\": \"on\"}]", "[]");
  g_autoptr (KaitsuConsoleStatus) english = parse_policies (
    "[{\"name\": \"Default ATP policy (monitor only)\", \"service\": \"Collaboration Service Policies OneDrive\", \"enabled\": \"off\"},"
    " {\"name\": \"Default ATP policy\", \"service\": \"OneDrive\", \"enabled\": \"on\"}]", "[]");
  g_autoptr (KaitsuConsoleStatus) v1 = parse_policies (
    "[{\"name\": \"初期設定のATPポリシー\", \"service\": \"Microsoft Teams\", \"enabled\": \"on\"}]", "[]");
  const char *name = NULL;

  g_assert_cmpint (kaitsu_console_status_get_policy (today, KAITSU_SERVICE_EXCHANGE_ONLINE, &name), ==, KAITSU_POLICY_ON);
  g_assert_cmpstr (name, ==, "初期設定の高度な脅威対策ポリシー");
  g_assert_cmpint (kaitsu_console_status_get_policy (today, KAITSU_SERVICE_SHAREPOINT_ONLINE, &name), ==,
                   KAITSU_POLICY_MONITOR_ONLY);
  g_assert_cmpstr (name, ==, "初期設定の高度な脅威対策ポリシー (監視のみ)");
  /* A custom policy's name is not the default one: Kaitsu does not guess what it does */
  g_assert_cmpint (kaitsu_console_status_get_policy (today, KAITSU_SERVICE_ONEDRIVE, &name), ==, KAITSU_POLICY_OFF);
  g_assert_null (name);
  /* Teams Chat's row is on, Teams' own shows no state */
  g_assert_cmpint (kaitsu_console_status_get_policy (today, KAITSU_SERVICE_TEAMS, NULL), ==, KAITSU_POLICY_UNKNOWN);
  g_assert_cmpuint (today->policies->len, ==, 7);
  g_assert_cmpint (kaitsu_console_status_get_policy (english, KAITSU_SERVICE_ONEDRIVE, NULL), ==, KAITSU_POLICY_ON);
  g_assert_cmpint (kaitsu_console_status_get_policy (english, KAITSU_SERVICE_EXCHANGE_ONLINE, NULL), ==, KAITSU_POLICY_UNKNOWN);
  g_assert_cmpint (kaitsu_console_status_get_policy (v1, KAITSU_SERVICE_TEAMS, NULL), ==, KAITSU_POLICY_ON);
}

/* The grant dialog's choices: the default ATP policy offered and ticked, offered and not,
 * not offered at all (the 2024 dialog names categories), or no dialog on screen */
static void
test_grant_choices (void)
{
  g_autoptr (KaitsuConsoleStatus) ticked = parse_policies ("[]",
    "[{\"name\": \"初期設定の高度な脅威対策ポリシー (監視のみ)\", \"checked\": false},"
    " {\"name\": \"初期設定の高度な脅威対策ポリシー\", \"checked\": true}]");
  g_autoptr (KaitsuConsoleStatus) left = parse_policies ("[]", "[{\"name\": \"Default ATP policy\", \"checked\": false}]");
  g_autoptr (KaitsuConsoleStatus) classic = parse_policies ("[]",
    "[{\"name\": \"高度な脅威対策\", \"checked\": true}, {\"name\": \"情報漏えい対策\", \"checked\": false}]");
  g_autoptr (KaitsuConsoleStatus) none = parse_policies ("[]", "[]");
  const char *name = NULL;

  g_assert_cmpint (kaitsu_console_status_get_grant_choice (ticked, &name), ==, KAITSU_GRANT_CHOICE_TICKED);
  g_assert_cmpstr (name, ==, "初期設定の高度な脅威対策ポリシー");
  g_assert_cmpint (kaitsu_console_status_get_grant_choice (left, &name), ==, KAITSU_GRANT_CHOICE_NOT_TICKED);
  g_assert_cmpstr (name, ==, "Default ATP policy");
  g_assert_cmpint (kaitsu_console_status_get_grant_choice (classic, &name), ==, KAITSU_GRANT_CHOICE_NOT_OFFERED);
  g_assert_null (name);
  g_assert_cmpint (kaitsu_console_status_get_grant_choice (none, NULL), ==, KAITSU_GRANT_CHOICE_UNKNOWN);
}

/* A page that lies or breaks: refused whole, never half read */
static void
test_status_refused (void)
{
  const char *bad[] = {
    /* the 2024 shape, without the policy lists */
    "{\"tasks\": [], \"notifications\": [], \"appIds\": []}",
    "{\"tasks\": [], \"notifications\": [], \"appIds\": [], \"policies\": {}, \"grantChoices\": []}",
    "{\"tasks\": [], \"notifications\": [], \"appIds\": [], \"policies\": [{\"name\": \"初期設定の高度な脅威対策ポリシー\", \"service\": \"OneDrive\", \"enabled\": true}], \"grantChoices\": []}",
    "{\"tasks\": [], \"notifications\": [], \"appIds\": [], \"policies\": [{\"name\": \"初期設定の高度な脅威対策ポリシー\", \"service\": \"OneDrive\", \"enabled\": \"yes\"}], \"grantChoices\": []}",
    "{\"tasks\": [], \"notifications\": [], \"appIds\": [], \"policies\": [{\"name\": \"初期設定の高度な脅威対策ポリシー\", \"service\": \"OneDrive\", \"enabled\": \"on\", \"extra\": 1}], \"grantChoices\": []}",
    "{\"tasks\": [], \"notifications\": [], \"appIds\": [], \"policies\": [], \"grantChoices\": [{\"name\": \"初期設定の高度な脅威対策ポリシー\", \"checked\": \"true\"}]}",
    "{\"tasks\": [], \"notifications\": [], \"appIds\": [], \"policies\": [], \"grantChoices\": [7]}",
  };
  g_autoptr (GString) many = g_string_new ("{\"tasks\": [], \"notifications\": [], \"appIds\": [], \"grantChoices\": [], \"policies\": [");
  g_autoptr (GString) long_name = g_string_new (NULL);
  g_autofree char *oversized = NULL;
  g_autoptr (GError) error = NULL;

  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_assert_null (kaitsu_console_status_parse (bad[i], -1, &error));
      g_assert_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA);
      g_clear_error (&error);
    }
  /* More rows than any console lists */
  for (guint i = 0; i <= KAITSU_STATUS_MAX_ITEMS; i++)
    g_string_append_printf (many, "%s{\"name\": \"初期設定の高度な脅威対策ポリシー\", \"service\": \"OneDrive\", \"enabled\": \"on\"}",
                            i > 0 ? "," : "");
  g_string_append (many, "]}");
  g_assert_null (kaitsu_console_status_parse (many->str, -1, &error));
  g_clear_error (&error);
  /* A name longer than any on screen */
  for (guint i = 0; i <= KAITSU_STATUS_MAX_TEXT; i++)
    g_string_append_c (long_name, 'x');
  oversized = g_strdup_printf ("{\"tasks\": [], \"notifications\": [], \"appIds\": [], \"grantChoices\": [], "
                               "\"policies\": [{\"name\": \"初期設定の高度な脅威対策ポリシー%s\", \"service\": \"OneDrive\", \"enabled\": \"on\"}]}",
                               long_name->str);
  g_assert_null (kaitsu_console_status_parse (oversized, -1, &error));
}

int
main (int   argc,
      char *argv[])
{
  kaitsu_test_init (&argc, &argv);
  g_test_add_func ("/rules/password", test_password_rule);
  g_test_add_func ("/rules/regions", test_regions);
  g_test_add_func ("/rules/practice-sites", test_practice_sites);
  g_test_add_func ("/rules/navigation-limits", test_navigation_limits);
  g_test_add_func ("/rules/file-reasons", test_file_reasons);
  g_test_add_func ("/rules/console-follows", test_console_follows);
  g_test_add_func ("/rules/platform-choice", test_platform_choice);
  g_test_add_func ("/rules/sharepoint-input", test_sharepoint_input);
  g_test_add_func ("/rules/mask", test_mask);
  g_test_add_func ("/rules/host-less-address", test_host_less_address);
  g_test_add_func ("/rules/uri-for-log", test_uri_for_log);
  g_test_add_func ("/rules/policy-list", test_policy_list);
  g_test_add_func ("/rules/grant-choices", test_grant_choices);
  g_test_add_func ("/rules/status-refused", test_status_refused);
  return g_test_run ();
}
