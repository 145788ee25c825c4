/** One fenced code block of a markdown page, with the prose just before it. */
export interface CodeSample {
  language: string;
  code: string;
  /** The text between the previous block and this one. */
  lead: string;
}

export function codeSamples(markdown: string): CodeSample[] {
  const samples: CodeSample[] = [];
  const fence = /^```(\w*)[^\n]*\n([\s\S]*?)^```\s*$/gm;
  let previousEnd = 0;
  for (const match of markdown.matchAll(fence)) {
    samples.push({
      language: match[1] ?? '',
      code: match[2] ?? '',
      lead: markdown.slice(previousEnd, match.index),
    });
    previousEnd = (match.index ?? 0) + match[0].length;
  }
  return samples;
}

/** The last JSON object a command printed (curl prints one; `node -p` prints lines before it). */
export function lastJsonObject(output: string): Record<string, unknown> | undefined {
  const start = output.lastIndexOf('\n{') >= 0 ? output.lastIndexOf('\n{') + 1 : output.indexOf('{');
  if (start < 0) return undefined;
  try {
    return JSON.parse(output.slice(start)) as Record<string, unknown>;
  } catch {
    return undefined;
  }
}
