import { createServer, Server } from 'node:http';
import { AddressInfo } from 'node:net';
import { LangflowAdvisor, OllamaAdvisor } from './Advisor';

const finding = {
  policy: 'disk-full',
  fingerprint: 'f',
  entityRef: 'resource:default/sff-1',
  title: 'Less than 10% disk left on sff-1',
  diagnosis: 'logs',
  evidence: [{ label: 'Alert', value: 'DiskFull (critical)' }],
  source: 'live' as const,
};
const action = {
  type: 'gitops-change' as const,
  title: 'Shorten Loki retention',
  file: 'platform/loki/values.yaml',
  before: null,
  after: 'a: 1\n',
  diff: '+a: 1',
};

describe('the advisors', () => {
  let server: Server;
  let base: string;
  const seen: Array<{ url: string; headers: any; body: any }> = [];
  let answer: (url: string) => [number, unknown];
  beforeAll(async () => {
    server = createServer((req, res) => {
      let body = '';
      req.on('data', c => (body += c));
      req.on('end', () => {
        seen.push({
          url: req.url!,
          headers: req.headers,
          body: JSON.parse(body),
        });
        const [status, json] = answer(req.url!);
        res
          .writeHead(status, { 'content-type': 'application/json' })
          .end(JSON.stringify(json));
      });
    });
    await new Promise<void>(r => server.listen(0, '127.0.0.1', r));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(() => new Promise(r => server.close(r)));

  it("asks Ollama's chat API, not streamed, with the evidence and the diff", async () => {
    answer = () => [
      200,
      {
        model: 'llama3.2',
        message: { role: 'assistant', content: 'Looks safe.' },
        done: true,
      },
    ];
    const advice = await new OllamaAdvisor({
      baseUrl: base,
      model: 'llama3.2',
      timeoutMs: 5000,
    }).advise({ finding, action });
    expect(advice).toEqual({ model: 'ollama/llama3.2', text: 'Looks safe.' });
    const call = seen.at(-1)!;
    expect(call.url).toBe('/api/chat');
    expect(call.body).toMatchObject({ model: 'llama3.2', stream: false });
    expect(call.body.messages[0].content).toContain('DiskFull (critical)');
    expect(call.body.messages[0].content).toContain('+a: 1');
    expect(call.body.messages[0].content).toContain('You cannot approve');
  });

  it('runs a LangFlow flow and reads its chat message, with the API key', async () => {
    answer = () => [
      200,
      {
        outputs: [
          { outputs: [{ results: { message: { text: 'Shorten it.' } } }] },
        ],
      },
    ];
    const advice = await new LangflowAdvisor({
      baseUrl: base,
      flowId: 'homelab advisor',
      apiKey: 'k',
      timeoutMs: 5000,
    }).advise({ finding, action });
    expect(advice).toEqual({
      model: 'langflow/homelab advisor',
      text: 'Shorten it.',
    });
    const call = seen.at(-1)!;
    expect(call.url).toBe('/api/v1/run/homelab%20advisor');
    expect(call.headers['x-api-key']).toBe('k');
    expect(call.body).toMatchObject({
      input_type: 'chat',
      output_type: 'chat',
    });
  });

  it('cuts long advice, and says clearly when the answer is not one', async () => {
    answer = () => [200, { message: { content: 'x'.repeat(10_000) } }];
    const long = await new OllamaAdvisor({
      baseUrl: base,
      model: 'm',
      timeoutMs: 5000,
    }).advise({ finding, action });
    expect(long!.text).toHaveLength(4000);
    answer = () => [200, { nothing: true }];
    await expect(
      new OllamaAdvisor({ baseUrl: base, model: 'm', timeoutMs: 5000 }).advise({
        finding,
        action,
      }),
    ).rejects.toThrow(/without message\.content/);
    answer = () => [500, { error: 'model not found' }];
    await expect(
      new LangflowAdvisor({
        baseUrl: base,
        flowId: 'f',
        timeoutMs: 5000,
      }).advise({ finding, action }),
    ).rejects.toThrow(/HTTP 500/);
  });
});
