/**
 * Cybernetic decisions: shared types and permissions.
 *
 * @packageDocumentation
 */
export * from './types';
export * from './permissions';
export * from './executable';
export * from './client';
