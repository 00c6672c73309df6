/* SPDX-License-Identifier: GPL-3.0-or-later */
/* kaitsu-row.c: a horizontal row of columns, laid out as a GtkBox would, with one difference.
 *
 * A horizontal GtkBox measures each child's width *for the box's height*. For a column of
 * wrapped text that question has no cheap answer: GtkLabel searches for the narrowest width at
 * which its text fits the height, re-shaping the text at every try. Kaitsu's columns (the step
 * list, the page above the web view, the side pane) hold dozens of wrapped labels, and the
 * profile of a practice activation showed the window spending most of its time there (one
 * label re-wrapped 3578 times). A column's width here does not depend on its height, so this
 * row asks each child its width for no particular height, and its height for the width it
 * gets: the usual height-for-width order. */

#include "config.h"

#define G_LOG_DOMAIN "kaitsu-row"

#include "kaitsu-row.h"

#define KAITSU_TYPE_ROW_LAYOUT (kaitsu_row_layout_get_type ())
G_DECLARE_FINAL_TYPE (KaitsuRowLayout, kaitsu_row_layout, KAITSU, ROW_LAYOUT, GtkLayoutManager)

struct _KaitsuRowLayout
{
  GtkLayoutManager parent_instance;
};

G_DEFINE_FINAL_TYPE (KaitsuRowLayout, kaitsu_row_layout, GTK_TYPE_LAYOUT_MANAGER)

struct _KaitsuRow
{
  GtkWidget parent_instance;

  int spacing;
  gboolean centered;
};

G_DEFINE_FINAL_TYPE (KaitsuRow, kaitsu_row, GTK_TYPE_WIDGET)

static guint
count_laid_out (GtkWidget *widget)
{
  guint n = 0;

  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    if (gtk_widget_should_layout (child))
      n++;
  return n;
}

static int
total_spacing (GtkWidget *widget,
               guint      n)
{
  return n > 1 ? KAITSU_ROW (widget)->spacing * (int) (n - 1) : 0;
}

/* Each laid-out child's width in a row @width wide, as a GtkBox would give:
 * every child its minimum, then up to its natural width, then what is left to the children
 * that expand. Returns the number of children in @sizes (allocated by the caller) */
static guint
compute_widths (GtkWidget        *widget,
                int               width,
                GtkRequestedSize *sizes,
                int              *left_over)
{
  guint n = 0, n_expand = 0;
  int extra = width;
  int share, remainder;

  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      if (!gtk_widget_should_layout (child))
        continue;
      gtk_widget_measure (child, GTK_ORIENTATION_HORIZONTAL, -1,
                          &sizes[n].minimum_size, &sizes[n].natural_size, NULL, NULL);
      sizes[n].data = child;
      extra -= sizes[n].minimum_size;
      if (gtk_widget_compute_expand (child, GTK_ORIENTATION_HORIZONTAL))
        n_expand++;
      n++;
    }
  extra -= total_spacing (widget, n);
  extra = gtk_distribute_natural_allocation (MAX (0, extra), n, sizes);
  *left_over = n_expand == 0 ? extra : 0;
  if (n_expand == 0)
    return n;
  share = extra / (int) n_expand;
  remainder = extra % (int) n_expand;
  for (guint i = 0; i < n; i++)
    if (gtk_widget_compute_expand (sizes[i].data, GTK_ORIENTATION_HORIZONTAL))
      {
        sizes[i].minimum_size += share + (remainder > 0 ? 1 : 0);
        remainder--;
      }
  return n;
}

static GtkSizeRequestMode
kaitsu_row_layout_get_request_mode (GtkLayoutManager *manager,
                                    GtkWidget        *widget)
{
  return GTK_SIZE_REQUEST_HEIGHT_FOR_WIDTH;
}

static void
kaitsu_row_layout_measure (GtkLayoutManager *manager,
                           GtkWidget        *widget,
                           GtkOrientation    orientation,
                           int               for_size,
                           int              *minimum,
                           int              *natural,
                           int              *minimum_baseline,
                           int              *natural_baseline)
{
  *minimum = *natural = 0;
  *minimum_baseline = *natural_baseline = -1;
  if (orientation == GTK_ORIENTATION_VERTICAL && for_size >= 0)
    {
      /* The tallest column at the width it would get */
      GtkRequestedSize *sizes = g_newa (GtkRequestedSize, MAX (1, count_laid_out (widget)));
      int left_over;
      guint n = compute_widths (widget, for_size, sizes, &left_over);

      for (guint i = 0; i < n; i++)
        {
          int child_min, child_nat;

          gtk_widget_measure (sizes[i].data, orientation, sizes[i].minimum_size,
                              &child_min, &child_nat, NULL, NULL);
          *minimum = MAX (*minimum, child_min);
          *natural = MAX (*natural, child_nat);
        }
      return;
    }

  /* The widths side by side whatever the height (see the top of this file), or the tallest
   * column at its own width */
  if (orientation == GTK_ORIENTATION_HORIZONTAL)
    *minimum = *natural = total_spacing (widget, count_laid_out (widget));
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      int child_min, child_nat;

      if (!gtk_widget_should_layout (child))
        continue;
      gtk_widget_measure (child, orientation, -1, &child_min, &child_nat, NULL, NULL);
      if (orientation == GTK_ORIENTATION_HORIZONTAL)
        {
          *minimum += child_min;
          *natural += child_nat;
        }
      else
        {
          *minimum = MAX (*minimum, child_min);
          *natural = MAX (*natural, child_nat);
        }
    }
}

static void
kaitsu_row_layout_allocate (GtkLayoutManager *manager,
                            GtkWidget        *widget,
                            int               width,
                            int               height,
                            int               baseline)
{
  GtkRequestedSize *sizes = g_newa (GtkRequestedSize, MAX (1, count_laid_out (widget)));
  gboolean rtl = gtk_widget_get_direction (widget) == GTK_TEXT_DIR_RTL;
  int left_over;
  guint n = compute_widths (widget, width, sizes, &left_over);
  int x = KAITSU_ROW (widget)->centered ? left_over / 2 : 0;

  for (guint i = 0; i < n; i++)
    {
      int child_width = sizes[i].minimum_size;
      GtkAllocation allocation = { rtl ? width - x - child_width : x, 0, child_width, height };

      gtk_widget_size_allocate (sizes[i].data, &allocation, -1);
      x += child_width + KAITSU_ROW (widget)->spacing;
    }
}

static void
kaitsu_row_layout_class_init (KaitsuRowLayoutClass *klass)
{
  GtkLayoutManagerClass *layout_class = GTK_LAYOUT_MANAGER_CLASS (klass);

  layout_class->get_request_mode = kaitsu_row_layout_get_request_mode;
  layout_class->measure = kaitsu_row_layout_measure;
  layout_class->allocate = kaitsu_row_layout_allocate;
}

static void
kaitsu_row_layout_init (KaitsuRowLayout *self)
{
}

static void
kaitsu_row_dispose (GObject *object)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (object))) != NULL)
    gtk_widget_unparent (child);
  G_OBJECT_CLASS (kaitsu_row_parent_class)->dispose (object);
}

static void
kaitsu_row_class_init (KaitsuRowClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  G_OBJECT_CLASS (klass)->dispose = kaitsu_row_dispose;
  gtk_widget_class_set_layout_manager_type (widget_class, KAITSU_TYPE_ROW_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "row-of-columns");
}

static void
kaitsu_row_init (KaitsuRow *self)
{
}

/* @spacing: pixels between two columns */
GtkWidget *
kaitsu_row_new (int spacing)
{
  KaitsuRow *self = g_object_new (KAITSU_TYPE_ROW, NULL);

  self->spacing = MAX (0, spacing);
  return GTK_WIDGET (self);
}

/* With @centered, columns none of which expands stand together in the middle of the row (as a
 * child with halign center would, without GtkWidget asking its width for the height it gets) */
void
kaitsu_row_set_centered (KaitsuRow *self,
                         gboolean   centered)
{
  g_return_if_fail (KAITSU_IS_ROW (self));

  if (self->centered == !!centered)
    return;
  self->centered = !!centered;
  gtk_widget_queue_allocate (GTK_WIDGET (self));
}

/* @child goes last, right of the others (left of them in a right-to-left language) */
void
kaitsu_row_append (KaitsuRow *self,
                   GtkWidget *child)
{
  g_return_if_fail (KAITSU_IS_ROW (self));
  g_return_if_fail (GTK_IS_WIDGET (child));

  gtk_widget_insert_before (child, GTK_WIDGET (self), NULL);
}

/* @child goes first, left of the others (right of them in a right-to-left language) */
void
kaitsu_row_prepend (KaitsuRow *self,
                    GtkWidget *child)
{
  g_return_if_fail (KAITSU_IS_ROW (self));
  g_return_if_fail (GTK_IS_WIDGET (child));

  gtk_widget_insert_after (child, GTK_WIDGET (self), NULL);
}
