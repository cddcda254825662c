/** A Deployment and its `kubectl rollout status` verdict. */
export interface DeploymentDiagnosis {
  readonly name: string;
  readonly done: boolean;
  readonly reason: string;
}

/** A pod that is not Ready, with every reason found on it. */
export interface PodDiagnosis {
  readonly name: string;
  readonly phase: string;
  readonly node: string | undefined;
  /** e.g. `container app: CrashLoopBackOff (back-off 10s restarting...)`, `Unschedulable: 0/1 nodes are available...`. */
  readonly reasons: readonly string[];
  /** Containers worth reading logs from (waiting, terminated or restarted). */
  readonly failingContainers: readonly { readonly name: string; readonly previous: boolean }[];
}

export interface EventSummary {
  /** ISO time of the last occurrence, when the event carries one. */
  readonly time: string | undefined;
  readonly type: string;
  readonly reason: string;
  /** `Kind/name` of the object the event is about. */
  readonly object: string;
  readonly message: string;
  readonly count: number;
}

export interface ContainerLogs {
  readonly pod: string;
  readonly container: string;
  /** Logs of the previous (crashed) instance. */
  readonly previous: boolean;
  readonly lines: readonly string[];
}

export interface IngressRuleSummary {
  readonly host: string;
  readonly path: string;
  /** `service:port`, or `resource Kind/name`. */
  readonly backend: string;
}

export interface IngressSummary {
  readonly name: string;
  readonly className: string | undefined;
  /** Load-balancer addresses from the status, empty until the controller publishes them. */
  readonly addresses: readonly string[];
  readonly defaultBackend: string | undefined;
  readonly rules: readonly IngressRuleSummary[];
}

/** Everything gathered to explain why a namespace is not ready; sections that failed are listed in `errors`. */
export interface Diagnostics {
  readonly namespace: string;
  readonly collectedAt: string;
  readonly deployments: readonly DeploymentDiagnosis[];
  readonly pods: readonly PodDiagnosis[];
  readonly events: readonly EventSummary[];
  readonly logs: readonly ContainerLogs[];
  readonly ingresses: readonly IngressSummary[];
  readonly errors: readonly string[];
}
