// Shared helpers for the AWS SDK for JavaScript v3 suites: a robomaker-local process per test
// file, clients pointed at it, and the control API (clock, faults, timeline) through fetch.
//
// Every file starts its own server from $RML_BIN (`--port 0 --db :memory: --clock manual`), reads
// the port from the first stdout line and stops it by pid in its `after` hook.
import { spawn } from 'node:child_process';
import { createInterface } from 'node:readline';
import assert from 'node:assert/strict';
import { RoboMakerClient } from '@aws-sdk/client-robomaker';

// Nothing from the machine's AWS set-up may reach the SDK: no profile, no config or credential
// files, no endpoint variables (the endpoint suite sets those it tests itself).
for (const key of Object.keys(process.env)) {
  if (key.startsWith('AWS_')) delete process.env[key];
}
process.env.AWS_CONFIG_FILE = '/dev/null';
process.env.AWS_SHARED_CREDENTIALS_FILE = '/dev/null';

export const ACCOUNT = '123456789012';
export const REGION = 'us-east-1';
export const ARN_PREFIX = `arn:aws:robomaker:${REGION}:${ACCOUNT}`;
export const TERMINAL = new Set(['Succeeded', 'Failed', 'Canceled']);
export const CREDENTIALS = { accessKeyId: 'AKIDEXAMPLE', secretAccessKey: 'secret' };

const started = new Set();
process.on('exit', () => {
  // a crashed test file must not leave its server behind
  for (const pid of started) {
    try { process.kill(pid, 'SIGKILL'); } catch { /* already gone */ }
  }
});

/** Starts $RML_BIN on an OS-chosen port; resolves to {url, pid, stop()}. */
export async function startServer(extraArgs = []) {
  const bin = process.env.RML_BIN;
  assert.ok(bin, 'set RML_BIN to the robomaker-local binary');
  const args = ['--port', '0', '--db', ':memory:', '--clock', 'manual', '--log-level', 'warn', ...extraArgs];
  const child = spawn(bin, args, { stdio: ['ignore', 'pipe', 'pipe'] });
  let stderr = '';
  child.stderr.setEncoding('utf8');
  child.stderr.on('data', (chunk) => { stderr += chunk; });
  const exited = new Promise((resolve) => child.once('exit', (code, signal) => resolve({ code, signal })));
  const url = await new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('no "listening" line within 10 s')), 10_000);
    const lines = createInterface({ input: child.stdout });
    lines.once('line', (line) => {
      clearTimeout(timer);
      const m = /^robomaker-local listening on (http:\/\/\S+)$/.exec(line);
      if (m) resolve(m[1]); else reject(new Error(`unexpected first line: ${line}`));
    });
    // later lines (request logs at warn level and above) are read and dropped by `lines`
    child.once('error', (err) => { clearTimeout(timer); reject(err); });
    exited.then(({ code }) => { clearTimeout(timer); reject(new Error(`server exited ${code}: ${stderr}`)); });
  });
  started.add(child.pid);
  return {
    url,
    pid: child.pid,
    /** SIGTERM by pid; resolves to the exit code (0 on a clean shutdown). */
    async stop() {
      process.kill(child.pid, 'SIGTERM');
      const { code } = await exited;
      started.delete(child.pid);
      return code;
    },
  };
}

/** A RoboMaker client aimed at `url` with retries off, so an injected error is seen once. */
export function makeClient(url, extra = {}) {
  return new RoboMakerClient({
    endpoint: url,
    region: REGION,
    credentials: CREDENTIALS,
    maxAttempts: 1,
    ...extra,
  });
}

/** A control-API call (not part of AWS): JSON in, JSON out, HTTP 200 required. */
export async function control(url, method, path, body) {
  const res = await fetch(url + path, {
    method,
    headers: body === undefined ? {} : { 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await res.text();
  assert.equal(res.status, 200, `${method} ${path} answered ${res.status}: ${text}`);
  return JSON.parse(text);
}

/** Moves the manual clock; every transition due in the span happens before it answers. */
export const advance = (url, seconds) => control(url, 'POST', '/_emulator/clock', { advanceSeconds: seconds });

export const clockNowMs = async (url) => (await control(url, 'GET', '/_emulator/clock')).nowMs;

/** Runs `fn`, which must reject with a RoboMaker error named `name`; returns the error. */
export async function rejectsWith(fn, name, status = 400, fault = 'client') {
  let err;
  try {
    await fn();
  } catch (e) {
    err = e;
  }
  assert.ok(err, `expected ${name}, but the call succeeded`);
  assert.equal(err.name, name, `expected ${name}, got ${err.name}: ${err.message}`);
  assert.equal(err.$metadata?.httpStatusCode, status, `${name}: HTTP status`);
  assert.equal(err.$fault, fault, `${name}: $fault`);
  assert.match(err.$metadata.requestId ?? '', /^[0-9a-f-]{36}$/, `${name}: requestId from x-amzn-RequestId`);
  assert.ok(err.message, `${name}: a message`);
  return err;
}

/** The millisecond timestamp at the end of a fleet, robot or application ARN. */
export const arnMillis = (arn) => Number(/\/(\d{13})$/.exec(arn)[1]);

export function assertDate(value, what) {
  assert.ok(value instanceof Date, `${what} is a Date (got ${typeof value}: ${value})`);
  assert.ok(!Number.isNaN(value.getTime()), `${what} is a valid Date`);
}

export const names = (items) => items.map((x) => x.name);
