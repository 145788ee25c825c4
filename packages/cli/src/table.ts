/** Left-aligned columns separated by two spaces, headers first. */
export function formatTable(headers: string[], rows: string[][]): string {
  return fitTable(headers, rows, { width: Number.POSITIVE_INFINITY, shrink: [] });
}

/** Shortens a cell to `width` characters, with an ellipsis where it was cut. */
function clip(cell: string, width: number): string {
  return cell.length <= width ? cell : `${cell.slice(0, Math.max(width - 1, 0))}…`;
}

/**
 * A table no wider than `width`: the `shrink` columns, in order, give up characters (down to their
 * header's width) until the lines fit; their cells are clipped with an ellipsis.
 */
export function fitTable(
  headers: string[],
  rows: string[][],
  fit: { width: number; shrink: readonly number[] },
): string {
  const widths = headers.map((header, column) =>
    Math.max(header.length, ...rows.map((row) => (row[column] ?? '').length)),
  );
  const total = () => widths.reduce((sum, width) => sum + width, 0) + 2 * (widths.length - 1);
  for (const column of fit.shrink) {
    const excess = total() - fit.width;
    if (excess <= 0) break;
    const floor = headers[column]?.length ?? 0;
    widths[column] = Math.max(floor, (widths[column] ?? 0) - excess);
  }
  const line = (cells: string[]) =>
    cells
      .map((cell, column) => clip(cell, widths[column] ?? 0).padEnd(widths[column] ?? 0))
      .join('  ')
      .trimEnd();
  return [line(headers), ...rows.map(line)].join('\n');
}
