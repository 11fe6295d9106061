import { InputError } from '@backstage/errors';
import { Evidence } from '@homelab-portal/plugin-cybernetics-common';
import { PolicyFinding } from '../../analyse/PolicyEngine';
import { ActionTemplate } from '../../analyse/policies';
import {
  assertCertificate,
  formatGoDuration,
  parseGoDuration,
} from '../schemas';
import { HOUR, Plan, PlanContext, safeRepoPath } from './shared';

/** CertExpiring: renew through cert-manager, a Certificate change valid against its schema. */
export async function planCertRenewal(
  ctx: PlanContext,
  finding: PolicyFinding,
  template: Extract<ActionTemplate, { type: 'cert-renewal' }>,
  title: string,
): Promise<Plan> {
  const name = finding.vars['labels.name'];
  const namespace = finding.vars['labels.namespace'];
  if (!name || !namespace) {
    throw new InputError(
      'the alert names no certificate (labels name and namespace)',
    );
  }
  const file = safeRepoPath(template.file, finding.vars);
  const { before, doc } = await ctx.readYaml(file);
  const certificate = doc.toJS();
  const evidence: Evidence[] = [
    {
      label: 'Certificate',
      value: `${namespace}/${name}, in ${file}`,
    },
  ];
  const cmctl = `kubectl cert-manager renew -n ${namespace} ${name} (or cmctl renew)`;
  if (before === null) {
    return {
      action: {
        type: 'none',
        title: `Renew ${namespace}/${name} by hand with ${cmctl}: its Certificate is not in ${file}`,
      },
      evidence,
    };
  }
  assertCertificate(certificate, file);
  if (
    certificate.metadata.name !== name ||
    (certificate.metadata.namespace ?? namespace) !== namespace
  ) {
    throw new InputError(
      `${file} holds Certificate ${certificate.metadata.namespace}/${certificate.metadata.name}, not ${namespace}/${name}`,
    );
  }
  const current = certificate.spec?.duration;
  if (current === undefined) {
    // cert-manager compares spec.duration with the CertificateRequest only
    // when both set it: adding one would not re-issue.
    return {
      action: {
        type: 'none',
        title: `Renew ${namespace}/${name} by hand with ${cmctl}: its Certificate sets no spec.duration, so no change in Git makes cert-manager re-issue it`,
      },
      evidence,
    };
  }
  const ms = parseGoDuration(current);
  if (ms === undefined || ms < 2 * HOUR) {
    throw new InputError(
      `${file}: spec.duration "${String(
        current,
      )}" is not a duration the loop can shorten`,
    );
  }
  const duration = formatGoDuration(ms - HOUR);
  const renewBefore = parseGoDuration(certificate.spec?.renewBefore);
  if (renewBefore !== undefined && renewBefore >= ms - HOUR) {
    throw new InputError(
      `${file}: spec.renewBefore would not be shorter than the new duration ${duration}`,
    );
  }
  evidence.push({
    label: 'How it renews',
    value: `spec.duration ${current} → ${duration}: the Certificate no longer matches its latest CertificateRequest, so cert-manager re-issues it at once`,
  });
  const action = await ctx.gitopsChange(
    title,
    file,
    [['spec.duration', duration]],
    after => assertCertificate(after, `${file} after the change`),
  );
  return { action, evidence };
}
