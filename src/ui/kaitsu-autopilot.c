/* SPDX-License-Identifier: GPL-3.0-or-later */
/* kaitsu-autopilot.c: does what each page of the assistant tells the user to do, on the
 * simulator's pages, by their visible labels only; retries the way the manual says. */

#include "config.h"

#define G_LOG_DOMAIN "kaitsu-autopilot"

#include <glib/gi18n.h>
#include <string.h>

#include "kaitsu-aadsts.h"
#include "kaitsu-autopilot.h"
#include "prepare/kaitsu-prepare-page.h"

#define MAX_ATTEMPTS 4
#define DEFAULT_PATIENCE_S 16

struct _KaitsuAutopilot
{
  GObject parent_instance;

  KaitsuWindow *window;
  KaitsuFlow *flow;
  char *practice_mail;
  KaitsuAutopilotState state;
  guint tick;
  gboolean mail_requested;
  gboolean appinv_looked_up;
  gboolean guide_connected;
  KaitsuPracticeMistakes mistakes;
  gboolean left_consent;
  GHashTable *acted;
  guint watchdog;
  /* Watchdog periods in a row that found the page still loading */
  guint loading_watches;
  /* An unknown page loaded again by the watchdog, and how often */
  char *reloaded_uri;
  guint reloads;

  /* 「保留」 that lasts: look again half-way, give up at the end */
  guint patience_s;
  guint pending_timer;
  gboolean looked_again;
};

G_DEFINE_FINAL_TYPE (KaitsuAutopilot, kaitsu_autopilot, G_TYPE_OBJECT)

static void rearm_watchdog (KaitsuAutopilot *self);

enum {
  FINISHED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void
press (KaitsuBrowser *browser,
       const char    *label,
       const char    *text)
{
  g_autofree char *shown = kaitsu_label_dup_shown (label, KAITSU_SERVICE_NONE, text);

  kaitsu_browser_fill (browser, NULL, shown);
}

static const char *
practice_value (const char *name)
{
  if (g_str_equal (name, "practice-account"))
    return KAITSU_PRACTICE_ACCOUNT;
  if (g_str_equal (name, "practice-password"))
    return KAITSU_PRACTICE_CONSOLE_PASSWORD;
  if (g_str_equal (name, "practice-admin"))
    return KAITSU_PRACTICE_ADMIN;
  if (g_str_equal (name, "practice-admin-password"))
    return KAITSU_PRACTICE_ADMIN_PASSWORD;
  /* A check box to tick */
  if (g_str_equal (name, "tick"))
    return "1";
  g_return_val_if_reached ("");
}

/* What the activation's description says the user does on this screen */
static void
do_practice (const KaitsuScreen *screen,
             const char         *text,
             KaitsuBrowser      *browser)
{
  g_auto (GStrv) pairs = g_strsplit (kaitsu_screen_get_practice_fill (screen) != NULL
                                     ? kaitsu_screen_get_practice_fill (screen) : "", " ", -1);
  g_autoptr (GPtrArray) fills = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *button = NULL;

  for (guint i = 0; pairs[i] != NULL; i++)
    {
      g_auto (GStrv) pair = g_strsplit (pairs[i], "=", 2);

      if (g_strv_length (pair) != 2)
        continue;
      g_ptr_array_add (fills, kaitsu_label_dup_shown (pair[0], KAITSU_SERVICE_NONE, text));
      g_ptr_array_add (fills, g_strdup (practice_value (pair[1])));
    }
  g_ptr_array_add (fills, NULL);
  if (kaitsu_screen_get_practice_press (screen) != NULL)
    button = kaitsu_label_dup_shown (kaitsu_screen_get_practice_press (screen), KAITSU_SERVICE_NONE, text);
  kaitsu_browser_fill (browser, fills->len > 1 ? (const char **) fills->pdata : NULL, button);
}

static void
finish (KaitsuAutopilot      *self,
        KaitsuAutopilotState  state)
{
  if (self->state != KAITSU_AUTOPILOT_RUNNING)
    return;
  self->state = state;
  g_signal_emit (self, signals[FINISHED], 0, state);
}

/* The service the practice user goes for: the step's, or OneDrive on the SharePoint step
 * until OneDrive is protected, when the scenario makes them choose wrong */
static KaitsuService
target_service (KaitsuAutopilot *self,
                KaitsuService    service)
{
  if ((self->mistakes & KAITSU_PRACTICE_WRONG_SERVICE_ONCE) && service == KAITSU_SERVICE_SHAREPOINT_ONLINE &&
      kaitsu_flow_get_service_state (self->flow, KAITSU_SERVICE_ONEDRIVE) != KAITSU_SERVICE_STATE_PROTECTED)
    return KAITSU_SERVICE_ONEDRIVE;
  return service;
}

/* The default ATP policy's name exactly as this console shows it (Vision One's is shorter;
 * the two English names differ only in case) */
static char *
dup_atp_name (const char *text)
{
  const char *labels[] = { "atp-policy", "v1-atp-policy" };

  for (guint i = 0; i < G_N_ELEMENTS (labels); i++)
    {
      g_auto (GStrv) variants = kaitsu_label_dup_texts (labels[i], KAITSU_SERVICE_NONE);

      for (guint k = 0; variants[k] != NULL; k++)
        if (strstr (text, variants[k]) != NULL)
          return g_strdup (variants[k]);
    }
  return kaitsu_label_dup_shown ("atp-policy", KAITSU_SERVICE_NONE, text);
}

static gboolean
leaves_policy_off (KaitsuAutopilot *self,
                   KaitsuService    service)
{
  return (self->mistakes & KAITSU_PRACTICE_LEAVE_POLICY_OFF) && service == KAITSU_PRACTICE_POLICY_LEFT_OFF;
}

/* The next granted service whose default policy is not known to be on */
static KaitsuService
policy_target (KaitsuAutopilot *self)
{
  for (KaitsuService s = 0; s < KAITSU_N_SERVICES; s++)
    if (kaitsu_flow_get_service_chosen (self->flow, s) &&
        kaitsu_flow_get_service_state (self->flow, s) == KAITSU_SERVICE_STATE_PROTECTED &&
        kaitsu_flow_get_service_policy (self->flow, s) != KAITSU_POLICY_ON && !leaves_policy_off (self, s))
      return s;
  return KAITSU_SERVICE_NONE;
}

/* The policies step: to the policy list, then each service's default policy in turn */
static void
policies_towards (KaitsuAutopilot         *self,
                  KaitsuBrowser           *browser,
                  const KaitsuPageReading *reading,
                  const char              *text)
{
  KaitsuService target = policy_target (self);

  if (kaitsu_page_reading_is (reading, "console-policies"))
    {
      g_autofree char *policy = NULL;

      if (target == KAITSU_SERVICE_NONE)
        {
          /* The scenario's policy stays off: the practice user goes on without it */
          if (!kaitsu_flow_step_is_complete (self->flow, KAITSU_STEP_POLICIES))
            kaitsu_flow_set_step_confirmed (self->flow, KAITSU_STEP_POLICIES, TRUE);
          return;
        }
      policy = dup_atp_name (text);
      kaitsu_browser_press_near (browser, policy, kaitsu_service_get_name (target));
    }
  else
    {
      g_autofree char *menu = kaitsu_label_dup_shown ("policies-menu", KAITSU_SERVICE_NONE, text);
      g_autofree char *classic = kaitsu_label_dup_shown ("atp-menu", KAITSU_SERVICE_NONE, text);
      const char *menus[] = { menu, classic, NULL };

      kaitsu_browser_press_first (browser, menus);
    }
}

/* On the console: walk to the service's page the way the guidance says. */
static void
console_towards (KaitsuAutopilot         *self,
                 KaitsuBrowser           *browser,
                 const KaitsuPageReading *reading,
                 const char              *text,
                 KaitsuService            step_service)
{
  KaitsuService service = target_service (self, step_service);
  KaitsuServiceState state = kaitsu_flow_get_service_state (self->flow, service);
  KaitsuStep step = kaitsu_flow_get_current_step (self->flow);
  gboolean grant = kaitsu_page_reading_is (reading, "console-grant");

  if (grant && reading->service == service)
    {
      if (kaitsu_text_contains_label (text, "not-finished", KAITSU_SERVICE_NONE))
        return;
      if (step == KAITSU_STEP_TEAMS_APP_PERMISSION)
        {
          press (browser, "done", text);
          return;
        }
      if ((state == KAITSU_SERVICE_STATE_NOT_STARTED || state == KAITSU_SERVICE_STATE_ERROR) &&
          kaitsu_guide_get_signin_window (kaitsu_window_get_guide (self->window)) == NULL)
        {
          /* Today's dialog shows 「権限の付与」 once 「ここをクリック」 is pressed; where it
           * offers the default ATP policy, the practice user ticks it as Kaitsu says */
          if (kaitsu_text_contains_label (text, "grant-permission", KAITSU_SERVICE_NONE))
            {
              g_autofree char *policy = dup_atp_name (text);
              g_autofree char *button = kaitsu_label_dup_shown ("grant-permission", KAITSU_SERVICE_NONE, text);
              const char *fills[] = { policy, "1", NULL };

              kaitsu_browser_fill (browser, leaves_policy_off (self, service) ? NULL : fills, button);
            }
          else if (kaitsu_text_contains_label (text, "click-here", KAITSU_SERVICE_NONE))
            press (browser, "click-here", text);
        }
      return;
    }
  /* Granted: today's console asks for 「完了」 (Exchange: which users to sync) first */
  if (kaitsu_page_reading_is (reading, "console-grant-done") && reading->service == service &&
      kaitsu_text_contains_label (text, "done", KAITSU_SERVICE_NONE))
    {
      g_autofree char *all = kaitsu_label_dup_shown ("sync-all", KAITSU_SERVICE_NONE, text);
      g_autofree char *done = kaitsu_label_dup_shown ("done", KAITSU_SERVICE_NONE, text);
      const char *fills[] = { all, "yes", NULL };

      kaitsu_browser_fill (browser, kaitsu_text_contains_label (text, "sync-all", KAITSU_SERVICE_NONE) ? fills : NULL, done);
      return;
    }
  if (step != KAITSU_STEP_TEAMS_APP_PERMISSION && state != KAITSU_SERVICE_STATE_NOT_STARTED &&
      state != KAITSU_SERVICE_STATE_ERROR)
    return;
  if (grant || kaitsu_page_reading_is (reading, "console-grant-done"))
    press (browser, "console-close", text);
  else if (kaitsu_text_contains_label (text, "grant-access", KAITSU_SERVICE_NONE))
    {
      /* Today's dashboard: 「アクセス権付与」 in the service's own row */
      g_autofree char *label = kaitsu_label_dup_shown ("grant-access", KAITSU_SERVICE_NONE, text);
      kaitsu_browser_press_near (browser, label, kaitsu_service_get_name (service));
    }
  else if (kaitsu_page_reading_is (reading, "console-service-accounts"))
    press (browser, "add", text);
  else if (kaitsu_text_contains_label (text, "select-organization", KAITSU_SERVICE_NONE))
    press (browser, "default-organization", text);
  else if (kaitsu_text_contains_label (text, "select-service", KAITSU_SERVICE_NONE))
    kaitsu_browser_fill (browser, NULL, kaitsu_service_get_name (service));
  else
    press (browser, "service-accounts", text);
}

/* The number Microsoft shows for number matching: the text's first two-digit number alone */
static char *
shown_number (const char *text)
{
  for (const char *p = text; *p != '\0'; p++)
    if (g_ascii_isdigit (p[0]) && g_ascii_isdigit (p[1]) && !g_ascii_isdigit (p[2]) &&
        (p == text || g_ascii_isspace (p[-1])) && (p[2] == '\0' || g_ascii_isspace (p[2])))
      return g_strndup (p, 2);
  return NULL;
}

/* The practice user's own moves, where the page is not one the description has an action for */
static gboolean
act_as_practice_user (KaitsuAutopilot         *self,
                      const KaitsuPageReading *reading,
                      const char              *text,
                      KaitsuBrowser           *browser)
{
  if (kaitsu_page_reading_is (reading, "ms-mfa") && strstr (text, KAITSU_PRACTICE_PHONE_FIELD) != NULL)
    {
      /* Types the number on the simulated phone, as on Authenticator */
      g_autofree char *number = shown_number (text);
      const char *fills[] = { KAITSU_PRACTICE_PHONE_FIELD, number, NULL };

      if (number != NULL)
        kaitsu_browser_fill (browser, fills, KAITSU_PRACTICE_PHONE_APPROVE);
      return TRUE;
    }
  if (kaitsu_page_reading_is (reading, "ms-need-admin") && (self->mistakes & KAITSU_PRACTICE_LEAVE_CONSENT_ONCE) &&
      !self->left_consent)
    {
      self->left_consent = TRUE;
      press (browser, "ms-return-without-consent", text);
      return TRUE;
    }
  if (kaitsu_screen_get_meaning (reading->screen) == KAITSU_SCREEN_UNKNOWN)
    {
      /* A notice Kaitsu does not know: the practice user reads it and acknowledges it */
      const char * const *labels = kaitsu_simulator_get_acknowledge_labels ();

      for (guint i = 0; labels[i] != NULL; i++)
        if (strstr (text, labels[i]) != NULL)
          kaitsu_browser_fill (browser, NULL, labels[i]);
      return TRUE;
    }
  return FALSE;
}

static void
act (KaitsuAutopilot         *self,
     const KaitsuPageReading *reading,
     const char              *text,
     KaitsuBrowser           *browser)
{
  KaitsuStep step = kaitsu_flow_get_current_step (self->flow);
  KaitsuService service = kaitsu_step_get_service (step);
  KaitsuSites *sites = kaitsu_browser_get_sites (browser);
  const KaitsuScreen *screen;

  if (self->state != KAITSU_AUTOPILOT_RUNNING || text == NULL || reading == NULL)
    return;
  screen = reading->screen;
  g_debug ("acting on %s at step %s", kaitsu_screen_get_id (screen), kaitsu_step_get_id (step));
  if (act_as_practice_user (self, reading, text, browser))
    return;
  if (step == KAITSU_STEP_POLICIES &&
      (kaitsu_page_reading_is (reading, "console") || kaitsu_page_reading_is (reading, "console-policies") ||
       kaitsu_page_reading_is (reading, "console-service-accounts") || kaitsu_page_reading_is (reading, "console-grant") ||
       kaitsu_page_reading_is (reading, "console-grant-done")))
    policies_towards (self, browser, reading, text);
  else if (kaitsu_page_reading_is (reading, "console") || kaitsu_page_reading_is (reading, "console-service-accounts") ||
      kaitsu_page_reading_is (reading, "console-grant") || kaitsu_page_reading_is (reading, "console-grant-done"))
    {
      if (service != KAITSU_SERVICE_NONE)
        console_towards (self, browser, reading, text, service);
    }
  else if (kaitsu_page_reading_is (reading, "sharepoint-appinv"))
    {
      if (!self->appinv_looked_up && kaitsu_flow_get_app_id (self->flow) != NULL)
        {
          g_autofree char *field = kaitsu_label_dup_shown ("sp-app-id", KAITSU_SERVICE_NONE, text);
          g_autofree char *button = kaitsu_label_dup_shown ("sp-look-up", KAITSU_SERVICE_NONE, text);
          const char *fills[] = { field, kaitsu_flow_get_app_id (self->flow), NULL };

          self->appinv_looked_up = TRUE;
          kaitsu_browser_fill (browser, fills, button);
        }
      else if (self->appinv_looked_up)
        {
          g_autofree char *redirect = kaitsu_sites_dup_provision_url (sites);
          g_autofree char *domain = kaitsu_label_dup_shown ("sp-app-domain", KAITSU_SERVICE_NONE, text);
          g_autofree char *to = kaitsu_label_dup_shown ("sp-redirect", KAITSU_SERVICE_NONE, text);
          g_autofree char *xml = kaitsu_label_dup_shown ("sp-permission-xml", KAITSU_SERVICE_NONE, text);
          g_autofree char *button = kaitsu_label_dup_shown ("sp-create", KAITSU_SERVICE_NONE, text);
          const char *fills[] = { domain, KAITSU_APP_DOMAIN, to, redirect, xml, KAITSU_APP_PERMISSION_XML, NULL };

          kaitsu_browser_fill (browser, fills, button);
        }
    }
  else if (kaitsu_page_reading_is (reading, "sharepoint-principals") ||
           kaitsu_page_reading_is (reading, "sharepoint-refused"))
    {
      /* Back to the console to press 完了 */
      if (step == KAITSU_STEP_TEAMS_APP_PERMISSION)
        {
          g_autofree char *console = g_strconcat (kaitsu_sites_get_base (sites, KAITSU_SITE_CONSOLE), "/", NULL);
          kaitsu_browser_load (kaitsu_guide_get_browser (kaitsu_window_get_guide (self->window)), console);
        }
    }
  /* The sign-in window closes by itself on the provisioning page. The simulated console
   * updates its status live, so ⑦ is not needed, and a second navigation would race the
   * next step. Everything else: as the description says. */
  else if (step >= kaitsu_screen_get_practice_from (screen))
    do_practice (screen, text, browser);
}

/* Whether what the browser read is of the page it shows: not while a page loads, nor once
 * it has loaded and is being read (acting on the page before's words then would click what
 * is gone, and use up the new page's turn: its "page-seen" would find it taken) */
static gboolean
shows_its_reading (KaitsuBrowser *browser)
{
  return kaitsu_browser_get_text (browser) != NULL && !kaitsu_browser_is_reading (browser) &&
         !webkit_web_view_is_loading (WEBKIT_WEB_VIEW (kaitsu_browser_get_view (browser)));
}

/* Once per page load, screen and step: a page reported twice is acted on once, and a page
 * that became another screen without a load (read again) is acted on as that screen. */
static gboolean
first_time (KaitsuAutopilot *self,
            KaitsuBrowser   *browser)
{
  const KaitsuPageReading *reading = kaitsu_browser_get_reading (browser);
  g_autofree char *key = g_strdup_printf ("%p/%" G_GINT64_FORMAT "/%d/%s", (gpointer) browser,
                                          kaitsu_browser_get_finished_at (browser),
                                          kaitsu_flow_get_current_step (self->flow),
                                          reading != NULL ? kaitsu_screen_get_id (reading->screen) : "");

  if (g_hash_table_contains (self->acted, key))
    return FALSE;
  g_hash_table_add (self->acted, g_steal_pointer (&key));
  return TRUE;
}

static void
on_page_seen (KaitsuAutopilot         *self,
              const KaitsuPageReading *reading,
              const char              *uri,
              const char              *text,
              KaitsuBrowser           *browser)
{
  rearm_watchdog (self);
  self->loading_watches = 0;
  if (first_time (self, browser))
    act (self, reading, text, browser);
}

/* After a failure the manual says: close the dialog, reload the page, try again. */
static gboolean
retry_or_stop (KaitsuAutopilot *self)
{
  KaitsuService service = kaitsu_step_get_service (kaitsu_flow_get_current_step (self->flow));
  KaitsuGuide *guide = kaitsu_window_get_guide (self->window);
  GArray *errors;
  guint code;

  if (service == KAITSU_SERVICE_NONE ||
      kaitsu_flow_get_service_state (self->flow, service) != KAITSU_SERVICE_STATE_ERROR)
    return FALSE;
  errors = kaitsu_flow_get_service_errors (self->flow, service);
  code = errors->len > 0 ? g_array_index (errors, guint, errors->len - 1) : 0;
  if ((code != 0 && !kaitsu_aadsts_is_retryable (code)) ||
      kaitsu_flow_get_service_attempts (self->flow, service) >= MAX_ATTEMPTS)
    {
      /* Something the user must act on; the page says what. */
      finish (self, KAITSU_AUTOPILOT_STOPPED);
      return TRUE;
    }
  if (kaitsu_guide_get_signin_window (guide) != NULL)
    gtk_window_destroy (kaitsu_guide_get_signin_window (guide));
  kaitsu_browser_reload (kaitsu_guide_get_browser (guide));
  return TRUE;
}

/* A refused navigation may have cancelled the autopilot's own: act on the page again. */
static gboolean
act_again (gpointer data)
{
  KaitsuAutopilot *self = data;
  KaitsuGuide *guide = kaitsu_window_get_guide (self->window);
  KaitsuBrowser *browser = guide != NULL ? kaitsu_guide_get_browser (guide) : NULL;

  if (browser != NULL && shows_its_reading (browser))
    act (self, kaitsu_browser_get_reading (browser), kaitsu_browser_get_text (browser), browser);
  return G_SOURCE_REMOVE;
}

static void
on_navigation_refused (KaitsuAutopilot *self)
{
  g_idle_add_full (G_PRIORITY_DEFAULT_IDLE, act_again, g_object_ref (self), g_object_unref);
}

static gboolean
on_tick (gpointer data)
{
  KaitsuAutopilot *self = data;
  KaitsuStep step = kaitsu_flow_get_current_step (self->flow);
  KaitsuGuide *guide = kaitsu_window_get_guide (self->window);

  self->tick = 0;
  if (self->state != KAITSU_AUTOPILOT_RUNNING)
    return G_SOURCE_REMOVE;
  g_debug ("tick at step %s", kaitsu_step_get_id (step));
  if (guide != NULL && !self->guide_connected)
    {
      self->guide_connected = TRUE;
      g_signal_connect_object (guide, "page-seen", G_CALLBACK (on_page_seen), self, G_CONNECT_SWAPPED);
      g_signal_connect_object (kaitsu_guide_get_browser (guide), "navigation-refused",
                               G_CALLBACK (on_navigation_refused), self, G_CONNECT_SWAPPED);
    }
  if (step == KAITSU_STEP_FINISH)
    {
      finish (self, KAITSU_AUTOPILOT_DONE);
      return G_SOURCE_REMOVE;
    }
  if (step == KAITSU_STEP_PREPARE && !self->mail_requested)
    {
      KaitsuPage *page = kaitsu_assistant_get_page (kaitsu_window_get_assistant (self->window), step);

      self->mail_requested = TRUE;
      kaitsu_prepare_page_read_text (KAITSU_PREPARE_PAGE (page), self->practice_mail);
      return G_SOURCE_REMOVE;
    }
  if ((step == KAITSU_STEP_PREPARE && kaitsu_flow_get_reset_url (self->flow) != NULL) ||
      step == KAITSU_STEP_MIP)
    kaitsu_flow_set_step_confirmed (self->flow, step, TRUE);
  if (retry_or_stop (self))
    return G_SOURCE_REMOVE;
  if (kaitsu_flow_can_go_next (self->flow))
    {
      kaitsu_flow_go_next (self->flow, NULL);
      return G_SOURCE_REMOVE;
    }
  return G_SOURCE_REMOVE;
}

/* Recovery only, never on the normal path: if nothing at all happened for a while (a click
 * lost to a navigation that was cancelled), look at the page again. */
static gboolean
on_watchdog (gpointer data)
{
  KaitsuAutopilot *self = data;
  KaitsuGuide *guide = kaitsu_window_get_guide (self->window);
  KaitsuBrowser *browser = guide != NULL ? kaitsu_guide_get_browser (guide) : NULL;

  self->watchdog = 0;
  if (self->state != KAITSU_AUTOPILOT_RUNNING)
    return G_SOURCE_REMOVE;
  /* Still loading: a slow page, keep watching; but a load that never ends (one begun as its
   * web process was being replaced) is begun again */
  if (browser != NULL && webkit_web_view_is_loading (WEBKIT_WEB_VIEW (kaitsu_browser_get_view (browser))) &&
      ++self->loading_watches < 4)
    rearm_watchdog (self);
  else if (browser != NULL && self->loading_watches >= 4)
    {
      g_autofree char *uri = g_strdup (kaitsu_browser_get_uri (browser));

      g_debug ("the page has been loading for %u s: loading it again", self->loading_watches * 4);
      self->loading_watches = 0;
      webkit_web_view_stop_loading (WEBKIT_WEB_VIEW (kaitsu_browser_get_view (browser)));
      if (uri != NULL)
        kaitsu_browser_load (browser, uri);
      rearm_watchdog (self);
    }
  /* No page was ever read (its web process ended before): load it again, keep watching */
  else if (browser != NULL && kaitsu_browser_get_text (browser) == NULL &&
           webkit_web_view_get_uri (WEBKIT_WEB_VIEW (kaitsu_browser_get_view (browser))) != NULL)
    {
      g_debug ("no page was read: loading it again");
      kaitsu_browser_reload (browser);
      rearm_watchdog (self);
    }
  /* A page it cannot read, such as one whose load a refused navigation cut short (a page
   * script going elsewhere while it loaded): loaded again, twice at most */
  else if (browser != NULL && kaitsu_browser_get_reading (browser) != NULL &&
           kaitsu_page_reading_is (kaitsu_browser_get_reading (browser), "unknown") &&
           (g_strcmp0 (self->reloaded_uri, kaitsu_browser_get_uri (browser)) != 0 || self->reloads < 2))
    {
      if (g_strcmp0 (self->reloaded_uri, kaitsu_browser_get_uri (browser)) != 0)
        {
          g_free (self->reloaded_uri);
          self->reloaded_uri = g_strdup (kaitsu_browser_get_uri (browser));
          self->reloads = 0;
        }
      self->reloads++;
      g_debug ("an unknown page for a while: loading it again");
      kaitsu_browser_reload (browser);
      rearm_watchdog (self);
    }
  else
    {
      g_debug ("nothing happened for a while: acting on the page again");
      act_again (self);
    }
  return G_SOURCE_REMOVE;
}

static void
rearm_watchdog (KaitsuAutopilot *self)
{
  g_clear_handle_id (&self->watchdog, g_source_remove);
  if (self->state == KAITSU_AUTOPILOT_RUNNING)
    self->watchdog = g_timeout_add_seconds (4, on_watchdog, self);
}

static void
schedule (KaitsuAutopilot *self)
{
  rearm_watchdog (self);
  if (self->tick == 0 && self->state == KAITSU_AUTOPILOT_RUNNING)
    self->tick = g_idle_add (on_tick, self);
}

static void on_step (KaitsuAutopilot *self);


static gboolean
on_step_later (gpointer data)
{
  on_step (data);
  return G_SOURCE_REMOVE;
}

static void
on_signin_gone (KaitsuAutopilot *self)
{
  g_idle_add_full (G_PRIORITY_DEFAULT_IDLE, on_step_later, g_object_ref (self), g_object_unref);
}

/* A new step: act on whatever page is already showing, if the step does not load another. */
static void
on_step (KaitsuAutopilot *self)
{
  KaitsuGuide *guide = kaitsu_window_get_guide (self->window);
  KaitsuBrowser *browser;
  g_autofree char *start = NULL;

  self->appinv_looked_up = FALSE;
  schedule (self);
  if (guide == NULL)
    return;
  if (!self->guide_connected)
    {
      self->guide_connected = TRUE;
      g_signal_connect_object (guide, "page-seen", G_CALLBACK (on_page_seen), self, G_CONNECT_SWAPPED);
      g_signal_connect_object (kaitsu_guide_get_browser (guide), "navigation-refused",
                               G_CALLBACK (on_navigation_refused), self, G_CONNECT_SWAPPED);
    }
  /* A closing sign-in window cancels the opener's navigation: act once it has gone. */
  if (kaitsu_guide_get_signin_window (guide) != NULL)
    {
      g_signal_connect_object (kaitsu_guide_get_signin_window (guide), "destroy",
                               G_CALLBACK (on_signin_gone), self, G_CONNECT_SWAPPED);
      return;
    }
  browser = kaitsu_guide_get_browser (guide);
  start = kaitsu_guide_dup_start_uri (guide, kaitsu_flow_get_current_step (self->flow));
  if (start == NULL && shows_its_reading (browser) && first_time (self, browser))
    act (self, kaitsu_browser_get_reading (browser), kaitsu_browser_get_text (browser), browser);
}

/* As the manual says: if 「保留」 does not change, switch screens and look again; if it is
 * still pending, wait and grant the service again later. */
static gboolean
on_pending_timer (gpointer data)
{
  KaitsuAutopilot *self = data;
  KaitsuService service = kaitsu_step_get_service (kaitsu_flow_get_current_step (self->flow));
  KaitsuGuide *guide = kaitsu_window_get_guide (self->window);

  self->pending_timer = 0;
  if (self->state != KAITSU_AUTOPILOT_RUNNING || service == KAITSU_SERVICE_NONE ||
      kaitsu_flow_get_service_state (self->flow, service) != KAITSU_SERVICE_STATE_SYNCING)
    return G_SOURCE_REMOVE;
  if (!self->looked_again && guide != NULL)
    {
      g_debug ("%s still pending: looking again", kaitsu_service_get_id (service));
      self->looked_again = TRUE;
      kaitsu_browser_reload (kaitsu_guide_get_browser (guide));
      self->pending_timer = g_timeout_add_seconds (self->patience_s - self->patience_s / 2, on_pending_timer, self);
      return G_SOURCE_REMOVE;
    }
  g_debug ("%s still pending after looking again: giving up", kaitsu_service_get_id (service));
  finish (self, KAITSU_AUTOPILOT_WAITING);
  return G_SOURCE_REMOVE;
}

static void
on_service_changed (KaitsuAutopilot *self)
{
  KaitsuService service = kaitsu_step_get_service (kaitsu_flow_get_current_step (self->flow));
  gboolean pending = service != KAITSU_SERVICE_NONE &&
                     kaitsu_flow_get_service_state (self->flow, service) == KAITSU_SERVICE_STATE_SYNCING;

  if (!pending)
    {
      g_clear_handle_id (&self->pending_timer, g_source_remove);
      self->looked_again = FALSE;
    }
  else if (self->pending_timer == 0 && !self->looked_again)
    self->pending_timer = g_timeout_add_seconds (self->patience_s / 2, on_pending_timer, self);
}

static void
kaitsu_autopilot_dispose (GObject *object)
{
  KaitsuAutopilot *self = KAITSU_AUTOPILOT (object);

  g_clear_handle_id (&self->pending_timer, g_source_remove);
  g_clear_handle_id (&self->tick, g_source_remove);
  g_clear_handle_id (&self->watchdog, g_source_remove);
  g_clear_object (&self->flow);
  g_clear_object (&self->window);
  G_OBJECT_CLASS (kaitsu_autopilot_parent_class)->dispose (object);
}

static void
kaitsu_autopilot_finalize (GObject *object)
{
  g_free (KAITSU_AUTOPILOT (object)->practice_mail);
  g_free (KAITSU_AUTOPILOT (object)->reloaded_uri);
  g_hash_table_unref (KAITSU_AUTOPILOT (object)->acted);
  G_OBJECT_CLASS (kaitsu_autopilot_parent_class)->finalize (object);
}

static void
kaitsu_autopilot_class_init (KaitsuAutopilotClass *klass)
{
  G_OBJECT_CLASS (klass)->dispose = kaitsu_autopilot_dispose;
  G_OBJECT_CLASS (klass)->finalize = kaitsu_autopilot_finalize;
  signals[FINISHED] = g_signal_new ("finished", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                                    NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_INT);
}

static void
kaitsu_autopilot_init (KaitsuAutopilot *self)
{
  self->acted = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  self->patience_s = DEFAULT_PATIENCE_S;
}

KaitsuAutopilot *
kaitsu_autopilot_new (KaitsuWindow *window,
                      const char   *practice_mail)
{
  KaitsuAutopilot *self = g_object_new (KAITSU_TYPE_AUTOPILOT, NULL);

  self->window = g_object_ref (window);
  self->flow = g_object_ref (kaitsu_window_get_flow (window));
  self->practice_mail = g_strdup (practice_mail);
  g_signal_connect_object (self->flow, "changed", G_CALLBACK (schedule), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->flow, "notify::current-step", G_CALLBACK (on_step), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->flow, "service-changed", G_CALLBACK (on_service_changed), self, G_CONNECT_SWAPPED);
  schedule (self);
  return self;
}

KaitsuAutopilotState
kaitsu_autopilot_get_state (KaitsuAutopilot *self)
{
  g_return_val_if_fail (KAITSU_IS_AUTOPILOT (self), KAITSU_AUTOPILOT_STOPPED);
  return self->state;
}

void
kaitsu_autopilot_set_mistakes (KaitsuAutopilot        *self,
                               KaitsuPracticeMistakes  mistakes)
{
  g_return_if_fail (KAITSU_IS_AUTOPILOT (self));
  self->mistakes = mistakes;
}

/* How long a service may stay 「保留」 before the autopilot gives up; at least two seconds */
void
kaitsu_autopilot_set_patience (KaitsuAutopilot *self,
                               guint            seconds)
{
  g_return_if_fail (KAITSU_IS_AUTOPILOT (self));
  self->patience_s = MAX (seconds, 2);
}
