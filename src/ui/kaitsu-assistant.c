/* SPDX-License-Identifier: GPL-3.0-or-later */
/* kaitsu-assistant.c: follows the flow's current step with a sliding stack of pages, each
 * built when it is first needed */

#include "config.h"

#define G_LOG_DOMAIN "kaitsu-assistant"

#include <glib/gi18n.h>

#include "kaitsu-a11y.h"
#include "kaitsu-assistant.h"
#include "kaitsu-autopilot.h"
#include "kaitsu-row.h"

struct _KaitsuAssistant
{
  GtkWidget parent_instance;

  KaitsuFlow *flow;
  GtkStack *stack;
  KaitsuPage *pages[KAITSU_N_STEPS];
  KaitsuStep shown;
  gboolean large;
  gboolean practice;
};

G_DEFINE_FINAL_TYPE (KaitsuAssistant, kaitsu_assistant, GTK_TYPE_WIDGET)

static void set_labels_wrap (GtkWidget *widget,
                             gboolean   wrap);

/* Practice mode: what the simulated sites accept, where they ask for it */
static char *
dup_practice_note (KaitsuStep step)
{
  KaitsuService service = kaitsu_step_get_service (step);

  if (step == KAITSU_STEP_PASSWORD)
    /* Translators: %s is an example password */
    return g_strdup_printf (_("Practice: any password that meets the rule works here, for example %s. Keep it: the practice login asks for it."),
                            KAITSU_PRACTICE_CONSOLE_PASSWORD);
  if (step == KAITSU_STEP_LOGIN)
    /* Translators: %s is the practice account name */
    return g_strdup_printf (_("Practice: log in with the account %s and the password you set at the previous step."),
                            KAITSU_PRACTICE_ACCOUNT);
  if (service != KAITSU_SERVICE_NONE && kaitsu_service_get_step (service) == step)
    /* Translators: a mail address, then a password */
    return g_strdup_printf (_("Practice: sign in to Microsoft as %1$s with the password %2$s."),
                            KAITSU_PRACTICE_ADMIN, KAITSU_PRACTICE_ADMIN_PASSWORD);
  return NULL;
}

static void
show_practice_note (KaitsuAssistant *self,
                    KaitsuStep       step)
{
  g_autofree char *note = self->practice ? dup_practice_note (step) : NULL;

  kaitsu_page_set_practice_note (self->pages[step], note);
}

/* Built on first use: at start only the welcome page exists, so only its text is laid out
 * (a homogeneous stack measured every page's text before the first frame) */
static KaitsuPage *
ensure_page (KaitsuAssistant *self,
             KaitsuStep       step)
{
  GtkWidget *scroller, *row, *page;

  if (self->pages[step] != NULL)
    return self->pages[step];
  scroller = gtk_scrolled_window_new ();
  page = kaitsu_page_new_for_step (self->flow, step);
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (scroller), GTK_POLICY_NEVER, GTK_POLICY_AUTOMATIC);
  gtk_widget_set_size_request (page, 360, -1);
  /* In the middle, at most as wide as its text asks (a row does it without GtkWidget's
   * width-for-height search over every label, see kaitsu-row.c) */
  row = kaitsu_row_new (0);
  kaitsu_row_set_centered (KAITSU_ROW (row), TRUE);
  kaitsu_row_append (KAITSU_ROW (row), page);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scroller), row);
  gtk_stack_add_named (self->stack, scroller, kaitsu_step_get_id (step));
  if (self->large)
    set_labels_wrap (page, TRUE);
  /* As the window's own controls were at its start */
  kaitsu_a11y_fix_names (page);
  self->pages[step] = KAITSU_PAGE (page);
  show_practice_note (self, step);
  return self->pages[step];
}

static void
on_flow_changed (KaitsuAssistant *self)
{
  for (KaitsuStep step = 0; step < KAITSU_N_STEPS; step++)
    if (self->pages[step] != NULL)
      kaitsu_page_flow_changed (self->pages[step]);
}

static void
show_current (KaitsuAssistant *self)
{
  KaitsuStep step = kaitsu_flow_get_current_step (self->flow);
  GtkWidget *scroller;

  if (step == self->shown)
    return;
  gtk_stack_set_transition_type (self->stack, step > self->shown
                                 ? GTK_STACK_TRANSITION_TYPE_SLIDE_LEFT
                                 : GTK_STACK_TRANSITION_TYPE_SLIDE_RIGHT);
  self->shown = step;
  scroller = gtk_widget_get_ancestor (GTK_WIDGET (ensure_page (self, step)), GTK_TYPE_SCROLLED_WINDOW);
  gtk_stack_set_visible_child (self->stack, scroller);
  gtk_adjustment_set_value (gtk_scrolled_window_get_vadjustment (GTK_SCROLLED_WINDOW (scroller)), 0);
}

static void
kaitsu_assistant_dispose (GObject *object)
{
  KaitsuAssistant *self = KAITSU_ASSISTANT (object);

  if (self->stack != NULL)
    gtk_widget_unparent (GTK_WIDGET (self->stack));
  self->stack = NULL;
  g_clear_object (&self->flow);
  G_OBJECT_CLASS (kaitsu_assistant_parent_class)->dispose (object);
}

static void
kaitsu_assistant_class_init (KaitsuAssistantClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  G_OBJECT_CLASS (klass)->dispose = kaitsu_assistant_dispose;
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "assistant");
}

static void
kaitsu_assistant_init (KaitsuAssistant *self)
{
  self->stack = GTK_STACK (gtk_stack_new ());
  /* Each page is as large as it is: the stack measures only the page shown */
  gtk_stack_set_hhomogeneous (self->stack, FALSE);
  gtk_stack_set_vhomogeneous (self->stack, FALSE);
  gtk_stack_set_transition_duration (self->stack, 200);
  gtk_widget_set_hexpand (GTK_WIDGET (self->stack), TRUE);
  gtk_widget_set_vexpand (GTK_WIDGET (self->stack), TRUE);
  gtk_widget_set_parent (GTK_WIDGET (self->stack), GTK_WIDGET (self));
  self->shown = KAITSU_STEP_NONE;
}

/* At large text every label of a page may wrap, the ones in buttons and checks too: a single
 * long label would otherwise make the window wider than the screen. At the usual size they
 * stay as designed: wrapping labels cost layout time on every change. */
static void
set_labels_wrap (GtkWidget *widget,
                 gboolean   wrap)
{
  if (GTK_IS_LABEL (widget) && gtk_label_get_ellipsize (GTK_LABEL (widget)) == PANGO_ELLIPSIZE_NONE)
    {
      GtkLabel *label = GTK_LABEL (widget);
      gboolean ours = g_object_get_data (G_OBJECT (label), "kaitsu-wrapped") != NULL;

      if (wrap && !gtk_label_get_wrap (label))
        {
          gtk_label_set_wrap (label, TRUE);
          gtk_label_set_wrap_mode (label, PANGO_WRAP_WORD_CHAR);
          g_object_set_data (G_OBJECT (label), "kaitsu-wrapped", GINT_TO_POINTER (TRUE));
        }
      else if (!wrap && ours)
        {
          gtk_label_set_wrap (label, FALSE);
          g_object_set_data (G_OBJECT (label), "kaitsu-wrapped", NULL);
        }
    }
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    set_labels_wrap (child, wrap);
}

void
kaitsu_assistant_set_large_text (KaitsuAssistant *self,
                                 gboolean         large)
{
  g_return_if_fail (KAITSU_IS_ASSISTANT (self));

  self->large = large;
  for (KaitsuStep step = 0; step < KAITSU_N_STEPS; step++)
    if (self->pages[step] != NULL)
      set_labels_wrap (GTK_WIDGET (self->pages[step]), large);
}

void
kaitsu_assistant_set_practice (KaitsuAssistant *self,
                               gboolean         practice)
{
  g_return_if_fail (KAITSU_IS_ASSISTANT (self));

  self->practice = !!practice;
  for (KaitsuStep step = 0; step < KAITSU_N_STEPS; step++)
    if (self->pages[step] != NULL)
      show_practice_note (self, step);
}

/* The console's words changed (another language): pages not built yet will use them anyway */
void
kaitsu_assistant_relabel (KaitsuAssistant *self)
{
  g_return_if_fail (KAITSU_IS_ASSISTANT (self));

  for (KaitsuStep step = 0; step < KAITSU_N_STEPS; step++)
    if (self->pages[step] != NULL)
      kaitsu_page_relabel (self->pages[step]);
}

GtkWidget *
kaitsu_assistant_new (KaitsuFlow *flow)
{
  KaitsuAssistant *self;

  g_return_val_if_fail (KAITSU_IS_FLOW (flow), NULL);

  self = g_object_new (KAITSU_TYPE_ASSISTANT, NULL);
  self->flow = g_object_ref (flow);
  g_signal_connect_object (flow, "step-changed", G_CALLBACK (on_flow_changed), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (flow, "service-changed", G_CALLBACK (on_flow_changed), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (flow, "notify::current-step", G_CALLBACK (show_current),
                           self, G_CONNECT_SWAPPED);
  gtk_stack_set_transition_type (self->stack, GTK_STACK_TRANSITION_TYPE_NONE);
  show_current (self);
  return GTK_WIDGET (self);
}

KaitsuPage *
kaitsu_assistant_get_page (KaitsuAssistant *self,
                           KaitsuStep       step)
{
  g_return_val_if_fail (KAITSU_IS_ASSISTANT (self), NULL);
  g_return_val_if_fail (step >= 0 && step < KAITSU_N_STEPS, NULL);
  /* Whoever asks for a page gets it as the flow is now */
  kaitsu_page_catch_up (ensure_page (self, step));
  return self->pages[step];
}

KaitsuPage *
kaitsu_assistant_get_visible_page (KaitsuAssistant *self)
{
  GtkWidget *scroller;
  GtkWidget *viewport;
  GtkWidget *row;

  g_return_val_if_fail (KAITSU_IS_ASSISTANT (self), NULL);

  /* scroller > viewport > row > page, as ensure_page () built it */
  scroller = gtk_stack_get_visible_child (self->stack);
  viewport = gtk_scrolled_window_get_child (GTK_SCROLLED_WINDOW (scroller));
  row = gtk_viewport_get_child (GTK_VIEWPORT (viewport));
  return KAITSU_PAGE (gtk_widget_get_first_child (row));
}
