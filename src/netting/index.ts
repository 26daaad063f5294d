/**
 * `deltran/netting`: per-currency netting of interbank obligations, from gross to the provable optimum.
 *
 * - {@link net} runs one of five modes (gross, bilateral, multilateral, hub, conservative) and returns
 *   net positions, settlement instructions, figures and a digest;
 * - {@link verifyNetting} re-checks any result independently;
 * - {@link stronglyConnectedComponents} is the iterative Kosaraju the engine uses;
 * - {@link toGraph} exports obligations or results to graphology;
 * - {@link createNettingWindow} accumulates obligations until a window closes;
 * - {@link createObligationLinesReader} reads JSON Lines files of obligations straight into columns.
 *
 * Design, proofs and measured figures: docs/netting.md.
 * @packageDocumentation
 */
export type { InvalidObligationErrorOptions, NettingErrorCode } from './errors';
export {
  InvalidGraphError,
  InvalidNettingOptionsError,
  InvalidObligationError,
  InvalidWindowSnapshotError,
  NettingError,
  NettingErrorCodes,
  NettingWindowConflictError,
} from './errors';
export { net } from './net';
export { DEFAULT_HUB, NETTING_MODES } from './netting-modes';
export type {
  NettingWindow,
  NettingWindowCloseReason,
  NettingWindowOptions,
  NettingWindowState,
  WindowAddResult,
  WindowCancelResult,
} from './netting-window';
export { createNettingWindow, restoreNettingWindow } from './netting-window';
export type { ObligationLines, ObligationLinesReader } from './obligation-lines';
export { createObligationLinesReader, InvalidObligationLineError } from './obligation-lines';
export type { NettingWindowSnapshot, ObligationJson } from './schemas';
export { NettingWindowSnapshotSchema, ObligationJsonSchema } from './schemas';
export type { DirectedGraphInput, StronglyConnectedComponentsResult } from './strongly-connected-components';
export { stronglyConnectedComponents } from './strongly-connected-components';
export type { GraphSink, GraphSinkOptions, ToGraphOptions } from './to-graph';
export { toGraph } from './to-graph';
export { toNettingJson } from './to-netting-json';
export type {
  CurrencyNettingStats,
  CurrencyNettingStatsJson,
  NetOptions,
  NetPosition,
  NetPositionJson,
  NettingInstruction,
  NettingInstructionJson,
  NettingMode,
  NettingResult,
  NettingResultJson,
  Obligation,
  OptimalityCertificate,
  ParticipantPotential,
} from './types';
export type { NettingVerification } from './verify-netting';
export { verifyNetting } from './verify-netting';
