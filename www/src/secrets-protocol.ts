// Messages between the Machine configs section and its worker (secrets-worker.ts).

export interface CompleteNode { key: string; role: 'controlplane' | 'worker'; hostname: string; config: string }
export interface MachineConfigs { nodes: CompleteNode[]; talosconfig: string }

export type WorkerRequest =
  | { id: number; kind: 'generate'; talosVersion: string }
  | { id: number; kind: 'check'; bundle: string }
  | { id: number; kind: 'configs'; source: string; bundle: string };

export type WorkerReply =
  | { id: number; kind: 'progress'; step: number; steps: number; what: string }
  | { id: number; kind: 'bundle'; bundle: string; ms: number }
  | { id: number; kind: 'configs'; configs: MachineConfigs }
  | { id: number; kind: 'error'; name: string; message: string };
