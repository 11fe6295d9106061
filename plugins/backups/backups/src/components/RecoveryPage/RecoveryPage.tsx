import {
  Content,
  Header,
  InfoCard,
  Link,
  Page,
  Progress,
  ResponseErrorPanel,
} from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import { EntityRefLink } from '@backstage/plugin-catalog-react';
import {
  Box,
  Grid,
  Table,
  TableBody,
  TableCell,
  TableHead,
  TableRow,
  Typography,
} from '@material-ui/core';
import useAsync from 'react-use/esm/useAsync';
import {
  ClusterReadiness,
  NodeReadiness,
  PartialReadiness,
  ProcedureReadiness,
  RecoveryReadiness,
  SiteReadiness,
} from '@homelab-portal/plugin-backups-common';
import { backupsApiRef } from '../../api';
import { DemoChip } from '../common/DemoChip';
import {
  ReadinessChip,
  age,
  drillLink,
  recoveryTime,
} from '../common/readiness';

const RISK_WORDS: Record<string, string> = {
  'single-replica': 'one replica',
  'local-volume': 'local volume',
  'no-pdb': 'no PodDisruptionBudget',
  pinned: 'pinned to a node',
};

const Reasons = ({ reasons }: { reasons: string[] }) =>
  reasons.length === 0 ? null : (
    <Box component="ul" pl={2} my={1}>
      {reasons.map(reason => (
        <Typography component="li" variant="body2" key={reason}>
          {reason}
        </Typography>
      ))}
    </Box>
  );

/** A procedure's card: status, summary, reasons and the runbook beside it. */
const ProcedureCard = ({
  procedure,
  children,
}: {
  procedure: ProcedureReadiness;
  children?: React.ReactNode;
}) => (
  <InfoCard
    title={`${procedure.title}: ${procedure.how}`}
    subheader={<ReadinessChip status={procedure.status} />}
    deepLink={{ title: 'Runbook', link: procedure.runbookUrl }}
  >
    <div data-testid={`recovery-${procedure.id}`}>
      <Typography variant="body1" paragraph>
        {procedure.summary}
      </Typography>
      <Reasons reasons={procedure.reasons} />
      {children}
    </div>
  </InfoCard>
);

const Name = ({ name, entityRef }: { name: string; entityRef?: string }) =>
  entityRef ? (
    <EntityRefLink entityRef={entityRef} title={name} />
  ) : (
    <>{name}</>
  );

const PartialDetails = ({ p }: { p: PartialReadiness }) =>
  p.applications.length === 0 ? null : (
    <Table size="small" aria-label="ArgoCD applications">
      <TableHead>
        <TableRow>
          <TableCell>Application</TableCell>
          <TableCell>Automated sync</TableCell>
          <TableCell>Self-heal</TableCell>
          <TableCell>Sync, health</TableCell>
        </TableRow>
      </TableHead>
      <TableBody>
        {p.applications.map(a => (
          <TableRow key={a.name}>
            <TableCell>
              <Name name={a.name} entityRef={a.entityRef} />
            </TableCell>
            <TableCell>{a.automated ? 'yes' : 'no'}</TableCell>
            <TableCell>{a.selfHeal ? 'yes' : 'no'}</TableCell>
            <TableCell>
              {[a.sync, a.health].filter(Boolean).join(', ') || 'unknown'}
            </TableCell>
          </TableRow>
        ))}
      </TableBody>
    </Table>
  );

const NodeDetails = ({ p }: { p: NodeReadiness }) => {
  const risky = p.workloads.filter(w => w.risks.length > 0);
  if (risky.length === 0) return null;
  return (
    <Table size="small" aria-label="Workloads at risk">
      <TableHead>
        <TableRow>
          <TableCell>Workload</TableCell>
          <TableCell>Replicas</TableCell>
          <TableCell>Why it would not survive</TableCell>
        </TableRow>
      </TableHead>
      <TableBody>
        {risky.map(w => (
          <TableRow key={`${w.cluster}/${w.namespace}/${w.kind}/${w.name}`}>
            <TableCell>
              <Name name={`${w.namespace}/${w.name}`} entityRef={w.entityRef} />
              <Typography variant="caption" display="block">
                {w.kind}
              </Typography>
            </TableCell>
            <TableCell>{w.replicas}</TableCell>
            <TableCell>
              <Typography variant="body2">
                {w.risks.map(r => RISK_WORDS[r] ?? r).join(', ')}
              </Typography>
              <Typography variant="caption" color="textSecondary">
                {w.details.join('; ')}
              </Typography>
            </TableCell>
          </TableRow>
        ))}
      </TableBody>
    </Table>
  );
};

const ClusterDetails = ({ p }: { p: ClusterReadiness }) => (
  <Table size="small" aria-label="Cluster backups and drills">
    <TableBody>
      <TableRow>
        <TableCell component="th">Latest cluster-state backup</TableCell>
        <TableCell>
          {p.latestBackup
            ? `${age(p.latestBackup.ageSeconds)} ago (${p.latestBackup.name}, ${
                p.latestBackup.cluster
              }); RPO ${age(p.rpoSeconds)}`
            : 'none'}
        </TableCell>
      </TableRow>
      <TableRow>
        <TableCell component="th">Last verified restore</TableCell>
        <TableCell>
          {p.lastVerifiedRestore ? (
            <>
              {new Date(
                p.lastVerifiedRestore.finishedAt ??
                  p.lastVerifiedRestore.startedAt,
              ).toLocaleString()}{' '}
              ({p.lastVerifiedRestore.tool} {p.lastVerifiedRestore.target}
              {p.lastVerifiedRestore.entityRef ? ', ' : ''}
              {p.lastVerifiedRestore.entityRef && (
                <EntityRefLink entityRef={p.lastVerifiedRestore.entityRef} />
              )}
              )
            </>
          ) : (
            <>
              never: <Link to={drillLink()}>start a restore drill</Link>
            </>
          )}
        </TableCell>
      </TableRow>
      <TableRow>
        <TableCell component="th">Measured time to recover (RTO)</TableCell>
        <TableCell>
          {p.lastVerifiedRestore
            ? recoveryTime(p.lastVerifiedRestore.durationSeconds)
            : 'not measured yet'}
        </TableCell>
      </TableRow>
      {p.lastDrill && p.lastDrill.status === 'failed' && (
        <TableRow>
          <TableCell component="th">Last drill</TableCell>
          <TableCell>
            failed ({p.lastDrill.target}):{' '}
            {p.lastDrill.checks[p.lastDrill.checks.length - 1]}
          </TableCell>
        </TableRow>
      )}
    </TableBody>
  </Table>
);

const SiteDetails = ({ p }: { p: SiteReadiness }) =>
  p.copies.length === 0 ? null : (
    <Table size="small" aria-label="Off-site copies">
      <TableHead>
        <TableRow>
          <TableCell>Location</TableCell>
          <TableCell>Where</TableCell>
          <TableCell>Newest copy</TableCell>
        </TableRow>
      </TableHead>
      <TableBody>
        {p.copies.map(c => (
          <TableRow key={`${c.kind}/${c.name}`}>
            <TableCell>
              {c.name}
              <Typography variant="caption" display="block">
                {c.kind === 'velero'
                  ? `Velero location${c.phase ? `, ${c.phase}` : ''}`
                  : 'restic repository'}
              </Typography>
            </TableCell>
            <TableCell>{c.where}</TableCell>
            <TableCell>
              {c.ageSeconds === null ? 'none yet' : `${age(c.ageSeconds)} ago`}
            </TableCell>
          </TableRow>
        ))}
      </TableBody>
    </Table>
  );

/** The four procedures of the seed, each computed from live sources. */
export const RecoveryReadinessView = ({
  value,
}: {
  value: RecoveryReadiness;
}) => {
  const [partial, node, cluster, site] = value.procedures;
  return (
    <Grid container spacing={3}>
      <Grid item xs={12} lg={6}>
        <ProcedureCard procedure={partial}>
          <PartialDetails p={partial} />
        </ProcedureCard>
      </Grid>
      <Grid item xs={12} lg={6}>
        <ProcedureCard procedure={node}>
          <NodeDetails p={node} />
        </ProcedureCard>
      </Grid>
      <Grid item xs={12} lg={6}>
        <ProcedureCard procedure={cluster}>
          <ClusterDetails p={cluster} />
        </ProcedureCard>
      </Grid>
      <Grid item xs={12} lg={6}>
        <ProcedureCard procedure={site}>
          <SiteDetails p={site} />
        </ProcedureCard>
      </Grid>
      {value.warnings.map(w => (
        <Grid item xs={12} key={w}>
          <Typography variant="caption" color="textSecondary">
            ⚠ {w}
          </Typography>
        </Grid>
      ))}
    </Grid>
  );
};

/** Recovery readiness: could the homelab recover, by each of the seed's procedures? */
export const RecoveryPage = () => {
  const api = useApi(backupsApiRef);
  const { value, loading, error } = useAsync(() => api.getReadiness(), [api]);
  let body;
  if (loading) body = <Progress />;
  else if (error) body = <ResponseErrorPanel error={error} />;
  else if (value) body = <RecoveryReadinessView value={value} />;
  return (
    <Page themeId="tool">
      <Header
        title="Recovery readiness"
        subtitle="Could the homelab recover today? The seed's four recovery procedures, from ArgoCD, the cluster, Velero, restic and the restore drills"
      />
      <Content>
        <Box
          display="flex"
          justifyContent="space-between"
          alignItems="center"
          mb={2}
          style={{ gap: 16 }}
        >
          <Typography variant="body2">
            A drill restores a backup into a scratch namespace or path and
            measures the time to recover.{' '}
            <Link to={drillLink()}>Start a restore drill</Link>
          </Typography>
          {value && <DemoChip source={value.source} />}
        </Box>
        {body}
      </Content>
    </Page>
  );
};
