/* SPDX-License-Identifier: GPL-3.0-or-later */
/* kaitsu-page.c: one assistant page, its text taken from the procedure table */

#include "config.h"

#define G_LOG_DOMAIN "kaitsu-page"

#include <glib/gi18n.h>

#include "kaitsu-activation.h"
#include "kaitsu-label.h"
#include "kaitsu-page.h"
#include "kaitsu-row.h"

typedef struct
{
  KaitsuFlow *flow;
  KaitsuStep step;
  char *confirm_label;

  GtkLabel *step_id_label;
  GtkLabel *title_label;
  GtkLabel *summary_label;
  GtkLabel *practice_label;
  GtkBox *substeps_box;
  GtkCheckButton *confirm;
  GPtrArray *substep_rows;
  GtkBox *screen_note;
  GtkLabel *screen_label;
  GtkWidget *unknown_actions;
  /* Web steps with more than one sub-step: only the one at hand unless every one is asked for */
  GtkToggleButton *every_substep_button;
  GtkImage *every_substep_icon;
  GtkLabel *every_substep_label;
  gboolean collapsible;
  int active_substep;
  /* The tips after the sub-steps, if the step has any */
  GtkWidget *advice;
  /* Warnings first, then advice: the order of kaitsu_step_dup_warning () and _advice () */
  GPtrArray *note_labels;
  /* Step ids beside the instructions only in screen-share mode, where support asks for them */
  GSettings *settings;
  /* The flow changed while the page was not on screen: refreshed when it is shown */
  gboolean stale;
} KaitsuPagePrivate;

G_DEFINE_TYPE_WITH_PRIVATE (KaitsuPage, kaitsu_page, GTK_TYPE_BOX)

enum {
  PROP_0,
  PROP_FLOW,
  PROP_STEP,
  PROP_CONFIRM_LABEL,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* The sub-step numbers as the manual and the console show them. */
static const char * const circled[] = { "①", "②", "③", "④", "⑤", "⑥", "⑦", "⑧" };

static void
refresh (KaitsuPage *self)
{
  KaitsuPagePrivate *priv = kaitsu_page_get_instance_private (self);

  if (priv->confirm != NULL)
    gtk_check_button_set_active (priv->confirm,
                                 kaitsu_flow_get_step_confirmed (priv->flow, priv->step));
  if (KAITSU_PAGE_GET_CLASS (self)->refresh != NULL)
    KAITSU_PAGE_GET_CLASS (self)->refresh (self);
}

/* Only the page on screen follows every change at once; the others catch up when shown (or
 * asked for): one click made every page refresh about a dozen times. Called by the assistant,
 * which listens to the flow from the window's start: pages built later still follow the flow
 * before anyone who started listening after the window was made. */
void
kaitsu_page_flow_changed (KaitsuPage *self)
{
  KaitsuPagePrivate *priv;

  g_return_if_fail (KAITSU_IS_PAGE (self));

  priv = kaitsu_page_get_instance_private (self);
  if (!gtk_widget_get_mapped (GTK_WIDGET (self)))
    {
      priv->stale = TRUE;
      return;
    }
  refresh (self);
}

static void
on_map (KaitsuPage *self)
{
  kaitsu_page_catch_up (self);
}

void
kaitsu_page_set_practice_note (KaitsuPage *self,
                               const char *note)
{
  KaitsuPagePrivate *priv;

  g_return_if_fail (KAITSU_IS_PAGE (self));

  priv = kaitsu_page_get_instance_private (self);
  kaitsu_label_set_label (priv->practice_label, note != NULL ? note : "");
  gtk_widget_set_visible (GTK_WIDGET (priv->practice_label), note != NULL);
}

void
kaitsu_page_catch_up (KaitsuPage *self)
{
  KaitsuPagePrivate *priv;

  g_return_if_fail (KAITSU_IS_PAGE (self));

  priv = kaitsu_page_get_instance_private (self);
  if (!priv->stale)
    return;
  priv->stale = FALSE;
  refresh (self);
}

static void
on_confirm_toggled (KaitsuPage     *self,
                    GtkCheckButton *button)
{
  KaitsuPagePrivate *priv = kaitsu_page_get_instance_private (self);

  kaitsu_flow_set_step_confirmed (priv->flow, priv->step, gtk_check_button_get_active (button));
}

/* Links and mail addresses must not gain hyphens where they wrap: people copy them. */
static void
no_hyphens (GtkLabel *label)
{
  PangoAttrList *attrs = pango_attr_list_new ();

  pango_attr_list_insert (attrs, pango_attr_insert_hyphens_new (FALSE));
  gtk_label_set_attributes (label, attrs);
  pango_attr_list_unref (attrs);
}

/* The sub-step's words, and its number for screen readers; again when the labels change */
static void
set_substep_text (GtkLabel   *label,
                  KaitsuStep  step,
                  guint       index)
{
  g_autofree char *text = kaitsu_step_dup_substep_text (step, index);
  g_autofree char *accessible = g_strdup_printf ("%u. %s", index + 1, text);

  kaitsu_label_set_label (label, text);
  gtk_accessible_update_property (GTK_ACCESSIBLE (label), GTK_ACCESSIBLE_PROPERTY_LABEL, accessible, -1);
}

static GtkWidget *
new_substep_row (KaitsuStep step,
                 guint      index)
{
  g_autofree char *id = kaitsu_step_dup_substep_id (step, index);
  GtkWidget *row, *number, *column, *label, *id_label;

  row = kaitsu_row_new (12);
  gtk_widget_add_css_class (row, "substep");
  number = gtk_label_new (circled[MIN (index, G_N_ELEMENTS (circled) - 1)]);
  gtk_widget_set_valign (number, GTK_ALIGN_START);
  gtk_widget_add_css_class (number, "substep-number");
  kaitsu_row_append (KAITSU_ROW (row), number);

  column = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);
  gtk_widget_set_hexpand (column, TRUE);
  label = gtk_label_new (NULL);
  set_substep_text (GTK_LABEL (label), step, index);
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  /* Mail addresses and links are long words: they may break anywhere rather than overflow. */
  gtk_label_set_wrap_mode (GTK_LABEL (label), PANGO_WRAP_WORD_CHAR);
  no_hyphens (GTK_LABEL (label));
  gtk_label_set_max_width_chars (GTK_LABEL (label), 70);
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_selectable (GTK_LABEL (label), TRUE);
  gtk_box_append (GTK_BOX (column), label);
  id_label = gtk_label_new (id);
  gtk_label_set_xalign (GTK_LABEL (id_label), 0);
  gtk_widget_add_css_class (id_label, "caption");
  gtk_widget_add_css_class (id_label, "dim-label");
  gtk_widget_add_css_class (id_label, "step-id");
  gtk_box_append (GTK_BOX (column), id_label);
  kaitsu_row_append (KAITSU_ROW (row), column);
  g_object_set_data (G_OBJECT (row), "text-label", label);
  g_object_set_data (G_OBJECT (row), "column", column);
  g_object_set_data (G_OBJECT (row), "id-label", id_label);
  return row;
}

static GtkWidget *
new_note_row (KaitsuPagePrivate *priv,
              const char        *text,
              gboolean           warning)
{
  GtkWidget *row = kaitsu_row_new (8);
  GtkWidget *icon = gtk_image_new_from_icon_name (warning ? "dialog-warning-symbolic" : "dialog-information-symbolic");
  GtkWidget *label = gtk_label_new (text);

  gtk_widget_set_valign (icon, GTK_ALIGN_START);
  gtk_accessible_update_property (GTK_ACCESSIBLE (icon), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  warning ? _("Warning") : _("Note"), -1);
  if (warning)
    gtk_widget_add_css_class (row, "warning-row");
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (label), PANGO_WRAP_WORD_CHAR);
  no_hyphens (GTK_LABEL (label));
  gtk_label_set_max_width_chars (GTK_LABEL (label), 70);
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  kaitsu_row_append (KAITSU_ROW (row), icon);
  kaitsu_row_append (KAITSU_ROW (row), label);
  g_ptr_array_add (priv->note_labels, label);
  return row;
}

/* Warnings under the sub-step where their choice is made, the others and the tips after the
 * sub-steps; every note's label in note_labels, warnings first, in order (for relabelling) */
static void
add_notes (KaitsuPage *self)
{
  KaitsuPagePrivate *priv = kaitsu_page_get_instance_private (self);
  guint n_warnings = kaitsu_step_get_n_warnings (priv->step);
  priv->note_labels = g_ptr_array_new ();
  for (guint i = 0; i < n_warnings + kaitsu_step_get_n_advice (priv->step); i++)
    {
      gboolean warning = i < n_warnings;
      g_autofree char *text = warning ? kaitsu_step_dup_warning (priv->step, i)
                                      : kaitsu_step_dup_advice (priv->step, i - n_warnings);
      int substep = warning ? kaitsu_step_get_warning_substep (priv->step, i) : -1;
      GtkWidget *row = new_note_row (priv, text, warning);

      if (substep >= 0 && (guint) substep < priv->substep_rows->len)
        {
          gtk_widget_add_css_class (row, "substep-warning");
          gtk_box_append (g_object_get_data (g_ptr_array_index (priv->substep_rows, substep), "column"), row);
          continue;
        }
      if (priv->advice == NULL)
        {
          priv->advice = gtk_box_new (GTK_ORIENTATION_VERTICAL, 8);
          gtk_widget_add_css_class (priv->advice, "advice");
          gtk_box_append (GTK_BOX (self), priv->advice);
        }
      gtk_box_append (GTK_BOX (priv->advice), row);
    }
}

/* Collapsed: the sub-step at hand (the first until a page says which), with its warnings, and
 * the button that brings back the others and the tips */
static void
show_substeps (KaitsuPage *self)
{
  KaitsuPagePrivate *priv = kaitsu_page_get_instance_private (self);
  gboolean every = !priv->collapsible || gtk_toggle_button_get_active (priv->every_substep_button);
  guint current = priv->active_substep >= 0 ? (guint) priv->active_substep : 0;
  guint n = priv->substep_rows->len;

  for (guint i = 0; i < n; i++)
    gtk_widget_set_visible (g_ptr_array_index (priv->substep_rows, i), every || i == current);
  /* The summary and the tips come back with the other sub-steps */
  gtk_widget_set_visible (GTK_WIDGET (priv->summary_label), every);
  if (priv->advice != NULL)
    gtk_widget_set_visible (priv->advice, every);
  gtk_widget_set_visible (GTK_WIDGET (priv->every_substep_button), priv->collapsible);
  gtk_image_set_from_icon_name (priv->every_substep_icon, every ? "pan-up-symbolic" : "pan-down-symbolic");
  if (every)
    kaitsu_label_set_label (priv->every_substep_label, _("Show Only th_e Current Instruction"));
  else
    {
      /* Translators: %u is how many sub-steps the step has (always more than one) */
      g_autofree char *label = g_strdup_printf (ngettext ("Show _Every Instruction (%u)", "Show _Every Instruction (%u)", n), n);

      kaitsu_label_set_label (priv->every_substep_label, label);
    }
  /* Its child is a box (an icon and the label): the name is said, without the mnemonic */
  gtk_accessible_update_property (GTK_ACCESSIBLE (priv->every_substep_button), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  gtk_label_get_text (priv->every_substep_label), -1);
}

static void
kaitsu_page_constructed (GObject *object)
{
  KaitsuPage *self = KAITSU_PAGE (object);
  KaitsuPagePrivate *priv = kaitsu_page_get_instance_private (self);
  g_autofree char *title = NULL;
  g_autofree char *summary = NULL;

  G_OBJECT_CLASS (kaitsu_page_parent_class)->constructed (object);

  g_assert (KAITSU_IS_FLOW (priv->flow));

  title = kaitsu_step_dup_title (priv->step);
  summary = kaitsu_step_dup_summary (priv->step);
  kaitsu_label_set_label (priv->step_id_label, kaitsu_step_get_id (priv->step));
  priv->settings = g_settings_new (APP_ID);
  g_settings_bind (priv->settings, "screen-share-mode", priv->step_id_label, "visible", G_SETTINGS_BIND_GET);
  kaitsu_label_set_label (priv->title_label, title);
  kaitsu_label_set_label (priv->summary_label, summary);
  priv->substep_rows = g_ptr_array_new ();
  for (guint i = 0; i < kaitsu_step_get_n_substeps (priv->step); i++)
    {
      GtkWidget *row = new_substep_row (priv->step, i);

      g_settings_bind (priv->settings, "screen-share-mode", g_object_get_data (G_OBJECT (row), "id-label"),
                       "visible", G_SETTINGS_BIND_GET);

      g_ptr_array_add (priv->substep_rows, row);
      gtk_box_append (priv->substeps_box, row);
    }

  add_notes (self);
  /* Above a web page the instructions take as little height as they can */
  if (kaitsu_step_is_web (priv->step))
    {
      gtk_widget_set_margin_top (GTK_WIDGET (self), 12);
      gtk_widget_set_margin_bottom (GTK_WIDGET (self), 12);
      gtk_box_set_spacing (GTK_BOX (self), 10);
      gtk_widget_remove_css_class (GTK_WIDGET (priv->title_label), "title-1");
      gtk_widget_add_css_class (GTK_WIDGET (priv->title_label), "title-2");
    }
  priv->collapsible = kaitsu_step_is_web (priv->step) && priv->substep_rows->len > 1;
  if (priv->collapsible)
    {
      g_settings_bind (priv->settings, "show-every-substep", priv->every_substep_button, "active",
                       G_SETTINGS_BIND_DEFAULT);
      g_signal_connect_object (priv->every_substep_button, "toggled", G_CALLBACK (show_substeps),
                               self, G_CONNECT_SWAPPED);
    }
  show_substeps (self);

  /* Last, below whatever the page's own template added. */
  if (priv->confirm_label != NULL)
    {
      /* A label of its own, that wraps: a long one (Japanese has no spaces to wrap at) would
       * make the page wider than its column */
      GtkLabel *label = GTK_LABEL (gtk_label_new_with_mnemonic (priv->confirm_label));

      gtk_label_set_wrap (label, TRUE);
      gtk_label_set_wrap_mode (label, PANGO_WRAP_WORD_CHAR);
      gtk_label_set_xalign (label, 0);
      priv->confirm = GTK_CHECK_BUTTON (gtk_check_button_new ());
      gtk_check_button_set_child (priv->confirm, GTK_WIDGET (label));
      /* The label names the check button, as the one it would make itself does */
      gtk_label_set_mnemonic_widget (label, GTK_WIDGET (priv->confirm));
      gtk_widget_add_css_class (GTK_WIDGET (priv->confirm), "confirm");
      gtk_box_append (GTK_BOX (self), GTK_WIDGET (priv->confirm));
      g_signal_connect_object (priv->confirm, "toggled", G_CALLBACK (on_confirm_toggled),
                               self, G_CONNECT_SWAPPED);
    }

  g_signal_connect (self, "map", G_CALLBACK (on_map), NULL);
  refresh (self);
}

static void
kaitsu_page_dispose (GObject *object)
{
  KaitsuPagePrivate *priv = kaitsu_page_get_instance_private (KAITSU_PAGE (object));

  g_clear_object (&priv->flow);
  g_clear_object (&priv->settings);
  G_OBJECT_CLASS (kaitsu_page_parent_class)->dispose (object);
}

static void
kaitsu_page_finalize (GObject *object)
{
  KaitsuPagePrivate *priv = kaitsu_page_get_instance_private (KAITSU_PAGE (object));

  g_clear_pointer (&priv->substep_rows, g_ptr_array_unref);
  g_clear_pointer (&priv->note_labels, g_ptr_array_unref);
  g_free (priv->confirm_label);
  G_OBJECT_CLASS (kaitsu_page_parent_class)->finalize (object);
}

static void
kaitsu_page_get_property (GObject    *object,
                          guint       prop_id,
                          GValue     *value,
                          GParamSpec *pspec)
{
  KaitsuPagePrivate *priv = kaitsu_page_get_instance_private (KAITSU_PAGE (object));

  switch (prop_id)
    {
    case PROP_FLOW:
      g_value_set_object (value, priv->flow);
      break;
    case PROP_STEP:
      g_value_set_int (value, priv->step);
      break;
    case PROP_CONFIRM_LABEL:
      g_value_set_string (value, priv->confirm_label);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
kaitsu_page_set_property (GObject      *object,
                          guint         prop_id,
                          const GValue *value,
                          GParamSpec   *pspec)
{
  KaitsuPagePrivate *priv = kaitsu_page_get_instance_private (KAITSU_PAGE (object));

  switch (prop_id)
    {
    case PROP_FLOW:
      priv->flow = g_value_dup_object (value);
      break;
    case PROP_STEP:
      priv->step = g_value_get_int (value);
      break;
    case PROP_CONFIRM_LABEL:
      /* A construct-time NULL must not undo what the page's template set. */
      if (g_value_get_string (value) != NULL)
        {
          g_free (priv->confirm_label);
          priv->confirm_label = g_value_dup_string (value);
        }
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
kaitsu_page_class_init (KaitsuPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = kaitsu_page_constructed;
  object_class->dispose = kaitsu_page_dispose;
  object_class->finalize = kaitsu_page_finalize;
  object_class->get_property = kaitsu_page_get_property;
  object_class->set_property = kaitsu_page_set_property;

  properties[PROP_FLOW] =
    g_param_spec_object ("flow", NULL, NULL, KAITSU_TYPE_FLOW,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_STEP] =
    g_param_spec_int ("step", NULL, NULL, 0, KAITSU_N_STEPS - 1, 0,
                      G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  /* Set by a page's template when the user must confirm what the app cannot see. */
  properties[PROP_CONFIRM_LABEL] =
    g_param_spec_string ("confirm-label", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PREFIX "/kaitsu-page.ui");
  gtk_widget_class_bind_template_child_private (widget_class, KaitsuPage, step_id_label);
  gtk_widget_class_bind_template_child_private (widget_class, KaitsuPage, title_label);
  gtk_widget_class_bind_template_child_private (widget_class, KaitsuPage, summary_label);
  gtk_widget_class_bind_template_child_private (widget_class, KaitsuPage, practice_label);
  gtk_widget_class_bind_template_child_private (widget_class, KaitsuPage, substeps_box);
  gtk_widget_class_bind_template_child_private (widget_class, KaitsuPage, screen_note);
  gtk_widget_class_bind_template_child_private (widget_class, KaitsuPage, screen_label);
  gtk_widget_class_bind_template_child_private (widget_class, KaitsuPage, unknown_actions);
  gtk_widget_class_bind_template_child_private (widget_class, KaitsuPage, every_substep_button);
  gtk_widget_class_bind_template_child_private (widget_class, KaitsuPage, every_substep_icon);
  gtk_widget_class_bind_template_child_private (widget_class, KaitsuPage, every_substep_label);
}

static void
kaitsu_page_init (KaitsuPage *self)
{
  KaitsuPagePrivate *priv = kaitsu_page_get_instance_private (self);

  gtk_widget_init_template (GTK_WIDGET (self));
  priv->active_substep = -1;
}

KaitsuFlow *
kaitsu_page_get_flow (KaitsuPage *self)
{
  KaitsuPagePrivate *priv = kaitsu_page_get_instance_private (self);

  g_return_val_if_fail (KAITSU_IS_PAGE (self), NULL);
  return priv->flow;
}

KaitsuStep
kaitsu_page_get_step (KaitsuPage *self)
{
  KaitsuPagePrivate *priv = kaitsu_page_get_instance_private (self);

  g_return_val_if_fail (KAITSU_IS_PAGE (self), KAITSU_STEP_NONE);
  return priv->step;
}

GtkWidget *
kaitsu_page_get_confirm (KaitsuPage *self)
{
  KaitsuPagePrivate *priv = kaitsu_page_get_instance_private (self);

  g_return_val_if_fail (KAITSU_IS_PAGE (self), NULL);
  return GTK_WIDGET (priv->confirm);
}

/* The highlighted sub-step in sight: the page scrolls the least that shows it whole (or its
 * start, when it is taller than the view) */
static gboolean
scroll_into_view (GtkWidget     *row,
                  GdkFrameClock *clock,
                  gpointer       data)
{
  GtkWidget *scroller = gtk_widget_get_ancestor (row, GTK_TYPE_SCROLLED_WINDOW);
  GtkWidget *content = scroller != NULL ? gtk_scrolled_window_get_child (GTK_SCROLLED_WINDOW (scroller)) : NULL;
  graphene_rect_t bounds;

  if (content != NULL && gtk_widget_compute_bounds (row, content, &bounds))
    {
      GtkAdjustment *adjustment = gtk_scrolled_window_get_vadjustment (GTK_SCROLLED_WINDOW (scroller));
      double top = bounds.origin.y;
      double bottom = MIN (top + bounds.size.height, top + gtk_adjustment_get_page_size (adjustment));

      gtk_adjustment_clamp_page (adjustment, top, bottom);
    }
  return G_SOURCE_REMOVE;
}

/* The height of the page down to the way to every sub-step (on web steps, the end of what is
 * shown of the sub-steps), at a given width of the page: what should be in sight above the web
 * page. The page's children are a box's: their natural heights one after the other. */
int
kaitsu_page_measure_head (KaitsuPage *self,
                          int         width)
{
  KaitsuPagePrivate *priv = kaitsu_page_get_instance_private (self);
  GtkWidget *widget = GTK_WIDGET (self);
  GtkWidget *last;
  int inner, height;
  gboolean first = TRUE;

  g_return_val_if_fail (KAITSU_IS_PAGE (self), 0);

  last = priv->collapsible ? GTK_WIDGET (priv->every_substep_button) : GTK_WIDGET (priv->substeps_box);
  inner = MAX (width - gtk_widget_get_margin_start (widget) - gtk_widget_get_margin_end (widget), 1);
  height = gtk_widget_get_margin_top (widget) + gtk_widget_get_margin_bottom (widget);
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      int natural;

      if (!gtk_widget_should_layout (child))
        continue;
      gtk_widget_measure (child, GTK_ORIENTATION_VERTICAL, inner, NULL, &natural, NULL, NULL);
      height += natural + (first ? 0 : gtk_box_get_spacing (GTK_BOX (self)));
      first = FALSE;
      if (child == last)
        break;
    }
  return height;
}

/* The sub-step the user has reached on the web, or -1 for none */
void
kaitsu_page_set_active_substep (KaitsuPage *self,
                                int         index)
{
  KaitsuPagePrivate *priv = kaitsu_page_get_instance_private (self);

  g_return_if_fail (KAITSU_IS_PAGE (self));

  priv->active_substep = index;
  for (guint i = 0; priv->substep_rows != NULL && i < priv->substep_rows->len; i++)
    {
      GtkWidget *row = g_ptr_array_index (priv->substep_rows, i);

      if ((int) i == index && !gtk_widget_has_css_class (row, "active-substep"))
        {
          gtk_widget_add_css_class (row, "active-substep");
          /* Once laid out with its new look: the page may be scrolled far from it */
          gtk_widget_add_tick_callback (row, scroll_into_view, NULL, NULL);
        }
      else if ((int) i != index)
        gtk_widget_remove_css_class (row, "active-substep");
    }
  if (priv->substep_rows != NULL)
    show_substeps (self);
}

/* The sub-step highlighted as the user sees it, or -1 */
int
kaitsu_page_get_active_substep (KaitsuPage *self)
{
  KaitsuPagePrivate *priv = kaitsu_page_get_instance_private (self);

  g_return_val_if_fail (KAITSU_IS_PAGE (self), -1);

  for (guint i = 0; priv->substep_rows != NULL && i < priv->substep_rows->len; i++)
    if (gtk_widget_has_css_class (g_ptr_array_index (priv->substep_rows, i), "active-substep"))
      return (int) i;
  return -1;
}

void
kaitsu_page_show_screen (KaitsuPage     *self,
                         const char     *says,
                         KaitsuNoteKind  kind)
{
  KaitsuPagePrivate *priv = kaitsu_page_get_instance_private (self);

  g_return_if_fail (KAITSU_IS_PAGE (self));

  gtk_widget_set_visible (GTK_WIDGET (priv->screen_note), says != NULL);
  kaitsu_label_set_label (priv->screen_label, says != NULL ? says : "");
  gtk_widget_set_visible (priv->unknown_actions, kind == KAITSU_NOTE_UNKNOWN);
  /* What Kaitsu says pushes the sub-step at hand down: it stays in sight */
  if (priv->substep_rows->len > 0)
    gtk_widget_add_tick_callback (g_ptr_array_index (priv->substep_rows, MAX (priv->active_substep, 0)),
                                  scroll_into_view, NULL, NULL);
  if (kind != KAITSU_NOTE_PLAIN)
    gtk_widget_add_css_class (GTK_WIDGET (priv->screen_note), "attention");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (priv->screen_note), "attention");
}

void
kaitsu_page_relabel (KaitsuPage *self)
{
  KaitsuPagePrivate *priv = kaitsu_page_get_instance_private (self);
  guint n_warnings = kaitsu_step_get_n_warnings (priv->step);

  g_return_if_fail (KAITSU_IS_PAGE (self));

  for (guint i = 0; i < priv->substep_rows->len; i++)
    set_substep_text (g_object_get_data (g_ptr_array_index (priv->substep_rows, i), "text-label"), priv->step, i);
  for (guint i = 0; i < priv->note_labels->len; i++)
    {
      g_autofree char *text = i < n_warnings ? kaitsu_step_dup_warning (priv->step, i)
                                             : kaitsu_step_dup_advice (priv->step, i - n_warnings);
      kaitsu_label_set_label (g_ptr_array_index (priv->note_labels, i), text);
    }
}
