// The dashboard (GET /_emulator/) in headless Debian Chromium, driven by playwright-core, against
// the real binary on the real clock: a 20-robot job shows its robots, progress bars that move,
// and its end; a robot failed by its emulator:fail tag shows its failure code; the account/region
// selector switches scope. Needs RML_BIN (the built robomaker-local) and /usr/bin/chromium.
// Screenshots go to RML_SCREENSHOT_DIR (default: the repository's build/).
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

const here = path.dirname(fileURLToPath(import.meta.url));
const BIN = process.env.RML_BIN;
const CHROMIUM = process.env.RML_CHROMIUM || '/usr/bin/chromium';
const SHOTS = path.resolve(process.env.RML_SCREENSHOT_DIR || path.join(here, '..', '..', 'build'));
const ROBOTS = 20;
const OTHER_ACCOUNT = '111111111111';
const OTHER_REGION = 'eu-west-1';

let server, base, browser, page, tmp;
const pageErrors = [];

// Starts the binary on an OS-chosen port with a step timing that makes a 20-robot job at 25 %
// concurrency take about 8 s of wall time; resolves with its base URL.
function startServer() {
  tmp = mkdtempSync(path.join(tmpdir(), 'rml-dash-'));
  const config = path.join(tmp, 'config.json');
  writeFileSync(config, JSON.stringify({
    preset: 'fast',
    steps: { validating: 250, downloadingExtracting: 1200, launching: 400, jitter: 0.2 },
  }));
  server = spawn(BIN, ['--port', '0', '--db', ':memory:', '--clock', 'real', '--config', config, '--log-level', 'warn'],
                 { stdio: ['ignore', 'pipe', 'inherit'] });
  return new Promise((resolve, reject) => {
    let out = '';
    const timer = setTimeout(() => reject(new Error('no listening line within 10 s: ' + out)), 10_000);
    server.once('exit', (code) => reject(new Error('server exited with ' + code + ': ' + out)));
    server.stdout.on('data', (chunk) => {
      if (base) return;  // keep draining the pipe
      out += chunk;
      const m = out.match(/listening on (http:\/\/\S+)/);
      if (m) {
        clearTimeout(timer);
        base = m[1];
        resolve(base);
      }
    });
  });
}

async function stopServer() {
  if (!server || server.exitCode !== null) return;
  const exited = new Promise((resolve) => server.once('exit', resolve));
  process.kill(server.pid, 'SIGTERM');
  const timeout = new Promise((resolve) => setTimeout(() => resolve('timeout'), 5_000).unref());
  if (await Promise.race([exited, timeout]) === 'timeout') {
    process.kill(server.pid, 'SIGKILL');
    await exited;
  }
}

// One REST call of the service (rest-json); without Authorization the default account/region apply.
async function call(operation, body, { account, region } = {}) {
  const headers = { 'content-type': 'application/json' };
  if (account) {
    headers.authorization = `AWS4-HMAC-SHA256 Credential=${account}/20260101/${region}/robomaker/aws4_request, ` +
                            'SignedHeaders=host, Signature=0';
  }
  const res = await fetch(`${base}/${operation}`, { method: 'POST', headers, body: JSON.stringify(body) });
  const text = await res.text();
  assert.equal(res.status, 200, `${operation}: HTTP ${res.status} ${text}`);
  return JSON.parse(text);
}

async function fleetWithRobots(name, count, tagsFor = () => undefined) {
  const fleet = await call('createFleet', { name });
  const robots = [];
  for (let i = 0; i < count; ++i) {
    const robot = await call('createRobot', {
      name: `${name}-r${String(i).padStart(2, '0')}`, architecture: 'X86_64', greengrassGroupId: 'gg-1',
      tags: tagsFor(i),
    });
    await call('registerRobot', { fleet: fleet.arn, robot: robot.arn });
    robots.push(robot);
  }
  return { fleet, robots };
}

async function deploy(fleetArn, token, deploymentConfig) {
  return call('createDeploymentJob', {
    fleet: fleetArn, clientRequestToken: token, deploymentConfig,
    deploymentApplicationConfigs: [{
      application: app.arn, applicationVersion: '1',
      launchConfig: { packageName: 'nav', launchFile: 'nav.launch' },
    }],
  });
}

const jobCard = (arn) => page.locator(`.job[data-job-arn="${arn}"]`);
const percents = (arn) => jobCard(arn).locator('.job-robot').evaluateAll(
  (rows) => rows.map((r) => ({ percent: Number(r.dataset.percent), width: r.querySelector('.progress > .bar').style.width })));

let app, main, mainJob;

before(async () => {
  assert.ok(BIN, 'RML_BIN must name the robomaker-local binary');
  await startServer();
  mkdirSync(SHOTS, { recursive: true });
  app = await call('createRobotApplication', {
    name: 'nav', sources: [{ s3Bucket: 'bucket', s3Key: 'nav.tar.gz', architecture: 'X86_64' }],
    robotSoftwareSuite: { name: 'ROS2', version: 'Foxy' },
  });
  await call('createRobotApplicationVersion', { application: app.arn });
  main = await fleetWithRobots('dash-fleet', ROBOTS);
  browser = await chromium.launch({
    executablePath: CHROMIUM, headless: true,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
           '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
  page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
  page.on('pageerror', (e) => pageErrors.push(String(e)));
  page.on('console', (m) => { if (m.type() === 'error') pageErrors.push(m.text()); });
});

after(async () => {
  await browser?.close();
  await stopServer();
  if (tmp) rmSync(tmp, { recursive: true, force: true });
});

describe('dashboard', { timeout: 120_000 }, () => {
  test('serves a self-contained HTML page', async () => {
    for (const p of ['/_emulator/', '/_emulator']) {
      const res = await fetch(base + p);
      assert.equal(res.status, 200);
      assert.match(res.headers.get('content-type'), /^text\/html/);
      const html = await res.text();
      assert.match(html, /<!doctype html>/i);
      assert.doesNotMatch(html, /<(script|link|img)[^>]+(src|href)=["']?https?:/i, 'no external resources');
    }
  });

  test('shows the fleet with its 20 robots', async () => {
    await page.goto(base + '/_emulator/');
    const fleet = page.locator(`.fleet[data-fleet-arn="${main.fleet.arn}"]`);
    await fleet.waitFor();
    assert.equal(await fleet.locator('.fleet-name').textContent(), 'dash-fleet');
    await page.waitForFunction((arn) => document.querySelectorAll(`.fleet[data-fleet-arn="${arn}"] .robot`).length === 20,
                               main.fleet.arn);
    for (const r of main.robots) {
      const chip = fleet.locator(`.robot[data-robot-arn="${r.arn}"]`);
      assert.equal(await chip.getAttribute('data-status'), 'Registered');
      assert.equal(await chip.locator('.robot-name').textContent(), r.name);
    }
    assert.equal(await page.locator('#scope').inputValue(), '123456789012|us-east-1');
    assert.equal(await page.locator('#no-jobs').isVisible(), true);
  });

  test('shows the job with a progress bar per robot, moving while it runs, until Succeeded', async () => {
    mainJob = await deploy(main.fleet.arn, 'dash-1', { concurrentDeploymentPercentage: 25 });
    const card = jobCard(mainJob.arn);
    await card.waitFor({ timeout: 5_000 });
    // The engine takes the fleet's robots as the job leaves Pending; one row and one bar each.
    await page.waitForFunction((arn) => document.querySelectorAll(`.job[data-job-arn="${arn}"] .job-robot .progress > .bar`).length === 20,
                               mainJob.arn, { timeout: 10_000 });
    await page.waitForFunction((arn) => document.querySelector(`.job[data-job-arn="${arn}"]`).dataset.status === 'InProgress',
                               mainJob.arn, { timeout: 10_000 });
    assert.equal(await page.locator('body').getAttribute('data-refresh-ms'), '500');
    await page.waitForFunction(
      (arn) => Array.from(document.querySelectorAll(`.job[data-job-arn="${arn}"] .job-robot`)).some((r) => Number(r.dataset.percent) > 0),
      mainJob.arn, { timeout: 10_000 });

    const first = await percents(mainJob.arn);
    await page.screenshot({ path: path.join(SHOTS, 'dashboard-running.png'), fullPage: true });
    await page.waitForTimeout(1_200);
    const second = await percents(mainJob.arn);
    assert.equal(await card.getAttribute('data-status'), 'InProgress', 'the job should still run after the second sample');
    const sum = (xs) => xs.reduce((s, x) => s + x.percent, 0);
    assert.ok(sum(second) > sum(first), `progress should grow: ${sum(first)} then ${sum(second)}`);
    assert.ok(second.some((x, i) => x.percent !== first[i].percent), 'some robot bar should move');
    for (const x of [...first, ...second]) {
      assert.ok(x.percent >= 0 && x.percent <= 100);
      assert.ok(Math.abs(parseFloat(x.width) - x.percent) < 0.051, `bar width ${x.width} follows percentDone ${x.percent}`);
    }
    // The window is ceil(20 × 25 %) = 5: never more than 5 robots deploying at once.
    const deploying = await card.locator('.job-robot[data-status="Deploying"]').count();
    assert.ok(deploying >= 1 && deploying <= 5, `${deploying} robots deploying`);

    await page.waitForSelector(`.job[data-job-arn="${mainJob.arn}"][data-status="Succeeded"]`, { timeout: 60_000 });
    assert.equal(await card.locator('.job-status').textContent(), 'Succeeded');
    const done = await percents(mainJob.arn);
    assert.equal(done.length, ROBOTS);
    assert.ok(done.every((x) => x.percent === 100 && x.width === '100%'), JSON.stringify(done));
    assert.equal(await card.locator('.job-robot[data-status="InSync"]').count(), ROBOTS);
    assert.equal(await card.locator('.job-failure').isVisible(), false);
    const fleet = page.locator(`.fleet[data-fleet-arn="${main.fleet.arn}"]`);
    await page.waitForFunction((arn) => document.querySelectorAll(`.fleet[data-fleet-arn="${arn}"] .robot[data-status="InSync"]`).length === 20,
                               main.fleet.arn, { timeout: 5_000 });
    assert.equal(await fleet.locator('.last-deployment').textContent(), 'Succeeded');
    await page.waitForFunction(() => document.body.dataset.refreshMs === '3000', null, { timeout: 5_000 });
  });

  test('a robot failed by its emulator:fail tag shows its failure code', async () => {
    const failing = await fleetWithRobots('fail-fleet', 3,
                                          (i) => (i === 1 ? { 'emulator:fail': 'PreLaunchFileFailure' } : undefined));
    const job = await deploy(failing.fleet.arn, 'dash-2', { failureThresholdPercentage: 1 });
    await page.waitForSelector(`.job[data-job-arn="${job.arn}"][data-status="Failed"]`, { timeout: 30_000 });
    const card = jobCard(job.arn);
    const row = card.locator(`.job-robot[data-robot-arn="${failing.robots[1].arn}"]`);
    assert.equal(await row.getAttribute('data-status'), 'Failed');
    assert.equal(await row.locator('.failure-code').textContent(), 'PreLaunchFileFailure');
    assert.equal(await row.locator('.failure-code').isVisible(), true);
    assert.equal(await card.locator('.job-failure .failure-code').textContent(), 'FailureThresholdBreached');
    assert.equal(await card.locator('.job-failure').isVisible(), true);
    const chip = page.locator(`.fleet[data-fleet-arn="${failing.fleet.arn}"] .robot[data-robot-arn="${failing.robots[1].arn}"]`);
    await page.waitForFunction((arn) => document.querySelector(`.robot[data-robot-arn="${arn}"]`)?.dataset.status === 'Failed',
                               failing.robots[1].arn, { timeout: 5_000 });
    assert.equal(await chip.locator('.badge').textContent(), 'Failed');
    // Newest job first.
    const order = await page.locator('.job').evaluateAll((cards) => cards.map((c) => c.dataset.jobArn));
    assert.deepEqual(order, [job.arn, mainJob.arn]);
    await page.waitForTimeout(600);  // let the last bar transitions finish
    await page.screenshot({ path: path.join(SHOTS, 'dashboard.png'), fullPage: true });
  });

  test('the selector switches account and region', async () => {
    const other = await call('createFleet', { name: 'other-fleet' }, { account: OTHER_ACCOUNT, region: OTHER_REGION });
    const value = `${OTHER_ACCOUNT}|${OTHER_REGION}`;
    await page.waitForFunction((v) => Array.from(document.querySelectorAll('#scope option')).some((o) => o.value === v),
                               value, { timeout: 10_000 });
    await page.locator('#scope').selectOption(value);
    await page.locator(`.fleet[data-fleet-arn="${other.arn}"]`).waitFor({ timeout: 5_000 });
    assert.equal(await page.locator('.fleet').count(), 1);
    assert.equal(await page.locator('.job').count(), 0);
    assert.match(page.url(), /account=111111111111/);
    await page.reload();
    await page.locator(`.fleet[data-fleet-arn="${other.arn}"]`).waitFor({ timeout: 5_000 });
    assert.equal(await page.locator('#scope').inputValue(), value);
  });

  test('the page raised no script errors', () => {
    assert.deepEqual(pageErrors, []);
  });
});
