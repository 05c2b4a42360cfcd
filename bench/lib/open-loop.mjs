// Open-loop (constant arrival rate) generator of widget messages, shared by the product and the baseline
// runs of P3 so both are measured the same way.
import { randomUUID } from 'node:crypto';
import { io } from 'socket.io-client';
import { TICKS_PER_SECOND, cpuTicks, machineTicks, stealShare, ticksByName, ticksDelta } from './cpu.mjs';
import { histogram, sleep, summary } from './util.mjs';

/** A socket.io connection of its own (forceNew: one WebSocket per visitor, no multiplexing). */
export function connectSocket(url, options = {}) {
  return new Promise((resolve, reject) => {
    const socket = io(url, {
      path: '/socket.io',
      transports: ['websocket'],
      forceNew: true,
      reconnection: false,
      timeout: 20_000,
      ...options,
    });
    socket.once('connect', () => resolve(socket));
    socket.once('connect_error', (error) => {
      socket.close();
      reject(new Error(`socket connect failed: ${error.message}${error.data ? ` ${JSON.stringify(error.data)}` : ''}`));
    });
  });
}

/** Runs `fn` over `items` with at most `concurrency` in flight; returns the results in order. */
export async function mapLimit(items, concurrency, fn) {
  const results = new Array(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const index = next++;
      results[index] = await fn(items[index], index);
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, items.length) }, worker));
  return results;
}

/** Emits with an acknowledgement, rejecting after timeoutMs. */
export function emitWithAck(socket, event, payload, timeoutMs = 10_000) {
  return new Promise((resolve, reject) => {
    socket.timeout(timeoutMs).emit(event, payload, (error, ack) => (error ? reject(error) : resolve(ack)));
  });
}


/**
 * Sends `rate` messages per second, spread round-robin over the visitor sockets, scheduled by absolute
 * time (message i is due at start + i / rate, whatever happened before: no drift, no waiting for
 * replies). Per message: t0 at emit, t1 when the operator socket receives it (matched by clientMsgId),
 * t2 when the visitor's ack arrives. Messages due during the warm-up are sent but not counted.
 *
 * `operatorEvent` is the event the operator socket receives (payload with clientMsgId).
 */
export async function runOpenLoop({
  visitors,
  operator,
  operatorEvent = 'message:created',
  rate,
  warmupMs,
  durationMs,
  timeoutMs = 10_000,
  lateThresholdMs = 5,
  serverPid,
}) {
  const interval = 1000 / rate;
  const total = Math.round((rate * (warmupMs + durationMs)) / 1000);
  const pending = new Map(); // clientMsgId -> record
  const operatorReceive = histogram();
  const ack = histogram();
  const roundtrip = histogram();
  const lag = histogram();
  const errors = {};
  const timeline = []; // worst round trip (ms) of the messages sent in each measured second
  const slowTimeline = []; // how many of them took over 20 ms
  let counted = 0;
  let late = 0;
  let completed = 0;
  let unmatched = 0;
  let firstCountedEmit = Infinity;
  let lastCountedEmit = -Infinity;
  let lastCompletion = -Infinity;

  const complete = (record) => {
    pending.delete(record.clientMsgId);
    if (!record.counted) return;
    if (record.error) {
      errors[record.error] = (errors[record.error] ?? 0) + 1;
      return;
    }
    completed++;
    const done = Math.max(record.t1, record.t2);
    lastCompletion = Math.max(lastCompletion, done);
    operatorReceive.recordValue(Math.max(1, Math.round((record.t1 - record.t0) * 1000)));
    ack.recordValue(Math.max(1, Math.round((record.t2 - record.t0) * 1000)));
    roundtrip.recordValue(Math.max(1, Math.round((done - record.t0) * 1000)));
    const second = Math.floor((record.t0 - measureFrom) / 1000);
    timeline[second] = Math.max(timeline[second] ?? 0, done - record.t0);
    if (done - record.t0 > 20) slowTimeline[second] = (slowTimeline[second] ?? 0) + 1;
  };

  const onOperator = (message) => {
    const now = performance.now();
    const record = message && pending.get(message.clientMsgId);
    if (!record) {
      if (message?.clientMsgId) unmatched++;
      return;
    }
    if (record.t1 !== undefined) return;
    record.t1 = now;
    if (record.t2 !== undefined) complete(record);
  };
  operator.on(operatorEvent, onOperator);

  const send = (index, due) => {
    const socket = visitors[index % visitors.length];
    const record = { clientMsgId: randomUUID(), counted: due >= measureFrom, t0: 0, t1: undefined, t2: undefined };
    pending.set(record.clientMsgId, record);
    const payload = { body: `bench message ${index}`, clientMsgId: record.clientMsgId };
    record.t0 = performance.now();
    socket.emit('visitor:send', payload, (reply) => {
      record.t2 = performance.now();
      if (!reply?.ok) {
        record.error = reply?.error?.code ?? 'bad_ack';
        complete(record);
      } else if (record.t1 !== undefined) complete(record);
    });
    if (record.counted) {
      counted++;
      firstCountedEmit = Math.min(firstCountedEmit, record.t0);
      lastCountedEmit = record.t0;
      const behind = record.t0 - due;
      lag.recordValue(Math.max(1, Math.round(behind * 1000)));
      if (behind > lateThresholdMs) late++;
    }
  };

  const snapshot = (at) => ({
    at,
    self: process.cpuUsage(),
    server: serverPid ? cpuTicks(serverPid) : null,
    postgres: ticksByName('postgres'),
    machine: machineTicks(),
  });
  const start = performance.now() + 20;
  const measureFrom = start + warmupMs;
  let cpuBefore = null;
  // The hypervisor's steal per measured second (ms of core time): a stall second with much of it was the host's.
  const stealTimeline = [];
  let stealAt = machineTicks();
  const stealSampler = setInterval(() => {
    const now = machineTicks();
    const second = Math.floor((performance.now() - 125 - measureFrom) / 1000);
    if (second >= 0 && now && stealAt) stealTimeline[second] = (stealTimeline[second] ?? 0) + ((now.steal - stealAt.steal) * 1000) / TICKS_PER_SECOND;
    stealAt = now;
  }, 250);
  await new Promise((resolve) => {
    let index = 0;
    const tick = () => {
      const now = performance.now();
      if (cpuBefore === null && now >= measureFrom) {
        cpuBefore = snapshot(now);
      }
      while (index < total && start + index * interval <= now) {
        send(index, start + index * interval);
        index++;
      }
      if (index >= total) return resolve();
      setTimeout(tick, Math.max(0, start + index * interval - performance.now()));
    };
    setTimeout(tick, Math.max(0, start - performance.now()));
  });
  const cpuAfter = snapshot(performance.now());
  clearInterval(stealSampler);

  // Let the last messages finish; whatever is still open after timeoutMs is a timeout.
  const deadline = performance.now() + timeoutMs;
  while ([...pending.values()].some((r) => r.counted) && performance.now() < deadline) await sleep(20);
  for (const record of pending.values()) {
    if (!record.counted) continue;
    const what = record.t2 === undefined && record.t1 === undefined ? 'timeout' : record.t2 === undefined ? 'timeout_ack' : 'timeout_operator';
    errors[what] = (errors[what] ?? 0) + 1;
  }
  pending.clear();
  operator.off(operatorEvent, onOperator);

  const span = (lastCountedEmit - firstCountedEmit) / 1000 + 1 / rate;
  const seconds = cpuBefore ? (cpuAfter.at - cpuBefore.at) / 1000 : NaN;
  const cpu = {};
  if (cpuBefore && seconds > 0) {
    cpu.generator = (cpuAfter.self.user + cpuAfter.self.system - cpuBefore.self.user - cpuBefore.self.system) / 1e6 / seconds;
    if (cpuBefore.server && cpuAfter.server) {
      cpu.serverUser = (cpuAfter.server.user - cpuBefore.server.user) / TICKS_PER_SECOND / seconds;
      cpu.serverSystem = (cpuAfter.server.system - cpuBefore.server.system) / TICKS_PER_SECOND / seconds;
      cpu.server = cpu.serverUser + cpu.serverSystem;
    }
    cpu.postgres = ticksDelta(cpuBefore.postgres, cpuAfter.postgres) / TICKS_PER_SECOND / seconds;
    if (cpuBefore.machine && cpuAfter.machine) {
      cpu.machineBusy = (cpuAfter.machine.busy - cpuBefore.machine.busy) / (cpuAfter.machine.total - cpuBefore.machine.total);
      cpu.steal = stealShare(cpuBefore.machine, cpuAfter.machine);
    }
  }
  return {
    rate,
    sent: counted,
    completed,
    sentRate: counted / span,
    completedRate: completed / span,
    late,
    unmatched,
    errors,
    lag: summary(lag),
    operatorReceive: summary(operatorReceive),
    ack: summary(ack),
    roundtrip: summary(roundtrip),
    timeline: Array.from(timeline, (v) => v ?? 0),
    slowTimeline: Array.from({ length: timeline.length }, (_, i) => slowTimeline[i] ?? 0),
    stealTimeline: Array.from({ length: timeline.length }, (_, i) => stealTimeline[i] ?? 0),
    /** Wall-clock time (ms since the epoch) of the start of the first measured second. */
    measuredFromEpochMs: Date.now() - performance.now() + measureFrom,
    drainMs: Number.isFinite(lastCompletion) ? lastCompletion - lastCountedEmit : NaN,
    cpu,
  };
}
