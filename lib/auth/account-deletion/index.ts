// The owner deletes her account (ADR 046). Server only.
export { DELETE_CONFIRMATION_MISMATCH, deleteAccount } from './delete.ts';
export type { AccountDeletion } from './delete.ts';
