/**
 * fal's request URLs. Submit goes to the full endpoint id; status, result and cancel live under
 * the owner and app only (`fal-ai/kling-video/requests/{id}`), as fal's own clients compute them.
 */
export function falAppRoot(endpointId: string): string {
  const parts = endpointId.split('/');
  if (parts.length === 1) {
    const legacy = /^(\d+)-([a-zA-Z0-9-]+)$/.exec(endpointId);
    if (legacy) return `${legacy[1]}/${legacy[2]}`;
    return endpointId;
  }
  const namespaced = parts[0] === 'workflows' || parts[0] === 'comfy';
  return parts.slice(0, namespaced ? 3 : 2).join('/');
}

export interface FalRequestUrls {
  statusUrl: string;
  responseUrl: string;
  cancelUrl: string;
}

/**
 * The URLs of a queued request: the ones fal returned when they point at the queue we submitted to
 * (so the key never leaves for another host), else the owner/app rule.
 */
export function falRequestUrls(
  queueURL: string,
  endpointId: string,
  requestId: string,
  returned: { status_url?: unknown; response_url?: unknown; cancel_url?: unknown },
): FalRequestUrls {
  const origin = new URL(queueURL).origin;
  const base = `${queueURL}/${falAppRoot(endpointId)}/requests/${encodeURIComponent(requestId)}`;
  const trusted = (value: unknown, fallback: string) => {
    if (typeof value !== 'string') return fallback;
    try {
      return new URL(value).origin === origin ? value : fallback;
    } catch {
      return fallback;
    }
  };
  return {
    statusUrl: trusted(returned.status_url, `${base}/status`),
    responseUrl: trusted(returned.response_url, base),
    cancelUrl: trusted(returned.cancel_url, `${base}/cancel`),
  };
}
