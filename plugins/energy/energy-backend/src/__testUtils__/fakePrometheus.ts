import {
  IncomingMessage,
  Server,
  ServerResponse,
  createServer,
} from 'node:http';
import { AddressInfo } from 'node:net';

export type FakeHandler = (
  req: IncomingMessage & { body: string },
  res: ServerResponse,
) => void;

/**
 * An HTTP server standing in for Prometheus where a real one cannot
 * misbehave on demand: errors, warnings, HTML from an ingress, truncated
 * JSON, silence. Each test sets `handler`.
 */
export class FakePrometheus {
  handler: FakeHandler = (_req, res) => {
    res.writeHead(500).end();
  };
  readonly requests: Array<{ path: string; body: URLSearchParams }> = [];
  private server?: Server;

  async start(): Promise<string> {
    this.server = createServer((req, res) => {
      let body = '';
      req.on('data', chunk => {
        body += chunk;
      });
      req.on('end', () => {
        this.requests.push({
          path: req.url ?? '',
          body: new URLSearchParams(body),
        });
        this.handler(Object.assign(req, { body }), res);
      });
    });
    await new Promise<void>(resolve =>
      this.server!.listen(0, '127.0.0.1', resolve),
    );
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  async stop(): Promise<void> {
    this.server?.closeAllConnections();
    await new Promise(resolve => this.server?.close(resolve));
  }
}

/** A Prometheus API success with one sample per `hp_target` index. */
export function vectorAnswer(
  values: Array<string | null>,
  warnings?: string[],
) {
  return JSON.stringify({
    status: 'success',
    ...(warnings ? { warnings } : {}),
    data: {
      resultType: 'vector',
      result: values.flatMap((value, i) =>
        value === null
          ? []
          : [{ metric: { hp_target: String(i) }, value: [1700000000, value] }],
      ),
    },
  });
}
