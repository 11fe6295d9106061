import { createApiRef } from '@backstage/core-plugin-api';
import {
  Decision,
  DecisionState,
  LoopStatus,
} from '@homelab-portal/plugin-cybernetics-common';

/** The cybernetics backend's API. @public */
export interface CyberneticsApi {
  listDecisions(filter?: {
    states?: DecisionState[];
    entityRef?: string;
  }): Promise<Decision[]>;
  getDecision(id: string): Promise<Decision>;
  approve(id: string, comment?: string): Promise<Decision>;
  reject(id: string, comment?: string): Promise<Decision>;
  /** Acknowledges a page: it stops escalating. */
  acknowledge(id: string, comment?: string): Promise<Decision>;
  loopStatus(): Promise<LoopStatus>;
}

/** @public */
export const cyberneticsApiRef = createApiRef<CyberneticsApi>({
  id: 'plugin.cybernetics.service',
});
