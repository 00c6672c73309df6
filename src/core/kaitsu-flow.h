/* SPDX-License-Identifier: GPL-3.0-or-later */
/* kaitsu-flow.h: where the user is in the activation, and the state of each service */
#pragma once

#include <glib-object.h>

#include "kaitsu-procedure.h"
#include "kaitsu-sites.h"

G_BEGIN_DECLS

typedef enum
{
  KAITSU_STEP_STATE_NOT_REACHED,
  KAITSU_STEP_STATE_CURRENT,
  KAITSU_STEP_STATE_DONE,
  KAITSU_STEP_STATE_SKIPPED,
  KAITSU_STEP_STATE_FAILED,
} KaitsuStepState;

typedef enum
{
  KAITSU_SERVICE_STATE_NOT_STARTED,
  KAITSU_SERVICE_STATE_CONNECTING,
  KAITSU_SERVICE_STATE_SYNCING,
  KAITSU_SERVICE_STATE_PROTECTED,
  KAITSU_SERVICE_STATE_ERROR,
} KaitsuServiceState;

/* A service's threat protection, as read from the console's policy list: being granted
 * ("protected" in the console's words) does not switch its policies on */
typedef enum
{
  KAITSU_POLICY_UNKNOWN,       /* not read from the console yet */
  KAITSU_POLICY_OFF,           /* its default ATP policy is there and off */
  KAITSU_POLICY_MONITOR_ONLY,  /* only the monitor-only policy is on: it logs, it does not act */
  KAITSU_POLICY_ON,            /* the default ATP policy, the one that acts, is on */
} KaitsuPolicyState;

/* What the grant dialog offered to switch on with the grant, and what was ticked there */
typedef enum
{
  KAITSU_GRANT_CHOICE_UNKNOWN,
  KAITSU_GRANT_CHOICE_NOT_OFFERED,
  KAITSU_GRANT_CHOICE_NOT_TICKED,
  KAITSU_GRANT_CHOICE_TICKED,
} KaitsuGrantChoice;

typedef enum
{
  KAITSU_MIP_NO,
  KAITSU_MIP_YES,
  KAITSU_MIP_NOT_SURE,
} KaitsuMipUse;

typedef enum
{
  KAITSU_FLOW_ERROR_INCOMPLETE,
  KAITSU_FLOW_ERROR_BUSY,
  KAITSU_FLOW_ERROR_NOT_CHOSEN,
  KAITSU_FLOW_ERROR_NOT_REACHED,
} KaitsuFlowError;

#define KAITSU_FLOW_ERROR (kaitsu_flow_error_quark ())
GQuark kaitsu_flow_error_quark (void);

const char *kaitsu_step_state_to_string    (KaitsuStepState    state);
const char *kaitsu_service_state_to_string (KaitsuServiceState state);
gboolean    kaitsu_service_state_from_string (const char        *text,
                                              KaitsuServiceState *state);
const char *kaitsu_policy_state_to_string  (KaitsuPolicyState  state);
gboolean    kaitsu_policy_state_from_string (const char       *text,
                                             KaitsuPolicyState *state);
const char *kaitsu_grant_choice_to_string  (KaitsuGrantChoice  choice);
gboolean    kaitsu_grant_choice_from_string (const char       *text,
                                             KaitsuGrantChoice *choice);
const char *kaitsu_mip_use_to_string       (KaitsuMipUse       mip);
gboolean    kaitsu_mip_use_from_string     (const char        *text,
                                            KaitsuMipUse      *mip);

/* One line of the activation's history: a step entered, or a service's new state */
typedef struct
{
  gint64 time;                 /* seconds since the epoch */
  KaitsuStep step;             /* KAITSU_STEP_NONE for a service event */
  KaitsuService service;       /* KAITSU_SERVICE_NONE for a step event */
  KaitsuServiceState state;
} KaitsuFlowEvent;

#define KAITSU_FLOW_HISTORY_MAX 200
/* The longest text the flow keeps from outside (a mail's fields, a page's names): anything
 * longer is not a real value, and a saved session must always load again */
#define KAITSU_FLOW_MAX_VALUE 2048

#define KAITSU_TYPE_FLOW (kaitsu_flow_get_type ())
G_DECLARE_FINAL_TYPE (KaitsuFlow, kaitsu_flow, KAITSU, FLOW, GObject)

KaitsuFlow        *kaitsu_flow_new                    (void);
void               kaitsu_flow_reset                  (KaitsuFlow    *self);
gboolean           kaitsu_flow_is_pristine            (KaitsuFlow    *self);

/* Choices made on the welcome page */
gboolean           kaitsu_flow_get_service_chosen     (KaitsuFlow    *self,
                                                       KaitsuService  service);
void               kaitsu_flow_set_service_chosen     (KaitsuFlow    *self,
                                                       KaitsuService  service,
                                                       gboolean       chosen);
const char        *kaitsu_flow_get_region             (KaitsuFlow    *self);
void               kaitsu_flow_set_region             (KaitsuFlow    *self,
                                                       const char    *region_id);
KaitsuPlatform     kaitsu_flow_get_platform           (KaitsuFlow    *self);
void               kaitsu_flow_set_platform           (KaitsuFlow    *self,
                                                       KaitsuPlatform platform);
KaitsuMipUse       kaitsu_flow_get_mip_use            (KaitsuFlow    *self);
void               kaitsu_flow_set_mip_use            (KaitsuFlow    *self,
                                                       KaitsuMipUse   mip);
gboolean           kaitsu_flow_get_app_permission_needed (KaitsuFlow *self);
void               kaitsu_flow_set_app_permission_needed (KaitsuFlow *self,
                                                          gboolean    needed);

/* Steps */
KaitsuStep         kaitsu_flow_get_current_step       (KaitsuFlow    *self);
KaitsuStep         kaitsu_flow_get_furthest_step      (KaitsuFlow    *self);
gboolean           kaitsu_flow_step_is_visible        (KaitsuFlow    *self,
                                                       KaitsuStep     step);
KaitsuStepState    kaitsu_flow_get_step_state         (KaitsuFlow    *self,
                                                       KaitsuStep     step);
gboolean           kaitsu_flow_step_is_complete       (KaitsuFlow    *self,
                                                       KaitsuStep     step);
gboolean           kaitsu_flow_get_step_done          (KaitsuFlow    *self,
                                                       KaitsuStep     step);
gboolean           kaitsu_flow_get_step_confirmed     (KaitsuFlow    *self,
                                                       KaitsuStep     step);
gint64             kaitsu_flow_get_step_reached       (KaitsuFlow    *self,
                                                       KaitsuStep     step);
gint64             kaitsu_flow_get_step_finished      (KaitsuFlow    *self,
                                                       KaitsuStep     step);
void               kaitsu_flow_set_step_confirmed     (KaitsuFlow    *self,
                                                       KaitsuStep     step,
                                                       gboolean       confirmed);
KaitsuStep         kaitsu_flow_get_next_visible       (KaitsuFlow    *self,
                                                       KaitsuStep     step);
KaitsuStep         kaitsu_flow_get_previous_visible   (KaitsuFlow    *self,
                                                       KaitsuStep     step);
gboolean           kaitsu_flow_can_go_next            (KaitsuFlow    *self);
gboolean           kaitsu_flow_can_go_back            (KaitsuFlow    *self);
char              *kaitsu_flow_dup_next_hint          (KaitsuFlow    *self);
gboolean           kaitsu_flow_can_go_to              (KaitsuFlow    *self,
                                                       KaitsuStep     step);
gboolean           kaitsu_flow_go_next                (KaitsuFlow    *self,
                                                       GError       **error);
gboolean           kaitsu_flow_go_back                (KaitsuFlow    *self,
                                                       GError       **error);
gboolean           kaitsu_flow_go_to                  (KaitsuFlow    *self,
                                                       KaitsuStep     step,
                                                       GError       **error);

/* Services */
KaitsuServiceState kaitsu_flow_get_service_state      (KaitsuFlow    *self,
                                                       KaitsuService  service);
guint              kaitsu_flow_get_service_attempts   (KaitsuFlow    *self,
                                                       KaitsuService  service);
const char        *kaitsu_flow_get_service_last_error (KaitsuFlow    *self,
                                                       KaitsuService  service);
gint64             kaitsu_flow_get_service_started    (KaitsuFlow    *self,
                                                       KaitsuService  service);
gint64             kaitsu_flow_get_service_changed    (KaitsuFlow    *self,
                                                       KaitsuService  service);
KaitsuService      kaitsu_flow_get_busy_service       (KaitsuFlow    *self,
                                                       KaitsuService  except);
gboolean           kaitsu_flow_all_chosen_protected   (KaitsuFlow    *self);
/* Granted and its threat protection policy on: every chosen service, at least one */
gboolean           kaitsu_flow_all_chosen_scanning    (KaitsuFlow    *self);
KaitsuPolicyState  kaitsu_flow_get_service_policy     (KaitsuFlow    *self,
                                                       KaitsuService  service);
/* The policy's name as the console shows it, when one was read as on */
const char        *kaitsu_flow_get_service_policy_name (KaitsuFlow   *self,
                                                        KaitsuService service);
void               kaitsu_flow_set_service_policy     (KaitsuFlow        *self,
                                                       KaitsuService      service,
                                                       KaitsuPolicyState  state,
                                                       const char        *name);
KaitsuGrantChoice  kaitsu_flow_get_grant_choice       (KaitsuFlow    *self,
                                                       KaitsuService  service);
/* The default ATP policy's name as the grant dialog offered it, or NULL */
const char        *kaitsu_flow_get_grant_policy       (KaitsuFlow    *self,
                                                       KaitsuService  service);
void               kaitsu_flow_set_grant_choice       (KaitsuFlow        *self,
                                                       KaitsuService      service,
                                                       KaitsuGrantChoice  choice,
                                                       const char        *name);
gboolean           kaitsu_flow_start_service          (KaitsuFlow    *self,
                                                       KaitsuService  service,
                                                       GError       **error);
void               kaitsu_flow_service_syncing        (KaitsuFlow    *self,
                                                       KaitsuService  service);
void               kaitsu_flow_service_protected      (KaitsuFlow    *self,
                                                       KaitsuService  service);
void               kaitsu_flow_service_failed         (KaitsuFlow    *self,
                                                       KaitsuService  service,
                                                       const char    *error_text);

guint              kaitsu_flow_get_service_consents   (KaitsuFlow    *self,
                                                       KaitsuService  service);
void               kaitsu_flow_add_service_consent    (KaitsuFlow    *self,
                                                       KaitsuService  service);
GArray            *kaitsu_flow_get_service_errors     (KaitsuFlow    *self,
                                                       KaitsuService  service);
void               kaitsu_flow_service_failed_with_code (KaitsuFlow  *self,
                                                         KaitsuService service,
                                                         guint        code,
                                                         const char  *error_text);
void               kaitsu_flow_add_service_error      (KaitsuFlow    *self,
                                                       KaitsuService  service,
                                                       guint          code);
const char        *kaitsu_flow_get_app_id             (KaitsuFlow    *self);
void               kaitsu_flow_set_app_id             (KaitsuFlow    *self,
                                                       const char    *app_id);

/* Oldest first, at most KAITSU_FLOW_HISTORY_MAX; "history-changed" says when it grew
 * (TRUE: by one, at the end) or was replaced (FALSE) */
GArray            *kaitsu_flow_get_history            (KaitsuFlow    *self);
void               kaitsu_flow_restore_history        (KaitsuFlow    *self,
                                                       GArray        *events);

/* What the activation mail said; no secret, no password */
const char        *kaitsu_flow_get_account            (KaitsuFlow    *self);
const char        *kaitsu_flow_get_company            (KaitsuFlow    *self);
const char        *kaitsu_flow_get_login_url          (KaitsuFlow    *self);
GPtrArray         *kaitsu_flow_dup_personal_values    (KaitsuFlow    *self);
const char        *kaitsu_flow_get_reset_url          (KaitsuFlow    *self);
gint64             kaitsu_flow_get_reset_expires      (KaitsuFlow    *self);
void               kaitsu_flow_set_mail_facts         (KaitsuFlow    *self,
                                                       const char    *account,
                                                       const char    *company,
                                                       const char    *login_url,
                                                       const char    *reset_url,
                                                       gint64         reset_expires);

/* The mail's two links carry single-use tokens: they never go into the session file. The
 * application keeps them in the Secret Service; a link is dropped once its step is done
 * (the password link once the password is set, the login link once logged in). */
typedef enum
{
  KAITSU_LINKS_HERE,    /* in memory, or there are none */
  KAITSU_LINKS_AWAY,    /* kept outside the session file, not read back yet */
  KAITSU_LINKS_LOST,    /* kept outside, and could not be read back */
} KaitsuLinksPlace;

KaitsuLinksPlace   kaitsu_flow_get_links_place        (KaitsuFlow    *self);
void               kaitsu_flow_set_links_place        (KaitsuFlow    *self,
                                                       KaitsuLinksPlace place);
/* The links read back from where they were kept: the place becomes HERE */
void               kaitsu_flow_restore_links          (KaitsuFlow    *self,
                                                       const char    *login_url,
                                                       const char    *reset_url);

/* For restoring a saved session only */
void               kaitsu_flow_restore_step           (KaitsuFlow    *self,
                                                       KaitsuStep     step,
                                                       gboolean       done,
                                                       gboolean       confirmed);
void               kaitsu_flow_restore_step_times     (KaitsuFlow    *self,
                                                       KaitsuStep     step,
                                                       gint64         reached,
                                                       gint64         finished);
void               kaitsu_flow_restore_position       (KaitsuFlow    *self,
                                                       KaitsuStep     current,
                                                       KaitsuStep     furthest);
void               kaitsu_flow_restore_service        (KaitsuFlow        *self,
                                                       KaitsuService      service,
                                                       KaitsuServiceState state,
                                                       guint              attempts,
                                                       const char        *last_error,
                                                       gint64             started,
                                                       gint64             changed);
void               kaitsu_flow_service_protected_by_hand (KaitsuFlow     *self,
                                                          KaitsuService   service);
gboolean           kaitsu_flow_get_service_by_hand    (KaitsuFlow        *self,
                                                       KaitsuService      service);
void               kaitsu_flow_restore_service_by_hand (KaitsuFlow       *self,
                                                        KaitsuService     service,
                                                        gboolean          by_hand);
void               kaitsu_flow_restore_service_history (KaitsuFlow       *self,
                                                        KaitsuService     service,
                                                        guint             consents,
                                                        GArray           *errors);

G_END_DECLS
