/* SPDX-License-Identifier: GPL-3.0-or-later */
/* kaitsu-guide.c: the assistant follows the user: pages seen, pop-ups, Microsoft's answers
 * and the console's status move the flow on, by the same code in real and practice mode. */

#include "config.h"

#define G_LOG_DOMAIN "kaitsu-guide"

#include <glib/gi18n.h>

#include "kaitsu-aadsts.h"
#include "kaitsu-mask.h"
#include "kaitsu-guide.h"
#include "kaitsu-signin-window.h"

struct _KaitsuGuide
{
  GObject parent_instance;

  KaitsuFlow *flow;
  KaitsuBrowser *browser;
  GArray *detections;
  GPtrArray *signin_errors;
  /* Everything the console listed during the session, for the report */
  KaitsuConsoleStatus *seen;
  GtkWindow *signin;
  KaitsuService signin_service;
  char *last_consent_uri;
  /* Evidence in order, per sign-in window: the address before this one was Microsoft's
   * sign-in, and this window brought Microsoft's consent for its service */
  gboolean after_microsoft;
  gboolean signin_consented;
  GPtrArray *unknown_pages;
  GArray *screens_seen;
  /* The service the console's grant dialog names, while it is open */
  KaitsuService dialog_service;
  /* What the console said last of each service, once it has been read at all */
  gboolean console_read;
  gboolean console_pending[KAITSU_N_SERVICES];
};

#define MAX_UNKNOWN_PAGES 20
/* Of the console's tasks and notices, the report keeps the newest this many */
#define MAX_SEEN 500

G_DEFINE_FINAL_TYPE (KaitsuGuide, kaitsu_guide, G_TYPE_OBJECT)

enum {
  PAGE_SEEN,
  SIGNIN_OPENED,
  STATUS_CHANGED,
  DETECTED,
  LABELS_CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static KaitsuService
current_service (KaitsuGuide *self)
{
  return kaitsu_step_get_service (kaitsu_flow_get_current_step (self->flow));
}

static void
remember (KaitsuGuide             *self,
          const KaitsuPageReading *reading,
          const char              *uri,
          KaitsuBrowser           *browser)
{
  KaitsuScreenSeen seen = { kaitsu_screen_get_id (reading->screen), g_get_real_time () / G_USEC_PER_SEC };
  guint n = self->screens_seen->len;

  if ((n == 0 || g_array_index (self->screens_seen, KaitsuScreenSeen, n - 1).screen != seen.screen) &&
      n < KAITSU_REPORT_MAX_SCREENS)
    g_array_append_val (self->screens_seen, seen);
  if (kaitsu_screen_get_meaning (reading->screen) == KAITSU_SCREEN_UNKNOWN &&
      self->unknown_pages->len < MAX_UNKNOWN_PAGES)
    {
      KaitsuPageOutline *outline = kaitsu_page_outline_new (uri, seen.screen, kaitsu_browser_get_outline (browser));

      if (outline != NULL)
        g_ptr_array_add (self->unknown_pages, outline);
    }
}

/* Labels are quoted as the site shows them: Japanese or English, learnt from its pages. */
static void
learn_language (KaitsuGuide             *self,
                const KaitsuPageReading *reading)
{
  if (reading->site == KAITSU_SITE_NONE ||
      kaitsu_screen_get_meaning (reading->screen) == KAITSU_SCREEN_UNKNOWN ||
      g_str_equal (kaitsu_activation_get_site_language (reading->site), reading->language))
    return;
  kaitsu_activation_set_site_language (reading->site, reading->language);
  g_signal_emit (self, signals[LABELS_CHANGED], 0);
}

/* The console is where it actually opened: another region's, or Trend Vision One's. Kaitsu
 * follows it there, and words the steps for its platform. */
static void
follow_console (KaitsuGuide             *self,
                const KaitsuPageReading *reading,
                const char              *uri,
                KaitsuBrowser           *browser)
{
  KaitsuSites *sites = kaitsu_browser_get_sites (browser);

  if (reading->site != KAITSU_SITE_CONSOLE || reading->platform == KAITSU_PLATFORM_NONE)
    return;
  if (kaitsu_sites_follow_console (sites, uri))
    {
      const char *region = kaitsu_region_from_console (uri);

      g_debug ("The console is at %s now (%s)", kaitsu_sites_get_base (sites, KAITSU_SITE_CONSOLE),
               kaitsu_platform_get_id (reading->platform));
      if (region != NULL)
        kaitsu_flow_set_region (self->flow, region);
      kaitsu_browser_console_moved (self->browser);
    }
  kaitsu_flow_set_platform (self->flow, reading->platform);
  if (kaitsu_activation_get_platform () != reading->platform)
    {
      kaitsu_activation_set_platform (reading->platform);
      g_signal_emit (self, signals[LABELS_CHANGED], 0);
    }
}

static void
on_page_seen (KaitsuGuide             *self,
              const KaitsuPageReading *reading,
              const char              *uri,
              const char              *text,
              KaitsuBrowser           *browser)
{
  remember (self, reading, uri, browser);
  follow_console (self, reading, uri, browser);
  learn_language (self, reading);
  if (browser == self->browser && reading->site == KAITSU_SITE_CONSOLE)
    self->dialog_service = kaitsu_page_reading_is (reading, "console-grant") ? reading->service : KAITSU_SERVICE_NONE;
  /* Past the login form: logged in, so the password worked; the console: it opened. */
  for (KaitsuStep step = 0; step < KAITSU_N_STEPS; step++)
    if (kaitsu_screen_confirms (reading->screen, step))
      kaitsu_flow_set_step_confirmed (self->flow, step, TRUE);
  g_signal_emit (self, signals[PAGE_SEEN], 0, reading, uri, text, browser);
}

static void
on_main_page_seen (KaitsuGuide             *self,
                   const KaitsuPageReading *reading,
                   const char              *uri,
                   const char              *text)
{
  on_page_seen (self, reading, uri, text, self->browser);
}

/* Each consent once, whichever of the page report and the detection tells first */
static void
count_consent (KaitsuGuide *self,
               const char  *uri)
{
  g_autoptr (KaitsuConsentAnswer) answer = kaitsu_consent_answer_from_uri (uri);

  if (answer == NULL || answer->error != NULL || !answer->consented ||
      self->signin_service == KAITSU_SERVICE_NONE || g_strcmp0 (uri, self->last_consent_uri) == 0)
    return;
  /* Microsoft's answer comes by its redirect from its own sign-in: the same words in an
   * address a page made up count for nothing */
  if (!self->after_microsoft)
    {
      g_autofree char *logged = kaitsu_uri_for_log (uri);

      g_message ("A consent answer not sent by Microsoft's sign-in, at %s: not counted", logged);
      return;
    }
  self->signin_consented = TRUE;
  g_free (self->last_consent_uri);
  self->last_consent_uri = g_strdup (uri);
  kaitsu_flow_add_service_consent (self->flow, self->signin_service);
}

/* The sign-in window covers the page: it shows the sub-step for the screen in it, or, before
 * one is known, the step */
static void
show_signin_guidance (KaitsuGuide        *self,
                      const KaitsuScreen *screen)
{
  KaitsuStep step = kaitsu_flow_get_current_step (self->flow);
  int index = screen != NULL ? kaitsu_step_find_substep (step, screen) : -1;
  g_autofree char *id = NULL;
  g_autofree char *text = NULL;

  if (self->signin == NULL)
    return;
  if (index >= 0)
    {
      id = kaitsu_step_dup_substep_id (step, (guint) index);
      text = kaitsu_step_dup_substep_text (step, (guint) index);
    }
  else if (screen == NULL)
    {
      id = g_strdup (kaitsu_step_get_id (step));
      text = kaitsu_step_dup_title (step);
    }
  else
    return;
  kaitsu_signin_window_set_guidance (KAITSU_SIGNIN_WINDOW (self->signin), id, text);
}

static void
on_signin_page_seen (KaitsuGuide             *self,
                     const KaitsuPageReading *reading,
                     const char              *uri,
                     const char              *text,
                     KaitsuBrowser           *browser)
{
  g_autoptr (KaitsuConsentAnswer) answer = kaitsu_consent_answer_from_uri (uri);

  count_consent (self, uri);
  show_signin_guidance (self, reading->screen);
  if (kaitsu_screen_get_meaning (reading->screen) == KAITSU_SCREEN_PROVISION_FAILED &&
      (answer == NULL || answer->error == NULL) && self->signin_service != KAITSU_SERVICE_NONE)
    {
      g_autofree char *says = kaitsu_screen_dup_says (reading->screen, self->signin_service);
      kaitsu_flow_service_failed (self->flow, self->signin_service, says);
    }
  on_page_seen (self, reading, uri, text, browser);
}

static void
on_provisioned (KaitsuGuide *self,
                double       latency_ms)
{
  KaitsuDetection detection = { self->signin_service, latency_ms };

  g_array_append_val (self->detections, detection);
  if (self->signin != NULL)
    count_consent (self, kaitsu_browser_get_uri (kaitsu_signin_window_get_browser (KAITSU_SIGNIN_WINDOW (self->signin))));
  /* The console's closing page, after Microsoft's consent in this window only */
  if (self->signin_service != KAITSU_SERVICE_NONE && self->signin_consented)
    kaitsu_flow_service_syncing (self->flow, self->signin_service);
  else if (self->signin_service != KAITSU_SERVICE_NONE)
    g_message ("The provisioning page showed without Microsoft's consent for %s: nothing moves",
               kaitsu_service_get_id (self->signin_service));
  g_signal_emit (self, signals[DETECTED], 0, self->signin_service, latency_ms);
}

static gboolean
last_screen_was (KaitsuGuide *self,
                 const char  *screen)
{
  guint n = self->screens_seen->len;

  return n > 0 && g_strcmp0 (g_array_index (self->screens_seen, KaitsuScreenSeen, n - 1).screen, screen) == 0;
}

static void
on_consent_failed (KaitsuGuide         *self,
                   KaitsuConsentAnswer *answer)
{
  guint code = answer->code;
  g_autofree char *explanation = kaitsu_aadsts_dup_explanation (code);
  g_autofree char *advice = kaitsu_aadsts_dup_advice (code);
  g_autofree char *text = NULL;
  KaitsuSigninError *record;
  gboolean retry;

  if (self->signin_service == KAITSU_SERVICE_NONE)
    return;
  /* Back from "Need admin approval" without consent: not a refusal, the wrong account */
  if (answer->code == 65004 && last_screen_was (self, "ms-need-admin"))
    {
      code = 90094;
      g_free (explanation);
      g_free (advice);
      explanation = kaitsu_aadsts_dup_explanation (code);
      advice = kaitsu_aadsts_dup_advice (code);
    }
  if (answer->correlation_id != NULL)
    /* Translators: AADSTS code, explanation, advice, then the IDs support asks for */
    text = g_strdup_printf (_("AADSTS%1$u: %2$s %3$s (Correlation ID %4$s, Request ID %5$s)"), code,
                            explanation, advice, answer->correlation_id,
                            answer->request_id != NULL ? answer->request_id : "—");
  else
    text = g_strdup_printf (_("AADSTS%u: %s %s"), code, explanation, advice);
  record = g_new0 (KaitsuSigninError, 1);
  record->service = self->signin_service;
  record->code = code;
  record->correlation_id = g_strdup (answer->correlation_id);
  record->request_id = g_strdup (answer->request_id);
  record->timestamp = g_strdup (answer->timestamp);
  record->time = g_get_real_time () / G_USEC_PER_SEC;
  g_ptr_array_add (self->signin_errors, record);
  /* Microsoft asks again on the same page (a mistyped password): noted, not a failed grant,
   * so nothing starts over while the user types again */
  retry = g_strcmp0 (answer->error, "page-retry") == 0;
  /* Said where the user is looking, first: in the sign-in window, over Microsoft's own words */
  if (self->signin != NULL)
    {
      g_autofree char *title = retry
        /* Translators: %u is Microsoft's error number */
        ? g_strdup_printf (_("Microsoft asks again (AADSTS%u)"), code)
        /* Translators: %u is Microsoft's error number */
        : g_strdup_printf (_("Microsoft stopped the sign-in (AADSTS%u)"), code);
      g_autofree char *shown = g_strdup_printf ("%s %s", explanation, advice);

      kaitsu_signin_window_show_problem (KAITSU_SIGNIN_WINDOW (self->signin), title, shown, !retry);
    }
  if (retry)
    kaitsu_flow_add_service_error (self->flow, self->signin_service, code);
  else
    kaitsu_flow_service_failed_with_code (self->flow, self->signin_service, code, text);
}

/* Every address the sign-in window passes, redirects included: Exchange Online's second
 * consent follows the first by a redirect, with no page shown between them */
static void
on_signin_uri (KaitsuGuide   *self,
               GParamSpec    *pspec,
               WebKitWebView *view)
{
  const char *uri = webkit_web_view_get_uri (view);

  count_consent (self, uri);
  self->after_microsoft = kaitsu_sites_is_microsoft_host (kaitsu_browser_get_sites (self->browser), uri);
}

static void
on_signin_destroyed (KaitsuGuide *self)
{
  self->signin = NULL;
  /* For scripts/benchmark: memory is measured while the console and this window are open */
  g_log ("kaitsu-bench", G_LOG_LEVEL_DEBUG, "signin-closed %" G_GINT64_FORMAT, g_get_monotonic_time ());
}

static void
on_popup_opened (KaitsuGuide *self,
                 GtkWindow   *window)
{
  /* What the console's dialog names is what is granted, whichever step the user is on */
  KaitsuService service = self->dialog_service != KAITSU_SERVICE_NONE ? self->dialog_service
                                                                      : current_service (self);
  KaitsuBrowser *browser = kaitsu_signin_window_get_browser (KAITSU_SIGNIN_WINDOW (window));

  self->signin = window;
  self->signin_service = service;
  g_log ("kaitsu-bench", G_LOG_LEVEL_DEBUG, "signin-opened %" G_GINT64_FORMAT, g_get_monotonic_time ());
  /* A new attempt: the same answer may come back, and counts again */
  g_clear_pointer (&self->last_consent_uri, g_free);
  self->after_microsoft = FALSE;
  self->signin_consented = FALSE;
  g_signal_connect_object (window, "destroy", G_CALLBACK (on_signin_destroyed), self, G_CONNECT_SWAPPED);
  if (service != KAITSU_SERVICE_NONE &&
      kaitsu_flow_get_service_state (self->flow, service) != KAITSU_SERVICE_STATE_CONNECTING)
    {
      g_autoptr (GError) error = NULL;

      /* Pressing 権限の付与 is what opens this window: the grant has started. */
      if (!kaitsu_flow_start_service (self->flow, service, &error))
        g_message ("Not starting %s: %s", kaitsu_service_get_id (service), error->message);
    }
  /* Swapped: the browser comes last, as on_signin_page_seen () takes it */
  g_signal_connect_object (browser, "page-seen", G_CALLBACK (on_signin_page_seen), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (kaitsu_browser_get_view (browser), "notify::uri", G_CALLBACK (on_signin_uri), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (window, "provisioned", G_CALLBACK (on_provisioned), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (window, "consent-failed", G_CALLBACK (on_consent_failed), self, G_CONNECT_SWAPPED);
  show_signin_guidance (self, NULL);
  g_signal_emit (self, signals[SIGNIN_OPENED], 0, window);
}

static void
on_status (KaitsuGuide         *self,
           KaitsuConsoleStatus *status)
{
  for (guint i = 0; i < status->notifications->len; i++)
    {
      const char *text = g_ptr_array_index (status->notifications, i);

      if (!g_ptr_array_find_with_equal_func (self->seen->notifications, text, g_str_equal, NULL))
        g_ptr_array_add (self->seen->notifications, g_strdup (text));
    }
  /* A console that talks for hours, or a page that never stops: the newest are kept */
  if (self->seen->notifications->len > MAX_SEEN)
    g_ptr_array_remove_range (self->seen->notifications, 0, self->seen->notifications->len - MAX_SEEN);
  for (guint i = 0; i < status->tasks->len; i++)
    {
      KaitsuConsoleTask *task = g_ptr_array_index (status->tasks, i);
      gboolean known = FALSE;

      for (guint k = 0; k < self->seen->tasks->len && !known; k++)
        {
          KaitsuConsoleTask *other = g_ptr_array_index (self->seen->tasks, k);
          known = g_str_equal (other->text, task->text) && g_str_equal (other->severity, task->severity);
        }
      if (!known)
        {
          KaitsuConsoleTask *copy = g_new0 (KaitsuConsoleTask, 1);

          copy->pending = task->pending;
          copy->severity = g_strdup (task->severity);
          copy->text = g_strdup (task->text);
          copy->time = g_strdup (task->time);
          g_ptr_array_add (self->seen->tasks, copy);
        }
    }
  if (self->seen->tasks->len > MAX_SEEN)
    g_ptr_array_remove_range (self->seen->tasks, 0, self->seen->tasks->len - MAX_SEEN);
  self->console_read = TRUE;
  for (KaitsuService s = 0; s < KAITSU_N_SERVICES; s++)
    self->console_pending[s] = kaitsu_console_status_is_pending (status, s) &&
                               !kaitsu_console_status_is_protected (status, s);
  for (KaitsuService s = 0; s < KAITSU_N_SERVICES; s++)
    {
      if (!kaitsu_flow_get_service_chosen (self->flow, s))
        continue;
      /* The console's word moves a service only after Microsoft's consent for it */
      if (kaitsu_flow_get_service_consents (self->flow, s) == 0)
        {
          if (kaitsu_console_status_is_protected (status, s) || kaitsu_console_status_is_pending (status, s))
            g_debug ("The console names %s before any consent for it: not taken", kaitsu_service_get_id (s));
          continue;
        }
      if (kaitsu_console_status_is_protected (status, s))
        kaitsu_flow_service_protected (self->flow, s);
      else if (kaitsu_console_status_is_pending (status, s))
        kaitsu_flow_service_syncing (self->flow, s);
    }
  /* The policy list, where it is on screen: what it shows for each service it lists */
  for (KaitsuService s = 0; s < KAITSU_N_SERVICES; s++)
    {
      const char *name = NULL;
      KaitsuPolicyState policy = kaitsu_console_status_get_policy (status, s, &name);

      if (policy != KAITSU_POLICY_UNKNOWN)
        {
          g_debug ("Policy of %s: %s", kaitsu_service_get_id (s), kaitsu_policy_state_to_string (policy));
          kaitsu_flow_set_service_policy (self->flow, s, policy, name);
        }
    }
  /* The grant dialog's choices, for the service whose dialog it is: the last seen is what
   * the user leaves it at when pressing 「権限の付与」 */
  {
    KaitsuService service = self->dialog_service;
    const char *name = NULL;
    KaitsuGrantChoice choice = kaitsu_console_status_get_grant_choice (status, &name);

    if (choice != KAITSU_GRANT_CHOICE_UNKNOWN && service != KAITSU_SERVICE_NONE &&
        kaitsu_flow_get_service_state (self->flow, service) != KAITSU_SERVICE_STATE_PROTECTED)
      kaitsu_flow_set_grant_choice (self->flow, service, choice, name);
  }
  /* An App ID for Teams in the service-account list: the 2024 procedure applies. */
  if (status->app_ids->len > 0 &&
      (kaitsu_flow_get_service_state (self->flow, KAITSU_SERVICE_TEAMS) == KAITSU_SERVICE_STATE_CONNECTING ||
       kaitsu_flow_get_service_state (self->flow, KAITSU_SERVICE_TEAMS) == KAITSU_SERVICE_STATE_SYNCING))
    {
      kaitsu_flow_set_app_id (self->flow, g_ptr_array_index (status->app_ids, 0));
      kaitsu_flow_set_app_permission_needed (self->flow, TRUE);
    }
  /* Lent for the emission only */
  g_signal_emit (self, signals[STATUS_CHANGED], 0, status);
}

static void
kaitsu_guide_dispose (GObject *object)
{
  KaitsuGuide *self = KAITSU_GUIDE (object);

  if (self->signin != NULL)
    gtk_window_destroy (self->signin);
  g_clear_object (&self->browser);
  g_clear_object (&self->flow);
  G_OBJECT_CLASS (kaitsu_guide_parent_class)->dispose (object);
}

static void
kaitsu_guide_finalize (GObject *object)
{
  KaitsuGuide *self = KAITSU_GUIDE (object);

  g_array_unref (self->detections);
  g_ptr_array_unref (self->signin_errors);
  kaitsu_console_status_free (self->seen);
  g_free (self->last_consent_uri);
  g_ptr_array_unref (self->unknown_pages);
  g_array_unref (self->screens_seen);
  G_OBJECT_CLASS (kaitsu_guide_parent_class)->finalize (object);
}

static void
kaitsu_guide_class_init (KaitsuGuideClass *klass)
{
  G_OBJECT_CLASS (klass)->dispose = kaitsu_guide_dispose;
  G_OBJECT_CLASS (klass)->finalize = kaitsu_guide_finalize;

  signals[PAGE_SEEN] = g_signal_new ("page-seen", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                                     NULL, NULL, NULL, G_TYPE_NONE, 4, G_TYPE_POINTER, G_TYPE_STRING,
                                     G_TYPE_STRING, KAITSU_TYPE_BROWSER);
  signals[LABELS_CHANGED] = g_signal_new ("labels-changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                                          NULL, NULL, NULL, G_TYPE_NONE, 0);
  signals[SIGNIN_OPENED] = g_signal_new ("signin-opened", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                                         NULL, NULL, NULL, G_TYPE_NONE, 1, GTK_TYPE_WINDOW);
  signals[STATUS_CHANGED] = g_signal_new ("status-changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                          0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_POINTER);
  signals[DETECTED] = g_signal_new ("detected", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                                    NULL, NULL, NULL, G_TYPE_NONE, 2, G_TYPE_INT, G_TYPE_DOUBLE);
}

static void
kaitsu_guide_init (KaitsuGuide *self)
{
  self->detections = g_array_new (FALSE, FALSE, sizeof (KaitsuDetection));
  self->signin_errors = g_ptr_array_new_with_free_func ((GDestroyNotify) kaitsu_signin_error_free);
  self->seen = kaitsu_console_status_new ();
  self->signin_service = KAITSU_SERVICE_NONE;
  self->dialog_service = KAITSU_SERVICE_NONE;
  self->unknown_pages = g_ptr_array_new_with_free_func ((GDestroyNotify) kaitsu_page_outline_free);
  self->screens_seen = g_array_new (FALSE, FALSE, sizeof (KaitsuScreenSeen));
}

KaitsuGuide *
kaitsu_guide_new (KaitsuFlow    *flow,
                  KaitsuBrowser *browser)
{
  KaitsuGuide *self = g_object_new (KAITSU_TYPE_GUIDE, NULL);

  self->flow = g_object_ref (flow);
  self->browser = g_object_ref (browser);
  g_signal_connect_object (browser, "page-seen", G_CALLBACK (on_main_page_seen), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (browser, "popup-opened", G_CALLBACK (on_popup_opened), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (browser, "status", G_CALLBACK (on_status), self, G_CONNECT_SWAPPED);
  return self;
}

KaitsuBrowser *
kaitsu_guide_get_browser (KaitsuGuide *self)
{
  g_return_val_if_fail (KAITSU_IS_GUIDE (self), NULL);
  return self->browser;
}

/* Element type: KaitsuSigninError */
GPtrArray *
kaitsu_guide_get_signin_errors (KaitsuGuide *self)
{
  g_return_val_if_fail (KAITSU_IS_GUIDE (self), NULL);
  return self->signin_errors;
}

GArray *
kaitsu_guide_get_detections (KaitsuGuide *self)
{
  g_return_val_if_fail (KAITSU_IS_GUIDE (self), NULL);
  return self->detections;
}

KaitsuConsoleStatus *
kaitsu_guide_get_console_seen (KaitsuGuide *self)
{
  g_return_val_if_fail (KAITSU_IS_GUIDE (self), NULL);
  return self->seen;
}

GtkWindow *
kaitsu_guide_get_signin_window (KaitsuGuide *self)
{
  g_return_val_if_fail (KAITSU_IS_GUIDE (self), NULL);
  return self->signin;
}

/* Where a web step begins, or NULL when the current page is already the right place. */
char *
kaitsu_guide_dup_start_uri (KaitsuGuide *self,
                            KaitsuStep   step)
{
  return kaitsu_step_dup_start_uri (step, kaitsu_browser_get_sites (self->browser),
                                    kaitsu_browser_get_uri (self->browser),
                                    kaitsu_flow_get_reset_url (self->flow),
                                    kaitsu_flow_get_login_url (self->flow));
}

/* The console, read live, still says 「保留」 for this service */
gboolean
kaitsu_guide_console_says_pending (KaitsuGuide   *self,
                                   KaitsuService  service)
{
  g_return_val_if_fail (KAITSU_IS_GUIDE (self), FALSE);
  g_return_val_if_fail (service >= 0 && service < KAITSU_N_SERVICES, FALSE);
  return self->console_read && self->console_pending[service];
}

GPtrArray *
kaitsu_guide_get_unknown_pages (KaitsuGuide *self)
{
  g_return_val_if_fail (KAITSU_IS_GUIDE (self), NULL);
  return self->unknown_pages;
}

GArray *
kaitsu_guide_get_screens_seen (KaitsuGuide *self)
{
  g_return_val_if_fail (KAITSU_IS_GUIDE (self), NULL);
  return self->screens_seen;
}

void
kaitsu_guide_open_step (KaitsuGuide *self,
                        KaitsuStep   step)
{
  g_autofree char *uri = kaitsu_guide_dup_start_uri (self, step);

  if (uri != NULL)
    kaitsu_browser_load (self->browser, uri);
}
