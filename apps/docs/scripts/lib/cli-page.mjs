import { endpointSlug } from './api-pages.mjs';
import { cell, code, fence, generatedFrom, kebab, page, table } from './markdown.mjs';
import { fieldsTable } from './schema-fields.mjs';

function flagsTable(command) {
  return table(
    ['Flag', 'Description', 'Request field'],
    command.flags.map((flag) => [
      code(flag.flags) + (flag.required ? ' (required)' : ''),
      [
        cell(flag.description),
        flag.choices ? `One of ${flag.choices.map((choice) => code(choice)).join(', ')}.` : '',
        flag.defaultValue === undefined ? '' : `Default ${code(JSON.stringify(flag.defaultValue))}.`,
      ]
        .filter(Boolean)
        .join(' '),
      flag.field
        ? code(`${flag.field.group === 'body' ? '' : `${flag.field.group}.`}${flag.field.name}`)
        : 'CLI',
    ]),
  );
}

function outputSection(command, { openApiResponse }) {
  const output = command.output;
  if (!output) return '';
  if (output.video) {
    return `With \`--json\`: the [video document](#the-video-document).`;
  }
  if (output.fields) {
    return `With \`--json\`:\n\n${table(
      ['Field', 'What it holds'],
      Object.entries(output.fields).map(([name, text]) => [code(name), cell(text)]),
    )}`;
  }
  const { method, path, schema } = openApiResponse(command.calls);
  const link = `[${method} ${path}](./api/${endpointSlug(schema.operationId)}.md)`;
  return `With \`--json\`: the gateway's answer to ${link}, as it sends it.\n\n<details><summary>Fields</summary>\n\n${fieldsTable(schema.response)}\n\n</details>`;
}

function commandSection(command, context) {
  const parts = [
    `## ${command.name}`,
    cell(command.description),
    fence('sh', command.usage),
    command.calls ? `Calls ${code(`${command.calls.method} ${command.calls.path}`)}.` : '',
    command.arguments.length
      ? table(
          ['Argument', 'Description'],
          command.arguments.map((argument) => [code(argument.name), cell(argument.description)]),
        )
      : '',
    command.flags.length ? flagsTable(command) : '',
    outputSection(command, context),
    command.examples.length ? `Examples:\n\n${fence('sh', command.examples.join('\n'))}` : '',
  ];
  return parts.filter(Boolean).join('\n\n');
}

/** The CLI reference page, from `cliReference()` and the contract's schemas. */
export function cliPage(reference, context) {
  const groups = [...new Set(reference.commands.map((command) => command.path.slice(0, -1).join(' ')))];
  const body = [
    '# CLI reference',
    '`ads` talks to a gateway through the SDK. `ads login` saves the host and key to `$XDG_CONFIG_HOME/ads/config.json` (else `~/.config/ads/config.json`, mode 0600); `ADS_HOST`, `ADS_API_KEY` and `ADS_ADMIN_TOKEN` override the saved values. From the repository, run it as `pnpm ads ...`.',
    'Every flag marked with a request field is read off the contract’s schemas when the CLI is built: its type, choices, default and description are the API’s own. `ads <command> --help` prints the same.',
    '## Commands',
    table(
      ['Command', 'What it does'],
      reference.commands.map((command) => [
        `[${code(command.name)}](#${kebab(command.name)})`,
        cell(command.summary),
      ]),
    ),
    groups
      .filter(Boolean)
      .map((group) => `- ${code(`ads ${group}`)}: ${cell(reference.groups[group] ?? '')}`)
      .join('\n'),
    '## Exit codes',
    table(
      ['Code', 'Meaning'],
      reference.exitCodes.map((entry) => [String(entry.code), cell(entry.meaning)]),
    ),
    '## Output',
    '`--json` prints exactly one JSON document on stdout, errors included, and nothing else; notes, progress and errors otherwise go to stderr. Without `--json`, a live status line (status, progress, elapsed time) is drawn on stderr when it is a terminal, one plain line per status change elsewhere.',
    '### The video document',
    '`ads video generate`, `ads video query` and `ads video cancel` print the guide’s shape (plus `error` when the task failed or the wait timed out):',
    fieldsTable(context.videoSchema),
    '### Errors',
    'A failed command prints `{ "error": { "code", "message", "hint"?, "status"?, "issues"?, "details"?, "requestId"? } }` under `--json`; `code` is the gateway’s error code, or the CLI’s own (`usage_error`, `not_logged_in`, `no_admin_token`, `connection_error`, `wait_timeout`, …).',
    ...reference.commands.map((command) => commandSection(command, context)),
    generatedFrom('the CLI’s command definitions (`@ads/cli/reference`, the commander program `ads` runs)'),
  ];
  return page({
    title: 'CLI reference',
    description: 'Every ads command, flag and exit code',
    body: body.join('\n\n'),
  });
}
