import { parseEntityRef } from '@backstage/catalog-model';
import { useRouteRef } from '@backstage/core-plugin-api';
import { entityRouteRef } from '@backstage/plugin-catalog-react';
import { Box, IconButton, Tooltip, Typography } from '@material-ui/core';
import { useTheme } from '@material-ui/core/styles';
import ZoomInIcon from '@material-ui/icons/ZoomIn';
import ZoomOutIcon from '@material-ui/icons/ZoomOut';
import FullscreenIcon from '@material-ui/icons/ZoomOutMap';
import { useNavigate } from 'react-router-dom';
import { CardBox, NetworkLayout } from '../../topology/layoutNetwork';
import { useStyles } from './diagramStyles';
import { TextRows, path, titled } from './svgText';
import { usePanZoom } from './usePanZoom';
import { colorOf } from './vlanColors';

export { NetworkLegend } from './NetworkLegend';
export { VLAN_COLORS } from './vlanColors';

/**
 * The network diagram: VLAN regions with their devices, the switch with its
 * ports and cables, and the allowed flows with their labels. Drag to pan,
 * the buttons (or Ctrl + wheel) to zoom; a box opens its entity.
 */
export function NetworkDiagram({ layout }: { layout: NetworkLayout }) {
  const classes = useStyles();
  const theme = useTheme();
  const navigate = useNavigate();
  const entityRoute = useRouteRef(entityRouteRef);
  const {
    frame,
    height,
    current,
    zoom,
    setView,
    drag,
    onPointerDown,
    onPointerMove,
    onWheel,
  } = usePanZoom(layout);

  const open = (entityRef?: string) =>
    entityRef
      ? {
          className: classes.link,
          role: 'link',
          tabIndex: 0,
          onClick: () => {
            if (drag.current?.moved) return;
            navigate(entityRoute(parseEntityRef(entityRef)));
          },
          onKeyDown: (e: React.KeyboardEvent) => {
            if (e.key === 'Enter') {
              navigate(entityRoute(parseEntityRef(entityRef)));
            }
          },
        }
      : {};

  const card = (c: CardBox) => (
    <g
      key={c.id}
      data-testid={`network-card-${c.id}`}
      aria-label={
        c.entityRef ? `${c.title}, ${c.lines.join(', ')}` : c.lines.join(' ')
      }
      {...open(c.entityRef)}
    >
      <rect
        x={c.x}
        y={c.y}
        width={c.w}
        height={c.h}
        rx={6}
        className={classes.card}
        strokeDasharray={c.entityRef ? undefined : '4 3'}
      />
      <TextRows
        x={c.x + 10}
        y={c.y + 19}
        rows={titled(
          [c.title],
          c.entityRef ? classes.title : classes.muted,
          c.lines,
          c.entityRef ? classes.text : classes.muted,
        )}
      />
    </g>
  );

  return (
    <>
      <Box display="flex" justifyContent="flex-end" alignItems="center" mb={1}>
        <Typography
          variant="body2"
          color="textSecondary"
          style={{ marginRight: 8 }}
        >
          Drag to move; zoom with the buttons or Ctrl + wheel
        </Typography>
        <Box className={classes.controls}>
          <Tooltip title="Zoom in">
            <IconButton
              size="small"
              aria-label="Zoom in"
              onClick={() => zoom(1.2)}
            >
              <ZoomInIcon />
            </IconButton>
          </Tooltip>
          <Tooltip title="Zoom out">
            <IconButton
              size="small"
              aria-label="Zoom out"
              onClick={() => zoom(1 / 1.2)}
            >
              <ZoomOutIcon />
            </IconButton>
          </Tooltip>
          <Tooltip title="Fit to the window">
            <IconButton
              size="small"
              aria-label="Fit to the window"
              onClick={() => setView(undefined)}
            >
              <FullscreenIcon />
            </IconButton>
          </Tooltip>
        </Box>
      </Box>
      <div
        ref={frame}
        className={classes.frame}
        style={{ height }}
        onPointerDown={onPointerDown}
        onPointerMove={onPointerMove}
        onWheel={onWheel}
        data-testid="network-diagram"
      >
        <svg
          className={classes.svg}
          width="100%"
          height={height}
          role="img"
          aria-label="Network diagram"
        >
          <defs>
            <marker
              id="network-arrow"
              viewBox="0 0 10 10"
              refX="9"
              refY="5"
              markerWidth="7"
              markerHeight="7"
              orient="auto-start-reverse"
            >
              <path d="M0,0 L10,5 L0,10 z" fill={theme.palette.text.primary} />
            </marker>
          </defs>
          <g
            transform={`translate(${current.x},${current.y}) scale(${current.k})`}
          >
            {layout.regions.map(r => (
              <g key={r.id} data-testid={`network-region-${r.id}`}>
                <rect
                  x={r.x}
                  y={r.y}
                  width={r.w}
                  height={r.h}
                  rx={8}
                  fill={colorOf(r.color)}
                  fillOpacity={0.08}
                  stroke={colorOf(r.color)}
                  strokeWidth={1.5}
                />
                <rect
                  x={r.x}
                  y={r.y}
                  width={r.w}
                  height={6}
                  fill={colorOf(r.color)}
                />
                <g
                  {...open(r.entityRef)}
                  aria-label={r.title}
                  data-testid={`network-region-title-${r.id}`}
                >
                  <rect
                    x={r.x + 4}
                    y={r.y + 10}
                    width={r.w - 8}
                    height={76}
                    rx={4}
                    fill="transparent"
                    stroke="none"
                  />
                  <TextRows
                    x={r.x + 10}
                    y={r.y + 28}
                    rows={titled(
                      r.title.split(' · '),
                      classes.title,
                      r.lines,
                      classes.muted,
                    )}
                  />
                </g>
                {r.empty && (
                  <TextRows
                    x={r.x + r.w / 2}
                    y={r.y + 120}
                    anchor="middle"
                    rows={titled([], '', r.empty.split('|'), classes.muted)}
                  />
                )}
              </g>
            ))}

            {layout.switches.map(s => (
              <g
                key={s.entityRef}
                data-testid={`network-switch-${s.entityRef}`}
              >
                <g {...open(s.entityRef)} aria-label={s.title}>
                  <rect
                    x={s.x}
                    y={s.y}
                    width={s.w}
                    height={s.h}
                    rx={8}
                    className={classes.switchBox}
                  />
                  <TextRows
                    x={s.x + 12}
                    y={s.y + 24}
                    rows={titled(
                      [s.title],
                      classes.title,
                      s.lines,
                      classes.muted,
                    )}
                  />
                </g>
                {s.ports.map(p => (
                  <g
                    key={p.id}
                    data-testid={`network-port-${p.name}`}
                    aria-label={`port ${p.name}`}
                  >
                    <TextRows
                      x={p.x - 8}
                      y={p.y + 5}
                      anchor="end"
                      rows={titled(
                        [p.name],
                        classes.text,
                        [p.detail],
                        classes.muted,
                      )}
                    />
                    <rect
                      x={p.x}
                      y={p.y}
                      width={p.w}
                      height={p.h}
                      rx={2}
                      fill={
                        p.trunk
                          ? theme.palette.background.paper
                          : colorOf(p.colors[0] ?? -1)
                      }
                      stroke={theme.palette.text.primary}
                    />
                    {p.trunk &&
                      p.colors.map((c, i) => (
                        <rect
                          key={c}
                          x={p.x + 1}
                          y={p.y + 1 + (i * (p.h - 2)) / p.colors.length}
                          width={p.w - 2}
                          height={(p.h - 2) / p.colors.length}
                          fill={colorOf(c)}
                        />
                      ))}
                  </g>
                ))}
              </g>
            ))}

            {layout.cables.map(c => (
              <g key={c.id}>
                <path d={path(c.points)} className={classes.cable} />
                {c.taps.map(t => (
                  <circle
                    key={t.color}
                    cx={t.at[0]}
                    cy={t.at[1]}
                    r={5}
                    fill={colorOf(t.color)}
                    stroke={theme.palette.background.paper}
                  />
                ))}
              </g>
            ))}

            {layout.cards.map(card)}

            {layout.flows.map(f => (
              <g key={f.id} data-testid="network-flow">
                <path
                  d={path(f.points)}
                  className={classes.flow}
                  markerEnd="url(#network-arrow)"
                />
                <rect
                  x={f.labelBox.x}
                  y={f.labelBox.y}
                  width={f.labelBox.w}
                  height={f.labelBox.h}
                  rx={11}
                  className={classes.flowLabel}
                />
                <text
                  x={f.labelBox.x + f.labelBox.w / 2}
                  y={f.labelBox.y + 16}
                  textAnchor="middle"
                  className={classes.text}
                >
                  {f.label}
                </text>
              </g>
            ))}
          </g>
        </svg>
      </div>
    </>
  );
}
