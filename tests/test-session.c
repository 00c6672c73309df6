/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-session.c: the session file round-trips, survives damage and sudden death */

#include "config.h"

#include <glib/gstdio.h>
#include <json-glib/json-glib.h>
#include <signal.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>

#include "kaitsu-session.h"
#include "kaitsu-test-util.h"

static char *
temp_path (const char *name)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("kaitsu-session-XXXXXX", &error);

  g_assert_no_error (error);
  return g_build_filename (dir, "nested", name, NULL);
}

static KaitsuFlow *
make_busy_flow (void)
{
  KaitsuFlow *flow = kaitsu_flow_new ();

  kaitsu_flow_set_service_chosen (flow, KAITSU_SERVICE_ONEDRIVE, FALSE);
  kaitsu_flow_set_region (flow, "sg");
  kaitsu_flow_set_mip_use (flow, KAITSU_MIP_NOT_SURE);
  kaitsu_flow_set_app_permission_needed (flow, TRUE);
  kaitsu_flow_set_mail_facts (flow, "CAS0001", "株式会社サンプル",
                              "https://clp.trendmicro.com/Dashboard?T=abc",
                              "https://forgetpwd.trendmicro.com/ForgetPassword/ResetPassword?T=abc&v=1",
                              1800000000);
  g_assert_true (kaitsu_flow_go_next (flow, NULL));
  kaitsu_flow_set_step_confirmed (flow, KAITSU_STEP_PREPARE, TRUE);
  g_assert_true (kaitsu_flow_go_next (flow, NULL));
  kaitsu_flow_set_step_confirmed (flow, KAITSU_STEP_PASSWORD, TRUE);
  g_assert_true (kaitsu_flow_go_next (flow, NULL));
  g_assert_true (kaitsu_flow_go_back (flow, NULL));
  g_assert_true (kaitsu_flow_start_service (flow, KAITSU_SERVICE_EXCHANGE_ONLINE, NULL));
  kaitsu_flow_service_failed_with_code (flow, KAITSU_SERVICE_EXCHANGE_ONLINE, 65004, "AADSTS65004: declined");
  kaitsu_flow_add_service_consent (flow, KAITSU_SERVICE_EXCHANGE_ONLINE);
  kaitsu_flow_set_app_id (flow, "0a1b2c3d-0000-4000-8000-123456789abc");
  g_assert_true (kaitsu_flow_start_service (flow, KAITSU_SERVICE_EXCHANGE_ONLINE, NULL));
  kaitsu_flow_service_syncing (flow, KAITSU_SERVICE_EXCHANGE_ONLINE);
  /* Teams protected on the user's word: kept as such */
  kaitsu_flow_service_protected_by_hand (flow, KAITSU_SERVICE_TEAMS);
  /* What the policy list and the grant dialog showed */
  kaitsu_flow_set_service_policy (flow, KAITSU_SERVICE_TEAMS, KAITSU_POLICY_ON, "初期設定の高度な脅威対策ポリシー");
  kaitsu_flow_set_service_policy (flow, KAITSU_SERVICE_ONEDRIVE, KAITSU_POLICY_MONITOR_ONLY, "初期設定の高度な脅威対策ポリシー (監視のみ)");
  kaitsu_flow_set_grant_choice (flow, KAITSU_SERVICE_EXCHANGE_ONLINE, KAITSU_GRANT_CHOICE_TICKED, "初期設定の高度な脅威対策ポリシー");
  g_assert_cmpint (kaitsu_flow_get_step_finished (flow, KAITSU_STEP_PREPARE), >, 0);
  g_assert_cmpint (kaitsu_flow_get_step_reached (flow, KAITSU_STEP_LOGIN), >, 0);
  /* prepare, password, login, password again; Exchange connecting, error, connecting, syncing;
   * Teams protected */
  g_assert_cmpuint (kaitsu_flow_get_history (flow)->len, ==, 9);
  return flow;
}

static void
assert_flows_equal (KaitsuFlow *a,
                    KaitsuFlow *b)
{
  g_assert_cmpint (kaitsu_flow_get_current_step (a), ==, kaitsu_flow_get_current_step (b));
  g_assert_cmpint (kaitsu_flow_get_furthest_step (a), ==, kaitsu_flow_get_furthest_step (b));
  g_assert_cmpstr (kaitsu_flow_get_region (a), ==, kaitsu_flow_get_region (b));
  g_assert_cmpint (kaitsu_flow_get_mip_use (a), ==, kaitsu_flow_get_mip_use (b));
  g_assert_cmpint (kaitsu_flow_get_app_permission_needed (a), ==,
                   kaitsu_flow_get_app_permission_needed (b));
  g_assert_cmpstr (kaitsu_flow_get_account (a), ==, kaitsu_flow_get_account (b));
  g_assert_cmpstr (kaitsu_flow_get_company (a), ==, kaitsu_flow_get_company (b));
  g_assert_cmpstr (kaitsu_flow_get_login_url (a), ==, kaitsu_flow_get_login_url (b));
  g_assert_cmpstr (kaitsu_flow_get_reset_url (a), ==, kaitsu_flow_get_reset_url (b));
  g_assert_cmpint (kaitsu_flow_get_reset_expires (a), ==, kaitsu_flow_get_reset_expires (b));
  g_assert_cmpstr (kaitsu_flow_get_app_id (a), ==, kaitsu_flow_get_app_id (b));
  g_assert_cmpuint (kaitsu_flow_get_history (a)->len, ==, kaitsu_flow_get_history (b)->len);
  for (guint i = 0; i < kaitsu_flow_get_history (a)->len; i++)
    {
      KaitsuFlowEvent *x = &g_array_index (kaitsu_flow_get_history (a), KaitsuFlowEvent, i);
      KaitsuFlowEvent *y = &g_array_index (kaitsu_flow_get_history (b), KaitsuFlowEvent, i);

      g_assert_cmpint (x->time, ==, y->time);
      g_assert_cmpint (x->step, ==, y->step);
      g_assert_cmpint (x->service, ==, y->service);
      g_assert_cmpint (x->state, ==, y->state);
    }
  for (KaitsuStep step = 0; step < KAITSU_N_STEPS; step++)
    {
      g_assert_cmpint (kaitsu_flow_get_step_state (a, step), ==, kaitsu_flow_get_step_state (b, step));
      g_assert_cmpint (kaitsu_flow_get_step_confirmed (a, step), ==,
                       kaitsu_flow_get_step_confirmed (b, step));
      g_assert_cmpint (kaitsu_flow_get_step_done (a, step), ==, kaitsu_flow_get_step_done (b, step));
      g_assert_cmpint (kaitsu_flow_get_step_reached (a, step), ==, kaitsu_flow_get_step_reached (b, step));
      g_assert_cmpint (kaitsu_flow_get_step_finished (a, step), ==, kaitsu_flow_get_step_finished (b, step));
    }
  for (KaitsuService s = 0; s < KAITSU_N_SERVICES; s++)
    {
      g_assert_cmpint (kaitsu_flow_get_service_chosen (a, s), ==, kaitsu_flow_get_service_chosen (b, s));
      g_assert_cmpint (kaitsu_flow_get_service_state (a, s), ==, kaitsu_flow_get_service_state (b, s));
      g_assert_cmpuint (kaitsu_flow_get_service_attempts (a, s), ==,
                        kaitsu_flow_get_service_attempts (b, s));
      g_assert_cmpstr (kaitsu_flow_get_service_last_error (a, s), ==,
                       kaitsu_flow_get_service_last_error (b, s));
      g_assert_cmpint (kaitsu_flow_get_service_started (a, s), ==,
                       kaitsu_flow_get_service_started (b, s));
      g_assert_cmpint (kaitsu_flow_get_service_changed (a, s), ==,
                       kaitsu_flow_get_service_changed (b, s));
      g_assert_cmpuint (kaitsu_flow_get_service_consents (a, s), ==, kaitsu_flow_get_service_consents (b, s));
      g_assert_cmpint (kaitsu_flow_get_service_by_hand (a, s), ==, kaitsu_flow_get_service_by_hand (b, s));
      g_assert_cmpint (kaitsu_flow_get_service_policy (a, s), ==, kaitsu_flow_get_service_policy (b, s));
      g_assert_cmpstr (kaitsu_flow_get_service_policy_name (a, s), ==, kaitsu_flow_get_service_policy_name (b, s));
      g_assert_cmpint (kaitsu_flow_get_grant_choice (a, s), ==, kaitsu_flow_get_grant_choice (b, s));
      g_assert_cmpstr (kaitsu_flow_get_grant_policy (a, s), ==, kaitsu_flow_get_grant_policy (b, s));
      g_assert_cmpuint (kaitsu_flow_get_service_errors (a, s)->len, ==, kaitsu_flow_get_service_errors (b, s)->len);
      for (guint i = 0; i < kaitsu_flow_get_service_errors (a, s)->len; i++)
        g_assert_cmpuint (g_array_index (kaitsu_flow_get_service_errors (a, s), guint, i), ==,
                          g_array_index (kaitsu_flow_get_service_errors (b, s), guint, i));
    }
}

static void
test_round_trip (void)
{
  g_autofree char *path = temp_path ("session.json");
  g_autoptr (KaitsuFlow) flow = make_busy_flow ();
  g_autoptr (KaitsuFlow) loaded = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *damaged = NULL;
  GStatBuf st;

  g_assert_true (kaitsu_session_save (flow, path, &error));
  g_assert_no_error (error);
  g_assert_cmpint (g_stat (path, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 0777, ==, 0600);

  /* The password step is done: its link was dropped; the login link is still needed, and
   * kept out of the file (the application keeps it in the Secret Service) */
  g_assert_null (kaitsu_flow_get_reset_url (flow));
  g_assert_nonnull (kaitsu_flow_get_login_url (flow));
  {
    g_autofree char *text = NULL;

    g_assert_true (g_file_get_contents (path, &text, NULL, NULL));
    g_assert_null (strstr (text, "T=abc"));
    g_assert_null (strstr (text, "clp.trendmicro.com"));
  }

  loaded = kaitsu_session_load (path, &damaged, &error);
  g_assert_no_error (error);
  g_assert_null (damaged);
  g_assert_nonnull (loaded);
  g_assert_null (kaitsu_flow_get_login_url (loaded));
  g_assert_cmpint (kaitsu_flow_get_links_place (loaded), ==, KAITSU_LINKS_AWAY);
  /* Read back from where they were kept */
  kaitsu_flow_restore_links (loaded, kaitsu_flow_get_login_url (flow), NULL);
  g_assert_cmpint (kaitsu_flow_get_links_place (loaded), ==, KAITSU_LINKS_HERE);
  assert_flows_equal (flow, loaded);
  g_assert_true (kaitsu_flow_get_service_by_hand (loaded, KAITSU_SERVICE_TEAMS));
  g_assert_false (kaitsu_flow_get_service_by_hand (loaded, KAITSU_SERVICE_EXCHANGE_ONLINE));
  g_assert_cmpint (kaitsu_flow_get_current_step (loaded), ==, KAITSU_STEP_PASSWORD);
  g_assert_cmpint (kaitsu_flow_get_furthest_step (loaded), ==, KAITSU_STEP_LOGIN);
}

/* Where the links are survives a save; a file of an earlier version still gives its links,
 * and the next save leaves them out. */
static void
test_links (void)
{
  g_autofree char *path = temp_path ("session.json");
  g_autoptr (KaitsuFlow) flow = kaitsu_flow_new ();
  g_autoptr (KaitsuFlow) loaded = NULL;
  g_autoptr (KaitsuFlow) again = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *text = NULL;
  const char *older = "{\"format\": 1, \"choices\": {\"services\": [\"onedrive\"], \"region\": \"jp\", \"mip\": \"no\"}, "
                      "\"services\": {}, \"current\": \"prepare\", \"furthest\": \"prepare\", \"steps\": {}, \"mail\": {\"account\": \"CAS0001\", "
                      "\"reset_url\": \"https://forgetpwd.trendmicro.com/ForgetPassword/ResetPassword?T=old&v=1\"}}";

  /* Lost stays lost until the mail is read again */
  kaitsu_flow_set_mail_facts (flow, "CAS0001", NULL, NULL, NULL, 0);
  kaitsu_flow_set_links_place (flow, KAITSU_LINKS_LOST);
  g_assert_true (kaitsu_session_save (flow, path, NULL));
  loaded = kaitsu_session_load (path, NULL, NULL);
  g_assert_nonnull (loaded);
  g_assert_cmpint (kaitsu_flow_get_links_place (loaded), ==, KAITSU_LINKS_LOST);
  kaitsu_flow_set_mail_facts (loaded, "CAS0001", NULL, "https://clp.trendmicro.com/Dashboard?T=new", NULL, 0);
  g_assert_cmpint (kaitsu_flow_get_links_place (loaded), ==, KAITSU_LINKS_HERE);
  g_clear_object (&loaded);

  /* Nothing but "kept" or "lost" */
  g_assert_true (g_file_set_contents (path, "{\"format\": 1, \"mail\": {\"links\": \"https://x\"}}", -1, NULL));
  g_assert_null (kaitsu_session_load (path, NULL, NULL));

  g_assert_true (g_file_set_contents (path, older, -1, NULL));
  loaded = kaitsu_session_load (path, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (loaded);
  g_assert_cmpstr (kaitsu_flow_get_reset_url (loaded), ==,
                   "https://forgetpwd.trendmicro.com/ForgetPassword/ResetPassword?T=old&v=1");
  g_assert_cmpint (kaitsu_flow_get_links_place (loaded), ==, KAITSU_LINKS_HERE);
  g_assert_true (kaitsu_session_save (loaded, path, NULL));
  g_assert_true (g_file_get_contents (path, &text, NULL, NULL));
  g_assert_null (strstr (text, "T=old"));
  again = kaitsu_session_load (path, NULL, NULL);
  g_assert_cmpint (kaitsu_flow_get_links_place (again), ==, KAITSU_LINKS_AWAY);
}

static void
test_no_file (void)
{
  g_autofree char *path = temp_path ("absent.json");
  g_autoptr (GError) error = NULL;
  g_autofree char *damaged = NULL;

  g_assert_null (kaitsu_session_load (path, &damaged, &error));
  g_assert_no_error (error);
  g_assert_null (damaged);
}

/* Only these names may appear in a session file: nothing secret can slip in unnoticed. */
static const char * const allowed_members[] = {
  "format", "saved", "choices", "services", "region", "mip", "app_permission_needed",
  "current", "furthest", "steps", "state", "done", "confirmed", "attempts", "last_error",
  "started", "changed", "mail", "account", "company", "links", "reset_expires",
  "consents", "errors", "app_id", "reached", "finished", "history", "time", "step", "service",
  "by_hand", "policy", "policy_name", "grant_choice", "grant_policy",
};

static void
check_members (JsonNode *node,
               gboolean  keyed_by_id)
{
  if (JSON_NODE_HOLDS_OBJECT (node))
    {
      JsonObject *object = json_node_get_object (node);
      g_autoptr (GList) members = json_object_get_members (object);

      for (GList *l = members; l != NULL; l = l->next)
        {
          const char *name = l->data;
          /* "steps" and "services" are keyed by step and service ids. */
          gboolean by_id = g_str_equal (name, "steps") ||
                           (g_str_equal (name, "services") &&
                            JSON_NODE_HOLDS_OBJECT (json_object_get_member (object, name)));

          if (keyed_by_id)
            g_assert_true (kaitsu_step_from_id (name) != KAITSU_STEP_NONE ||
                           kaitsu_service_from_id (name) != KAITSU_SERVICE_NONE);
          else
            g_assert_true (g_strv_contains (allowed_members, name));
          check_members (json_object_get_member (object, name), by_id);
        }
    }
  else if (JSON_NODE_HOLDS_ARRAY (node))
    {
      JsonArray *array = json_node_get_array (node);

      for (guint i = 0; i < json_array_get_length (array); i++)
        check_members (json_array_get_element (array, i), FALSE);
    }
}

static void
test_only_known_fields (void)
{
  g_autoptr (KaitsuFlow) flow = make_busy_flow ();
  g_autofree char *json = kaitsu_session_to_json (flow);
  g_autoptr (JsonParser) parser = json_parser_new ();

  g_assert_true (json_parser_load_from_data (parser, json, -1, NULL));
  check_members (json_parser_get_root (parser), FALSE);
  g_assert_nonnull (strstr (json, "\"format\" : 1"));
}

static const char *damaged_samples[] = {
  "",
  "{",
  "not json at all",
  "[1, 2, 3]",
  "{\"format\": \"one\"}",
  "{\"format\": 1}",
  "{\"format\": 1, \"choices\": {\"services\": [\"exchange-online\"], \"region\": \"mars\", \"mip\": \"no\"}}",
  "{\"format\": 1, \"choices\": {\"services\": [\"fax\"], \"region\": \"jp\", \"mip\": \"no\"}}",
  "{\"format\": 1, \"choices\": {\"services\": [], \"region\": \"jp\", \"mip\": \"no\"}, \"services\": {}, \"current\": \"nowhere\", \"furthest\": \"welcome\", \"steps\": {}}",
  "{\"format\": 1, \"choices\": {\"services\": [], \"region\": \"jp\", \"mip\": \"no\"}, \"services\": {\"onedrive\": {\"state\": \"exploded\"}}, \"current\": \"welcome\", \"furthest\": \"welcome\", \"steps\": {}}",
  "{\"format\": 1, \"choices\": {\"services\": [], \"region\": \"jp\", \"mip\": \"no\"}, \"services\": {\"onedrive\": {\"state\": \"error\", \"attempts\": -4}}, \"current\": \"welcome\", \"furthest\": \"welcome\", \"steps\": {}}",
  "{\"format\": 1, \"choices\": {\"services\": [], \"region\": \"jp\", \"mip\": \"no\"}, \"services\": {}, \"current\": \"welcome\", \"furthest\": \"welcome\", \"steps\": {\"welcome\": {\"done\": \"yes\"}}}",
  "{\"format\": 1, \"choices\": {\"services\": [], \"region\": \"jp\", \"mip\": \"no\"}, \"services\": {}, \"current\": \"welcome\", \"furthest\": \"welcome\", \"steps\": {}, \"history\": [{\"time\": 1, \"step\": \"nowhere\"}]}",
  "{\"format\": 1, \"choices\": {\"services\": [], \"region\": \"jp\", \"mip\": \"no\"}, \"services\": {}, \"current\": \"welcome\", \"furthest\": \"welcome\", \"steps\": {}, \"history\": [{\"time\": 1, \"service\": \"onedrive\", \"state\": \"exploded\"}]}",
  "{\"format\": 1, \"choices\": {\"services\": [], \"region\": \"jp\", \"mip\": \"no\"}, \"services\": {}, \"current\": \"welcome\", \"furthest\": \"welcome\", \"steps\": {}, \"history\": {}}",
  "\xff\xfe\x00{\"format\": 1}",
};

static void
assert_moved_aside (const char *path,
                    const char *contents,
                    gssize      length,
                    GQuark      domain,
                    int         code)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *damaged = NULL;
  g_autofree char *kept = NULL;
  g_autofree char *dir = g_path_get_dirname (path);
  gsize kept_length;

  g_assert_cmpint (g_mkdir_with_parents (dir, 0700), ==, 0);
  g_assert_true (g_file_set_contents (path, contents, length, NULL));
  g_assert_null (kaitsu_session_load (path, &damaged, &error));
  g_assert_error (error, domain, code);
  g_assert_nonnull (damaged);
  g_assert_true (g_str_has_prefix (damaged, path));
  g_assert_false (g_file_test (path, G_FILE_TEST_EXISTS));
  /* What was there is kept, byte for byte. */
  g_assert_true (g_file_get_contents (damaged, &kept, &kept_length, NULL));
  g_assert_cmpmem (kept, kept_length, contents, length < 0 ? strlen (contents) : (gsize) length);
  g_unlink (damaged);
}

static void
test_damaged (void)
{
  g_autofree char *path = temp_path ("session.json");
  g_autoptr (KaitsuFlow) flow = kaitsu_flow_new ();

  g_assert_true (kaitsu_session_save (flow, path, NULL));
  for (guint i = 0; i < G_N_ELEMENTS (damaged_samples); i++)
    {
      g_test_message ("sample %u", i);
      assert_moved_aside (path, damaged_samples[i], i == G_N_ELEMENTS (damaged_samples) - 1 ? 16 : -1,
                          KAITSU_SESSION_ERROR, KAITSU_SESSION_ERROR_DAMAGED);
    }
}

/* A session written before steps had times and the timeline was kept still loads */
static void
test_older_session (void)
{
  const char *older = "{\"format\": 1, \"choices\": {\"services\": [\"onedrive\"], \"region\": \"jp\", "
                      "\"mip\": \"no\"}, \"services\": {}, \"current\": \"prepare\", \"furthest\": \"login\", "
                      "\"steps\": {\"welcome\": {\"done\": true, \"confirmed\": false}}}";
  g_autoptr (GError) error = NULL;
  g_autoptr (KaitsuFlow) flow = kaitsu_session_from_json (older, -1, &error);

  g_assert_no_error (error);
  g_assert_nonnull (flow);
  g_assert_cmpint (kaitsu_flow_get_current_step (flow), ==, KAITSU_STEP_PREPARE);
  g_assert_cmpuint (kaitsu_flow_get_history (flow)->len, ==, 0);
  g_assert_cmpint (kaitsu_flow_get_step_finished (flow, KAITSU_STEP_WELCOME), ==, 0);
}

static void
test_truncated_everywhere (void)
{
  g_autofree char *path = temp_path ("session.json");
  g_autoptr (KaitsuFlow) flow = make_busy_flow ();
  g_autofree char *json = kaitsu_session_to_json (flow);
  gsize length = strlen (json);

  /* Every proper prefix of a real file is refused, never half-applied. */
  for (gsize cut = 0; cut < length - 1; cut += 7)
    assert_moved_aside (path, json, cut, KAITSU_SESSION_ERROR, KAITSU_SESSION_ERROR_DAMAGED);
}

static void
test_huge (void)
{
  g_autofree char *path = temp_path ("session.json");
  gsize length = KAITSU_SESSION_MAX_SIZE + 10;
  g_autofree char *huge = g_malloc (length + 1);

  memset (huge, ' ', length);
  huge[0] = '{';
  huge[length - 1] = '}';
  huge[length] = '\0';
  assert_moved_aside (path, huge, length, KAITSU_SESSION_ERROR, KAITSU_SESSION_ERROR_DAMAGED);
}

/* A newer Kaitsu's file is left where it is, byte for byte, for that Kaitsu */
static void
test_newer_format (void)
{
  g_autofree char *path = temp_path ("session.json");
  g_autofree char *dir = g_path_get_dirname (path);
  g_autofree char *fallback = kaitsu_session_dup_fallback_path (path);
  g_autofree char *damaged = NULL;
  g_autofree char *kept = NULL;
  g_autoptr (GError) error = NULL;
  const char *newer = "{\"format\": 99, \"future\": true}";

  g_assert_cmpint (g_mkdir_with_parents (dir, 0700), ==, 0);
  g_assert_true (g_file_set_contents (path, newer, -1, NULL));
  g_assert_null (kaitsu_session_load (path, &damaged, &error));
  g_assert_error (error, KAITSU_SESSION_ERROR, KAITSU_SESSION_ERROR_NEWER_FORMAT);
  g_assert_null (damaged);
  g_assert_true (g_file_get_contents (path, &kept, NULL, NULL));
  g_assert_cmpstr (kept, ==, newer);
  /* This Kaitsu's own progress goes beside it */
  g_assert_cmpstr (fallback, !=, path);
  g_assert_true (g_str_has_suffix (fallback, ".json"));
  g_unlink (path);
}

/* json-glib recurses: a file nested a hundred thousand deep is refused before it parses */
static void
test_nested_deep (void)
{
  g_autofree char *path = temp_path ("session.json");
  gsize depth = 100000;
  g_autofree char *deep = g_malloc (depth + 1);

  memset (deep, '[', depth);
  deep[depth] = '\0';
  assert_moved_aside (path, deep, depth, KAITSU_SESSION_ERROR, KAITSU_SESSION_ERROR_DAMAGED);
}

/* A FIFO in the file's place is refused at once, not waited on */
static void
test_not_regular (void)
{
  g_autofree char *path = temp_path ("session.json");
  g_autofree char *dir = g_path_get_dirname (path);
  g_autoptr (GError) error = NULL;

  g_assert_cmpint (g_mkdir_with_parents (dir, 0700), ==, 0);
  g_unlink (path);
  g_assert_cmpint (mkfifo (path, 0600), ==, 0);
  g_assert_null (kaitsu_session_load (path, NULL, &error));
  g_assert_error (error, G_FILE_ERROR, G_FILE_ERROR_INVAL);
  /* Left alone: it is not a damaged session */
  g_assert_true (g_file_test (path, G_FILE_TEST_EXISTS));
  g_unlink (path);
}

/* Killed between writing and renaming: the temporary file does not stay for ever */
static void
test_stale_temporary (void)
{
  g_autofree char *path = temp_path ("session.json");
  g_autofree char *stale = g_strconcat (path, ".AB12cd", NULL);
  g_autofree char *other = g_strconcat (path, ".damaged-20261201-000000", NULL);
  g_autoptr (KaitsuFlow) flow = kaitsu_flow_new ();
  g_autoptr (KaitsuFlow) loaded = NULL;

  g_assert_true (kaitsu_session_save (flow, path, NULL));
  g_assert_true (g_file_set_contents (stale, "{\"format\"", -1, NULL));
  g_assert_true (g_file_set_contents (other, "kept", -1, NULL));
  loaded = kaitsu_session_load (path, NULL, NULL);
  g_assert_nonnull (loaded);
  g_assert_false (g_file_test (stale, G_FILE_TEST_EXISTS));
  g_assert_true (g_file_test (other, G_FILE_TEST_EXISTS));
  g_unlink (other);
}

/* A value far longer than any real one is not kept: the saved session always loads */
static void
test_bounded_values (void)
{
  g_autofree char *path = temp_path ("session.json");
  g_autoptr (KaitsuFlow) flow = kaitsu_flow_new ();
  g_autoptr (KaitsuFlow) loaded = NULL;
  g_autoptr (GError) error = NULL;
  gsize length = 1200 * 1024;
  g_autofree char *huge = g_malloc (length + 1);

  memset (huge, 'A', length);
  huge[length] = '\0';
  kaitsu_flow_set_mail_facts (flow, huge, "株式会社サンプル", NULL, NULL, 0);
  g_assert_null (kaitsu_flow_get_account (flow));
  g_assert_cmpstr (kaitsu_flow_get_company (flow), ==, "株式会社サンプル");
  kaitsu_flow_set_service_policy (flow, KAITSU_SERVICE_ONEDRIVE, KAITSU_POLICY_ON, huge);
  g_assert_true (kaitsu_session_save (flow, path, NULL));
  loaded = kaitsu_session_load (path, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (loaded);
  g_assert_cmpstr (kaitsu_flow_get_company (loaded), ==, "株式会社サンプル");
  g_assert_cmpint (kaitsu_flow_get_service_policy (loaded, KAITSU_SERVICE_ONEDRIVE), ==, KAITSU_POLICY_ON);
}

static void
test_sigkill_durability (void)
{
  g_autofree char *path = temp_path ("session.json");
  g_autofree char *writer = g_test_build_filename (G_TEST_BUILT, "session-writer", NULL);
  guint last_attempts = 0;
  GRand *rand = g_rand_new_with_seed (20261126);

  for (guint round = 0; round < 40; round++)
    {
      const char *args[] = { writer, path, NULL };
      g_autoptr (GError) error = NULL;
      g_autoptr (KaitsuFlow) loaded = NULL;
      g_autoptr (GIOChannel) channel = NULL;
      g_autofree char *line = NULL;
      g_autofree char *damaged = NULL;
      GPid pid;
      int out_fd, status;
      guint attempts;

      g_assert_true (g_spawn_async_with_pipes (NULL, (char **) args, NULL, G_SPAWN_DO_NOT_REAP_CHILD,
                                               NULL, NULL, &pid, NULL, &out_fd, NULL, &error));
      g_assert_no_error (error);
      /* Wait for the first complete save, then let it run a random while and kill it. */
      channel = g_io_channel_unix_new (out_fd);
      g_io_channel_set_close_on_unref (channel, TRUE);
      g_assert_cmpint (g_io_channel_read_line (channel, &line, NULL, NULL, NULL), ==, G_IO_STATUS_NORMAL);
      g_assert_cmpstr (line, ==, "ready\n");
      g_usleep (g_rand_int_range (rand, 0, 20000));
      kill (pid, SIGKILL);
      g_assert_cmpint (waitpid (pid, &status, 0), ==, pid);
      g_assert_true (WIFSIGNALED (status));
      g_spawn_close_pid (pid);

      loaded = kaitsu_session_load (path, &damaged, &error);
      g_assert_no_error (error);
      g_assert_null (damaged);
      g_assert_nonnull (loaded);
      attempts = kaitsu_flow_get_service_attempts (loaded, KAITSU_SERVICE_EXCHANGE_ONLINE);
      g_assert_cmpuint (attempts, >=, 1);
      /* The file holds one whole state: its fields agree with each other. */
      g_assert_cmpstr (kaitsu_flow_get_region (loaded), ==, attempts % 2 ? "eu" : "jp");
      g_assert_cmpint (kaitsu_flow_get_service_state (loaded, KAITSU_SERVICE_EXCHANGE_ONLINE), ==,
                       attempts % 2 ? KAITSU_SERVICE_STATE_SYNCING : KAITSU_SERVICE_STATE_ERROR);
      g_assert_cmpint (kaitsu_flow_get_service_started (loaded, KAITSU_SERVICE_EXCHANGE_ONLINE), ==,
                       attempts);
      last_attempts = MAX (last_attempts, attempts);
    }
  g_test_message ("largest attempts seen: %u", last_attempts);
  g_rand_free (rand);
}

int
main (int   argc,
      char *argv[])
{
  kaitsu_test_init (&argc, &argv);
  g_test_add_func ("/session/round-trip", test_round_trip);
  g_test_add_func ("/session/links", test_links);
  g_test_add_func ("/session/no-file", test_no_file);
  g_test_add_func ("/session/only-known-fields", test_only_known_fields);
  g_test_add_func ("/session/damaged", test_damaged);
  g_test_add_func ("/session/older", test_older_session);
  g_test_add_func ("/session/truncated-everywhere", test_truncated_everywhere);
  g_test_add_func ("/session/huge", test_huge);
  g_test_add_func ("/session/newer-format", test_newer_format);
  g_test_add_func ("/session/nested-deep", test_nested_deep);
  g_test_add_func ("/session/not-regular", test_not_regular);
  g_test_add_func ("/session/stale-temporary", test_stale_temporary);
  g_test_add_func ("/session/bounded-values", test_bounded_values);
  g_test_add_func ("/session/sigkill-durability", test_sigkill_durability);
  return g_test_run ();
}
