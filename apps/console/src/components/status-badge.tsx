import type { TaskStatus } from '@ads/sdk/console';
import { Badge } from '@mantine/core';

const colors: Record<TaskStatus, string> = {
  pending: 'gray',
  running: 'blue',
  success: 'green',
  failed: 'red',
  canceled: 'orange',
};

/** A task's status: the word in the page's own text colour, the colour in the dot. */
export function StatusBadge({ status }: { status: TaskStatus }) {
  return (
    <Badge variant="dot" color={colors[status]} c="var(--mantine-color-text)">
      {status}
    </Badge>
  );
}
