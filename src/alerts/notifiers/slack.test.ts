import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { LOCAL_RECEIVERS, startReceiver } from '../testing.js';
import type { Receiver } from '../testing.js';
import { SAMPLE_EVENT } from './notifiers.fixture.js';
import { sendSlack, slackMessage } from './slack.js';

describe('Slack-compatible notifier', () => {
  let receiver: Receiver;
  beforeEach(async () => { receiver = await startReceiver(); });
  afterEach(async () => { await receiver.close(); });

  it('posts {text, blocks} with the dashboard link', async () => {
    await sendSlack(SAMPLE_EVENT, { url: receiver.url }, { timeoutMs: 2000, targets: LOCAL_RECEIVERS });
    const body = JSON.parse(receiver.requests[0]?.body ?? '') as { text: string; blocks: { type: string }[] };
    expect(Object.keys(body).sort()).toEqual(['blocks', 'text']);
    expect(body.text).toContain('ALERT: VTR Toys & Games (US)');
    expect(body.text).toContain(SAMPLE_EVENT.url);
    expect(body.blocks.map((b) => b.type)).toEqual(['section', 'context']);
    expect(JSON.stringify(body.blocks)).toContain(`<${SAMPLE_EVENT.url}|Open in the vtrguard dashboard>`);
  });

  it('escapes mrkdwn control characters in titles and messages', () => {
    const message = slackMessage({ ...SAMPLE_EVENT, level: 'ok', title: 'A <b> & c', message: 'x > y' });
    const section = JSON.stringify(message.blocks[0]);
    expect(section).toContain('RESOLVED: A &lt;b&gt; &amp; c');
    expect(section).toContain('x &gt; y');
  });
});
