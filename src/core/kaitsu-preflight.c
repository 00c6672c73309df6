/* SPDX-License-Identifier: GPL-3.0-or-later */
/* kaitsu-preflight.c: every host in parallel, stage by stage, each stage bounded, one retry */

#include "config.h"

#define G_LOG_DOMAIN "kaitsu-preflight"

#include <glib/gi18n-lib.h>
#include <libsoup/soup.h>

#include "kaitsu-json.h"
#include "kaitsu-mask.h"
#include "kaitsu-preflight.h"

#define DEFAULT_ATTEMPT_TIMEOUT_MS 3500
#define DEFAULT_TOTAL_TIMEOUT_MS 10000

typedef struct _Run Run;

typedef struct
{
  Run *run;
  char *host;
  int port;
  gboolean https;
  gboolean direct;
  KaitsuPreflightStage stage;
  guint attempt;
  gboolean finished;
  gboolean timed_out;
  GCancellable *cancellable;
  guint timeout_id;
  GSocketConnection *connection;
  GTlsCertificate *peer;
  GTlsCertificateFlags peer_errors;
  gint64 request_start;
  GPtrArray *results;
} HostCheck;

struct _Run
{
  GTask *task;
  KaitsuPreflightReport *report;
  GPtrArray *hosts;
  GArray *offsets;
  GTlsDatabase *database;
  SoupSession *session;
  guint attempt_timeout_ms;
  guint total_timeout_id;
  guint pending;
  gint64 started;
  gulong cancelled_id;
};

static void run_stage (HostCheck *check);

static void
remove_timeout (Run   *run,
                guint *id)
{
  GSource *source;

  if (*id == 0)
    return;
  source = g_main_context_find_source_by_id (g_task_get_context (run->task), *id);
  if (source != NULL)
    g_source_destroy (source);
  *id = 0;
}

/* Timers in the run's own main context, which may not be the global default one. */
static guint
add_timeout (Run         *run,
             guint        ms,
             GSourceFunc  func,
             gpointer     data)
{
  g_autoptr (GSource) source = g_timeout_source_new (ms);

  g_source_set_callback (source, func, data, NULL);
  return g_source_attach (source, g_task_get_context (run->task));
}

/* Every operation in flight holds the task, so that the run (and this check) outlive it. */
static void
hold (HostCheck *check)
{
  g_object_ref (check->run->task);
}

const char *
kaitsu_preflight_stage_to_string (KaitsuPreflightStage stage)
{
  static const char * const names[] = { "dns", "connect", "tls", "http" };

  g_return_val_if_fail (stage <= KAITSU_PREFLIGHT_HTTP, NULL);
  return names[stage];
}

static void
check_free (gpointer data)
{
  KaitsuPreflightCheck *check = data;

  g_free (check->host);
  g_free (check->detail);
  g_free (check->advice);
  g_free (check->issuer);
  g_free (check);
}

void
kaitsu_preflight_report_free (KaitsuPreflightReport *report)
{
  if (report == NULL)
    return;
  g_free (report->proxy);
  g_ptr_array_unref (report->checks);
  g_free (report);
}

GPtrArray *
kaitsu_preflight_hosts_for_sites (KaitsuSites *sites,
                                  const char  *sharepoint_admin)
{
  GPtrArray *hosts = g_ptr_array_new_with_free_func (g_free);

  for (KaitsuSite site = 0; site < KAITSU_N_SITES; site++)
    {
      /* Vision One's sign-in matters unless the console is known to be Cloud App Security's */
      if (site == KAITSU_SITE_VISION_ONE_SIGNIN && kaitsu_sites_get_platform (sites) == KAITSU_PLATFORM_CAS)
        continue;
      if (kaitsu_sites_get_base (sites, site) != NULL)
        g_ptr_array_add (hosts, g_strdup (kaitsu_sites_get_base (sites, site)));
    }
  if (sharepoint_admin != NULL)
    g_ptr_array_add (hosts, g_strdup (sharepoint_admin));
  return hosts;
}

static void
add_result (HostCheck  *check,
            gboolean    ok,
            char       *detail,
            const char *advice)
{
  KaitsuPreflightCheck *result = g_new0 (KaitsuPreflightCheck, 1);

  result->host = g_strdup (check->host);
  result->stage = check->stage;
  result->ok = ok;
  result->detail = detail;
  result->advice = g_strdup (advice);
  if (check->peer != NULL)
    result->issuer = g_tls_certificate_get_issuer_name (check->peer);
  g_ptr_array_add (check->results, result);
}

static int
compare_offsets (gconstpointer a,
                 gconstpointer b)
{
  gint64 x = *(const gint64 *) a, y = *(const gint64 *) b;

  return x < y ? -1 : x > y;
}

static void
run_free (Run *run)
{
  g_ptr_array_unref (run->hosts);
  g_array_unref (run->offsets);
  g_clear_object (&run->database);
  g_clear_object (&run->session);
  kaitsu_preflight_report_free (run->report);
  g_free (run);
}

static void
host_check_free (gpointer data)
{
  HostCheck *check = data;

  g_clear_object (&check->cancellable);
  g_clear_object (&check->connection);
  g_clear_object (&check->peer);
  g_ptr_array_unref (check->results);
  g_free (check->host);
  g_free (check);
}

static void
finish_run (Run *run)
{
  GTask *task = run->task;
  GCancellable *outer = g_task_get_cancellable (task);

  /* In the order the hosts were given, each host's stages in order */
  for (guint i = 0; i < run->hosts->len; i++)
    {
      HostCheck *check = g_ptr_array_index (run->hosts, i);

      g_ptr_array_extend_and_steal (run->report->checks, g_steal_pointer (&check->results));
      check->results = g_ptr_array_new_with_free_func (check_free);
    }
  if (run->offsets->len > 0)
    {
      g_array_sort (run->offsets, compare_offsets);
      run->report->clock_known = TRUE;
      run->report->clock_offset_s = g_array_index (run->offsets, gint64, run->offsets->len / 2);
    }
  run->report->elapsed_ms = (g_get_monotonic_time () - run->started) / 1000;
  if (outer != NULL && run->cancelled_id != 0)
    g_cancellable_disconnect (outer, run->cancelled_id);
  run->cancelled_id = 0;
  remove_timeout (run, &run->total_timeout_id);
  g_task_return_pointer (task, g_steal_pointer (&run->report),
                         (GDestroyNotify) kaitsu_preflight_report_free);
  g_object_unref (task);
}

static void
host_done (HostCheck *check)
{
  Run *run = check->run;

  if (check->finished)
    return;
  check->finished = TRUE;
  remove_timeout (run, &check->timeout_id);
  if (--run->pending == 0)
    finish_run (run);
}

static gboolean
on_attempt_timeout (gpointer data)
{
  HostCheck *check = data;

  check->timeout_id = 0;
  check->timed_out = TRUE;
  g_cancellable_cancel (check->cancellable);
  return G_SOURCE_REMOVE;
}

static void
begin_attempt (HostCheck *check)
{
  remove_timeout (check->run, &check->timeout_id);
  g_clear_object (&check->cancellable);
  check->cancellable = g_cancellable_new ();
  check->timed_out = FALSE;
  check->timeout_id = add_timeout (check->run, check->run->attempt_timeout_ms, on_attempt_timeout, check);
}

static void
next_stage (HostCheck            *check,
            KaitsuPreflightStage  stage)
{
  check->stage = stage;
  check->attempt = 0;
  run_stage (check);
}

/* A stage that failed once is tried again; the second failure is the answer. */
static gboolean
retry (HostCheck *check)
{
  if (check->attempt > 0 || check->run->total_timeout_id == 0)
    return FALSE;
  check->attempt++;
  run_stage (check);
  return TRUE;
}

static void
fail (HostCheck  *check,
      char       *detail,
      const char *advice)
{
  add_result (check, FALSE, detail, advice);
  host_done (check);
}

static char *
timed_out_detail (void)
{
  return g_strdup (_("No answer within the time limit."));
}

/* What failed, in plain words: the system's own message (resolver jargon, in whatever language
 * the system speaks) goes to the log for support, never to the user */
static char *
plain_detail (HostCheck  *check,
              GError     *error,
              const char *plain)
{
  if (check->timed_out)
    return timed_out_detail ();
  g_message ("Connection check of %s, %s: %s", check->host,
             kaitsu_preflight_stage_to_string (check->stage), error->message);
  return g_strdup (plain);
}

/* ---- DNS --------------------------------------------------------------------------------- */

static void
on_resolved (GObject      *source,
             GAsyncResult *result,
             gpointer      data)
{
  HostCheck *check = data;
  /* Released last, after every use of the check */
  G_GNUC_UNUSED g_autoptr (GTask) held = check->run->task;
  g_autoptr (GError) error = NULL;
  g_autolist (GInetAddress) addresses = g_resolver_lookup_by_name_finish (G_RESOLVER (source), result, &error);

  if (check->finished)
    return;
  if (addresses == NULL)
    {
      if (retry (check))
        return;
      fail (check, plain_detail (check, error, _("This computer could not find the site on the internet.")),
            _("Check that this computer is connected to the internet: does any other website open? If it does, ask your network administrator whether this site is blocked."));
      return;
    }
  add_result (check, TRUE, g_strdup (_("The name was resolved.")), NULL);
  next_stage (check, KAITSU_PREFLIGHT_CONNECT);
}

/* ---- Connection and TLS ------------------------------------------------------------------ */

static const char *
connect_advice (GError *error)
{
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CONNECTION_REFUSED))
    return _("The site refused the connection. A firewall or proxy may block it: ask your network administrator to allow this site.");
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_PROXY_FAILED) ||
      g_error_matches (error, G_IO_ERROR, G_IO_ERROR_PROXY_AUTH_FAILED) ||
      g_error_matches (error, G_IO_ERROR, G_IO_ERROR_PROXY_NOT_ALLOWED))
    return _("The proxy server refused to connect to this site. Ask your network administrator to allow it.");
  return _("The site cannot be reached. A firewall may block it, or the network is down: ask your network administrator.");
}

static gboolean
on_accept_certificate (GTlsConnection       *connection,
                       GTlsCertificate      *peer,
                       GTlsCertificateFlags  errors,
                       HostCheck            *check)
{
  g_set_object (&check->peer, peer);
  check->peer_errors = errors;
  /* Never bypassed: recorded for the report, then refused. */
  return FALSE;
}

static char *
tls_detail (HostCheck  *check,
            const char **advice)
{
  g_autofree char *issuer = check->peer != NULL ? g_tls_certificate_get_issuer_name (check->peer) : NULL;
  const char *who = issuer != NULL ? issuer : _("an unknown issuer");

  if (check->peer_errors & G_TLS_CERTIFICATE_UNKNOWN_CA)
    {
      *advice = _("Something between this computer and the site replaces its certificate: usually an antivirus program that inspects secure connections, or a company proxy. Ask your network administrator to exclude this site from inspection.");
      /* Translators: %s is the name of whoever issued the certificate */
      return g_strdup_printf (_("The certificate was issued by “%s”, which this computer does not trust."), who);
    }
  if (check->peer_errors & G_TLS_CERTIFICATE_BAD_IDENTITY)
    {
      *advice = _("The answer came from a different site than the one asked for. A proxy or a wrong network setting may redirect the connection: ask your network administrator.");
      return g_strdup_printf (_("The certificate belongs to another site (issued by “%s”)."), who);
    }
  if (check->peer_errors & (G_TLS_CERTIFICATE_EXPIRED | G_TLS_CERTIFICATE_NOT_ACTIVATED))
    {
      *advice = _("Check that this computer’s date and time are correct, then try again.");
      return g_strdup (_("The certificate is not valid at this computer’s date and time."));
    }
  *advice = _("The secure connection failed. Try again later; if it keeps failing, ask your network administrator.");
  return g_strdup (_("The secure connection could not be set up."));
}

static void
on_handshake (GObject      *source,
              GAsyncResult *result,
              gpointer      data)
{
  HostCheck *check = data;
  /* Released last, after every use of the check */
  G_GNUC_UNUSED g_autoptr (GTask) held = check->run->task;
  g_autoptr (GError) error = NULL;
  const char *advice = NULL;

  if (check->finished)
    return;
  if (!g_tls_connection_handshake_finish (G_TLS_CONNECTION (source), result, &error))
    {
      g_io_stream_close_async (G_IO_STREAM (source), G_PRIORITY_DEFAULT, NULL, NULL, NULL);
      if (check->peer_errors == 0 && retry (check))
        return;
      if (check->timed_out)
        fail (check, timed_out_detail (),
              _("The site accepted the connection but never answered securely. A firewall or proxy may hold the connection: ask your network administrator."));
      else if (check->peer_errors != 0)
        {
          char *detail = tls_detail (check, &advice);
          fail (check, detail, advice);
        }
      else
        fail (check, plain_detail (check, error, _("The secure connection could not be set up.")),
              _("The secure connection failed. Try again later; if it keeps failing, ask your network administrator."));
      return;
    }
  g_set_object (&check->peer, g_tls_connection_get_peer_certificate (G_TLS_CONNECTION (source)));
  add_result (check, TRUE, g_strdup (_("The certificate is valid for this site.")), NULL);
  g_io_stream_close_async (G_IO_STREAM (source), G_PRIORITY_DEFAULT, NULL, NULL, NULL);
  next_stage (check, KAITSU_PREFLIGHT_HTTP);
}

static void
on_connected (GObject      *source,
              GAsyncResult *result,
              gpointer      data)
{
  HostCheck *check = data;
  /* Released last, after every use of the check */
  G_GNUC_UNUSED g_autoptr (GTask) held = check->run->task;
  g_autoptr (GError) error = NULL;
  g_autoptr (GSocketConnection) connection = NULL;

  connection = g_socket_client_connect_to_host_finish (G_SOCKET_CLIENT (source), result, &error);
  if (check->finished)
    return;
  if (connection == NULL)
    {
      if (retry (check))
        return;
      fail (check, plain_detail (check, error, _("The connection to the site could not be made.")),
            connect_advice (error));
      return;
    }
  add_result (check, TRUE, g_strdup (_("The connection was made.")), NULL);
  g_set_object (&check->connection, connection);
  next_stage (check, check->https ? KAITSU_PREFLIGHT_TLS : KAITSU_PREFLIGHT_HTTP);
}

static void
start_tls (HostCheck *check)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GSocketConnectable) identity = g_network_address_new (check->host, check->port);
  g_autoptr (GIOStream) tls = NULL;

  tls = g_tls_client_connection_new (G_IO_STREAM (check->connection), identity, &error);
  if (tls == NULL)
    {
      fail (check, plain_detail (check, error, _("This computer cannot make secure connections.")),
            _("This computer cannot make secure connections. Ask your computer’s administrator."));
      return;
    }
  if (check->run->database != NULL)
    g_tls_connection_set_database (G_TLS_CONNECTION (tls), check->run->database);
  check->peer_errors = 0;
  g_signal_connect (tls, "accept-certificate", G_CALLBACK (on_accept_certificate), check);
  hold (check);
  g_tls_connection_handshake_async (G_TLS_CONNECTION (tls), G_PRIORITY_DEFAULT, check->cancellable,
                                    on_handshake, check);
}

/* ---- HTTP -------------------------------------------------------------------------------- */

static void
on_http_done (GObject      *source,
              GAsyncResult *result,
              gpointer      data)
{
  HostCheck *check = data;
  /* Released last, after every use of the check */
  G_GNUC_UNUSED g_autoptr (GTask) held = check->run->task;
  SoupMessage *msg = soup_session_get_async_result_message (SOUP_SESSION (source), result);
  g_autoptr (GError) error = NULL;
  /* The status and the Date header are all the check needs: the body is never read, so a
   * site cannot make it read without end */
  g_autoptr (GInputStream) body = soup_session_send_finish (SOUP_SESSION (source), result, &error);
  guint status;
  const char *date;

  if (body != NULL)
    g_input_stream_close_async (body, G_PRIORITY_DEFAULT, NULL, NULL, NULL);
  if (check->finished)
    return;
  if (body == NULL)
    {
      if (retry (check))
        return;
      fail (check, plain_detail (check, error, _("The site did not answer.")),
            _("The site did not answer the request. Try again later; if it keeps failing, ask your network administrator."));
      return;
    }
  status = soup_message_get_status (msg);
  date = soup_message_headers_get_one (soup_message_get_response_headers (msg), "Date");
  if (date != NULL)
    {
      g_autoptr (GDateTime) server = soup_date_time_new_from_http_string (date);
      gint64 now = g_get_real_time ();

      if (server != NULL)
        {
          /* The server's time stood for the middle of the exchange. */
          gint64 local_mid = (check->request_start + now) / 2 / G_USEC_PER_SEC;
          gint64 offset = local_mid - g_date_time_to_unix (server);

          g_array_append_val (check->run->offsets, offset);
        }
    }
  if (status >= 500)
    /* Translators: %u is an HTTP status code such as 503 */
    fail (check, g_strdup_printf (_("The site answered with an error (HTTP %u)."), status),
          _("The site itself has a problem. Try again later."));
  else
    {
      add_result (check, TRUE, g_strdup_printf (_("The site answered (HTTP %u)."), status), NULL);
      host_done (check);
    }
}

static void
start_http (HostCheck *check)
{
  g_autofree char *uri = g_strdup_printf ("%s://%s:%d/", check->https ? "https" : "http",
                                          check->host, check->port);
  g_autoptr (SoupMessage) msg = soup_message_new (SOUP_METHOD_GET, uri);

  if (msg == NULL)
    {
      fail (check, g_strdup (_("The address is not valid.")), NULL);
      return;
    }
  g_clear_object (&check->connection);
  check->request_start = g_get_real_time ();
  hold (check);
  soup_session_send_async (check->run->session, msg, G_PRIORITY_DEFAULT,
                           check->cancellable, on_http_done, check);
}

static void
run_stage (HostCheck *check)
{
  begin_attempt (check);
  switch (check->stage)
    {
    case KAITSU_PREFLIGHT_DNS:
      hold (check);
      g_resolver_lookup_by_name_async (g_resolver_get_default (), check->host, check->cancellable,
                                       on_resolved, check);
      break;
    case KAITSU_PREFLIGHT_CONNECT:
      {
        g_autoptr (GSocketClient) client = g_socket_client_new ();

        hold (check);
        g_socket_client_connect_to_host_async (client, check->host, check->port, check->cancellable,
                                               on_connected, check);
      }
      break;
    case KAITSU_PREFLIGHT_TLS:
      start_tls (check);
      break;
    case KAITSU_PREFLIGHT_HTTP:
    default:
      start_http (check);
      break;
    }
}

/* ---- Proxy and the run ------------------------------------------------------------------- */

static char *
describe_proxy (const char *proxy)
{
  g_autoptr (GUri) uri = g_uri_parse (proxy, G_URI_FLAGS_NONE, NULL);

  if (g_str_equal (proxy, "direct://"))
    return g_strdup ("direct");
  if (uri == NULL)
    return g_strdup ("unknown");
  /* Never a proxy password in a report */
  return g_uri_join (G_URI_FLAGS_NONE, g_uri_get_scheme (uri), NULL, g_uri_get_host (uri),
                     g_uri_get_port (uri), "", NULL, NULL);
}

static void
on_proxy (GObject      *source,
          GAsyncResult *result,
          gpointer      data)
{
  HostCheck *check = data;
  /* Released last, after every use of the check */
  G_GNUC_UNUSED g_autoptr (GTask) held = check->run->task;
  g_auto (GStrv) proxies = g_proxy_resolver_lookup_finish (G_PROXY_RESOLVER (source), result, NULL);

  if (check->finished)
    return;
  check->direct = proxies == NULL || proxies[0] == NULL || g_str_equal (proxies[0], "direct://");
  if (check->run->report->proxy == NULL)
    check->run->report->proxy = describe_proxy (proxies != NULL && proxies[0] != NULL ? proxies[0]
                                                                                      : "direct://");
  /* Through a proxy, the proxy looks names up: there is nothing to resolve here. */
  next_stage (check, check->direct ? KAITSU_PREFLIGHT_DNS : KAITSU_PREFLIGHT_CONNECT);
}

static void
stop_all (Run *run)
{
  G_GNUC_UNUSED g_autoptr (GTask) held = g_object_ref (run->task);

  remove_timeout (run, &run->total_timeout_id);
  for (guint i = 0; i < run->hosts->len; i++)
    {
      HostCheck *check = g_ptr_array_index (run->hosts, i);

      if (check->finished)
        continue;
      if (check->cancellable != NULL)
        g_cancellable_cancel (check->cancellable);
      fail (check, timed_out_detail (),
            _("The check took too long. The network may be very slow or blocked: ask your network administrator."));
    }
}

static gboolean
on_total_timeout (gpointer data)
{
  Run *run = data;

  run->total_timeout_id = 0;
  stop_all (run);
  return G_SOURCE_REMOVE;
}

static gboolean
on_cancelled_idle (gpointer data)
{
  Run *run = g_task_get_task_data (data);

  if (run->pending > 0)
    stop_all (run);
  return G_SOURCE_REMOVE;
}

static void
on_cancelled (GCancellable *cancellable,
              Run          *run)
{
  /* May run in the cancelling thread: hop to the main context, holding the task. */
  g_main_context_invoke_full (g_task_get_context (run->task), G_PRIORITY_HIGH, on_cancelled_idle,
                              g_object_ref (run->task), g_object_unref);
}

void
kaitsu_preflight_run_async (GPtrArray                    *hosts,
                            const KaitsuPreflightOptions *options,
                            GCancellable                 *cancellable,
                            GAsyncReadyCallback           callback,
                            gpointer                      user_data)
{
  Run *run = g_new0 (Run, 1);

  g_return_if_fail (hosts != NULL);

  run->task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (run->task, kaitsu_preflight_run_async);
  g_task_set_task_data (run->task, run, (GDestroyNotify) run_free);
  run->report = g_new0 (KaitsuPreflightReport, 1);
  run->report->checks = g_ptr_array_new_with_free_func (check_free);
  run->hosts = g_ptr_array_new_with_free_func (host_check_free);
  run->offsets = g_array_new (FALSE, FALSE, sizeof (gint64));
  run->started = g_get_monotonic_time ();
  run->attempt_timeout_ms = options != NULL && options->attempt_timeout_ms > 0
                            ? options->attempt_timeout_ms : DEFAULT_ATTEMPT_TIMEOUT_MS;
  if (options != NULL && options->database != NULL)
    run->database = g_object_ref (options->database);
  run->session = soup_session_new_with_options ("timeout", (run->attempt_timeout_ms + 999) / 1000,
                                                "user-agent", "Kaitsu/" PACKAGE_VERSION " (connection check)",
                                                NULL);
  if (run->database != NULL)
    soup_session_set_tls_database (run->session, run->database);
  run->total_timeout_id = add_timeout (run, options != NULL && options->total_timeout_ms > 0
                                             ? options->total_timeout_ms : DEFAULT_TOTAL_TIMEOUT_MS,
                                       on_total_timeout, run);
  if (cancellable != NULL)
    run->cancelled_id = g_cancellable_connect (cancellable, G_CALLBACK (on_cancelled), run, NULL);

  for (guint i = 0; i < hosts->len; i++)
    {
      g_autoptr (GUri) uri = g_uri_parse (g_ptr_array_index (hosts, i), G_URI_FLAGS_NONE, NULL);
      HostCheck *check = g_new0 (HostCheck, 1);

      check->run = run;
      check->results = g_ptr_array_new_with_free_func (check_free);
      g_ptr_array_add (run->hosts, check);
      run->pending++;
      if (uri == NULL || g_uri_get_host (uri) == NULL)
        {
          check->host = g_strdup (g_ptr_array_index (hosts, i));
          fail (check, g_strdup (_("The address is not valid.")), NULL);
          continue;
        }
      check->host = g_strdup (g_uri_get_host (uri));
      check->https = g_strcmp0 (g_uri_get_scheme (uri), "https") == 0;
      check->port = g_uri_get_port (uri) > 0 ? g_uri_get_port (uri) : (check->https ? 443 : 80);
    }
  for (guint i = 0; i < run->hosts->len; i++)
    {
      HostCheck *check = g_ptr_array_index (run->hosts, i);
      g_autofree char *uri = NULL;

      if (check->finished)
        continue;
      uri = g_strdup_printf ("%s://%s:%d", check->https ? "https" : "http", check->host, check->port);
      g_object_ref (run->task);
      g_proxy_resolver_lookup_async (g_proxy_resolver_get_default (), uri, NULL, on_proxy, check);
    }
  if (run->pending == 0)
    finish_run (run);
}

KaitsuPreflightReport *
kaitsu_preflight_run_finish (GAsyncResult  *result,
                             GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);
  return g_task_propagate_pointer (G_TASK (result), error);
}

static void
on_sync_done (GObject      *source,
              GAsyncResult *result,
              gpointer      data)
{
  KaitsuPreflightReport **report = data;

  *report = kaitsu_preflight_run_finish (result, NULL);
}

/* For the command line: runs the check in a private main context. */
KaitsuPreflightReport *
kaitsu_preflight_run_sync (GPtrArray                    *hosts,
                           const KaitsuPreflightOptions *options)
{
  g_autoptr (GMainContext) context = g_main_context_new ();
  KaitsuPreflightReport *report = NULL;

  g_main_context_push_thread_default (context);
  kaitsu_preflight_run_async (hosts, options, NULL, on_sync_done, &report);
  while (report == NULL)
    g_main_context_iteration (context, TRUE);
  g_main_context_pop_thread_default (context);
  return report;
}

gboolean
kaitsu_preflight_report_clock_ok (KaitsuPreflightReport *report)
{
  g_return_val_if_fail (report != NULL, FALSE);
  return !report->clock_known || ABS (report->clock_offset_s) <= KAITSU_CLOCK_TOLERANCE_S;
}

gboolean
kaitsu_preflight_report_passed (KaitsuPreflightReport *report)
{
  g_return_val_if_fail (report != NULL, FALSE);

  for (guint i = 0; i < report->checks->len; i++)
    if (!((KaitsuPreflightCheck *) g_ptr_array_index (report->checks, i))->ok)
      return FALSE;
  return kaitsu_preflight_report_clock_ok (report);
}

static void
add_text (JsonBuilder *builder,
          const char  *name,
          const char  *value,
          gboolean     mask)
{
  g_autofree char *masked = mask ? kaitsu_mask_text (value, NULL) : NULL;

  kaitsu_json_add_string (builder, name, mask ? masked : value);
}

/* One object; with @mask, the tenant's host names are masked (for a report) */
void
kaitsu_preflight_report_add_to (KaitsuPreflightReport *report,
                                JsonBuilder           *builder,
                                gboolean               mask)
{
  json_builder_begin_object (builder);
  kaitsu_json_add_string (builder, "proxy", report->proxy);
  json_builder_set_member_name (builder, "clock_offset_s");
  if (report->clock_known)
    json_builder_add_int_value (builder, report->clock_offset_s);
  else
    json_builder_add_null_value (builder);
  json_builder_set_member_name (builder, "elapsed_ms");
  json_builder_add_int_value (builder, report->elapsed_ms);
  json_builder_set_member_name (builder, "checks");
  json_builder_begin_array (builder);
  for (guint i = 0; i < report->checks->len; i++)
    {
      KaitsuPreflightCheck *check = g_ptr_array_index (report->checks, i);

      json_builder_begin_object (builder);
      add_text (builder, "host", check->host, mask);
      kaitsu_json_add_string (builder, "stage", kaitsu_preflight_stage_to_string (check->stage));
      json_builder_set_member_name (builder, "ok");
      json_builder_add_boolean_value (builder, check->ok);
      add_text (builder, "detail", check->detail, mask);
      add_text (builder, "advice", check->advice, mask);
      kaitsu_json_add_string (builder, "issuer", check->issuer);
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);
  json_builder_end_object (builder);
}

char *
kaitsu_preflight_report_to_json (KaitsuPreflightReport *report)
{
  g_autoptr (JsonBuilder) builder = json_builder_new ();

  kaitsu_preflight_report_add_to (report, builder, FALSE);
  return kaitsu_json_finish (builder);
}

static const char *
stage_label (KaitsuPreflightStage stage)
{
  switch (stage)
    {
    case KAITSU_PREFLIGHT_DNS:
      return _("name");
    case KAITSU_PREFLIGHT_CONNECT:
      return _("connection");
    case KAITSU_PREFLIGHT_TLS:
      return _("certificate");
    case KAITSU_PREFLIGHT_HTTP:
    default:
      return _("answer");
    }
}

char *
kaitsu_preflight_report_to_text (KaitsuPreflightReport *report)
{
  g_autoptr (GString) out = g_string_new (NULL);

  g_string_append_printf (out, _("Proxy: %s\n"), g_strcmp0 (report->proxy, "direct") == 0
                                                   ? _("none (direct connection)") : report->proxy);
  for (guint i = 0; i < report->checks->len; i++)
    {
      KaitsuPreflightCheck *check = g_ptr_array_index (report->checks, i);

      g_string_append_printf (out, "%s %-34s %-12s %s\n", check->ok ? "✓" : "✗", check->host,
                              stage_label (check->stage), check->detail);
      if (check->issuer != NULL && !check->ok)
        g_string_append_printf (out, "    %s %s\n", _("Certificate issuer:"), check->issuer);
      if (check->advice != NULL)
        g_string_append_printf (out, "    → %s\n", check->advice);
    }
  if (!report->clock_known)
    g_string_append (out, _("Clock: not checked (no site answered).\n"));
  else
    {
      g_autofree char *offset = g_strdup_printf ("%+" G_GINT64_FORMAT, report->clock_offset_s);

      if (kaitsu_preflight_report_clock_ok (report))
        /* Translators: %s is a number of seconds with its sign, such as +3 */
        g_string_append_printf (out, _("Clock: correct (%s s).\n"), offset);
      else
        g_string_append_printf (out, _("Clock: this computer’s clock is %s seconds off. Sign-in and secure connections fail with a wrong clock: set the date and time correctly (automatic time is best).\n"),
                                offset);
    }
  g_string_append (out, kaitsu_preflight_report_passed (report)
                        ? _("Everything needed can be reached.\n")
                        : _("Some sites cannot be reached. Fix the problems above before you start.\n"));
  return g_string_free (g_steal_pointer (&out), FALSE);
}
