/* SPDX-License-Identifier: GPL-3.0-or-later */
/* kaitsu-side-pane.c: what is true right now, and what happened in this session */

#include "config.h"

#define G_LOG_DOMAIN "kaitsu-side-pane"

#include <glib/gi18n.h>

#include "kaitsu-activation.h"
#include "kaitsu-console-status.h"
#include "kaitsu-label.h"
#include "kaitsu-mask.h"
#include "kaitsu-row.h"
#include "kaitsu-service-status.h"
#include "kaitsu-side-pane.h"

#define MAX_TIMELINE 200

struct _KaitsuSidePane
{
  GtkBox parent_instance;

  KaitsuFlow *flow;
  GtkListBox *services_box;
  GtkWidget *timeline_empty;
  GtkBox *timeline_box;
  guint timeline_length;
  GtkBox *console_box;
  GtkWidget *console_label;
  guint console_rows;
  /* What the console rows show now: the same report again rebuilds nothing */
  char *console_shown;
  GSettings *settings;
};

G_DEFINE_FINAL_TYPE (KaitsuSidePane, kaitsu_side_pane, GTK_TYPE_BOX)

static void
refresh_services (KaitsuSidePane *self)
{
  kaitsu_service_status_list_fill (self->services_box, self->flow, FALSE);
}

static void
add_event (KaitsuSidePane        *self,
           const KaitsuFlowEvent *event)
{
  g_autoptr (GDateTime) time = g_date_time_new_from_unix_local (event->time);
  g_autoptr (GDateTime) now = g_date_time_new_now_local ();
  g_autofree char *when = NULL;
  g_autofree char *text = NULL;
  g_autofree char *line = NULL;
  GtkWidget *label;

  if (time == NULL)
    return;
  /* An activation can span days: the first sync takes hours */
  if (g_date_time_get_year (time) == g_date_time_get_year (now) &&
      g_date_time_get_day_of_year (time) == g_date_time_get_day_of_year (now))
    when = g_date_time_format (time, "%H:%M");
  else
    when = g_date_time_format (time, "%m/%d %H:%M");
  if (event->step != KAITSU_STEP_NONE)
    {
      g_autofree char *title = kaitsu_step_dup_title (event->step);

      /* Translators: a timeline entry, e.g. "Step: Log in" */
      text = g_strdup_printf (_("Step: %s"), title);
    }
  else if (event->state != KAITSU_SERVICE_STATE_NOT_STARTED)
    /* Translators: a timeline entry, e.g. "OneDrive: Protected" */
    text = g_strdup_printf (_("%1$s: %2$s"), kaitsu_service_get_name (event->service),
                            kaitsu_service_state_get_label (event->state));
  else
    return;
  line = g_strdup_printf ("%s  %s", when, text);
  label = gtk_label_new (line);
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_max_width_chars (GTK_LABEL (label), 24);
  gtk_widget_add_css_class (label, "caption");
  /* Newest first; the oldest beyond the limit go. */
  gtk_box_prepend (self->timeline_box, label);
  if (++self->timeline_length > MAX_TIMELINE)
    {
      gtk_box_remove (self->timeline_box, gtk_widget_get_last_child (GTK_WIDGET (self->timeline_box)));
      self->timeline_length--;
    }
  gtk_widget_set_visible (self->timeline_empty, FALSE);
}

/* The flow keeps the history, and the session saves it: it survives a restart. */
static void
on_history_changed (KaitsuSidePane *self,
                    gboolean        appended)
{
  GArray *history = kaitsu_flow_get_history (self->flow);
  GtkWidget *child;

  if (appended && history->len > 0)
    {
      add_event (self, &g_array_index (history, KaitsuFlowEvent, history->len - 1));
      return;
    }
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->timeline_box))) != NULL)
    gtk_box_remove (self->timeline_box, child);
  self->timeline_length = 0;
  gtk_widget_set_visible (self->timeline_empty, TRUE);
  for (guint i = 0; i < history->len; i++)
    add_event (self, &g_array_index (history, KaitsuFlowEvent, i));
}

/* The console's words may hold names and addresses: masked on a shared screen */
static void
show_console_text (KaitsuSidePane *self,
                   GtkWidget      *row)
{
  const char *state = g_object_get_data (G_OBJECT (row), "kaitsu-state");
  const char *raw = g_object_get_data (G_OBJECT (row), "kaitsu-text");
  GtkWidget *label = gtk_widget_get_last_child (row);
  g_autofree char *masked = NULL;
  g_autofree char *accessible = NULL;

  if (g_settings_get_boolean (self->settings, "screen-share-mode"))
    {
      g_autoptr (GPtrArray) known = kaitsu_flow_dup_personal_values (self->flow);

      masked = kaitsu_mask_text (raw, (const char * const *) known->pdata);
    }
  kaitsu_label_set_label (GTK_LABEL (label), masked != NULL ? masked : raw);
  accessible = g_strdup_printf ("%s: %s", state, masked != NULL ? masked : raw);
  gtk_accessible_update_property (GTK_ACCESSIBLE (row), GTK_ACCESSIBLE_PROPERTY_LABEL, accessible, -1);
}

static void
on_screen_share_changed (KaitsuSidePane *self)
{
  for (GtkWidget *row = gtk_widget_get_first_child (GTK_WIDGET (self->console_box)); row != NULL;
       row = gtk_widget_get_next_sibling (row))
    show_console_text (self, row);
}

static void
kaitsu_side_pane_dispose (GObject *object)
{
  g_clear_object (&KAITSU_SIDE_PANE (object)->settings);
  g_clear_object (&KAITSU_SIDE_PANE (object)->flow);
  g_clear_pointer (&KAITSU_SIDE_PANE (object)->console_shown, g_free);
  G_OBJECT_CLASS (kaitsu_side_pane_parent_class)->dispose (object);
}

static void
kaitsu_side_pane_class_init (KaitsuSidePaneClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  G_OBJECT_CLASS (klass)->dispose = kaitsu_side_pane_dispose;
  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_PREFIX "/kaitsu-side-pane.ui");
  gtk_widget_class_bind_template_child (widget_class, KaitsuSidePane, services_box);
  gtk_widget_class_bind_template_child (widget_class, KaitsuSidePane, timeline_empty);
  gtk_widget_class_bind_template_child (widget_class, KaitsuSidePane, timeline_box);
  gtk_widget_class_bind_template_child (widget_class, KaitsuSidePane, console_box);
  gtk_widget_class_bind_template_child (widget_class, KaitsuSidePane, console_label);
  gtk_widget_class_set_css_name (widget_class, "sidepane");
}

/* The console's words, in the language the console turned out to speak */
void
kaitsu_side_pane_relabel (KaitsuSidePane *self)
{
  g_autofree char *waiting = NULL;

  g_return_if_fail (KAITSU_IS_SIDE_PANE (self));
  waiting = kaitsu_activation_expand (N_("The console’s {task-list} and {notifications} appear here while the console is open."),
                                      KAITSU_SERVICE_NONE);
  kaitsu_label_set_label (GTK_LABEL (self->console_label), waiting);
}

static void
kaitsu_side_pane_init (KaitsuSidePane *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  kaitsu_side_pane_relabel (self);
  self->settings = g_settings_new (APP_ID);
  g_signal_connect_object (self->settings, "changed::screen-share-mode", G_CALLBACK (on_screen_share_changed),
                           self, G_CONNECT_SWAPPED);
}

GtkWidget *
kaitsu_side_pane_new (KaitsuFlow *flow)
{
  KaitsuSidePane *self;

  g_return_val_if_fail (KAITSU_IS_FLOW (flow), NULL);

  self = g_object_new (KAITSU_TYPE_SIDE_PANE, NULL);
  self->flow = g_object_ref (flow);
  g_signal_connect_object (flow, "service-changed", G_CALLBACK (refresh_services),
                           self, G_CONNECT_SWAPPED);
  g_signal_connect_object (flow, "history-changed", G_CALLBACK (on_history_changed),
                           self, G_CONNECT_SWAPPED);
  g_signal_connect_object (flow, "choices-changed", G_CALLBACK (refresh_services),
                           self, G_CONNECT_SWAPPED);
  refresh_services (self);
  on_history_changed (self, FALSE);
  return GTK_WIDGET (self);
}

guint
kaitsu_side_pane_get_timeline_length (KaitsuSidePane *self)
{
  g_return_val_if_fail (KAITSU_IS_SIDE_PANE (self), 0);
  return self->timeline_length;
}

static void
add_console_row (KaitsuSidePane *self,
                 const char     *icon_name,
                 const char     *state,
                 const char     *text)
{
  GtkWidget *row = kaitsu_row_new (6);
  GtkWidget *icon = gtk_image_new_from_icon_name (icon_name);
  GtkWidget *label = gtk_label_new (NULL);

  gtk_widget_set_valign (icon, GTK_ALIGN_START);
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (label), PANGO_WRAP_WORD_CHAR);
  /* The pane stays narrow; the page and the web view get the room. The text takes the whole
   * width the pane has (its natural width is only what asks for the pane's width), and its
   * expanding stays inside the row: the pane itself does not ask for more room */
  gtk_label_set_max_width_chars (GTK_LABEL (label), 24);
  gtk_widget_set_hexpand (label, TRUE);
  gtk_widget_set_hexpand (row, FALSE);
  gtk_widget_add_css_class (label, "caption");
  kaitsu_row_append (KAITSU_ROW (row), icon);
  kaitsu_row_append (KAITSU_ROW (row), label);
  g_object_set_data_full (G_OBJECT (row), "kaitsu-state", g_strdup (state), g_free);
  g_object_set_data_full (G_OBJECT (row), "kaitsu-text", g_strdup (text), g_free);
  show_console_text (self, row);
  gtk_box_append (self->console_box, row);
  self->console_rows++;
}

/* The console's task list and notifications, as the page shows them now */
void
kaitsu_side_pane_set_console_status (KaitsuSidePane *self,
                                     gpointer        data)
{
  KaitsuConsoleStatus *status = data;
  GtkWidget *child;

  g_return_if_fail (KAITSU_IS_SIDE_PANE (self));

  {
    g_autoptr (GString) shown = g_string_new (NULL);

    for (guint i = 0; status != NULL && i < status->notifications->len; i++)
      g_string_append_printf (shown, "n%s\n", (const char *) g_ptr_array_index (status->notifications, i));
    for (guint i = 0; status != NULL && i < status->tasks->len; i++)
      {
        KaitsuConsoleTask *task = g_ptr_array_index (status->tasks, i);

        g_string_append_printf (shown, "t%d%s\t%s\n", task->pending, task->severity, task->text);
      }
    if (g_strcmp0 (shown->str, self->console_shown) == 0)
      return;
    g_free (self->console_shown);
    self->console_shown = g_string_free (g_steal_pointer (&shown), FALSE);
  }
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->console_box))) != NULL)
    gtk_box_remove (self->console_box, child);
  self->console_rows = 0;
  for (guint i = 0; status != NULL && i < status->notifications->len; i++)
    add_console_row (self, "security-high-symbolic", _("Notification"),
                     g_ptr_array_index (status->notifications, i));
  for (guint i = 0; status != NULL && i < status->tasks->len; i++)
    {
      KaitsuConsoleTask *task = g_ptr_array_index (status->tasks, i);
      g_autofree char *text = g_strdup_printf ("%s  %s", task->severity, task->text);

      add_console_row (self, task->pending ? "emblem-synchronizing-symbolic" : "object-select-symbolic",
                       _("Task"), text);
    }
  gtk_widget_set_visible (self->console_label, self->console_rows == 0);
}

guint
kaitsu_side_pane_get_console_rows (KaitsuSidePane *self)
{
  g_return_val_if_fail (KAITSU_IS_SIDE_PANE (self), 0);
  return self->console_rows;
}
