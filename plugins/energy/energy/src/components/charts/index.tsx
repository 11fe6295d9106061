import { ComponentProps, Suspense, lazy } from 'react';
import { Progress } from '@backstage/core-components';

// The charting library loads only when a chart is first drawn.
const LazyPowerChart = lazy(() => import('./PowerChart'));
const LazySparkline = lazy(() => import('./Sparkline'));
const LazyBarsChart = lazy(() => import('./BarsChart'));

export const PowerChart = (props: ComponentProps<typeof LazyPowerChart>) => (
  <Suspense fallback={<Progress />}>
    <LazyPowerChart {...props} />
  </Suspense>
);

export const Sparkline = (props: ComponentProps<typeof LazySparkline>) => (
  <Suspense fallback={<Progress />}>
    <LazySparkline {...props} />
  </Suspense>
);

export const BarsChart = (props: ComponentProps<typeof LazyBarsChart>) => (
  <Suspense fallback={<Progress />}>
    <LazyBarsChart {...props} />
  </Suspense>
);
