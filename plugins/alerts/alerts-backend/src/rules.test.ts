import { execFile } from 'node:child_process';
import { resolve } from 'node:path';
import { promisify } from 'node:util';
import { existsSync } from 'node:fs';

const run = promisify(execFile);
const rulesDir = resolve(__dirname, '../../../../deploy/prometheus');
const promtool = '/usr/bin/promtool';
const describeWithPromtool =
  process.env.CI === 'true' || existsSync(promtool) ? describe : describe.skip;

describeWithPromtool(
  'the shipped alert rules and receiver (deploy/prometheus)',
  () => {
    it('pass promtool check rules', async () => {
      const { stdout } = await run(
        promtool,
        ['check', 'rules', 'homelab-alerts.rules.yaml'],
        { cwd: rulesDir },
      );
      expect(stdout).toContain('SUCCESS: 5 rules found');
    });

    it('pass promtool test rules: each fires when it should, with the labels that map it to entities', async () => {
      const { stdout } = await run(
        promtool,
        ['test', 'rules', 'homelab-alerts.test.yaml'],
        { cwd: rulesDir },
      );
      expect(stdout).toContain('SUCCESS');
    });

    it('ship an Alertmanager receiver for the portal that amtool accepts', async () => {
      const { stdout } = await run(
        '/usr/bin/amtool',
        ['check-config', 'alertmanager-portal-receiver.yaml'],
        {
          cwd: rulesDir,
        },
      );
      expect(stdout).toContain('SUCCESS');
      expect(stdout).toContain('2 receivers');
    });
  },
);
