/**
 * Cybernetic decisions: sense, analyse, decide, act on approval, verify.
 *
 * @packageDocumentation
 */
export { cyberneticsPlugin as default } from './plugin';
export { evaluatePolicies } from './analyse/PolicyEngine';
export { DEFAULT_POLICIES } from './analyse/policies';
export type { Policy } from './analyse/policies';
export { ActionPlanner } from './decide/ActionPlanner';
