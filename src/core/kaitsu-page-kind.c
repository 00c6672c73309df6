/* SPDX-License-Identifier: GPL-3.0-or-later */
/* kaitsu-page-kind.c: addresses and visible texts only: never ids or classes, which change */

#include "config.h"

#define G_LOG_DOMAIN "kaitsu-page-kind"

#include <string.h>

#include "kaitsu-aadsts.h"
#include "kaitsu-page-kind.h"

static const char * const kind_names[] = {
  "unknown", "password-reset", "password-reset-done", "lmp-login", "lmp-2fa", "lmp-privacy",
  "lmp-dashboard", "lmp-console-terms", "lmp-console-opening", "console", "console-service-accounts",
  "console-grant", "ms-signin", "ms-password", "ms-consent", "ms-error", "provision",
  "provision-error", "sharepoint-appinv", "sharepoint-trust", "sharepoint-principals",
  "sharepoint-refused", "error",
};

const char *
kaitsu_page_kind_to_string (KaitsuPageKind kind)
{
  g_return_val_if_fail (kind < G_N_ELEMENTS (kind_names), NULL);
  return kind_names[kind];
}

/* Whitespace collapsed and case folded, so line breaks and spacing do not matter */
static char *
normalize (const char *text)
{
  g_autofree char *folded = g_utf8_casefold (text, -1);
  GString *out = g_string_new (NULL);
  gboolean space = FALSE;

  for (const char *p = folded; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (g_unichar_isspace (c) || c == 0x3000)
        {
          space = out->len > 0;
          continue;
        }
      if (space)
        g_string_append_c (out, ' ');
      space = FALSE;
      g_string_append_unichar (out, c);
    }
  return g_string_free (out, FALSE);
}

gboolean
kaitsu_text_contains (const char *text,
                      const char *needle)
{
  g_autofree char *a = NULL;
  g_autofree char *b = NULL;

  if (text == NULL || needle == NULL || !g_utf8_validate (text, -1, NULL))
    return FALSE;
  a = normalize (text);
  b = normalize (needle);
  return strstr (a, b) != NULL;
}

gboolean
kaitsu_is_provision_page (KaitsuSites *sites,
                          const char  *uri,
                          const char  *text)
{
  if (kaitsu_text_contains (text, KAITSU_PROVISION_TEXT))
    return TRUE;
  if (kaitsu_sites_find (sites, uri) == KAITSU_SITE_CONSOLE)
    {
      g_autoptr (GUri) parsed = g_uri_parse (uri, G_URI_FLAGS_NONE, NULL);
      g_autoptr (KaitsuConsentAnswer) answer = kaitsu_consent_answer_from_uri (uri);

      /* The console's own provisioning address, without an error from Microsoft */
      return parsed != NULL && g_str_has_suffix (g_uri_get_path (parsed), "/provision.html") &&
             (answer == NULL || answer->error == NULL) &&
             !kaitsu_text_contains (text, "エラー") && !kaitsu_text_contains (text, "error");
    }
  return FALSE;
}

KaitsuPageKind
kaitsu_classify_page (KaitsuSites *sites,
                      const char  *uri,
                      const char  *text)
{
  KaitsuSite site = kaitsu_sites_find (sites, uri);
  g_autoptr (KaitsuConsentAnswer) redirect = kaitsu_consent_answer_from_uri (uri);

  if (text == NULL)
    text = "";
  if (kaitsu_is_provision_page (sites, uri, text))
    return KAITSU_PAGE_PROVISION;
  if (site == KAITSU_SITE_CONSOLE && redirect != NULL && redirect->error != NULL)
    return KAITSU_PAGE_PROVISION_ERROR;
  if (site == KAITSU_SITE_CONSOLE)
    {
      g_autoptr (GUri) parsed = g_uri_parse (uri, G_URI_FLAGS_NONE, NULL);

      /* The provisioning address without the closing text: the console reported a failure. */
      if (parsed != NULL && g_str_has_suffix (g_uri_get_path (parsed), "/provision.html"))
        return KAITSU_PAGE_PROVISION_ERROR;
    }

  if (kaitsu_sites_is_microsoft_host (sites, uri))
    {
      if (kaitsu_aadsts_find_code (text) != 0)
        return KAITSU_PAGE_MS_ERROR;
      if (kaitsu_text_contains (text, "承諾") || kaitsu_text_contains (text, "Accept"))
        return KAITSU_PAGE_MS_CONSENT;
      if (kaitsu_text_contains (text, "サインイン") || kaitsu_text_contains (text, "Sign in"))
        return kaitsu_text_contains (text, "パスワード") || kaitsu_text_contains (text, "Password")
               ? KAITSU_PAGE_MS_PASSWORD : KAITSU_PAGE_MS_SIGNIN;
      return KAITSU_PAGE_MS_SIGNIN;
    }

  switch (site)
    {
    case KAITSU_SITE_PASSWORD_RESET:
      if (kaitsu_text_contains (text, "パスワードを変更しました") ||
          kaitsu_text_contains (text, "パスワードが変更されました"))
        return KAITSU_PAGE_PASSWORD_RESET_DONE;
      if (kaitsu_text_contains (text, "パスワードのリセット"))
        return KAITSU_PAGE_PASSWORD_RESET;
      return KAITSU_PAGE_ERROR;
    case KAITSU_SITE_LMP:
      if (kaitsu_text_contains (text, "登録情報を入力してください"))
        return KAITSU_PAGE_LMP_LOGIN;
      if (kaitsu_text_contains (text, "セキュリティをさらに強化"))
        return KAITSU_PAGE_LMP_TWOFA;
      if (kaitsu_text_contains (text, "プライバシーポリシー") && kaitsu_text_contains (text, "OK"))
        return KAITSU_PAGE_LMP_PRIVACY;
      if (kaitsu_text_contains (text, "同意する"))
        return KAITSU_PAGE_LMP_CONSOLE_TERMS;
      if (kaitsu_text_contains (text, "閉じる"))
        return KAITSU_PAGE_LMP_CONSOLE_OPENING;
      if (kaitsu_text_contains (text, "コンソールを開く"))
        return KAITSU_PAGE_LMP_DASHBOARD;
      return KAITSU_PAGE_UNKNOWN;
    case KAITSU_SITE_CONSOLE:
      if (!kaitsu_text_contains (text, "運用管理"))
        return KAITSU_PAGE_UNKNOWN;
      if (kaitsu_text_contains (text, "権限の付与") || kaitsu_text_contains (text, "ステータスの更新"))
        return KAITSU_PAGE_CONSOLE_GRANT;
      if (kaitsu_text_contains (text, "追加") && kaitsu_text_contains (text, "サービスアカウント") &&
          kaitsu_text_contains (text, "Exchange Online"))
        return KAITSU_PAGE_CONSOLE_SERVICE_ACCOUNTS;
      return KAITSU_PAGE_CONSOLE;
    case KAITSU_SITE_SHAREPOINT_ADMIN:
      if (kaitsu_text_contains (text, "廃止") || kaitsu_text_contains (text, "retired") ||
          kaitsu_text_contains (text, "disabled"))
        return KAITSU_PAGE_SHAREPOINT_REFUSED;
      if (kaitsu_text_contains (text, "信頼する"))
        return KAITSU_PAGE_SHAREPOINT_TRUST;
      if (kaitsu_text_contains (text, "アプリ ID") && kaitsu_text_contains (text, "作成"))
        return KAITSU_PAGE_SHAREPOINT_APPINV;
      return KAITSU_PAGE_SHAREPOINT_PRINCIPALS;
    case KAITSU_SITE_MICROSOFT_LOGIN:
    case KAITSU_SITE_NONE:
    default:
      return KAITSU_PAGE_UNKNOWN;
    }
}
