import { defineCommand } from '../command.js';

export default defineCommand({
  path: ['video', 'delete-files'],
  summary: "Delete a finished task's stored videos (DELETE /v1/tasks/{id}/videos)",
  description:
    'The task stays, marked with when its files were deleted; running it again changes nothing. Download first with ads video query --task-id ID --out PATH if you want to keep a copy.',
  source: { route: 'videos.deleteVideos' },
  async run(context) {
    const client = await context.client();
    const { id } = context.input.params as { id: string };
    const task = await client.tasks.deleteVideos(id, context.input.query as { workspace_id?: string });
    context.printer.result(task, () => `videos of task ${task.id} deleted at ${task.videos_deleted_at}`);
  },
});
