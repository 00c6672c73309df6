/* SPDX-License-Identifier: GPL-3.0-or-later */
/* kaitsu-browser.c: follows every page: its host and lock, its screen once loaded, the console's
 * status from an isolated script world; refuses unexpected sites and never bypasses TLS. */

#include "config.h"

#define G_LOG_DOMAIN "kaitsu-browser"

#include <adwaita.h>
#include <glib/gi18n.h>
#include <json-glib/json-glib.h>
#include <string.h>

#include "kaitsu-browser.h"
#include "kaitsu-console-status.h"
#include "kaitsu-label.h"
#include "kaitsu-mask.h"
#include "kaitsu-signin-window.h"

#define SCRIPT_WORLD "kaitsu"
#define MAX_PAGE_TEXT 200000
/* A page that changes all the time is read at most this often: the last report wins */
#define STATUS_INTERVAL_US (250 * 1000)

struct _KaitsuBrowser
{
  GtkBox parent_instance;

  KaitsuSites *sites;
  KaitsuBrowserRole role;
  KaitsuWebView *view;
  GCancellable *cancellable;
  /* The sign-in window this view opened, while it is open (weak) */
  GtkWidget *popup;

  GtkImage *lock;
  GtkLabel *host;
  GtkWidget *open_button;
  GtkWidget *back_button;
  GtkProgressBar *progress;
  GtkStack *stack;
  AdwStatusPage *error_page;
  GtkLabel *error_detail;
  GtkWidget *try_again;
  GtkRevealer *notice;
  GtkLabel *notice_label;
  /* The page count when the notice was shown: it goes with the page after the reloaded one */
  guint notice_commits;

  char *uri;
  char *text;
  char *outline;
  KaitsuPageReading *reading;
  char *failed_uri;
  guint commits;
  guint read_commits;
  gint64 finished_at;
  /* Pages loaded whose text is still being read: until then, text and reading are the last page's */
  guint reads_pending;
  /* A page that changes without a load (today's Microsoft sign-in asks for the password in the
   * page that asked for the account): the last reading's fingerprint, looked at again every
   * second while the page is shown, and read again when it differs */
  char *fingerprint;
  guint watch_timer;
  /* Looked at every watch_every seconds: doubled (to 32) each time a change was still the same
   * screen, as on a live console, whose lists the status script follows; 1 again on a load */
  guint watch_every;
  guint watch_ticks;
  gboolean watch_pending;
  gboolean rereading;
  /* The sign-in window has been on Microsoft's sign-in */
  gboolean after_microsoft;

  /* The console's reports: the last one passed on, and the newest one held back */
  char *status_last;
  char *status_held;
  gint64 status_at;
  guint status_timer;
  /* A load that has had no answer: how long it may wait, and the wait */
  guint answer_timeout_ms;
  guint answer_timer;
  /* The address last let through the navigation policy: while a load waits for its first
   * answer, WebKit's own "uri" may still be empty */
  char *requested_uri;
};

gint64
kaitsu_browser_get_finished_at (KaitsuBrowser *self)
{
  g_return_val_if_fail (KAITSU_IS_BROWSER (self), 0);
  return self->finished_at;
}

/* Whether the page shown has loaded and is still being read: its "page-seen" is yet to come,
 * and the text and reading held are the page before's */
gboolean
kaitsu_browser_is_reading (KaitsuBrowser *self)
{
  g_return_val_if_fail (KAITSU_IS_BROWSER (self), FALSE);
  return self->reads_pending > 0;
}

G_DEFINE_FINAL_TYPE (KaitsuBrowser, kaitsu_browser, GTK_TYPE_BOX)

enum {
  PAGE_SEEN,
  POPUP_OPENED,
  STATUS,
  NAVIGATION_REFUSED,
  LOAD_FAILED,
  PROCESS_CRASHED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/* ---- Address line --------------------------------------------------------------------------- */

static void
update_address (KaitsuBrowser *self)
{
  const char *uri = webkit_web_view_get_uri (WEBKIT_WEB_VIEW (self->view));
  g_autoptr (GUri) parsed = uri != NULL ? g_uri_parse (uri, G_URI_FLAGS_NONE, NULL) : NULL;
  GTlsCertificate *certificate = NULL;
  GTlsCertificateFlags errors = 0;
  const char *icon = "content-loading-symbolic";
  const char *state = "";

  if (parsed == NULL || g_uri_get_host (parsed) == NULL)
    {
      kaitsu_label_set_label (self->host, "");
      gtk_image_set_from_icon_name (self->lock, icon);
      gtk_widget_set_sensitive (self->open_button, FALSE);
      return;
    }
  kaitsu_label_set_label (self->host, g_uri_get_host (parsed));
  if (webkit_web_view_get_tls_info (WEBKIT_WEB_VIEW (self->view), &certificate, &errors) && errors == 0)
    {
      icon = "channel-secure-symbolic";
      state = _("Secure connection");
    }
  else if (g_str_equal (g_uri_get_scheme (parsed), "http"))
    {
      icon = "channel-insecure-symbolic";
      /* Plain http is only allowed for the practice simulator on this computer. */
      state = kaitsu_sites_is_practice (self->sites) ? _("Practice site on this computer")
                                                     : _("Not secure");
    }
  gtk_image_set_from_icon_name (self->lock, icon);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->lock), GTK_ACCESSIBLE_PROPERTY_LABEL, state, -1);
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->lock), state);
  gtk_widget_set_sensitive (self->open_button, TRUE);
}

static void
on_progress (KaitsuBrowser *self)
{
  double progress = webkit_web_view_get_estimated_load_progress (WEBKIT_WEB_VIEW (self->view));

  gtk_progress_bar_set_fraction (self->progress, progress);
  gtk_widget_set_visible (GTK_WIDGET (self->progress), progress > 0.0 && progress < 1.0);
}

void
kaitsu_browser_open_externally (KaitsuBrowser *self)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  const char *uri = webkit_web_view_get_uri (WEBKIT_WEB_VIEW (self->view));

  if (uri != NULL)
    gtk_show_uri (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL, uri, GDK_CURRENT_TIME);
}

/* ---- Page text and screen -------------------------------------------------------------------- */

/* Which view, in the log */
static const char *
role_name (KaitsuBrowser *self)
{
  return self->role == KAITSU_BROWSER_MAIN ? "main" : "sign-in";
}

/* The text of the page and of every frame the page may read (a Japanese "Stay signed in?"
 * has been seen inside an iframe), and its fingerprint: its length and a hash */
#define TEXT_HELPERS \
  "function kText(){const parts=[];" \
  "function walk(d,depth){if(!d||!d.body||depth>4)return;parts.push(d.body.innerText);" \
  "for(const f of d.querySelectorAll('iframe,frame')){let c=null;try{c=f.contentDocument;}catch(e){}walk(c,depth+1);}}" \
  "walk(document,0);return parts.join('\\n');}" \
  "function kPrint(t){let h=0;for(let i=0;i<t.length;i++)h=(h*31+t.charCodeAt(i))|0;return t.length+':'+h;}"

/* The text, its fingerprint, and an outline for support staff: titles and the labels of
 * buttons and links, never what is typed into a field. */
static const char read_script[] =
  "(function(max){" TEXT_HELPERS "const text=kText();"
  "const pick=(s)=>Array.from(document.querySelectorAll(s)).map((e)=>((e.tagName==='INPUT'?e.value:e.innerText)||'')"
  ".replace(/\\s+/g,' ').trim()).filter((t)=>t).slice(0,30).map((t)=>t.slice(0,120));"
  "return JSON.stringify({text:text.slice(0,max),print:kPrint(text),title:(document.title||'').slice(0,120),"
  "headings:pick('h1,h2,h3'),buttons:pick('button,[role=button],input[type=submit],input[type=button]'),"
  "links:pick('a[href]')});})(%d)";

static const char watch_script[] = "(function(){" TEXT_HELPERS "return kPrint(kText());})()";

static void start_watching (KaitsuBrowser *self);
static void read_page (KaitsuBrowser *self);

static void
on_text (GObject      *source,
         GAsyncResult *result,
         gpointer      data)
{
  g_autoptr (KaitsuBrowser) self = data;
  g_autoptr (GError) error = NULL;
  g_autoptr (JSCValue) value = webkit_web_view_evaluate_javascript_finish (WEBKIT_WEB_VIEW (source), result, &error);
  const char *uri = webkit_web_view_get_uri (WEBKIT_WEB_VIEW (source));
  g_autofree char *json = NULL;
  g_autoptr (JsonParser) parser = json_parser_new ();

  self->reads_pending--;
  if (value == NULL || self->view == NULL)
    return;
  json = jsc_value_is_string (value) ? jsc_value_to_string (value) : NULL;
  if (json == NULL || !json_parser_load_from_data (parser, json, -1, NULL) ||
      !JSON_NODE_HOLDS_OBJECT (json_parser_get_root (parser)))
    {
      /* Nothing a page says in reply is trusted to have a shape: an empty reading */
      g_clear_pointer (&json, g_free);
      json = g_strdup ("{}");
      json_parser_load_from_data (parser, json, -1, NULL);
    }
  {
    JsonObject *object = json_node_get_object (json_parser_get_root (parser));

    g_free (self->fingerprint);
    self->fingerprint = g_strdup (json_object_get_string_member_with_default (object, "print", ""));
    start_watching (self);
    g_free (self->text);
    self->text = g_strdup (json_object_get_string_member_with_default (object, "text", ""));
    json_object_remove_member (object, "text");
    json_object_remove_member (object, "print");
    g_free (self->outline);
    self->outline = json_to_string (json_parser_get_root (parser), FALSE);
  }
  g_free (self->uri);
  self->uri = g_strdup (uri);
  {
    KaitsuPageReading *before = g_steal_pointer (&self->reading);
    g_autofree char *logged = kaitsu_uri_for_log (self->uri);
    gboolean again = self->rereading;

    self->rereading = FALSE;
    self->reading = kaitsu_page_read (self->sites, self->uri, self->text);
    /* Read again after a change: told only if it is now another screen, or says another
     * service or error (a live console's lists change all the time and stay one screen) */
    if (again && before != NULL && before->screen == self->reading->screen &&
        before->service == self->reading->service && before->code == self->reading->code)
      {
        kaitsu_page_reading_free (before);
        self->watch_every = MIN (self->watch_every * 2, 32);
        return;
      }
    self->watch_every = 1;
    g_clear_pointer (&before, kaitsu_page_reading_free);
    g_debug ("%s page seen: %s (%s)", role_name (self),
             kaitsu_screen_get_id (self->reading->screen), logged);
  }
  g_signal_emit (self, signals[PAGE_SEEN], 0, self->reading, self->uri, self->text);
}

static void
on_watch_answer (GObject      *source,
                 GAsyncResult *result,
                 gpointer      data)
{
  g_autoptr (KaitsuBrowser) self = data;
  g_autoptr (JSCValue) value = webkit_web_view_evaluate_javascript_finish (WEBKIT_WEB_VIEW (source), result, NULL);
  g_autofree char *print = NULL;

  self->watch_pending = FALSE;
  if (value == NULL || self->view == NULL || !jsc_value_is_string (value) || self->fingerprint == NULL ||
      self->reads_pending > 0 || webkit_web_view_is_loading (WEBKIT_WEB_VIEW (self->view)))
    return;
  print = jsc_value_to_string (value);
  if (g_strcmp0 (print, self->fingerprint) == 0)
    return;
  g_debug ("%s page changed without a load: reading it again", role_name (self));
  self->rereading = TRUE;
  read_page (self);
}

static gboolean
on_watch (gpointer data)
{
  KaitsuBrowser *self = data;

  /* Only a page that was read, is shown, and is not loading: a load reads its page anyway */
  if (self->fingerprint == NULL || self->watch_pending || self->reads_pending > 0 || self->failed_uri != NULL ||
      !gtk_widget_get_mapped (GTK_WIDGET (self->view)) || webkit_web_view_is_loading (WEBKIT_WEB_VIEW (self->view)) ||
      ++self->watch_ticks < self->watch_every)
    return G_SOURCE_CONTINUE;
  self->watch_ticks = 0;
  self->watch_pending = TRUE;
  webkit_web_view_evaluate_javascript (WEBKIT_WEB_VIEW (self->view), watch_script, -1, SCRIPT_WORLD, NULL,
                                       self->cancellable, on_watch_answer, g_object_ref (self));
  return G_SOURCE_CONTINUE;
}

static void
start_watching (KaitsuBrowser *self)
{
  if (self->watch_timer == 0)
    self->watch_timer = g_timeout_add_seconds (1, on_watch, self);
}

static void
read_page (KaitsuBrowser *self)
{
  g_autofree char *script = g_strdup_printf (read_script, MAX_PAGE_TEXT);

  self->reads_pending++;
  webkit_web_view_evaluate_javascript (WEBKIT_WEB_VIEW (self->view), script, -1, SCRIPT_WORLD, NULL,
                                       self->cancellable, on_text, g_object_ref (self));
}

static gboolean on_load_failed (KaitsuBrowser *self, WebKitLoadEvent event, const char *uri, GError *error);
static void pass_status (KaitsuBrowser *self);

/* The site's name for a message: its host, or the address itself */
static char *
dup_site_name (const char *uri)
{
  g_autoptr (GUri) parsed = uri != NULL ? g_uri_parse (uri, G_URI_FLAGS_NONE, NULL) : NULL;

  if (parsed != NULL && g_uri_get_host (parsed) != NULL)
    return g_strdup (g_uri_get_host (parsed));
  return g_strdup (uri != NULL ? uri : "");
}

/* A site that takes the request and never answers leaves WebKit loading for good (a load begun
 * as its web process was replaced does the same): after a while it fails as a load that timed
 * out does, and the page says so, with 「Try Again」, instead of a blank view that loads forever */
static gboolean
on_answer_timeout (gpointer data)
{
  KaitsuBrowser *self = data;
  const char *shown = webkit_web_view_get_uri (WEBKIT_WEB_VIEW (self->view));
  g_autofree char *uri = g_strdup (shown != NULL && *shown != '\0' ? shown : self->requested_uri);
  g_autoptr (GError) error = g_error_new (G_IO_ERROR, G_IO_ERROR_TIMED_OUT, "No answer in %u ms",
                                          self->answer_timeout_ms);

  self->answer_timer = 0;
  on_load_failed (self, WEBKIT_LOAD_STARTED, uri, error);
  webkit_web_view_stop_loading (WEBKIT_WEB_VIEW (self->view));
  return G_SOURCE_REMOVE;
}

static void
on_load_changed (KaitsuBrowser   *self,
                 WebKitLoadEvent  event)
{
  update_address (self);
  {
    static const char * const names[] = { "started", "redirected", "committed", "finished" };
    g_autofree char *logged = kaitsu_uri_for_log (webkit_web_view_get_uri (WEBKIT_WEB_VIEW (self->view)));

    g_debug ("%s load %s: %s", role_name (self),
             event < G_N_ELEMENTS (names) ? names[event] : "?", logged);
  }
  g_clear_handle_id (&self->answer_timer, g_source_remove);
  if (event == WEBKIT_LOAD_STARTED || event == WEBKIT_LOAD_REDIRECTED)
    self->answer_timer = g_timeout_add (self->answer_timeout_ms, on_answer_timeout, self);
  if (event == WEBKIT_LOAD_STARTED)
    {
      g_clear_pointer (&self->failed_uri, g_free);
      gtk_stack_set_visible_child_name (self->stack, "web");
    }
  if (event == WEBKIT_LOAD_COMMITTED)
    {
      self->commits++;
      /* The reload's own page keeps the notice; the next one is another page */
      if (gtk_revealer_get_reveal_child (self->notice) && self->commits > self->notice_commits + 1)
        gtk_revealer_set_reveal_child (self->notice, FALSE);
      /* Not watched until the new page has been read, then every second again */
      g_clear_pointer (&self->fingerprint, g_free);
      self->watch_every = 1;
      self->watch_ticks = 0;
      /* What the last page said last is passed on now; a new page reports afresh, even
       * what the last one said, and its first report passes at once: the coalescing is for
       * a page that keeps changing, not for the step from one page to the next */
      if (self->status_timer != 0)
        {
          g_clear_handle_id (&self->status_timer, g_source_remove);
          pass_status (self);
        }
      g_clear_pointer (&self->status_last, g_free);
      self->status_at = 0;
    }
  /* A load that failed or was cancelled also "finishes" without a new page: read each page once. */
  if (event == WEBKIT_LOAD_FINISHED && self->failed_uri == NULL && self->commits != self->read_commits)
    {
      self->read_commits = self->commits;
      self->finished_at = g_get_monotonic_time ();
      read_page (self);
    }
}

/* ---- Failures ------------------------------------------------------------------------------- */

/* The page in place of the web view: a failure (with 「Try Again」) or nothing to show yet */
static void
show_message_page (KaitsuBrowser *self,
                   const char    *icon_name,
                   const char    *title,
                   const char    *text,
                   gboolean       can_retry)
{
  /* The description is markup: what a page or the system said stays text */
  g_autofree char *markup = g_markup_escape_text (text != NULL ? text : "", -1);

  adw_status_page_set_icon_name (self->error_page, icon_name);
  adw_status_page_set_title (self->error_page, title);
  adw_status_page_set_description (self->error_page, markup);
  gtk_widget_set_visible (self->try_again, can_retry);
  kaitsu_label_set_label (self->error_detail, "");
  gtk_stack_set_visible_child_name (self->stack, "error");
}

static void
show_error (KaitsuBrowser *self,
            const char    *uri,
            const char    *title,
            const char    *text)
{
  g_free (self->failed_uri);
  self->failed_uri = g_strdup (uri);
  show_message_page (self, "network-error-symbolic", title, text, TRUE);
  g_signal_emit (self, signals[LOAD_FAILED], 0, uri);
}

/* Nothing to load yet, and why, where the page would be (no failure, nothing to try again);
 * the next load shows the web view again */
void
kaitsu_browser_show_empty (KaitsuBrowser *self,
                           const char    *title,
                           const char    *text)
{
  g_return_if_fail (KAITSU_IS_BROWSER (self));
  g_return_if_fail (title != NULL);

  show_message_page (self, "mail-unread-symbolic", title, text, FALSE);
}

static gboolean
on_load_failed (KaitsuBrowser   *self,
                WebKitLoadEvent  event,
                const char      *uri,
                GError          *error)
{
  g_autofree char *host = dup_site_name (uri);
  g_autofree char *text = NULL;

  {
    g_autofree char *logged = kaitsu_uri_for_log (uri);

    g_debug ("%s load failed: %s (%s)", role_name (self), logged, error->message);
  }
  /* Our own refusals and cancelled loads are not failures to show. */
  if (g_error_matches (error, WEBKIT_NETWORK_ERROR, WEBKIT_NETWORK_ERROR_CANCELLED) ||
      g_error_matches (error, WEBKIT_POLICY_ERROR, WEBKIT_POLICY_ERROR_FRAME_LOAD_INTERRUPTED_BY_POLICY_CHANGE))
    return FALSE;
  if (g_error_matches (error, WEBKIT_NETWORK_ERROR, WEBKIT_NETWORK_ERROR_UNKNOWN_PROTOCOL) ||
      g_error_matches (error, WEBKIT_POLICY_ERROR, WEBKIT_POLICY_ERROR_CANNOT_SHOW_URI))
    return FALSE;
  /* The system's own words are for the log; the page says it plainly and names the site */
  g_message ("Loading %s failed: %s", host, error->message);
  if (g_error_matches (error, G_RESOLVER_ERROR, G_RESOLVER_ERROR_NOT_FOUND) ||
      g_error_matches (error, G_RESOLVER_ERROR, G_RESOLVER_ERROR_TEMPORARY_FAILURE))
    /* Translators: %s is a site's name, such as portal.ntt-east.example */
    text = g_strdup_printf (_("This computer could not find %s: it does not seem to be connected to the internet. Check the connection, then try again."), host);
  else if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_TIMED_OUT))
    /* Translators: %s is a site's name */
    text = g_strdup_printf (_("%s took too long to answer. Try again: a second try usually works."), host);
  else if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CONNECTION_REFUSED))
    /* Translators: %s is a site's name */
    text = g_strdup_printf (_("%s refused the connection. Try again; if it keeps failing, a firewall may block it."), host);
  else
    /* Translators: %s is a site's name */
    text = g_strdup_printf (_("The page from %s could not be loaded. Try again: a second try usually works. The connection check on the 「Get ready」 step tells more."), host);
  show_error (self, uri, _("The page could not be loaded"), text);
  return TRUE;
}

static gboolean
on_tls_failed (KaitsuBrowser        *self,
               const char           *uri,
               GTlsCertificate      *certificate,
               GTlsCertificateFlags  errors)
{
  g_autofree char *issuer = certificate != NULL ? g_tls_certificate_get_issuer_name (certificate) : NULL;
  g_autofree char *text = NULL;

  if (errors & (G_TLS_CERTIFICATE_EXPIRED | G_TLS_CERTIFICATE_NOT_ACTIVATED))
    text = g_strdup (_("The site’s certificate does not match this computer’s date and time. Check that the clock is right, then try again."));
  else
    /* Translators: %s names whoever issued the certificate */
    text = g_strdup_printf (_("The site’s certificate is not trusted (issued by “%s”). An antivirus program or a proxy may be intercepting secure connections: ask your network administrator. Kaitsu never ignores this."),
                            issuer != NULL ? issuer : _("an unknown issuer"));
  show_error (self, uri, _("The connection is not secure"), text);
  /* Handled: no page is shown, and the error is never bypassed. */
  return TRUE;
}

static void
on_process_terminated (KaitsuBrowser                         *self,
                       WebKitWebProcessTerminationReason      reason)
{
  const char *uri = self->uri != NULL ? self->uri : webkit_web_view_get_uri (WEBKIT_WEB_VIEW (self->view));
  g_autofree char *logged = kaitsu_uri_for_log (uri);

  g_message ("The web process ended (reason %d); reloading %s", reason, logged);
  /* Said once, over the page, without a dialog; it stays until closed or until another page
   * replaces the reloaded one, as the user may have to type something again on it (too long
   * for a toast) */
  kaitsu_label_set_label (self->notice_label,
                       reason == WEBKIT_WEB_PROCESS_EXCEEDED_MEMORY_LIMIT
                       ? _("The page used too much memory and was reloaded. Your progress is kept.")
                       : _("The page stopped working and was reloaded. Your progress is kept; if something you typed is gone, type it again."));
  gtk_revealer_set_reveal_child (self->notice, TRUE);
  self->notice_commits = self->commits;
  g_signal_emit (self, signals[PROCESS_CRASHED], 0);
  if (uri != NULL)
    webkit_web_view_load_uri (WEBKIT_WEB_VIEW (self->view), uri);
}

static void
on_try_again (KaitsuBrowser *self)
{
  if (self->failed_uri != NULL)
    {
      g_autofree char *uri = g_strdup (self->failed_uri);
      webkit_web_view_load_uri (WEBKIT_WEB_VIEW (self->view), uri);
    }
  else
    webkit_web_view_reload (WEBKIT_WEB_VIEW (self->view));
}

/* ---- Navigation policy ---------------------------------------------------------------------- */

static gboolean
allowed_top_level (KaitsuBrowser *self,
                   const char    *uri)
{
  gboolean allowed = kaitsu_sites_allows (self->sites, uri, self->role == KAITSU_BROWSER_SIGNIN,
                                          self->after_microsoft);

  /* From Microsoft's sign-in on, a federated tenant's identity provider may follow */
  if (allowed && kaitsu_sites_is_microsoft_host (self->sites, uri))
    self->after_microsoft = TRUE;
  return allowed;
}

static gboolean
on_decide_policy (KaitsuBrowser            *self,
                  WebKitPolicyDecision     *decision,
                  WebKitPolicyDecisionType  type)
{
  if (type == WEBKIT_POLICY_DECISION_TYPE_NAVIGATION_ACTION)
    {
      WebKitNavigationAction *action =
        webkit_navigation_policy_decision_get_navigation_action (WEBKIT_NAVIGATION_POLICY_DECISION (decision));
      WebKitURIRequest *request = webkit_navigation_action_get_request (action);
      const char *uri = webkit_uri_request_get_uri (request);

      if (!allowed_top_level (self, uri))
        {
          webkit_policy_decision_ignore (decision);
          g_signal_emit (self, signals[NAVIGATION_REFUSED], 0, uri);
          return TRUE;
        }
      g_free (self->requested_uri);
      self->requested_uri = g_strdup (uri);
      return FALSE;
    }
  if (type == WEBKIT_POLICY_DECISION_TYPE_RESPONSE)
    {
      WebKitResponsePolicyDecision *response = WEBKIT_RESPONSE_POLICY_DECISION (decision);

      /* Downloads are refused: nothing of the activation needs one. */
      if (!webkit_response_policy_decision_is_mime_type_supported (response))
        {
          webkit_policy_decision_ignore (decision);
          return TRUE;
        }
    }
  return FALSE;
}

/* ---- Pop-ups: the Microsoft sign-in window -------------------------------------------------- */

static GtkWidget *
on_create (KaitsuBrowser          *self,
           WebKitNavigationAction *action)
{
  WebKitURIRequest *request = webkit_navigation_action_get_request (action);
  const char *uri = webkit_uri_request_get_uri (request);
  GtkWidget *related;
  KaitsuSigninWindow *window;

  if (uri != NULL && *uri != '\0' && !g_str_equal (uri, "about:blank") &&
      !kaitsu_sites_is_microsoft_host (self->sites, uri) &&
      kaitsu_sites_find (self->sites, uri) == KAITSU_SITE_NONE)
    {
      g_signal_emit (self, signals[NAVIGATION_REFUSED], 0, uri);
      return NULL;
    }
  /* One sign-in window at a time, and only when the user pressed something: a page that
   * opens windows by itself gets none */
  if (self->popup != NULL || !webkit_navigation_action_is_user_gesture (action))
    {
      g_message ("Refused a pop-up %s", self->popup != NULL ? "while the sign-in window is open" : "without a click");
      if (self->popup != NULL)
        gtk_window_present (GTK_WINDOW (self->popup));
      return NULL;
    }
  related = kaitsu_web_view_new_related (self->view);
  window = kaitsu_signin_window_new (self->sites, KAITSU_WEB_VIEW (related),
                                     GTK_WINDOW (gtk_widget_get_root (GTK_WIDGET (self))));
  self->popup = GTK_WIDGET (window);
  g_object_add_weak_pointer (G_OBJECT (window), (gpointer *) &self->popup);
  g_signal_emit (self, signals[POPUP_OPENED], 0, window);
  return related;
}

/* ---- Console status ------------------------------------------------------------------------- */

/* Coalesced: at most one report per STATUS_INTERVAL_US, the same report never twice */
static void
pass_status (KaitsuBrowser *self)
{
  g_autofree char *json = g_steal_pointer (&self->status_held);
  g_autoptr (GError) error = NULL;
  g_autoptr (KaitsuConsoleStatus) status = NULL;

  if (json == NULL || g_strcmp0 (json, self->status_last) == 0)
    return;
  self->status_at = g_get_monotonic_time ();
  status = kaitsu_console_status_parse (json, -1, &error);
  if (status == NULL)
    {
      g_message ("Dropped a console status message: %s", error->message);
      return;
    }
  g_free (self->status_last);
  self->status_last = g_steal_pointer (&json);
  g_signal_emit (self, signals[STATUS], 0, status);
}

static gboolean
on_status_timer (gpointer data)
{
  KaitsuBrowser *self = data;

  self->status_timer = 0;
  pass_status (self);
  return G_SOURCE_REMOVE;
}

static void
on_status_message (KaitsuBrowser *self,
                   JSCValue      *value)
{
  const char *uri = webkit_web_view_get_uri (WEBKIT_WEB_VIEW (self->view));
  g_autofree char *json = NULL;

  {
    g_autofree char *logged = kaitsu_uri_for_log (uri);

    g_debug ("status message from %s", logged);
  }
  /* Only from the console's own origin, only as a string of bounded size */
  if (kaitsu_sites_find (self->sites, uri) != KAITSU_SITE_CONSOLE || !jsc_value_is_string (value))
    return;
  json = jsc_value_to_string (value);
  if (strlen (json) > KAITSU_STATUS_MAX_BYTES)
    {
      g_message ("Dropped a console status message of %" G_GSIZE_FORMAT " bytes", strlen (json));
      return;
    }
  g_free (self->status_held);
  self->status_held = g_steal_pointer (&json);
  if (self->status_timer == 0)
    {
      gint64 wait = self->status_at + STATUS_INTERVAL_US - g_get_monotonic_time ();

      if (wait <= 0)
        pass_status (self);
      else
        self->status_timer = g_timeout_add ((guint) (wait / 1000) + 1, on_status_timer, self);
    }
}

/* The status script for the console where it is now; run at once on the page shown too */
static void
add_status_script (KaitsuBrowser *self,
                   gboolean       run_now)
{
  WebKitUserContentManager *manager = webkit_web_view_get_user_content_manager (WEBKIT_WEB_VIEW (self->view));
  g_autoptr (GBytes) source = g_resources_lookup_data (RESOURCE_PREFIX "/web/console-status.js", 0, NULL);
  g_autoptr (GUri) console = g_uri_parse (kaitsu_sites_get_base (self->sites, KAITSU_SITE_CONSOLE),
                                          G_URI_FLAGS_NONE, NULL);
  g_autofree char *pattern = NULL;
  g_autofree char *origin = NULL;
  g_autofree char *code = NULL;
  /* The console's words the script looks for, from the activation's description */
  static const char * const label_ids[] = { "severity", "succeeded", "pending", "protected-notice", "app-id",
                                            "atp-policy", "v1-atp-policy", "policy-on", "policy-off", "policy-choice", NULL };
  g_autofree char *labels = kaitsu_label_dup_json (label_ids);
  g_autofree char *services = kaitsu_service_dup_names_json ();
  const char *allow[] = { NULL, NULL };
  g_autoptr (WebKitUserScript) script = NULL;

  if (source == NULL || console == NULL)
    return;
  /* URL patterns carry no port, so the script also checks the exact origin itself. */
  pattern = g_strdup_printf ("%s://%s/*", g_uri_get_scheme (console), g_uri_get_host (console));
  allow[0] = pattern;
  origin = g_uri_join (G_URI_FLAGS_NONE, g_uri_get_scheme (console), NULL, g_uri_get_host (console),
                       g_uri_get_port (console), "", NULL, NULL);
  code = g_strdup_printf ("if (location.origin === '%s') {\nconst KAITSU_LABELS = %s;\nconst KAITSU_SERVICES = %s;\n"
                          "const KAITSU_LIMITS = { items: %d, text: %d, bytes: %d };\n%s\n}",
                          origin, labels, services, KAITSU_STATUS_MAX_ITEMS, KAITSU_STATUS_MAX_TEXT,
                          KAITSU_STATUS_MAX_BYTES, (const char *) g_bytes_get_data (source, NULL));
  script = webkit_user_script_new_for_world (code,
                                             WEBKIT_USER_CONTENT_INJECT_TOP_FRAME,
                                             WEBKIT_USER_SCRIPT_INJECT_AT_DOCUMENT_END,
                                             SCRIPT_WORLD, allow, NULL);
  webkit_user_content_manager_remove_all_scripts (manager);
  webkit_user_content_manager_add_script (manager, script);
  if (run_now)
    webkit_web_view_evaluate_javascript (WEBKIT_WEB_VIEW (self->view), code, -1, SCRIPT_WORLD, NULL, NULL, NULL, NULL);
}

static void
install_status_script (KaitsuBrowser *self)
{
  WebKitUserContentManager *manager = webkit_web_view_get_user_content_manager (WEBKIT_WEB_VIEW (self->view));

  add_status_script (self, FALSE);
  webkit_user_content_manager_register_script_message_handler (manager, "kaitsuStatus", SCRIPT_WORLD);
  g_signal_connect_object (manager, "script-message-received::kaitsuStatus",
                           G_CALLBACK (on_status_message), self, G_CONNECT_SWAPPED);
}

/* The console opened elsewhere than expected (another region, Trend Vision One): its status
 * is read there from now on, and on the page already shown */
void
kaitsu_browser_console_moved (KaitsuBrowser *self)
{
  g_return_if_fail (KAITSU_IS_BROWSER (self));

  if (self->role == KAITSU_BROWSER_MAIN)
    add_status_script (self, TRUE);
}

/* ---- The widget ----------------------------------------------------------------------------- */

static void
kaitsu_browser_dispose (GObject *object)
{
  KaitsuBrowser *self = KAITSU_BROWSER (object);

  if (self->popup != NULL)
    g_object_remove_weak_pointer (G_OBJECT (self->popup), (gpointer *) &self->popup);
  self->popup = NULL;
  g_clear_handle_id (&self->status_timer, g_source_remove);
  g_clear_handle_id (&self->answer_timer, g_source_remove);
  g_clear_handle_id (&self->watch_timer, g_source_remove);
  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  self->view = NULL;
  g_clear_object (&self->sites);
  G_OBJECT_CLASS (kaitsu_browser_parent_class)->dispose (object);
}

static void
kaitsu_browser_finalize (GObject *object)
{
  KaitsuBrowser *self = KAITSU_BROWSER (object);

  g_free (self->uri);
  g_free (self->text);
  g_free (self->outline);
  g_free (self->fingerprint);
  g_clear_pointer (&self->reading, kaitsu_page_reading_free);
  g_free (self->failed_uri);
  g_free (self->requested_uri);
  g_free (self->status_last);
  g_free (self->status_held);
  G_OBJECT_CLASS (kaitsu_browser_parent_class)->finalize (object);
}

static void
kaitsu_browser_class_init (KaitsuBrowserClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = kaitsu_browser_dispose;
  object_class->finalize = kaitsu_browser_finalize;

  signals[PAGE_SEEN] = g_signal_new ("page-seen", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                                     NULL, NULL, NULL, G_TYPE_NONE, 3, G_TYPE_POINTER, G_TYPE_STRING,
                                     G_TYPE_STRING);
  signals[POPUP_OPENED] = g_signal_new ("popup-opened", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                                        NULL, NULL, NULL, G_TYPE_NONE, 1, GTK_TYPE_WINDOW);
  signals[STATUS] = g_signal_new ("status", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                                  NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_POINTER);
  signals[NAVIGATION_REFUSED] = g_signal_new ("navigation-refused", G_TYPE_FROM_CLASS (klass),
                                              G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL, G_TYPE_NONE, 1,
                                              G_TYPE_STRING);
  signals[LOAD_FAILED] = g_signal_new ("load-failed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                                       NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_STRING);
  signals[PROCESS_CRASHED] = g_signal_new ("process-crashed", G_TYPE_FROM_CLASS (klass),
                                           G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL, G_TYPE_NONE, 0);
}

static void
on_notice_close (KaitsuBrowser *self)
{
  gtk_revealer_set_reveal_child (self->notice, FALSE);
}

static void
kaitsu_browser_init (KaitsuBrowser *self)
{
  self->cancellable = g_cancellable_new ();
  self->watch_every = 1;
  self->answer_timeout_ms = 30 * 1000;
}

/* GNOME's status page: an icon, a title, what happened and what to do; under it the
 * technical detail, dimmed, and 「Try Again」 (the status page scrolls a long explanation) */
static GtkWidget *
build_error_page (KaitsuBrowser *self)
{
  GtkWidget *page = adw_status_page_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 12);
  GtkWidget *button = gtk_button_new_with_mnemonic (_("_Try Again"));

  self->error_page = ADW_STATUS_PAGE (page);
  self->try_again = button;
  gtk_widget_add_css_class (page, "compact");
  self->error_detail = GTK_LABEL (gtk_label_new (NULL));
  gtk_label_set_wrap (self->error_detail, TRUE);
  gtk_label_set_wrap_mode (self->error_detail, PANGO_WRAP_WORD_CHAR);
  gtk_label_set_max_width_chars (self->error_detail, 60);
  gtk_label_set_justify (self->error_detail, GTK_JUSTIFY_CENTER);
  gtk_widget_add_css_class (GTK_WIDGET (self->error_detail), "dim-label");
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (self->error_detail));
  gtk_widget_set_halign (button, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (button, "suggested-action");
  gtk_widget_add_css_class (button, "pill");
  g_signal_connect_swapped (button, "clicked", G_CALLBACK (on_try_again), self);
  gtk_box_append (GTK_BOX (box), button);
  adw_status_page_set_child (self->error_page, box);
  return page;
}

static void
go_back (KaitsuBrowser *self)
{
  if (webkit_web_view_can_go_back (WEBKIT_WEB_VIEW (self->view)))
    webkit_web_view_go_back (WEBKIT_WEB_VIEW (self->view));
}

static void
update_back (KaitsuBrowser *self)
{
  gtk_widget_set_sensitive (self->back_button, webkit_web_view_can_go_back (WEBKIT_WEB_VIEW (self->view)));
}

/* WebKit's menu, less what leads out of the activation or to a developer's tools: opening in
 * a new window, downloading, the inspector, media controls. Copying, pasting, selecting,
 * spelling, Back and Reload stay, in the user's language as WebKit says them */
static gboolean
on_context_menu (KaitsuBrowser     *self,
                 WebKitContextMenu *menu)
{
  static const WebKitContextMenuAction kept[] = {
    WEBKIT_CONTEXT_MENU_ACTION_GO_BACK, WEBKIT_CONTEXT_MENU_ACTION_GO_FORWARD,
    WEBKIT_CONTEXT_MENU_ACTION_STOP, WEBKIT_CONTEXT_MENU_ACTION_RELOAD,
    WEBKIT_CONTEXT_MENU_ACTION_COPY, WEBKIT_CONTEXT_MENU_ACTION_CUT, WEBKIT_CONTEXT_MENU_ACTION_PASTE,
    WEBKIT_CONTEXT_MENU_ACTION_PASTE_AS_PLAIN_TEXT, WEBKIT_CONTEXT_MENU_ACTION_DELETE,
    WEBKIT_CONTEXT_MENU_ACTION_SELECT_ALL, WEBKIT_CONTEXT_MENU_ACTION_COPY_LINK_TO_CLIPBOARD,
    WEBKIT_CONTEXT_MENU_ACTION_SPELLING_GUESS, WEBKIT_CONTEXT_MENU_ACTION_NO_GUESSES_FOUND,
    WEBKIT_CONTEXT_MENU_ACTION_IGNORE_SPELLING, WEBKIT_CONTEXT_MENU_ACTION_LEARN_SPELLING,
    WEBKIT_CONTEXT_MENU_ACTION_INPUT_METHODS, WEBKIT_CONTEXT_MENU_ACTION_UNICODE,
    WEBKIT_CONTEXT_MENU_ACTION_INSERT_EMOJI,
  };
  GList *items = g_list_copy (webkit_context_menu_get_items (menu));
  gboolean last_was_separator = TRUE;

  for (GList *l = items; l != NULL; l = l->next)
    {
      WebKitContextMenuItem *item = l->data;
      WebKitContextMenuAction action = webkit_context_menu_item_get_stock_action (item);
      gboolean keep = FALSE;

      if (webkit_context_menu_item_is_separator (item))
        keep = !last_was_separator;
      for (guint i = 0; i < G_N_ELEMENTS (kept) && !keep; i++)
        keep = action == kept[i];
      if (keep)
        last_was_separator = webkit_context_menu_item_is_separator (item);
      else
        webkit_context_menu_remove (menu, item);
    }
  g_list_free (items);
  /* No separator last, and no menu at all when nothing is left */
  {
    guint n = webkit_context_menu_get_n_items (menu);

    if (n > 0 && webkit_context_menu_item_is_separator (webkit_context_menu_get_item_at_position (menu, n - 1)))
      webkit_context_menu_remove (menu, webkit_context_menu_last (menu));
  }
  return webkit_context_menu_get_n_items (menu) == 0;
}

static gboolean
reload_shortcut (GtkWidget *widget,
                 GVariant  *args,
                 gpointer   data)
{
  kaitsu_browser_reload (data);
  return TRUE;
}

static gboolean
back_shortcut (GtkWidget *widget,
               GVariant  *args,
               gpointer   data)
{
  go_back (data);
  return TRUE;
}

KaitsuBrowser *
kaitsu_browser_new (KaitsuSites       *sites,
                    KaitsuBrowserRole  role,
                    KaitsuWebView     *view)
{
  KaitsuBrowser *self;
  GtkWidget *bar, *overlay;

  g_return_val_if_fail (KAITSU_IS_SITES (sites), NULL);

  self = g_object_new (KAITSU_TYPE_BROWSER, "orientation", GTK_ORIENTATION_VERTICAL, NULL);
  self->sites = g_object_ref (sites);
  self->role = role;
  self->view = view != NULL ? view : KAITSU_WEB_VIEW (kaitsu_web_view_new ());

  bar = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  gtk_widget_add_css_class (bar, "address-line");
  self->lock = GTK_IMAGE (gtk_image_new_from_icon_name ("content-loading-symbolic"));
  self->host = GTK_LABEL (gtk_label_new (NULL));
  gtk_label_set_selectable (self->host, TRUE);
  gtk_label_set_ellipsize (self->host, PANGO_ELLIPSIZE_START);
  gtk_label_set_xalign (self->host, 0);
  gtk_widget_set_hexpand (GTK_WIDGET (self->host), TRUE);
  gtk_widget_add_css_class (GTK_WIDGET (self->host), "monospace");
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->host), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Site address"), -1);
  self->open_button = gtk_button_new_from_icon_name ("kaitsu-open-external-symbolic");
  gtk_widget_set_tooltip_text (self->open_button, _("Open this page in your web browser"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->open_button), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Open this page in your web browser"), -1);
  g_signal_connect_swapped (self->open_button, "clicked", G_CALLBACK (kaitsu_browser_open_externally), self);
  /* Back and Reload, as in a web browser: the failure messages and Microsoft's pages say to
   * reload, and a wrong click on a page needs a way back */
  {
    GtkWidget *reload = gtk_button_new_from_icon_name ("view-refresh-symbolic");
    GtkEventController *shortcuts = gtk_shortcut_controller_new ();

    self->back_button = gtk_button_new_from_icon_name ("go-previous-symbolic");
    gtk_widget_set_tooltip_text (self->back_button, _("Back to the previous page (Alt+Left)"));
    gtk_accessible_update_property (GTK_ACCESSIBLE (self->back_button), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                    _("Back to the previous page"), -1);
    gtk_widget_set_sensitive (self->back_button, FALSE);
    g_signal_connect_swapped (self->back_button, "clicked", G_CALLBACK (go_back), self);
    gtk_widget_set_tooltip_text (reload, _("Reload the page (F5)"));
    gtk_accessible_update_property (GTK_ACCESSIBLE (reload), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                    _("Reload the page"), -1);
    g_signal_connect_swapped (reload, "clicked", G_CALLBACK (kaitsu_browser_reload), self);
    gtk_box_append (GTK_BOX (bar), self->back_button);
    gtk_box_append (GTK_BOX (bar), reload);
    /* After the page: a page that uses these keys itself keeps them */
    gtk_event_controller_set_propagation_phase (shortcuts, GTK_PHASE_BUBBLE);
    gtk_shortcut_controller_add_shortcut (GTK_SHORTCUT_CONTROLLER (shortcuts),
                                          gtk_shortcut_new (gtk_alternative_trigger_new (gtk_keyval_trigger_new (GDK_KEY_F5, 0),
                                                                                         gtk_keyval_trigger_new (GDK_KEY_r, GDK_CONTROL_MASK)),
                                                            gtk_callback_action_new (reload_shortcut, self, NULL)));
    gtk_shortcut_controller_add_shortcut (GTK_SHORTCUT_CONTROLLER (shortcuts),
                                          gtk_shortcut_new (gtk_keyval_trigger_new (GDK_KEY_Left, GDK_ALT_MASK),
                                                            gtk_callback_action_new (back_shortcut, self, NULL)));
    gtk_widget_add_controller (GTK_WIDGET (self), shortcuts);
  }
  gtk_box_append (GTK_BOX (bar), GTK_WIDGET (self->lock));
  gtk_box_append (GTK_BOX (bar), GTK_WIDGET (self->host));
  gtk_box_append (GTK_BOX (bar), self->open_button);
  gtk_box_append (GTK_BOX (self), bar);

  /* Said once, without a dialog: the page was reloaded after its process ended. */
  self->notice = GTK_REVEALER (gtk_revealer_new ());
  {
    GtkWidget *line = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 8);
    GtkWidget *close = gtk_button_new_from_icon_name ("window-close-symbolic");

    self->notice_label = GTK_LABEL (gtk_label_new (NULL));
    gtk_label_set_wrap (self->notice_label, TRUE);
    gtk_label_set_xalign (self->notice_label, 0);
    gtk_widget_set_hexpand (GTK_WIDGET (self->notice_label), TRUE);
    gtk_widget_add_css_class (line, "banner");
    gtk_accessible_update_property (GTK_ACCESSIBLE (close), GTK_ACCESSIBLE_PROPERTY_LABEL, _("Close"), -1);
    gtk_widget_set_tooltip_text (close, _("Close this notice"));
    g_signal_connect_swapped (close, "clicked", G_CALLBACK (on_notice_close), self);
    gtk_box_append (GTK_BOX (line), GTK_WIDGET (self->notice_label));
    gtk_box_append (GTK_BOX (line), close);
    gtk_revealer_set_child (self->notice, line);
  }
  gtk_box_append (GTK_BOX (self), GTK_WIDGET (self->notice));

  self->stack = GTK_STACK (gtk_stack_new ());
  gtk_widget_set_vexpand (GTK_WIDGET (self->stack), TRUE);
  overlay = gtk_overlay_new ();
  gtk_overlay_set_child (GTK_OVERLAY (overlay), GTK_WIDGET (self->view));
  self->progress = GTK_PROGRESS_BAR (gtk_progress_bar_new ());
  gtk_widget_set_valign (GTK_WIDGET (self->progress), GTK_ALIGN_START);
  gtk_widget_set_visible (GTK_WIDGET (self->progress), FALSE);
  gtk_overlay_add_overlay (GTK_OVERLAY (overlay), GTK_WIDGET (self->progress));
  gtk_stack_add_named (self->stack, overlay, "web");
  gtk_stack_add_named (self->stack, build_error_page (self), "error");
  gtk_box_append (GTK_BOX (self), GTK_WIDGET (self->stack));

  g_signal_connect_object (self->view, "load-changed", G_CALLBACK (on_load_changed), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->view, "load-failed", G_CALLBACK (on_load_failed), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->view, "load-failed-with-tls-errors", G_CALLBACK (on_tls_failed),
                           self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->view, "web-process-terminated", G_CALLBACK (on_process_terminated),
                           self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->view, "decide-policy", G_CALLBACK (on_decide_policy), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->view, "create", G_CALLBACK (on_create), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->view, "notify::estimated-load-progress", G_CALLBACK (on_progress),
                           self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->view, "notify::uri", G_CALLBACK (update_address), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (webkit_web_view_get_back_forward_list (WEBKIT_WEB_VIEW (self->view)), "changed",
                           G_CALLBACK (update_back), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->view, "context-menu", G_CALLBACK (on_context_menu), self, G_CONNECT_SWAPPED);
  if (role == KAITSU_BROWSER_MAIN)
    install_status_script (self);
  return self;
}

KaitsuWebView *
kaitsu_browser_get_view (KaitsuBrowser *self)
{
  g_return_val_if_fail (KAITSU_IS_BROWSER (self), NULL);
  return self->view;
}

KaitsuSites *
kaitsu_browser_get_sites (KaitsuBrowser *self)
{
  g_return_val_if_fail (KAITSU_IS_BROWSER (self), NULL);
  return self->sites;
}

void
kaitsu_browser_load (KaitsuBrowser *self,
                     const char    *uri)
{
  g_return_if_fail (KAITSU_IS_BROWSER (self));
  g_return_if_fail (uri != NULL);

  /* Kaitsu's own loads obey the same policy as the pages' links. */
  if (!allowed_top_level (self, uri))
    {
      g_signal_emit (self, signals[NAVIGATION_REFUSED], 0, uri);
      return;
    }
  webkit_web_view_load_uri (WEBKIT_WEB_VIEW (self->view), uri);
}

void
kaitsu_browser_reload (KaitsuBrowser *self)
{
  g_return_if_fail (KAITSU_IS_BROWSER (self));
  /* After a failure the page that failed, as 「Try Again」 does */
  if (g_strcmp0 (gtk_stack_get_visible_child_name (self->stack), "error") == 0)
    on_try_again (self);
  else
    webkit_web_view_reload (WEBKIT_WEB_VIEW (self->view));
}



const char *
kaitsu_browser_get_uri (KaitsuBrowser *self)
{
  g_return_val_if_fail (KAITSU_IS_BROWSER (self), NULL);
  return self->uri;
}

const char *
kaitsu_browser_get_text (KaitsuBrowser *self)
{
  g_return_val_if_fail (KAITSU_IS_BROWSER (self), NULL);
  return self->text;
}

const KaitsuPageReading *
kaitsu_browser_get_reading (KaitsuBrowser *self)
{
  g_return_val_if_fail (KAITSU_IS_BROWSER (self), NULL);
  return self->reading;
}

const char *
kaitsu_browser_get_outline (KaitsuBrowser *self)
{
  g_return_val_if_fail (KAITSU_IS_BROWSER (self), NULL);
  return self->outline;
}

/* Finds fields by their visible label and buttons by their visible text, never by ids. */
static const char fill_helpers[] =
  "function kLabel(t){for(const l of document.querySelectorAll('label')){"
  "if(l.innerText.trim().replace(/[:：]$/,'')===t){const id=l.getAttribute('for');"
  "const e=id?document.getElementById(id):l.querySelector('input,textarea');if(e)return e;}}return null;}"
  "function kFill(t,v){const e=kLabel(t);if(!e)return false;"
  "if(e.type==='checkbox'||e.type==='radio'){e.checked=v!==''&&v!=='0';"
  "e.dispatchEvent(new Event('change',{bubbles:true}));return true;}e.value=v;"
  "e.dispatchEvent(new Event('input',{bubbles:true}));return true;}"
  "function kClick(t){const c=Array.from(document.querySelectorAll('button,a,input[type=submit]'));"
  "const e=c.find(x=>(x.innerText||x.value||'').trim()===t);if(!e)return false;e.click();return true;}"
  /* The button with this text whose closest surroundings naming `near` (its row, its block)
   * hold no other such button: never a neighbour's */
  "function kClickNear(t,n){const c=Array.from(document.querySelectorAll('button,a,input[type=submit]'))"
  ".filter(x=>(x.innerText||x.value||'').trim()===t);"
  "for(const x of c){let p=x;while(p&&!(p.innerText||'').includes(n))p=p.parentElement;"
  "if(p&&c.filter(y=>p.contains(y)).length===1){x.click();return true;}}return false;}";

static char *
js_string (const char *text)
{
  g_autoptr (JSCContext) context = jsc_context_new ();
  g_autoptr (JSCValue) value = jsc_value_new_string (context, text);

  return jsc_value_to_json (value, 0);
}

/* Fills labelled fields ({label, value, …, NULL}) and, if asked, presses a button. */
void
kaitsu_browser_fill (KaitsuBrowser *self,
                     const char    *fills[],
                     const char    *click)
{
  g_autoptr (GString) script = g_string_new (fill_helpers);

  g_return_if_fail (KAITSU_IS_BROWSER (self));

  for (guint i = 0; fills != NULL && fills[i] != NULL && fills[i + 1] != NULL; i += 2)
    {
      g_autofree char *label = js_string (fills[i]);
      g_autofree char *value = js_string (fills[i + 1]);
      g_string_append_printf (script, "kFill(%s,%s);", label, value);
    }
  if (click != NULL)
    {
      g_autofree char *target = js_string (click);

      /* The label only: what is filled in may be a password */
      g_debug ("clicking %s", click);
      g_string_append_printf (script, "kClick(%s);", target);
    }
  kaitsu_browser_run_script (self, script->str);
}

/* Presses the button or link with this text that sits with `near` (a row naming a service) */
void
kaitsu_browser_press_near (KaitsuBrowser *self,
                           const char    *label,
                           const char    *near)
{
  g_autofree char *target = js_string (label);
  g_autofree char *context = js_string (near);
  g_autofree char *script = g_strdup_printf ("%skClickNear(%s,%s);", fill_helpers, target, context);

  g_return_if_fail (KAITSU_IS_BROWSER (self));
  g_debug ("clicking %s near %s", label, near);
  kaitsu_browser_run_script (self, script);
}

/* Presses the first of these buttons or links that the page shows ({label, …, NULL}) */
void
kaitsu_browser_press_first (KaitsuBrowser      *self,
                            const char * const *labels)
{
  g_autoptr (GString) script = g_string_new (fill_helpers);

  g_return_if_fail (KAITSU_IS_BROWSER (self));
  g_string_append (script, "void (false");
  for (guint i = 0; labels[i] != NULL; i++)
    {
      g_autofree char *target = js_string (labels[i]);
      g_string_append_printf (script, "||kClick(%s)", target);
    }
  g_string_append (script, ");");
  kaitsu_browser_run_script (self, script->str);
}

/* For the practice autopilot: a script in its own isolated world, never the page's. */
void
kaitsu_browser_run_script (KaitsuBrowser *self,
                           const char    *script)
{
  g_return_if_fail (KAITSU_IS_BROWSER (self));
  webkit_web_view_evaluate_javascript (WEBKIT_WEB_VIEW (self->view), script, -1, "kaitsu-autopilot",
                                       NULL, NULL, NULL, NULL);
}

/* What the connection check found after this page failed to load */
void
kaitsu_browser_set_error_detail (KaitsuBrowser *self,
                                 const char    *detail)
{
  g_return_if_fail (KAITSU_IS_BROWSER (self));
  kaitsu_label_set_label (self->error_detail, detail != NULL ? detail : "");
}

/* How long a load may go without an answer from the site before the page says so (30 s unless
 * set; tests shorten it) */
void
kaitsu_browser_set_answer_timeout (KaitsuBrowser *self,
                                   guint          milliseconds)
{
  g_return_if_fail (KAITSU_IS_BROWSER (self));
  g_return_if_fail (milliseconds > 0);

  self->answer_timeout_ms = milliseconds;
}
