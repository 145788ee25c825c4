import { cell, code, table } from './markdown.mjs';

const groupTitles = {
  server: 'Server',
  store: 'Store',
  storage: 'Video storage',
  providers: 'Providers',
  tuning: 'Tuning',
};

/** The environment-variable tables, by group; included by the Self-hosting page. */
export function environmentTables(variables) {
  return Object.entries(groupTitles)
    .map(([group, title]) => {
      const rows = variables
        .filter((variable) => variable.group === group)
        .map((variable) => [
          code(variable.name),
          variable.defaultValue === undefined ? '–' : code(variable.defaultValue),
          cell(variable.description),
        ]);
      return `#### ${title}\n\n${table(['Variable', 'Default', 'What it does'], rows)}`;
    })
    .join('\n\n');
}
