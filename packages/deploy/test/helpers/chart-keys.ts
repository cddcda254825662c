import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { parse } from 'yaml';

type Node = Record<string, unknown>;
interface SchemaNode {
  properties?: Record<string, SchemaNode>;
  additionalProperties?: boolean | SchemaNode;
}

const isObject = (value: unknown): value is Node =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/**
 * The key paths in `values` that the chart does not know: neither its values.yaml nor its
 * values.schema.json (when it has one) has them. Free-form maps (a `{}` or list default, a
 * schema node without properties, or a path in `freeForm`, like a nodeSelector with a default
 * label) end the walk. `documented` lists keys a chart documents only in a values.yaml comment;
 * cite each where it is passed.
 */
export async function unknownValuesKeys(
  chartDir: string,
  values: Record<string, unknown>,
  { documented = [], freeForm = [] }: { documented?: readonly string[]; freeForm?: readonly string[] } = {},
): Promise<string[]> {
  const defaults = parse(await readFile(join(chartDir, 'values.yaml'), 'utf8')) as Node;
  let schema: SchemaNode | undefined;
  try {
    schema = JSON.parse(await readFile(join(chartDir, 'values.schema.json'), 'utf8')) as SchemaNode;
  } catch {
    schema = undefined;
  }
  const unknown: string[] = [];
  const walk = (value: Node, path: string, yamlNode: unknown, schemaNode: SchemaNode | undefined) => {
    for (const [key, child] of Object.entries(value)) {
      const keyPath = path === '' ? key : `${path}.${key}`;
      const inYaml = isObject(yamlNode) && key in yamlNode;
      const yamlChild = inYaml ? (yamlNode as Node)[key] : undefined;
      const extra = schemaNode?.additionalProperties;
      const schemaChild = schemaNode?.properties?.[key] ?? (isObject(extra) ? (extra as SchemaNode) : undefined);
      if (!inYaml && !schemaChild && !documented.includes(keyPath)) {
        unknown.push(keyPath);
        continue;
      }
      const isFreeForm =
        freeForm.includes(keyPath) ||
        (inYaml && (Array.isArray(yamlChild) || (isObject(yamlChild) && Object.keys(yamlChild).length === 0))) ||
        (!inYaml &&
          schemaChild !== undefined &&
          schemaChild.properties === undefined &&
          !isObject(schemaChild.additionalProperties));
      if (isObject(child) && !isFreeForm) walk(child, keyPath, yamlChild, schemaChild);
    }
  };
  walk(values, '', defaults, schema);
  return unknown;
}
