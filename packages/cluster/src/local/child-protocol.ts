/** Messages from the local cluster to a child process. */
export type ChildCommand =
  | { readonly type: 'start-echo'; readonly text: string; readonly port?: number }
  | { readonly type: 'start-router'; readonly port?: number }
  | { readonly type: 'set-route'; readonly host: string; readonly upstreams: readonly string[] };

/** Messages from a child process back to the local cluster. */
export type ChildEvent =
  | { readonly type: 'ready' }
  | { readonly type: 'listening'; readonly url: string }
  | { readonly type: 'route-set'; readonly host: string }
  | { readonly type: 'error'; readonly message: string };
