import { defineCommand } from '../command.js';
import { configPath, removeConfig } from '../config.js';

export default defineCommand({
  path: ['logout'],
  summary: 'Forget the saved host, API key and admin token',
  output: { fields: { configPath: 'The config file removed.', removed: 'Always true.' } },
  async run(context) {
    const file = configPath(context.environment);
    removeConfig(file);
    context.printer.result({ configPath: file, removed: true }, () => `Removed ${file}`);
  },
});
