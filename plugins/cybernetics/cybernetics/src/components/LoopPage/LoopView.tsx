import {
  DependencyGraph,
  DependencyGraphTypes,
  InfoCard,
  Progress,
  ResponseErrorPanel,
} from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import { LoopStatus } from '@homelab-portal/plugin-cybernetics-common';
import { Box, Theme, Typography, useMediaQuery } from '@material-ui/core';
import { makeStyles } from '@material-ui/core/styles';
import { useEffect } from 'react';
import useAsyncRetry from 'react-use/esm/useAsyncRetry';
import { cyberneticsApiRef } from '../../api';
import { DemoChip } from '../DecisionView';

type Stage = { id: string; title: string; lines: string[] };

const useStyles = makeStyles(theme => ({
  box: {
    fill: theme.palette.background.paper,
    stroke: theme.palette.primary.main,
    strokeWidth: 2,
  },
  title: { fill: theme.palette.text.primary, fontWeight: 'bold', fontSize: 16 },
  line: { fill: theme.palette.text.secondary, fontSize: 13 },
}));

const WIDTH = 200;

const StageBox = ({ node }: { node: Stage }) => {
  const classes = useStyles();
  const height = 36 + node.lines.length * 18;
  return (
    <g data-testid={`loop-stage-${node.id}`}>
      <rect className={classes.box} width={WIDTH} height={height} rx={10} />
      <text className={classes.title} x={WIDTH / 2} y={24} textAnchor="middle">
        {node.title}
      </text>
      {node.lines.map((line, i) => (
        <text
          key={line}
          className={classes.line}
          x={WIDTH / 2}
          y={46 + i * 18}
          textAnchor="middle"
        >
          {line}
        </text>
      ))}
    </g>
  );
};

/** The loop's stages with their live counts, as the decisions page's data says. */
export function stagesOf(status: LoopStatus): Stage[] {
  const d = status.decide;
  return [
    {
      id: 'sense',
      title: 'Sense',
      lines: Object.entries(status.sense).map(
        ([plugin, n]) => `${plugin}: ${n} signals`,
      ),
    },
    {
      id: 'analyse',
      title: 'Analyse',
      lines: [
        `${status.analyse.policies} policies`,
        `${status.analyse.findings} findings`,
      ],
    },
    {
      id: 'decide',
      title: 'Decide',
      lines: [`${d.proposed} proposed`, `${d.observed} observed`],
    },
    {
      id: 'act',
      title: 'Act',
      lines: [
        `${d.approved + d.executing} approved`,
        `${d.executed} carried out`,
      ],
    },
    {
      id: 'verify',
      title: 'Verify',
      lines: [`${d.verified} verified`, `${d.ineffective} ineffective`],
    },
  ];
}

/**
 * The stages as boxes that wrap, each followed by an arrow, for a narrow
 * window: there the drawn loop, scaled to fit, has 6 px text.
 */
const StageList = ({ stages }: { stages: Stage[] }) => (
  <Box
    display="flex"
    flexWrap="wrap"
    alignItems="center"
    style={{ gap: 8 }}
    role="list"
    aria-label="The loop's stages"
  >
    {stages.map((stage, i) => (
      <Box key={stage.id} display="flex" alignItems="center" style={{ gap: 8 }}>
        <Box
          role="listitem"
          data-testid={`loop-stage-${stage.id}`}
          border={2}
          borderColor="primary.main"
          borderRadius={10}
          px={2}
          py={1}
          textAlign="center"
        >
          <Typography variant="subtitle2">{stage.title}</Typography>
          {stage.lines.map(line => (
            <Typography key={line} variant="body2" color="textSecondary">
              {line}
            </Typography>
          ))}
        </Box>
        <Typography aria-hidden color="textSecondary">
          {i < stages.length - 1 ? '→' : `↩ ${stages[0].title}`}
        </Typography>
      </Box>
    ))}
  </Box>
);

/**
 * Draws the loop (sense, analyse, decide, act, verify) with live counts: as a
 * graph on a wide window, as boxes that wrap on a narrow one.
 */
export const LoopView = () => {
  const api = useApi(cyberneticsApiRef);
  const wide = useMediaQuery((theme: Theme) => theme.breakpoints.up('lg'), {
    noSsr: true,
  });
  const { value, loading, error, retry } = useAsyncRetry(
    () => api.loopStatus(),
    [api],
  );
  useEffect(() => {
    const timer = setInterval(retry, 30_000);
    return () => clearInterval(timer);
  }, [retry]);
  if (error) return <ResponseErrorPanel error={error} />;
  if (loading && !value) return <Progress />;
  if (!value) return null;
  const stages = stagesOf(value);
  const edges = stages.map((s, i) => ({
    from: s.id,
    to: stages[(i + 1) % stages.length].id,
  }));
  return (
    <InfoCard
      title="The loop"
      subheader={
        <>
          {value.lastCycle
            ? `Last cycle ${new Date(value.lastCycle.at).toLocaleString()}, ${
                value.lastCycle.durationMs
              } ms`
            : 'No cycle yet'}
          <Box component="span" ml={1}>
            <DemoChip source={value.source} />
          </Box>
        </>
      }
    >
      {wide ? (
        <DependencyGraph<Stage, DependencyGraphTypes.DependencyEdge>
          nodes={stages}
          edges={edges}
          direction={DependencyGraphTypes.Direction.LEFT_RIGHT}
          renderNode={({ node }) => <StageBox node={node} />}
          nodeMargin={40}
          rankMargin={60}
          showArrowHeads
          fit="contain"
        />
      ) : (
        <StageList stages={stages} />
      )}
      {value.warnings.map(w => (
        <Typography key={w} variant="body2" color="error">
          {w}
        </Typography>
      ))}
    </InfoCard>
  );
};
