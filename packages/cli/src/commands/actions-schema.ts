import { defineCommand } from '../command.js';

export default defineCommand({
  path: ['actions', 'schema'],
  summary: "Print an action's input and output JSON Schema",
  arguments: [{ name: 'name', description: 'The action, e.g. ai.video.generate_and_wait' }],
  examples: ['ads actions schema ai.video.generate_and_wait'],
  output: { route: 'actions.schema' },
  async run(context) {
    const client = await context.client();
    const schema = await client.actions.schema(context.args[0] as string);
    context.printer.result(schema, () => JSON.stringify(schema, null, 2));
  },
});
