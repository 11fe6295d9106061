/*
 * Relations the homelab model adds, each with its reverse. The standard ones
 * (dependsOn, partOf, ownedBy) are used wherever they fit; these exist only
 * where none does.
 */

/** A service runs on a node or cluster. Reverse: {@link RELATION_HOSTS}. @public */
export const RELATION_RUNS_ON = 'runsOn';
/** A node or cluster hosts a service. Reverse of {@link RELATION_RUNS_ON}. @public */
export const RELATION_HOSTS = 'hosts';

/** A device has an interface on a VLAN. Reverse: {@link RELATION_HAS_ATTACHED}. @public */
export const RELATION_ATTACHED_TO = 'attachedTo';
/** A VLAN has a device attached. Reverse of {@link RELATION_ATTACHED_TO}. @public */
export const RELATION_HAS_ATTACHED = 'hasAttached';

/** A VLAN's firewall allows traffic to another VLAN. Reverse: {@link RELATION_REACHABLE_FROM}. @public */
export const RELATION_CAN_REACH = 'canReach';
/** Reverse of {@link RELATION_CAN_REACH}. @public */
export const RELATION_REACHABLE_FROM = 'reachableFrom';

/** A resource or service keeps its data on a storage tier. Reverse: {@link RELATION_STORES}. @public */
export const RELATION_STORED_ON = 'storedOn';
/** Reverse of {@link RELATION_STORED_ON}. @public */
export const RELATION_STORES = 'stores';
