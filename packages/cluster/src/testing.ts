// `@prload/cluster/testing`: seams for tests (and `prload run --dry-run`) — an executor that records
// commands instead of running them, and the local provider's echo server and Host router on their own.
export type { EchoServer, EchoServerOptions } from './local/echo-server.js';
export { startEchoServer } from './local/echo-server.js';
export type { HostRouter, HostRouterOptions } from './local/host-router.js';
export { startHostRouter } from './local/host-router.js';
export type {
  CannedResponse,
  CannedResult,
  CommandMatcher,
  RecordedCommand,
  RecordingExecutor,
  RecordingExecutorOptions,
} from './recording-executor.js';
export { createRecordingExecutor } from './recording-executor.js';
