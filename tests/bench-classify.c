/* SPDX-License-Identifier: GPL-3.0-or-later */
/* bench-classify.c: how long reading a page takes, over the corpus of whole real pages.
 * Figures, not a test: prints each page's median and the whole corpus's median and p95,
 * beside the baseline of only folding the page's text (the least any reading must do). */

#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "kaitsu-page-reading.h"

static int
compare (const void *a,
         const void *b)
{
  double x = *(const double *) a, y = *(const double *) b;

  return x < y ? -1 : x > y;
}

static double
percentile (GArray *values,
            double  p)
{
  qsort (values->data, values->len, sizeof (double), compare);
  return g_array_index (values, double, MIN (values->len - 1, (guint) (p * values->len)));
}

int
main (int   argc,
      char *argv[])
{
  const char *dir = argc > 1 ? argv[1] : "tests/pages";
  guint rounds = argc > 2 ? (guint) atoi (argv[2]) : 200;
  g_autoptr (GDir) listing = g_dir_open (dir, 0, NULL);
  g_autoptr (KaitsuSites) sites = kaitsu_sites_new_real ("jp");
  g_autoptr (GArray) all = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr (GArray) folds = g_array_new (FALSE, FALSE, sizeof (double));
  const char *name;
  guint pages = 0;
  gsize folded_bytes = 0;

  if (listing == NULL)
    {
      g_printerr ("usage: bench-classify [PAGES-DIR] [ROUNDS]\n");
      return 2;
    }
  /* Loading and checking the description happens once, at first use: measured on its own */
  {
    gint64 start = g_get_monotonic_time ();
    kaitsu_activation_get_default ();
    g_print ("description loaded and validated once: %.2f ms\n", (g_get_monotonic_time () - start) / 1000.0);
  }
  while ((name = g_dir_read_name (listing)) != NULL)
    {
      g_autofree char *path = g_build_filename (dir, name, NULL);
      g_autofree char *contents = NULL;
      g_autoptr (GArray) times = g_array_new (FALSE, FALSE, sizeof (double));
      g_autofree char *url = NULL;
      const char *text;

      if (!g_str_has_suffix (name, ".txt") || !g_file_get_contents (path, &contents, NULL, NULL))
        continue;
      url = g_strndup (contents + strlen ("# url: "), strcspn (contents + strlen ("# url: "), "\n"));
      for (text = contents; g_str_has_prefix (text, "# "); text = strchr (text, '\n') + 1)
        ;
      for (guint r = 0; r < rounds; r++)
        {
          gint64 start = g_get_monotonic_time ();
          KaitsuPageReading *reading = kaitsu_page_read (sites, url, text);
          gint64 middle = g_get_monotonic_time ();
          g_autofree char *folded = kaitsu_text_fold (text);
          double us = (double) (middle - start);
          double fold_us = (double) (g_get_monotonic_time () - middle);

          /* Used, so that the folding is not left out */
          folded_bytes += strlen (folded);

          kaitsu_page_reading_free (reading);
          g_array_append_val (times, us);
          g_array_append_val (all, us);
          g_array_append_val (folds, fold_us);
        }
      g_print ("%-40s %6zu bytes  median %7.1f us\n", name, strlen (text), percentile (times, 0.5));
      pages++;
    }
  g_print ("\n%u pages x %u rounds: reading a page median %.1f us, p95 %.1f us, max %.1f us\n",
           pages, rounds, percentile (all, 0.5), percentile (all, 0.95), percentile (all, 1.0));
  g_print ("baseline, folding the text only (%" G_GSIZE_FORMAT " bytes folded): median %.1f us; reading / folding: %.1fx\n",
           folded_bytes, percentile (folds, 0.5), percentile (all, 0.5) / MAX (percentile (folds, 0.5), 0.1));
  /* A long console page (a task list of thousands of rows), at the browser's 200 000 characters */
  {
    g_autoptr (GString) big = g_string_new ("Trend Micro Cloud App Security | 運用管理\nタスクリスト\n");
    g_autoptr (GArray) times = g_array_new (FALSE, FALSE, sizeof (double));

    while (g_utf8_strlen (big->str, -1) < 200000)
      g_string_append (big, "成功しました\tBoxのユーザおよびグループを更新しました。\t2026/12/01 10:00\n");
    for (guint r = 0; r < 20; r++)
      {
        gint64 start = g_get_monotonic_time ();
        KaitsuPageReading *reading = kaitsu_page_read (sites, "https://admin.tmcas.trendmicro.co.jp/", big->str);
        double us = (double) (g_get_monotonic_time () - start);

        kaitsu_page_reading_free (reading);
        g_array_append_val (times, us);
      }
    g_print ("a 200 000-character console page: median %.0f us\n", percentile (times, 0.5));
  }
  return 0;
}
