import {
  Content,
  EmptyState,
  Header,
  Page,
  Progress,
  ResponseErrorPanel,
  Table,
  TableColumn,
} from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import { parseEntityRef } from '@backstage/catalog-model';
import { EntityRefLink } from '@backstage/plugin-catalog-react';
import {
  DnsNameRow,
  DnsNameUse,
  DnsProblem,
  DnsRecord,
  DnsReport,
} from '@homelab-portal/plugin-homelab-common';
import { Box, Chip, Grid, Typography } from '@material-ui/core';
import { Alert, AlertTitle } from '@material-ui/lab';
import useAsync from 'react-use/esm/useAsync';
import { homelabApiRef } from '../../api';
import { Breakable } from '../common/Breakable';
import { DemoChip } from '../common/DemoChip';

const ZONES_FILE = 'platform/dns/gozones/zones.yml';

/** A TTL in seconds, in the largest whole unit (number and unit kept on one line). */
export function formatTtl(seconds: number | undefined): string {
  if (seconds === undefined) return '';
  if (seconds % 86400 === 0) return `${seconds / 86400}\u00a0d`;
  if (seconds % 3600 === 0) return `${seconds / 3600}\u00a0h`;
  if (seconds % 60 === 0) return `${seconds / 60}\u00a0min`;
  return `${seconds}\u00a0s`;
}

const VIA: Record<DnsNameUse['via'], string> = {
  link: 'link',
  interface: 'interface',
  management: 'management URL',
  api: 'cluster API',
  ingress: 'Ingress',
  promise: 'exposed-service request',
};

/** An entity ref as a link; an Ingress or request that no entity claims, as text. */
export function UseRef({ entityRef }: { entityRef: string }) {
  try {
    if (!entityRef.includes(':')) throw new Error('not an entity ref');
    return <EntityRefLink entityRef={parseEntityRef(entityRef)} />;
  } catch {
    return (
      <span>
        <Breakable text={entityRef} />
      </span>
    );
  }
}

const recordText = (r: DnsRecord) =>
  `${r.type} ${r.value}${
    r.ttl !== undefined ? ` (TTL\u00a0${formatTtl(r.ttl)})` : ''
  }`;

/** What a problem is, and what to do about it. */
export function problemText(problem: DnsProblem): {
  title: string;
  todo: string;
} {
  switch (problem.kind) {
    case 'no-record':
      return {
        title: `${problem.name} has no record, but ${problem.uses
          .map(u => `${u.entityRef} (${VIA[u.via]})`)
          .join(', ')} use${problem.uses.length === 1 ? 's' : ''} it.`,
        todo: `Add a record for it to ${ZONES_FILE} in the GitOps repository (a web service: a CNAME to ingress.lab.local), or correct the ${VIA[
          problem.uses[0]?.via ?? 'link'
        ].toLowerCase()}.`,
      };
    case 'record-for-nothing':
      return {
        title: `${problem.name} has a record (${recordText(
          problem.record,
        )}) that nothing in the catalog uses.`,
        todo: `Remove it from ${ZONES_FILE}, or add a link to it on the entity that serves it.`,
      };
    case 'shared-name':
      return {
        title: `${problem.name} is used by ${
          problem.entityRefs.length
        } services: ${problem.entityRefs.join(', ')}.`,
        todo: 'Give each service its own name: change the link, Ingress host or request of the one that does not serve it.',
      };
    case 'dangling-cname':
    default:
      return {
        title: `${problem.name} is a CNAME to ${
          (problem as { target: string }).target
        }, which has no record.`,
        todo: `Add a record for ${
          (problem as { target: string }).target
        } to ${ZONES_FILE}, or point the CNAME at ingress.lab.local.`,
      };
  }
}

const KIND_LABEL: Record<DnsProblem['kind'], string> = {
  'no-record': 'No record',
  'record-for-nothing': 'Unused record',
  'shared-name': 'Shared name',
  'dangling-cname': 'CNAME to nowhere',
};

type Row = DnsNameRow & { id: string; flags: DnsProblem['kind'][] };

function columns(report: DnsReport): TableColumn<Row>[] {
  const goZones = report.forwards[0]?.server;
  return [
    {
      title: 'Name',
      field: 'name',
      highlight: true,
      render: row => (
        <>
          <Typography variant="body2">
            <Breakable text={row.name} />
          </Typography>
          {row.flags.map(flag => (
            <Chip
              key={flag}
              size="small"
              label={KIND_LABEL[flag]}
              color="secondary"
              style={{ marginTop: 4, marginRight: 4 }}
            />
          ))}
        </>
      ),
    },
    {
      title: 'Record',
      render: row =>
        row.records.length ? (
          row.records.map(r => (
            <Typography key={`${r.type}${r.value}`} variant="body2">
              <Breakable text={recordText(r)} />
            </Typography>
          ))
        ) : (
          <Typography variant="body2" color="error">
            No record
          </Typography>
        ),
    },
    {
      title: 'Answered by',
      render: row =>
        row.role === 'authoritative' ? (
          <Typography variant="body2">
            GoZones{row.server === goZones ? ` ${row.server}` : ''}
          </Typography>
        ) : (
          <Typography variant="body2">Pi-hole upstream {row.server}</Typography>
        ),
    },
    {
      title: 'Used by',
      render: row =>
        row.uses.length ? (
          row.uses.map(u => (
            <Typography
              key={`${u.entityRef}${u.via}`}
              variant="body2"
              component="div"
            >
              <UseRef entityRef={u.entityRef} />{' '}
              <Typography
                variant="caption"
                component="span"
                color="textSecondary"
              >
                ({VIA[u.via]})
              </Typography>
            </Typography>
          ))
        ) : (
          <Typography variant="body2" color="textSecondary">
            Nothing in the catalog
          </Typography>
        ),
    },
  ];
}

function DnsContent({ report }: { report: DnsReport }) {
  const flags = new Map<string, DnsProblem['kind'][]>();
  for (const p of report.problems) {
    flags.set(p.name, [...(flags.get(p.name) ?? []), p.kind]);
  }
  const rows: Row[] = report.names.map(n => ({
    ...n,
    id: n.name,
    flags: flags.get(n.name) ?? [],
  }));
  return (
    <Grid container spacing={3}>
      <Grid item xs={12}>
        <Box
          display="flex"
          alignItems="center"
          flexWrap="wrap"
          style={{ gap: 8 }}
        >
          <DemoChip
            source={report.source}
            why="No homelab.dns is configured: the records are the repository's example GitOps tree (gitops/)."
          />
          <Typography variant="body2" color="textSecondary">
            Records of {report.zones.join(', ') || 'no zone'} read from{' '}
            {report.location}. Pi-hole forwards{' '}
            {report.forwards
              .map(f => `${f.domain} to GoZones (${f.server}, authoritative)`)
              .join(', ') || 'nothing'}{' '}
            and the rest upstream ({report.upstreams.join(', ') || 'none'}).
          </Typography>
        </Box>
      </Grid>
      <Grid item xs={12}>
        {report.problems.length === 0 ? (
          <Alert severity="success">
            No problems: every lab name in use has a record, every record is
            used, and no name serves two services.
          </Alert>
        ) : (
          <Alert severity="warning" data-testid="dns-problems">
            <AlertTitle>
              {report.problems.length}{' '}
              {report.problems.length === 1 ? 'problem' : 'problems'}
            </AlertTitle>
            {report.problems.map(p => {
              const { title, todo } = problemText(p);
              return (
                <Box key={`${p.kind}${p.name}`} mb={1}>
                  <Typography variant="body2">
                    <strong>{KIND_LABEL[p.kind]}:</strong> {title}
                  </Typography>
                  <Typography variant="body2" color="textSecondary">
                    {todo}
                  </Typography>
                </Box>
              );
            })}
          </Alert>
        )}
      </Grid>
      {report.warnings.map(w => (
        <Grid item xs={12} key={w}>
          <Alert severity="info">{w}</Alert>
        </Grid>
      ))}
      <Grid item xs={12}>
        {rows.length === 0 ? (
          <EmptyState
            missing="data"
            title="No lab.local names"
            description={`Add records to ${ZONES_FILE} in the GitOps repository, and links to https://<name>.lab.local on the catalog's entities.`}
          />
        ) : (
          <Table<Row>
            title={`Names (${rows.length})`}
            subtitle="Each name under lab.local: its record, the server that answers it, and who uses it"
            options={{ paging: false, search: true, padding: 'dense' }}
            columns={columns(report)}
            data={rows}
          />
        )}
      </Grid>
    </Grid>
  );
}

/** The DNS view: names, records, answering servers, users, and problems. */
export function DnsPage() {
  const api = useApi(homelabApiRef);
  const { value, loading, error } = useAsync(() => api.getDns(), [api]);
  let content;
  if (loading) content = <Progress />;
  else if (error) content = <ResponseErrorPanel error={error} />;
  else if (value) content = <DnsContent report={value} />;
  return (
    <Page themeId="tool">
      <Header
        title="DNS"
        subtitle="The lab's names: records in Git, who answers them, who uses them"
      />
      <Content>{content}</Content>
    </Page>
  );
}
