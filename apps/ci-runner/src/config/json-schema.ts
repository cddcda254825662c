import { z } from 'zod';
import { ConfigSchema } from './schema.js';

type JsonSchema = {
  properties?: Record<string, JsonSchema>;
  items?: JsonSchema;
  [key: string]: unknown;
};

/**
 * The JSON Schema of `prload.config.yaml`, generated from the same definition
 * that validates it, so editors autocomplete exactly what prload accepts.
 */
export function configJsonSchema(): JsonSchema {
  const schema = z.toJSONSchema(ConfigSchema, { io: 'input', unrepresentable: 'any' }) as JsonSchema;
  return {
    ...schema,
    $id: 'https://github.com/prload/prload/blob/main/schema/prload.config.schema.json',
    title: 'prload pipeline config',
  };
}

let cached: JsonSchema | undefined;

/** The keys a config object may hold at a key path (for "did you mean" hints). */
export function knownKeys(path: readonly PropertyKey[]): string[] {
  cached ??= configJsonSchema();
  let node: JsonSchema | undefined = cached;
  for (const segment of path) {
    node = typeof segment === 'number' ? node?.items : node?.properties?.[String(segment)];
  }
  return Object.keys(node?.properties ?? {});
}
