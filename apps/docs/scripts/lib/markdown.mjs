// Small helpers for writing markdown that VitePress renders as written: table cells that cannot
// break the table, and text that Vue does not read as a template.

/** Text for one table cell: no line breaks, no bare pipes, no angle brackets outside `code`. */
export function cell(text) {
  return String(text ?? '')
    .replace(/\r?\n+/g, ' ')
    .split('`')
    .map((part, index) => (index % 2 ? part : part.replace(/</g, '&lt;').replace(/>/g, '&gt;')))
    .join('`')
    .replace(/\|/g, '\\|');
}

/** Inline code that survives a table cell. */
export function code(text) {
  return `<code>${String(text).replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/\|/g, '&#124;')}</code>`;
}

export function table(headers, rows) {
  if (rows.length === 0) return '';
  const line = (cells) => `| ${cells.join(' | ')} |`;
  return [line(headers), line(headers.map(() => '---')), ...rows.map(line)].join('\n');
}

export function fence(language, text) {
  return `\`\`\`${language}\n${text.replace(/\n$/, '')}\n\`\`\``;
}

/** A page whose body Vue leaves alone (`{{ }}` in a schema description stays text). */
export function page({ title, description, body }) {
  const front = ['---', `title: ${JSON.stringify(title)}`];
  if (description) front.push(`description: ${JSON.stringify(description)}`);
  front.push('---');
  return `${front.join('\n')}\n\n::: v-pre\n\n${body.trim()}\n\n:::\n`;
}

/** A generated page's note on where it comes from. */
export function generatedFrom(source) {
  return `::: info Generated\nThis page is generated at build time from ${source}; it changes when the code does.\n:::`;
}

export function kebab(text) {
  return text
    .replace(/([a-z0-9])([A-Z])/g, '$1-$2')
    .replace(/[^A-Za-z0-9]+/g, '-')
    .replace(/^-|-$/g, '')
    .toLowerCase();
}
