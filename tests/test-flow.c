/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-flow.c: the flow's rules: order, conditions, visibility, one service at a time */

#include "config.h"

#include <string.h>

#include "kaitsu-flow.h"
#include "kaitsu-test-util.h"

static void
confirm_and_next (KaitsuFlow *flow,
                  KaitsuStep  expected_now)
{
  g_autoptr (GError) error = NULL;

  g_assert_cmpint (kaitsu_flow_get_current_step (flow), ==, expected_now);
  kaitsu_flow_set_step_confirmed (flow, expected_now, TRUE);
  g_assert_true (kaitsu_flow_go_next (flow, &error));
  g_assert_no_error (error);
}

static void
protect (KaitsuFlow   *flow,
         KaitsuService service)
{
  g_assert_true (kaitsu_flow_start_service (flow, service, NULL));
  kaitsu_flow_service_syncing (flow, service);
  kaitsu_flow_service_protected (flow, service);
}

static void
test_initial (void)
{
  g_autoptr (KaitsuFlow) flow = kaitsu_flow_new ();

  g_assert_cmpint (kaitsu_flow_get_current_step (flow), ==, KAITSU_STEP_WELCOME);
  g_assert_cmpint (kaitsu_flow_get_step_state (flow, KAITSU_STEP_WELCOME), ==,
                   KAITSU_STEP_STATE_CURRENT);
  g_assert_cmpint (kaitsu_flow_get_step_state (flow, KAITSU_STEP_PREPARE), ==,
                   KAITSU_STEP_STATE_NOT_REACHED);
  for (KaitsuService s = 0; s < KAITSU_N_SERVICES; s++)
    {
      g_assert_true (kaitsu_flow_get_service_chosen (flow, s));
      g_assert_cmpint (kaitsu_flow_get_service_state (flow, s), ==, KAITSU_SERVICE_STATE_NOT_STARTED);
    }
  g_assert_cmpstr (kaitsu_flow_get_region (flow), ==, "jp");
  g_assert_false (kaitsu_flow_can_go_back (flow));
  g_assert_true (kaitsu_flow_can_go_next (flow));
  g_assert_true (kaitsu_flow_is_pristine (flow));
  /* The conditional steps are hidden, and shown as skipped. */
  g_assert_false (kaitsu_flow_step_is_visible (flow, KAITSU_STEP_TEAMS_APP_PERMISSION));
  g_assert_false (kaitsu_flow_step_is_visible (flow, KAITSU_STEP_MIP));
  g_assert_cmpint (kaitsu_flow_get_step_state (flow, KAITSU_STEP_MIP), ==, KAITSU_STEP_STATE_SKIPPED);
}

static void
test_welcome_needs_a_service (void)
{
  g_autoptr (KaitsuFlow) flow = kaitsu_flow_new ();
  g_autoptr (GError) error = NULL;
  g_autofree char *hint = NULL;

  for (KaitsuService s = 0; s < KAITSU_N_SERVICES; s++)
    kaitsu_flow_set_service_chosen (flow, s, FALSE);
  g_assert_false (kaitsu_flow_can_go_next (flow));
  g_assert_false (kaitsu_flow_go_next (flow, &error));
  g_assert_error (error, KAITSU_FLOW_ERROR, KAITSU_FLOW_ERROR_INCOMPLETE);
  g_assert_cmpint (kaitsu_flow_get_current_step (flow), ==, KAITSU_STEP_WELCOME);
  /* A grey 「Next」 says why */
  hint = kaitsu_flow_dup_next_hint (flow);
  g_assert_nonnull (strstr (hint, "service is chosen"));
  kaitsu_flow_set_service_chosen (flow, KAITSU_SERVICE_ONEDRIVE, TRUE);
  g_assert_true (kaitsu_flow_can_go_next (flow));
  g_assert_null (kaitsu_flow_dup_next_hint (flow));
}

static void
test_confirmation_gates_next (void)
{
  g_autoptr (KaitsuFlow) flow = kaitsu_flow_new ();
  g_autofree char *hint = NULL;

  g_assert_true (kaitsu_flow_go_next (flow, NULL));
  g_assert_cmpint (kaitsu_flow_get_current_step (flow), ==, KAITSU_STEP_PREPARE);
  g_assert_false (kaitsu_flow_can_go_next (flow));
  hint = kaitsu_flow_dup_next_hint (flow);
  g_assert_nonnull (strstr (hint, "confirm"));
  kaitsu_flow_set_step_confirmed (flow, KAITSU_STEP_PREPARE, TRUE);
  g_assert_true (kaitsu_flow_can_go_next (flow));
  g_assert_null (kaitsu_flow_dup_next_hint (flow));
  kaitsu_flow_set_step_confirmed (flow, KAITSU_STEP_PREPARE, FALSE);
  g_assert_false (kaitsu_flow_can_go_next (flow));
  g_assert_cmpint (kaitsu_flow_get_step_state (flow, KAITSU_STEP_WELCOME), ==, KAITSU_STEP_STATE_DONE);
}

static void
test_service_step_needs_protection (void)
{
  g_autoptr (KaitsuFlow) flow = kaitsu_flow_new ();
  g_autofree char *hint = NULL;

  g_assert_true (kaitsu_flow_go_next (flow, NULL));
  confirm_and_next (flow, KAITSU_STEP_PREPARE);
  confirm_and_next (flow, KAITSU_STEP_PASSWORD);
  confirm_and_next (flow, KAITSU_STEP_LOGIN);
  confirm_and_next (flow, KAITSU_STEP_CONSOLE);
  g_assert_cmpint (kaitsu_flow_get_current_step (flow), ==, KAITSU_STEP_EXCHANGE_ONLINE);
  /* Confirming is not enough on a service page: the service must be protected. */
  kaitsu_flow_set_step_confirmed (flow, KAITSU_STEP_EXCHANGE_ONLINE, TRUE);
  g_assert_false (kaitsu_flow_can_go_next (flow));
  g_assert_true (kaitsu_flow_start_service (flow, KAITSU_SERVICE_EXCHANGE_ONLINE, NULL));
  g_assert_false (kaitsu_flow_can_go_next (flow));
  kaitsu_flow_service_syncing (flow, KAITSU_SERVICE_EXCHANGE_ONLINE);
  g_assert_false (kaitsu_flow_can_go_next (flow));
  /* The hint names the service the step waits for */
  hint = kaitsu_flow_dup_next_hint (flow);
  g_assert_nonnull (strstr (hint, "Exchange Online as protected"));
  kaitsu_flow_service_protected (flow, KAITSU_SERVICE_EXCHANGE_ONLINE);
  g_assert_true (kaitsu_flow_can_go_next (flow));
  g_assert_null (kaitsu_flow_dup_next_hint (flow));
}

static void
test_one_service_at_a_time (void)
{
  g_autoptr (KaitsuFlow) flow = kaitsu_flow_new ();
  g_autoptr (GError) error = NULL;

  g_assert_true (kaitsu_flow_start_service (flow, KAITSU_SERVICE_EXCHANGE_ONLINE, NULL));
  g_assert_false (kaitsu_flow_start_service (flow, KAITSU_SERVICE_SHAREPOINT_ONLINE, &error));
  g_assert_error (error, KAITSU_FLOW_ERROR, KAITSU_FLOW_ERROR_BUSY);
  g_clear_error (&error);
  g_assert_cmpint (kaitsu_flow_get_busy_service (flow, KAITSU_SERVICE_SHAREPOINT_ONLINE), ==,
                   KAITSU_SERVICE_EXCHANGE_ONLINE);

  /* Syncing (保留) still blocks. */
  kaitsu_flow_service_syncing (flow, KAITSU_SERVICE_EXCHANGE_ONLINE);
  g_assert_false (kaitsu_flow_start_service (flow, KAITSU_SERVICE_ONEDRIVE, &error));
  g_assert_error (error, KAITSU_FLOW_ERROR, KAITSU_FLOW_ERROR_BUSY);
  g_clear_error (&error);
  g_assert_cmpint (kaitsu_flow_get_service_state (flow, KAITSU_SERVICE_ONEDRIVE), ==,
                   KAITSU_SERVICE_STATE_NOT_STARTED);
  g_assert_cmpuint (kaitsu_flow_get_service_attempts (flow, KAITSU_SERVICE_ONEDRIVE), ==, 0);

  /* An error frees the way, as does protection. */
  kaitsu_flow_service_failed (flow, KAITSU_SERVICE_EXCHANGE_ONLINE, "AADSTS65004");
  g_assert_cmpint (kaitsu_flow_get_busy_service (flow, KAITSU_SERVICE_NONE), ==, KAITSU_SERVICE_NONE);
  g_assert_cmpstr (kaitsu_flow_get_service_last_error (flow, KAITSU_SERVICE_EXCHANGE_ONLINE), ==,
                   "AADSTS65004");
  g_assert_true (kaitsu_flow_start_service (flow, KAITSU_SERVICE_EXCHANGE_ONLINE, NULL));
  g_assert_cmpuint (kaitsu_flow_get_service_attempts (flow, KAITSU_SERVICE_EXCHANGE_ONLINE), ==, 2);
  g_assert_null (kaitsu_flow_get_service_last_error (flow, KAITSU_SERVICE_EXCHANGE_ONLINE));
  kaitsu_flow_service_protected (flow, KAITSU_SERVICE_EXCHANGE_ONLINE);
  g_assert_true (kaitsu_flow_start_service (flow, KAITSU_SERVICE_ONEDRIVE, NULL));
  g_assert_cmpint (kaitsu_flow_get_service_started (flow, KAITSU_SERVICE_ONEDRIVE), >, 0);
}

static void
test_service_not_chosen (void)
{
  g_autoptr (KaitsuFlow) flow = kaitsu_flow_new ();
  g_autoptr (GError) error = NULL;

  kaitsu_flow_set_service_chosen (flow, KAITSU_SERVICE_TEAMS, FALSE);
  g_assert_false (kaitsu_flow_start_service (flow, KAITSU_SERVICE_TEAMS, &error));
  g_assert_error (error, KAITSU_FLOW_ERROR, KAITSU_FLOW_ERROR_NOT_CHOSEN);
  g_assert_false (kaitsu_flow_step_is_visible (flow, KAITSU_STEP_TEAMS));
}

static void
test_visibility (void)
{
  g_autoptr (KaitsuFlow) flow = kaitsu_flow_new ();

  kaitsu_flow_set_mip_use (flow, KAITSU_MIP_NOT_SURE);
  g_assert_true (kaitsu_flow_step_is_visible (flow, KAITSU_STEP_MIP));
  kaitsu_flow_set_mip_use (flow, KAITSU_MIP_YES);
  g_assert_true (kaitsu_flow_step_is_visible (flow, KAITSU_STEP_MIP));
  kaitsu_flow_set_app_permission_needed (flow, TRUE);
  g_assert_true (kaitsu_flow_step_is_visible (flow, KAITSU_STEP_TEAMS_APP_PERMISSION));
  kaitsu_flow_set_service_chosen (flow, KAITSU_SERVICE_TEAMS, FALSE);
  g_assert_false (kaitsu_flow_step_is_visible (flow, KAITSU_STEP_TEAMS_APP_PERMISSION));
  g_assert_cmpint (kaitsu_flow_get_next_visible (flow, KAITSU_STEP_ONEDRIVE), ==, KAITSU_STEP_VERIFY);
  g_assert_cmpint (kaitsu_flow_get_previous_visible (flow, KAITSU_STEP_VERIFY), ==, KAITSU_STEP_ONEDRIVE);
}

static void
test_full_walk_and_review (void)
{
  g_autoptr (KaitsuFlow) flow = kaitsu_flow_new ();
  g_autoptr (GError) error = NULL;

  kaitsu_flow_set_service_chosen (flow, KAITSU_SERVICE_ONEDRIVE, FALSE);
  kaitsu_flow_set_mip_use (flow, KAITSU_MIP_YES);
  g_assert_true (kaitsu_flow_go_next (flow, NULL));
  confirm_and_next (flow, KAITSU_STEP_PREPARE);
  confirm_and_next (flow, KAITSU_STEP_PASSWORD);
  confirm_and_next (flow, KAITSU_STEP_LOGIN);
  confirm_and_next (flow, KAITSU_STEP_CONSOLE);
  protect (flow, KAITSU_SERVICE_EXCHANGE_ONLINE);
  g_assert_true (kaitsu_flow_go_next (flow, NULL));
  protect (flow, KAITSU_SERVICE_SHAREPOINT_ONLINE);
  g_assert_true (kaitsu_flow_go_next (flow, NULL));
  /* OneDrive was not chosen: straight to Teams, which asks for the SharePoint step. */
  g_assert_cmpint (kaitsu_flow_get_current_step (flow), ==, KAITSU_STEP_TEAMS);
  g_assert_true (kaitsu_flow_start_service (flow, KAITSU_SERVICE_TEAMS, NULL));
  kaitsu_flow_set_app_permission_needed (flow, TRUE);
  kaitsu_flow_service_protected (flow, KAITSU_SERVICE_TEAMS);
  g_assert_true (kaitsu_flow_go_next (flow, NULL));
  confirm_and_next (flow, KAITSU_STEP_TEAMS_APP_PERMISSION);
  g_assert_cmpint (kaitsu_flow_get_current_step (flow), ==, KAITSU_STEP_VERIFY);
  g_assert_true (kaitsu_flow_all_chosen_protected (flow));
  g_assert_true (kaitsu_flow_go_next (flow, NULL));

  /* Granted is not scanning: the policies step waits for every chosen service's policy */
  g_assert_cmpint (kaitsu_flow_get_current_step (flow), ==, KAITSU_STEP_POLICIES);
  g_assert_false (kaitsu_flow_all_chosen_scanning (flow));
  g_assert_false (kaitsu_flow_can_go_next (flow));
  kaitsu_flow_set_service_policy (flow, KAITSU_SERVICE_EXCHANGE_ONLINE, KAITSU_POLICY_ON, "初期設定の高度な脅威対策ポリシー");
  kaitsu_flow_set_service_policy (flow, KAITSU_SERVICE_SHAREPOINT_ONLINE, KAITSU_POLICY_ON, NULL);
  /* Monitor-only logs, it does not stop anything */
  kaitsu_flow_set_service_policy (flow, KAITSU_SERVICE_TEAMS, KAITSU_POLICY_MONITOR_ONLY, NULL);
  g_assert_false (kaitsu_flow_can_go_next (flow));
  /* OneDrive was not chosen: its policy does not count */
  kaitsu_flow_set_service_policy (flow, KAITSU_SERVICE_TEAMS, KAITSU_POLICY_ON, NULL);
  g_assert_true (kaitsu_flow_all_chosen_scanning (flow));
  g_assert_cmpstr (kaitsu_flow_get_service_policy_name (flow, KAITSU_SERVICE_EXCHANGE_ONLINE), ==,
                   "初期設定の高度な脅威対策ポリシー");
  g_assert_true (kaitsu_flow_go_next (flow, NULL));
  confirm_and_next (flow, KAITSU_STEP_MIP);
  /* The settings step's box only records NTT East's procedures: it never holds the user */
  g_assert_cmpint (kaitsu_flow_get_current_step (flow), ==, KAITSU_STEP_SETTINGS);
  g_assert_true (kaitsu_flow_can_go_next (flow));
  g_assert_true (kaitsu_flow_go_next (flow, NULL));
  g_assert_false (kaitsu_flow_get_step_confirmed (flow, KAITSU_STEP_SETTINGS));
  g_assert_cmpint (kaitsu_flow_get_current_step (flow), ==, KAITSU_STEP_FINISH);
  g_assert_false (kaitsu_flow_can_go_next (flow));
  g_assert_false (kaitsu_flow_go_next (flow, &error));
  g_assert_error (error, KAITSU_FLOW_ERROR, KAITSU_FLOW_ERROR_INCOMPLETE);

  /* Reviewing a finished step keeps every state. */
  g_assert_true (kaitsu_flow_go_to (flow, KAITSU_STEP_PASSWORD, NULL));
  g_assert_cmpint (kaitsu_flow_get_step_state (flow, KAITSU_STEP_PASSWORD), ==, KAITSU_STEP_STATE_CURRENT);
  g_assert_cmpint (kaitsu_flow_get_step_state (flow, KAITSU_STEP_VERIFY), ==, KAITSU_STEP_STATE_DONE);
  g_assert_cmpint (kaitsu_flow_get_step_state (flow, KAITSU_STEP_ONEDRIVE), ==, KAITSU_STEP_STATE_SKIPPED);
  g_assert_cmpint (kaitsu_flow_get_service_state (flow, KAITSU_SERVICE_TEAMS), ==, KAITSU_SERVICE_STATE_PROTECTED);
  g_assert_cmpint (kaitsu_flow_get_furthest_step (flow), ==, KAITSU_STEP_FINISH);
  g_assert_true (kaitsu_flow_can_go_to (flow, KAITSU_STEP_FINISH));
  g_assert_true (kaitsu_flow_go_to (flow, KAITSU_STEP_FINISH, NULL));
}

static void
test_cannot_jump_ahead (void)
{
  g_autoptr (KaitsuFlow) flow = kaitsu_flow_new ();
  g_autoptr (GError) error = NULL;

  g_assert_false (kaitsu_flow_go_to (flow, KAITSU_STEP_CONSOLE, &error));
  g_assert_error (error, KAITSU_FLOW_ERROR, KAITSU_FLOW_ERROR_NOT_REACHED);
  g_assert_cmpint (kaitsu_flow_get_current_step (flow), ==, KAITSU_STEP_WELCOME);
}

static void
count_signal (gpointer counter)
{
  (*(guint *) counter)++;
}

static void
test_signals (void)
{
  g_autoptr (KaitsuFlow) flow = kaitsu_flow_new ();
  guint changed = 0, service_changed = 0, notify = 0;

  g_signal_connect_swapped (flow, "changed", G_CALLBACK (count_signal), &changed);
  g_signal_connect_swapped (flow, "service-changed", G_CALLBACK (count_signal), &service_changed);
  g_signal_connect_swapped (flow, "notify::current-step", G_CALLBACK (count_signal), &notify);
  g_assert_true (kaitsu_flow_go_next (flow, NULL));
  g_assert_cmpuint (notify, ==, 1);
  g_assert_cmpuint (changed, >=, 1);
  kaitsu_flow_start_service (flow, KAITSU_SERVICE_ONEDRIVE, NULL);
  g_assert_cmpuint (service_changed, ==, 1);
  changed = 0;
  /* Setting what is already set changes nothing. */
  kaitsu_flow_set_region (flow, "jp");
  kaitsu_flow_set_service_chosen (flow, KAITSU_SERVICE_TEAMS, TRUE);
  g_assert_cmpuint (changed, ==, 0);
}

static void
test_reset (void)
{
  g_autoptr (KaitsuFlow) flow = kaitsu_flow_new ();

  kaitsu_flow_set_region (flow, "eu");
  g_assert_true (kaitsu_flow_go_next (flow, NULL));
  kaitsu_flow_start_service (flow, KAITSU_SERVICE_ONEDRIVE, NULL);
  kaitsu_flow_set_mail_facts (flow, "CAS0001", "Example", NULL, NULL, 0);
  g_assert_false (kaitsu_flow_is_pristine (flow));
  kaitsu_flow_reset (flow);
  g_assert_true (kaitsu_flow_is_pristine (flow));
  g_assert_cmpstr (kaitsu_flow_get_region (flow), ==, "jp");
  g_assert_null (kaitsu_flow_get_account (flow));
  g_assert_cmpint (kaitsu_flow_get_service_state (flow, KAITSU_SERVICE_ONEDRIVE), ==,
                   KAITSU_SERVICE_STATE_NOT_STARTED);
  g_assert_cmpint (kaitsu_flow_get_step_state (flow, KAITSU_STEP_WELCOME), ==, KAITSU_STEP_STATE_CURRENT);
}

int
main (int   argc,
      char *argv[])
{
  kaitsu_test_init (&argc, &argv);
  g_test_add_func ("/flow/initial", test_initial);
  g_test_add_func ("/flow/welcome-needs-a-service", test_welcome_needs_a_service);
  g_test_add_func ("/flow/confirmation-gates-next", test_confirmation_gates_next);
  g_test_add_func ("/flow/service-step-needs-protection", test_service_step_needs_protection);
  g_test_add_func ("/flow/one-service-at-a-time", test_one_service_at_a_time);
  g_test_add_func ("/flow/service-not-chosen", test_service_not_chosen);
  g_test_add_func ("/flow/visibility", test_visibility);
  g_test_add_func ("/flow/full-walk-and-review", test_full_walk_and_review);
  g_test_add_func ("/flow/cannot-jump-ahead", test_cannot_jump_ahead);
  g_test_add_func ("/flow/signals", test_signals);
  g_test_add_func ("/flow/reset", test_reset);
  return g_test_run ();
}
