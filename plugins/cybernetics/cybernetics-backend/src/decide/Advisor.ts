import {
  UpstreamError,
  fetchUpstream,
  upstreamFailure,
} from '@homelab-portal/plugin-homelab-node';
import {
  Finding,
  ProposedAction,
} from '@homelab-portal/plugin-cybernetics-common';

/** Advice from a language model: text for people, never parsed for actions. */
export interface Advisor {
  advise(input: {
    finding: Finding;
    action: ProposedAction;
    entity?: object;
  }): Promise<{ model: string; text: string } | undefined>;
}

const MAX_ADVICE = 4000;

function prompt(input: {
  finding: Finding;
  action: ProposedAction;
  entity?: object;
}) {
  return [
    'You advise the operator of a homelab. Explain the finding and judge the proposed action in a few sentences.',
    'You cannot approve, reject or run anything; a person decides.',
    `Finding: ${input.finding.title}`,
    `Diagnosis: ${input.finding.diagnosis}`,
    `Evidence: ${input.finding.evidence
      .map(e => `${e.label}: ${e.value}`)
      .join('; ')}`,
    `Proposed action: ${input.action.title}`,
    'diff' in input.action ? `Diff:\n${input.action.diff}` : '',
    input.entity
      ? `Catalog entity: ${JSON.stringify(input.entity).slice(0, 2000)}`
      : '',
  ]
    .filter(Boolean)
    .join('\n');
}

async function post(
  url: string,
  body: object,
  headers: Record<string, string>,
  timeoutMs: number,
) {
  const what = new URL(url).host;
  const { response, text } = await fetchUpstream(what, url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify(body),
    timeoutMs,
  });
  if (!response.ok) throw upstreamFailure(what, response, text);
  try {
    return JSON.parse(text);
  } catch {
    throw new UpstreamError(`${what} answered with an unreadable body`);
  }
}

/** Ollama's chat API (`POST /api/chat`, not streamed). */
export class OllamaAdvisor implements Advisor {
  constructor(
    private readonly options: {
      baseUrl: string;
      model: string;
      timeoutMs: number;
    },
  ) {}

  async advise(input: Parameters<Advisor['advise']>[0]) {
    const body = await post(
      `${this.options.baseUrl.replace(/\/+$/, '')}/api/chat`,
      {
        model: this.options.model,
        stream: false,
        messages: [{ role: 'user', content: prompt(input) }],
      },
      {},
      this.options.timeoutMs,
    );
    const text = body?.message?.content;
    if (typeof text !== 'string')
      throw new Error('Ollama answered without message.content');
    return {
      model: `ollama/${this.options.model}`,
      text: text.slice(0, MAX_ADVICE),
    };
  }
}

/** A LangFlow flow's run API (`POST /api/v1/run/<flow>`). */
export class LangflowAdvisor implements Advisor {
  constructor(
    private readonly options: {
      baseUrl: string;
      flowId: string;
      apiKey?: string;
      timeoutMs: number;
    },
  ) {}

  async advise(input: Parameters<Advisor['advise']>[0]) {
    const body = await post(
      `${this.options.baseUrl.replace(
        /\/+$/,
        '',
      )}/api/v1/run/${encodeURIComponent(this.options.flowId)}`,
      { input_value: prompt(input), input_type: 'chat', output_type: 'chat' },
      this.options.apiKey ? { 'x-api-key': this.options.apiKey } : {},
      this.options.timeoutMs,
    );
    const text = body?.outputs?.[0]?.outputs?.[0]?.results?.message?.text;
    if (typeof text !== 'string')
      throw new Error('LangFlow answered without a chat message');
    return {
      model: `langflow/${this.options.flowId}`,
      text: text.slice(0, MAX_ADVICE),
    };
  }
}
