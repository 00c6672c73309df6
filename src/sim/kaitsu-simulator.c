/* SPDX-License-Identifier: GPL-3.0-or-later */
/* kaitsu-simulator.c: the practice sites on loopback, one origin each: the object, the table
 * of scenarios, and what every site's handler shares (forms, cookies, JSON). The pages
 * themselves are in kaitsu-sim-<site>.c, written from what the real sites show (FACTS.md),
 * never from Kaitsu's own description of them. */

#include "config.h"

#define G_LOG_DOMAIN "kaitsu-sim"

#include <string.h>

#include "kaitsu-mail.h"
#include "kaitsu-sim-private.h"

G_DEFINE_QUARK (kaitsu-simulator-error-quark, kaitsu_simulator_error)

G_DEFINE_FINAL_TYPE (KaitsuSimulator, kaitsu_simulator, G_TYPE_OBJECT)

/* ---- The scenarios ----------------------------------------------------------------------- */

#define FLAG(member) G_STRUCT_OFFSET (SimScenarios, member)
#define NO_FLAG ((gsize) -1)

typedef struct
{
  const char *name;
  gsize flag;
  const char *what;
} ScenarioDef;

static const ScenarioDef scenario_table[] = {
  { "grant-2026", NO_FLAG, "today's console and grant dialog (the default)" },
  { "manual-2024", FLAG (manual_2024), "the console and grant dialog of the 2024 manual" },
  { "console-en", FLAG (english), "every site in English" },
  { "trendai-brand", FLAG (trendai), "the console branded TrendAI" },
  { "vision-one", FLAG (vision_one), "the console moved to Trend Vision One" },
  { "twofa-prompt", FLAG (twofa_prompt), "the licensing portal offers two-factor authentication" },
  { "pick-account", FLAG (pick_account), "Microsoft lists accounts to pick from" },
  { "signin-one-page", FLAG (signin_one_page), "Microsoft asks for the password in the page that asked for the account" },
  { "wrong-password", FLAG (wrong_password), "the first Microsoft password is mistyped" },
  { "mfa-number", FLAG (mfa_number), "Microsoft asks to approve a number on the phone" },
  { "mfa-register", FLAG (mfa_register), "Microsoft asks to register multi-factor authentication" },
  { "kmsi", FLAG (kmsi), "Microsoft asks whether to stay signed in" },
  { "need-admin", FLAG (need_admin), "a user without admin rights signs in first" },
  { "access-denied", FLAG (access_denied), "the consent is left once without granting it" },
  { "consent-declined-once", FLAG (consent_declined_once), "the consent is declined once" },
  { "ca-block-2026", FLAG (ca_block_2026), "Conditional Access blocks the sign-in (today's page)" },
  { "blocked-53003", FLAG (blocked_53003), "Conditional Access blocks the sign-in (AADSTS53003)" },
  { "exchange-two-consents", FLAG (exchange_two_consents), "Exchange Online asks for two consents" },
  { "provision-error-once", FLAG (provision_error_once), "the console fails one grant" },
  { "teams-appinv", FLAG (teams_appinv), "the 2024 console shows a Teams App ID (the SharePoint step)" },
  { "teams-appinv-retired", FLAG (teams_appinv_retired), "as teams-appinv, and SharePoint refuses (retired)" },
  { "pending-stuck", FLAG (pending_stuck), "the first sync never ends" },
  { "status-churn", FLAG (status_churn), "the console's notices change ten times a second (for scripts/benchmark soak)" },
  { "sync-delay=SECONDS", NO_FLAG, "each sync takes this long" },
  { "hostile-page", FLAG (hostile_page), "a console page lies through Kaitsu's message handler" },
  { "wrong-service-once", FLAG (wrong_service_once), "the practice user picks the wrong service once" },
  { "unknown-page", FLAG (unknown_page), "a maintenance notice Kaitsu cannot know" },
  { "policy-off", FLAG (policy_off), "OneDrive's threat protection policy is left off" },
};

/* "name — what it does", one per line, for --help-scenarios and error messages */
char *
kaitsu_simulator_dup_scenario_list (void)
{
  GString *out = g_string_new (NULL);

  for (guint i = 0; i < G_N_ELEMENTS (scenario_table); i++)
    g_string_append_printf (out, "  %-24s %s\n", scenario_table[i].name, scenario_table[i].what);
  return g_string_free (out, FALSE);
}

static gboolean
set_scenario (KaitsuSimulator  *self,
              const char       *name,
              gboolean         *today,
              GError          **error)
{
  if (g_str_has_prefix (name, "sync-delay="))
    {
      guint64 seconds;

      if (!g_ascii_string_to_unsigned (name + strlen ("sync-delay="), 10, 0, 24 * 3600, &seconds, NULL))
        {
          g_set_error (error, KAITSU_SIMULATOR_ERROR, KAITSU_SIMULATOR_ERROR_SCENARIO,
                       "sync-delay needs a number of seconds (0 to 86400), not “%s”",
                       name + strlen ("sync-delay="));
          return FALSE;
        }
      self->is.sync_delay_s = seconds;
      return TRUE;
    }
  if (g_str_equal (name, "grant-2026"))
    {
      *today = TRUE;
      return TRUE;
    }
  for (guint i = 0; i < G_N_ELEMENTS (scenario_table); i++)
    if (scenario_table[i].flag != NO_FLAG && g_str_equal (name, scenario_table[i].name))
      {
        G_STRUCT_MEMBER (gboolean, &self->is, scenario_table[i].flag) = TRUE;
        return TRUE;
      }
  {
    GString *known = g_string_new (NULL);

    for (guint i = 0; i < G_N_ELEMENTS (scenario_table); i++)
      g_string_append_printf (known, "%s%s", i > 0 ? ", " : "", scenario_table[i].name);
    g_set_error (error, KAITSU_SIMULATOR_ERROR, KAITSU_SIMULATOR_ERROR_SCENARIO,
                 "unknown scenario “%s” (known: %s)", name, known->str);
    g_string_free (known, TRUE);
  }
  return FALSE;
}

gboolean
kaitsu_simulator_set_scenarios (KaitsuSimulator  *self,
                                const char       *scenarios,
                                GError          **error)
{
  g_auto (GStrv) names = NULL;
  gboolean today = FALSE;

  g_return_val_if_fail (KAITSU_IS_SIMULATOR (self), FALSE);

  names = g_strsplit (scenarios != NULL ? scenarios : "", ",", -1);
  for (guint i = 0; names[i] != NULL; i++)
    {
      const char *name = g_strstrip (names[i]);

      if (*name != '\0' && !set_scenario (self, name, &today, error))
        return FALSE;
    }
  if (today && self->is.manual_2024)
    {
      g_set_error_literal (error, KAITSU_SIMULATOR_ERROR, KAITSU_SIMULATOR_ERROR_SCENARIO,
                           "grant-2026 and manual-2024 are two consoles: choose one");
      return FALSE;
    }
  /* The Teams App ID belongs to older consoles (FACTS.md): those scenarios are the 2024 console */
  if ((self->is.teams_appinv || self->is.teams_appinv_retired) && (today || self->is.vision_one))
    {
      g_set_error_literal (error, KAITSU_SIMULATOR_ERROR, KAITSU_SIMULATOR_ERROR_SCENARIO,
                           "teams-appinv belongs to the 2024 console: leave out grant-2026 and vision-one");
      return FALSE;
    }
  if (self->is.teams_appinv || self->is.teams_appinv_retired)
    self->is.manual_2024 = TRUE;
  if (self->is.vision_one && self->is.manual_2024)
    {
      g_set_error_literal (error, KAITSU_SIMULATOR_ERROR, KAITSU_SIMULATOR_ERROR_SCENARIO,
                           "vision-one has today's console only: leave out manual-2024");
      return FALSE;
    }
  return TRUE;
}

/* ---- Requests ----------------------------------------------------------------------------- */

GHashTable *
sim_read_form (SoupServerMessage *msg)
{
  SoupMessageBody *body = soup_server_message_get_request_body (msg);
  g_autoptr (GBytes) bytes = soup_message_body_flatten (body);
  g_autofree char *text = g_strndup (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes));

  return soup_form_decode (text);
}

const char *
sim_form_value (KaitsuSimulator *sim,
                GHashTable      *form,
                const char      *logical)
{
  return form != NULL ? g_hash_table_lookup (form, sim_field (sim, logical)) : NULL;
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

void
sim_set_cookie (SoupServerMessage *msg,
                const char        *name,
                const char        *value)
{
  g_autofree char *header = g_strdup_printf ("%s=%s; Path=/; HttpOnly; SameSite=Lax", name, value);

  soup_message_headers_append (soup_server_message_get_response_headers (msg), "Set-Cookie", header);
}

gboolean
sim_has_session (SoupServerMessage *msg,
                 const char        *cookie,
                 const char        *expected)
{
  g_autofree char *value = get_cookie (msg, cookie);

  return expected != NULL && g_strcmp0 (value, expected) == 0;
}

void
sim_redirect (SoupServerMessage *msg,
              const char        *location)
{
  soup_server_message_set_redirect (msg, SOUP_STATUS_SEE_OTHER, location);
}

char *
sim_url (KaitsuSimulator *sim,
         SimOrigin        origin,
         const char      *path)
{
  return g_strconcat (sim->bases[origin], path, NULL);
}

char *
sim_new_secret (void)
{
  g_autofree char *uuid = g_uuid_string_random ();
  GString *out = g_string_new (NULL);

  for (const char *p = uuid; *p != '\0'; p++)
    if (*p != '-')
      g_string_append_c (out, *p);
  return g_string_free (out, FALSE);
}

void
sim_send_json (SoupServerMessage *msg,
               JsonNode          *node)
{
  gsize length;
  char *text = json_to_string (node, FALSE);

  length = strlen (text);
  soup_server_message_set_status (msg, SOUP_STATUS_OK, NULL);
  soup_server_message_set_response (msg, "application/json", SOUP_MEMORY_TAKE, text, length);
}

/* ---- The object --------------------------------------------------------------------------- */

static void
kaitsu_simulator_dispose (GObject *object)
{
  KaitsuSimulator *self = KAITSU_SIMULATOR (object);

  for (guint i = 0; i < SIM_N_ORIGINS; i++)
    {
      if (self->servers[i] != NULL)
        soup_server_disconnect (self->servers[i]);
      g_clear_object (&self->servers[i]);
    }
  g_clear_handle_id (&self->churn_source, g_source_remove);
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
  g_hash_table_unref (self->classes);
  g_hash_table_unref (self->styles);
  g_ptr_array_unref (self->tasks);
  g_ptr_array_unref (self->notifications);
  g_ptr_array_unref (self->waiters);
  for (guint i = 0; i < SIM_N_ORIGINS; i++)
    g_free (self->bases[i]);
  g_free (self->token);
  g_free (self->reset_v);
  g_free (self->password);
  g_free (self->lmp_session);
  g_free (self->console_ticket);
  g_free (self->console_session);
  g_free (self->v1_session);
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
  self->classes = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  self->styles = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  self->tasks = g_ptr_array_new_with_free_func (sim_entry_free);
  self->notifications = g_ptr_array_new_with_free_func (sim_entry_free);
  self->waiters = g_ptr_array_new ();
  self->token = sim_new_secret ();
  self->reset_v = g_uuid_string_random ();
  self->tenant = g_uuid_string_random ();
}

KaitsuSimulator *
kaitsu_simulator_new (void)
{
  return g_object_new (KAITSU_TYPE_SIMULATOR, NULL);
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

/* Hours of a real console's changes, fast: one notice, a new text each time, the list kept
 * as short as the console keeps it */
static gboolean
churn (gpointer data)
{
  KaitsuSimulator *self = data;
  SimEntry *entry = g_new0 (SimEntry, 1);

  entry->time = g_get_real_time () / G_USEC_PER_SEC;
  entry->text = g_strdup_printf ("定期メンテナンスのお知らせ (%u)", ++self->churn_count);
  g_ptr_array_insert (self->notifications, 0, entry);
  if (self->notifications->len > 20)
    g_ptr_array_set_size (self->notifications, 20);
  sim_changed (self);
  return G_SOURCE_CONTINUE;
}

gboolean
kaitsu_simulator_start (KaitsuSimulator  *self,
                        GError          **error)
{
  static const SoupServerCallback handlers[SIM_N_ORIGINS] = {
    [SIM_ORIGIN_LMP] = sim_lmp_handle,
    [SIM_ORIGIN_RESET] = sim_reset_handle,
    [SIM_ORIGIN_CONSOLE] = sim_cas_handle,
    [SIM_ORIGIN_MICROSOFT] = sim_microsoft_handle,
    [SIM_ORIGIN_SHAREPOINT] = sim_sharepoint_handle,
    [SIM_ORIGIN_V1_SIGNIN] = sim_v1_signin_handle,
    [SIM_ORIGIN_V1_CONSOLE] = sim_v1_console_handle,
  };

  g_return_val_if_fail (KAITSU_IS_SIMULATOR (self), FALSE);
  g_return_val_if_fail (self->sites == NULL, FALSE);

  for (guint i = 0; i < SIM_N_ORIGINS; i++)
    {
      self->servers[i] = soup_server_new ("server-header", "kaitsu-simulator", NULL);
      soup_server_add_handler (self->servers[i], NULL, handlers[i], self, NULL);
      self->bases[i] = listen_on_loopback (self->servers[i], error);
      if (self->bases[i] == NULL)
        return FALSE;
    }
  /* The console Kaitsu expects is Cloud App Security's; where the licensing portal really
   * opens it (Vision One's in that scenario) is for Kaitsu to notice. */
  self->sites = kaitsu_sites_new_custom (self->bases[SIM_ORIGIN_LMP], self->bases[SIM_ORIGIN_RESET],
                                         self->bases[SIM_ORIGIN_CONSOLE], self->bases[SIM_ORIGIN_MICROSOFT],
                                         self->bases[SIM_ORIGIN_SHAREPOINT]);
  kaitsu_sites_add_practice_console (self->sites, KAITSU_PLATFORM_VISION_ONE, self->bases[SIM_ORIGIN_V1_CONSOLE],
                                     self->bases[SIM_ORIGIN_V1_SIGNIN]);
  if (self->is.status_churn)
    self->churn_source = g_timeout_add (100, churn, self);
  return TRUE;
}

KaitsuSites *
kaitsu_simulator_get_sites (KaitsuSimulator *self)
{
  g_return_val_if_fail (KAITSU_IS_SIMULATOR (self), NULL);
  return self->sites;
}

/* What the practice user gets wrong once, by the scenarios */
KaitsuPracticeMistakes
kaitsu_simulator_get_mistakes (KaitsuSimulator *self)
{
  g_return_val_if_fail (KAITSU_IS_SIMULATOR (self), KAITSU_PRACTICE_NO_MISTAKE);
  return (self->is.wrong_service_once ? KAITSU_PRACTICE_WRONG_SERVICE_ONCE : 0) |
         (self->is.access_denied ? KAITSU_PRACTICE_LEAVE_CONSENT_ONCE : 0) |
         (self->is.policy_off ? KAITSU_PRACTICE_LEAVE_POLICY_OFF : 0);
}

/* What the practice user presses on a notice Kaitsu does not know (unknown-page) */
const char * const *
kaitsu_simulator_get_acknowledge_labels (void)
{
  static const char * const labels[] = { SIM_ACKNOWLEDGE_JA, SIM_ACKNOWLEDGE_EN, NULL };

  return labels;
}

/* How long the console takes to sync a granted service, by the scenario */
guint
kaitsu_simulator_get_sync_delay (KaitsuSimulator *self)
{
  g_return_val_if_fail (KAITSU_IS_SIMULATOR (self), 0);
  return self->is.sync_delay_s;
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
                          date, self->bases[SIM_ORIGIN_LMP], self->token, self->bases[SIM_ORIGIN_RESET], self->token,
                          self->reset_v);
}
