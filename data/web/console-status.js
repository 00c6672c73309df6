// SPDX-License-Identifier: GPL-3.0-or-later
// console-status.js: runs in Kaitsu's own isolated script world, only on the CAS console's
// origin. Reads the task list, notifications and App IDs by visible text, never by ids or
// classes, and reports them whenever the page changes. The console's words come from the
// activation's description, as KAITSU_LABELS (label id → its variants), set before this runs.
(function (labels) {
  'use strict';
  const MAX_ITEMS = 200;
  const MAX_TEXT = 500;
  const escape = (s) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const anyOf = (id) => labels[id].map(escape).join('|');
  const clean = (s) => (s || '').replace(/\s+/g, ' ').trim().slice(0, MAX_TEXT);
  const severityPattern = new RegExp('^(' + anyOf('succeeded') + '|' + anyOf('pending') + ')$', 'i');
  const severityHeader = new RegExp(anyOf('severity'));
  // 「…は保護されています。」: the notice with any service in it
  const protectedPattern = new RegExp(labels['protected-notice']
    .map((s) => s.split('{service}').map(escape).join('.+')).join('|'));
  const appIdPattern = new RegExp('(?:' + labels['app-id'].map((s) => escape(s).replace(/\\? /g, '\\s?')).join('|') +
                                  ')\\s?[:：]\\s*([0-9A-Za-z-]{8,64})', 'i');
  const isSeverity = (s) => severityPattern.test(s);
  const isTime = (s) => /^\d{4}[\/-]\d{1,2}[\/-]\d{1,2}/.test(s);

  function collect () {
    const tasks = [];
    for (const table of document.querySelectorAll('table')) {
      if (!severityHeader.test(table.innerText)) continue;
      for (const row of table.querySelectorAll('tr')) {
        const cells = Array.from(row.querySelectorAll('td')).map((c) => clean(c.innerText));
        const severity = cells.find(isSeverity);
        if (!severity || tasks.length >= MAX_ITEMS) continue;
        const time = cells.find(isTime) || '';
        const text = cells.find((c) => c !== severity && c !== time) || '';
        tasks.push({ severity, text, time });
      }
    }
    const notifications = [];
    const appIds = [];
    const lines = (document.body ? document.body.innerText : '').split('\n');
    for (const raw of lines) {
      const line = clean(raw);
      if (protectedPattern.test(line) &&
          notifications.length < MAX_ITEMS && !notifications.includes(line))
        notifications.push(line);
      const app = appIdPattern.exec(line);
      if (app && appIds.length < MAX_ITEMS && !appIds.includes(app[1]))
        appIds.push(app[1]);
    }
    return { tasks, notifications, appIds };
  }

  let last = null;
  let scheduled = false;
  function report () {
    scheduled = false;
    const json = JSON.stringify(collect());
    if (json === last) return;
    last = json;
    window.webkit.messageHandlers.kaitsuStatus.postMessage(json);
  }
  function schedule () {
    if (scheduled) return;
    scheduled = true;
    Promise.resolve().then(report);
  }
  new MutationObserver(schedule).observe(document.documentElement,
    { childList: true, subtree: true, characterData: true });
  report();
})(KAITSU_LABELS);
