/** Settings every HTTP notifier shares. */
export interface HttpSendOptions {
  timeoutMs: number;
}

/** POSTs a body and fails on anything but 2xx, with the receiver's status in the message. */
export async function postJson(url: string, body: string, headers: Record<string, string>, options: HttpSendOptions): Promise<void> {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'user-agent': 'vtrguard-alerts', ...headers },
    body,
    signal: AbortSignal.timeout(options.timeoutMs),
    redirect: 'error',
  });
  // Drain the body so the connection can be reused.
  const text = await response.text();
  if (!response.ok) throw new Error(`HTTP ${response.status} from ${new URL(url).host}: ${text.slice(0, 200)}`);
}
