import { Command } from 'commander';
import { configJsonSchema } from '../config/json-schema.js';
import type { CommandFactory } from './command.js';

/** `prload schema`: prints the config's JSON Schema, for editors and CI linting of config files. */
export const schemaCommand: CommandFactory = (io) =>
  new Command('schema').description('print the JSON Schema of prload.config.yaml').action(() => {
    io.stdout(`${JSON.stringify(configJsonSchema(), null, 2)}\n`);
  });
