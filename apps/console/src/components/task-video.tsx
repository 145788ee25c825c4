import type { RestTask } from '@ads/sdk/console';
import { AspectRatio, Center, Progress, Stack, Text } from '@mantine/core';

/** The task's first video, playable inline from the gateway's storage; else where the task stands. */
export function TaskVideo({ task, autoPlay = false }: { task: RestTask; autoPlay?: boolean }) {
  const video = task.videos[0];
  if (task.status === 'success' && video) {
    return (
      <AspectRatio ratio={video.width && video.height ? video.width / video.height : 16 / 9}>
        <video
          src={video.url}
          controls
          muted
          loop
          playsInline
          autoPlay={autoPlay}
          preload="metadata"
          aria-label={`Video of task ${task.id.slice(0, 8)}`}
          style={{ width: '100%', height: '100%', background: 'black', borderRadius: 8 }}
        />
      </AspectRatio>
    );
  }
  return (
    <AspectRatio ratio={16 / 9}>
      <Center bg="var(--mantine-color-default-hover)" style={{ borderRadius: 8 }}>
        <Stack gap={6} align="center" w="70%">
          <Text size="sm">
            {task.status === 'success' && task.videos_deleted_at
              ? 'video deleted'
              : (task.error?.message ?? task.status)}
          </Text>
          {!['success', 'failed', 'canceled'].includes(task.status) && (
            <Progress
              w="100%"
              value={task.progress ?? 0}
              animated
              aria-label={`Progress of task ${task.id.slice(0, 8)}`}
            />
          )}
        </Stack>
      </Center>
    </AspectRatio>
  );
}
