import { useCallback, useEffect, useRef, useState } from 'react';
import { parseEntityRef } from '@backstage/catalog-model';
import { useRouteRef } from '@backstage/core-plugin-api';
import { entityRouteRef } from '@backstage/plugin-catalog-react';
import { Box, IconButton, Tooltip, Typography } from '@material-ui/core';
import { makeStyles, useTheme } from '@material-ui/core/styles';
import ZoomInIcon from '@material-ui/icons/ZoomIn';
import ZoomOutIcon from '@material-ui/icons/ZoomOut';
import FullscreenIcon from '@material-ui/icons/ZoomOutMap';
import { useNavigate } from 'react-router-dom';
import { CardBox, NetworkLayout, Point } from '../../topology/layoutNetwork';

/** One colour per VLAN column, distinguishable on light and dark themes. */
export const VLAN_COLORS = [
  '#7b61ff',
  '#1e88e5',
  '#2e7d32',
  '#ef6c00',
  '#00897b',
  '#c2185b',
  '#6d4c41',
  '#546e7a',
];
const colorOf = (index: number) =>
  index < 0 ? '#78909c' : VLAN_COLORS[index % VLAN_COLORS.length];

const useStyles = makeStyles(theme => ({
  frame: {
    position: 'relative',
    border: `1px solid ${theme.palette.divider}`,
    borderRadius: theme.shape.borderRadius,
    overflow: 'hidden',
    background: theme.palette.background.default,
    touchAction: 'none',
    cursor: 'grab',
  },
  controls: {
    background: theme.palette.background.paper,
    borderRadius: theme.shape.borderRadius,
    boxShadow: theme.shadows[2],
  },
  svg: {
    display: 'block',
    fontFamily: theme.typography.fontFamily,
    userSelect: 'none',
  },
  title: { fontSize: 14, fontWeight: 600, fill: theme.palette.text.primary },
  text: { fontSize: 13, fill: theme.palette.text.primary },
  muted: { fontSize: 13, fill: theme.palette.text.secondary },
  link: {
    cursor: 'pointer',
    outline: 'none',
    '&:hover rect, &:focus rect': {
      stroke: theme.palette.primary.main,
      strokeWidth: 2,
    },
  },
  card: {
    fill: theme.palette.background.paper,
    stroke: theme.palette.text.secondary,
  },
  switchBox: {
    fill: theme.palette.background.paper,
    stroke: theme.palette.text.primary,
    strokeWidth: 1.5,
  },
  flow: {
    fill: 'none',
    stroke: theme.palette.text.primary,
    strokeWidth: 1.75,
  },
  flowLabel: {
    fill: theme.palette.background.paper,
    stroke: theme.palette.text.primary,
  },
  cable: { stroke: theme.palette.text.secondary, strokeWidth: 2 },
}));

/** Rows of text from (x, y), 17 px apart: a title row, then the others. */
function TextRows({
  x,
  y,
  rows,
  anchor,
}: {
  x: number;
  y: number;
  rows: Array<{ text: string; className: string }>;
  anchor?: 'middle' | 'end';
}) {
  return (
    <>
      {rows.map((row, i) => (
        <text
          key={i}
          x={x}
          y={y + 17 * i}
          textAnchor={anchor}
          className={row.className}
        >
          {row.text}
        </text>
      ))}
    </>
  );
}

/** A title row (or several) in one style, then lines in another. */
const titled = (
  titles: string[],
  titleClassName: string,
  lines: string[],
  className: string,
) => [
  ...titles.map(text => ({ text, className: titleClassName })),
  ...lines.map(text => ({ text, className })),
];

const path = (points: Point[]) =>
  points.map(([x, y], i) => `${i === 0 ? 'M' : 'L'}${x},${y}`).join(' ');

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
  const frame = useRef<HTMLDivElement>(null);
  const [frameWidth, setFrameWidth] = useState(0);
  useEffect(() => {
    const element = frame.current;
    if (!element) return undefined;
    const measure = () => setFrameWidth(element.clientWidth);
    measure();
    const observer =
      typeof ResizeObserver === 'undefined'
        ? undefined
        : new ResizeObserver(measure);
    observer?.observe(element);
    return () => observer?.disconnect();
  }, []);

  // The whole diagram fits the frame's width when the page opens (never
  // blown up past 125 %); zoom in and drag from there.
  const width = frameWidth || layout.width;
  const fit = Math.min(1.25, width / layout.width);
  const [view, setView] = useState<{ k: number; x: number; y: number }>();
  const current = view ?? { k: fit, x: 0, y: 0 };
  const height = Math.ceil(layout.height * fit);
  const zoom = useCallback(
    (factor: number, cx = width / 2, cy = height / 2) =>
      setView(v => {
        const from = v ?? { k: fit, x: 0, y: 0 };
        const k = Math.min(3, Math.max(0.3, from.k * factor));
        return {
          k,
          x: cx - ((cx - from.x) * k) / from.k,
          y: cy - ((cy - from.y) * k) / from.k,
        };
      }),
    [fit, width, height],
  );

  const drag = useRef<{ x: number; y: number; moved: boolean }>();
  const onPointerDown = (e: React.PointerEvent) => {
    drag.current = { x: e.clientX, y: e.clientY, moved: false };
  };
  const onPointerMove = (e: React.PointerEvent) => {
    const d = drag.current;
    if (!d || e.buttons === 0) return;
    const dx = e.clientX - d.x;
    const dy = e.clientY - d.y;
    if (!d.moved && Math.abs(dx) + Math.abs(dy) < 4) return;
    d.moved = true;
    d.x = e.clientX;
    d.y = e.clientY;
    setView(v => {
      const from = v ?? { k: fit, x: 0, y: 0 };
      return { ...from, x: from.x + dx, y: from.y + dy };
    });
  };
  const onWheel = (e: React.WheelEvent) => {
    if (!e.ctrlKey && !e.metaKey) return;
    const rect = frame.current!.getBoundingClientRect();
    zoom(
      e.deltaY < 0 ? 1.1 : 1 / 1.1,
      e.clientX - rect.left,
      e.clientY - rect.top,
    );
  };

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

/** The key to the diagram, in words. */
export function NetworkLegend({ layout }: { layout: NetworkLayout }) {
  const theme = useTheme();
  const swatch = (children: React.ReactNode) => (
    <svg width={40} height={20} aria-hidden style={{ flex: 'none' }}>
      {children}
    </svg>
  );
  const box = (fill: string, stroke?: string) =>
    swatch(
      <rect
        x={2}
        y={2}
        width={36}
        height={16}
        rx={4}
        fill={fill}
        stroke={stroke}
      />,
    );
  const vlans = layout.regions.filter(r => r.entityRef);
  const item = (key: string, icon: React.ReactNode, text: string) => (
    <Box key={key} display="flex" alignItems="center" mr={3} mb={1}>
      {icon}
      <Typography variant="body2" style={{ marginLeft: 8 }}>
        {text}
      </Typography>
    </Box>
  );
  return (
    <Box data-testid="network-legend" mt={2}>
      <Typography variant="h6" component="h2">
        Legend
      </Typography>
      <Box display="flex" flexWrap="wrap" mt={1}>
        {item(
          'flow',
          swatch(
            <>
              <line
                x1={2}
                y1={10}
                x2={30}
                y2={10}
                stroke={theme.palette.text.primary}
                strokeWidth={2}
              />
              <path
                d="M30,5 L38,10 L30,15 z"
                fill={theme.palette.text.primary}
              />
            </>,
          ),
          'Allowed flow, from the VLAN where traffic starts; its label is the protocol and ports (first matching firewall rule wins, the rest is denied)',
        )}
        {item(
          'cable',
          swatch(
            <>
              <line
                x1={2}
                y1={10}
                x2={26}
                y2={10}
                stroke={theme.palette.text.secondary}
                strokeWidth={2}
              />
              <rect x={26} y={3} width={12} height={14} fill={colorOf(0)} />
            </>,
          ),
          'Cable to a switch port, coloured by the VLAN it carries; a striped port is a trunk carrying several',
        )}
        {item(
          'card',
          box(theme.palette.background.paper, theme.palette.text.secondary),
          "A device's interface in its VLAN: name, speed, address; click to open the device",
        )}
      </Box>
      <Box display="flex" flexWrap="wrap">
        {vlans.map(r => item(r.id, box(colorOf(r.color)), r.title))}
      </Box>
      {layout.shadowed.length > 0 && (
        <Box mt={1} data-testid="network-shadowed">
          <Typography variant="body2">
            Allow rules not drawn, because an earlier rule matches all their
            traffic first:
          </Typography>
          <ul>
            {layout.shadowed.map(s => (
              <li key={s.text}>
                <Typography variant="body2">{s.text}</Typography>
              </li>
            ))}
          </ul>
        </Box>
      )}
    </Box>
  );
}
