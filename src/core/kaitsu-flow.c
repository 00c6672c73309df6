/* SPDX-License-Identifier: GPL-3.0-or-later */
/* kaitsu-flow.c: the activation's state machine; knows nothing of GTK or the web */

#include "config.h"

#define G_LOG_DOMAIN "kaitsu-flow"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "kaitsu-activation.h"
#include "kaitsu-flow.h"
#include "kaitsu-sites.h"

typedef struct
{
  gboolean done;
  gboolean confirmed;
  /* Seconds since the epoch: first shown, and last left by going on; 0 = never */
  gint64 reached;
  gint64 finished;
} StepRecord;

typedef struct
{
  gboolean chosen;
  KaitsuServiceState state;
  guint attempts;
  char *last_error;
  gint64 started;
  gint64 changed;
  guint consents;
  /* AADSTS codes met, in order */
  GArray *errors;
  /* Protected on the user's word, the console not read (or not yet) */
  gboolean by_hand;
  KaitsuPolicyState policy;
  char *policy_name;
  KaitsuGrantChoice grant_choice;
  char *grant_policy;
} ServiceRecord;

struct _KaitsuFlow
{
  GObject parent_instance;

  StepRecord steps[KAITSU_N_STEPS];
  ServiceRecord services[KAITSU_N_SERVICES];
  KaitsuStep current;
  KaitsuStep furthest;
  char *region;
  KaitsuPlatform platform;
  KaitsuMipUse mip;
  gboolean app_permission_needed;

  char *account;
  char *company;
  char *login_url;
  char *reset_url;
  KaitsuLinksPlace links_place;
  gint64 reset_expires;
  char *app_id;

  GArray *history;
};

G_DEFINE_FINAL_TYPE (KaitsuFlow, kaitsu_flow, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_CURRENT_STEP,
  N_PROPS
};

enum {
  STEP_CHANGED,
  SERVICE_CHANGED,
  HISTORY_CHANGED,
  CHOICES_CHANGED,
  CHANGED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

G_DEFINE_QUARK (kaitsu-flow-error-quark, kaitsu_flow_error)

static const char * const step_state_names[] = {
  "not-reached", "current", "done", "skipped", "failed",
};

static const char * const service_state_names[] = {
  "not-started", "connecting", "syncing", "protected", "error",
};

static const char * const mip_names[] = { "no", "yes", "not-sure" };

static const char * const policy_names[] = { "unknown", "off", "monitor-only", "on" };

static const char * const grant_choice_names[] = { "unknown", "not-offered", "not-ticked", "ticked" };

static gboolean
name_to_value (const char         *text,
               const char * const *names,
               guint               n_names,
               int                *value)
{
  for (guint i = 0; text != NULL && i < n_names; i++)
    if (g_str_equal (text, names[i]))
      {
        *value = i;
        return TRUE;
      }
  return FALSE;
}

/* A copy of a value from outside, or NULL when it is too long to be a real one */
static char *
bounded (const char *value)
{
  if (value == NULL || strlen (value) > KAITSU_FLOW_MAX_VALUE)
    return NULL;
  return g_strdup (value);
}

const char *
kaitsu_policy_state_to_string (KaitsuPolicyState state)
{
  g_return_val_if_fail (state < G_N_ELEMENTS (policy_names), NULL);
  return policy_names[state];
}

gboolean
kaitsu_policy_state_from_string (const char        *text,
                                 KaitsuPolicyState *state)
{
  int value;

  if (!name_to_value (text, policy_names, G_N_ELEMENTS (policy_names), &value))
    return FALSE;
  *state = value;
  return TRUE;
}

const char *
kaitsu_grant_choice_to_string (KaitsuGrantChoice choice)
{
  g_return_val_if_fail (choice < G_N_ELEMENTS (grant_choice_names), NULL);
  return grant_choice_names[choice];
}

gboolean
kaitsu_grant_choice_from_string (const char        *text,
                                 KaitsuGrantChoice *choice)
{
  int value;

  if (!name_to_value (text, grant_choice_names, G_N_ELEMENTS (grant_choice_names), &value))
    return FALSE;
  *choice = value;
  return TRUE;
}

const char *
kaitsu_step_state_to_string (KaitsuStepState state)
{
  g_return_val_if_fail (state < G_N_ELEMENTS (step_state_names), NULL);
  return step_state_names[state];
}

const char *
kaitsu_service_state_to_string (KaitsuServiceState state)
{
  g_return_val_if_fail (state < G_N_ELEMENTS (service_state_names), NULL);
  return service_state_names[state];
}

gboolean
kaitsu_service_state_from_string (const char         *text,
                                  KaitsuServiceState *state)
{
  int value;

  if (!name_to_value (text, service_state_names, G_N_ELEMENTS (service_state_names), &value))
    return FALSE;
  *state = value;
  return TRUE;
}

const char *
kaitsu_mip_use_to_string (KaitsuMipUse mip)
{
  g_return_val_if_fail (mip < G_N_ELEMENTS (mip_names), NULL);
  return mip_names[mip];
}

gboolean
kaitsu_mip_use_from_string (const char   *text,
                            KaitsuMipUse *mip)
{
  int value;

  if (!name_to_value (text, mip_names, G_N_ELEMENTS (mip_names), &value))
    return FALSE;
  *mip = value;
  return TRUE;
}

static void
emit_step (KaitsuFlow *self,
           KaitsuStep  step)
{
  g_signal_emit (self, signals[STEP_CHANGED], 0, step);
}

static void
emit_changed (KaitsuFlow *self)
{
  g_signal_emit (self, signals[CHANGED], 0);
}

/* The mail's facts and links show on these steps' pages */
static void
emit_mail (KaitsuFlow *self)
{
  emit_step (self, KAITSU_STEP_PREPARE);
  emit_step (self, KAITSU_STEP_PASSWORD);
  emit_step (self, KAITSU_STEP_LOGIN);
  emit_changed (self);
}

/* Choices change which steps are visible, so every step may have changed. */
static void
add_event (KaitsuFlow         *self,
           KaitsuStep          step,
           KaitsuService       service,
           KaitsuServiceState  state)
{
  KaitsuFlowEvent event = { g_get_real_time () / G_USEC_PER_SEC, step, service, state };

  if (self->history->len >= KAITSU_FLOW_HISTORY_MAX)
    g_array_remove_index (self->history, 0);
  g_array_append_val (self->history, event);
  g_signal_emit (self, signals[HISTORY_CHANGED], 0, TRUE);
}

static void
emit_choices (KaitsuFlow *self)
{
  g_signal_emit (self, signals[CHOICES_CHANGED], 0);
  for (KaitsuStep step = 0; step < KAITSU_N_STEPS; step++)
    emit_step (self, step);
  emit_changed (self);
}

static void
kaitsu_flow_finalize (GObject *object)
{
  KaitsuFlow *self = KAITSU_FLOW (object);

  for (guint i = 0; i < KAITSU_N_SERVICES; i++)
    {
      g_free (self->services[i].last_error);
      g_free (self->services[i].policy_name);
      g_free (self->services[i].grant_policy);
      g_array_unref (self->services[i].errors);
    }
  g_free (self->app_id);
  g_free (self->region);
  g_free (self->account);
  g_free (self->company);
  g_free (self->login_url);
  g_free (self->reset_url);
  g_array_unref (self->history);
  G_OBJECT_CLASS (kaitsu_flow_parent_class)->finalize (object);
}

static void
kaitsu_flow_get_property (GObject    *object,
                          guint       prop_id,
                          GValue     *value,
                          GParamSpec *pspec)
{
  KaitsuFlow *self = KAITSU_FLOW (object);

  switch (prop_id)
    {
    case PROP_CURRENT_STEP:
      g_value_set_int (value, self->current);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
kaitsu_flow_class_init (KaitsuFlowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = kaitsu_flow_finalize;
  object_class->get_property = kaitsu_flow_get_property;

  properties[PROP_CURRENT_STEP] =
    g_param_spec_int ("current-step", NULL, NULL,
                      0, KAITSU_N_STEPS - 1, KAITSU_STEP_WELCOME,
                      G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  signals[STEP_CHANGED] =
    g_signal_new ("step-changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_INT);
  signals[HISTORY_CHANGED] =
    g_signal_new ("history-changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_BOOLEAN);
  signals[SERVICE_CHANGED] =
    g_signal_new ("service-changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_INT);
  signals[CHOICES_CHANGED] =
    g_signal_new ("choices-changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 0);
  signals[CHANGED] =
    g_signal_new ("changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 0);
}

static void
kaitsu_flow_init (KaitsuFlow *self)
{
  for (guint i = 0; i < KAITSU_N_SERVICES; i++)
    {
      self->services[i].chosen = TRUE;
      self->services[i].errors = g_array_new (FALSE, FALSE, sizeof (guint));
    }
  self->region = g_strdup (KAITSU_DEFAULT_REGION);
  self->mip = KAITSU_MIP_NO;
  self->current = KAITSU_STEP_WELCOME;
  self->steps[KAITSU_STEP_WELCOME].reached = g_get_real_time () / G_USEC_PER_SEC;
  self->furthest = KAITSU_STEP_WELCOME;
  self->history = g_array_new (FALSE, FALSE, sizeof (KaitsuFlowEvent));
}

KaitsuFlow *
kaitsu_flow_new (void)
{
  return g_object_new (KAITSU_TYPE_FLOW, NULL);
}

/* Back to a new activation, in place, so that every view follows through the signals. */
void
kaitsu_flow_reset (KaitsuFlow *self)
{
  g_return_if_fail (KAITSU_IS_FLOW (self));

  for (guint i = 0; i < KAITSU_N_SERVICES; i++)
    {
      GArray *errors = self->services[i].errors;

      g_free (self->services[i].last_error);
      g_free (self->services[i].policy_name);
      g_free (self->services[i].grant_policy);
      memset (&self->services[i], 0, sizeof self->services[i]);
      self->services[i].chosen = TRUE;
      g_array_set_size (errors, 0);
      self->services[i].errors = errors;
      g_signal_emit (self, signals[SERVICE_CHANGED], 0, i);
    }
  g_clear_pointer (&self->app_id, g_free);
  memset (self->steps, 0, sizeof self->steps);
  g_free (self->region);
  self->region = g_strdup (KAITSU_DEFAULT_REGION);
  self->platform = KAITSU_PLATFORM_NONE;
  self->mip = KAITSU_MIP_NO;
  self->app_permission_needed = FALSE;
  g_clear_pointer (&self->account, g_free);
  g_clear_pointer (&self->company, g_free);
  g_clear_pointer (&self->login_url, g_free);
  g_clear_pointer (&self->reset_url, g_free);
  self->links_place = KAITSU_LINKS_HERE;
  self->reset_expires = 0;
  self->furthest = KAITSU_STEP_WELCOME;
  self->current = KAITSU_STEP_WELCOME;
  self->steps[KAITSU_STEP_WELCOME].reached = g_get_real_time () / G_USEC_PER_SEC;
  g_array_set_size (self->history, 0);
  g_signal_emit (self, signals[HISTORY_CHANGED], 0, FALSE);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CURRENT_STEP]);
  emit_choices (self);
}

/* Nothing done yet: no need to offer to continue. */
gboolean
kaitsu_flow_is_pristine (KaitsuFlow *self)
{
  g_return_val_if_fail (KAITSU_IS_FLOW (self), TRUE);
  return self->furthest == KAITSU_STEP_WELCOME && self->current == KAITSU_STEP_WELCOME;
}

#define CHECK_SERVICE(s, val) \
  g_return_val_if_fail ((s) >= 0 && (s) < KAITSU_N_SERVICES, val)
#define CHECK_STEP(s, val) \
  g_return_val_if_fail ((s) >= 0 && (s) < KAITSU_N_STEPS, val)

gboolean
kaitsu_flow_get_service_chosen (KaitsuFlow   *self,
                                KaitsuService service)
{
  g_return_val_if_fail (KAITSU_IS_FLOW (self), FALSE);
  CHECK_SERVICE (service, FALSE);
  return self->services[service].chosen;
}

void
kaitsu_flow_set_service_chosen (KaitsuFlow   *self,
                                KaitsuService service,
                                gboolean      chosen)
{
  g_return_if_fail (KAITSU_IS_FLOW (self));
  g_return_if_fail (service >= 0 && service < KAITSU_N_SERVICES);

  chosen = !!chosen;
  if (self->services[service].chosen == chosen)
    return;
  self->services[service].chosen = chosen;
  emit_choices (self);
}

const char *
kaitsu_flow_get_region (KaitsuFlow *self)
{
  g_return_val_if_fail (KAITSU_IS_FLOW (self), NULL);
  return self->region;
}

void
kaitsu_flow_set_region (KaitsuFlow *self,
                        const char *region_id)
{
  g_return_if_fail (KAITSU_IS_FLOW (self));
  g_return_if_fail (kaitsu_region_find (region_id) >= 0);

  if (g_strcmp0 (self->region, region_id) == 0)
    return;
  g_free (self->region);
  self->region = g_strdup (region_id);
  emit_choices (self);
}

/* Cloud App Security or Trend Vision One: where the console opened, or the user's choice */
KaitsuPlatform
kaitsu_flow_get_platform (KaitsuFlow *self)
{
  g_return_val_if_fail (KAITSU_IS_FLOW (self), KAITSU_PLATFORM_NONE);
  return self->platform;
}

void
kaitsu_flow_set_platform (KaitsuFlow     *self,
                          KaitsuPlatform  platform)
{
  g_return_if_fail (KAITSU_IS_FLOW (self));

  if (self->platform == platform)
    return;
  self->platform = platform;
  emit_choices (self);
}

KaitsuMipUse
kaitsu_flow_get_mip_use (KaitsuFlow *self)
{
  g_return_val_if_fail (KAITSU_IS_FLOW (self), KAITSU_MIP_NO);
  return self->mip;
}

void
kaitsu_flow_set_mip_use (KaitsuFlow   *self,
                         KaitsuMipUse  mip)
{
  g_return_if_fail (KAITSU_IS_FLOW (self));
  g_return_if_fail (mip <= KAITSU_MIP_NOT_SURE);

  if (self->mip == mip)
    return;
  self->mip = mip;
  emit_choices (self);
}

gboolean
kaitsu_flow_get_app_permission_needed (KaitsuFlow *self)
{
  g_return_val_if_fail (KAITSU_IS_FLOW (self), FALSE);
  return self->app_permission_needed;
}

void
kaitsu_flow_set_app_permission_needed (KaitsuFlow *self,
                                       gboolean    needed)
{
  g_return_if_fail (KAITSU_IS_FLOW (self));

  needed = !!needed;
  if (self->app_permission_needed == needed)
    return;
  self->app_permission_needed = needed;
  emit_choices (self);
}

KaitsuStep
kaitsu_flow_get_current_step (KaitsuFlow *self)
{
  g_return_val_if_fail (KAITSU_IS_FLOW (self), KAITSU_STEP_WELCOME);
  return self->current;
}

KaitsuStep
kaitsu_flow_get_furthest_step (KaitsuFlow *self)
{
  g_return_val_if_fail (KAITSU_IS_FLOW (self), KAITSU_STEP_WELCOME);
  return self->furthest;
}

gboolean
kaitsu_flow_step_is_visible (KaitsuFlow *self,
                             KaitsuStep  step)
{
  KaitsuService service;

  g_return_val_if_fail (KAITSU_IS_FLOW (self), FALSE);
  CHECK_STEP (step, FALSE);

  service = kaitsu_step_get_service (step);
  switch (kaitsu_step_get_visibility (step))
    {
    case KAITSU_VISIBLE_SERVICE_CHOSEN:
      return self->services[service].chosen;
    case KAITSU_VISIBLE_APP_ID_SHOWN:
      return self->services[service].chosen && self->app_permission_needed;
    case KAITSU_VISIBLE_MIP_USED:
      return self->mip != KAITSU_MIP_NO;
    case KAITSU_VISIBLE_ALWAYS:
    default:
      return TRUE;
    }
}

static gboolean
any_service_chosen (KaitsuFlow *self)
{
  for (guint i = 0; i < KAITSU_N_SERVICES; i++)
    if (self->services[i].chosen)
      return TRUE;
  return FALSE;
}

gboolean
kaitsu_flow_step_is_complete (KaitsuFlow *self,
                              KaitsuStep  step)
{
  KaitsuService service;
  KaitsuServiceState state;

  g_return_val_if_fail (KAITSU_IS_FLOW (self), FALSE);
  CHECK_STEP (step, FALSE);

  service = kaitsu_step_get_service (step);
  state = service != KAITSU_SERVICE_NONE ? self->services[service].state : KAITSU_SERVICE_STATE_NOT_STARTED;
  switch (kaitsu_step_get_completion (step))
    {
    case KAITSU_COMPLETE_SERVICES_CHOSEN:
      return any_service_chosen (self);
    case KAITSU_COMPLETE_SERVICE_PROTECTED:
      return state == KAITSU_SERVICE_STATE_PROTECTED;
    case KAITSU_COMPLETE_SERVICE_PROTECTED_OR_WAITING:
      /* The 2024 procedure: the service waits for the SharePoint step, which comes next. */
      if (self->app_permission_needed &&
          (state == KAITSU_SERVICE_STATE_CONNECTING || state == KAITSU_SERVICE_STATE_SYNCING))
        return TRUE;
      return state == KAITSU_SERVICE_STATE_PROTECTED;
    case KAITSU_COMPLETE_CONFIRMED_OR_SERVICE_PROTECTED:
      return self->steps[step].confirmed || state == KAITSU_SERVICE_STATE_PROTECTED;
    case KAITSU_COMPLETE_ALL_PROTECTED:
      return kaitsu_flow_all_chosen_protected (self);
    case KAITSU_COMPLETE_ALL_SCANNING_OR_CONFIRMED:
      return self->steps[step].confirmed || kaitsu_flow_all_chosen_scanning (self);
    case KAITSU_COMPLETE_ALWAYS:
      return TRUE;
    case KAITSU_COMPLETE_NEVER:
      return FALSE;
    case KAITSU_COMPLETE_CONFIRMED:
    default:
      return self->steps[step].confirmed;
    }
}

KaitsuStepState
kaitsu_flow_get_step_state (KaitsuFlow *self,
                            KaitsuStep  step)
{
  KaitsuService service;

  g_return_val_if_fail (KAITSU_IS_FLOW (self), KAITSU_STEP_STATE_NOT_REACHED);
  CHECK_STEP (step, KAITSU_STEP_STATE_NOT_REACHED);

  if (step == self->current)
    return KAITSU_STEP_STATE_CURRENT;
  if (!kaitsu_flow_step_is_visible (self, step))
    return KAITSU_STEP_STATE_SKIPPED;
  service = kaitsu_step_get_service (step);
  if (service != KAITSU_SERVICE_NONE && kaitsu_service_get_step (service) == step &&
      self->services[service].state == KAITSU_SERVICE_STATE_ERROR)
    return KAITSU_STEP_STATE_FAILED;
  if (self->steps[step].done)
    return KAITSU_STEP_STATE_DONE;
  return KAITSU_STEP_STATE_NOT_REACHED;
}

gboolean
kaitsu_flow_get_step_done (KaitsuFlow *self,
                           KaitsuStep  step)
{
  g_return_val_if_fail (KAITSU_IS_FLOW (self), FALSE);
  CHECK_STEP (step, FALSE);
  return self->steps[step].done;
}

gboolean
kaitsu_flow_get_step_confirmed (KaitsuFlow *self,
                                KaitsuStep  step)
{
  g_return_val_if_fail (KAITSU_IS_FLOW (self), FALSE);
  CHECK_STEP (step, FALSE);
  return self->steps[step].confirmed;
}

void
kaitsu_flow_set_step_confirmed (KaitsuFlow *self,
                                KaitsuStep  step,
                                gboolean    confirmed)
{
  g_return_if_fail (KAITSU_IS_FLOW (self));
  g_return_if_fail (step >= 0 && step < KAITSU_N_STEPS);

  confirmed = !!confirmed;
  if (self->steps[step].confirmed == confirmed)
    return;
  self->steps[step].confirmed = confirmed;
  emit_step (self, step);
  emit_changed (self);
}

KaitsuStep
kaitsu_flow_get_next_visible (KaitsuFlow *self,
                              KaitsuStep  step)
{
  for (KaitsuStep next = step + 1; next < KAITSU_N_STEPS; next++)
    if (kaitsu_flow_step_is_visible (self, next))
      return next;
  return KAITSU_STEP_NONE;
}

KaitsuStep
kaitsu_flow_get_previous_visible (KaitsuFlow *self,
                                  KaitsuStep  step)
{
  for (KaitsuStep prev = step - 1; prev >= 0; prev--)
    if (kaitsu_flow_step_is_visible (self, prev))
      return prev;
  return KAITSU_STEP_NONE;
}

gboolean
kaitsu_flow_can_go_next (KaitsuFlow *self)
{
  g_return_val_if_fail (KAITSU_IS_FLOW (self), FALSE);
  return kaitsu_flow_step_is_complete (self, self->current) &&
         kaitsu_flow_get_next_visible (self, self->current) != KAITSU_STEP_NONE;
}

/* Why 「Next」 cannot be pressed yet, in the user's words; NULL when it can, or when this step
 * has nothing to go on to */
char *
kaitsu_flow_dup_next_hint (KaitsuFlow *self)
{
  KaitsuService service;
  const char *name;

  g_return_val_if_fail (KAITSU_IS_FLOW (self), NULL);

  if (kaitsu_flow_get_next_visible (self, self->current) == KAITSU_STEP_NONE ||
      kaitsu_flow_step_is_complete (self, self->current))
    return NULL;
  service = kaitsu_step_get_service (self->current);
  name = service != KAITSU_SERVICE_NONE ? kaitsu_service_get_name (service) : "";
  switch (kaitsu_step_get_completion (self->current))
    {
    case KAITSU_COMPLETE_SERVICES_CHOSEN:
      return g_strdup (_("“Next” can be pressed once at least one service is chosen."));
    case KAITSU_COMPLETE_SERVICE_PROTECTED:
    case KAITSU_COMPLETE_SERVICE_PROTECTED_OR_WAITING:
      /* Translators: %s is a service, such as Exchange Online */
      return g_strdup_printf (_("“Next” can be pressed once the console shows %s as protected."), name);
    case KAITSU_COMPLETE_CONFIRMED_OR_SERVICE_PROTECTED:
      /* Translators: %s is a service, such as Exchange Online */
      return g_strdup_printf (_("“Next” can be pressed once the console shows %s as protected, or once you confirm it at the end of this page."), name);
    case KAITSU_COMPLETE_ALL_PROTECTED:
      return g_strdup (_("“Next” can be pressed once the console shows every chosen service as protected."));
    case KAITSU_COMPLETE_ALL_SCANNING_OR_CONFIRMED:
      return g_strdup (_("“Next” can be pressed once protection is on for every chosen service, or once you confirm it at the end of this page."));
    case KAITSU_COMPLETE_ALWAYS:
    case KAITSU_COMPLETE_NEVER:
      return NULL;
    case KAITSU_COMPLETE_CONFIRMED:
    default:
      return g_strdup (_("“Next” can be pressed once you confirm at the end of this page that the step is done."));
    }
}

gboolean
kaitsu_flow_can_go_back (KaitsuFlow *self)
{
  g_return_val_if_fail (KAITSU_IS_FLOW (self), FALSE);
  return kaitsu_flow_get_previous_visible (self, self->current) != KAITSU_STEP_NONE;
}

gboolean
kaitsu_flow_can_go_to (KaitsuFlow *self,
                       KaitsuStep  step)
{
  g_return_val_if_fail (KAITSU_IS_FLOW (self), FALSE);
  CHECK_STEP (step, FALSE);
  return kaitsu_flow_step_is_visible (self, step) && step <= self->furthest;
}

static void
set_current (KaitsuFlow *self,
             KaitsuStep  step)
{
  KaitsuStep old = self->current;

  if (old == step)
    return;
  self->current = step;
  add_event (self, step, KAITSU_SERVICE_NONE, 0);
  if (self->steps[step].reached == 0)
    self->steps[step].reached = g_get_real_time () / G_USEC_PER_SEC;
  if (step > self->furthest)
    self->furthest = step;
  emit_step (self, old);
  emit_step (self, step);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CURRENT_STEP]);
  emit_changed (self);
}

gboolean
kaitsu_flow_go_next (KaitsuFlow  *self,
                     GError     **error)
{
  KaitsuStep next;

  g_return_val_if_fail (KAITSU_IS_FLOW (self), FALSE);

  if (!kaitsu_flow_step_is_complete (self, self->current))
    {
      g_set_error (error, KAITSU_FLOW_ERROR, KAITSU_FLOW_ERROR_INCOMPLETE,
                   _("This step is not finished yet."));
      return FALSE;
    }
  next = kaitsu_flow_get_next_visible (self, self->current);
  if (next == KAITSU_STEP_NONE)
    {
      g_set_error (error, KAITSU_FLOW_ERROR, KAITSU_FLOW_ERROR_NOT_REACHED,
                   _("This is the last step."));
      return FALSE;
    }
  self->steps[self->current].done = TRUE;
  self->steps[self->current].finished = g_get_real_time () / G_USEC_PER_SEC;
  /* A single-use link is of no more use once its step is done */
  if (self->current == KAITSU_STEP_PASSWORD)
    g_clear_pointer (&self->reset_url, g_free);
  else if (self->current == KAITSU_STEP_LOGIN)
    g_clear_pointer (&self->login_url, g_free);
  set_current (self, next);
  return TRUE;
}

gboolean
kaitsu_flow_go_back (KaitsuFlow  *self,
                     GError     **error)
{
  KaitsuStep prev;

  g_return_val_if_fail (KAITSU_IS_FLOW (self), FALSE);

  prev = kaitsu_flow_get_previous_visible (self, self->current);
  if (prev == KAITSU_STEP_NONE)
    {
      g_set_error (error, KAITSU_FLOW_ERROR, KAITSU_FLOW_ERROR_NOT_REACHED,
                   _("This is the first step."));
      return FALSE;
    }
  set_current (self, prev);
  return TRUE;
}

gboolean
kaitsu_flow_go_to (KaitsuFlow  *self,
                   KaitsuStep   step,
                   GError     **error)
{
  g_return_val_if_fail (KAITSU_IS_FLOW (self), FALSE);
  CHECK_STEP (step, FALSE);

  if (!kaitsu_flow_can_go_to (self, step))
    {
      g_set_error (error, KAITSU_FLOW_ERROR, KAITSU_FLOW_ERROR_NOT_REACHED,
                   _("This step has not been reached yet."));
      return FALSE;
    }
  set_current (self, step);
  return TRUE;
}

KaitsuServiceState
kaitsu_flow_get_service_state (KaitsuFlow   *self,
                               KaitsuService service)
{
  g_return_val_if_fail (KAITSU_IS_FLOW (self), KAITSU_SERVICE_STATE_NOT_STARTED);
  CHECK_SERVICE (service, KAITSU_SERVICE_STATE_NOT_STARTED);
  return self->services[service].state;
}

guint
kaitsu_flow_get_service_attempts (KaitsuFlow   *self,
                                  KaitsuService service)
{
  g_return_val_if_fail (KAITSU_IS_FLOW (self), 0);
  CHECK_SERVICE (service, 0);
  return self->services[service].attempts;
}

const char *
kaitsu_flow_get_service_last_error (KaitsuFlow   *self,
                                    KaitsuService service)
{
  g_return_val_if_fail (KAITSU_IS_FLOW (self), NULL);
  CHECK_SERVICE (service, NULL);
  return self->services[service].last_error;
}

gint64
kaitsu_flow_get_service_started (KaitsuFlow   *self,
                                 KaitsuService service)
{
  g_return_val_if_fail (KAITSU_IS_FLOW (self), 0);
  CHECK_SERVICE (service, 0);
  return self->services[service].started;
}

gint64
kaitsu_flow_get_service_changed (KaitsuFlow   *self,
                                 KaitsuService service)
{
  g_return_val_if_fail (KAITSU_IS_FLOW (self), 0);
  CHECK_SERVICE (service, 0);
  return self->services[service].changed;
}

KaitsuService
kaitsu_flow_get_busy_service (KaitsuFlow   *self,
                              KaitsuService except)
{
  g_return_val_if_fail (KAITSU_IS_FLOW (self), KAITSU_SERVICE_NONE);

  for (KaitsuService s = 0; s < KAITSU_N_SERVICES; s++)
    if (s != except &&
        (self->services[s].state == KAITSU_SERVICE_STATE_CONNECTING ||
         self->services[s].state == KAITSU_SERVICE_STATE_SYNCING))
      return s;
  return KAITSU_SERVICE_NONE;
}

gboolean
kaitsu_flow_all_chosen_protected (KaitsuFlow *self)
{
  gboolean any = FALSE;

  g_return_val_if_fail (KAITSU_IS_FLOW (self), FALSE);

  for (guint i = 0; i < KAITSU_N_SERVICES; i++)
    {
      if (!self->services[i].chosen)
        continue;
      if (self->services[i].state != KAITSU_SERVICE_STATE_PROTECTED)
        return FALSE;
      any = TRUE;
    }
  return any;
}

gboolean
kaitsu_flow_all_chosen_scanning (KaitsuFlow *self)
{
  g_return_val_if_fail (KAITSU_IS_FLOW (self), FALSE);

  if (!kaitsu_flow_all_chosen_protected (self))
    return FALSE;
  for (guint i = 0; i < KAITSU_N_SERVICES; i++)
    if (self->services[i].chosen && self->services[i].policy != KAITSU_POLICY_ON)
      return FALSE;
  return TRUE;
}

/* What a service's policy or grant choice changes: its rows, the policies step, the end */
static void
emit_service_facts (KaitsuFlow   *self,
                    KaitsuService service)
{
  g_signal_emit (self, signals[SERVICE_CHANGED], 0, service);
  emit_step (self, kaitsu_service_get_step (service));
  emit_step (self, KAITSU_STEP_POLICIES);
  emit_step (self, KAITSU_STEP_FINISH);
  emit_changed (self);
}

KaitsuPolicyState
kaitsu_flow_get_service_policy (KaitsuFlow   *self,
                                KaitsuService service)
{
  g_return_val_if_fail (KAITSU_IS_FLOW (self), KAITSU_POLICY_UNKNOWN);
  CHECK_SERVICE (service, KAITSU_POLICY_UNKNOWN);
  return self->services[service].policy;
}

const char *
kaitsu_flow_get_service_policy_name (KaitsuFlow   *self,
                                     KaitsuService service)
{
  g_return_val_if_fail (KAITSU_IS_FLOW (self), NULL);
  CHECK_SERVICE (service, NULL);
  return self->services[service].policy_name;
}

void
kaitsu_flow_set_service_policy (KaitsuFlow        *self,
                                KaitsuService      service,
                                KaitsuPolicyState  state,
                                const char        *name)
{
  ServiceRecord *record;

  g_return_if_fail (KAITSU_IS_FLOW (self));
  g_return_if_fail (service >= 0 && service < KAITSU_N_SERVICES);
  g_return_if_fail (state <= KAITSU_POLICY_ON);

  record = &self->services[service];
  if (record->policy == state && g_strcmp0 (record->policy_name, name) == 0)
    return;
  record->policy = state;
  g_free (record->policy_name);
  record->policy_name = bounded (name);
  emit_service_facts (self, service);
}

KaitsuGrantChoice
kaitsu_flow_get_grant_choice (KaitsuFlow   *self,
                              KaitsuService service)
{
  g_return_val_if_fail (KAITSU_IS_FLOW (self), KAITSU_GRANT_CHOICE_UNKNOWN);
  CHECK_SERVICE (service, KAITSU_GRANT_CHOICE_UNKNOWN);
  return self->services[service].grant_choice;
}

const char *
kaitsu_flow_get_grant_policy (KaitsuFlow   *self,
                              KaitsuService service)
{
  g_return_val_if_fail (KAITSU_IS_FLOW (self), NULL);
  CHECK_SERVICE (service, NULL);
  return self->services[service].grant_policy;
}

void
kaitsu_flow_set_grant_choice (KaitsuFlow        *self,
                              KaitsuService      service,
                              KaitsuGrantChoice  choice,
                              const char        *name)
{
  ServiceRecord *record;

  g_return_if_fail (KAITSU_IS_FLOW (self));
  g_return_if_fail (service >= 0 && service < KAITSU_N_SERVICES);
  g_return_if_fail (choice <= KAITSU_GRANT_CHOICE_TICKED);

  record = &self->services[service];
  if (record->grant_choice == choice && g_strcmp0 (record->grant_policy, name) == 0)
    return;
  record->grant_choice = choice;
  g_free (record->grant_policy);
  record->grant_policy = bounded (name);
  emit_service_facts (self, service);
}

static void
set_service_state (KaitsuFlow         *self,
                   KaitsuService       service,
                   KaitsuServiceState  state)
{
  ServiceRecord *record = &self->services[service];

  if (record->state != state)
    add_event (self, KAITSU_STEP_NONE, service, state);
  if (state != KAITSU_SERVICE_STATE_PROTECTED)
    record->by_hand = FALSE;
  record->state = state;
  record->changed = g_get_real_time () / G_USEC_PER_SEC;
  g_signal_emit (self, signals[SERVICE_CHANGED], 0, service);
  emit_step (self, kaitsu_service_get_step (service));
  emit_step (self, KAITSU_STEP_VERIFY);
  emit_step (self, KAITSU_STEP_POLICIES);
  emit_step (self, KAITSU_STEP_FINISH);
  emit_changed (self);
}

gboolean
kaitsu_flow_start_service (KaitsuFlow    *self,
                           KaitsuService  service,
                           GError       **error)
{
  KaitsuService busy;
  ServiceRecord *record;

  g_return_val_if_fail (KAITSU_IS_FLOW (self), FALSE);
  CHECK_SERVICE (service, FALSE);

  record = &self->services[service];
  if (!record->chosen)
    {
      g_set_error (error, KAITSU_FLOW_ERROR, KAITSU_FLOW_ERROR_NOT_CHOSEN,
                   _("%s was not chosen on the first page."), kaitsu_service_get_name (service));
      return FALSE;
    }
  busy = kaitsu_flow_get_busy_service (self, service);
  if (busy != KAITSU_SERVICE_NONE)
    {
      g_set_error (error, KAITSU_FLOW_ERROR, KAITSU_FLOW_ERROR_BUSY,
                   /* Translators: both are product names, e.g. "Exchange Online" */
                   _("%1$s is still being connected. Wait until it is protected before you start %2$s."),
                   kaitsu_service_get_name (busy), kaitsu_service_get_name (service));
      return FALSE;
    }
  record->attempts++;
  record->started = g_get_real_time () / G_USEC_PER_SEC;
  g_clear_pointer (&record->last_error, g_free);
  set_service_state (self, service, KAITSU_SERVICE_STATE_CONNECTING);
  return TRUE;
}

void
kaitsu_flow_service_syncing (KaitsuFlow   *self,
                             KaitsuService service)
{
  g_return_if_fail (KAITSU_IS_FLOW (self));
  g_return_if_fail (service >= 0 && service < KAITSU_N_SERVICES);

  if (self->services[service].state == KAITSU_SERVICE_STATE_SYNCING ||
      self->services[service].state == KAITSU_SERVICE_STATE_PROTECTED)
    return;
  set_service_state (self, service, KAITSU_SERVICE_STATE_SYNCING);
}

void
kaitsu_flow_service_protected (KaitsuFlow   *self,
                               KaitsuService service)
{
  g_return_if_fail (KAITSU_IS_FLOW (self));
  g_return_if_fail (service >= 0 && service < KAITSU_N_SERVICES);

  if (self->services[service].state == KAITSU_SERVICE_STATE_PROTECTED)
    {
      /* The console now says so too */
      if (self->services[service].by_hand)
        {
          self->services[service].by_hand = FALSE;
          g_signal_emit (self, signals[SERVICE_CHANGED], 0, service);
          emit_changed (self);
        }
      return;
    }
  g_clear_pointer (&self->services[service].last_error, g_free);
  set_service_state (self, service, KAITSU_SERVICE_STATE_PROTECTED);
}

/* The user says the console shows it protected, where Kaitsu could not read it */
void
kaitsu_flow_service_protected_by_hand (KaitsuFlow   *self,
                                       KaitsuService service)
{
  g_return_if_fail (KAITSU_IS_FLOW (self));
  g_return_if_fail (service >= 0 && service < KAITSU_N_SERVICES);

  if (self->services[service].state == KAITSU_SERVICE_STATE_PROTECTED)
    return;
  self->services[service].by_hand = TRUE;
  g_clear_pointer (&self->services[service].last_error, g_free);
  set_service_state (self, service, KAITSU_SERVICE_STATE_PROTECTED);
}

gboolean
kaitsu_flow_get_service_by_hand (KaitsuFlow   *self,
                                 KaitsuService service)
{
  g_return_val_if_fail (KAITSU_IS_FLOW (self), FALSE);
  CHECK_SERVICE (service, FALSE);
  return self->services[service].state == KAITSU_SERVICE_STATE_PROTECTED && self->services[service].by_hand;
}

void
kaitsu_flow_restore_service_by_hand (KaitsuFlow   *self,
                                     KaitsuService service,
                                     gboolean      by_hand)
{
  g_return_if_fail (KAITSU_IS_FLOW (self));
  g_return_if_fail (service >= 0 && service < KAITSU_N_SERVICES);
  self->services[service].by_hand = by_hand;
}

void
kaitsu_flow_service_failed (KaitsuFlow   *self,
                            KaitsuService service,
                            const char   *error_text)
{
  g_return_if_fail (KAITSU_IS_FLOW (self));
  g_return_if_fail (service >= 0 && service < KAITSU_N_SERVICES);

  g_free (self->services[service].last_error);
  self->services[service].last_error = g_strdup (error_text);
  set_service_state (self, service, KAITSU_SERVICE_STATE_ERROR);
}

guint
kaitsu_flow_get_service_consents (KaitsuFlow   *self,
                                  KaitsuService service)
{
  g_return_val_if_fail (KAITSU_IS_FLOW (self), 0);
  CHECK_SERVICE (service, 0);
  return self->services[service].consents;
}

void
kaitsu_flow_add_service_consent (KaitsuFlow   *self,
                                 KaitsuService service)
{
  g_return_if_fail (KAITSU_IS_FLOW (self));
  g_return_if_fail (service >= 0 && service < KAITSU_N_SERVICES);

  self->services[service].consents++;
  g_signal_emit (self, signals[SERVICE_CHANGED], 0, service);
  emit_changed (self);
}

GArray *
kaitsu_flow_get_service_errors (KaitsuFlow   *self,
                                KaitsuService service)
{
  g_return_val_if_fail (KAITSU_IS_FLOW (self), NULL);
  CHECK_SERVICE (service, NULL);
  return self->services[service].errors;
}

void
kaitsu_flow_service_failed_with_code (KaitsuFlow   *self,
                                      KaitsuService service,
                                      guint         code,
                                      const char   *error_text)
{
  g_return_if_fail (KAITSU_IS_FLOW (self));
  g_return_if_fail (service >= 0 && service < KAITSU_N_SERVICES);

  if (code != 0)
    g_array_append_val (self->services[service].errors, code);
  kaitsu_flow_service_failed (self, service, error_text);
}

/* A Microsoft error met on the way that the page itself lets the user correct */
void
kaitsu_flow_add_service_error (KaitsuFlow   *self,
                               KaitsuService service,
                               guint         code)
{
  g_return_if_fail (KAITSU_IS_FLOW (self));
  g_return_if_fail (service >= 0 && service < KAITSU_N_SERVICES);

  if (code == 0 || self->services[service].errors->len >= 1000)
    return;
  g_array_append_val (self->services[service].errors, code);
  g_signal_emit (self, signals[SERVICE_CHANGED], 0, service);
  emit_changed (self);
}

const char *
kaitsu_flow_get_app_id (KaitsuFlow *self)
{
  g_return_val_if_fail (KAITSU_IS_FLOW (self), NULL);
  return self->app_id;
}

void
kaitsu_flow_set_app_id (KaitsuFlow *self,
                        const char *app_id)
{
  g_return_if_fail (KAITSU_IS_FLOW (self));

  if (g_strcmp0 (self->app_id, app_id) == 0)
    return;
  g_free (self->app_id);
  self->app_id = g_strdup (app_id);
  emit_step (self, KAITSU_STEP_TEAMS_APP_PERMISSION);
  emit_changed (self);
}

void
kaitsu_flow_restore_service_history (KaitsuFlow   *self,
                                     KaitsuService service,
                                     guint         consents,
                                     GArray       *errors)
{
  g_return_if_fail (KAITSU_IS_FLOW (self));
  g_return_if_fail (service >= 0 && service < KAITSU_N_SERVICES);

  self->services[service].consents = consents;
  g_array_set_size (self->services[service].errors, 0);
  if (errors != NULL)
    g_array_append_vals (self->services[service].errors, errors->data, errors->len);
}

const char *
kaitsu_flow_get_account (KaitsuFlow *self)
{
  g_return_val_if_fail (KAITSU_IS_FLOW (self), NULL);
  return self->account;
}

const char *
kaitsu_flow_get_company (KaitsuFlow *self)
{
  g_return_val_if_fail (KAITSU_IS_FLOW (self), NULL);
  return self->company;
}

/* What names someone, for masking wherever it turns up (NULL-terminated, borrowed strings:
 * valid until the flow changes) */
GPtrArray *
kaitsu_flow_dup_personal_values (KaitsuFlow *self)
{
  const char *values[] = { self->account, self->company, self->app_id };
  GPtrArray *known;

  g_return_val_if_fail (KAITSU_IS_FLOW (self), NULL);

  known = g_ptr_array_new_null_terminated (G_N_ELEMENTS (values), NULL, TRUE);
  for (guint i = 0; i < G_N_ELEMENTS (values); i++)
    if (values[i] != NULL)
      g_ptr_array_add (known, (gpointer) values[i]);
  return known;
}

const char *
kaitsu_flow_get_login_url (KaitsuFlow *self)
{
  g_return_val_if_fail (KAITSU_IS_FLOW (self), NULL);
  return self->login_url;
}

const char *
kaitsu_flow_get_reset_url (KaitsuFlow *self)
{
  g_return_val_if_fail (KAITSU_IS_FLOW (self), NULL);
  return self->reset_url;
}

gint64
kaitsu_flow_get_reset_expires (KaitsuFlow *self)
{
  g_return_val_if_fail (KAITSU_IS_FLOW (self), 0);
  return self->reset_expires;
}

void
kaitsu_flow_set_mail_facts (KaitsuFlow *self,
                            const char *account,
                            const char *company,
                            const char *login_url,
                            const char *reset_url,
                            gint64      reset_expires)
{
  g_return_if_fail (KAITSU_IS_FLOW (self));

  g_free (self->account);
  self->account = bounded (account);
  g_free (self->company);
  self->company = bounded (company);
  g_free (self->login_url);
  self->login_url = bounded (login_url);
  g_free (self->reset_url);
  self->reset_url = bounded (reset_url);
  self->reset_expires = reset_expires;
  self->links_place = KAITSU_LINKS_HERE;
  emit_mail (self);
}

KaitsuLinksPlace
kaitsu_flow_get_links_place (KaitsuFlow *self)
{
  g_return_val_if_fail (KAITSU_IS_FLOW (self), KAITSU_LINKS_HERE);
  return self->links_place;
}

void
kaitsu_flow_set_links_place (KaitsuFlow       *self,
                             KaitsuLinksPlace  place)
{
  g_return_if_fail (KAITSU_IS_FLOW (self));
  g_return_if_fail (place >= KAITSU_LINKS_HERE && place <= KAITSU_LINKS_LOST);

  if (self->links_place == place)
    return;
  self->links_place = place;
  emit_mail (self);
}

void
kaitsu_flow_restore_links (KaitsuFlow *self,
                           const char *login_url,
                           const char *reset_url)
{
  g_return_if_fail (KAITSU_IS_FLOW (self));

  g_free (self->login_url);
  self->login_url = bounded (login_url);
  g_free (self->reset_url);
  self->reset_url = bounded (reset_url);
  self->links_place = KAITSU_LINKS_HERE;
  emit_mail (self);
}

void
kaitsu_flow_restore_step (KaitsuFlow *self,
                          KaitsuStep  step,
                          gboolean    done,
                          gboolean    confirmed)
{
  g_return_if_fail (KAITSU_IS_FLOW (self));
  g_return_if_fail (step >= 0 && step < KAITSU_N_STEPS);

  self->steps[step].done = !!done;
  self->steps[step].confirmed = !!confirmed;
}

GArray *
kaitsu_flow_get_history (KaitsuFlow *self)
{
  g_return_val_if_fail (KAITSU_IS_FLOW (self), NULL);
  return self->history;
}

void
kaitsu_flow_restore_history (KaitsuFlow *self,
                             GArray     *events)
{
  g_return_if_fail (KAITSU_IS_FLOW (self));

  g_array_set_size (self->history, 0);
  for (guint i = events != NULL && events->len > KAITSU_FLOW_HISTORY_MAX ? events->len - KAITSU_FLOW_HISTORY_MAX : 0;
       events != NULL && i < events->len; i++)
    g_array_append_val (self->history, g_array_index (events, KaitsuFlowEvent, i));
  g_signal_emit (self, signals[HISTORY_CHANGED], 0, FALSE);
}

void
kaitsu_flow_restore_step_times (KaitsuFlow *self,
                                KaitsuStep  step,
                                gint64      reached,
                                gint64      finished)
{
  g_return_if_fail (KAITSU_IS_FLOW (self));
  g_return_if_fail (step >= 0 && step < KAITSU_N_STEPS);

  self->steps[step].reached = reached;
  self->steps[step].finished = finished;
}

gint64
kaitsu_flow_get_step_reached (KaitsuFlow *self,
                              KaitsuStep  step)
{
  g_return_val_if_fail (KAITSU_IS_FLOW (self), 0);
  CHECK_STEP (step, 0);
  return self->steps[step].reached;
}

gint64
kaitsu_flow_get_step_finished (KaitsuFlow *self,
                               KaitsuStep  step)
{
  g_return_val_if_fail (KAITSU_IS_FLOW (self), 0);
  CHECK_STEP (step, 0);
  return self->steps[step].finished;
}

void
kaitsu_flow_restore_position (KaitsuFlow *self,
                              KaitsuStep  current,
                              KaitsuStep  furthest)
{
  g_return_if_fail (KAITSU_IS_FLOW (self));
  g_return_if_fail (current >= 0 && current < KAITSU_N_STEPS);
  g_return_if_fail (furthest >= 0 && furthest < KAITSU_N_STEPS);

  self->furthest = MAX (current, furthest);
  self->current = current;
}

void
kaitsu_flow_restore_service (KaitsuFlow         *self,
                             KaitsuService       service,
                             KaitsuServiceState  state,
                             guint               attempts,
                             const char         *last_error,
                             gint64              started,
                             gint64              changed)
{
  ServiceRecord *record;

  g_return_if_fail (KAITSU_IS_FLOW (self));
  g_return_if_fail (service >= 0 && service < KAITSU_N_SERVICES);

  record = &self->services[service];
  record->state = state;
  record->attempts = attempts;
  g_free (record->last_error);
  record->last_error = g_strdup (last_error);
  record->started = started;
  record->changed = changed;
}
