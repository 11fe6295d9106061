import express from 'express';
import knexFactory, { Knex } from 'knex';
import { AddressInfo } from 'node:net';
import { HistoryStore } from '../src/database/HistoryStore';
import { createRouter } from '../src/router';
import { AlertsService } from '../src/services/AlertsService';
import { DemoAlertSource } from '../src/services/sources';
import { percentile, quietLogger } from './benchTools';

/** An Alertmanager webhook notification (version 4) with one firing alert. */
export function notification(i: number) {
  const startsAt = new Date(Date.UTC(2026, 10, 1) + i * 1000).toISOString();
  return {
    version: '4',
    groupKey: `{}:{alertname="BenchAlert", node="sff-${i % 3}"}`,
    truncatedAlerts: 0,
    status: 'firing',
    receiver: 'portal',
    groupLabels: { alertname: 'BenchAlert' },
    commonLabels: {},
    commonAnnotations: {},
    externalURL: 'http://alertmanager:9093',
    alerts: [
      {
        status: 'firing',
        labels: {
          alertname: 'BenchAlert',
          severity: 'warning',
          node: `sff-${i % 3}`,
          seq: String(i),
        },
        annotations: { summary: `bench ${i}` },
        startsAt,
        endsAt: '0001-01-01T00:00:00Z',
        generatorURL: 'http://prometheus:9090/graph',
        fingerprint: i.toString(16).padStart(16, '0'),
      },
    ],
  };
}

/**
 * Posts `count` notifications at `rate` per second to the webhook of a fresh
 * database's alerts backend, one in twenty twice, and prints the latencies
 * and the ratio stored / sent.
 */
export async function ingest({
  baseUrl,
  count: COUNT,
  rate: RATE,
  token: TOKEN,
}: {
  baseUrl: string;
  count: number;
  rate: number;
  token: string;
}) {
  const database = `alerts_bench_${Date.now()}`;
  const admin = knexFactory({ client: 'pg', connection: baseUrl });
  await admin.raw(`CREATE DATABASE ${database}`);
  let knex: Knex | undefined;
  try {
    knex = knexFactory({
      client: 'pg',
      connection: `${baseUrl.replace(/\/+$/, '')}/${database}`,
      pool: { min: 2, max: 10 },
    });
    const history = await HistoryStore.create({
      getClient: async () => knex!,
      migrations: { skip: false },
    } as any);
    const alerts = AlertsService.create({
      catalog: {} as any,
      logger: quietLogger,
      source: new DemoAlertSource(),
      history,
      ackMinutes: 15,
    });
    const app = express();
    app.use(
      '/api/alerts',
      await createRouter({
        httpAuth: {} as any,
        permissions: {} as any,
        logger: quietLogger,
        alerts,
        webhookToken: TOKEN,
      }),
    );
    const server = app.listen(0, '127.0.0.1');
    await new Promise(resolve => server.once('listening', resolve));
    const url = `http://127.0.0.1:${
      (server.address() as AddressInfo).port
    }/api/alerts/webhook/demo`;

    const latencies: number[] = [];
    let failures = 0;
    let duplicatesSent = 0;
    const post = async (i: number) => {
      const started = process.hrtime.bigint();
      const res = await fetch(url, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          authorization: `Bearer ${TOKEN}`,
        },
        body: JSON.stringify(notification(i)),
      });
      await res.arrayBuffer();
      latencies.push(Number(process.hrtime.bigint() - started) / 1e6);
      if (!res.ok) failures++;
    };

    process.stderr.write(`posting ${COUNT} notifications at ${RATE}/s...\n`);
    const pending: Promise<void>[] = [];
    const start = Date.now();
    for (let i = 0; i < COUNT; i++) {
      const due = start + (i * 1000) / RATE;
      const wait = due - Date.now();
      if (wait > 0) await new Promise(r => setTimeout(r, wait));
      pending.push(post(i));
      if (i % 20 === 19) {
        duplicatesSent++;
        pending.push(post(i));
      }
    }
    await Promise.all(pending);
    const seconds = (Date.now() - start) / 1000;
    server.closeAllConnections();
    server.close();

    const stored = await history.count();
    const sorted = [...latencies].sort((a, b) => a - b);
    console.log(
      `sent:               ${COUNT} distinct + ${duplicatesSent} redelivered, in ${seconds.toFixed(
        1,
      )} s (${(COUNT / seconds).toFixed(0)}/s)`,
    );
    console.log(`failed requests:    ${failures}`);
    console.log(`ingest latency p50: ${percentile(sorted, 50).toFixed(2)} ms`);
    console.log(`ingest latency p99: ${percentile(sorted, 99).toFixed(2)} ms`);
    console.log(`stored:             ${stored}`);
    console.log(`stored / sent (target 1.000): ${(stored / COUNT).toFixed(3)}`);
  } finally {
    await knex?.destroy();
    await admin.raw(`DROP DATABASE IF EXISTS ${database}`);
    await admin.destroy();
  }
}
