/*
 * The pages of bench:pages (which bench:footprint's load replays), and the
 * baseline: the service page with our cards turned off by config.
 */
import type { PageDef } from './browser';

/** Our entity cards (extension ids), off in the baseline. */
export const OUR_CARDS = [
  'entity-card:energy/energy',
  'entity-card:alerts/alerts',
  'entity-card:backups/backups',
  'entity-card:backups/recovery',
  'entity-card:cybernetics/decisions',
];

const SERVICE = '/catalog/default/component/jellyfin';
// Our cards' texts on the service page, with the seed in production (no
// upstreams here: Energy and Alerts show their error, Backups and Recovery
// what they could not read, Decisions none open).
const OUR_CARD_TEXTS = [
  'Recovery readiness',
  'Last Restore Drill',
  'No open decisions',
];
export const PAGES: PageDef[] = [
  {
    name: 'home',
    path: '/',
    expect: ['Homelab at a glance', 'Your Starred Entities'],
  },
  {
    name: 'catalog',
    path: '/catalog',
    expect: ['Homelab Catalog', 'Alertmanager'],
  },
  {
    name: 'service',
    path: SERVICE,
    expect: ['ArgoCD overview', 'Relations', ...OUR_CARD_TEXTS],
  },
  {
    name: 'node',
    path: '/catalog/default/resource/sff-1',
    expect: ['Relations', 'Network interfaces'],
  },
  { name: 'energy', path: '/energy', expect: ['What the homelab draws'] },
  {
    name: 'alerts',
    path: '/alerts',
    expect: ['What is firing in the homelab'],
  },
  { name: 'backups', path: '/backups', expect: ['Is every service protected'] },
  {
    name: 'decisions',
    path: '/cybernetics',
    expect: ['The homelab senses, analyses'],
  },
  {
    name: 'network',
    path: '/homelab/topology',
    expect: ['VLANs and their devices'],
  },
  {
    name: 'capacity',
    path: '/homelab/capacity',
    expect: ["The catalog's model"],
  },
  {
    name: 'requests',
    path: '/kratix/requests',
    expect: ['Where is my database?'],
  },
];
export const BASELINE: PageDef = {
  name: 'service, our cards off',
  path: SERVICE,
  expect: ['ArgoCD overview', 'Relations'],
  absent: [...OUR_CARD_TEXTS, 'Request failed'],
};
