/* SPDX-License-Identifier: GPL-3.0-or-later */
/* kaitsu-step-list.c: one row per visible step; activating a row reviews that step */

#include "config.h"

#define G_LOG_DOMAIN "kaitsu-step-list"

#include <glib/gi18n.h>

#include "kaitsu-label.h"
#include "kaitsu-row.h"
#include "kaitsu-step-list.h"

typedef struct
{
  GtkListBoxRow *row;
  GtkLabel *number;
  GtkImage *icon;
} StepRow;

struct _KaitsuStepList
{
  GtkWidget parent_instance;

  KaitsuFlow *flow;
  GtkWidget *scroller;
  GtkListBox *list;
  StepRow rows[KAITSU_N_STEPS];
};

G_DEFINE_FINAL_TYPE (KaitsuStepList, kaitsu_step_list, GTK_TYPE_WIDGET)

static const char *
state_icon_name (KaitsuStepState state)
{
  switch (state)
    {
    case KAITSU_STEP_STATE_CURRENT:
      return "go-next-symbolic";
    case KAITSU_STEP_STATE_DONE:
      return "object-select-symbolic";
    case KAITSU_STEP_STATE_FAILED:
      return "dialog-error-symbolic";
    case KAITSU_STEP_STATE_SKIPPED:
    case KAITSU_STEP_STATE_NOT_REACHED:
    default:
      return NULL;
    }
}

static const char *
state_label (KaitsuStepState state)
{
  switch (state)
    {
    case KAITSU_STEP_STATE_CURRENT:
      return _("current step");
    case KAITSU_STEP_STATE_DONE:
      return _("done");
    case KAITSU_STEP_STATE_FAILED:
      return _("failed");
    case KAITSU_STEP_STATE_SKIPPED:
      return _("skipped");
    case KAITSU_STEP_STATE_NOT_REACHED:
    default:
      return _("not reached yet");
    }
}

static void
refresh (KaitsuStepList *self)
{
  KaitsuStep current = kaitsu_flow_get_current_step (self->flow);
  guint number = 0;

  for (KaitsuStep step = 0; step < KAITSU_N_STEPS; step++)
    {
      StepRow *r = &self->rows[step];
      KaitsuStepState state = kaitsu_flow_get_step_state (self->flow, step);
      gboolean visible = kaitsu_flow_step_is_visible (self->flow, step);
      g_autofree char *title = kaitsu_step_dup_title (step);
      g_autofree char *number_text = NULL;
      g_autofree char *accessible = NULL;

      gtk_widget_set_visible (GTK_WIDGET (r->row), visible);
      if (!visible)
        continue;
      number_text = g_strdup_printf ("%u", ++number);
      kaitsu_label_set_label (r->number, number_text);
      gtk_image_set_from_icon_name (r->icon, state_icon_name (state));
      gtk_list_box_row_set_activatable (r->row, kaitsu_flow_can_go_to (self->flow, step));
      gtk_widget_set_sensitive (GTK_WIDGET (r->row), kaitsu_flow_can_go_to (self->flow, step));
      /* Translators: a step in the list, e.g. "3. Set the console password, done" */
      accessible = g_strdup_printf (_("%1$u. %2$s, %3$s"), number, title, state_label (state));
      gtk_accessible_update_property (GTK_ACCESSIBLE (r->row),
                                      GTK_ACCESSIBLE_PROPERTY_LABEL, accessible, -1);
    }
  if (gtk_list_box_get_selected_row (self->list) != self->rows[current].row)
    gtk_list_box_select_row (self->list, self->rows[current].row);
}

static void
on_row_activated (KaitsuStepList *self,
                  GtkListBoxRow  *row)
{
  for (KaitsuStep step = 0; step < KAITSU_N_STEPS; step++)
    if (self->rows[step].row == row && kaitsu_flow_can_go_to (self->flow, step))
      kaitsu_flow_go_to (self->flow, step, NULL);
}

static void
kaitsu_step_list_dispose (GObject *object)
{
  KaitsuStepList *self = KAITSU_STEP_LIST (object);

  g_clear_pointer (&self->scroller, gtk_widget_unparent);
  g_clear_object (&self->flow);
  G_OBJECT_CLASS (kaitsu_step_list_parent_class)->dispose (object);
}

static void
kaitsu_step_list_class_init (KaitsuStepListClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  G_OBJECT_CLASS (klass)->dispose = kaitsu_step_list_dispose;
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "steplist");
}

static void
kaitsu_step_list_init (KaitsuStepList *self)
{
  self->scroller = gtk_scrolled_window_new ();
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (self->scroller),
                                  GTK_POLICY_NEVER, GTK_POLICY_AUTOMATIC);
  gtk_widget_set_parent (self->scroller, GTK_WIDGET (self));

  self->list = GTK_LIST_BOX (gtk_list_box_new ());
  gtk_list_box_set_selection_mode (self->list, GTK_SELECTION_SINGLE);
  gtk_widget_add_css_class (GTK_WIDGET (self->list), "navigation-sidebar");
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->list),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Steps"), -1);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (self->scroller), GTK_WIDGET (self->list));
  g_signal_connect_swapped (self->list, "row-activated", G_CALLBACK (on_row_activated), self);
}

GtkWidget *
kaitsu_step_list_new (KaitsuFlow *flow)
{
  KaitsuStepList *self;

  g_return_val_if_fail (KAITSU_IS_FLOW (flow), NULL);

  self = g_object_new (KAITSU_TYPE_STEP_LIST, NULL);
  self->flow = g_object_ref (flow);
  for (KaitsuStep step = 0; step < KAITSU_N_STEPS; step++)
    {
      g_autofree char *title = kaitsu_step_dup_title (step);
      StepRow *r = &self->rows[step];
      GtkWidget *box = kaitsu_row_new (10);
      GtkWidget *label = gtk_label_new (title);

      r->number = GTK_LABEL (gtk_label_new (NULL));
      gtk_widget_add_css_class (GTK_WIDGET (r->number), "step-number");
      gtk_label_set_width_chars (r->number, 2);
      gtk_label_set_xalign (r->number, 1);
      gtk_label_set_xalign (GTK_LABEL (label), 0);
      gtk_label_set_wrap (GTK_LABEL (label), TRUE);
      /* "SharePoint" alone may be wider than the list at large text */
      gtk_label_set_wrap_mode (GTK_LABEL (label), PANGO_WRAP_WORD_CHAR);
      gtk_label_set_max_width_chars (GTK_LABEL (label), 22);
      gtk_widget_set_hexpand (label, TRUE);
      r->icon = GTK_IMAGE (gtk_image_new ());
      kaitsu_row_append (KAITSU_ROW (box), GTK_WIDGET (r->number));
      kaitsu_row_append (KAITSU_ROW (box), label);
      kaitsu_row_append (KAITSU_ROW (box), GTK_WIDGET (r->icon));
      r->row = GTK_LIST_BOX_ROW (gtk_list_box_row_new ());
      gtk_widget_set_name (GTK_WIDGET (r->row), kaitsu_step_get_id (step));
      gtk_list_box_row_set_child (r->row, box);
      gtk_list_box_append (self->list, GTK_WIDGET (r->row));
    }
  g_signal_connect_object (flow, "step-changed", G_CALLBACK (refresh), self, G_CONNECT_SWAPPED);
  refresh (self);
  return GTK_WIDGET (self);
}

GtkListBoxRow *
kaitsu_step_list_get_row (KaitsuStepList *self,
                          KaitsuStep      step)
{
  g_return_val_if_fail (KAITSU_IS_STEP_LIST (self), NULL);
  g_return_val_if_fail (step >= 0 && step < KAITSU_N_STEPS, NULL);
  return self->rows[step].row;
}

KaitsuStep
kaitsu_step_list_get_selected (KaitsuStepList *self)
{
  GtkListBoxRow *row;

  g_return_val_if_fail (KAITSU_IS_STEP_LIST (self), KAITSU_STEP_NONE);

  row = gtk_list_box_get_selected_row (self->list);
  for (KaitsuStep step = 0; row != NULL && step < KAITSU_N_STEPS; step++)
    if (self->rows[step].row == row)
      return step;
  return KAITSU_STEP_NONE;
}
