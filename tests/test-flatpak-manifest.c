/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-flatpak-manifest.c: the Flatpak manifest parses and matches the build */

#include "config.h"

#include <json-glib/json-glib.h>
#include <string.h>

#include "kaitsu-test-util.h"

static gboolean
array_has_string (JsonArray  *array,
                  const char *value)
{
  for (guint i = 0; i < json_array_get_length (array); i++)
    if (g_strcmp0 (json_array_get_string_element (array, i), value) == 0)
      return TRUE;
  return FALSE;
}

static void
test_manifest (void)
{
  g_autoptr (JsonParser) parser = json_parser_new ();
  g_autoptr (GError) error = NULL;
  JsonObject *root, *last;
  JsonArray *finish_args, *modules;
  gboolean has_gmime = FALSE;
  const char *version;

  g_assert_true (json_parser_load_from_file (parser, FLATPAK_MANIFEST, &error));
  g_assert_no_error (error);
  root = json_node_get_object (json_parser_get_root (parser));

  g_assert_cmpstr (json_object_get_string_member (root, "id"), ==, APP_ID);
  g_assert_cmpstr (json_object_get_string_member (root, "command"), ==, PACKAGE_NAME);
  g_assert_cmpstr (json_object_get_string_member (root, "runtime"), ==, "org.gnome.Platform");
  g_assert_cmpstr (json_object_get_string_member (root, "sdk"), ==, "org.gnome.Sdk");
  /* WebKitGTK 6.0 and libsoup 3 are in the GNOME runtime from 44 on. */
  version = json_object_get_string_member (root, "runtime-version");
  g_assert_cmpint (g_ascii_strtoll (version, NULL, 10), >=, 44);

  /* No wider than the app needs, each for a reason: the sites (network), X11's shared memory
   * (ipc), a display either way, and GL for GTK and WebKit (dri). Files are saved and links
   * opened through the portals, so no filesystem and no bus name. */
  finish_args = json_object_get_array_member (root, "finish-args");
  {
    const char *needed[] = { "--share=network", "--share=ipc", "--socket=wayland",
                             "--socket=fallback-x11", "--device=dri" };

    g_assert_cmpuint (json_array_get_length (finish_args), ==, G_N_ELEMENTS (needed));
    for (guint i = 0; i < G_N_ELEMENTS (needed); i++)
      g_assert_true (array_has_string (finish_args, needed[i]));
  }

  modules = json_object_get_array_member (root, "modules");
  for (guint i = 0; i < json_array_get_length (modules); i++)
    has_gmime |= g_strcmp0 (json_object_get_string_member (json_array_get_object_element (modules, i), "name"),
                            "gmime") == 0;
  g_assert_true (has_gmime);
  /* Reproducible: every fetched source pinned (a tag with its commit, an archive with its
   * checksum), and no network while building */
  for (guint i = 0; i < json_array_get_length (modules); i++)
    {
      JsonObject *module = json_array_get_object_element (modules, i);
      JsonArray *sources = json_object_get_array_member (module, "sources");

      g_assert_false (json_object_has_member (module, "build-options") &&
                      json_object_has_member (json_object_get_object_member (module, "build-options"), "build-args"));
      for (guint k = 0; k < json_array_get_length (sources); k++)
        {
          JsonObject *source = json_array_get_object_element (sources, k);
          const char *type = json_object_get_string_member (source, "type");

          if (g_str_equal (type, "git"))
            {
              const char *commit = json_object_get_string_member_with_default (source, "commit", "");

              g_assert_true (json_object_has_member (source, "tag"));
              g_assert_cmpuint (strlen (commit), ==, 40);
              for (const char *c = commit; *c != '\0'; c++)
                g_assert_true (g_ascii_isxdigit (*c));
            }
          else if (g_str_equal (type, "archive") || g_str_equal (type, "file"))
            g_assert_cmpuint (strlen (json_object_get_string_member_with_default (source, "sha256", "")), ==, 64);
          else
            g_assert_cmpstr (type, ==, "dir");
        }
    }
  last = json_array_get_object_element (modules, json_array_get_length (modules) - 1);
  g_assert_cmpstr (json_object_get_string_member (last, "name"), ==, PACKAGE_NAME);
  g_assert_cmpstr (json_object_get_string_member (last, "buildsystem"), ==, "meson");
}

int
main (int   argc,
      char *argv[])
{
  kaitsu_test_init (&argc, &argv);
  g_test_add_func ("/flatpak/manifest", test_manifest);
  return g_test_run ();
}
