/* SPDX-License-Identifier: GPL-3.0-or-later */
/* kaitsu-aadsts.c: the AADSTS codes an administrator meets, what they mean, what to do */

#include "config.h"

#define G_LOG_DOMAIN "kaitsu-aadsts"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "kaitsu-aadsts.h"
#include "kaitsu-activation-private.h"

typedef struct
{
  guint code;
  const char *explanation;
  const char *advice;
  gboolean retryable;
  gboolean needs_browser;
} CodeDef;

static const CodeDef code_table[] = {
  { 65004, N_("The permission request was declined ({ms-cancel} was pressed)."),
    N_("Try again and press {ms-accept} on the permission request."), TRUE, FALSE },
  { 65001, N_("The app has not been given consent yet."),
    N_("Try again and accept the permission request as the Microsoft 365 administrator."), TRUE, FALSE },
  { 90094, N_("Only an administrator can grant these permissions."),
    N_("Sign in with a Microsoft 365 global administrator account, then try again."), TRUE, FALSE },
  { 90095, N_("Your organisation requires an administrator to approve this app (admin consent workflow)."),
    N_("Sign in with a global administrator account, or ask your administrator to approve the request, then try again."), TRUE, FALSE },
  { 50011, N_("The reply address of the app does not match (a console address problem)."),
    N_("Make sure the console region chosen on the first page is right, then try again. If it keeps failing, contact the support desk."), TRUE, FALSE },
  { 70004, N_("The reply address of the app is not valid."),
    N_("Make sure the console region chosen on the first page is right, then try again. If it keeps failing, contact the support desk."), TRUE, FALSE },
  { 700016, N_("Microsoft could not find the app in your organisation."),
    N_("Wait a few minutes and try again. If it keeps failing, contact the support desk."), TRUE, FALSE },
  { 500011, N_("Microsoft could not find the service (resource) the app asks for."),
    N_("Make sure your Microsoft 365 subscription includes this service, then try again."), TRUE, FALSE },
  { 650056, N_("The app is misconfigured on Microsoft’s side."),
    N_("Contact the support desk with the Correlation ID shown."), FALSE, FALSE },
  { 65005, N_("The app asks for permissions that Microsoft does not allow as configured."),
    N_("Contact the support desk with the Correlation ID shown."), FALSE, FALSE },
  { 650052, N_("Your organisation does not subscribe to a service the app needs."),
    N_("Make sure your Microsoft 365 subscription includes this service, then try again."), FALSE, FALSE },
  { 50105, N_("This account is not assigned to the app."),
    N_("Sign in with a global administrator account, then try again."), TRUE, FALSE },
  { 53003, N_("The sign-in was blocked by a Conditional Access policy of your organisation."),
    N_("This sign-in cannot be done inside Kaitsu. Continue in your web browser, or ask whoever manages Microsoft Entra ID to allow it."), FALSE, TRUE },
  { 53000, N_("The sign-in requires a compliant or managed device."),
    N_("This sign-in cannot be done inside Kaitsu. Continue in your web browser on a managed device."), FALSE, TRUE },
  { 530035, N_("The sign-in was blocked by security defaults."),
    N_("Continue in your web browser, or ask whoever manages Microsoft Entra ID."), FALSE, TRUE },
  { 530001, N_("The sign-in was blocked by a Conditional Access policy: this browser or device is not allowed."),
    N_("This sign-in cannot be done inside Kaitsu. Continue in your web browser, or ask whoever manages Microsoft Entra ID to allow it."), FALSE, TRUE },
  { 900023, N_("Microsoft does not know the organisation (tenant) in the address."),
    N_("Sign in with an administrator account of your own organisation. If it keeps failing, contact the support desk."), TRUE, FALSE },
  { 500113, N_("The app has no reply address registered."),
    N_("Contact the support desk with the Correlation ID shown."), FALSE, FALSE },
  { 50140, N_("The sign-in was interrupted by the question whether to stay signed in."),
    N_("Answer the question, then try again."), TRUE, FALSE },
  { 50076, N_("Multi-factor authentication is required."),
    N_("Complete the second sign-in step (for example the number in the Authenticator app), then try again."), TRUE, FALSE },
  { 50079, N_("The account must register for multi-factor authentication first."),
    N_("Register for multi-factor authentication when Microsoft asks, then try again."), TRUE, FALSE },
  { 50126, N_("The address or password is wrong."),
    N_("Check the Microsoft 365 administrator’s address and password, then sign in again."), TRUE, FALSE },
  { 50057, N_("The account is disabled."),
    N_("Use another global administrator account, or ask to have this one enabled."), FALSE, FALSE },
  { 50020, N_("This account does not belong to your organisation’s Microsoft 365."),
    N_("Sign in with an administrator account of your own organisation."), TRUE, FALSE },
  { 50034, N_("This account does not exist in your organisation."),
    N_("Check the address and sign in with an administrator account of your organisation."), TRUE, FALSE },
};

static const CodeDef *
find (guint code)
{
  for (guint i = 0; i < G_N_ELEMENTS (code_table); i++)
    if (code_table[i].code == code)
      return &code_table[i];
  return NULL;
}

gboolean
kaitsu_aadsts_is_known (guint code)
{
  return find (code) != NULL;
}

char *
kaitsu_aadsts_dup_explanation (guint code)
{
  const CodeDef *def = find (code);

  if (def == NULL)
    /* Translators: %u is a Microsoft error number */
    return g_strdup_printf (_("Microsoft refused with error AADSTS%u."), code);
  return kaitsu_activation_expand (def->explanation, KAITSU_SERVICE_NONE);
}

char *
kaitsu_aadsts_dup_advice (guint code)
{
  const CodeDef *def = find (code);

  if (def == NULL)
    return g_strdup (_("Close the dialog with its ×, reload the console and try again. If it keeps failing, contact the support desk with the Correlation ID."));
  return kaitsu_activation_expand (def->advice, KAITSU_SERVICE_NONE);
}

gboolean
kaitsu_aadsts_needs_browser (guint code)
{
  const CodeDef *def = find (code);

  return def != NULL && def->needs_browser;
}

gboolean
kaitsu_aadsts_is_retryable (guint code)
{
  const CodeDef *def = find (code);

  return def == NULL || def->retryable;
}

/* The first group of a pattern's first match in a text, or NULL; compiled once, as pages are
 * read on every load */
static char *
first_match (GRegex     **compiled,
             const char  *pattern,
             const char  *text)
{
  g_autoptr (GMatchInfo) match = NULL;

  if (text == NULL || !g_utf8_validate (text, -1, NULL))
    return NULL;
  if (g_once_init_enter (compiled))
    g_once_init_leave (compiled, g_regex_new (pattern, G_REGEX_CASELESS | G_REGEX_OPTIMIZE, 0, NULL));
  if (!g_regex_match (*compiled, text, 0, &match))
    return NULL;
  return g_match_info_fetch (match, 1);
}

/* The first Microsoft error code in a text, 0 when there is none: "AADSTS50126", or on newer
 * pages the bare number after "Error Code" / 「エラー コード」 */
guint
kaitsu_aadsts_find_code (const char *text)
{
  static GRegex *regex;
  g_autofree char *digits = first_match (&regex, "(?:AADSTS|(?:Error\\s?Code|エラー\\s?コード)\\s*[:：]?\\s*)([0-9]{1,7})(?![0-9])", text);
  guint64 code;

  if (digits == NULL || !g_ascii_string_to_unsigned (digits, 10, 1, 9999999, &code, NULL))
    return 0;
  return (guint) code;
}

void
kaitsu_consent_answer_free (KaitsuConsentAnswer *answer)
{
  if (answer == NULL)
    return;
  g_free (answer->error);
  g_free (answer->description);
  g_free (answer->tenant);
  g_free (answer->correlation_id);
  g_free (answer->request_id);
  g_free (answer->timestamp);
  g_free (answer);
}

/* The redirect back from Microsoft. The error comes first: Microsoft's own error example
 * still carries admin_consent=True. NULL when the address carries no answer at all. */
KaitsuConsentAnswer *
kaitsu_consent_answer_from_uri (const char *uri)
{
  g_autoptr (GUri) parsed = uri != NULL ? g_uri_parse (uri, G_URI_FLAGS_NONE, NULL) : NULL;
  g_autoptr (GHashTable) params = NULL;
  KaitsuConsentAnswer *answer;
  const char *error, *consent;

  if (parsed == NULL || g_uri_get_query (parsed) == NULL)
    return NULL;
  params = g_uri_parse_params (g_uri_get_query (parsed), -1, "&", G_URI_PARAMS_NONE, NULL);
  if (params == NULL)
    return NULL;
  error = g_hash_table_lookup (params, "error");
  consent = g_hash_table_lookup (params, "admin_consent");
  if (error == NULL && consent == NULL)
    return NULL;

  answer = g_new0 (KaitsuConsentAnswer, 1);
  answer->error = g_strdup (error);
  answer->description = g_strdup (g_hash_table_lookup (params, "error_description"));
  answer->tenant = g_strdup (g_hash_table_lookup (params, "tenant"));
  if (error != NULL)
    {
      answer->code = kaitsu_aadsts_find_code (answer->description);
      /* access_denied without a code is a declined consent */
      if (answer->code == 0 && g_str_equal (error, "access_denied"))
        answer->code = 65004;
      return answer;
    }
  answer->consented = g_ascii_strcasecmp (consent, "True") == 0;
  return answer;
}

#define SUPPORT_ID "\\s*[:：]?\\s*([0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12})"

/* The ids an error page shows for support, Microsoft's or SharePoint's; NULL where absent.
 * The timestamp with or without its milliseconds: "Timestamp: 2026-03-02T10:11:12.345Z" */
void
kaitsu_find_support_ids (const char  *text,
                         char       **correlation_id,
                         char       **request_id,
                         char       **timestamp)
{
  static GRegex *correlation, *request, *stamp;

  *correlation_id = first_match (&correlation, "(?:Correlation ?Id|相関 ?ID)" SUPPORT_ID, text);
  *request_id = first_match (&request, "(?:Request ?Id|要求 ?ID)" SUPPORT_ID, text);
  *timestamp = first_match (&stamp, "(?:Timestamp|タイムスタンプ)\\s*[:：]?\\s*"
                            "([0-9]{4}-[0-9]{2}-[0-9]{2}[T ][0-9]{2}:[0-9]{2}:[0-9]{2}(?:\\.[0-9]{1,7})?Z?)", text);
}
