/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-flatpak-manifest.c: the Flatpak manifest parses and matches the build */

#include "config.h"

#include <json-glib/json-glib.h>

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

  finish_args = json_object_get_array_member (root, "finish-args");
  for (guint i = 0; i < 5; i++)
    {
      const char *needed[] = { "--share=network", "--share=ipc", "--socket=wayland",
                               "--socket=fallback-x11", "--device=dri" };
      g_assert_true (array_has_string (finish_args, needed[i]));
    }
  g_assert_false (array_has_string (finish_args, "--filesystem=home"));

  modules = json_object_get_array_member (root, "modules");
  for (guint i = 0; i < json_array_get_length (modules); i++)
    has_gmime |= g_strcmp0 (json_object_get_string_member (json_array_get_object_element (modules, i), "name"),
                            "gmime") == 0;
  g_assert_true (has_gmime);
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
