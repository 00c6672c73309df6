/* SPDX-License-Identifier: GPL-3.0-or-later */
/* kaitsu-service-page.c: one service's grant, one service at a time */

#include "config.h"

#define G_LOG_DOMAIN "kaitsu-service-page"

#include <glib/gi18n.h>

#include "kaitsu-activation.h"
#include "kaitsu-aadsts.h"
#include "kaitsu-label.h"
#include "kaitsu-service-page.h"
#include "kaitsu-service-status.h"
#include "kaitsu-window.h"

struct _KaitsuServicePage
{
  KaitsuPage parent_instance;

  GtkImage *state_icon;
  GtkLabel *state_label;
  GtkLabel *attempts_label;
  GtkLabel *policy_label;
  GtkLabel *busy_label;
  GtkLabel *error_label;
  GtkWidget *start_button;
  GtkWidget *closed_button;
  GtkWidget *protected_button;
  GtkWidget *failed_button;
  GtkCheckButton *app_id_check;
  GtkWidget *browser_button;

  /* While syncing: a look at the clock every minute, for 「保留」 that lasts */
  guint pending_tick;
};

/* The manual's advice for 「保留」 that does not change comes after this long */
#define LONG_PENDING_MINUTES 15

G_DEFINE_FINAL_TYPE (KaitsuServicePage, kaitsu_service_page, KAITSU_TYPE_PAGE)

static KaitsuService
get_service (KaitsuServicePage *self)
{
  return kaitsu_step_get_service (kaitsu_page_get_step (KAITSU_PAGE (self)));
}

static void kaitsu_service_page_refresh (KaitsuPage *page);

static gboolean
on_pending_tick (gpointer data)
{
  kaitsu_service_page_refresh (KAITSU_PAGE (data));
  return G_SOURCE_CONTINUE;
}

static void
kaitsu_service_page_refresh (KaitsuPage *page)
{
  KaitsuServicePage *self = KAITSU_SERVICE_PAGE (page);
  KaitsuFlow *flow = kaitsu_page_get_flow (page);
  KaitsuService service = get_service (self);
  KaitsuServiceState state = kaitsu_flow_get_service_state (flow, service);
  KaitsuService busy = kaitsu_flow_get_busy_service (flow, service);
  guint attempts = kaitsu_flow_get_service_attempts (flow, service);
  const char *last_error = kaitsu_flow_get_service_last_error (flow, service);
  /* The same icon as the side pane shows for this state */
  const char *icon = kaitsu_service_state_get_icon_name (state);
  const char *text = NULL;
  g_autofree char *long_text = NULL;
  gint64 minutes;

  if (state != KAITSU_SERVICE_STATE_SYNCING)
    g_clear_handle_id (&self->pending_tick, g_source_remove);
  else if (self->pending_tick == 0)
    self->pending_tick = g_timeout_add_seconds (60, on_pending_tick, self);

  switch (state)
    {
    case KAITSU_SERVICE_STATE_NOT_STARTED:
      text = _("Not started");
      break;
    case KAITSU_SERVICE_STATE_CONNECTING:
      text = _("Connecting: sign in and accept in the Microsoft window");
      break;
    case KAITSU_SERVICE_STATE_SYNCING:
      minutes = (g_get_real_time () / G_USEC_PER_SEC - kaitsu_flow_get_service_changed (flow, service)) / 60;
      if (kaitsu_flow_get_service_changed (flow, service) > 0 && minutes >= LONG_PENDING_MINUTES)
        {
          g_autofree char *counted = g_strdup_printf (ngettext ("Still {pending} after %d minute. Switch to another screen of the console and back. If it is still {pending}, wait a few hours, then grant this service again.",
                                                                "Still {pending} after %d minutes. Switch to another screen of the console and back. If it is still {pending}, wait a few hours, then grant this service again.",
                                                                (gulong) minutes), (int) minutes);
          text = long_text = kaitsu_label_fill (counted, service);
        }
      else
        text = long_text = kaitsu_activation_expand (N_("Syncing ({pending}): press {update-status} in the console from time to time"), service);
      break;
    case KAITSU_SERVICE_STATE_PROTECTED:
      text = _("Access granted");
      break;
    case KAITSU_SERVICE_STATE_ERROR:
    default:
      {
        GArray *codes = kaitsu_flow_get_service_errors (flow, service);
        guint code = codes != NULL && codes->len > 0 ? g_array_index (codes, guint, codes->len - 1) : 0;

        /* Microsoft's error says what to do (a wrong password is typed again, a blocked
         * sign-in needs the browser); the console's dialog only for the rest */
        if (code != 0 && kaitsu_aadsts_is_known (code))
          {
            g_autofree char *advice = kaitsu_aadsts_dup_advice (code);

            /* Translators: Microsoft's error number, then what to do */
            text = long_text = g_strdup_printf (_("Failed (AADSTS%u): %s"), code, advice);
          }
        else
          text = _("Failed: close the dialog with its ×, reload the console and try again");
      }
      break;
    }
  gtk_image_set_from_icon_name (self->state_icon, icon);
  kaitsu_label_set_label (self->state_label, text);

  if (attempts > 0)
    {
      /* Translators: how many times the user has pressed 権限の付与 for this service */
      g_autofree char *tries = g_strdup_printf (ngettext ("%u attempt", "%u attempts", attempts),
                                                attempts);
      kaitsu_label_set_label (self->attempts_label, tries);
    }
  else
    kaitsu_label_set_label (self->attempts_label, "");

  gtk_widget_set_visible (GTK_WIDGET (self->busy_label), busy != KAITSU_SERVICE_NONE &&
                          (state == KAITSU_SERVICE_STATE_NOT_STARTED ||
                           state == KAITSU_SERVICE_STATE_ERROR));
  if (busy != KAITSU_SERVICE_NONE)
    {
      /* Translators: both are product names */
      g_autofree char *busy_text = g_strdup_printf (_("%1$s is still being connected. Wait until it is protected before you start %2$s."),
                                                    kaitsu_service_get_name (busy),
                                                    kaitsu_service_get_name (service));
      kaitsu_label_set_label (self->busy_label, busy_text);
    }

  /* The grant dialog's policy choice, as Kaitsu read it: never assumed */
  {
    g_autofree char *hint = NULL;
    const char *offered = kaitsu_flow_get_grant_policy (flow, service);

    switch (kaitsu_flow_get_grant_choice (flow, service))
      {
      case KAITSU_GRANT_CHOICE_NOT_TICKED:
        /* Translators: %s is a policy's name as the console shows it, quoted 「…」 */
        hint = g_strdup_printf (_("The dialog offers to switch 「%s」 on with the grant. Tick it, unless your own procedure says otherwise: otherwise this service scans nothing until you switch it on later."),
                                offered);
        break;
      case KAITSU_GRANT_CHOICE_TICKED:
        hint = g_strdup_printf (_("「%s」 is ticked: it is switched on with the grant. Kaitsu checks it after the grants."), offered);
        break;
      case KAITSU_GRANT_CHOICE_NOT_OFFERED:
        hint = g_strdup (_("This dialog offers no default threat protection policy by name. Leave its choices as your procedure says: Kaitsu checks the policies after the grants and shows you how to switch them on."));
        break;
      case KAITSU_GRANT_CHOICE_UNKNOWN:
      default:
        break;
      }
    gtk_widget_set_visible (GTK_WIDGET (self->policy_label), hint != NULL);
    kaitsu_label_set_label (self->policy_label, hint != NULL ? hint : "");
  }

  gtk_widget_set_visible (GTK_WIDGET (self->error_label), last_error != NULL);
  kaitsu_label_set_label (self->error_label, last_error != NULL ? last_error : "");

  {
    g_autofree char *start = kaitsu_activation_expand (state == KAITSU_SERVICE_STATE_ERROR
                                                       ? N_("I _pressed {grant-permission} again")
                                                       : N_("I _pressed {grant-permission}"), service);
    gtk_button_set_label (GTK_BUTTON (self->start_button), start);
  }
  gtk_widget_set_sensitive (self->start_button, busy == KAITSU_SERVICE_NONE &&
                            (state == KAITSU_SERVICE_STATE_NOT_STARTED ||
                             state == KAITSU_SERVICE_STATE_ERROR));
  gtk_widget_set_sensitive (self->closed_button, state == KAITSU_SERVICE_STATE_CONNECTING);
  gtk_widget_set_sensitive (self->protected_button,
                            state == KAITSU_SERVICE_STATE_CONNECTING ||
                            state == KAITSU_SERVICE_STATE_SYNCING);
  gtk_widget_set_sensitive (self->failed_button,
                            state == KAITSU_SERVICE_STATE_CONNECTING ||
                            state == KAITSU_SERVICE_STATE_SYNCING);

  /* Sign-ins that cannot work embedded (Conditional Access, compliant devices): the system
   * browser, with the user telling Kaitsu each step through the buttons below. */
  {
    GArray *errors = kaitsu_flow_get_service_errors (flow, service);
    guint code = errors->len > 0 ? g_array_index (errors, guint, errors->len - 1) : 0;

    gtk_widget_set_visible (self->browser_button, code != 0 && kaitsu_aadsts_needs_browser (code));
  }
  gtk_widget_set_visible (GTK_WIDGET (self->app_id_check), service == KAITSU_SERVICE_TEAMS);
  gtk_check_button_set_active (self->app_id_check,
                               kaitsu_flow_get_app_permission_needed (flow));
}

static void
on_start_clicked (KaitsuServicePage *self)
{
  g_autoptr (GError) error = NULL;
  KaitsuFlow *flow = kaitsu_page_get_flow (KAITSU_PAGE (self));

  /* The button is insensitive while another service is busy; the flow enforces it anyway. */
  if (!kaitsu_flow_start_service (flow, get_service (self), &error))
    {
      kaitsu_label_set_label (self->busy_label, error->message);
      gtk_widget_set_visible (GTK_WIDGET (self->busy_label), TRUE);
    }
}

static void
on_closed_clicked (KaitsuServicePage *self)
{
  kaitsu_flow_service_syncing (kaitsu_page_get_flow (KAITSU_PAGE (self)), get_service (self));
}

static void
on_protected_clicked (KaitsuServicePage *self)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  KaitsuGuide *guide = KAITSU_IS_WINDOW (root) ? kaitsu_window_get_guide (KAITSU_WINDOW (root)) : NULL;
  KaitsuService service = get_service (self);

  /* A manual confirmation is for when the console cannot be read; when it can and still
   * says 「保留」, the guard stays: no next service while anything is pending. */
  if (guide != NULL && kaitsu_guide_console_says_pending (guide, service))
    {
      g_autofree char *counted = g_strdup_printf (_("The console still shows {pending} for %s. Wait until its notifications say it is protected; Kaitsu notices by itself."),
                                                  kaitsu_service_get_name (service));
      g_autofree char *text = kaitsu_label_fill (counted, service);

      kaitsu_label_set_label (self->error_label, text);
      gtk_widget_set_visible (GTK_WIDGET (self->error_label), TRUE);
      return;
    }
  kaitsu_flow_service_protected_by_hand (kaitsu_page_get_flow (KAITSU_PAGE (self)), service);
}

static void
on_failed_clicked (KaitsuServicePage *self)
{
  kaitsu_flow_service_failed (kaitsu_page_get_flow (KAITSU_PAGE (self)), get_service (self),
                              _("You reported that the console showed an error or a timeout."));
}

static void
on_browser_clicked (KaitsuServicePage *self)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  KaitsuGuide *guide = KAITSU_IS_WINDOW (root) ? kaitsu_window_get_guide (KAITSU_WINDOW (root)) : NULL;
  KaitsuSites *sites = KAITSU_IS_WINDOW (root) ? kaitsu_window_get_sites (KAITSU_WINDOW (root)) : NULL;
  const char *uri = guide != NULL ? kaitsu_browser_get_uri (kaitsu_guide_get_browser (guide)) : NULL;
  g_autofree char *console = NULL;

  if (uri == NULL && sites != NULL)
    uri = console = g_strconcat (kaitsu_sites_get_base (sites, KAITSU_SITE_CONSOLE), "/", NULL);
  if (uri != NULL)
    gtk_show_uri (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL, uri, GDK_CURRENT_TIME);
}

static void
on_app_id_toggled (KaitsuServicePage *self)
{
  kaitsu_flow_set_app_permission_needed (kaitsu_page_get_flow (KAITSU_PAGE (self)),
                                         gtk_check_button_get_active (self->app_id_check));
}

static void
kaitsu_service_page_dispose (GObject *object)
{
  g_clear_handle_id (&KAITSU_SERVICE_PAGE (object)->pending_tick, g_source_remove);
  G_OBJECT_CLASS (kaitsu_service_page_parent_class)->dispose (object);
}

static void
kaitsu_service_page_class_init (KaitsuServicePageClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  G_OBJECT_CLASS (klass)->dispose = kaitsu_service_page_dispose;
  KAITSU_PAGE_CLASS (klass)->refresh = kaitsu_service_page_refresh;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_PREFIX "/kaitsu-service-page.ui");
  gtk_widget_class_bind_template_child (widget_class, KaitsuServicePage, state_icon);
  gtk_widget_class_bind_template_child (widget_class, KaitsuServicePage, state_label);
  gtk_widget_class_bind_template_child (widget_class, KaitsuServicePage, attempts_label);
  gtk_widget_class_bind_template_child (widget_class, KaitsuServicePage, policy_label);
  gtk_widget_class_bind_template_child (widget_class, KaitsuServicePage, busy_label);
  gtk_widget_class_bind_template_child (widget_class, KaitsuServicePage, error_label);
  gtk_widget_class_bind_template_child (widget_class, KaitsuServicePage, start_button);
  gtk_widget_class_bind_template_child (widget_class, KaitsuServicePage, closed_button);
  gtk_widget_class_bind_template_child (widget_class, KaitsuServicePage, protected_button);
  gtk_widget_class_bind_template_child (widget_class, KaitsuServicePage, failed_button);
  gtk_widget_class_bind_template_child (widget_class, KaitsuServicePage, app_id_check);
  gtk_widget_class_bind_template_callback (widget_class, on_start_clicked);
  gtk_widget_class_bind_template_callback (widget_class, on_closed_clicked);
  gtk_widget_class_bind_template_callback (widget_class, on_protected_clicked);
  gtk_widget_class_bind_template_callback (widget_class, on_failed_clicked);
  gtk_widget_class_bind_template_callback (widget_class, on_app_id_toggled);
  gtk_widget_class_bind_template_callback (widget_class, on_browser_clicked);
  gtk_widget_class_bind_template_child (widget_class, KaitsuServicePage, browser_button);
}

static void
kaitsu_service_page_init (KaitsuServicePage *self)
{
  g_autofree char *app_id = NULL;

  gtk_widget_init_template (GTK_WIDGET (self));
  app_id = kaitsu_activation_expand (N_("The console shows an {app-id} for Microsoft _Teams"), KAITSU_SERVICE_NONE);
  gtk_check_button_set_label (self->app_id_check, app_id);
}
