import { useCallback, useEffect, useRef, useState } from 'react';
import { NetworkLayout } from '../../topology/layoutNetwork';

/**
 * Pan and zoom for the network diagram: the frame's width (measured, and
 * again when it resizes), the view that fits the diagram in it, and the
 * handlers that drag the view and zoom it (buttons, or Ctrl + wheel at the
 * pointer). `drag.current.moved` tells a click from the end of a drag.
 */
export function usePanZoom(layout: NetworkLayout) {
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

  return {
    frame,
    height,
    current,
    zoom,
    setView,
    drag,
    onPointerDown,
    onPointerMove,
    onWheel,
  };
}
