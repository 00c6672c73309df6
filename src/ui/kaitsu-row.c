/* SPDX-License-Identifier: GPL-3.0-or-later */
/* kaitsu-row.c: rows of widgets. KaitsuRow, a horizontal row of columns, laid out as a GtkBox
 * would, with one difference (below); KaitsuWrapBox, a row of buttons that wraps (further down).
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
unparent_children (GtkWidget *widget)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (widget)) != NULL)
    gtk_widget_unparent (child);
}

static void
kaitsu_row_dispose (GObject *object)
{
  unparent_children (GTK_WIDGET (object));
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

/* KaitsuWrapBox: a row of buttons that wraps.
 *
 * A horizontal GtkBox is as wide as all its children together: three buttons with long Japanese
 * labels made the prepare page wider than the room beside the step list and the side pane, and the
 * side pane was pushed out of the window. Here a child that does not fit on the line goes on to the
 * next one, so the row is only as wide as its widest child. Every child gets its natural width (at
 * most the row's), in the order they were added; keyboard focus follows that order. GTK 4.8 has
 * nothing like it (GtkFlowBox makes every child a selectable item, with its own focus). */

struct _KaitsuWrapBox
{
  GtkWidget parent_instance;

  int spacing;
  guint n_lines;
};

G_DEFINE_FINAL_TYPE (KaitsuWrapBox, kaitsu_wrap_box, GTK_TYPE_WIDGET)

enum
{
  PROP_0,
  PROP_SPACING,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

typedef struct
{
  GtkWidget *child;
  int x, y, width, height;
} Place;

/* Where each laid-out child goes in a row @width wide (any width if negative: one line).
 * Returns the number of children placed; *height and *n_lines say how much room they take. */
static guint
place_children (KaitsuWrapBox *self,
                int            width,
                Place         *places,
                int           *height,
                guint         *n_lines)
{
  guint n = 0, line_start = 0;
  int x = 0, y = 0, line_height = 0;

  *n_lines = 0;
  for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (self)); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      int child_min, child_nat, child_width, child_height;

      if (!gtk_widget_should_layout (child))
        continue;
      gtk_widget_measure (child, GTK_ORIENTATION_HORIZONTAL, -1, &child_min, &child_nat, NULL, NULL);
      child_width = width >= 0 ? MAX (child_min, MIN (child_nat, width)) : child_nat;
      if (n > line_start && width >= 0 && x + self->spacing + child_width > width)
        {
          /* On to the next line: the one before is as tall as its tallest child */
          for (guint i = line_start; i < n; i++)
            places[i].height = line_height;
          y += line_height + self->spacing;
          x = 0;
          line_height = 0;
          line_start = n;
        }
      else if (n > line_start)
        x += self->spacing;
      if (n == line_start)
        (*n_lines)++;
      gtk_widget_measure (child, GTK_ORIENTATION_VERTICAL, child_width, NULL, &child_height, NULL, NULL);
      places[n] = (Place) { child, x, y, child_width, child_height };
      line_height = MAX (line_height, child_height);
      x += child_width;
      n++;
    }
  for (guint i = line_start; i < n; i++)
    places[i].height = line_height;
  *height = n > 0 ? y + line_height : 0;
  return n;
}

static GtkSizeRequestMode
kaitsu_wrap_box_get_request_mode (GtkWidget *widget)
{
  return GTK_SIZE_REQUEST_HEIGHT_FOR_WIDTH;
}

static void
kaitsu_wrap_box_measure (GtkWidget      *widget,
                         GtkOrientation  orientation,
                         int             for_size,
                         int            *minimum,
                         int            *natural,
                         int            *minimum_baseline,
                         int            *natural_baseline)
{
  KaitsuWrapBox *self = KAITSU_WRAP_BOX (widget);

  *minimum = *natural = 0;
  if (orientation == GTK_ORIENTATION_HORIZONTAL)
    {
      /* As narrow as the widest child, as wide as all of them on one line */
      guint n = 0;

      for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
           child = gtk_widget_get_next_sibling (child))
        {
          int child_min, child_nat;

          if (!gtk_widget_should_layout (child))
            continue;
          gtk_widget_measure (child, orientation, -1, &child_min, &child_nat, NULL, NULL);
          *minimum = MAX (*minimum, child_min);
          *natural += child_nat + (n > 0 ? self->spacing : 0);
          n++;
        }
    }
  else
    {
      Place *places = g_newa (Place, MAX (1, count_laid_out (widget)));
      guint n_lines;
      int height;

      place_children (self, for_size, places, &height, &n_lines);
      *minimum = *natural = height;
    }
}

static void
kaitsu_wrap_box_size_allocate (GtkWidget *widget,
                               int        width,
                               int        height,
                               int        baseline)
{
  KaitsuWrapBox *self = KAITSU_WRAP_BOX (widget);
  gboolean rtl = gtk_widget_get_direction (widget) == GTK_TEXT_DIR_RTL;
  Place *places = g_newa (Place, MAX (1, count_laid_out (widget)));
  int used_height;
  guint n = place_children (self, width, places, &used_height, &self->n_lines);

  for (guint i = 0; i < n; i++)
    {
      GtkAllocation allocation = { rtl ? width - places[i].x - places[i].width : places[i].x,
                                   places[i].y, places[i].width, places[i].height };

      gtk_widget_size_allocate (places[i].child, &allocation, -1);
    }
}

static void
kaitsu_wrap_box_get_property (GObject    *object,
                              guint       prop_id,
                              GValue     *value,
                              GParamSpec *pspec)
{
  KaitsuWrapBox *self = KAITSU_WRAP_BOX (object);

  switch (prop_id)
    {
    case PROP_SPACING:
      g_value_set_int (value, self->spacing);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
kaitsu_wrap_box_set_property (GObject      *object,
                              guint         prop_id,
                              const GValue *value,
                              GParamSpec   *pspec)
{
  KaitsuWrapBox *self = KAITSU_WRAP_BOX (object);

  switch (prop_id)
    {
    case PROP_SPACING:
      kaitsu_wrap_box_set_spacing (self, g_value_get_int (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
kaitsu_wrap_box_dispose (GObject *object)
{
  unparent_children (GTK_WIDGET (object));
  G_OBJECT_CLASS (kaitsu_wrap_box_parent_class)->dispose (object);
}

static void
kaitsu_wrap_box_class_init (KaitsuWrapBoxClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = kaitsu_wrap_box_dispose;
  object_class->get_property = kaitsu_wrap_box_get_property;
  object_class->set_property = kaitsu_wrap_box_set_property;
  widget_class->get_request_mode = kaitsu_wrap_box_get_request_mode;
  widget_class->measure = kaitsu_wrap_box_measure;
  widget_class->size_allocate = kaitsu_wrap_box_size_allocate;

  /* Pixels between two children on a line, and between two lines */
  properties[PROP_SPACING] = g_param_spec_int ("spacing", NULL, NULL, 0, G_MAXINT16, 0,
                                               G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY |
                                                 G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);
  gtk_widget_class_set_css_name (widget_class, "wrap-box");
}

static void
kaitsu_wrap_box_init (KaitsuWrapBox *self)
{
}

GtkWidget *
kaitsu_wrap_box_new (int spacing)
{
  return g_object_new (KAITSU_TYPE_WRAP_BOX, "spacing", spacing, NULL);
}

int
kaitsu_wrap_box_get_spacing (KaitsuWrapBox *self)
{
  g_return_val_if_fail (KAITSU_IS_WRAP_BOX (self), 0);

  return self->spacing;
}

void
kaitsu_wrap_box_set_spacing (KaitsuWrapBox *self,
                             int            spacing)
{
  g_return_if_fail (KAITSU_IS_WRAP_BOX (self));

  spacing = CLAMP (spacing, 0, G_MAXINT16);
  if (self->spacing == spacing)
    return;
  self->spacing = spacing;
  gtk_widget_queue_resize (GTK_WIDGET (self));
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SPACING]);
}

/* How many lines the children took at the last layout (0 before it, or with none on view) */
guint
kaitsu_wrap_box_get_n_lines (KaitsuWrapBox *self)
{
  g_return_val_if_fail (KAITSU_IS_WRAP_BOX (self), 0);

  return self->n_lines;
}
