import { Point } from '../../topology/layoutNetwork';

/** Rows of text from (x, y), 17 px apart: a title row, then the others. */
export function TextRows({
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
export const titled = (
  titles: string[],
  titleClassName: string,
  lines: string[],
  className: string,
) => [
  ...titles.map(text => ({ text, className: titleClassName })),
  ...lines.map(text => ({ text, className })),
];

export const path = (points: Point[]) =>
  points.map(([x, y], i) => `${i === 0 ? 'M' : 'L'}${x},${y}`).join(' ');
