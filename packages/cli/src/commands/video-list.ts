import type { TaskListQuery } from '@ads/sdk';
import { defineCommand } from '../command.js';
import { formatTable } from '../table.js';

export default defineCommand({
  path: ['video', 'list'],
  summary: "List the workspace's tasks, newest first",
  source: { route: 'videos.listTasks' },
  async run(context) {
    const client = await context.client();
    const page = await client.tasks.list(context.input.query as TaskListQuery);
    context.printer.result(page, () => {
      const rows = page.data.map((task) => [
        task.id,
        task.status,
        task.scene,
        `${task.provider}/${task.model}`,
        task.created_at,
      ]);
      const table = formatTable(['TASK', 'STATUS', 'SCENE', 'MODEL', 'CREATED'], rows);
      return page.next_cursor ? `${table}\nMore: ads video list --cursor ${page.next_cursor}` : table;
    });
  },
});
