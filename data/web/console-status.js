// SPDX-License-Identifier: GPL-3.0-or-later
// console-status.js: runs in Kaitsu's own isolated script world, only on the CAS console's
// origin. Reads the task list, notifications and App IDs by visible text, never by ids or
// classes, and reports them whenever the page changes.
(function () {
  'use strict';
  const MAX_ITEMS = 200;
  const MAX_TEXT = 500;
  const clean = (s) => (s || '').replace(/\s+/g, ' ').trim().slice(0, MAX_TEXT);
  const isSeverity = (s) => /^(成功しました|保留|Success|Successful|Pending)$/i.test(s);
  const isTime = (s) => /^\d{4}[\/-]\d{1,2}[\/-]\d{1,2}/.test(s);

  function collect () {
    const tasks = [];
    for (const table of document.querySelectorAll('table')) {
      if (!/重大度|Severity/.test(table.innerText)) continue;
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
      if ((/は保護されています。/.test(line) || / protected\./.test(line)) &&
          notifications.length < MAX_ITEMS && !notifications.includes(line))
        notifications.push(line);
      const app = /アプリ\s?ID[:：]\s*([0-9A-Za-z-]{8,64})/.exec(line);
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
})();
