import type { RestTask } from '@ads/sdk/console';
import { useEffect, useState } from 'react';
import { api } from '../api';
import { isFinished } from './vocabulary';

/**
 * The task as it changes: its event stream (`GET /v1/tasks/{id}/events`, the session cookie is the
 * credential), and a read every 5 s should the stream drop. `live` false keeps the task as given.
 */
export function useLiveTask(initial: RestTask | undefined, live = true): RestTask | undefined {
  const [task, setTask] = useState(initial);
  useEffect(() => setTask(initial), [initial]);
  const id = initial?.id;
  const watching = live && initial !== undefined && !isFinished(initial);
  useEffect(() => {
    if (!watching || !id) return;
    let stopped = false;
    const workspace = initial?.workspace_id
      ? `?workspace_id=${encodeURIComponent(initial.workspace_id)}`
      : '';
    const source = new EventSource(`/v1/tasks/${encodeURIComponent(id)}/events${workspace}`);
    const take = (next: RestTask) => {
      if (stopped) return;
      setTask(next);
      if (isFinished(next)) stop();
    };
    source.addEventListener('task', (event) =>
      take(JSON.parse((event as MessageEvent<string>).data) as RestTask),
    );
    const poll = window.setInterval(() => {
      if (source.readyState !== EventSource.OPEN)
        api.tasks.get(id, { workspace_id: initial?.workspace_id }).then(take, () => undefined);
    }, 5000);
    function stop() {
      stopped = true;
      source.close();
      window.clearInterval(poll);
    }
    return stop;
  }, [id, watching, initial?.workspace_id]);
  return task;
}
