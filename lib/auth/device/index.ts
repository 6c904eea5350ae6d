// Device proofs (ADR 031): a signed cookie that makes a browser where the owner
// signed in a "known device" for the throttle. Server only.
export { DEVICE_PROOF_COOKIE_NAME, isKnownDeviceOf, issueDeviceProof, readDeviceProof } from './device-proof.ts';
export { createDeviceProofSealer, isProofOf } from './device-proof-seal.ts';
export type { DeviceProof } from './device-proof-seal.ts';
