/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-procedure.c: the procedure table holds every step of the contract, in order */

#include "config.h"

#include <json-glib/json-glib.h>
#include <string.h>

#include "kaitsu-procedure.h"
#include "kaitsu-test-util.h"

static const char * const contract_ids[] = {
  "welcome", "prepare", "password", "login", "console",
  "exchange-online", "sharepoint-online", "onedrive", "teams",
  "teams-app-permission", "verify", "policies", "mip", "settings", "finish",
};

static void
test_step_ids (void)
{
  g_assert_cmpint (KAITSU_N_STEPS, ==, G_N_ELEMENTS (contract_ids));
  for (guint i = 0; i < G_N_ELEMENTS (contract_ids); i++)
    {
      g_assert_cmpstr (kaitsu_step_get_id (i), ==, contract_ids[i]);
      g_assert_cmpint (kaitsu_step_from_id (contract_ids[i]), ==, i);
    }
  g_assert_cmpint (kaitsu_step_from_id ("nonsense"), ==, KAITSU_STEP_NONE);
  g_assert_cmpint (kaitsu_step_from_id (NULL), ==, KAITSU_STEP_NONE);
}

static void
test_service_pages (void)
{
  for (KaitsuService s = 0; s < KAITSU_N_SERVICES; s++)
    {
      KaitsuStep step = kaitsu_service_get_step (s);

      g_assert_cmpstr (kaitsu_step_get_id (step), ==, kaitsu_service_get_id (s));
      g_assert_cmpint (kaitsu_step_get_service (step), ==, s);
      /* ① to ⑦ of the manual */
      g_assert_cmpuint (kaitsu_step_get_n_substeps (step), ==, 7);
      for (guint i = 0; i < 7; i++)
        {
          g_autofree char *id = kaitsu_step_dup_substep_id (step, i);
          g_autofree char *expected = g_strdup_printf ("%s.%u", kaitsu_service_get_id (s), i + 1);
          g_autofree char *text = kaitsu_step_dup_substep_text (step, i);

          g_assert_cmpstr (id, ==, expected);
          g_assert_null (strstr (text, "{service}"));
        }
      {
        g_autofree char *first = kaitsu_step_dup_substep_text (step, 0);
        g_assert_nonnull (strstr (first, kaitsu_service_get_name (s)));
      }
    }
}

static gboolean
any_contains (KaitsuStep   step,
              guint        n,
              char      *(*dup) (KaitsuStep, guint),
              const char  *needle)
{
  for (guint i = 0; i < n; i++)
    {
      g_autofree char *text = dup (step, i);
      if (strstr (text, needle) != NULL)
        return TRUE;
    }
  return FALSE;
}

static gboolean
any_advice_contains (KaitsuStep  step,
                     const char *needle)
{
  return any_contains (step, kaitsu_step_get_n_advice (step), kaitsu_step_dup_advice, needle);
}

static gboolean
any_warning_contains (KaitsuStep  step,
                      const char *needle)
{
  return any_contains (step, kaitsu_step_get_n_warnings (step), kaitsu_step_dup_warning, needle);
}

static void
test_manual_advice (void)
{
  for (KaitsuService s = 0; s < KAITSU_N_SERVICES; s++)
    {
      KaitsuStep step = kaitsu_service_get_step (s);

      g_assert_true (any_advice_contains (step, "×"));
      g_assert_true (any_advice_contains (step, "3"));
    }
  /* The extra-charge warning and the retired step are warnings, not tips */
  g_assert_true (any_warning_contains (KAITSU_STEP_TEAMS, "「Teamsチャット」"));
  g_assert_false (any_advice_contains (KAITSU_STEP_TEAMS, "Teamsチャット"));
  g_assert_true (any_advice_contains (KAITSU_STEP_TEAMS, "「完了」"));
  g_assert_true (any_warning_contains (KAITSU_STEP_TEAMS_APP_PERMISSION, "2026"));
  g_assert_cmpuint (kaitsu_step_get_n_warnings (KAITSU_STEP_EXCHANGE_ONLINE), ==, 0);
}

static void
test_every_step_has_text (void)
{
  for (KaitsuStep step = 0; step < KAITSU_N_STEPS; step++)
    {
      g_autofree char *title = kaitsu_step_dup_title (step);
      g_autofree char *summary = kaitsu_step_dup_summary (step);

      g_assert_cmpuint (strlen (title), >, 0);
      g_assert_cmpuint (strlen (summary), >, 0);
      g_assert_cmpuint (kaitsu_step_get_n_substeps (step), >=, 2);
    }
}

static void
test_json (void)
{
  g_autofree char *text = kaitsu_procedure_to_json ();
  g_autoptr (JsonParser) parser = json_parser_new ();
  g_autoptr (GError) error = NULL;
  JsonArray *steps;

  g_assert_true (json_parser_load_from_data (parser, text, -1, &error));
  g_assert_no_error (error);
  steps = json_object_get_array_member (json_node_get_object (json_parser_get_root (parser)),
                                        "steps");
  g_assert_cmpuint (json_array_get_length (steps), ==, KAITSU_N_STEPS);
  for (guint i = 0; i < KAITSU_N_STEPS; i++)
    {
      JsonObject *step = json_array_get_object_element (steps, i);
      JsonArray *substeps = json_object_get_array_member (step, "substeps");
      g_autofree char *first_id = g_strdup_printf ("%s.1", contract_ids[i]);
      KaitsuService service = kaitsu_step_get_service (i);

      g_assert_cmpstr (json_object_get_string_member (step, "id"), ==, contract_ids[i]);
      g_assert_true (json_object_has_member (step, "title"));
      if (service == KAITSU_SERVICE_NONE)
        g_assert_true (json_object_get_null_member (step, "service"));
      else
        g_assert_cmpstr (json_object_get_string_member (step, "service"), ==,
                         kaitsu_service_get_id (service));
      g_assert_cmpuint (json_array_get_length (substeps), ==, kaitsu_step_get_n_substeps (i));
      g_assert_cmpuint (json_array_get_length (json_object_get_array_member (step, "warnings")), ==,
                        kaitsu_step_get_n_warnings (i));
      g_assert_cmpuint (json_array_get_length (json_object_get_array_member (step, "advice")), ==,
                        kaitsu_step_get_n_advice (i));
      g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (substeps, 0), "id"),
                       ==, first_id);
    }
}

static void
test_checklist (void)
{
  g_autofree char *text = kaitsu_procedure_to_checklist ();

  for (guint i = 0; i < G_N_ELEMENTS (contract_ids); i++)
    {
      g_autofree char *marker = g_strdup_printf ("[%s]", contract_ids[i]);
      g_assert_nonnull (strstr (text, marker));
    }
  g_assert_nonnull (strstr (text, "[ ] sharepoint-online.5"));
  /* Support staff's checklist carries the warnings, before the sub-steps */
  g_assert_nonnull (strstr (text, "⚠ Never choose 「Teamsチャット」"));
  g_assert_true (strstr (text, "⚠ Never choose") < strstr (text, "[ ] teams.1"));
  g_assert_nonnull (strstr (text, "ℹ Only one service can be connected at a time"));
}

/* Sentences quote the sites' labels through the description: none is left as {label} */
static void
test_labels_filled (void)
{
  for (KaitsuStep step = 0; step < KAITSU_N_STEPS; step++)
    for (guint i = 0; i < kaitsu_step_get_n_substeps (step); i++)
      {
        g_autofree char *text = kaitsu_step_dup_substep_text (step, i);
        g_assert_null (strchr (text, '{'));
      }
  {
    g_autofree char *grant = kaitsu_step_dup_substep_text (KAITSU_STEP_ONEDRIVE, 1);
    g_assert_nonnull (strstr (grant, "「権限の付与」"));
  }
}

int
main (int   argc,
      char *argv[])
{
  kaitsu_test_init (&argc, &argv);
  g_test_add_func ("/procedure/step-ids", test_step_ids);
  g_test_add_func ("/procedure/service-pages", test_service_pages);
  g_test_add_func ("/procedure/manual-advice", test_manual_advice);
  g_test_add_func ("/procedure/every-step-has-text", test_every_step_has_text);
  g_test_add_func ("/procedure/json", test_json);
  g_test_add_func ("/procedure/checklist", test_checklist);
  g_test_add_func ("/procedure/labels-filled", test_labels_filled);
  return g_test_run ();
}
