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
import { EntityRefLink } from '@backstage/plugin-catalog-react';
import {
  SECRET_POLICIES,
  SecretRow,
  SecretsReport,
} from '@homelab-portal/plugin-homelab-common';
import { Box, Chip, Grid, Typography } from '@material-ui/core';
import { Alert, AlertTitle } from '@material-ui/lab';
import useAsync from 'react-use/esm/useAsync';
import { homelabApiRef } from '../../api';
import { Breakable } from '../common/Breakable';
import { DemoChip } from '../common/DemoChip';

const TYPE_TITLE: Record<string, string> = Object.fromEntries(
  Object.entries(SECRET_POLICIES).map(([type, p]) => [type, p.title]),
);

/** "Automatic (90 d)" with its number and unit on one line. */
const keepUnits = (text: string) => text.replace(/(\d) (h|d)\b/g, '$1\u00a0$2');

/** A secret's age: whole days, or hours and minutes under a day. */
export function formatAge(
  lastRotated: string | undefined,
  now: number,
): string {
  const at = lastRotated ? Date.parse(lastRotated) : Number.NaN;
  if (Number.isNaN(at)) return 'unknown';
  const minutes = Math.max(0, Math.floor((now - at) / 60_000));
  if (minutes < 60) return `${minutes} min ago`;
  if (minutes < 24 * 60) return `${Math.floor(minutes / 60)} h ago`;
  return `${Math.floor(minutes / (24 * 60))} d ago`;
}

/** What to do about a finding. */
export function secretTodo(secret: SecretRow): string {
  if (secret.type === 'unknown') {
    return `Set custom_metadata.type on ${
      secret.path
    } to api-key, db-password, tls-cert or ssh-key, or add a policy for "${
      secret.declaredType ?? 'its type'
    }" to the seed's table.`;
  }
  if (secret.type === 'ssh-key') {
    return 'Sign a certificate per session with Vault SSH instead, then delete the stored key.';
  }
  if (secret.type === 'db-password') {
    return "Check Vault's database engine: its leases should renew every hour.";
  }
  if (secret.type === 'tls-cert') {
    return "Check the service's cert-manager Certificate: it should renew from Vault PKI before 90 days.";
  }
  return `Rotate it: write a new version of ${secret.path} and restart what reads it.`;
}

type Row = SecretRow & { id: string };

function columns(now: number): TableColumn<Row>[] {
  return [
    {
      title: 'Service',
      field: 'service',
      render: row =>
        row.service ? (
          <EntityRefLink
            entityRef={{
              kind: 'component',
              namespace: 'default',
              name: row.service,
            }}
          />
        ) : (
          <Typography variant="body2" color="textSecondary">
            none (no custom_metadata.service)
          </Typography>
        ),
    },
    {
      title: 'Secret',
      field: 'path',
      render: row => (
        <>
          <Typography variant="body2">
            <Breakable text={row.path} />
          </Typography>
          <Typography
            variant="caption"
            color={row.type === 'unknown' ? 'error' : 'textSecondary'}
          >
            {row.type === 'unknown'
              ? `${row.declaredType ?? 'no type'} (no policy)`
              : TYPE_TITLE[row.type]}
            {row.version !== undefined ? ` · version\u00a0${row.version}` : ''}
          </Typography>
        </>
      ),
    },
    {
      title: 'Last rotation',
      render: row => (
        <>
          <Typography variant="body2">
            {row.lastRotated ? row.lastRotated.slice(0, 10) : 'unknown'}
          </Typography>
          <Typography variant="caption" color="textSecondary">
            {formatAge(row.lastRotated, now)}
          </Typography>
        </>
      ),
    },
    {
      title: 'Policy',
      render: row => (
        <>
          <Typography variant="body2">
            {row.type === 'unknown'
              ? 'none'
              : `${keepUnits(row.rotation)}${
                  row.storage ? `, ${row.storage}` : ''
                }`}
          </Typography>
          {row.overdue && (
            <Chip size="small" color="secondary" label="Overdue" />
          )}
          {!row.overdue && row.type === 'unknown' && (
            <Chip size="small" color="secondary" label="No policy" />
          )}
          {!row.overdue && row.type !== 'unknown' && (
            <Typography variant="caption" color="textSecondary">
              Within policy
            </Typography>
          )}
        </>
      ),
    },
  ];
}

function SecretsContent({ report }: { report: SecretsReport }) {
  const now = Date.parse(report.at) || Date.now();
  const findings = report.secrets.filter(
    s => s.overdue || s.type === 'unknown',
  );
  const rows: Row[] = report.secrets.map(s => ({ ...s, id: s.path }));
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
            why="No homelab.vault is configured: these are the seed homelab's secrets, answered as Vault's metadata."
          />
          <Typography variant="body2" color="textSecondary">
            Vault metadata only (never a value), from the KV mount
            {report.mounts.length === 1 ? '' : 's'}{' '}
            {report.mounts.join(', ') || 'none'}, read{' '}
            {new Date(now).toLocaleString('en-GB')}.
          </Typography>
        </Box>
      </Grid>
      <Grid item xs={12}>
        {findings.length === 0 ? (
          <Alert severity="success">
            Every secret is within its type's rotation policy.
          </Alert>
        ) : (
          <Alert severity="warning" data-testid="secrets-findings">
            <AlertTitle>
              {report.overdue} overdue
              {report.noPolicy ? `, ${report.noPolicy} with no policy` : ''}
            </AlertTitle>
            {findings.map(s => (
              <Box key={s.path} mb={1}>
                <Typography variant="body2">
                  <strong>{s.path}</strong>
                  {s.service ? ` (${s.service})` : ''}: {s.reason}
                </Typography>
                <Typography variant="body2" color="textSecondary">
                  {secretTodo(s)}
                </Typography>
              </Box>
            ))}
          </Alert>
        )}
      </Grid>
      <Grid item xs={12}>
        {rows.length === 0 ? (
          <EmptyState
            missing="data"
            title="No secrets in Vault's metadata"
            description={`Write each service's secrets under ${
              report.mounts[0] ?? 'secret'
            }/homelab/<service>/ in a KV v2 mount, with custom_metadata type (api-key, db-password, tls-cert or ssh-key) and service (its catalog name).`}
          />
        ) : (
          <Table<Row>
            title={`Secrets (${rows.length})`}
            subtitle="Per service: path, type, version, last rotation and the seed's policy for its type"
            options={{ paging: false, search: true, padding: 'dense' }}
            columns={columns(now)}
            data={rows}
          />
        )}
      </Grid>
      <Grid item xs={12}>
        <Table
          title="Rotation policy"
          subtitle="The seed's secret-management table"
          options={{
            paging: false,
            search: false,
            toolbar: true,
            padding: 'dense',
          }}
          columns={[
            { title: 'Secret type', field: 'title' },
            { title: 'Storage', field: 'storage' },
            { title: 'Rotation', field: 'rotation' },
            { title: 'Access', field: 'access' },
          ]}
          data={Object.entries(SECRET_POLICIES).map(([type, p]) => ({
            id: type,
            ...p,
          }))}
        />
      </Grid>
    </Grid>
  );
}

/** The secrets inventory: per service, from Vault's metadata, with rotation findings. */
export function SecretsPage() {
  const api = useApi(homelabApiRef);
  const { value, loading, error } = useAsync(() => api.getSecrets(), [api]);
  let content;
  if (loading) content = <Progress />;
  else if (error) content = <ResponseErrorPanel error={error} />;
  else if (value) content = <SecretsContent report={value} />;
  return (
    <Page themeId="tool">
      <Header
        title="Secrets"
        subtitle="Which secrets each service has in Vault, and whether they rotate as the policy says"
      />
      <Content>{content}</Content>
    </Page>
  );
}
