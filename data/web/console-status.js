// SPDX-License-Identifier: GPL-3.0-or-later
// console-status.js: runs in Kaitsu's own isolated script world, only on the console's
// origin. Reads the task list, notifications, App IDs, the threat protection policies and the
// grant dialog's policy choices by visible text and state, never by ids or classes, and
// reports them whenever the page changes. The console's words come from the activation's
// description, as KAITSU_LABELS (label id → its variants), and the services' names as
// KAITSU_SERVICES, and Kaitsu's own limits on a message as KAITSU_LIMITS (items per list,
// UTF-8 bytes per text and per message), all set before this runs: a report Kaitsu would
// refuse is never sent.
(function (labels, services, limits) {
  'use strict';
  const MAX_ITEMS = limits.items;
  const encoder = new TextEncoder();
  const bytes = (s) => encoder.encode(s).length;
  const escape = (s) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const anyOf = (id) => labels[id].map(escape).join('|');
  // Cut at a character, to at most limits.text bytes of UTF-8
  const clip = (s) => {
    if (bytes(s) <= limits.text) return s;
    let out = '';
    let n = 0;
    for (const ch of s) {
      n += bytes(ch);
      if (n > limits.text) break;
      out += ch;
    }
    return out;
  };
  const clean = (s) => clip((s || '').replace(/\s+/g, ' ').trim());
  const severityPattern = new RegExp('^(' + anyOf('succeeded') + '|' + anyOf('pending') + ')$', 'i');
  const severityHeader = new RegExp(anyOf('severity'));
  // 「…は保護されています。」: the notice with any service in it
  const protectedPattern = new RegExp(labels['protected-notice']
    .map((s) => s.split('{service}').map(escape).join('.+')).join('|'));
  const appIdPattern = new RegExp('(?:' + labels['app-id'].map((s) => escape(s).replace(/\\? /g, '\\s?')).join('|') +
                                  ')\\s?[:：]\\s*([0-9A-Za-z-]{8,64})', 'i');
  const policyPattern = new RegExp(anyOf('atp-policy') + '|' + anyOf('v1-atp-policy'), 'i');
  const onPattern = new RegExp('^(?:' + anyOf('policy-on') + ')$', 'i');
  const offPattern = new RegExp('^(?:' + anyOf('policy-off') + ')$', 'i');
  const choicePattern = new RegExp(anyOf('policy-choice'), 'i');
  const namesService = (s) => services.some((name) => s.includes(name));
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
    return { tasks, notifications, appIds, policies: collectPolicies (), grantChoices: collectChoices () };
  }

  // On or off as the row shows it: a switch or check box, else a cell that says so
  function rowState (row, cells) {
    const control = row.querySelector('input[type=checkbox], [role=switch], [role=checkbox]');
    if (control) {
      if (control instanceof HTMLInputElement) return control.checked ? 'on' : 'off';
      const checked = control.getAttribute('aria-checked');
      if (checked === 'true' || checked === 'false') return checked === 'true' ? 'on' : 'off';
    }
    if (cells.some((c) => onPattern.test(c))) return 'on';
    if (cells.some((c) => offPattern.test(c))) return 'off';
    return '';
  }

  // Each row that names a default ATP policy, with the service it is for: named in the row,
  // or by the last heading before it that names one
  function collectPolicies () {
    const policies = [];
    let context = '';
    const nodes = document.querySelectorAll('h1, h2, h3, h4, h5, h6, [role=heading], caption, legend, tr, [role=row]');
    for (const node of nodes) {
      if (!(node.matches('tr, [role=row]'))) {
        const heading = clean(node.innerText);
        if (namesService(heading)) context = heading;
        continue;
      }
      const cells = Array.from(node.querySelectorAll('td, th, [role=cell], [role=gridcell]')).map((c) => clean(c.innerText));
      const name = cells.find((c) => policyPattern.test(c));
      if (!name || policies.length >= MAX_ITEMS) continue;
      const own = cells.find(namesService);
      policies.push({ name, service: own || context, enabled: rowState(node, cells) });
    }
    return policies;
  }

  function labelOf (input) {
    if (input.labels && input.labels.length > 0) return clean(input.labels[0].innerText);
    if (input.getAttribute('aria-label')) return clean(input.getAttribute('aria-label'));
    const around = input.closest('label') || input.parentElement;
    return around ? clean(around.innerText) : '';
  }

  // The grant dialog's "policy to enable when the grant is complete": every choice it offers
  function collectChoices () {
    const choices = [];
    if (!document.body || !choicePattern.test(document.body.innerText)) return choices;
    for (const input of document.querySelectorAll('input[type=checkbox], input[type=radio], [role=checkbox], [role=radio]')) {
      if (choices.length >= MAX_ITEMS) break;
      const checked = input instanceof HTMLInputElement ? input.checked : input.getAttribute('aria-checked') === 'true';
      choices.push({ name: labelOf(input), checked });
    }
    return choices;
  }

  let last = null;
  let scheduled = false;
  // Within limits.bytes: the longest lists lose their last rows first
  function fit (status) {
    let json = JSON.stringify(status);
    while (bytes(json) > limits.bytes) {
      const longest = Object.values(status).filter(Array.isArray).sort((a, b) => b.length - a.length)[0];
      if (!longest || longest.length === 0) return null;
      longest.length -= Math.ceil(longest.length / 4);
      json = JSON.stringify(status);
    }
    return json;
  }

  function report () {
    scheduled = false;
    const json = fit(collect());
    if (json === null) return;
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
    { childList: true, subtree: true, characterData: true, attributes: true, attributeFilter: ['aria-checked'] });
  // Ticking a box changes no markup: it is a change of state
  document.addEventListener('change', schedule, true);
  report();
})(KAITSU_LABELS, KAITSU_SERVICES, KAITSU_LIMITS);
