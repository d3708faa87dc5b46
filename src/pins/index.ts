export { createPinning, pinAuditEvent, type Pinning } from './pinning.js';
export { quarantineStage } from './stage.js';
export { acceptPending, acceptedEvent, PinError, type PinRegistry } from './registry.js';
export { diffDefinitions, pinOf, pinnedFields, SIGNATURE_META_KEY, type PinKind } from './definition.js';
export type { PinRecord, PinRepository } from './store.js';
