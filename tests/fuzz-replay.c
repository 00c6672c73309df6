/* SPDX-License-Identifier: GPL-3.0-or-later */
/* fuzz-replay.c: runs the fuzz target without libFuzzer: every corpus file, then a fixed
 * number of deterministic mutations of them (bit flips, cuts, splices, repeats). */

#include "config.h"

#include <glib.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

int LLVMFuzzerTestOneInput (const uint8_t *data, size_t size);

static GByteArray *
mutate (GRand      *rand,
        GPtrArray  *corpus)
{
  GBytes *base = g_ptr_array_index (corpus, g_rand_int_range (rand, 0, corpus->len));
  gsize size;
  const guint8 *data = g_bytes_get_data (base, &size);
  GByteArray *out = g_byte_array_new ();
  guint changes = g_rand_int_range (rand, 1, 8);

  g_byte_array_append (out, data, size);
  for (guint i = 0; i < changes && out->len > 0; i++)
    {
      guint at = g_rand_int_range (rand, 0, out->len);

      switch (g_rand_int_range (rand, 0, 6))
        {
        case 0:
          out->data[at] ^= 1 << g_rand_int_range (rand, 0, 8);
          break;
        case 1:
          g_byte_array_set_size (out, at);
          break;
        case 2:
          out->data[at] = (guint8) g_rand_int_range (rand, 0, 256);
          break;
        case 3:
          {
            guint wanted = g_rand_int_range (rand, 1, 64);
            guint length = MIN (out->len - at, wanted);
            guint repeats = g_rand_int_range (rand, 1, 50);
            g_autofree guint8 *copy = g_memdup2 (out->data + at, length);

            for (guint k = 0; k < repeats; k++)
              g_byte_array_append (out, copy, length);
          }
          break;
        case 4:
          {
            GBytes *other = g_ptr_array_index (corpus, g_rand_int_range (rand, 0, corpus->len));
            gsize other_size;
            const guint8 *other_data = g_bytes_get_data (other, &other_size);
            guint from = other_size > 0 ? g_rand_int_range (rand, 0, other_size) : 0;

            g_byte_array_set_size (out, at);
            g_byte_array_append (out, other_data + from, other_size - from);
          }
          break;
        default:
          {
            guint wanted = g_rand_int_range (rand, 1, 32);

            g_byte_array_remove_range (out, at, MIN (out->len - at, wanted));
          }
          break;
        }
    }
  return out;
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr (GPtrArray) corpus = g_ptr_array_new_with_free_func ((GDestroyNotify) g_bytes_unref);
  g_autoptr (GRand) rand = NULL;
  guint runs;

  if (argc < 3)
    {
      fprintf (stderr, "usage: fuzz-replay RUNS CORPUS-DIR...\n");
      return 2;
    }
  runs = (guint) g_ascii_strtoull (argv[1], NULL, 10);
  for (int i = 2; i < argc; i++)
    {
      g_autoptr (GDir) dir = g_dir_open (argv[i], 0, NULL);
      const char *name;

      while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
        {
          g_autofree char *path = g_build_filename (argv[i], name, NULL);
          char *contents;
          gsize length;

          if (g_file_get_contents (path, &contents, &length, NULL))
            g_ptr_array_add (corpus, g_bytes_new_take (contents, length));
        }
    }
  if (corpus->len == 0)
    {
      fprintf (stderr, "fuzz-replay: empty corpus\n");
      return 1;
    }
  for (guint i = 0; i < corpus->len; i++)
    {
      gsize size;
      const guint8 *data = g_bytes_get_data (g_ptr_array_index (corpus, i), &size);
      LLVMFuzzerTestOneInput (data, size);
    }
  rand = g_rand_new_with_seed (20261126);
  for (guint i = 0; i < runs; i++)
    {
      g_autoptr (GByteArray) input = mutate (rand, corpus);
      LLVMFuzzerTestOneInput (input->data, input->len);
    }
  printf ("1..1\nok 1 - %u corpus files and %u mutations read without a crash\n", corpus->len, runs);
  return 0;
}
