#include "server/control/dashboard_page.hpp"

namespace rml::server::control {
namespace {

// The whole page. Text from the server is only ever set with textContent or attributes, never as
// HTML. Hooks for tests: #scope, .fleet[data-fleet-arn], .robot[data-robot-arn][data-status],
// .job[data-job-arn][data-status], .job-robot[data-robot-arn][data-status][data-percent],
// .progress > .bar (style.width), .failure-code, body[data-active-jobs][data-refresh-ms].
constexpr std::string_view page = R"page(<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>robomaker-local</title>
<link rel="icon" href="data:,">
<style>
:root {
  --bg: #f3f4f7; --card: #fff; --text: #1d2330; --muted: #687085; --line: #e1e4ea; --track: #e8ebf0;
  --head: #1b2130; --head-text: #f3f5f9; --head-muted: #a5adbf;
  --green: #17753a; --green-bg: #d9f3e1; --green-bar: #2da44e;
  --red: #b42318; --red-bg: #fde3e1; --red-bar: #d93b2e;
  --blue: #1759c6; --blue-bg: #dde9ff; --blue-bar: #2f74e6;
  --amber: #8a5a00; --amber-bg: #fdefc4; --amber-bar: #d99a06;
  --grey: #535c6b; --grey-bg: #e9ecf1; --grey-bar: #a3abb8;
  --purple: #6f3fc8; --purple-bg: #ece3ff; --purple-bar: #8a5cf0;
}
@media (prefers-color-scheme: dark) {
  :root {
    --bg: #12161f; --card: #1b212d; --text: #e4e8ef; --muted: #98a1b3; --line: #2c3442; --track: #2a3140;
    --head: #0c0f15;
    --green: #6fdd8b; --green-bg: #173b25; --red: #ff8b80; --red-bg: #4a1d1a; --blue: #8cb8ff; --blue-bg: #1b3160;
    --amber: #f2c75c; --amber-bg: #45360f; --grey: #b6bdca; --grey-bg: #2c3341; --purple: #c6a8ff; --purple-bg: #35275a;
  }
}
* { box-sizing: border-box; }
[hidden] { display: none !important; }
html, body { margin: 0; }
body { font: 14px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif;
       background: var(--bg); color: var(--text); }
.top { position: sticky; top: 0; z-index: 2; display: flex; align-items: center; gap: 22px; flex-wrap: wrap;
       padding: 10px 22px; background: var(--head); color: var(--head-text); box-shadow: 0 1px 3px rgba(0,0,0,.25); }
.brand { font-weight: 700; font-size: 16px; letter-spacing: .2px; display: flex; align-items: center; gap: 8px; }
.brand .sub { font-weight: 400; color: var(--head-muted); }
.logo { width: 18px; height: 18px; border-radius: 5px; background: linear-gradient(135deg, #2f74e6, #2da44e); }
.top label { color: var(--head-muted); font-size: 12px; display: flex; align-items: center; gap: 8px; }
#scope { font: inherit; font-size: 13px; color: var(--text); background: var(--card); border: 1px solid var(--line);
         border-radius: 6px; padding: 3px 6px; min-width: 15rem; }
.clock { color: var(--head-muted); font-size: 12px; font-variant-numeric: tabular-nums; }
.clock b { color: var(--head-text); font-weight: 600; }
.conn { margin-left: auto; display: flex; align-items: center; gap: 7px; font-size: 12px; color: var(--head-muted); }
.conn .dot { width: 8px; height: 8px; border-radius: 50%; background: #a3abb8; }
.conn[data-state=live] .dot { background: #3fca6b; box-shadow: 0 0 0 3px rgba(63,202,107,.22); }
.conn[data-state=error] .dot { background: #ff5f52; }
main { display: grid; grid-template-columns: minmax(0, 1.4fr) minmax(0, 1fr); gap: 22px; padding: 18px 22px 40px;
       max-width: 1680px; margin: 0 auto; align-items: start; }
@media (max-width: 1050px) { main { grid-template-columns: minmax(0, 1fr); } }
h2 { font-size: 13px; text-transform: uppercase; letter-spacing: .6px; color: var(--muted); margin: 4px 0 10px;
     display: flex; align-items: baseline; gap: 8px; }
h2 .count { font-weight: 600; color: var(--text); background: var(--grey-bg); border-radius: 999px; padding: 0 8px;
            text-transform: none; letter-spacing: 0; }
h3 { margin: 0; font-size: 15px; font-weight: 650; overflow-wrap: anywhere; }
.empty { color: var(--muted); background: var(--card); border: 1px dashed var(--line); border-radius: 8px;
         padding: 16px; text-align: center; margin: 0 0 12px; }
.card { background: var(--card); border: 1px solid var(--line); border-radius: 10px; padding: 12px 14px;
        margin-bottom: 12px; box-shadow: 0 1px 2px rgba(16,24,40,.05); }
.card-head { display: flex; align-items: center; gap: 10px; flex-wrap: wrap; }
.meta { color: var(--muted); font-size: 12px; }
.meta.right { margin-left: auto; }
.badge { display: inline-block; padding: 1px 8px; border-radius: 999px; font-size: 11.5px; font-weight: 600;
         white-space: nowrap; background: var(--grey-bg); color: var(--grey); }
.badge[data-status=InSync], .badge[data-status=Succeeded] { background: var(--green-bg); color: var(--green); }
.badge[data-status=Failed] { background: var(--red-bg); color: var(--red); }
.badge[data-status=Deploying], .badge[data-status=InProgress] { background: var(--blue-bg); color: var(--blue); }
.badge[data-status=PendingNewDeployment], .badge[data-status=Pending], .badge[data-status=Preparing] { background: var(--amber-bg); color: var(--amber); }
.badge[data-status=NoResponse] { background: var(--purple-bg); color: var(--purple); }
.job { border-left: 4px solid var(--grey-bar); }
.job[data-status=InProgress], .job[data-status=Pending], .job[data-status=Preparing] { border-left-color: var(--blue-bar); }
.job[data-status=Succeeded] { border-left-color: var(--green-bar); }
.job[data-status=Failed] { border-left-color: var(--red-bar); }
.job-id { font-family: ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; font-size: 13.5px; }
.job-summary { display: grid; grid-template-columns: minmax(0, 1fr) 3.2rem; align-items: center; gap: 10px; margin-top: 10px; }
.counts { display: flex; gap: 12px; flex-wrap: wrap; font-size: 12px; color: var(--muted); margin-top: 6px; }
.counts b { color: var(--text); font-weight: 650; }
.counts .c-failed b { color: var(--red); }
.counts .c-insync b { color: var(--green); }
.counts .c-deploying b { color: var(--blue); }
.job-failure { margin-top: 8px; padding: 6px 10px; border-radius: 6px; background: var(--red-bg); color: var(--red); font-size: 12.5px; }
.failure-code { font-weight: 700; color: var(--red); }
.job-robot[data-status]:not([data-status=Failed]):not([data-status=NoResponse]) .failure-code { color: var(--muted); font-weight: 600; }
.job-failure .failure-reason { color: var(--text); opacity: .8; margin-left: 6px; }
.progress { height: 8px; background: var(--track); border-radius: 4px; overflow: hidden; }
.progress > .bar { height: 100%; width: 0; border-radius: 4px; background: var(--blue-bar); transition: width .45s linear; }
.job-progress { height: 10px; border-radius: 5px; }
.job[data-status=Succeeded] .job-progress > .bar { background: var(--green-bar); }
.job[data-status=Failed] .job-progress > .bar { background: var(--red-bar); }
.job[data-status=Canceled] .job-progress > .bar { background: var(--grey-bar); }
.pct { font-size: 12px; font-variant-numeric: tabular-nums; text-align: right; color: var(--muted); }
details.robots-box { margin-top: 10px; border-top: 1px solid var(--line); padding-top: 6px; }
details.robots-box > summary { cursor: pointer; color: var(--muted); font-size: 12px; padding: 2px 0; user-select: none; }
.job-robots { display: grid; gap: 1px; margin-top: 4px; }
.job-robot { display: grid; grid-template-columns: minmax(6rem, 9rem) 10.5rem minmax(6rem, 1fr) 2.8rem minmax(7rem, 11.5rem);
             align-items: center; gap: 10px; padding: 3px 4px; border-radius: 5px; font-size: 12.5px; }
.job-robot:nth-child(odd) { background: rgba(127,137,160,.06); }
.job-robot .badge { justify-self: start; }
.job-robot .robot-name { overflow: hidden; text-overflow: ellipsis; white-space: nowrap; font-weight: 550; }
.job-robot .detail { color: var(--muted); font-size: 12px; overflow: hidden; text-overflow: ellipsis; white-space: nowrap; }
.job-robot[data-failure-code] .bar { background: var(--grey-bar); }
.job-robot[data-status=InSync] .bar { background: var(--green-bar); }
.job-robot[data-status=Failed] .bar { background: var(--red-bar); }
.job-robot[data-status=NoResponse] .bar { background: var(--purple-bar); }
.job-robot[data-status=Deploying] .bar {
  background-image: linear-gradient(45deg, rgba(255,255,255,.28) 25%, transparent 25%, transparent 50%,
                                    rgba(255,255,255,.28) 50%, rgba(255,255,255,.28) 75%, transparent 75%);
  background-size: 12px 12px; animation: stripes .8s linear infinite; }
@keyframes stripes { to { background-position: 12px 0; } }
.robots { display: grid; grid-template-columns: repeat(auto-fill, minmax(14rem, 1fr)); gap: 6px; margin-top: 10px; }
.robot { display: flex; flex-wrap: wrap; align-items: center; justify-content: space-between; gap: 2px 4px; min-width: 0; padding: 3px 3px 3px 7px; border-radius: 6px;
         border: 1px solid var(--line); border-left: 3px solid var(--grey-bar); font-size: 12.5px; background: var(--card); }
.robot[data-status=InSync] { border-left-color: var(--green-bar); }
.robot[data-status=Failed] { border-left-color: var(--red-bar); }
.robot[data-status=Deploying] { border-left-color: var(--blue-bar); }
.robot[data-status=PendingNewDeployment] { border-left-color: var(--amber-bar); }
.robot[data-status=NoResponse] { border-left-color: var(--purple-bar); }
.robot .robot-name { font-size: 12px; font-weight: 550; overflow: hidden; text-overflow: ellipsis; white-space: nowrap; min-width: 0; }
.robot .badge { font-size: 10px; padding: 1px 5px; margin-left: auto; }
.banner { margin: 12px 22px 0; padding: 8px 12px; border-radius: 8px; background: var(--red-bg); color: var(--red); }
</style>
</head>
<body data-active-jobs="0" data-refresh-ms="0">
<header class="top">
  <div class="brand"><span class="logo"></span>robomaker-local <span class="sub">dashboard</span></div>
  <label>Account · region <select id="scope" aria-label="Account and region"></select></label>
  <div class="clock">simulated <b id="now">–</b> <span id="clock-mode"></span></div>
  <div id="conn" class="conn" data-state="loading"><span class="dot"></span><span id="conn-text">connecting…</span></div>
</header>
<div id="banner" class="banner" hidden></div>
<main>
  <section id="jobs-section">
    <h2>Deployment jobs <span id="job-count" class="count">0</span></h2>
    <p id="no-jobs" class="empty" hidden>No deployment jobs in this account and region.</p>
    <div id="jobs"></div>
  </section>
  <section id="fleets-section">
    <h2>Fleets <span id="fleet-count" class="count">0</span></h2>
    <p id="no-fleets" class="empty" hidden>No fleets in this account and region.</p>
    <div id="fleets"></div>
    <div id="unassigned-section" hidden>
      <h2>Robots in no fleet <span id="unassigned-count" class="count">0</span></h2>
      <div class="card"><div id="unassigned" class="robots"></div></div>
    </div>
  </section>
</main>
<script>
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
</script>
</body>
</html>
)page";

}  // namespace

std::string_view dashboard_page() { return page; }

}  // namespace rml::server::control
