'use strict';
const ACTIVE = new Set(['Pending', 'Preparing', 'InProgress']);
const FAST_MS = 500, SLOW_MS = 3000;
const $ = (id) => document.getElementById(id);

function el(tag, cls, text) {
  const e = document.createElement(tag);
  if (cls) e.className = cls;
  if (text != null) e.textContent = String(text);
  return e;
}
function setText(e, t) { t = t == null ? '' : String(t); if (e.textContent !== t) e.textContent = t; }
function setAttr(e, k, v) {
  if (v == null) { e.removeAttribute(k); return; }
  if (e.getAttribute(k) !== String(v)) e.setAttribute(k, String(v));
}
function setBadge(e, status) { setText(e, status); setAttr(e, 'data-status', status); }
function lastPart(arn) { return String(arn).slice(String(arn).lastIndexOf('/') + 1); }
function age(seconds) {
  const s = Math.max(0, Math.floor(seconds));
  if (s < 60) return s + ' s ago';
  if (s < 3600) return Math.floor(s / 60) + ' min ' + (s % 60) + ' s ago';
  if (s < 86400) return Math.floor(s / 3600) + ' h ' + Math.floor((s % 3600) / 60) + ' min ago';
  return Math.floor(s / 86400) + ' d ago';
}
function simTime(seconds) { return new Date(seconds * 1000).toISOString().replace('T', ' ').slice(0, 19) + ' UTC'; }

// Keeps container's children in the order of items, reusing the child with the same key, so
// progress bars animate and open/closed details stay as the user left them.
function sync(container, items, key, create, update) {
  const old = new Map();
  for (const child of Array.from(container.children)) old.set(child.dataset.key, child);
  let prev = null;
  items.forEach((item, i) => {
    const k = key(item);
    let node = old.get(k);
    if (node) old.delete(k); else { node = create(item, i); node.dataset.key = k; }
    update(node, item, i);
    const want = prev ? prev.nextSibling : container.firstChild;
    if (node !== want) container.insertBefore(node, want);
    prev = node;
  });
  for (const node of old.values()) node.remove();
}

// Fleets and their robots.
function createChip() {
  const c = el('div', 'robot');
  c.append(el('span', 'robot-name'), el('span', 'badge'));
  return c;
}
function updateChip(c, r) {
  setAttr(c, 'data-robot-arn', r.arn);
  setAttr(c, 'data-status', r.status);
  c.title = r.name + '\n' + r.arn + '\n' + r.architecture + ' · ' + r.status;
  setText(c.children[0], r.name);
  setBadge(c.children[1], r.status);
}
function createFleet() {
  const f = el('article', 'card fleet');
  const head = el('header', 'card-head');
  head.append(el('h3', 'fleet-name'), el('span', 'meta robot-count'), el('span', 'meta right last-label', 'last deployment'),
              el('span', 'badge last-deployment'));
  f.append(head, el('div', 'robots'));
  return f;
}
function updateFleet(f, fleet) {
  setAttr(f, 'data-fleet-arn', fleet.arn);
  f.title = fleet.arn;
  setText(f.querySelector('.fleet-name'), fleet.name);
  const n = fleet.robots.length;
  setText(f.querySelector('.robot-count'), n + (n === 1 ? ' robot' : ' robots'));
  const last = f.querySelector('.last-deployment');
  const has = fleet.lastDeploymentStatus != null;
  last.hidden = !has;
  f.querySelector('.last-label').hidden = !has;
  if (has) setBadge(last, fleet.lastDeploymentStatus);
  const robots = f.querySelector('.robots');
  robots.hidden = n === 0;
  sync(robots, fleet.robots, (r) => r.arn, createChip, updateChip);
}

// Jobs and the progress of their robots.
function createJobRobot() {
  const row = el('div', 'job-robot');
  const progress = el('div', 'progress');
  progress.append(el('div', 'bar'));
  const detail = el('span', 'detail');
  detail.append(el('span', 'step'), el('span', 'failure-code'));
  row.append(el('span', 'robot-name'), el('span', 'badge'), progress, el('span', 'pct'), detail);
  return row;
}
function updateJobRobot(row, r) {
  const pct = Math.max(0, Math.min(100, Number(r.percentDone) || 0));
  setAttr(row, 'data-robot-arn', r.arn);
  setAttr(row, 'data-status', r.status);
  setAttr(row, 'data-percent', pct);
  setAttr(row, 'data-failure-code', r.failureCode || null);
  setText(row.querySelector('.robot-name'), r.name || lastPart(r.arn));
  row.querySelector('.robot-name').title = r.arn;
  setBadge(row.querySelector('.badge'), r.status);
  const bar = row.querySelector('.bar');
  const width = pct.toFixed(1) + '%';
  if (bar.style.width !== width) bar.style.width = width;
  setText(row.querySelector('.pct'), Math.floor(pct) + '%');
  const step = row.querySelector('.step');
  const code = row.querySelector('.failure-code');
  let stepText = r.step && r.step !== 'Finished' ? r.step : '';
  if (r.step === 'DownloadingExtracting' && r.stepPercentDone != null) stepText += ' ' + Math.floor(r.stepPercentDone) + '%';
  setText(step, r.failureCode ? '' : stepText);
  step.hidden = !!r.failureCode;
  setText(code, r.failureCode || '');
  code.hidden = !r.failureCode;
  row.querySelector('.detail').title = r.failureCode ? r.failureCode + (r.failureReason ? ': ' + r.failureReason : '') + (r.step ? ' (at ' + r.step + ')' : '') : stepText;
}
function createJob(job, index) {
  const j = el('article', 'card job');
  const head = el('header', 'card-head');
  head.append(el('span', 'badge job-status'), el('h3', 'job-id'), el('span', 'meta job-fleet'),
              el('span', 'meta right job-age'));
  const summary = el('div', 'job-summary');
  const progress = el('div', 'progress job-progress');
  progress.append(el('div', 'bar'));
  summary.append(progress, el('span', 'pct job-pct'));
  const failure = el('div', 'job-failure');
  failure.append(el('span', 'failure-code'), el('span', 'failure-reason'));
  const box = el('details', 'robots-box');
  box.open = index < 3 || ACTIVE.has(job.status);
  box.append(el('summary'), el('div', 'job-robots'));
  j.append(head, summary, el('div', 'counts'), failure, box);
  return j;
}
function updateJob(j, job, now) {
  setAttr(j, 'data-job-arn', job.arn);
  setAttr(j, 'data-status', job.status);
  setBadge(j.querySelector('.job-status'), job.status);
  setText(j.querySelector('.job-id'), lastPart(job.arn));
  j.querySelector('.job-id').title = job.arn;
  setText(j.querySelector('.job-fleet'), 'fleet ' + job.fleetName + ' · concurrency ' + job.concurrency + ' %');
  setText(j.querySelector('.job-age'), 'created ' + age(now - job.createdAt));
  const robots = job.robots;
  const mean = robots.length ? robots.reduce((s, r) => s + (Number(r.percentDone) || 0), 0) / robots.length
                             : (job.status === 'Succeeded' ? 100 : 0);
  const bar = j.querySelector('.job-progress > .bar');
  const width = mean.toFixed(1) + '%';
  if (bar.style.width !== width) bar.style.width = width;
  setAttr(j, 'data-percent', mean.toFixed(1));
  setText(j.querySelector('.job-pct'), Math.floor(mean) + '%');

  const tally = {};
  for (const r of robots) tally[r.status] = (tally[r.status] || 0) + 1;
  const counts = j.querySelector('.counts');
  const parts = [['InSync', 'c-insync'], ['Deploying', 'c-deploying'], ['PendingNewDeployment', 'c-queued'],
                 ['Failed', 'c-failed'], ['NoResponse', 'c-noresponse']];
  const shown = parts.filter(([s]) => tally[s]).map(([s, cls]) => ({ s, cls, n: tally[s] }));
  for (const s of Object.keys(tally)) if (!parts.some(([p]) => p === s)) shown.push({ s, cls: 'c-other', n: tally[s] });
  if (!robots.length) shown.push({ s: job.status === 'Pending' || job.status === 'Preparing' ? 'robots: not yet chosen' : 'no robots', cls: 'c-none', n: '' });
  sync(counts, shown, (x) => x.s, () => { const c = el('span'); c.append(el('b'), document.createTextNode('')); return c; },
       (c, x) => { c.className = x.cls; setText(c.firstChild, x.n); c.lastChild.textContent = (x.n === '' ? '' : ' ') + (x.s === 'PendingNewDeployment' ? 'queued' : x.s); });

  const failure = j.querySelector('.job-failure');
  failure.hidden = !job.failureCode;
  setText(failure.querySelector('.failure-code'), job.failureCode || '');
  setText(failure.querySelector('.failure-reason'), job.failureReason || '');

  const box = j.querySelector('details.robots-box');
  box.hidden = robots.length === 0;
  setText(box.querySelector('summary'), robots.length + (robots.length === 1 ? ' robot' : ' robots'));
  sync(box.querySelector('.job-robots'), robots, (r) => r.arn, createJobRobot, updateJobRobot);
}

// The account/region selector and the polling loop.
const params = new URLSearchParams(location.search);
let scope = { account: params.get('account') || '', region: params.get('region') || '' };
let timer = null, seq = 0;

function updateScopes(data) {
  const select = $('scope');
  const list = data.scopes.map((s) => s.account + '|' + s.region);
  const current = data.account + '|' + data.region;
  sync(select, data.scopes, (s) => s.account + '|' + s.region, () => el('option'),
       (o, s) => { o.value = s.account + '|' + s.region; setText(o, s.account + ' · ' + s.region); });
  if (list.includes(current) && select.value !== current) select.value = current;
}

function render(data) {
  updateScopes(data);
  setText($('now'), simTime(data.now));
  const clock = data.clock || {};
  setText($('clock-mode'), clock.mode === 'manual' ? '(manual clock)' : clock.scale && clock.scale !== 1 ? '(×' + clock.scale + ')' : '');
  const now = data.now;
  setText($('job-count'), data.jobs.length);
  $('no-jobs').hidden = data.jobs.length > 0;
  sync($('jobs'), data.jobs, (j) => j.arn, createJob, (node, job) => updateJob(node, job, now));
  setText($('fleet-count'), data.fleets.length);
  $('no-fleets').hidden = data.fleets.length > 0;
  sync($('fleets'), data.fleets, (f) => f.arn, createFleet, updateFleet);
  $('unassigned-section').hidden = data.unassignedRobots.length === 0;
  setText($('unassigned-count'), data.unassignedRobots.length);
  sync($('unassigned'), data.unassignedRobots, (r) => r.arn, createChip, updateChip);
  const active = data.jobs.filter((j) => ACTIVE.has(j.status)).length;
  document.body.dataset.activeJobs = String(active);
  document.title = (active ? '(' + active + ' active) ' : '') + 'robomaker-local';
}

function setConn(state, text) {
  setAttr($('conn'), 'data-state', state);
  setText($('conn-text'), text);
}

async function refresh() {
  clearTimeout(timer);
  const mine = ++seq;
  let delay = SLOW_MS;
  try {
    const q = new URLSearchParams();
    if (scope.account) q.set('account', scope.account);
    if (scope.region) q.set('region', scope.region);
    const res = await fetch('/_emulator/overview?' + q.toString(), { cache: 'no-store' });
    const data = await res.json().catch(() => null);
    if (!res.ok || !data) throw new Error((data && data.message) || 'HTTP ' + res.status);
    if (mine !== seq) return;
    render(data);
    delay = Number(document.body.dataset.activeJobs) > 0 ? FAST_MS : SLOW_MS;
    $('banner').hidden = true;
    setConn('live', 'live · every ' + (delay < 1000 ? delay + ' ms' : delay / 1000 + ' s'));
  } catch (e) {
    if (mine !== seq) return;
    setConn('error', 'no connection');
    $('banner').hidden = false;
    setText($('banner'), 'Cannot read /_emulator/overview: ' + e.message + '. Retrying…');
  }
  document.body.dataset.refreshMs = String(delay);
  timer = setTimeout(refresh, delay);
}

$('scope').addEventListener('change', (ev) => {
  const [account, region] = ev.target.value.split('|');
  scope = { account, region };
  const url = new URL(location.href);
  url.searchParams.set('account', account);
  url.searchParams.set('region', region);
  history.replaceState(null, '', url);
  refresh();
});
refresh();
