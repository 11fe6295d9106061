import { REDACTED, redactSecrets } from './requests';

describe('redactSecrets', () => {
  it('hides fields the schema marks as secret and fields named like secrets, at any depth', () => {
    const schema = {
      type: 'object',
      properties: {
        adminPass: { type: 'string', format: 'password' },
        users: {
          type: 'array',
          items: {
            type: 'object',
            properties: {
              name: { type: 'string' },
              apiKey: { type: 'string' },
            },
          },
        },
        settings: {
          type: 'object',
          additionalProperties: { type: 'string', writeOnly: true },
        },
      },
    };
    expect(
      redactSecrets(
        {
          adminPass: 'hunter2',
          users: [{ name: 'alice', apiKey: 'k-1' }],
          settings: { a: 'x' },
          dbPassword: 'p',
          clientSecret: { nested: 's' },
          tokenCount: 3,
          size: 'small',
          emptyToken: '',
        },
        schema,
      ),
    ).toEqual({
      adminPass: REDACTED,
      users: [{ name: 'alice', apiKey: REDACTED }],
      settings: { a: REDACTED },
      dbPassword: REDACTED,
      clientSecret: REDACTED,
      tokenCount: 3,
      size: 'small',
      emptyToken: '',
    });
  });
});
