/* SPDX-License-Identifier: GPL-3.0-or-later */
/* kaitsu-sim-private.h: what the simulator's sites share: the run's state, the scenarios,
 * the page builder and the request helpers. Each site is one file: kaitsu-sim-<site>.c. */
#pragma once

#include <json-glib/json-glib.h>
#include <libsoup/soup.h>

#include "kaitsu-procedure.h"
#include "kaitsu-simulator.h"

G_BEGIN_DECLS

/* A service as the console holds it */
typedef enum
{
  SIM_NONE,
  SIM_CONNECTING,
  /* Provisioned; today's console waits for 「完了」 (Exchange: and the sync choice) */
  SIM_CREATED,
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
  /* Ticked in the grant dialog: the default ATP policy is switched on with the grant */
  gboolean auto_policy;
  /* The two default ATP policies, created (switched off) with the grant */
  gboolean has_policies;
  gboolean atp_on;
  gboolean monitor_on;
} SimService;

typedef struct
{
  gint64 time;
  gboolean pending;
  char *text;
} SimEntry;

/* What the sites do differently in this run: one flag per scenario (kaitsu-simulator.c
 * has the table of names) */
typedef struct
{
  gboolean manual_2024;
  gboolean consent_declined_once;
  gboolean provision_error_once;
  gboolean exchange_two_consents;
  gboolean blocked_53003;
  gboolean ca_block_2026;
  gboolean twofa_prompt;
  gboolean pending_stuck;
  gboolean status_churn;
  gboolean teams_appinv;
  gboolean teams_appinv_retired;
  gboolean hostile_page;
  gboolean wrong_service_once;
  gboolean pick_account;
  gboolean signin_one_page;
  gboolean kmsi;
  gboolean mfa_number;
  gboolean mfa_register;
  gboolean need_admin;
  gboolean access_denied;
  gboolean wrong_password;
  gboolean english;
  gboolean trendai;
  gboolean vision_one;
  gboolean unknown_page;
  gboolean policy_off;
  guint sync_delay_s;
} SimScenarios;

/* The simulator's own origins: the sites, plus Trend Vision One's console */
typedef enum
{
  SIM_ORIGIN_LMP,
  SIM_ORIGIN_RESET,
  SIM_ORIGIN_CONSOLE,
  SIM_ORIGIN_MICROSOFT,
  SIM_ORIGIN_SHAREPOINT,
  SIM_ORIGIN_V1_SIGNIN,
  SIM_ORIGIN_V1_CONSOLE,
  SIM_N_ORIGINS,
} SimOrigin;

struct _KaitsuSimulator
{
  GObject parent_instance;

  SoupServer *servers[SIM_N_ORIGINS];
  char *bases[SIM_N_ORIGINS];
  KaitsuSites *sites;
  GRand *rand;
  GHashTable *field_names;
  GHashTable *classes;
  GHashTable *styles;

  SimScenarios is;

  char *token;
  char *reset_v;
  char *password;
  char *lmp_session;
  char *console_ticket;
  char *console_session;
  char *v1_session;
  char *ms_session;
  char *tenant;

  gboolean twofa_done;
  gboolean unknown_page_shown;
  gboolean access_denied_done;
  gboolean wrong_password_done;
  gboolean mfa_registered;
  gboolean kmsi_answered;
  gboolean admin_signed_in;
  /* Microsoft's number-matching challenge: the number, and whether the phone approved it */
  guint mfa_challenge;
  gboolean mfa_approved;
  gboolean appinv_trusted;
  gboolean appinv_refused;
  SimService services[KAITSU_N_SERVICES];
  GPtrArray *tasks;
  GPtrArray *notifications;
  guint version;
  GPtrArray *waiters;
  /* status-churn: a notice that changes ten times a second */
  guint churn_source;
  guint churn_count;
};

/* ---- Text in the site's language: the whole run is Japanese, or English with console-en */

/* The button of the unknown-page notice */
#define SIM_ACKNOWLEDGE_JA "確認しました"
#define SIM_ACKNOWLEDGE_EN "Acknowledge"

#define SIM_T(sim, ja, en) ((sim)->is.english ? (en) : (ja))

/* ---- Pages: kaitsu-sim-page.c ----------------------------------------------------------- */

/* How a page looks: each its own style sheet, from the simulator's resources */
typedef enum
{
  SIM_LOOK_PORTAL,
  SIM_LOOK_CONSOLE,
  SIM_LOOK_MICROSOFT,
  SIM_LOOK_SHAREPOINT,
  SIM_LOOK_VISION_ONE,
} SimLook;

typedef struct _SimPage SimPage;

SimPage    *sim_page_begin       (KaitsuSimulator   *sim,
                                  SimLook            look,
                                  const char        *title);
void        sim_page_open        (SimPage           *page,
                                  const char        *role);
void        sim_page_close       (SimPage           *page);
void        sim_page_text        (SimPage           *page,
                                  const char        *tag,
                                  const char        *text);
void        sim_page_role_text   (SimPage           *page,
                                  const char        *tag,
                                  const char        *role,
                                  const char        *text);
void        sim_page_link        (SimPage           *page,
                                  const char        *href,
                                  const char        *label);
void        sim_page_role_link   (SimPage           *page,
                                  const char        *role,
                                  const char        *href,
                                  const char        *label);
void        sim_page_popup       (SimPage           *page,
                                  const char        *url,
                                  const char        *label);
void        sim_page_raw         (SimPage           *page,
                                  const char        *html);
void        sim_page_printf      (SimPage           *page,
                                  const char        *format,
                                  ...) G_GNUC_PRINTF (2, 3);
void        sim_page_form_begin  (SimPage           *page,
                                  const char        *action);
void        sim_page_hidden      (SimPage           *page,
                                  const char        *name,
                                  const char        *value);
void        sim_page_input       (SimPage           *page,
                                  const char        *label,
                                  const char        *logical,
                                  const char        *type,
                                  const char        *value);
void        sim_page_radio       (SimPage           *page,
                                  const char        *label,
                                  const char        *logical,
                                  const char        *value,
                                  gboolean           checked);
void        sim_page_submit      (SimPage           *page,
                                  const char        *label,
                                  const char        *value,
                                  gboolean           primary);
void        sim_page_form_end    (SimPage           *page);
void        sim_page_script      (SimPage           *page,
                                  const char        *resource,
                                  JsonNode          *config);
const char *sim_page_class       (SimPage           *page,
                                  const char        *role);
void        sim_page_send        (SimPage           *page,
                                  SoupServerMessage *msg);

/* A form field's name: fixed for the run, different in the next one */
const char *sim_field            (KaitsuSimulator   *sim,
                                  const char        *logical);
char       *sim_random_word      (KaitsuSimulator   *sim);

/* ---- Requests: kaitsu-simulator.c -------------------------------------------------------- */

GHashTable *sim_read_form        (SoupServerMessage *msg);
const char *sim_form_value       (KaitsuSimulator   *sim,
                                  GHashTable        *form,
                                  const char        *logical);
gboolean    sim_has_session      (SoupServerMessage *msg,
                                  const char        *cookie,
                                  const char        *expected);
void        sim_set_cookie       (SoupServerMessage *msg,
                                  const char        *name,
                                  const char        *value);
void        sim_redirect         (SoupServerMessage *msg,
                                  const char        *location);
char       *sim_url              (KaitsuSimulator   *sim,
                                  SimOrigin          origin,
                                  const char        *path);
char       *sim_new_secret       (void);
void        sim_send_json        (SoupServerMessage *msg,
                                  JsonNode          *node);

/* ---- The console's state: kaitsu-sim-console.c ------------------------------------------- */

void        sim_changed          (KaitsuSimulator   *sim);
void        sim_entry_free       (gpointer           entry);
void        sim_start_sync       (KaitsuSimulator   *sim,
                                  KaitsuService      service);
char       *sim_consent_url      (KaitsuSimulator   *sim,
                                  SimOrigin          console,
                                  KaitsuService      service,
                                  guint              round);
SimPage    *sim_portal_begin     (KaitsuSimulator   *sim,
                                  const char        *title,
                                  const char        *header);
gboolean    sim_is_v1            (SimOrigin          origin);
SimPage    *sim_console_begin    (KaitsuSimulator   *sim,
                                  SimOrigin          origin,
                                  const char        *title);
void        sim_console_end      (KaitsuSimulator   *sim,
                                  SimPage           *page,
                                  SoupServerMessage *msg,
                                  KaitsuService      dialog_service);
/* The policy pages: kaitsu-sim-policies.c; TRUE when the path was one of theirs */
gboolean    sim_policies_handle  (KaitsuSimulator   *sim,
                                  SimOrigin          origin,
                                  SoupServerMessage *msg,
                                  const char        *path,
                                  GHashTable        *query);
/* The dashboard's 「保護機能の導入」 widget */
void        sim_policies_widget  (KaitsuSimulator   *sim,
                                  SimPage           *page);
/* Vision One's portal serves the same console under its own shell */
void        sim_console_handle   (KaitsuSimulator   *sim,
                                  SimOrigin          origin,
                                  SoupServerMessage *msg,
                                  const char        *path,
                                  GHashTable        *query);
void        sim_console_open_ticket (KaitsuSimulator *sim,
                                  SimOrigin          origin,
                                  char             **url);

/* ---- The sites' handlers ---------------------------------------------------------------- */

void sim_lmp_handle        (SoupServer *server, SoupServerMessage *msg, const char *path,
                            GHashTable *query, gpointer sim);
void sim_reset_handle      (SoupServer *server, SoupServerMessage *msg, const char *path,
                            GHashTable *query, gpointer sim);
void sim_cas_handle        (SoupServer *server, SoupServerMessage *msg, const char *path,
                            GHashTable *query, gpointer sim);
void sim_microsoft_handle  (SoupServer *server, SoupServerMessage *msg, const char *path,
                            GHashTable *query, gpointer sim);
void sim_sharepoint_handle (SoupServer *server, SoupServerMessage *msg, const char *path,
                            GHashTable *query, gpointer sim);
void sim_v1_signin_handle  (SoupServer *server, SoupServerMessage *msg, const char *path,
                            GHashTable *query, gpointer sim);
void sim_v1_console_handle (SoupServer *server, SoupServerMessage *msg, const char *path,
                            GHashTable *query, gpointer sim);

G_END_DECLS
