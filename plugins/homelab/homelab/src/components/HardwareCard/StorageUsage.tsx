/* eslint-disable @backstage/no-mixed-plugin-imports -- the NAS's capacity is read through the energy plugin's API ref (its backend holds the Prometheus reader and the demo source), rather than a second client */
import { Progress, ResponseErrorPanel } from '@backstage/core-components';
import { useApiHolder } from '@backstage/core-plugin-api';
import { Entity, stringifyEntityRef } from '@backstage/catalog-model';
import { EnergyApi, energyApiRef } from '@homelab-portal/plugin-energy';
import { HOMELAB_ANNOTATION_PREFIX } from '@homelab-portal/plugin-homelab-common';
import {
  Box,
  Chip,
  LinearProgress,
  Tooltip,
  Typography,
  makeStyles,
} from '@material-ui/core';
import useAsync from 'react-use/esm/useAsync';

/** The energy plugin's annotation for a device's node_filesystem_* series. */
const ANNOTATION_FILESYSTEM_LABELS = `${HOMELAB_ANNOTATION_PREFIX}/filesystem-labels`;

type FilesystemUsage = Awaited<
  ReturnType<EnergyApi['getStorage']>
>['filesystems'][number];

const useStyles = makeStyles(theme => ({
  row: { marginTop: theme.spacing(1) },
  figure: { whiteSpace: 'nowrap' },
  bar: { height: 8, borderRadius: 4, marginTop: theme.spacing(0.5) },
  full: { backgroundColor: theme.palette.error.main },
}));

/** Bytes in decimal units, as disks are sold and as the hardware card lists them. */
export function formatBytes(bytes: number): string {
  const units = ['B', 'kB', 'MB', 'GB', 'TB', 'PB'];
  let value = bytes;
  let unit = 0;
  while (value >= 1000 && unit < units.length - 1) {
    value /= 1000;
    unit += 1;
  }
  const digits = value >= 100 || unit === 0 ? 0 : 1;
  return `${value.toFixed(digits)} ${units[unit]}`;
}

function formatTime(iso: string): string {
  return new Date(iso).toLocaleString('en-GB', {
    day: 'numeric',
    month: 'short',
    hour: '2-digit',
    minute: '2-digit',
  });
}

const Filesystem = ({ fs }: { fs: FilesystemUsage }) => {
  const classes = useStyles();
  const percent = (fs.usedBytes / fs.sizeBytes) * 100;
  return (
    <div className={classes.row} data-testid="storage-filesystem">
      <Typography variant="body2">
        <strong>{fs.mountpoint}</strong>
        {fs.fstype ? ` (${fs.fstype})` : ''}:{' '}
        <span className={classes.figure}>
          {formatBytes(fs.usedBytes)} used of {formatBytes(fs.sizeBytes)}
        </span>{' '}
        <span className={classes.figure}>({percent.toFixed(0)}% full,</span>{' '}
        <span className={classes.figure}>
          {formatBytes(fs.availBytes)} free)
        </span>
      </Typography>
      <LinearProgress
        variant="determinate"
        value={Math.min(100, percent)}
        className={classes.bar}
        classes={percent >= 90 ? { bar: classes.full } : undefined}
        aria-label={`${fs.mountpoint}: ${percent.toFixed(0)}% full`}
      />
    </div>
  );
};

/**
 * A device's used and total capacity, read from Prometheus
 * (node_filesystem_*) through the energy backend, or its labelled demo
 * source; where nothing is configured, what to configure.
 */
export const StorageUsage = ({ entity }: { entity: Entity }) => {
  const energyApi = useApiHolder().get(energyApiRef);
  const ref = stringifyEntityRef(entity);
  const configured = Boolean(
    entity.metadata.annotations?.[ANNOTATION_FILESYSTEM_LABELS],
  );
  const { value, loading, error } = useAsync(
    async () =>
      configured && energyApi ? energyApi.getStorage(ref) : undefined,
    [energyApi, ref, configured],
  );

  let body;
  if (!configured) {
    body = (
      <Typography variant="body2" color="textSecondary">
        No usage figure: give this device a {ANNOTATION_FILESYSTEM_LABELS}{' '}
        annotation (the labels of its node_exporter’s series, such as node=nas)
        and configure energy.prometheus.
      </Typography>
    );
  } else if (!energyApi) {
    body = (
      <Typography variant="body2" color="textSecondary">
        No usage figure: the energy plugin, which reads it, is not installed.
      </Typography>
    );
  } else if (loading) {
    body = <Progress />;
  } else if (error) {
    body = <ResponseErrorPanel error={error} title="Usage not read" />;
  } else if (value && value.filesystems.length === 0) {
    body = (
      <Typography variant="body2" color="textSecondary">
        No filesystem series match{' '}
        {Object.entries(value.labels ?? {})
          .map(([k, v]) => `${k}=${v}`)
          .join(', ')}{' '}
        at {formatTime(value.at)}: check the device’s node_exporter and its{' '}
        {ANNOTATION_FILESYSTEM_LABELS} annotation.
      </Typography>
    );
  } else if (value) {
    body = (
      <>
        {value.filesystems.map(fs => (
          <Filesystem key={`${fs.device}:${fs.mountpoint}`} fs={fs} />
        ))}
        <Typography
          variant="caption"
          color="textSecondary"
          component="p"
          data-testid="storage-read-at"
        >
          Read at {formatTime(value.at)}, from{' '}
          {value.source === 'demo'
            ? 'the demo source'
            : 'Prometheus (node_filesystem_*)'}
          . 1 TB = 10¹² bytes.
        </Typography>
        {value.warnings.map(warning => (
          <Typography key={warning} variant="caption" component="p">
            ⚠ {warning}
          </Typography>
        ))}
      </>
    );
  }

  return (
    <Box mt={2} data-testid="storage-usage">
      <Typography variant="subtitle2">
        Storage used{' '}
        {value?.source === 'demo' && (
          <Tooltip title="No Prometheus is configured (energy.prometheus): these figures are a simulation of the seed homelab.">
            <Chip size="small" variant="outlined" label="Demo data" />
          </Tooltip>
        )}
      </Typography>
      {body}
    </Box>
  );
};
