/* SPDX-License-Identifier: GPL-3.0-or-later */
/* kaitsu-window.c: the assistant window; navigation follows the flow */

#include "config.h"

#define G_LOG_DOMAIN "kaitsu-window"

#include <glib/gi18n.h>

#include "kaitsu-window.h"

struct _KaitsuWindow
{
  GtkApplicationWindow parent_instance;

  KaitsuFlow *flow;
  GSettings *settings;
  char *title_text;

  KaitsuStepList *step_list;
  KaitsuAssistant *assistant;
  KaitsuSidePane *side_pane;

  GtkWidget *back_button;
  GtkWidget *next_button;
  GtkLabel *title_label;
  GtkLabel *subtitle_label;
  GtkRevealer *banner_revealer;
  GtkLabel *banner_label;
  GtkWidget *banner_start_over;
  GtkWidget *banner_dismiss;
  GtkBox *content_box;
  GtkRevealer *side_pane_revealer;
};

G_DEFINE_FINAL_TYPE (KaitsuWindow, kaitsu_window, GTK_TYPE_APPLICATION_WINDOW)

enum {
  PROP_0,
  PROP_FLOW,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
update_navigation (KaitsuWindow *self)
{
  KaitsuStep step = kaitsu_flow_get_current_step (self->flow);
  g_autofree char *title = kaitsu_step_dup_title (step);

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "assistant.back",
                                 kaitsu_flow_can_go_back (self->flow));
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "assistant.next",
                                 kaitsu_flow_can_go_next (self->flow));
  /* The last page has nothing to go on to. */
  gtk_widget_set_visible (self->next_button, step != KAITSU_STEP_FINISH);

  if (g_strcmp0 (title, self->title_text) != 0)
    {
      g_free (self->title_text);
      self->title_text = g_steal_pointer (&title);
      gtk_label_set_label (self->title_label, self->title_text);
      gtk_window_set_title (GTK_WINDOW (self), self->title_text);
    }
  gtk_label_set_label (self->subtitle_label, kaitsu_step_get_id (step));
}

static void
back_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  KaitsuWindow *self = KAITSU_WINDOW (widget);

  kaitsu_flow_go_back (self->flow, NULL);
}

static void
next_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  KaitsuWindow *self = KAITSU_WINDOW (widget);

  kaitsu_flow_go_next (self->flow, NULL);
}

static void
on_start_over_response (GtkDialog    *dialog,
                        int           response,
                        KaitsuWindow *self)
{
  if (response == GTK_RESPONSE_ACCEPT)
    {
      kaitsu_flow_reset (self->flow);
      gtk_revealer_set_reveal_child (self->banner_revealer, FALSE);
    }
  gtk_window_destroy (GTK_WINDOW (dialog));
}

static void
start_over_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  KaitsuWindow *self = KAITSU_WINDOW (widget);
  GtkWidget *dialog;
  GtkWidget *button;

  dialog = gtk_message_dialog_new (GTK_WINDOW (self),
                                   GTK_DIALOG_MODAL | GTK_DIALOG_DESTROY_WITH_PARENT,
                                   GTK_MESSAGE_QUESTION, GTK_BUTTONS_NONE,
                                   _("Start the activation over?"));
  gtk_message_dialog_format_secondary_text (GTK_MESSAGE_DIALOG (dialog), "%s",
                                            _("Kaitsu forgets the choices and progress of this activation. What you already did in the console stays done."));
  gtk_dialog_add_button (GTK_DIALOG (dialog), _("_Cancel"), GTK_RESPONSE_CANCEL);
  button = gtk_dialog_add_button (GTK_DIALOG (dialog), _("_Start Over"), GTK_RESPONSE_ACCEPT);
  gtk_widget_add_css_class (button, "destructive-action");
  gtk_dialog_set_default_response (GTK_DIALOG (dialog), GTK_RESPONSE_CANCEL);
  g_signal_connect (dialog, "response", G_CALLBACK (on_start_over_response), self);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
on_banner_start_over (KaitsuWindow *self)
{
  kaitsu_flow_reset (self->flow);
  gtk_revealer_set_reveal_child (self->banner_revealer, FALSE);
}

static void
on_banner_dismiss (KaitsuWindow *self)
{
  gtk_revealer_set_reveal_child (self->banner_revealer, FALSE);
}

static gboolean
kaitsu_window_close_request (GtkWindow *window)
{
  KaitsuWindow *self = KAITSU_WINDOW (window);
  int width, height;

  gtk_window_get_default_size (window, &width, &height);
  g_settings_set (self->settings, "window-size", "(ii)", width, height);
  g_settings_set_boolean (self->settings, "window-maximized", gtk_window_is_maximized (window));
  return GTK_WINDOW_CLASS (kaitsu_window_parent_class)->close_request (window);
}

/* Once per display, whoever opens the first window: the app or a test. */
static void
load_style (GdkDisplay *display)
{
  g_autoptr (GtkCssProvider) css = NULL;

  if (g_object_get_data (G_OBJECT (display), "kaitsu-style") != NULL)
    return;
  css = gtk_css_provider_new ();
  gtk_css_provider_load_from_resource (css, RESOURCE_PREFIX "/style.css");
  gtk_style_context_add_provider_for_display (display, GTK_STYLE_PROVIDER (css),
                                              GTK_STYLE_PROVIDER_PRIORITY_APPLICATION);
  g_object_set_data (G_OBJECT (display), "kaitsu-style", GINT_TO_POINTER (TRUE));
}

static void
kaitsu_window_constructed (GObject *object)
{
  KaitsuWindow *self = KAITSU_WINDOW (object);
  g_autoptr (GAction) side_pane_action = NULL;
  GtkWidget *separator;
  int width, height;

  G_OBJECT_CLASS (kaitsu_window_parent_class)->constructed (object);

  g_assert (KAITSU_IS_FLOW (self->flow));

  load_style (gtk_widget_get_display (GTK_WIDGET (self)));
  self->assistant = KAITSU_ASSISTANT (kaitsu_assistant_new (self->flow));
  gtk_widget_set_hexpand (GTK_WIDGET (self->assistant), TRUE);
  gtk_box_prepend (self->content_box, GTK_WIDGET (self->assistant));
  separator = gtk_separator_new (GTK_ORIENTATION_VERTICAL);
  gtk_box_prepend (self->content_box, separator);
  self->step_list = KAITSU_STEP_LIST (kaitsu_step_list_new (self->flow));
  gtk_widget_set_size_request (GTK_WIDGET (self->step_list), 240, -1);
  gtk_box_prepend (self->content_box, GTK_WIDGET (self->step_list));
  self->side_pane = KAITSU_SIDE_PANE (kaitsu_side_pane_new (self->flow));
  gtk_revealer_set_child (self->side_pane_revealer, GTK_WIDGET (self->side_pane));

  side_pane_action = g_settings_create_action (self->settings, "side-pane-visible");
  g_action_map_add_action (G_ACTION_MAP (self), side_pane_action);
  g_settings_bind (self->settings, "side-pane-visible", self->side_pane_revealer,
                   "reveal-child", G_SETTINGS_BIND_GET);

  g_settings_get (self->settings, "window-size", "(ii)", &width, &height);
  gtk_window_set_default_size (GTK_WINDOW (self), width, height);
  if (g_settings_get_boolean (self->settings, "window-maximized"))
    gtk_window_maximize (GTK_WINDOW (self));

  g_signal_connect_object (self->flow, "step-changed", G_CALLBACK (update_navigation),
                           self, G_CONNECT_SWAPPED);
  update_navigation (self);
}

static void
kaitsu_window_dispose (GObject *object)
{
  KaitsuWindow *self = KAITSU_WINDOW (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), KAITSU_TYPE_WINDOW);
  g_clear_object (&self->settings);
  g_clear_object (&self->flow);
  G_OBJECT_CLASS (kaitsu_window_parent_class)->dispose (object);
}

static void
kaitsu_window_finalize (GObject *object)
{
  g_free (KAITSU_WINDOW (object)->title_text);
  G_OBJECT_CLASS (kaitsu_window_parent_class)->finalize (object);
}

static void
kaitsu_window_get_property (GObject    *object,
                            guint       prop_id,
                            GValue     *value,
                            GParamSpec *pspec)
{
  switch (prop_id)
    {
    case PROP_FLOW:
      g_value_set_object (value, KAITSU_WINDOW (object)->flow);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
kaitsu_window_set_property (GObject      *object,
                            guint         prop_id,
                            const GValue *value,
                            GParamSpec   *pspec)
{
  switch (prop_id)
    {
    case PROP_FLOW:
      KAITSU_WINDOW (object)->flow = g_value_dup_object (value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
kaitsu_window_class_init (KaitsuWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = kaitsu_window_constructed;
  object_class->dispose = kaitsu_window_dispose;
  object_class->finalize = kaitsu_window_finalize;
  object_class->get_property = kaitsu_window_get_property;
  object_class->set_property = kaitsu_window_set_property;
  GTK_WINDOW_CLASS (klass)->close_request = kaitsu_window_close_request;

  properties[PROP_FLOW] =
    g_param_spec_object ("flow", NULL, NULL, KAITSU_TYPE_FLOW,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PREFIX "/kaitsu-window.ui");
  gtk_widget_class_bind_template_child (widget_class, KaitsuWindow, back_button);
  gtk_widget_class_bind_template_child (widget_class, KaitsuWindow, next_button);
  gtk_widget_class_bind_template_child (widget_class, KaitsuWindow, title_label);
  gtk_widget_class_bind_template_child (widget_class, KaitsuWindow, subtitle_label);
  gtk_widget_class_bind_template_child (widget_class, KaitsuWindow, banner_revealer);
  gtk_widget_class_bind_template_child (widget_class, KaitsuWindow, banner_label);
  gtk_widget_class_bind_template_child (widget_class, KaitsuWindow, banner_start_over);
  gtk_widget_class_bind_template_child (widget_class, KaitsuWindow, banner_dismiss);
  gtk_widget_class_bind_template_child (widget_class, KaitsuWindow, content_box);
  gtk_widget_class_bind_template_child (widget_class, KaitsuWindow, side_pane_revealer);
  gtk_widget_class_bind_template_callback (widget_class, on_banner_start_over);
  gtk_widget_class_bind_template_callback (widget_class, on_banner_dismiss);

  gtk_widget_class_install_action (widget_class, "assistant.back", NULL, back_action);
  gtk_widget_class_install_action (widget_class, "assistant.next", NULL, next_action);
  gtk_widget_class_install_action (widget_class, "assistant.start-over", NULL, start_over_action);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Left, GDK_ALT_MASK,
                                       "assistant.back", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Right, GDK_ALT_MASK,
                                       "assistant.next", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_F9, 0,
                                       "win.side-pane-visible", NULL);
}

static void
kaitsu_window_init (KaitsuWindow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  self->settings = g_settings_new (APP_ID);
}

KaitsuWindow *
kaitsu_window_new (GtkApplication *application,
                   KaitsuFlow     *flow)
{
  return g_object_new (KAITSU_TYPE_WINDOW, "application", application, "flow", flow, NULL);
}

KaitsuFlow *
kaitsu_window_get_flow (KaitsuWindow *self)
{
  g_return_val_if_fail (KAITSU_IS_WINDOW (self), NULL);
  return self->flow;
}

KaitsuAssistant *
kaitsu_window_get_assistant (KaitsuWindow *self)
{
  g_return_val_if_fail (KAITSU_IS_WINDOW (self), NULL);
  return self->assistant;
}

KaitsuStepList *
kaitsu_window_get_step_list (KaitsuWindow *self)
{
  g_return_val_if_fail (KAITSU_IS_WINDOW (self), NULL);
  return self->step_list;
}

KaitsuSidePane *
kaitsu_window_get_side_pane (KaitsuWindow *self)
{
  g_return_val_if_fail (KAITSU_IS_WINDOW (self), NULL);
  return self->side_pane;
}

GtkWidget *
kaitsu_window_get_back_button (KaitsuWindow *self)
{
  g_return_val_if_fail (KAITSU_IS_WINDOW (self), NULL);
  return self->back_button;
}

GtkWidget *
kaitsu_window_get_next_button (KaitsuWindow *self)
{
  g_return_val_if_fail (KAITSU_IS_WINDOW (self), NULL);
  return self->next_button;
}

const char *
kaitsu_window_get_title_text (KaitsuWindow *self)
{
  g_return_val_if_fail (KAITSU_IS_WINDOW (self), NULL);
  return self->title_text;
}

void
kaitsu_window_show_banner (KaitsuWindow     *self,
                           KaitsuBannerKind  kind,
                           const char       *text)
{
  g_return_if_fail (KAITSU_IS_WINDOW (self));

  gtk_label_set_label (self->banner_label, text);
  gtk_widget_set_visible (self->banner_start_over, kind == KAITSU_BANNER_RESUME);
  gtk_button_set_label (GTK_BUTTON (self->banner_dismiss),
                        kind == KAITSU_BANNER_RESUME ? _("_Continue") : _("_Close"));
  gtk_revealer_set_reveal_child (self->banner_revealer, TRUE);
}

gboolean
kaitsu_window_get_banner_visible (KaitsuWindow *self)
{
  g_return_val_if_fail (KAITSU_IS_WINDOW (self), FALSE);
  return gtk_revealer_get_reveal_child (self->banner_revealer);
}
