/**
 * Settings (issue 19, items 10 and 12), once CLI only: the alert rules (switch on or off, tune), where alerts go
 * (channels: add, change, remove), the seller's carrier API accounts and its Amazon SP-API app credentials (entered,
 * replaced, tested, removed). A stored secret is never shown back — the API masks channel URLs and says of a
 * credential only whether it is set and since when (and, for Amazon, the rotation date and whether Amazon took it
 * last) — so a form field left empty keeps what is stored.
 */
import { ApiError } from '../api.js';
import type { AlertChannel, AlertRule, ChannelInput, CredentialState, OpsApi } from '../ops-api.js';
import { byId, h, replaceChildren } from '../dom.js';
import { dateTime, plural } from '../format.js';

const CARRIER_FIELDS = [
  { name: 'clientId', label: 'Client id' },
  { name: 'clientSecret', label: 'Client secret' },
  { name: 'apiKey', label: 'API key' },
  { name: 'merchantId', label: 'Merchant or account id' },
  { name: 'baseUrl', label: 'API base URL (only for a sandbox or a proxy)' },
] as const;

const CREDENTIAL_NAMES: Readonly<Record<string, string>> = { ups: 'UPS', fedex: 'FedEx', usps: 'USPS', dhl: 'DHL' };

function errorText(error: unknown): string {
  return error instanceof ApiError ? `${error.message} (${error.code})` : error instanceof Error ? error.message : String(error);
}

/** Where a form says how it went: polite, next to the form. */
function statusLine(id: string): HTMLParagraphElement {
  return h('p', { id, class: 'form-status', role: 'status' });
}

function say(line: HTMLElement, text: string, failed = false): void {
  line.textContent = text;
  line.classList.toggle('error', failed);
}

function channelTarget(channel: AlertChannel): string {
  const config = channel.config as Record<string, unknown> | undefined;
  if (!config) return '';
  if (channel.kind === 'email') return `${String(config.from ?? '')} → ${Array.isArray(config.to) ? config.to.join(', ') : ''}`;
  return String(config.url ?? '');
}

export class SettingsView {
  private readonly rulesStatus = statusLine('rules-status');
  private readonly channelsStatus = statusLine('channels-status');
  private readonly credentialsStatus = statusLine('credentials-status');
  private editing: AlertChannel | null = null;
  private amazonConnected = false;
  private readonly channelForm = h('form', { id: 'channel-form', class: 'settings-form', 'aria-labelledby': 'channel-form-title' });
  private readonly credentialForm = h('form', { id: 'credential-form', class: 'settings-form', 'aria-labelledby': 'credential-form-title' });
  private readonly amazonForm = h('form', { id: 'amazon-credential-form', class: 'settings-form', 'aria-labelledby': 'amazon-credential-form-title' });

  constructor(private readonly api: OpsApi) {
    this.renderChannelForm();
    this.renderCredentialForm();
    this.renderAmazonForm(false);
    // The forms' places on the page (index.html holds the section and its lists).
    byId('channels-form-slot').replaceChildren(this.channelForm);
    byId('credentials-form-slot').replaceChildren(this.credentialForm, this.amazonForm);
  }

  async load(): Promise<void> {
    await Promise.all([this.loadRules(), this.loadChannels(), this.loadCredentials()]);
  }

  private async loadRules(): Promise<void> {
    try {
      this.renderRules(await this.api.rules());
    } catch (error) {
      replaceChildren(byId('rules-list'), h('li', { class: 'error' }, errorText(error)));
    }
  }

  private renderRules(rules: readonly AlertRule[]): void {
    const items = rules.map((rule) => {
      const id = `rule-${rule.ruleId}`;
      const enabled = h('input', { type: 'checkbox', id: `${id}-enabled`, checked: rule.enabled });
      const params = Object.entries(rule.params).map(([name, value]) => {
        const input = h('input', { type: 'number', id: `${id}-${name}`, name, value: String(value), min: 0, step: 'any', required: true, inputmode: 'decimal' });
        return { name, input, field: h('div', { class: 'field' }, h('label', { for: `${id}-${name}` }, name), input) };
      });
      const form = h(
        'form',
        { class: 'rule-form', 'data-rule': rule.ruleId, 'aria-labelledby': `${id}-title` },
        h('h4', { id: `${id}-title` }, rule.ruleId),
        rule.description ? h('p', { class: 'muted small' }, rule.description) : null,
        h('div', { class: 'field checkbox' }, enabled, h('label', { for: `${id}-enabled` }, 'On')),
        ...params.map((p) => p.field),
        h('button', { type: 'submit', class: 'button' }, `Save ${rule.ruleId}`),
      );
      form.addEventListener('submit', (event) => {
        event.preventDefault();
        const change = { enabled: enabled.checked, params: Object.fromEntries(params.map((p) => [p.name, Number(p.input.value)])) };
        void this.api.updateRule(rule.ruleId, change).then(
          (saved) => say(this.rulesStatus, `Saved ${saved.ruleId}: ${saved.enabled ? 'on' : 'off'}.`),
          (error: unknown) => say(this.rulesStatus, `${rule.ruleId} not saved: ${errorText(error)}`, true),
        );
      });
      return h('li', {}, form);
    });
    replaceChildren(byId('rules-list'), ...items);
    byId('rules-list').after(this.rulesStatus);
  }

  private async loadChannels(): Promise<void> {
    try {
      this.renderChannels(await this.api.channels());
    } catch (error) {
      replaceChildren(byId('channels-list'), h('li', { class: 'error' }, errorText(error)));
    }
  }

  private renderChannels(channels: readonly AlertChannel[]): void {
    const list = byId('channels-list');
    if (channels.length === 0) {
      replaceChildren(list, h('li', { class: 'muted' }, 'No channel yet: alerts show on this page only.'));
    } else {
      replaceChildren(list, ...channels.map((channel) => {
        const edit = h('button', { type: 'button', class: 'button' }, `Change ${channel.kind} channel ${channel.channelId}`);
        const remove = h('button', { type: 'button', class: 'button danger' }, `Remove ${channel.kind} channel ${channel.channelId}`);
        edit.addEventListener('click', () => {
          this.editing = channel;
          this.renderChannelForm();
          this.channelForm.querySelector<HTMLElement>('input, select')?.focus();
        });
        remove.addEventListener('click', () => {
          if (!window.confirm(`Remove the ${channel.kind} channel ${channel.channelId}? Its unsent alerts go with it.`)) return;
          void this.api.removeChannel(channel.channelId).then(
            () => {
              say(this.channelsStatus, `Removed ${channel.channelId}.`);
              void this.loadChannels();
            },
            (error: unknown) => say(this.channelsStatus, errorText(error), true),
          );
        });
        return h(
          'li',
          { class: 'channel', 'data-channel': channel.channelId },
          h('span', { class: 'channel-kind' }, channel.kind),
          h('span', { class: 'mono channel-target' }, channelTarget(channel)),
          h('span', { class: 'channel-actions' }, edit, remove),
        );
      }));
    }
    list.after(this.channelsStatus);
  }

  /** One form adds a channel or, after "Change", edits one: its secret fields then say that empty keeps them. */
  private renderChannelForm(): void {
    const editing = this.editing;
    const kind = h(
      'select',
      { id: 'channel-kind', name: 'kind', disabled: editing !== null },
      ...['slack', 'webhook', 'email'].map((k) => h('option', { value: k, selected: editing?.kind === k }, k === 'email' ? 'E-mail' : k === 'slack' ? 'Slack' : 'Webhook (signed)')),
    );
    const keep = editing ? 'Leave empty to keep the stored one' : '';
    const field = (name: string, label: string, type: string, kinds: readonly string[], extra: Record<string, string | boolean> = {}) => {
      const input = h('input', { id: `channel-${name}`, name, type, autocomplete: 'off', placeholder: keep && ['url', 'secret', 'smtpUrl'].includes(name) ? keep : '', ...extra });
      const wrap = h('div', { class: 'field', 'data-kinds': kinds.join(' ') }, h('label', { for: `channel-${name}` }, label), input);
      return { name, input, wrap, kinds };
    };
    const config = (editing?.config ?? {}) as Record<string, unknown>;
    const fields = [
      field('url', 'URL (its token is kept secret)', 'url', ['slack', 'webhook']),
      field('secret', 'Signing secret, 16 characters or more', 'password', ['webhook']),
      field('smtpUrl', 'SMTP URL (smtps://user:password@host)', 'password', ['email']),
      field('from', 'From address', 'email', ['email'], { value: String(config.from ?? '') }),
      field('to', 'To addresses, comma-separated', 'text', ['email'], { value: Array.isArray(config.to) ? config.to.join(', ') : '' }),
    ];
    const showKind = (): void => {
      for (const f of fields) f.wrap.hidden = !f.kinds.includes(kind.value);
    };
    kind.addEventListener('change', showKind);
    showKind();
    const cancel = h('button', { type: 'button', class: 'button', hidden: editing === null }, 'Cancel the change');
    cancel.addEventListener('click', () => {
      this.editing = null;
      this.renderChannelForm();
    });
    replaceChildren(
      this.channelForm,
      h('h4', { id: 'channel-form-title' }, editing ? `Change channel ${editing.channelId}` : 'Add a channel'),
      h('div', { class: 'field' }, h('label', { for: 'channel-kind' }, 'Kind'), kind),
      ...fields.map((f) => f.wrap),
      h('button', { type: 'submit', class: 'button primary' }, editing ? 'Save the channel' : 'Add the channel'),
      cancel,
    );
    this.channelForm.onsubmit = (event) => {
      event.preventDefault();
      const input: Record<string, unknown> = editing ? {} : { kind: kind.value };
      for (const f of fields) {
        if (!f.kinds.includes(kind.value)) continue;
        const value = f.input.value.trim();
        if (value === '') continue;
        input[f.name] = f.name === 'to' ? value.split(',').map((a) => a.trim()).filter(Boolean) : value;
      }
      const saving = editing ? this.api.updateChannel(editing.channelId, input as ChannelInput) : this.api.addChannel(input as ChannelInput);
      void saving.then(
        (saved) => {
          say(this.channelsStatus, `${editing ? 'Saved' : 'Added'} ${saved.kind} channel ${saved.channelId}.`);
          this.editing = null;
          this.renderChannelForm();
          void this.loadChannels();
        },
        (error: unknown) => say(this.channelsStatus, `Not saved: ${errorText(error)}`, true),
      );
    };
  }

  private async loadCredentials(): Promise<void> {
    try {
      this.renderCredentials(await this.api.credentials());
    } catch (error) {
      replaceChildren(byId('credentials-list'), h('li', { class: 'error' }, errorText(error)));
    }
  }

  private renderCredentials(states: readonly CredentialState[]): void {
    const list = byId('credentials-list');
    replaceChildren(list, ...states.map((state) => (state.name === 'amazon' ? this.amazonItem(state) : this.carrierItem(state))));
    list.after(this.credentialsStatus);
    const connected = states.some((state) => state.name === 'amazon' && state.set);
    // Only its title and button change with the connection: what is being typed (and the focus) stays otherwise.
    if (connected !== this.amazonConnected) this.renderAmazonForm(connected);
  }

  private carrierItem(state: CredentialState): HTMLLIElement {
    const name = CREDENTIAL_NAMES[state.name] ?? state.name;
    const forget = state.set ? h('button', { type: 'button', class: 'button danger' }, `Forget the ${name} account`) : null;
    forget?.addEventListener('click', () => {
      void this.api.removeCarrierCredentials(state.name).then(
        () => {
          say(this.credentialsStatus, `Forgot the ${name} account.`);
          void this.loadCredentials();
        },
        (error: unknown) => say(this.credentialsStatus, errorText(error), true),
      );
    });
    return h(
      'li',
      { class: 'credential', 'data-credential': state.name },
      h('span', { class: 'credential-name' }, name),
      h('span', {}, state.set ? `Set · changed ${dateTime(state.updatedAt)}` : 'Not set'),
      forget,
    );
  }

  /** Amazon's line: connected or not, where, until when its secret lasts, whether Amazon took it last; test or remove. */
  private amazonItem(state: CredentialState): HTMLLIElement {
    const connection = state.connection;
    if (!state.set || !connection) {
      return h('li', { class: 'credential', 'data-credential': 'amazon' }, h('span', { class: 'credential-name' }, 'Amazon SP-API'), h('span', {}, 'Not connected'));
    }
    const rotation = connection.rotation;
    const due = rotation.dueAt.slice(0, 10);
    const check = connection.lastCheck;
    const test = h('button', { type: 'button', class: 'button' }, 'Test the Amazon connection');
    const remove = h('button', { type: 'button', class: 'button danger' }, 'Disconnect Amazon');
    test.addEventListener('click', () => {
      say(this.credentialsStatus, 'Testing: asking Amazon for a token and the marketplace list…');
      void this.api.testAmazonConnection().then(
        (result) => {
          say(this.credentialsStatus, result.ok ? 'Amazon accepts the credentials.' : `Amazon refused the credentials: ${result.message ?? ''}`, !result.ok);
          void this.loadCredentials();
        },
        (error: unknown) => say(this.credentialsStatus, errorText(error), true),
      );
    });
    remove.addEventListener('click', () => {
      if (!window.confirm('Disconnect Amazon? Syncing and sending confirmations stop until credentials are entered again; what was synced stays.')) return;
      void this.api.removeAmazonCredentials().then(
        () => {
          say(this.credentialsStatus, 'Disconnected Amazon: its credentials are deleted.');
          void this.loadCredentials();
        },
        (error: unknown) => say(this.credentialsStatus, errorText(error), true),
      );
    });
    return h(
      'li',
      { class: 'credential', 'data-credential': 'amazon' },
      h('span', { class: 'credential-name' }, 'Amazon SP-API'),
      h(
        'span',
        { class: 'credential-facts' },
        `Set · changed ${dateTime(state.updatedAt)} · ${connection.marketplaces.join(', ') || 'no marketplace'}`,
        h('br'),
        h('span', { class: rotation.warn ? 'form-status error' : '' }, rotation.daysLeft < 0
          ? `The client secret was due for rotation on ${due}: rotate it in Seller Central and enter the new one.`
          : `Rotate the client secret by ${due} (${plural(rotation.daysLeft, 'day')} left).`),
        h('br'),
        check === null
          ? 'Not used since it was entered.'
          : check.ok
            ? `Amazon accepted them ${dateTime(check.checkedAt)}.`
            : h('span', { class: 'form-status error' }, `Amazon refuses them since ${dateTime(check.since)}: ${check.message ?? ''}`),
      ),
      h('span', { class: 'channel-actions' }, test, remove),
    );
  }

  /**
   * Entering Amazon's app credentials: Amazon checks them before they are stored. Replacing them (a rotated secret)
   * takes all three again: they are stored as one sealed value.
   */
  private renderAmazonForm(connected: boolean): void {
    this.amazonConnected = connected;
    const text = (name: string, label: string, type: string, extra: Record<string, string | boolean> = {}) => {
      const input = h('input', { id: `amazon-${name}`, name, type, autocomplete: 'off', ...extra });
      return { name, input, field: h('div', { class: 'field' }, h('label', { for: `amazon-${name}` }, label), input) };
    };
    const fields = [
      text('clientId', 'LWA client id', 'text', { required: true, spellcheck: false }),
      text('clientSecret', 'LWA client secret', 'password', { required: true }),
      text('refreshToken', 'Refresh token (from authorising the app)', 'password', { required: true }),
    ];
    const region = h(
      'select',
      { id: 'amazon-region', name: 'region' },
      h('option', { value: 'na' }, 'North America (US, CA, MX, BR)'),
      h('option', { value: 'eu' }, 'Europe (UK, DE, FR, IT, ES, …, IN)'),
      h('option', { value: 'fe' }, 'Far East (JP, AU, SG)'),
    );
    const created = text('secretCreatedAt', 'When the client secret was created (its 180 days count from then; today if empty)', 'date');
    replaceChildren(
      this.amazonForm,
      h('h4', { id: 'amazon-credential-form-title' }, connected ? 'Replace the Amazon credentials' : 'Connect Amazon (SP-API app credentials)'),
      h('p', { class: 'muted small' }, 'Amazon checks them first; then they are stored encrypted and never shown again.'),
      ...fields.map((f) => f.field),
      h('div', { class: 'field' }, h('label', { for: 'amazon-region' }, 'Region'), region),
      created.field,
      h('button', { type: 'submit', class: 'button primary' }, connected ? 'Check and replace' : 'Check and connect'),
    );
    this.amazonForm.onsubmit = (event) => {
      event.preventDefault();
      const body = {
        clientId: fields[0]!.input.value.trim(),
        clientSecret: fields[1]!.input.value.trim(),
        refreshToken: fields[2]!.input.value.trim(),
        region: region.value as 'na' | 'eu' | 'fe',
        ...(created.input.value ? { secretCreatedAt: created.input.value } : {}),
      };
      say(this.credentialsStatus, 'Checking the credentials with Amazon…');
      void this.api.setAmazonCredentials(body).then(
        (state) => {
          // The values leave the page as soon as they are stored.
          for (const f of [...fields, created]) f.input.value = '';
          say(this.credentialsStatus, `Connected to Amazon: ${state.connection?.marketplaces.join(', ') ?? ''}.`);
          void this.loadCredentials();
        },
        (error: unknown) => say(this.credentialsStatus, `Not connected: ${errorText(error)}`, true),
      );
    };
  }

  private renderCredentialForm(): void {
    const carrier = h('select', { id: 'credential-carrier', name: 'carrier' }, ...['ups', 'fedex', 'usps', 'dhl'].map((c) => h('option', { value: c }, CREDENTIAL_NAMES[c] ?? c)));
    const inputs = CARRIER_FIELDS.map((f) => ({
      name: f.name,
      input: h('input', { id: `credential-${f.name}`, name: f.name, type: f.name === 'baseUrl' ? 'url' : 'password', autocomplete: 'off' }),
      label: f.label,
    }));
    replaceChildren(
      this.credentialForm,
      h('h4', { id: 'credential-form-title' }, 'Set a carrier API account'),
      h('p', { class: 'muted small' }, 'Stored encrypted and never shown again; it replaces the account the server\'s environment gives for this seller.'),
      h('div', { class: 'field' }, h('label', { for: 'credential-carrier' }, 'Carrier'), carrier),
      ...inputs.map((i) => h('div', { class: 'field' }, h('label', { for: `credential-${i.name}` }, i.label), i.input)),
      h('button', { type: 'submit', class: 'button primary' }, 'Save the account'),
    );
    this.credentialForm.onsubmit = (event) => {
      event.preventDefault();
      const body = Object.fromEntries(inputs.filter((i) => i.input.value.trim() !== '').map((i) => [i.name, i.input.value.trim()]));
      void this.api.setCarrierCredentials(carrier.value, body).then(
        (state) => {
          // The values leave the page as soon as they are stored.
          for (const i of inputs) i.input.value = '';
          say(this.credentialsStatus, `Saved the ${CREDENTIAL_NAMES[state.name] ?? state.name} account.`);
          void this.loadCredentials();
        },
        (error: unknown) => say(this.credentialsStatus, `Not saved: ${errorText(error)}`, true),
      );
    };
  }
}
