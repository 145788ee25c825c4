import { Table } from '@mantine/core';
import type { ReactNode } from 'react';
import { TableScroll } from './table-scroll';

export interface Column<Row> {
  header: ReactNode;
  cell: (row: Row) => ReactNode;
}

/** A list as a table: one header row, one row per item, scrolling sideways on a narrow screen. */
export function DataTable<Row>({
  label,
  rows,
  columns,
  rowKey,
  testId,
}: {
  label: string;
  rows: readonly Row[];
  columns: Column<Row>[];
  rowKey: (row: Row) => string;
  testId?: string;
}) {
  return (
    <TableScroll label={label}>
      <Table data-testid={testId}>
        <Table.Thead>
          <Table.Tr>
            {columns.map((column, index) => (
              // biome-ignore lint/suspicious/noArrayIndexKey: the columns are fixed for the table's life
              <Table.Th key={index}>{column.header}</Table.Th>
            ))}
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {rows.map((row) => (
            <Table.Tr key={rowKey(row)}>
              {columns.map((column, index) => (
                // biome-ignore lint/suspicious/noArrayIndexKey: the columns are fixed for the table's life
                <Table.Td key={index}>{column.cell(row)}</Table.Td>
              ))}
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </TableScroll>
  );
}
