// Shared helpers for the AWS SDK for JavaScript v3 suites: the control API (clock, faults,
// timeline) through fetch, and assertions on SDK results and errors. The server and the clients
// are in server.mjs.
import assert from 'node:assert/strict';
import { ACCOUNT, REGION } from './server.mjs';

export const ARN_PREFIX = `arn:aws:robomaker:${REGION}:${ACCOUNT}`;
export const TERMINAL = new Set(['Succeeded', 'Failed', 'Canceled']);

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

/** An instant in ms as the service's timestamps show it: whole seconds, rounded down (SEMANTICS §2). */
export const floorToSecond = (ms) => Math.floor(ms / 1000) * 1000;

export function assertDate(value, what) {
  assert.ok(value instanceof Date, `${what} is a Date (got ${typeof value}: ${value})`);
  assert.ok(!Number.isNaN(value.getTime()), `${what} is a valid Date`);
}

export const names = (items) => items.map((x) => x.name);
